"""The region list (ipdesk/corpus/regions.csv, made by scripts/make_regions.py) and region recognition."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter

import pytest

from ipdesk.corpus.gazetteer import gazetteer
from ipdesk.corpus.parser import parse_text
from tests.conftest import ROOT, SOURCES

REGIONS_CSV = ROOT / "ipdesk" / "corpus" / "regions.csv"


def _make_regions():
    spec = importlib.util.spec_from_file_location("make_regions", ROOT / "scripts" / "make_regions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_parent_exists_and_is_one_level_up_in_the_same_province():
    gaz = gazetteer()
    assert len({r.code for r in gaz.regions}) == len(gaz.regions)
    for r in gaz.regions:
        assert re.fullmatch(r"\d{6}", r.code), r
        if r.level == "province":
            assert r.parent == "" and r.code.endswith("0000"), r
            continue
        parent = gaz.by_code[r.parent]
        assert parent.code[:2] == r.code[:2], r
        allowed = {"prefecture": {"province"}, "county": {"province", "prefecture"}}[r.level]
        assert parent.level in allowed, (r, parent)


def test_header_counts_match_the_rows():
    """The header says where the list comes from and how many divisions of each level it has."""
    header = [ln for ln in REGIONS_CSV.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    text = " ".join(header)
    assert "民政部" in text and "scripts/make_regions.py" in text
    counts = Counter(r.level for r in gazetteer().regions)
    said = {level: int(n) for n, level in re.findall(r"(\d+) (province|prefecture|county)", text)}
    assert said == dict(counts)


def test_the_districts_of_sansha_are_listed():
    gaz = gazetteer()
    sansha = [r for r in gaz.regions if r.name == "三沙市"]
    assert len(sansha) == 1
    children = sorted(r.name for r in gaz.regions if r.parent == sansha[0].code)
    assert children == ["南沙区", "西沙区"]


def test_a_plan_of_xisha_district_is_recognised():
    text = (SOURCES / "guangxi-qinzhou_2025-15.txt").read_text(encoding="utf-8")
    doc = parse_text(text.replace("钦州市", "西沙区").replace("钦州", "西沙区"))
    assert (doc.region, doc.province) == ("西沙区", "海南省")
    assert gazetteer().by_code[gazetteer().by_code[doc.region_code].parent].name == "三沙市"


def test_a_shared_district_name_follows_the_province_named_in_the_text():
    """南沙区 is a district of 广州市 and of 三沙市: the province named in the plan decides."""
    gaz = gazetteer()
    hainan = gaz.leading_region("南沙区知识产权领域", context="海南省三沙市南沙区人民政府办公室")
    guangdong = gaz.leading_region("南沙区知识产权领域", context="广东省广州市南沙区人民政府办公室")
    assert hainan and guangdong and hainan.code != guangdong.code
    assert gaz.province_of(hainan).name == "海南省"
    assert gaz.province_of(guangdong).name == "广东省"


def test_rows_from_the_source_structure():
    """make_regions reads the source's nesting: province → city → county, "" = directly under the province."""
    make_regions = _make_regions()
    data = {
        "provinces": {
            "海南省": {
                "code": "460000000000",
                "cities": {
                    "三沙市": {"code": "460300000000", "counties": {"西沙区": "460302000000"}},
                    "": {"code": None, "counties": {"五指山市": "469001000000"}},
                },
            }
        }
    }
    assert make_regions.rows_from(data) == [
        ("460000", "海南省", "province", ""),
        ("460300", "三沙市", "prefecture", "460000"),
        ("460302", "西沙区", "county", "460300"),
        ("469001", "五指山市", "county", "460000"),
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"西沙区": "4603020"},  # not 12 digits
        {"西沙区": "460302001000"},  # a township, not a county-level division
        {"西沙区": "450302000000"},  # in another province
    ],
)
def test_rows_from_refuses_codes_of_the_wrong_shape(bad):
    make_regions = _make_regions()
    data = {
        "provinces": {
            "海南省": {"code": "460000000000", "cities": {"三沙市": {"code": "460300000000", "counties": bad}}}
        }
    }
    with pytest.raises(SystemExit):
        make_regions.rows_from(data)
