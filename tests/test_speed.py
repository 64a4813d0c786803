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
    r"(?m)^[ \t]*(?:增加|说明)[^\n]{0,4}[:：]",  # anchored: left to finditer
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
    assert scans["instruction_heading"] is None  # (?m)^: the engine fails at once off a line start


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


def test_char_map_of_a_whole_traditional_page_equals_translate():
    full = traditional_chars("full")
    text = "".join(list(full)[:300]) + "收入１２３．４５万元"  # more distinct characters than a pattern takes
    table = {ord(t): s for t, s in full.items()}
    assert traditional_map("full")(text) == text.translate(table)


def test_char_map_real_characters():
    assert CharMap(_char_map())("收入１２３．４５万元　合计％") == "收入123.45万元 合计%"
    assert traditional_map("titles")("部門預算") == "部门预算"
    assert CharMap({})("不变") == "不变"


# ---------------------------------------------------------------- metadata: place prefixes found near the name only


def _fullest_name_reference(dept: str, text: str) -> str:
    """fullest_name as it was written before the windowed scan (re.finditer over the whole text)."""
    from collections import Counter

    from extract.metadata import _PLACE_PREFIX  # noqa: PLC2701 - the reference needs the same pattern

    forms = Counter(m.group("p") for m in re.finditer(_PLACE_PREFIX + re.escape(dept), text))
    if forms:
        top = max(forms.values())
        dept = max((p for p, n in forms.items() if n == top), key=len) + dept
    m = re.match(r"([\u4e00-\u9fff]{2})县(.+)$", dept)
    if m and (full := re.search(rf"{m.group(1)}[\u4e00-\u9fff]{{2,8}}?自治县{re.escape(m.group(2))}", text)):
        dept = full.group()
    if dept.endswith(("镇", "乡")) and dept + "人民政府" in text:
        dept += "人民政府"
    return dept


@pytest.mark.parametrize(
    ("dept", "text", "expected"),
    [
        ("良庆区水库移民局", "南宁市良庆区水库移民局2021年部门决算。良庆区水库移民局负责……", "南宁市良庆区水库移民局"),
        ("财政局", "根据南宁市财政局的要求，广西壮族自治区南宁市财政局编制。", "广西壮族自治区南宁市财政局"),
        ("民政局", "第一部分普洱市民政局概况", "民政局"),
        ("民政局", "", "民政局"),
        ("寻甸县财政局", "寻甸县财政局简介。寻甸回族彝族自治县财政局2023年部门预算", "寻甸回族彝族自治县财政局"),
        ("寻甸县财政局", "寻甸县财政局2023年部门预算，寻甸自治县财政局", "寻甸县财政局"),
    ],
)
def test_fullest_name_real_phrasings(dept, text, expected):
    from extract.metadata import fullest_name

    assert fullest_name(dept, text) == expected == _fullest_name_reference(dept, text)


@settings(max_examples=300, deadline=None)
@given(
    dept=st.sampled_from(["财政局", "移民局", "市局", "镇", "局"]),
    text=st.text(alphabet="南宁市广西壮族自治区凉山彝州盟地省第部的财政移民局镇 ，。a1\n", max_size=160),
)
def test_fullest_name_equals_whole_text_scan(dept, text):
    from extract.metadata import fullest_name

    assert fullest_name(dept, text) == _fullest_name_reference(dept, text)


# ---------------------------------------------------------------- batch parts are compressed


