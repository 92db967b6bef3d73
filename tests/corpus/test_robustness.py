"""Encodings, line ends, truncated copies, bad input and layouts the five sources do not have."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.corpus.parser import parse_bytes, parse_file, parse_text
from ipdesk.corpus.textrepair import InputError
from tests.conftest import SOURCES

BAOTOU = SOURCES / "neimenggu-baotou_2025-42.txt"
NEIMENGGU = SOURCES / "neimenggu_2024-48.txt"


def _summary(doc):
    return doc.to_json(), [(c.category, c.level, c.text) for c in doc.clauses]


@pytest.mark.parametrize("path", sorted(SOURCES.glob("*.txt")), ids=lambda p: p.name)
def test_gb18030_crlf_and_bom_give_the_same_result(path):
    text = path.read_text(encoding="utf-8")
    reference = _summary(parse_bytes(text.encode("utf-8")))
    assert _summary(parse_bytes(text.replace("\n", "\r\n").encode("gb18030"))) == reference
    assert _summary(parse_bytes(text.encode("gbk"))) == reference
    assert _summary(parse_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))) == reference


def test_truncated_copy_reports_the_cut_statement_as_a_warning():
    text = BAOTOU.read_text(encoding="utf-8")
    cut = text.index("旗县区知识产权风险预测预警")  # inside the second 公共服务 statement
    full = parse_text(text)
    doc = parse_text(text[:cut])
    complete = [c.text for c in full.clauses if c.end <= full.full_text.index("将旗县区知识产权公共服务体系建设")]
    assert [c.text for c in doc.clauses] == complete
    assert any("截断" in w for w in doc.warnings)
    assert all(c.text.endswith("。") for c in doc.clauses)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n  \r\n", "文件为空"),
        (bytes(range(256)) * 20, "不是文本文件"),
        ("这是一份普通的通知，没有划分条款。\n请各单位认真落实。".encode(), "没有找到任何财政事权划分条款"),
        ("知识产权领域的保障措施：要根据财政事权和支出责任划分，合理安排预算。".encode(), "没有找到"),
    ],
)
def test_bad_input_is_one_clear_error(data, message):
    with pytest.raises(InputError, match=message):
        parse_bytes(data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"\x00\x01\x02binary\x00" * 100, "不是文本文件"),
        ("没有任何条款。".encode(), "没有找到任何财政事权划分条款"),
    ],
)
def test_cli_bad_input_one_line_nonzero_exit(tmp_path, content, message):
    path = tmp_path / "坏 文件.txt"
    path.write_bytes(content)
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "parse", str(path), "--json"], capture_output=True, timeout=60
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert proc.stdout == b""


def test_cli_missing_file(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "parse", str(tmp_path / "无此文件.txt")], capture_output=True, timeout=60
    )
    assert proc.returncode == 1 and "文件不存在" in proc.stderr.decode("utf-8")


def test_whole_body_on_one_line():
    text = BAOTOU.read_text(encoding="utf-8")
    split = text.index("包头市知识产权领域市本级与旗县区 财政事权和支出责任划分改革实施方案\n")
    one_line = text[:split] + text[split:].replace("\n", "")
    reference, doc = parse_text(text), parse_text(one_line)
    assert [(c.category, c.level, c.place, c.text) for c in doc.clauses] == [
        (c.category, c.level, c.place, c.text) for c in reference.clauses
    ]
    assert (doc.doc_no, doc.region, doc.upper_level, doc.lower_level) == (
        "包府办发〔2025〕42号",
        "包头市",
        "市本级",
        "旗县区",
    )


def test_web_page_metadata_table_above_the_text():
    body = BAOTOU.read_text(encoding="utf-8")
    body = body[body.index("包头市知识产权领域市本级与旗县区 财政事权") :]
    page = (
        "索引号：11150200011527567Q/2025-00123\t主题分类：财政\n"
        "发文机关：包头市人民政府办公室\n"
        "成文日期：2025年06月26日\n"
        "标　　题：包头市人民政府办公室关于印发包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案的通知\n"
        "发文字号：包府办发﹝2025﹞42 号\n"
        "发布日期：2025年07月08日\n\n" + body
    )
    doc = parse_text(page)
    assert doc.doc_no == "包府办发〔2025〕42号"
    assert doc.date == "2025-06-26"
    assert doc.issuers == ["包头市人民政府办公室"]
    assert doc.title == "包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案"
    assert (doc.region, doc.province) == ("包头市", "内蒙古自治区")
    assert len(doc.clauses) == len(parse_text(BAOTOU.read_text(encoding="utf-8")).clauses)


def test_numbered_categories_without_a_main_content_part():
    """一、二、… are the categories themselves; 保障措施 still produces nothing."""
    text = NEIMENGGU.read_text(encoding="utf-8")
    numerals = "一二三四五六七八"
    text = text.replace("一、主要内容\n", "")
    for i, n in enumerate(numerals[:7]):
        text = text.replace(f"（{n}）知识产权", f"{numerals[i]}、知识产权", 1)
    text = text.replace("二、保障措施", "八、保障措施")
    reference, doc = parse_text(NEIMENGGU.read_text(encoding="utf-8")), parse_text(text)
    assert [(c.category, c.level, c.text) for c in doc.clauses] == [
        (c.category, c.level, c.text) for c in reference.clauses
    ]
    assert doc.clauses[0].place == "一、"


def test_other_domain_with_central_and_local_levels():
    text = "\n".join(
        [
            "国务院办公厅关于印发医疗卫生领域中央与地方财政事权和支出责任划分改革方案的通知",
            "国办发〔2018〕67号",
            "医疗卫生领域中央与地方财政事权和支出责任划分改革方案",
            "为推进医疗卫生领域改革，制定本方案。",
            "一、主要内容",
            "（一）公共卫生方面",
            "将基本公共卫生服务",
            "确认为中央与地方共同财政事权，由中央财政和地方财政共同承担支出责任。",
            "（二）医疗保障方面",
            "将城乡居民基本医疗保险补助，确认为中央与地方共同财政事权，由中央与地方分别承担支出责任。",
            "（三）能力建设方面",
            "将国家级医疗机构能力建设，确认为中央财政事权，由中央承担支出责任。将地方医疗机构能力建设，确认为地方财政事权，由地方承担支出责任。",
            "二、保障措施",
            "各地区要根据本方案确定的财政事权和支出责任，合理安排预算，确认为重点支出。",
        ]
    )
    doc = parse_text(text)
    assert doc.domain == "医疗卫生"
    assert (doc.upper_level, doc.lower_level) == ("中央", "地方")
    assert [(c.category, c.level) for c in doc.clauses] == [
        ("公共卫生方面", "shared"),
        ("医疗保障方面", "shared"),
        ("能力建设方面", "upper"),
        ("能力建设方面", "lower"),
    ]
    assert (
        doc.clauses[0].text == "将基本公共卫生服务确认为中央与地方共同财政事权，由中央财政和地方财政共同承担支出责任。"
    )
    assert any("地区" in w for w in doc.warnings)  # a national plan governs no region of the gazetteer


@pytest.mark.parametrize(
    ("title", "region", "domain"),
    [
        ("临港高新技术产业开发区应急救援领域市以下财政事权和支出责任划分改革实施方案", "", "应急救援"),
        ("东湖综合保税区知识产权领域市与县区财政事权和支出责任划分改革方案", "", "知识产权"),
        ("包头市稀土高新技术产业开发区知识产权领域财政事权和支出责任划分改革方案", "包头市", "知识产权"),
        ("翠屏新区公共文化领域市与县财政事权和支出责任划分改革实施方案", "", "公共文化"),
    ],
)
def test_the_domain_follows_the_name_of_a_development_zone(title, region, domain):
    """An area that is no division (a development zone, a new area) named before the domain is not part of it:
    "业开发区应急救援" made a domain heading of its own for every such plan."""
    text = "\n".join(
        [
            title,
            "一、知识产权宏观管理",
            "将区域性规划的制定，确认为市级财政事权，由市级承担支出责任。",
            "二、保障措施",
            "各部门要合理安排预算。",
        ]
    )
    doc = parse_text(text)
    assert (doc.region, doc.domain) == (region, domain)


def test_province_to_city_and_county_levels():
    text = "\n".join(
        [
            "山西省人民政府办公厅关于印发山西省生态环境领域省与市县财政事权和支出责任划分改革实施方案的通知",
            "晋政办发〔2020〕5号",
            "2020年1月20日",
            "山西省生态环境领域省与市县财政事权和支出责任划分改革实施方案",
            "一、生态环境规划制度制定",
            "将全省性生态环境规划的制定，确认为省级财政事权，由省级承担支出责任。",
            "将市县生态环境规划的制定，确认为市县财政事权，由市县承担支出责任。",
            "二、环境污染防治",
            "将跨市界水污染防治，按照属地原则分别确认为市县财政事权，由市县承担支出责任。",
            "其他未列事项，按照改革的总体要求和事项特点具体确定财政事权和支出责任。",
        ]
    )
    doc = parse_text(text)
    assert (doc.region, doc.province, doc.domain) == ("山西省", "山西省", "生态环境")
    assert (doc.upper_level, doc.lower_level) == ("省级", "市县")
    assert [(c.category, c.level) for c in doc.clauses] == [
        ("生态环境规划制度制定", "upper"),
        ("生态环境规划制度制定", "lower"),
        ("环境污染防治", "territory"),
        ("环境污染防治", "residual"),
    ]
    assert doc.date == "2020-01-20" and doc.doc_no == "晋政办发〔2020〕5号"


def test_parse_file_cli_outputs_utf8_json(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "parse", str(BAOTOU), "--json"], capture_output=True, timeout=60
    )
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert "\\u" not in out and "包府办发〔2025〕42号" in out
    import json

    data = json.loads(out)
    assert data["doc_no"] == "包府办发〔2025〕42号" and len(data["clauses"]) == len(parse_file(BAOTOU).clauses)
    assert {"category", "level", "level_label", "text", "matters"} <= set(data["clauses"][0])
    assert data["warnings"] == []


def test_no_branch_is_keyed_on_a_source(tmp_path):
    """The parser's code names no file, 文号 or region of the five sources."""
    import ipdesk.corpus as corpus

    code = "".join(p.read_text(encoding="utf-8") for p in Path(corpus.__file__).parent.glob("*.py"))
    for marker in ("包头", "海东", "钦州", "晋城", "内蒙古", "包府办发", "东政办", "钦政办", "晋市财行", "内政办发"):
        assert marker not in code
    assert not re.search(r"neimenggu|qinghai|guangxi|shanxi", code)


