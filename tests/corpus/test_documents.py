"""What a careful reader finds in each of the five plans (written from the documents, not the parser).

For every plan: the metadata, and per matter category the levels of its clauses in document order.
"""

from __future__ import annotations

import pytest

from ipdesk.corpus.parser import parse_file
from tests.conftest import SOURCES

MACRO, GRANT, USE, PROTECT, SERVICE, FOREIGN, OTHER = (
    "知识产权宏观管理",
    "知识产权授权确权",
    "知识产权运用促进",
    "知识产权保护",
    "知识产权公共服务",
    "知识产权涉外工作",
    "知识产权领域其他事项",
)

EXPECTED = {
    "neimenggu-baotou_2025-42.txt": {
        "meta": {
            "doc_no": "包府办发〔2025〕42号",
            "title": "包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案",
            "issuers": ["包头市人民政府办公室"],
            "date": "2025-06-26",
            "printed_date": "2025-07-04",
            "region": "包头市",
            "region_code": "150200",
            "province": "内蒙古自治区",
            "domain": "知识产权",
            "upper_level": "市本级",
            "lower_level": "旗县区",
            "basis": ["国办发〔2023〕48号", "内政办发〔2024〕48号"],
            "publicity": "（此件公开发布）",
        },
        "levels": {
            MACRO: ["upper", "lower"],
            USE: ["upper", "lower"],
            PROTECT: ["upper", "lower"],
            SERVICE: ["upper", "lower"],
            FOREIGN: ["upper"],
            OTHER: ["affiliation", "upper", "residual"],
        },
    },
    "qinghai-haidong_2024-96.txt": {
        "meta": {
            "doc_no": "东政办〔2024〕96号",
            "title": "海东市知识产权领域市与县区财政事权和支出责任划分改革方案",
            "issuers": ["海东市人民政府办公室"],
            "date": "2024-12-31",
            "printed_date": "2024-12-31",
            "region": "海东市",
            "region_code": "630200",
            "province": "青海省",
            "domain": "知识产权",
            "upper_level": "市级",
            "lower_level": "县区",
            "basis": ["青政〔2024〕36号"],
            "publicity": "是否宜公开选项：宜公开",
        },
        "levels": {
            MACRO: ["upper", "lower"],
            GRANT: ["upper", "lower"],
            USE: ["upper", "lower"],
            PROTECT: ["upper", "lower"],
            SERVICE: ["upper", "lower"],
            FOREIGN: ["upper", "lower"],
            # 按照隶属关系确认为市级财政事权… with its 市级职能部门 sentence; the 县区级职能部门 paragraph assigns a
            # level that statement does not name (县区): a statement of its own. No residual statement.
            OTHER: ["affiliation", "lower"],
        },
    },
    "neimenggu_2024-48.txt": {
        "meta": {
            "doc_no": "内政办发〔2024〕48号",
            "title": "内蒙古自治区知识产权领域自治区与盟市财政事权和支出责任划分改革实施方案",
            "issuers": ["内蒙古自治区人民政府办公厅"],
            "date": "2024-11-21",
            "printed_date": "2024-11-21",
            "region": "内蒙古自治区",
            "region_code": "150000",
            "province": "内蒙古自治区",
            "domain": "知识产权",
            "upper_level": "自治区级",
            "lower_level": "盟市",
            "basis": ["国办发〔2023〕48号", "内政发〔2018〕13号"],
            "publicity": "（此件公开发布）",
        },
        "levels": {
            MACRO: ["upper", "lower"],
            GRANT: ["upper"],
            USE: ["upper", "lower"],
            PROTECT: ["upper", "lower"],
            SERVICE: ["upper", "lower"],
            FOREIGN: ["upper"],
            OTHER: ["affiliation", "upper", "residual"],
        },
    },
    "guangxi-qinzhou_2025-15.txt": {
        "meta": {
            "doc_no": "钦政办〔2025〕15号",
            "title": "钦州市知识产权领域市以下财政事权和支出责任划分改革实施方案",
            "issuers": ["钦州市人民政府办公室"],
            "date": "2025-07-31",
            "printed_date": "",
            "region": "钦州市",
            "region_code": "450700",
            "province": "广西壮族自治区",
            "domain": "知识产权",
            "upper_level": "市级",
            "lower_level": "县区",
            "basis": ["国办发〔2023〕48号", "桂政办发〔2025〕11号"],
            "publicity": "",
        },
        "levels": {
            MACRO: ["upper", "lower"],
            GRANT: ["shared"],
            # 著作权许可和转让备案: 共同; 质押融资: 共同 (paid by affiliation); 转移转化…: 按属地原则
            USE: ["shared", "shared", "territory"],
            PROTECT: ["upper", "lower"],
            SERVICE: ["territory"],
            FOREIGN: ["shared", "territory"],
            # heading misspelt 知识产权领导其他事项; 港澳台 is a second statement in the same paragraph
            OTHER: ["affiliation", "affiliation", "residual"],
        },
    },
    "shanxi-jincheng_2024-88.txt": {
        "meta": {
            "doc_no": "晋市财行〔2024〕88号",
            "title": "晋城市知识产权领域市与县财政事权和支出责任划分改革实施方案",
            "issuers": ["晋城市财政局", "晋城市市场监督管理局"],
            "date": "2024-11-19",  # no 成文日期: the 印发 date
            "printed_date": "2024-11-19",
            "region": "晋城市",
            "region_code": "140500",
            "province": "山西省",
            "domain": "知识产权",
            "upper_level": "市级",
            "lower_level": "县级",
            "basis": ["晋政办发〔2024〕23号"],
            "publicity": "信息公开选项：主动公开",
        },
        "levels": {
            MACRO: ["upper", "lower"],
            USE: ["upper", "lower", "shared"],
            PROTECT: ["upper", "lower"],
            SERVICE: ["upper", "lower"],
            FOREIGN: ["upper", "lower"],
            OTHER: ["affiliation", "upper", "lower", "residual"],
        },
    },
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    return request.param, parse_file(SOURCES / request.param), EXPECTED[request.param]


def test_metadata(case):
    _, doc, expected = case
    got = doc.to_json()
    assert {k: got[k] for k in expected["meta"]} == expected["meta"]


def test_levels_per_category(case):
    _, doc, expected = case
    by_category: dict[str, list[str]] = {}
    for clause in doc.clauses:
        by_category.setdefault(clause.category, []).append(clause.level)
    assert by_category == expected["levels"]


def test_categories_in_standard_order(case):
    from ipdesk.corpus.categories import category_order

    _, doc, _ = case
    orders = [category_order(c.category) for c in doc.clauses]
    assert orders == sorted(orders)


def test_level_labels_are_the_documents_words(case):
    _, doc, _ = case
    for clause in doc.clauses:
        if clause.level == "residual":
            assert "确定" in clause.level_label
            continue
        assert clause.level_label.endswith("事权")
        assert "确认为" + clause.level_label in clause.text
        assert clause.expenditure_label in clause.text and "支出责任" in clause.expenditure_label


def test_upper_and_lower_names_used_in_single_level_clauses(case):
    _, doc, _ = case
    for clause in doc.clauses:
        if clause.level == "upper":
            assert clause.level_label.startswith(doc.upper_level.removesuffix("级").removesuffix("本"))
        elif clause.level == "lower":
            assert clause.level_label.startswith(doc.lower_level.removesuffix("级"))


def test_no_warnings_except_known(case):
    name, doc, _ = case
    expected = ["无成文日期，以印发日期代替"] if name.startswith("shanxi") else []
    assert doc.warnings == expected


def test_qinzhou_two_statements_in_one_paragraph_are_split():
    doc = parse_file(SOURCES / "guangxi-qinzhou_2025-15.txt")
    other = [c for c in doc.clauses if c.category == OTHER]
    assert other[0].category_heading == "知识产权领导其他事项"  # the heading as written
    assert other[0].text.startswith("将知识产权人才队伍建设")
    assert other[0].text.endswith("由市、县区按隶属关系分别承担支出责任。")
    assert "港澳台" not in other[0].text
    assert other[1].text.startswith("将市、县区层面与港澳台开展知识产权合作交流")
    assert other[1].matters == ["市、县区层面与港澳台开展知识产权合作交流"]


def test_matters_split_at_commas_not_at_enumeration_commas():
    doc = parse_file(SOURCES / "neimenggu-baotou_2025-42.txt")
    first = doc.clauses[0]
    assert first.matters == [
        "制定实施全市知识产权战略、规划、政策",
        "研究制定知识产权领域地方性法规、地方政府规章",
        "开展全市性知识产权统计调查分析发布",
    ]
    affiliation = next(c for c in doc.clauses if c.level == "affiliation")
    assert affiliation.matters == ["知识产权人才队伍建设", "知识产权宣传教育和普法"]
    assert affiliation.place == "一、（六）"


def test_statement_of_another_level_in_following_paragraph_is_its_own_clause():
    """海东 其他事项: the 县区 paragraph is not explained by the 市级 statement before it (issue 11, class 7)."""
    doc = parse_file(SOURCES / "qinghai-haidong_2024-96.txt")
    affiliation, county = doc.clauses[-2:]
    assert affiliation.text.startswith("知识产权人才队伍建设")
    assert affiliation.text.endswith("市级职能部门及所属机构承担的事项，确认为市级财政事权，由市级承担支出责任。")
    assert (affiliation.level, affiliation.expenditure) == ("affiliation", "upper")
    assert county.text == "县区级职能部门及所属机构承担的事项，确认为县区财政事权，由县区承担支出责任。"
    assert (county.level, county.level_label, county.expenditure, county.expenditure_label) == (
        "lower",
        "县区财政事权",
        "lower",
        "由县区承担支出责任",
    )
    assert (county.category, county.place) == (OTHER, "二、（七）")


def test_elaboration_naming_the_statements_own_levels_stays_with_it():
    doc = parse_file(SOURCES / "neimenggu-baotou_2025-42.txt")
    affiliation = next(c for c in doc.clauses if c.level == "affiliation")
    assert affiliation.text.endswith("旗县区职能部门及所属机构承担的事项，确认为旗县区财政事权，由旗县区承担支出责任。")
    assert affiliation.text.count("确认为") == 3  # the statement and both 职能部门 sentences


def test_page_number_and_broken_lines_repaired():
    doc = parse_file(SOURCES / "neimenggu-baotou_2025-42.txt")
    service = next(c for c in doc.clauses if c.category == SERVICE)
    assert "推动知识产权信息在市内的传播利用和融合应用" in service.text
    assert "-3" not in doc.full_text
    macro_lower = doc.clauses[1].text
    assert "旗县区知识产权统计调查分析发布" in macro_lower  # "知识 产权" stray space removed
    assert "," not in doc.full_text and "，" in macro_lower  # half-width punctuation made full-width


def test_expenditure_recorded_separately_from_authority():
    doc = parse_file(SOURCES / "guangxi-qinzhou_2025-15.txt")
    pledge = next(c for c in doc.clauses if "质押融资" in c.text)
    assert (pledge.level, pledge.level_label) == ("shared", "市与县区共同财政事权")
    assert (pledge.expenditure, pledge.expenditure_label) == ("affiliation", "按照隶属关系分别由同级财政承担支出责任")
