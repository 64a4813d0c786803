"""Published formats: PDF (generated with reportlab's CJK CID font, plus the real dev PDFs), web
pages, Word and Excel files built from a corpus document; broken input of every format."""

from __future__ import annotations

import html
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from extract import extract_document, run
from extract.errors import (
    EncryptedDocumentError,
    LegacyFormatError,
    MalformedDocumentError,
    ScannedPDFError,
    TruncatedDocumentError,
    ZipBombError,
)
from extract.ingest import read_document
from extract.readers import read_any, sniff_format

CORPUS = Path(__file__).parent / "data" / "corpus"
ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = next((d for d in (r / "shared" / "corpus" / "dev" / "pdf" for r in (ROOT.parent, ROOT.parent.parent)) if d.is_dir()), None)

PROSE = "2023年某某县医疗保障局部门预算"
SENTENCE = "收入预算总额为271.33万元，较上年预算安排减少65.92万元。"


def _pdf(pages: list[list[tuple[float, float, str]]], *, encrypt: str | None = None, size=(595, 842)) -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, encrypt=StandardEncryption(encrypt) if encrypt else None)
    for items in pages:
        c.setFont("STSong-Light", 11)
        for x, y, s in items:
            c.drawString(x, size[1] - y, s)
        c.showPage()
    c.save()
    return buf.getvalue()


def _budget_pages() -> list[list[tuple[float, float, str]]]:
    pages = []
    for n in range(1, 4):
        items = [(200, 30, "某某县医疗保障局2023年部门预算公开"), (290, 820, f"- {n} -")]
        if n == 1:
            items += [(72, 80, PROSE), (72, 110, "一、收支预算情况说明"), (72, 140, SENTENCE)]
        else:
            items += [(72, 80, "表1 收支预算总表"), (400, 100, "单位：万元"), (72, 120, "项目"), (300, 120, "预算数"), (420, 120, "上年数")]
            items += [(72, 140 + 20 * i, label) for i, label in enumerate(["一般公共服务支出", "社会保障和就业支出"])]
            items += [(300, 140, "1,234.56"), (420, 140, "1,000.00"), (300, 160, "88.10"), (420, 160, "90.00")]
        pages.append(items)
    return pages


def test_pdf_lines_columns_and_running_headers():
    r = read_any(_pdf(_budget_pages()), suffix=".pdf")
    assert r is not None and r.format == "pdf" and r.pages == 3 and r.text_layer
    lines = r.text.splitlines()
    assert SENTENCE in lines  # CJK and numbers without spurious spaces
    assert not any("- 2 -" in ln or "部门预算公开" in ln for ln in lines)  # page numbers and the running header dropped
    row = next(ln for ln in lines if ln.startswith("一般公共服务支出"))
    assert row.split() == ["一般公共服务支出", "1,234.56", "1,000.00"]
    assert "\f" not in r.text  # pages continue: a paragraph or table running on is not cut


def test_pdf_facts_and_cells_carry_page_and_bbox(tmp_path):
    p = tmp_path / "budget.pdf"
    p.write_bytes(_pdf(_budget_pages()))
    res = extract_document(p)
    assert res.document.format == "pdf" and res.document.pages == 3 and res.document.text_layer is True
    amount = next(f for f in res.facts if f.kind == "amount" and f.value == 271.33)
    assert res.text[amount.span[0] : amount.span[1]] == "271.33"
    assert amount.page == 1
    x0, top, x1, bottom = amount.bbox
    assert 72 < x0 < x1 < 400 and 125 < top < bottom < 150  # the sentence is drawn at y = 140 from the top
    cells = [c for c in res.cells if c.value == 1234.56]
    assert cells and all(c.page in (2, 3) and c.bbox and c.bbox[0] >= 299 for c in cells)


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: _pdf(_budget_pages())[:-200], TruncatedDocumentError, "truncated PDF"),
        (lambda: _pdf(_budget_pages(), encrypt="secret"), EncryptedDocumentError, "encrypted PDF"),
        (lambda: _pdf([[]]), ScannedPDFError, "scanned PDF: no text layer"),
        (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", MalformedDocumentError, "unreadable PDF"),
    ],
)
def test_broken_pdfs(tmp_path, make, error, message):
    p = tmp_path / "x.pdf"
    p.write_bytes(make())
    with pytest.raises(error, match=message):
        read_document(p)