def test_parts_are_gzip_and_plain_json_parts_still_resume(tmp_path):
    import gzip
    import json
    from pathlib import Path

    from extract.batch import run

    corpus = Path(__file__).parent / "data" / "corpus"
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(corpus.glob("*.txt"))[:2]:
        (src / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    first = run([src], out=out, workers=1, progress=False, tabular=False)
    facts = (out / "facts.jsonl").read_text(encoding="utf-8")
    parts = sorted(p for p in (out / ".parts").glob("*.json"))
    assert len(parts) == 2 and first.n_ok == 2 and facts
    raw = parts[0].read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    plain = gzip.decompress(raw)
    assert len(raw) * 3 < len(plain)  # compressed well
    parts[0].write_bytes(plain)  # a part written before compression
    again = run([src], out=out, workers=1, progress=False, resume=True, tabular=False)
    assert again.n_reused == 2 and again.n_errors == 0
    assert (out / "facts.jsonl").read_text(encoding="utf-8") == facts
    assert json.loads(plain)["documents"][0]["status"] == "ok"


# ---------------------------------------------------------------- records: to_dict without asdict's deep copies


def test_to_dict_equals_asdict_on_real_records():
    from dataclasses import asdict, replace
    from pathlib import Path

    from extract.pipeline import extract_document

    path = sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt"))[0]
    r = extract_document(path)
    records = [r.document, *r.facts, *r.cells, *r.indicators, *r.alignments, *r.findings]
    records.append(replace(r.cells[0], bbox=[1.0, 2.0, 3.0, 4.0], page=3))  # a PDF cell
    assert len(records) > 100 and r.document.tables
    for rec in records:
        expected = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(rec).items()}
        got = rec.to_dict()
        assert got == expected and list(got) == list(expected)
        assert all(type(got[k]) is type(expected[k]) for k in got)


# ---------------------------------------------------------------- ingest: junk characters counted after one regex pass


def _junk_ratio_reference(text: str) -> float:
    import unicodedata

    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for c in sample if c not in "\n\r\t\f" and (unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") or c == "\ufffd"))
    return bad / len(sample)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200) | st.text(alphabet="收入预算\n\t\f\x00\x07\ue000\ufffd\u0378abc１", max_size=200))
def test_junk_ratio_equals_character_by_character(text):
    from extract.ingest import _junk_ratio

    assert _junk_ratio(text) == _junk_ratio_reference(text)


def test_junk_ratio_real_text_and_junk():
    from extract.ingest import _junk_ratio

    assert _junk_ratio("收入预算总额为271.33万元。\n") == 0.0
    assert _junk_ratio("\x00\x01收入\ue000\ufffd") == 4 / 6


@settings(max_examples=300, deadline=None)
@given(
    n=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 300), st.sampled_from([0.5, 1, 2, 3, 10, 100])),
    edges=st.lists(st.sampled_from([0.3, 0.5, 1, 2, 3, 4, 10, 100]), max_size=6).map(lambda e: tuple(sorted(e))),
)
def test_bucket_counts_the_edges_reached(n, edges):
    from extract.model import bucket

    assert bucket(n, edges) == sum(1 for e in edges if n >= e)


# ---------------------------------------------------------------- quantities: the pattern tried at number starts only


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="0123456789.,_-+%万元亿人个辆次一二三十百千两零第项类款（）()增加减少为，。a ", max_size=120))
def test_quantity_scan_equals_finditer(text):
    from extract.quantity import _pattern, _scan

    assert [(m.span(), m.groupdict()) for m in _scan().finditer(text)] == [(m.span(), m.groupdict()) for m in _pattern().finditer(text)]


def test_quantity_scan_on_the_dev_corpus():
    from pathlib import Path

    from extract.normalize import normalize
    from extract.quantity import _pattern, _scan

    n = 0
    for p in sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt")):
        text = normalize(p.read_text(encoding="utf-8")).compact().text
        got = [(m.span(), m.groupdict()) for m in _scan().finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in _pattern().finditer(text)]
        n += len(got)
    assert n > 1000 and _scan().first is not None


# ---------------------------------------------------------------- records rebuilt without dataclasses.replace


