"""The parser on the copies a clerk actually holds (issue 11): each seed re-laid as a portal page, without title,
without notice, cut at a page boundary, with the date on the 文号 line, with the signature run into the last
paragraph, as a news report; and plans of other domains in the same form. Files: tests/corpus/variants/
(written for these tests, see its README). Every value below was checked by reading the files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.corpus.model import SOURCE_FIELDS
from ipdesk.corpus.parser import parse_file, parse_text
from tests.conftest import SOURCES

VARIANTS = Path(__file__).parent / "variants"

#: Where each value of a complete seed comes from.
SEED_SOURCES = {
    "baotou": {"title": "title_line", "doc_no": "doc_no_line", "date": "date_line", "issuers": "notice"},
    "haidong": {"title": "title_line", "doc_no": "doc_no_line", "date": "date_line", "issuers": "header"},
    "neimenggu": {"title": "title_line", "doc_no": "doc_no_line", "date": "date_line", "issuers": "notice"},
    "qinzhou": {"title": "title_line", "doc_no": "doc_no_line", "date": "date_line", "issuers": "notice"},
    "jincheng": {"title": "title_line", "doc_no": "doc_no_line", "date": "printed", "issuers": "header"},
}
for _sources in SEED_SOURCES.values():
    _sources.update(region="title", levels="title")

SEED_FILES = {
    "baotou": "neimenggu-baotou_2025-42.txt",
    "haidong": "qinghai-haidong_2024-96.txt",
    "neimenggu": "neimenggu_2024-48.txt",
    "qinzhou": "guangxi-qinzhou_2025-15.txt",
    "jincheng": "shanxi-jincheng_2024-88.txt",
}
#: The metadata of each seed as the complete copy gives it (see test_documents.py).
META = {
    "baotou": {
        "doc_no": "包府办发〔2025〕42号",
        "title": "包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案",
        "issuers": ["包头市人民政府办公室"],
        "date": "2025-06-26",
        "region": "包头市",
        "province": "内蒙古自治区",
        "domain": "知识产权",
        "upper_level": "市本级",
        "lower_level": "旗县区",
    },
    "haidong": {
        "doc_no": "东政办〔2024〕96号",
        "title": "海东市知识产权领域市与县区财政事权和支出责任划分改革方案",
        "issuers": ["海东市人民政府办公室"],
        "date": "2024-12-31",
        "region": "海东市",
        "province": "青海省",
        "domain": "知识产权",
        "upper_level": "市级",
        "lower_level": "县区",
    },
    "neimenggu": {
        "doc_no": "内政办发〔2024〕48号",
        "title": "内蒙古自治区知识产权领域自治区与盟市财政事权和支出责任划分改革实施方案",
        "issuers": ["内蒙古自治区人民政府办公厅"],
        "date": "2024-11-21",
        "region": "内蒙古自治区",
        "province": "内蒙古自治区",
        "domain": "知识产权",
        "upper_level": "自治区级",
        "lower_level": "盟市",
    },
    "qinzhou": {
        "doc_no": "钦政办〔2025〕15号",
        "title": "钦州市知识产权领域市以下财政事权和支出责任划分改革实施方案",
        "issuers": ["钦州市人民政府办公室"],
        "date": "2025-07-31",
        "region": "钦州市",
        "province": "广西壮族自治区",
        "domain": "知识产权",
        "upper_level": "市级",
        "lower_level": "县区",
    },
    "jincheng": {
        "doc_no": "晋市财行〔2024〕88号",
        "title": "晋城市知识产权领域市与县财政事权和支出责任划分改革实施方案",
        "issuers": ["晋城市财政局", "晋城市市场监督管理局"],
        "date": "2024-11-19",
        "region": "晋城市",
        "province": "山西省",
        "domain": "知识产权",
        "upper_level": "市级",
        "lower_level": "县级",
    },
}
#: Category, level and expenditure of each seed’s clauses, in order.
CLAUSES = {
    "baotou": [
        ("知识产权宏观管理", "upper", "upper"),
        ("知识产权宏观管理", "lower", "lower"),
        ("知识产权运用促进", "upper", "upper"),
        ("知识产权运用促进", "lower", "lower"),
        ("知识产权保护", "upper", "upper"),
        ("知识产权保护", "lower", "lower"),
        ("知识产权公共服务", "upper", "upper"),
        ("知识产权公共服务", "lower", "lower"),
        ("知识产权涉外工作", "upper", "upper"),
        ("知识产权领域其他事项", "affiliation", "affiliation"),
        ("知识产权领域其他事项", "upper", "upper"),
        ("知识产权领域其他事项", "residual", "residual"),
    ],
    "haidong": [
        ("知识产权宏观管理", "upper", "upper"),
        ("知识产权宏观管理", "lower", "lower"),
        ("知识产权授权确权", "upper", "upper"),
        ("知识产权授权确权", "lower", "lower"),
        ("知识产权运用促进", "upper", "upper"),
        ("知识产权运用促进", "lower", "lower"),
        ("知识产权保护", "upper", "upper"),
        ("知识产权保护", "lower", "lower"),
        ("知识产权公共服务", "upper", "upper"),
        ("知识产权公共服务", "lower", "lower"),
        ("知识产权涉外工作", "upper", "upper"),
        ("知识产权涉外工作", "lower", "lower"),
        ("知识产权领域其他事项", "affiliation", "upper"),
        ("知识产权领域其他事项", "lower", "lower"),
    ],
    "neimenggu": [
        ("知识产权宏观管理", "upper", "upper"),
        ("知识产权宏观管理", "lower", "lower"),
        ("知识产权授权确权", "upper", "upper"),
        ("知识产权运用促进", "upper", "upper"),
        ("知识产权运用促进", "lower", "lower"),
        ("知识产权保护", "upper", "upper"),
        ("知识产权保护", "lower", "lower"),
        ("知识产权公共服务", "upper", "upper"),
        ("知识产权公共服务", "lower", "lower"),
        ("知识产权涉外工作", "upper", "upper"),
        ("知识产权领域其他事项", "affiliation", "affiliation"),
        ("知识产权领域其他事项", "upper", "upper"),
        ("知识产权领域其他事项", "residual", "residual"),
    ],
    "qinzhou": [
        ("知识产权宏观管理", "upper", "upper"),
        ("知识产权宏观管理", "lower", "lower"),
        ("知识产权授权确权", "shared", "shared"),
        ("知识产权运用促进", "shared", "shared"),
        ("知识产权运用促进", "shared", "affiliation"),
        ("知识产权运用促进", "territory", "territory"),
        ("知识产权保护", "upper", "upper"),
        ("知识产权保护", "lower", "lower"),
        ("知识产权公共服务", "territory", "territory"),
        ("知识产权涉外工作", "shared", "shared"),
        ("知识产权涉外工作", "territory", "territory"),
        ("知识产权领域其他事项", "affiliation", "affiliation"),
        ("知识产权领域其他事项", "affiliation", "affiliation"),
        ("知识产权领域其他事项", "residual", "residual"),
    ],
    "jincheng": [
        ("知识产权宏观管理", "upper", "upper"),
        ("知识产权宏观管理", "lower", "lower"),
        ("知识产权运用促进", "upper", "upper"),
        ("知识产权运用促进", "lower", "lower"),
        ("知识产权运用促进", "shared", "shared"),
        ("知识产权保护", "upper", "upper"),
        ("知识产权保护", "lower", "lower"),
        ("知识产权公共服务", "upper", "upper"),
        ("知识产权公共服务", "lower", "lower"),
        ("知识产权涉外工作", "upper", "upper"),
        ("知识产权涉外工作", "lower", "lower"),
        ("知识产权领域其他事项", "affiliation", "affiliation"),
        ("知识产权领域其他事项", "upper", "upper"),
        ("知识产权领域其他事项", "lower", "lower"),
        ("知识产权领域其他事项", "residual", "residual"),
    ],
}
#: file → (metadata that differs from the seed’s, sources that differ from the seed’s, clauses, warnings)
CASES = {
    "other_signature_in_last_clause": (
        {
            "doc_no": "呼政办发〔2024〕9号",
            "title": "呼和浩特市知识产权领域市与旗县区财政事权和支出责任划分改革实施方案",
            "issuers": ["呼和浩特市人民政府办公室"],
            "date": "2024-12-31",
            "region": "呼和浩特市",
            "province": "内蒙古自治区",
            "domain": "知识产权",
            "upper_level": "市级",
            "lower_level": "旗县区",
        },
        {
            "title": "title_line",
            "doc_no": "doc_no_line",
            "date": "doc_no_line",
            "issuers": "signature",
            "region": "title",
            "levels": "title",
        },
        [
            ("知识产权宏观管理", "upper", "upper"),
            ("知识产权宏观管理", "lower", "lower"),  # 区县级: the parts of 旗县区
            ("知识产权领域其他事项", "residual", "residual"),
        ],
        ["发文机关取自落款"],
    ),
    "domain_natural_resources_brackets": (
        {
            "doc_no": "川办发〔2020〕61号",
            "title": "四川省自然资源领域省与市县财政事权和支出责任划分改革方案",
            "issuers": ["四川省人民政府办公厅"],
            "date": "",
            "region": "四川省",
            "province": "四川省",
            "domain": "自然资源",
            "upper_level": "省级",
            "lower_level": "市县",
        },
        {"title": "title_line", "doc_no": "doc_no_line", "issuers": "notice", "region": "title", "levels": "title"},
        [
            ("自然资源调查监测", "upper", "upper"),
            # 市（州）、县（市、区）: two names of parts of the one lower level 市县, not 共同
            ("自然资源调查监测", "lower", "lower"),
            ("自然资源调查监测", "lower", "lower"),
            ("自然资源调查监测", "lower", "lower"),
            ("其他", "shared", "shared"),
            ("其他", "shared", "shared"),  # 由省级和市县按比例分担支出责任
        ],
        ["未找到成文日期"],
    ),
    "qinzhou_portal_table_cells": ({}, {"date": "portal_成文日期"}, "ALL", []),
    "neimenggu_lost_first_page": (
        {
            "doc_no": "",
            "title": "",
            "issuers": [],
            "region": "",
            "province": "",
            "domain": "",
        },
        {"title": "", "doc_no": "", "date": "printed", "issuers": "", "region": "", "levels": "statements"},
        "[2:]",
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "无成文日期，以印发日期代替",
            "未找到发文机关",
            "未能识别方案适用的地区",
            "方案标题中没有上下级层级，层级名称“自治区级/盟市”取自条款的表述",
            "第一个标题之前有划分条款的句子，未作为条款收录（文本开头可能缺失）：权统计调查分析发布，确认为盟市财政事权，由盟市承担支出责任。……",
        ],
    ),
    "domain_science_national_portal": (
        {
            "doc_no": "国办发〔2019〕26号",
            "title": "科技领域中央与地方财政事权和支出责任划分改革方案",
            "issuers": ["国务院办公厅"],
            "date": "2019-05-26",
            "region": "",
            "province": "",
            "domain": "科技",
            "upper_level": "中央",
            "lower_level": "地方",
        },
        {"title": "title_line", "doc_no": "doc_no_line", "date": "date_line", "issuers": "notice", "levels": "title"},
        [
            ("科技研发", "upper", "upper"),
            ("科技研发", "lower", "lower"),
            # 由中央财政和地方财政区分不同情况承担相应的支出责任: both levels pay
            ("科技创新基地建设发展", "shared", "shared"),
            ("科技人才队伍建设", "upper", "upper"),
        ],
        ["未能识别方案适用的地区"],
    ),
    "domain_emergency_news": (
        {
            "doc_no": "川办发〔2020〕55号",
            "title": "四川省应急救援领域省与市县财政事权和支出责任划分改革方案",
            "issuers": ["四川省人民政府办公厅"],
            "date": "",
            "region": "四川省",
            "province": "四川省",
            "domain": "应急救援",
            "upper_level": "省级",
            "lower_level": "市县",
        },
        {"title": "text", "doc_no": "text", "issuers": "text", "region": "title", "levels": "title"},
        [("应急管理规划方面", "upper", "upper"), ("灾害救援方面", "shared", "shared")],
        [
            "没有方案自身的标题行，标题取自文中提到的《四川省应急救援领域省与市县财政事权和支出责任划分改革方案》",
            "没有单独的发文字号行，发文字号取自正文：川办发〔2020〕55号",
            "未找到成文日期",
            "发文机关取自正文的“……印发《……》”",
        ],
    ),
    "baotou_cut": (
        {},
        {},
        "[:6]",
        [
            "文本在条款中间结束（可能被截断），未收录不完整的句子：将全市知识产权公共服务体系建设，推动知识产权信息在市内……"
        ],
    ),
    "baotou_docno_date": ({}, {"date": "doc_no_line"}, "ALL", []),
    "baotou_news": (
        {"date": "2025-07-10"},
        {"title": "text", "doc_no": "text", "date": "portal", "issuers": "text"},
        [
            ("知识产权宏观管理", "upper", "upper"),
            ("知识产权宏观管理", "lower", "lower"),
            ("知识产权保护", "upper", "upper"),
            ("知识产权保护", "lower", "lower"),
        ],
        [
            "没有方案自身的标题行，标题取自文中提到的《包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案》",
            "没有单独的发文字号行，发文字号取自正文：包府办发〔2025〕42号",
            "无成文日期，以网页的“发布时间”代替",
            "发文机关取自正文的“……印发《……》”",
            "文中没有划分条款的标题行，条款取自正文中的表述（如新闻稿、政策解读），类别取自“在……方面”",
        ],
    ),
    "baotou_nonotice": (
        {"doc_no": "", "issuers": [], "date": "2025-07-04"},
        {"doc_no": "", "date": "printed", "issuers": ""},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "未找到发文机关"],
    ),
    "baotou_notitle": (
        {"doc_no": "", "title": "", "issuers": [], "date": "2025-07-04", "region": "", "province": "", "domain": ""},
        {"title": "", "doc_no": "", "date": "printed", "issuers": "", "region": "", "levels": "statements"},
        "ALL",
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "无成文日期，以印发日期代替",
            "未找到发文机关",
            "未能识别方案适用的地区",
            "方案标题中没有上下级层级，层级名称“市本级/旗县区”取自条款的表述",
        ],
    ),
    "baotou_portal": ({}, {}, "ALL", []),
    "baotou_signature_runin": (
        {"doc_no": "", "date": "2025-07-04"},
        {"doc_no": "", "date": "printed", "issuers": "signature"},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "发文机关取自落款"],
    ),
    "domain_ecology_principles": (
        {
            "doc_no": "陕政办发〔2020〕14号",
            "title": "陕西省生态环境领域省与市县财政事权和支出责任划分改革方案",
            "issuers": ["陕西省人民政府办公厅"],
            "date": "2020-02-21",
            "region": "陕西省",
            "province": "陕西省",
            "domain": "生态环境",
            "upper_level": "省级",
            "lower_level": "市县",
        },
        {
            "title": "title_line",
            "doc_no": "doc_no_line",
            "date": "date_line",
            "issuers": "header",
            "region": "title",
            "levels": "title",
        },
        [
            ("生态环境规划制度制定", "upper", "upper"),
            ("生态环境规划制度制定", "lower", "lower"),
            ("生态环境监测执法", "upper", "upper"),
            ("生态环境监测执法", "shared", "shared"),
            ("环境污染防治", "territory", "lower"),
            ("其他事项", "residual", "residual"),
        ],
        [],
    ),
    "domain_emergency_notitle": (
        {
            "doc_no": "",
            "title": "",
            "issuers": ["泸县人民政府办公室"],
            "date": "2021-03-08",
            "region": "泸县",
            "province": "四川省",
            "domain": "",
            "upper_level": "县级",
            "lower_level": "乡镇",
        },
        {
            "title": "",
            "doc_no": "",
            "date": "date_line",
            "issuers": "signature",
            "region": "issuer",
            "levels": "statements",
        },
        [
            ("应急管理规划", "upper", "upper"),
            ("应急管理规划", "lower", "lower"),
            ("灾害事故救援", "shared", "shared"),
            ("灾害事故救援", "lower", "lower"),
        ],
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "发文机关取自落款",
            "方案标题中没有地区，地区“泸县”取自发文机关",
            "方案标题中没有上下级层级，层级名称“县级/乡镇”取自条款的表述",
        ],
    ),
    "domain_natural_resources_portal": (
        {
            "doc_no": "南府办〔2021〕31号",
            "title": "南宁市自然资源领域市与县区财政事权和支出责任划分改革实施方案",
            "issuers": ["南宁市人民政府办公室"],
            "date": "2021-06-30",
            "region": "南宁市",
            "province": "广西壮族自治区",
            "domain": "自然资源",
            "upper_level": "市级",
            "lower_level": "县区",
        },
        {
            "title": "title_line",
            "doc_no": "doc_no_line",
            "date": "portal_成文日期",
            "issuers": "notice",
            "region": "title",
            "levels": "title",
        },
        [
            ("自然资源调查监测", "upper", "upper"),
            ("自然资源调查监测", "lower", "lower"),
            ("自然资源资产管理", "unknown", "unknown"),
            ("国土空间规划和用途管制", "upper", "upper"),
            ("国土空间规划和用途管制", "lower", "lower"),
        ],
        [
            "一、（二）的条款“开发区管委会财政事权”不是方案的上下两级（市级/县区）之一，层级标为“未能识别”",
            "一、（二）的条款中“由开发区管委会承担支出责任”未能识别是哪一级承担",
        ],
    ),
    "domain_science_signature": (
        {
            "doc_no": "厦府办〔2022〕45号",
            "title": "厦门市科技领域市与区财政事权和支出责任划分改革方案",
            "issuers": ["厦门市人民政府办公厅"],
            "date": "2022-05-10",
            "region": "厦门市",
            "province": "福建省",
            "domain": "科技",
            "upper_level": "市级",
            "lower_level": "区级",
        },
        {
            "title": "title_line",
            "doc_no": "doc_no_line",
            "date": "doc_no_line",
            "issuers": "signature",
            "region": "title",
            "levels": "title",
        },
        [
            ("科技研发", "upper", "upper"),
            ("科技研发", "lower", "lower"),
            ("科技创新基地建设", "affiliation", "affiliation"),
            ("科学技术普及", "shared", "shared"),
            ("其他事项", "residual", "residual"),
        ],
        ["发文机关取自落款"],
    ),
    "haidong_cut": (
        {},
        {},
        "[:7]",
        ["文本在条款中间结束（可能被截断），未收录不完整的句子：县区级知识产权保护体系建设，县区级涉外……"],
    ),
    "haidong_docno_date": ({}, {"date": "doc_no_line"}, "ALL", []),
    "haidong_news": (
        {"date": "2025-01-08"},
        {"title": "text", "doc_no": "text", "date": "portal", "issuers": "text"},
        [
            ("知识产权授权确权", "upper", "upper"),
            ("知识产权授权确权", "lower", "lower"),
            ("知识产权涉外工作", "upper", "upper"),
            ("知识产权涉外工作", "lower", "lower"),
        ],
        [
            "没有方案自身的标题行，标题取自文中提到的《海东市知识产权领域市与县区财政事权和支出责任划分改革方案》",
            "没有单独的发文字号行，发文字号取自正文：东政办〔2024〕96号",
            "无成文日期，以网页的“发布日期”代替",
            "发文机关取自正文的“……印发《……》”",
            "文中没有划分条款的标题行，条款取自正文中的表述（如新闻稿、政策解读），类别取自“在……方面”",
        ],
    ),
    "haidong_nonotice": (
        {"doc_no": "", "issuers": []},
        {"doc_no": "", "date": "printed", "issuers": ""},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "未找到发文机关"],
    ),
    "haidong_notitle": (
        {"doc_no": "", "title": "", "issuers": [], "region": "", "province": "", "domain": ""},
        {"title": "", "doc_no": "", "date": "printed", "issuers": "", "region": "", "levels": "statements"},
        "ALL",
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "无成文日期，以印发日期代替",
            "未找到发文机关",
            "未能识别方案适用的地区",
            "方案标题中没有上下级层级，层级名称“市级/县区”取自条款的表述",
        ],
    ),
    "haidong_portal": ({}, {"date": "portal_成文日期"}, "ALL", []),
    "haidong_signature_runin": (
        {"doc_no": ""},
        {"doc_no": "", "date": "printed", "issuers": "signature"},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "发文机关取自落款"],
    ),
    "jincheng_cut": (
        {"date": "", "upper_level": "市", "lower_level": "县"},
        {"date": ""},
        "[:0]",
        [
            "未找到成文日期",
            "没有找到任何财政事权划分条款：文本在第一条完整的划分条款之前结束（可能被截断或只是印发通知）",
        ],
    ),
    "jincheng_docno_date": ({}, {"date": "doc_no_line"}, "ALL", []),
    "jincheng_news": (
        {"date": "2024-11-25"},
        {"title": "text", "doc_no": "text", "date": "portal", "issuers": "text"},
        [
            ("知识产权宏观管理", "upper", "upper"),
            ("知识产权宏观管理", "lower", "lower"),
            ("知识产权涉外工作", "upper", "upper"),
            ("知识产权涉外工作", "lower", "lower"),
        ],
        [
            "没有方案自身的标题行，标题取自文中提到的《晋城市知识产权领域市与县财政事权和支出责任划分改革实施方案》",
            "没有单独的发文字号行，发文字号取自正文：晋市财行〔2024〕88号",
            "无成文日期，以网页的“发布时间”代替",
            "发文机关取自正文的“……印发《……》”",
            "文中没有划分条款的标题行，条款取自正文中的表述（如新闻稿、政策解读），类别取自“在……方面”",
        ],
    ),
    "jincheng_nonotice": (
        {"doc_no": "", "issuers": []},
        {"doc_no": "", "issuers": ""},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "未找到发文机关"],
    ),
    "jincheng_notitle": (
        {"doc_no": "", "title": "", "issuers": [], "region": "", "province": "", "domain": ""},
        {"title": "", "doc_no": "", "issuers": "", "region": "", "levels": "statements"},
        "ALL",
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "无成文日期，以印发日期代替",
            "未找到发文机关",
            "未能识别方案适用的地区",
            "方案标题中没有上下级层级，层级名称“市级/县级”取自条款的表述",
        ],
    ),
    "jincheng_portal": ({}, {}, "ALL", ["无成文日期，以印发日期代替"]),
    "jincheng_signature_runin": (
        {"doc_no": ""},
        {"doc_no": "", "issuers": "signature"},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "发文机关取自落款"],
    ),
    "neimenggu_cut": (
        {"upper_level": "自治区"},
        {},
        "[:0]",
        [
            "文本在条款中间结束（可能被截断），未收录不完整的句子：将制定实施全区知识产权战略、规划、政策，研究制定知识……",
            "没有找到任何财政事权划分条款：文本在第一条完整的划分条款之前结束（可能被截断或只是印发通知）",
        ],
    ),
    "neimenggu_docno_date": ({}, {"date": "doc_no_line"}, "ALL", []),
    "neimenggu_news": (
        {},
        {"title": "text", "doc_no": "text", "date": "printed", "issuers": "text"},
        [("知识产权公共服务", "upper", "upper"), ("知识产权公共服务", "lower", "lower")],
        [
            "没有方案自身的标题行，标题取自文中提到的《内蒙古自治区知识产权领域自治区与盟市财政事权和支出责任划分改革实施方案》",
            "没有单独的发文字号行，发文字号取自正文：内政办发〔2024〕48号",
            "无成文日期，以正文所述的印发日期代替",
            "发文机关取自正文的“……印发《……》”",
            "文中没有划分条款的标题行，条款取自正文中的表述（如新闻稿、政策解读），类别取自“在……方面”",
        ],
    ),
    "neimenggu_nonotice": (
        {"doc_no": "", "issuers": []},
        {"doc_no": "", "date": "printed", "issuers": ""},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "未找到发文机关"],
    ),
    "neimenggu_notitle": (
        {"doc_no": "", "title": "", "issuers": [], "region": "", "province": "", "domain": ""},
        {"title": "", "doc_no": "", "date": "printed", "issuers": "", "region": "", "levels": "statements"},
        "ALL",
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "无成文日期，以印发日期代替",
            "未找到发文机关",
            "未能识别方案适用的地区",
            "方案标题中没有上下级层级，层级名称“自治区级/盟市”取自条款的表述",
        ],
    ),
    "neimenggu_portal": ({}, {}, "ALL", []),
    "neimenggu_signature_runin": (
        {"doc_no": ""},
        {"doc_no": "", "date": "printed", "issuers": "signature"},
        "ALL",
        ["未找到发文字号", "无成文日期，以印发日期代替", "发文机关取自落款"],
    ),
    "qinzhou_cut": (
        {},
        {},
        "[:4]",
        [
            "文本在条款中间结束（可能被截断），未收录不完整的句子：将推动知识产权质押融资，确认为市与县区共同财政事权，……"
        ],
    ),
    "qinzhou_docno_date": ({}, {"date": "doc_no_line"}, "ALL", []),
    "qinzhou_news": (
        {"date": "2025-08-12"},
        {"title": "text", "doc_no": "text", "date": "portal", "issuers": "text"},
        [
            ("知识产权宏观管理", "upper", "upper"),
            ("知识产权宏观管理", "lower", "lower"),
            ("知识产权保护", "upper", "upper"),
            ("知识产权保护", "lower", "lower"),
        ],
        [
            "没有方案自身的标题行，标题取自文中提到的《钦州市知识产权领域市以下财政事权和支出责任划分改革实施方案》",
            "没有单独的发文字号行，发文字号取自正文：钦政办〔2025〕15号",
            "无成文日期，以网页的“发布时间”代替",
            "发文机关取自正文的“……印发《……》”",
            "文中没有划分条款的标题行，条款取自正文中的表述（如新闻稿、政策解读），类别取自“在……方面”",
        ],
    ),
    "qinzhou_nonotice": (
        {"doc_no": "", "issuers": [], "date": ""},
        {"doc_no": "", "date": "", "issuers": ""},
        "ALL",
        ["未找到发文字号", "未找到成文日期", "未找到发文机关"],
    ),
    "qinzhou_notitle": (
        {"doc_no": "", "title": "", "issuers": [], "date": "", "region": "", "province": "", "domain": ""},
        {"title": "", "doc_no": "", "date": "", "issuers": "", "region": "", "levels": "statements"},
        "ALL",
        [
            "未找到方案标题（被引用文件的标题不作为本方案的标题）",
            "未找到发文字号",
            "未找到成文日期",
            "未找到发文机关",
            "未能识别方案适用的地区",
            "方案标题中没有上下级层级，层级名称“市级/县区”取自条款的表述",
        ],
    ),
    "qinzhou_portal": ({"date": "2025-08-05"}, {"date": "portal"}, "ALL", ["无成文日期，以网页的“发布时间”代替"]),
    "qinzhou_signature_runin": (
        {"doc_no": ""},
        {"doc_no": "", "date": "signature", "issuers": "signature"},
        "ALL",
        ["未找到发文字号", "无单独的成文日期行，日期取自与发文机关连在一起的落款", "发文机关取自落款"],
    ),
}


def _expected(name: str):
    meta_diff, source_diff, clauses, warnings = CASES[name]
    seed = name.split("_")[0]
    meta = {**META.get(seed, {}), **meta_diff}
    sources = {**SEED_SOURCES.get(seed, {}), **source_diff}
    if clauses == "ALL":
        clauses = CLAUSES[seed]
    elif isinstance(clauses, str):  # "[a:b]": the seed's clauses the copy still has
        start, stop = (int(x) if x else None for x in clauses[1:-1].split(":"))
        clauses = CLAUSES[seed][start:stop]
    return meta, sources, [tuple(c) for c in clauses], warnings


@pytest.fixture(scope="module", params=sorted(CASES))
def variant(request):
    return request.param, parse_file(VARIANTS / f"{request.param}.txt")


def test_every_file_has_a_case():
    assert sorted(p.stem for p in VARIANTS.glob("*.txt")) == sorted(CASES)
    layouts = ("portal", "notitle", "nonotice", "cut", "docno_date", "signature_runin", "news")
    for seed in SEED_FILES:
        assert {f"{seed}_{layout}" for layout in layouts} <= set(CASES)
    domains = {json.dumps(CASES[n][0].get("domain")) for n in CASES if n.startswith("domain_")}
    assert len(domains - {'""'}) >= 3


def test_metadata(variant):
    name, doc = variant
    meta, _, _, _ = _expected(name)
    got = doc.to_json()
    assert {k: got[k] for k in meta} == meta


def test_where_each_value_came_from(variant):
    name, doc = variant
    _, sources, _, _ = _expected(name)
    got = doc.to_json()
    assert {name: got[f"{name}_source"] for name in SOURCE_FIELDS} == {n: sources.get(n, "") for n in SOURCE_FIELDS}


def test_category_level_and_expenditure_of_every_clause(variant):
    name, doc = variant
    _, _, clauses, _ = _expected(name)
    assert [(c.category, c.level, c.expenditure) for c in doc.clauses] == clauses


def test_every_guess_is_a_warning(variant):
    name, doc = variant
    _, _, _, warnings = _expected(name)
    assert doc.warnings == warnings


def test_clause_wording_is_the_seeds(variant):
    """A re-laid copy gives the seed's clauses word for word: no breadcrumb, footer or signature leaks in."""
    name, doc = variant
    seed = name.split("_")[0]
    for clause in doc.clauses:
        assert doc.full_text[clause.start : clause.end] == clause.text
        assert not re.search(r"首页|ICP|主办|网站|打印|关闭|发布时间|人民政府办公[室厅]\d", clause.text)
    if seed in SEED_FILES and not name.endswith("_news"):
        reference = [c.text for c in parse_file(SOURCES / SEED_FILES[seed]).clauses]
        texts = [c.text for c in doc.clauses]
        start = reference.index(texts[0]) if texts else 0  # a copy that lost its first page starts later
        assert texts == reference[start : start + len(texts)]


