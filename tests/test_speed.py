"""The fast paths give exactly what the plain ones give: first-character regex scans
(`extract.scan`) against `finditer`, one-scan character maps against `str.translate`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.normalize import _char_map
from extract.resources import CharMap, residue_patterns, traditional_chars, traditional_map
from extract.scan import FirstChars

# texts built from the characters these patterns care about, so matches are frequent
_ALPHABET = "增加长减少上升下降（）()/ 万元预算为，。_XＸ【】无没请填写说明按“”规定0123456789a\n\t"

PATTERNS = [
    r"增\s*(?:加|长)?\s*[（(]\s*减\s*少?\s*[）)]|(?:增加|增长|上升)\s*/\s*(?:减少|下降|降低)",
    r"【[^】\n]{0,10}(?:XX|××)[^】\n]{0,10}】|(?:XX|ＸＸ)+(?:局|年)|(?<![\d_])_{3,}(?![\d_])",
    r"(?:上\s*升|增\s*长)\s*[（(]\s*(?:下\s*降|减\s*少)\s*[）)]",
    r"如(?:无|没有)[^。\n]{1,20}[，,]?\s*请(?:说明|注明|填写)|按“[^”\n]{1,30}”(?:填列|填写)",
    r"(?<=[预算为])\s*万元(?=[。，])",  # may start with a space: left to finditer
    r"(?:万元)?",  # can match empty: left to finditer
    r"a+(?=\d)|_?增",
]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=_ALPHABET, max_size=300))
def test_first_char_scan_equals_finditer(pattern, text):
    rx = re.compile(pattern)
    assert [(m.span(), m.group()) for m in FirstChars(rx).finditer(text)] == [(m.span(), m.group()) for m in rx.finditer(text)]


def test_first_chars_of_residue_patterns():
    scans = {p.name: FirstChars(p.regex).first for p in residue_patterns()}
    assert scans and scans["placeholder"] is not None and scans["unresolved_choice"] is not None
    assert set("增上下减") <= {c for c in "增上下减" if scans["unresolved_choice"].match(c)}
    assert not scans["unresolved_choice"].match("加")
    assert scans["blank_amount"] is None  # may start with any space: the engine's own scan is faster


def test_residue_finditer_on_real_phrasings():
    text = "支出增加（减少）12万元，收入增长/下降，如无此项支出请说明。表格______处，本年预算为 万元。"
    for p in residue_patterns():
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.regex.finditer(text)]
    assert sum(1 for p in residue_patterns() for _ in p.finditer(text)) >= 4


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="經費預算決算報告０１２３ＡＢ％　\u00a0\f\r年度abc（）：", max_size=200))
def test_char_map_equals_translate(text):
    table = _char_map()
    assert CharMap(table)(text) == text.translate(table)
    trad = {ord(t): s for t, s in traditional_chars("titles").items()}
    assert traditional_map("titles")(text) == text.translate(trad)


def test_char_map_real_characters():
    assert CharMap(_char_map())("收入１２３．４５万元　合计％") == "收入123.45万元 合计%"
    assert traditional_map("titles")("部門預算") == "部门预算"
    assert CharMap({})("不变") == "不变"