def test_evolve_equals_dataclasses_replace():
    from dataclasses import replace

    from extract.records import Fact, TableCell, evolve

    f = Fact("d", "f1", "amount", "三公经费", None, 1.5, "万元", 15000.0, None, None, None, None, "三公经费1.5万元。", (3, 9), "一、概况", 0.8, surface="1.5万元")
    for changes in ({"confidence": 0.42}, {"figure_type": "决算数", "metric": "sangong"}, {}):
        assert evolve(f, **changes) == replace(f, **changes)
    c = TableCell("d", "t1", "收入支出决算总表", "万元", "合计", None, "决算数", 12.0, (1, 4))
    assert evolve(c, figure_type="决算数") == replace(c, figure_type="决算数")
    with pytest.raises(KeyError):
        evolve(f, no_such_field=1)


SPACE_LED = [
    r"(?<=[预算为])\s*万元(?=[。，])",
    r"(?<![加少长降增减升\s])\s*[（(]\s*(?:增|减)\s*(?:加|少)?\s*[）)]\s*(?:\d[\d.,]*\s*(?:万元|元|%)?|幅)",
    r"(?<=其中[:：])\s*(?:行政|事业)人(?=\s*[,，、；;])|(?:共有|现有)[\u4e00-\u9fff]{0,6}?职工\s*人(?=[，,。；;、])",
    r"[\s万]+元|占\s*%",
    r"\s?\s*x|[ \t]*y",
]


@pytest.mark.parametrize("pattern", SPACE_LED)
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=_ALPHABET + "行政事业人其中:共有现职工占%xy\u3000", max_size=300))
def test_space_led_scan_equals_finditer(pattern, text):
    """Patterns that may open on spaces are tried in the spaces before their first solid character."""
    rx = re.compile(pattern)
    scan = FirstChars(rx)
    assert scan.solid is not None
    assert [(m.span(), m.group()) for m in scan.finditer(text)] == [(m.span(), m.group()) for m in rx.finditer(text)]


@settings(max_examples=3000, deadline=None)
@given(text=st.text(alphabet="0123456789１٣.,%％万元人 \t\n\u3000a（）", max_size=80))
def test_number_before_mark_scans_equal_finditer(text):
    from extract.figure_checks import _CUT_WAN, _CUT_WAN_SCAN, _PCT_NUMBER, _PCT_NUMBER_SCAN

    for rx, scan in ((_CUT_WAN, _CUT_WAN_SCAN), (_PCT_NUMBER, _PCT_NUMBER_SCAN)):
        assert [(m.span(), m.groups()) for m in scan.finditer(text)] == [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_number_before_mark_scans_on_the_corpora():
    from pathlib import Path

    from extract.figure_checks import _CUT_WAN, _CUT_WAN_SCAN, _PCT_NUMBER, _PCT_NUMBER_SCAN

    root = Path(__file__).parent
    for p in sorted((root / "data" / "corpus").glob("*.txt")) + sorted((root.parent / "corpus" / "wide").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        for rx, scan in ((_CUT_WAN, _CUT_WAN_SCAN), (_PCT_NUMBER, _PCT_NUMBER_SCAN)):
            assert [m.span() for m in scan.finditer(text)] == [m.span() for m in rx.finditer(text)], p.name


@settings(max_examples=3000, deadline=None)
@given(
    name=st.sampled_from(["某县财政局", "杜集区政府办", "九华山风景区管理局", "宣城市", "局"]),
    tail=st.text(alphabet="某县縣财財政局杜集區区政府辦办九華华山風风景(qū)fēngjǐ（）a ", max_size=12),
    reading=st.booleans(),
)
def test_mirror_match_end_equals_the_compiled_pattern(name, tail, reading):
    """A department name as a mirror page prints it, matched by hand, ends where its regex's match ends."""
    from extract.itemnames import mirror_match_end, mirror_pattern

    for s in (name[0] + ("(dù)" if reading else "") + tail, tail, name + tail, "".join(c + "(ā)" for c in name) + tail):
        m = re.match(mirror_pattern(name), s)
        assert mirror_match_end(name, s) == (m.end() if m else None)