def test_signature_run_into_the_last_clause_stays_out_of_it():
    doc = parse_file(VARIANTS / "other_signature_in_last_clause.txt")
    assert doc.clauses[-1].text == "知识产权领域其他未列事项，按照改革的总体要求和事项特点具体确定财政事权和支出责任。"


def test_news_report_clauses_are_its_sentences():
    doc = parse_file(VARIANTS / "baotou_news.txt")
    first, second = doc.clauses[:2]
    assert first.text.startswith("在知识产权宏观管理方面，《实施方案》将制定实施全市知识产权战略")
    assert first.text.endswith("由市本级承担支出责任；")
    assert first.matters[0] == "制定实施全市知识产权战略、规划、政策"
    assert second.text.startswith("将制定实施旗县区知识产权战略") and second.category == "知识产权宏观管理"


def test_unknown_holder_is_never_guessed():
    doc = parse_file(VARIANTS / "domain_natural_resources_portal.txt")
    unknown = [c for c in doc.clauses if c.level == "unknown"]
    assert [(c.level_label, c.expenditure, c.expenditure_label) for c in unknown] == [
        ("开发区管委会财政事权", "unknown", "由开发区管委会承担支出责任")
    ]


def test_principles_are_kept_apart_from_the_clauses():
    doc = parse_file(VARIANTS / "domain_ecology_principles.txt")
    assert doc.principles == [
        "原则上将受益范围覆盖全省的生态环境事务确认为省级财政事权；将受益范围主要在市县的生态环境事务确认为"
        "市县财政事权；将受益范围跨市县的生态环境事务确认为省与市县共同财政事权，由省与市县共同承担支出责任。"
    ]
    assert not any("受益范围" in c.text for c in doc.clauses)
    assert doc.to_json()["principles"] == doc.principles


