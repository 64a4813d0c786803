"""The same document saved differently (Windows line ends, GB18030, both) gives the same records,
with evidence offsets that point at the same characters of each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_document
from extract.ingest import read_document

CORPUS = Path(__file__).parent / "data" / "corpus"
DOCS = ["000_54214275dc1fe0d9.txt", "004_1d05b5c9e9ccc38a.txt", "01_js_renda_2019_budget.txt", "09_sh_putuo_wanli_street_2024_budget.txt"]
VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "crlf-gb18030": lambda t: t.replace("\n", "\r\n").encode("gb18030"),
    "utf8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
}


@pytest.fixture(scope="module")
def originals():
    return {d: extract_document(CORPUS / d) for d in DOCS}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("doc", DOCS)
def test_variant_gives_the_same_records(tmp_path, originals, doc, variant):
    a = originals[doc]
    text_a = read_document(CORPUS / doc).text
    path = tmp_path / doc
    path.write_bytes(VARIANTS[variant](text_a))
    b = extract_document(path)
    text_b = read_document(path).text

    def facts(r, text):
        return [(f.kind, f.subject, f.value, f.unit, text[f.span[0] : f.span[1]].replace("\r", "")) for f in r.facts]

    def cells(r, text):
        return [(c.table_title, c.row_label, c.column, c.value, text[c.span[0] : c.span[1]].replace("\r", "") if c.span else None) for c in r.cells]

    assert facts(b, text_b) == facts(a, text_a)
    assert cells(b, text_b) == cells(a, text_a)
    assert [(f.check, f.message) for f in b.findings] == [(f.check, f.message) for f in a.findings]


_FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _wrap(text: str, width: int = 38) -> str:
    """Prose re-wrapped the way PDF converters break long lines (tables left alone)."""
    out: list[str] = []
    for line in text.split("\n"):
        table_row = "\t" in line or "   " in line.strip()  # tab or space-aligned columns
        out += [line] if table_row or len(line) < 60 else [line[i : i + width] for i in range(0, len(line), width)]
    return "\n".join(out)


TEXT_VARIANTS = {
    "full-width digits in prose": lambda t: "\n".join(x if "\t" in x else x.translate(_FULLWIDTH) for x in t.split("\n")),
    "trailing spaces": lambda t: "\n".join(x + "  " for x in t.split("\n")),
    "no-break spaces": lambda t: t.replace(" ", "\u00a0"),
    "PDF-wrapped prose": _wrap,
}


@pytest.mark.parametrize("variant", list(TEXT_VARIANTS))
@pytest.mark.parametrize("doc", ["002_2f12658d6dd2eaf6.txt", "11_sh_putuo_gov_office_2025_dept_budget.txt"])
def test_text_noise_gives_the_same_facts(doc, variant):
    text = read_document(CORPUS / doc).text
    a = extract_document(text, is_text=True)
    b = extract_document(TEXT_VARIANTS[variant](text), is_text=True)
    assert sorted((f.kind, f.value, f.subject) for f in b.facts) == sorted((f.kind, f.value, f.subject) for f in a.facts)
    assert len(b.cells) == len(a.cells)
