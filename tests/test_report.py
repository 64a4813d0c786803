from __future__ import annotations

import shutil
import subprocess

import pytest

from extract import run
from extract.report import write_report


@pytest.fixture(scope="module")
def report(tmp_path_factory, corpus_files):
    src = tmp_path_factory.mktemp("in")
    for p in corpus_files[:2]:
        shutil.copy(p, src / p.name)
    evil = src / "evil.txt"
    evil.write_text("某局2023年部门预算\n\n一、说明\n\n<script>alert(1)</script>收入预算总额为271.33万元 & 较上年减少<b>65.92</b>万元。\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run([src], out=out, workers=1, progress=False)
    return out, write_report(out)


def test_index_and_pages(report):
    out, index = report
    html = index.read_text(encoding="utf-8")
    assert "青云谱区医疗保障局" in html and html.count('.html">') == 3
    page = next(p for p in (out / "report").glob("*.html") if p.name != "index.html" and "青云谱" in p.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    assert text.index("Findings") < text.index("Facts and their table cells") < text.index("<pre")
    assert '<mark class="amount"' in text and "模板残留" in text


def test_document_text_is_escaped(report):
    out, _ = report
    evil = [p for p in (out / "report").glob("*.html") if "alert(1)" in p.read_text(encoding="utf-8")]
    assert evil
    html = evil[0].read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;" in html


def test_report_without_batch_is_a_usage_error(tmp_path):
    from extract.errors import UsageError

    with pytest.raises(UsageError, match="no documents.jsonl"):
        write_report(tmp_path)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_page_renders_in_headless_chromium(report, tmp_path):
    out, index = report
    page = next(p for p in (out / "report").glob("*.html") if p.name != "index.html")
    r = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=90,
    )
    assert r.returncode == 0, r.stderr[-500:]
    assert "<mark" in r.stdout and "Findings" in r.stdout and len(r.stdout) > 5000