def test_cut_copy_keeps_its_metadata_in_the_command_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "parse", str(VARIANTS / "neimenggu_cut.txt"), "--json"],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert (data["doc_no"], data["date"], data["date_source"], data["clauses"]) == (
        "内政办发〔2024〕48号",
        "2024-11-21",
        "date_line",
        [],
    )
    assert data["basis"] == ["国办发〔2023〕48号", "内政发〔2018〕13号"]
    assert any(w.startswith("没有找到任何财政事权划分条款") for w in data["warnings"])


def test_the_build_skips_a_copy_without_clauses(tmp_path):
    from ipdesk.database.build import build

    sources = tmp_path / "sources"
    sources.mkdir()
    for name in ("neimenggu_cut.txt", "baotou_portal.txt"):
        (sources / name).write_bytes((VARIANTS / name).read_bytes())
    report = build(sources, tmp_path / "db.sqlite")
    assert report.documents == 1
    assert "neimenggu_cut.txt：没有财政事权划分条款，未收入数据库" in report.warnings


def test_a_cited_plans_title_heading_the_copy_lends_neither_title_nor_levels():
    """Issue 11, class 2: a copy headed by the national plan's title it cites is not 中央/地方."""
    body = (VARIANTS / "baotou_notitle.txt").read_text(encoding="utf-8")
    doc = parse_text("知识产权领域中央与地方财政事权和支出责任划分改革方案\n\n" + body)
    assert (doc.title, doc.upper_level, doc.lower_level, doc.sources["levels"]) == (
        "",
        "市本级",
        "旗县区",
        "statements",
    )
    assert (
        "标题行“知识产权领域中央与地方财政事权和支出责任划分改革方案”是所引用文件的标题，不作为本方案的标题"
        in doc.warnings
    )
    assert [c.level for c in doc.clauses] == [lv for _, lv, _ in CLAUSES["baotou"]]


