from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.normalize import MappedText, normalize


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("２７１．３３万元", "271.33万元"),
        ("下降３１．９９％", "下降31.99%"),
        ("收入\u3000预算\u00a0总额", "收入 预算 总额"),
        ("**（二）县医保局2023年重点工作**", "（二）县医保局2023年重点工作"),
        ("目标值$\\geq 90\\%$", "目标值≥90%"),
        ("$\\leq 55.56$万元", "≤55.56万元"),
        ("编制人数小计__17__人", "编制人数小计__17__人"),  # a form blank is not markdown
        ("其中：工资，福利；", "其中：工资，福利；"),  # Chinese punctuation is kept
        ("a\u200bb", "ab"),
    ],
)
def test_normalize_text(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw", ["２７１．３３万元", "**加粗**文字", "值$\\geq 90\\%$。", "ａ\u3000ｂ\u200b"])
def test_every_character_maps_back(raw):
    mt = normalize(raw)
    assert len(mt.offsets) == len(mt.text) + 1
    for i, _c in enumerate(mt.text):
        assert 0 <= mt.offsets[i] < len(raw)


def test_number_span_after_latex_points_to_original():
    raw = "目标值 $\\geq 90\\%$ 以上"
    mt = normalize(raw).compact()
    i = mt.text.index("90")
    s, e = mt.orig_span(i, i + 2)
    assert raw[s:e] == "90"


def test_compact_joins_wrapped_cjk_and_keeps_ascii_word_spaces():
    raw = "和 提 租 补 贴  271.33  万元 DRG 支付 ISO 9001"
    mt = MappedText.identity(raw).compact()
    assert mt.text == "和提租补贴271.33万元DRG支付ISO 9001"
    i = mt.text.index("271.33")
    assert raw[slice(*mt.orig_span(i, i + 6))] == "271.33"


_piece = st.sampled_from(list("０１２３４５６７８９．％，。万元人 \u3000\t\n*$\\abcｘｙ收支") + ["\\geq", "**", "$\\geq 9\\%$"])
_text = st.lists(_piece, max_size=40).map("".join)


@given(_text)
def test_offsets_monotonic_and_in_range(raw):
    mt = normalize(raw)
    offs = list(mt.offsets)
    assert len(offs) == len(mt.text) + 1
    assert all(0 <= o <= len(raw) for o in offs)
    assert offs == sorted(offs)


@given(_text)
def test_compact_slices_map_into_original(raw):
    mt = normalize(raw).compact()
    assert len(mt.offsets) == len(mt.text) + 1  # one offset per character (the loop below checks each)
    for i in range(len(mt.text)):
        s, e = mt.orig_span(i, i + 1)
        assert 0 <= s < e <= len(raw)


def test_traditional_units_and_verbs_are_read_one_to_one():
    text = "公務接待費較上年減少3.00萬元。"
    m = normalize(text)
    # read one-to-one in simplified form; evidence still quotes the page's own characters
    assert m.text == "公务接待费较上年减少3.00万元。"
    assert len(m.text) == len(text) and m.orig_span(10, 14) == (10, 14)
    assert text[slice(*m.orig_span(0, 5))] == "公務接待費"


def test_a_traditional_map_that_is_not_one_to_one_is_a_clear_error(monkeypatch):
    from extract import resources
    from extract.errors import DataFileError

    resources.traditional_chars.cache_clear()
    monkeypatch.setattr(resources, "_load_json", lambda name: {"read": {"萬": "一万"}})
    try:
        with pytest.raises(DataFileError):
            resources.traditional_chars()
    finally:
        monkeypatch.undo()
        resources.traditional_chars.cache_clear()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("經(jīng)費(fèi)支出合計(jì)35萬(wàn)元", "经费支出合计35万元"),
        ("實有人數(shù)11人", "实有人数11人"),
        ("九華山風(fēng)景區(qū)宗教事務(wù)局", "九华山风景区宗教事务局"),
        # a list marker or an English word in brackets carries no tone mark: kept
        ("項目(a)12萬元", "项目(a)12万元"),
        ("采用PPP(public)模式", "采用PPP(public)模式"),
    ],
)
def test_ruby_pinyin_of_mirror_pages_is_dropped(raw: str, expected: str) -> None:
    mt = normalize(raw)
    assert mt.text == expected


def test_amount_after_ruby_pinyin_points_into_the_original() -> None:
    raw = "“三公”經(jīng)費(fèi)支出合計(jì)35萬(wàn)元,比上年減少2.28萬(wàn)元"
    mt = normalize(raw)
    i = mt.text.index("35万元")
    a, b = mt.orig_span(i, i + len("35万元"))
    assert raw[a:b] == "35萬(wàn)元"
