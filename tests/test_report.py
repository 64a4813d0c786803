from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from extract import run
from extract.report import CHART_BAR, KIND_COLORS, write_report


@pytest.fixture(scope="module")
def report(tmp_path_factory, corpus_files):
    src = tmp_path_factory.mktemp("in")
    for p in corpus_files[:2]:
        shutil.copy(p, src / p.name)
    evil = src / "evil.txt"
    evil.write_text("某局2023年部门预算\n\n一、说明\n\n<script>alert(1)</script>收入预算总额为271.33万元 & 较上年减少<b>65.92</b>万元。\n", encoding="utf-8")
    (src / "notes.txt").write_text("Downloaded 2024-05-01, 3 files.\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run([src], out=out, workers=1, progress=False)
    return out, write_report(out)


def _pages(out):
    return {p: p.read_text(encoding="utf-8") for p in (out / "report").glob("*.html") if p.name != "index.html"}


def _records(out, name):
    return [json.loads(x) for x in (out / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


def test_index_tells_documents_apart_with_counts_and_totals(report):
    out, index = report
    html = index.read_text(encoding="utf-8")
    docs = _records(out, "documents")
    facts = _records(out, "facts")
    assert len(docs) == 4
    for d in docs:
        assert Path(d["path"]).name in html
    assert "青云谱区医疗保障局" in html and "预算" in html and html.count('.html">') == 3
    assert "skipped" in html and "not a budget document" in html  # notes.txt
    for h in ("file", "部门/单位", "年度", "预算/决算", "facts", "table cells", "aligned", "mismatches"):
        assert f"<th>{h}</th>" in html
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert f"<td class=num>{len(facts)}</td>" in foot and "all 4 documents" in foot
    per_doc = Counter(f["doc_id"] for f in facts)
    row = html[html.index("000_54214275dc1fe0d9.txt") :].split("</tr>")[0]
    doc_id = next(d["doc_id"] for d in docs if d["path"].endswith("000_54214275dc1fe0d9.txt"))
    assert f"<td class=num>{per_doc[doc_id]}</td>" in row


def test_every_fact_is_highlighted_in_place_and_linked_to_its_cell(report):
    out, _ = report
    facts, alignments = _records(out, "facts"), _records(out, "alignments")
    pages = _pages(out)
    assert len(pages) == 3 and alignments
    by_doc = {p.stem: h for p, h in pages.items()}
    for f in facts:
        assert f'id="fact-{f["fact_id"]}"' in by_doc[f["doc_id"]], f
    for a in alignments:
        h = by_doc[a["doc_id"]]
        cell = f"cell-{a['cell_span'][0]}-{a['cell_span'][1]}"
        mark = re.search(rf'<mark [^>]*id="fact-{re.escape(a["fact_id"])}"[^>]*>', h).group(0)
        target = re.search(r'data-cell="([^"]+)"', mark).group(1)
        td = re.search(rf'<td class="cell[^"]*" id="{re.escape(target)}" data-facts="([^"]*)"', h)
        assert td, (a, target)
        assert f"fact-{a['fact_id']}" in td.group(1).split()
        assert target == cell or target.startswith("cell-")


def test_document_is_rendered_as_it_reads(report):
    out, _ = report
    h = next(h for h in _pages(out).values() if "青云谱" in h)
    doc = h[h.index('<div class="doc">') :]
    assert re.search(r"<h[345]>[^<]*一、部门主要职责</h[345]>", doc)
    assert doc.count("<p>") > 20 and doc.count("<table id=\"table-") >= 1 and "<th>" in doc
    assert "**" not in doc and "<pre" not in doc.split("<table")[0]
    for name in ('name="kind" value="amount"', 'id="only-findings"', 'id="conf-min"', 'id="conf-max"'):
        assert name in h
    svg = h[h.index('<figure class="chart-sangong">') : h.index("</figure>")]
    assert "公务接待" in svg and svg.count(f'fill="{CHART_BAR}"') >= 3 and "−2" in svg


def test_pages_are_self_contained(report):
    out, index = report
    for h in [*_pages(out).values(), index.read_text(encoding="utf-8")]:
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", h)
        assert "<link" not in h and "@import" not in h and h.count("<script>") == 1


def test_document_text_is_escaped(report):
    out, _ = report
    evil = [h for h in _pages(out).values() if "alert(1)" in h]
    assert evil
    html = evil[0]
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;" in html
    assert html.count("<script>") == 1


def test_report_without_batch_is_a_usage_error(tmp_path):
    from extract.errors import UsageError

    with pytest.raises(UsageError, match="no documents.jsonl"):
        write_report(tmp_path)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _chromium(tmp_path, url, *extra):
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000", *extra, url],
        capture_output=True, text=True, timeout=120,
    )


def _hex(c):
    return tuple(int(c[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it when it can)")
def test_page_renders_highlights_and_chart_in_headless_chromium(report, tmp_path):
    from PIL import Image

    out, index = report
    page = next(p for p, h in _pages(out).items() if "青云谱" in h)
    shot = tmp_path / "page.png"
    r = _chromium(tmp_path, page.as_uri(), "--window-size=1200,2400", f"--screenshot={shot}")
    assert r.returncode == 0 and shot.is_file(), r.stderr[-500:]
    im = Image.open(shot).convert("RGB")
    colors = Counter({c: n for n, c in im.getcolors(maxcolors=1 << 24)})
    assert colors[_hex(CHART_BAR)] > 500  # the 三公经费 bars
    assert colors[_hex(KIND_COLORS["amount"])] > 200 and colors[_hex(KIND_COLORS["headcount"])] > 200  # marks in the text
    # after the script ran: every mark counted, filters applied, index sortable
    dom = _chromium(tmp_path, page.as_uri(), "--dump-dom").stdout
    n_marks = len(re.findall(r"<mark class=\"f ", page.read_text(encoding="utf-8")))
    assert f'data-ready="{n_marks}"' in dom and n_marks > 50
    assert re.search(r'id="n-shown">(\d+)<', dom).group(1) == str(n_marks)
    assert 'data-ready="index"' in _chromium(tmp_path, index.as_uri(), "--dump-dom").stdout


def test_pdf_facts_show_their_page_and_box(tmp_path):
    from pathlib import Path

    import pytest

    pdf = Path(__file__).parent.parent.parent / "shared" / "corpus" / "dev" / "pdf" / "09_sh_putuo_wanli_street_2024_budget.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus/dev/pdf is not beside the checkout")
    from extract import run
    from extract.report import write_report

    src = tmp_path / "in"
    src.mkdir()
    (src / pdf.name).write_bytes(pdf.read_bytes())
    run([str(src)], out=str(tmp_path / "out"), workers=1, progress=False, tabular=False)
    write_report(tmp_path / "out")
    pages = [p for p in (tmp_path / "out" / "report").glob("*.html") if p.name != "index.html"]
    assert len(pages) == 1
    html = pages[0].read_text(encoding="utf-8")
    import re

    assert re.search(r"· p\. \d+ \[\d+, \d+, \d+, \d+\]", html) and "<th>page</th>" in html


def test_markdown_marks_that_open_a_line_are_not_shown():
    from extract.report import _without_marks

    def chars(t):
        return [(c, i) for i, c in enumerate(t)]

    assert "".join(c for c, _ in _without_marks(chars("## 目 录"))) == "目 录"
    assert "".join(c for c, _ in _without_marks(chars("- 一、部门主要职责"))) == "一、部门主要职责"
    assert "".join(c for c, _ in _without_marks(chars("-5.3%为降幅"))) == "-5.3%为降幅"
    assert _without_marks(chars("## 目"))[0] == ("目", 3)  # offsets still point into the original text