def test_batch_records_formats_errors_and_saves_texts(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").write_bytes(_pdf(_budget_pages()))
    (src / "scan.pdf").write_bytes(_pdf([[]]))
    (src / "b.html").write_text(f"<html><body><h1>{PROSE}</h1><p>{SENTENCE}</p></body></html>", encoding="utf-8")
    (src / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "WordDocument".encode("utf-16-le") + b"\x00" * 512)
    out = tmp_path / "out"
    summary = run([src], out=out, workers=1, progress=False)
    docs = {Path(d["path"]).name: d for d in map(json.loads, (out / "documents.jsonl").read_text(encoding="utf-8").splitlines())}
    assert set(docs) == {"a.pdf", "scan.pdf", "b.html", "old.doc"} and summary.n_errors == 2
    assert docs["a.pdf"]["format"] == "pdf" and docs["a.pdf"]["pages"] == 3 and docs["a.pdf"]["text_layer"] is True
    assert docs["scan.pdf"]["error"] == "scanned PDF: no text layer"
    assert "legacy Word .doc" in docs["old.doc"]["error"]
    assert docs["b.html"]["format"] == "html"
    text = Path(docs["a.pdf"]["text_path"]).read_text(encoding="utf-8")
    facts = [json.loads(x) for x in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    pdf_facts = [f for f in facts if f["doc_id"] == docs["a.pdf"]["doc_id"]]
    assert pdf_facts and all(text[f["span"][0] : f["span"][1]] for f in pdf_facts)
    assert any(text[f["span"][0] : f["span"][1]] == "271.33" and f["page"] == 1 for f in pdf_facts)


# ---------------------------------------------------------------- HTML


def test_html_charset_boilerplate_and_merged_cells():
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>x</title></head>
    <body><div class="nav">首页 | 政务公开 | 联系我们</div><script>var a = "预算";</script>
    <h1>{PROSE}</h1><p>{SENTENCE}</p>
    <table><tr><td rowspan="2">项目</td><td colspan="2">本年收入</td></tr><tr><td>预算数</td><td>上年数</td></tr>
    <tr><td>一般公共服务支出</td><td>1,234.56</td><td>1,000.00</td></tr></table>
    <div id="footer">版权所有 某某县人民政府</div></body></html>"""
    r = read_any(page.encode("gb18030"), suffix=".htm")
    assert r is not None and r.encoding == "gb18030"
    lines = r.text.splitlines()
    assert lines[:2] == [f"# {PROSE}", SENTENCE]
    assert lines[2:] == ["项目\t本年收入\t本年收入", "项目\t预算数\t上年数", "一般公共服务支出\t1,234.56\t1,000.00"]
    res = extract_document(r.text, is_text=True)
    assert {(c.row_label, c.column, c.value) for c in res.cells} == {("一般公共服务支出", "本年收入 > 预算数", 1234.56), ("一般公共服务支出", "本年收入 > 上年数", 1000.0)}


@pytest.mark.parametrize(
    "data, message",
    [
        (b"<html><head><title>t</title></head></html>", "without a body"),
        (b"<!DOCTYPE html><html><body>   </body></html>", "without a body"),
    ],
)
def test_broken_html(data, message):
    with pytest.raises(MalformedDocumentError, match=message):
        read_any(data, suffix=".html")


# ---------------------------------------------------------------- docx / xlsx / xls / doc


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in members.items():
            zf.writestr(k, v)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, suffix, error, message",
    [
        (_zip({"word/document.xml": b"<w:document/>", "word/media/big.bin": b"\0" * 3_000_000}), ".docx", ZipBombError, "zip bomb"),
        (b"this is not a zip file at all, just text pretending", ".docx", MalformedDocumentError, "not a .docx"),
        (b"PK\x03\x04" + b"\0" * 100, ".docx", MalformedDocumentError, "broken zip"),
        (_zip({"word/document.xml": b"<not xml"}), ".docx", MalformedDocumentError, "broken .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "WordDocument".encode("utf-16-le") + b"\0" * 512, ".doc", LegacyFormatError, "legacy Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "Workbook".encode("utf-16-le") + b"\0" * 512, ".xls", MalformedDocumentError, "unreadable .xls"),
        (_zip({"xl/workbook.xml": b"<x"}), ".xlsx", MalformedDocumentError, "unreadable .xlsx"),
    ],
)
def test_broken_office_files(data, suffix, error, message):
    with pytest.raises(error, match=message):
        read_any(data, suffix=suffix, name=f"x{suffix}")


def test_content_decides_the_format_not_the_extension():
    xlsx = _workbook([("表1", [["项目", "金额"], ["一般公共服务支出", 12.5]])])
    assert sniff_format(xlsx, suffix=".xls") == "xlsx"
    assert sniff_format(b"<!doctype html><html><body>x</body></html>", suffix=".txt") == "html"
    assert sniff_format("预算".encode(), suffix=".txt") == "text"
    r = read_any(xlsx, suffix=".xls", name="wrong.xls")
    assert r is not None and r.format == "xlsx" and "一般公共服务支出\t12.5" in r.text


# ---------------------------------------------------------------- the same document in every format


def _regions(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """(lines before, tab rows) for every run of tab-separated lines."""
    out: list[tuple[list[str], list[list[str]]]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if "\t" in lines[i] and lines[i].strip():
            j = i
            while j < len(lines) and ("\t" in lines[j] or not lines[j].strip()):
                j += 1
            before = [ln for ln in lines[max(0, i - 4) : i] if ln.strip() and "\t" not in ln][-2:]
            out.append((before, [ln.split("\t") for ln in lines[i:j] if ln.strip()]))
            i = j
        else:
            i += 1
    return out


def _as_html(text: str) -> bytes:
    parts, rows = [], []
    for ln in text.splitlines() + [""]:
        if "\t" in ln and ln.strip():
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in ln.split("\t")) + "</tr>")
            continue
        if rows:
            parts.append("<table border='1'>" + "".join(rows) + "</table>")
            rows = []
        if ln.strip():
            parts.append(f"<p>{html.escape(ln.strip())}</p>")
    page = "<html><head><meta charset='gbk'><title>预算公开</title></head><body><div class='nav'>首页</div>" + "".join(parts) + "</body></html>"
    return page.encode("gbk", errors="strict")


def _as_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(map(len, rows))
            t = d.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    t.cell(r, c).text = v
            rows.clear()

    for ln in text.splitlines():
        if "\t" in ln and ln.strip():
            rows.append(ln.split("\t"))
            continue
        flush()
        if ln.strip():
            d.add_paragraph(ln.strip())
    flush()
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _workbook(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets:
        ws = wb.create_sheet(name[:31])
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell_key(cells) -> Counter:
    return Counter((c.row_label, c.column, c.value, c.code) for c in cells)


def _fact_key(facts) -> Counter:
    return Counter((f.kind, f.subject, f.value, f.unit) for f in facts)


@pytest.mark.parametrize("name", ["001_6bd304a2aa0ee1ee.txt", "002_2f12658d6dd2eaf6.txt"])
def test_web_page_and_docx_give_the_same_facts_and_cells_as_the_text(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    # a saved web page has no blank lines or markdown: compare with the same text without them
    plain = "\n".join(ln.replace("**", "").lstrip("#").strip() if "\t" not in ln else ln for ln in text.splitlines() if ln.strip()) + "\n"
    ref = extract_document(plain, is_text=True)
    assert len(ref.facts) > 50 and len(ref.cells) > 50
    for fmt, data in (("html", _as_html(plain)), ("docx", _as_docx(plain))):
        r = read_any(data, suffix=f".{fmt}")
        assert r is not None and r.format == fmt
        res = extract_document(r.text, is_text=True)
        assert _fact_key(res.facts) == _fact_key(ref.facts), fmt
        assert _cell_key(res.cells) == _cell_key(ref.cells), fmt


@pytest.mark.parametrize("name", ["001_6bd304a2aa0ee1ee.txt", "002_2f12658d6dd2eaf6.txt"])
def test_xlsx_gives_the_same_cells_as_the_text(name):
    text = (CORPUS / name).read_text(encoding="utf-8")
    regions = _regions(text)
    assert len(regions) >= 3
    sheets = [(f"表{i + 1}", [[b] for b in before] + [[_num(c) for c in row] for row in rows]) for i, (before, rows) in enumerate(regions)]
    r = read_any(_workbook(sheets), suffix=".xlsx")
    assert r is not None and r.format == "xlsx"
    ref_text = "\n\n".join("\n".join(before + ["\t".join(row) for row in rows]) for before, rows in regions) + "\n"
    ref = extract_document(ref_text, is_text=True)
    res = extract_document(r.text, is_text=True)
    assert len(ref.cells) > 50
    assert Counter((c.row_label, c.column, c.value) for c in res.cells) == Counter((c.row_label, c.column, c.value) for c in ref.cells)


def _num(s: str) -> object:
    """Amounts as numbers, codes (208, 05, 2080505) as text, the way budget sheets store them."""
    try:
        v = float(s.replace(",", ""))
    except ValueError:
        return s
    return v if "." in s else s


# ---------------------------------------------------------------- the real dev PDFs


@pytest.mark.skipif(PDF_DIR is None, reason="../shared/corpus/dev/pdf not present")
def test_real_pdfs_read_like_their_pdftotext_texts():
    pdf = PDF_DIR / "09_sh_putuo_wanli_street_2024_budget.pdf"
    res = extract_document(pdf)
    ref = extract_document(CORPUS / "09_sh_putuo_wanli_street_2024_budget.txt")
    assert res.document.pages == 33 and res.document.department == ref.document.department
    assert abs(len(res.facts) - len(ref.facts)) <= 3
    same = _cell_key(res.cells) & _cell_key(ref.cells)
    assert sum(same.values()) >= 0.98 * len(ref.cells)
    assert all(c.page and c.bbox for c in res.cells)
    assert all(f.page for f in res.facts)


def test_docx_headings_and_merged_cells():
    import docx

    d = docx.Document()
    d.add_heading("某某县医疗保障局2023年部门预算", level=1)
    d.add_paragraph(SENTENCE)
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "项目"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "本年收入"
    t.cell(1, 1).text, t.cell(1, 2).text = "预算数", "上年数"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "一般公共服务支出", "1,234.56", "1,000.00"
    buf = io.BytesIO()
    d.save(buf)
    r = read_any(buf.getvalue(), suffix=".docx")
    assert r is not None
    assert r.text.splitlines() == [
        "# 某某县医疗保障局2023年部门预算",
        SENTENCE,
        "项目\t本年收入\t本年收入",
        "项目\t预算数\t上年数",
        "一般公共服务支出\t1,234.56\t1,000.00",
    ]


def test_xlsx_title_unit_and_merged_header():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws.append(["收支预算总表"])
    ws.append(["单位：万元"])
    ws.append(["项目", "本年收入", None])
    ws.append([None, "预算数", "上年数"])
    ws.append(["一般公共服务支出", 1234.56, 1000])
    ws.merge_cells("B3:C3")
    ws.merge_cells("A3:A4")
    buf = io.BytesIO()
    wb.save(buf)
    r = read_any(buf.getvalue(), suffix=".xlsx")
    assert r is not None
    assert r.text.splitlines()[:5] == ["收支预算总表", "单位：万元", "项目\t本年收入\t本年收入", "项目\t预算数\t上年数", "一般公共服务支出\t1,234.56\t1,000.00"]
    res = extract_document(r.text, is_text=True)
    assert {(c.table_title, c.unit, c.column, c.value) for c in res.cells} == {("收支预算总表", "万元", "本年收入 > 预算数", 1234.56), ("收支预算总表", "万元", "本年收入 > 上年数", 1000.0)}


def test_pdf_ruled_cells_split_even_when_text_touches_the_border():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("STSong-Light", 10)
    xs, ys = [60, 160, 220, 320], [700, 685, 670]
    for x in xs:
        c.line(x, ys[-1], x, ys[0])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    # amounts right-aligned against the border, labels starting just after it: 2 pt apart
    c.drawRightString(218, 674, "18,330.37")
    c.drawString(62, 674, "一、财政拨款")
    c.drawString(222, 674, "一、一般公共服务支出")
    c.drawString(62, 689, "项目")
    c.drawString(162, 689, "金额")
    c.drawString(222, 689, "项目")
    c.showPage()
    c.save()
    r = read_any(buf.getvalue(), suffix=".pdf")
    row = next(ln for ln in r.text.splitlines() if "18,330.37" in ln)
    assert row.split() == ["一、财政拨款", "18,330.37", "一、一般公共服务支出"]


def test_grid_from_rules_with_merged_cells():
    from extract.readers.pdf_grid import Cell, find_grids, grid_rows

    # 3 columns × 3 rows; the top-right two cells merged (no rule at x=200 in the first row)
    hs = [(0, y, 300, y) for y in (0, 20, 40, 60)]
    vs = [(0, 0, 0, 60), (100, 0, 100, 60), (200, 20, 200, 60), (300, 0, 300, 60)]
    (g,) = find_grids(hs, vs)
    assert g.slots[0][1] is g.slots[0][2] and g.slots[1][1] is not g.slots[1][2]

    class Ch:
        def __init__(self, c: str) -> None:
            self.c = c

    def put(cell: Cell, s: str) -> None:
        cell.chars = [Ch(x) for x in s]

    put(g.slots[0][0], "项目")
    put(g.slots[0][1], "本年收入")
    put(g.slots[1][1], "预算数")
    put(g.slots[1][2], "上年数")
    put(g.slots[2][0], "一般公共服务支出")
    put(g.slots[2][1], "1,234.56")
    put(g.slots[2][2], "1,000.00")
    rows = [["".join(ch.c for ch in c.chars) if c else "" for c in row] for row in grid_rows(g)]
    assert rows == [["项目", "本年收入", "本年收入"], ["", "预算数", "上年数"], ["一般公共服务支出", "1,234.56", "1,000.00"]]