def test_arabic_numbered_categories_and_an_opinion_title():
    text = "\n".join(
        [
            "关于推进鄂尔多斯市知识产权领域市与旗区财政事权和支出责任划分改革的实施意见",
            "鄂府办发〔2024〕3号",
            "二〇二四年三月五日",
            "一、划分内容",
            "1.知识产权宏观管理",
            "将全市知识产权规划的制定，作为市级财政事权，由市级承担支出责任。",
            "2．知识产权保护",
            "将旗区知识产权执法，确认为旗区财政事权，由旗区承担支出责任；将跨旗区重大案件查办，确认为市与旗区共同财政事权，由市与旗区共同承担支出责任。",
            "二、组织实施",
            "各旗区要落实支出责任，确认为重点工作。",
        ]
    )
    doc = parse_text(text)
    assert doc.title == "关于推进鄂尔多斯市知识产权领域市与旗区财政事权和支出责任划分改革的实施意见"
    assert (doc.region, doc.date, doc.doc_no) == ("鄂尔多斯市", "2024-03-05", "鄂府办发〔2024〕3号")
    assert [(c.category, c.place, c.level) for c in doc.clauses] == [
        ("知识产权宏观管理", "一、1.", "upper"),
        ("知识产权保护", "一、2．", "lower"),
        ("知识产权保护", "一、2．", "shared"),
    ]
    assert doc.clauses[1].text.endswith("由旗区承担支出责任；")