def test_title_levels_that_the_statements_do_not_use_are_replaced():
    """A title naming levels no statement uses (a copy that took a cited plan's title) gives way to the
    statements' own level names, with a warning; nothing is classified by the borrowed pair."""
    body = (VARIANTS / "haidong_notitle.txt").read_text(encoding="utf-8")
    doc = parse_text("海东市知识产权领域中央与地方财政事权和支出责任划分改革方案\n\n" + body)
    assert (doc.upper_level, doc.lower_level, doc.sources["levels"]) == ("市级", "县区", "statements")
    assert any(w.startswith("方案标题中的层级（领域中央与地方财政事权）与条款不符") for w in doc.warnings)
    assert [(c.level, c.expenditure) for c in doc.clauses] == [(lv, ex) for _, lv, ex in CLAUSES["haidong"]]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            "一、总体要求\n将适宜由市级承担的事务确认为市级财政事权，由市级承担支出责任。\n二、保障措施\n各县区要落实支出责任。\n",
            "文中“确认为……财政事权”的表述都不在划分条款部分（如位于“总体要求”“保障措施”下），未作为条款收录",
        ),
        (
            "一、主要内容\n原则上将受益范围覆盖全市的事务确认为市级财政事权；将受益范围在县区的事务确认为县区财政事权。\n"
            "（一）知识产权保护\n各县区要加强保护。\n",
            "文中只有划分原则（“原则上……”），没有具体事项的划分条款",
        ),
        ("一、主要内容\n（一）知识产权保护\n将全市知识产权保护体系建设，确认", "文本在第一条完整的划分条款之前结束"),
    ],
)
def test_no_clause_keeps_the_metadata_and_says_why(body, reason):
    doc = parse_text("西宁市知识产权领域市与县区财政事权和支出责任划分改革实施方案\n宁政办〔2024〕5号\n" + body)
    assert (doc.doc_no, doc.region, doc.clauses) == ("宁政办〔2024〕5号", "西宁市", [])
    assert any(w.startswith("没有找到任何财政事权划分条款：" + reason) for w in doc.warnings)


