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