def test_holders_and_payers_that_fit_neither_level_are_never_guessed():
    text = (
        "西宁市知识产权领域市与县区财政事权和支出责任划分改革实施方案\n一、主要内容\n（一）知识产权保护\n"
        "将甲事项，确认为市县财政事权，由市县承担支出责任。\n"  # 市县 in a 市与县区 plan: which one?
        "将乙事项，确认为市级财政事权，由市级和开发区管委会承担支出责任。\n"
        "将丙事项，确认为县区财政事权，由县区财政根据实际承担支出责任。\n"
    )
    doc = parse_text(text)
    assert [(c.level, c.expenditure) for c in doc.clauses] == [
        ("unknown", "unknown"),
        ("upper", "unknown"),
        ("lower", "lower"),
    ]
    assert [w for w in doc.warnings if "未能识别" in w] == [
        "一、（一）的条款“市县财政事权”不是方案的上下两级（市级/县区）之一，层级标为“未能识别”",
        "一、（一）的条款中“由市县承担支出责任”未能识别是哪一级承担",
        "一、（一）的条款中“由市级和开发区管委会承担支出责任”未能识别是哪一级承担",
    ]


@pytest.mark.parametrize(
    "crumb",
    [
        "首页 > 信息公开 > 国务院文件\n",
        "首页\n>\n信息公开\n>\n国务院文件\n",
        "当前位置：首页 > 信息公开 > 国务院文件\n",
    ],
)
def test_a_breadcrumb_is_not_an_issuer(crumb):
    text = (VARIANTS / "domain_science_national_portal.txt").read_text(encoding="utf-8")
    doc = parse_text(crumb + text[text.index("\n") + 1 :])
    assert (doc.issuers, doc.sources["issuers"]) == (["国务院办公厅"], "notice")
    assert not any("国务院文件" in c.text for c in doc.clauses)


def test_a_benefit_range_principle_is_not_a_clause_but_a_specific_matter_is():
    doc = parse_text(
        "西宁市生态环境领域市与县区财政事权和支出责任划分改革实施方案\n一、主要内容\n（一）生态环境监测\n"
        "将受益范围覆盖全市的生态环境事务，确认为市级财政事权，由市级承担支出责任。\n"
        "将受益范围覆盖全市的重点污染源监测，确认为市级财政事权，由市级承担支出责任。\n"
    )
    assert doc.principles == ["将受益范围覆盖全市的生态环境事务，确认为市级财政事权，由市级承担支出责任。"]
    assert [c.matters for c in doc.clauses] == [["受益范围覆盖全市的重点污染源监测"]]
