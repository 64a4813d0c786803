from __future__ import annotations

import codecs

import pytest

from extract.errors import BinaryFileError, EmptyDocumentError, FileTooLargeError, ReadError, TruncatedDocumentError
from extract.ingest import decode, read_document

TEXT = "2023年青云谱区医疗保障局收入预算总额为271.33万元，较上年预算安排减少65.92万元。\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (("部门预算 budget 2023 " * 20).encode("utf-16-le"), "utf-16-le"),
        (("部门预算 budget 2023 " * 20).encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decode_detects_encoding(data, encoding):
    text, enc = decode(data)
    assert enc == encoding
    assert "预算" in text


def test_bom_is_not_part_of_text():
    text, _ = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT


@pytest.mark.parametrize("data", [b"", b"   \n\t  \n"])
def test_empty_files(data):
    with pytest.raises(EmptyDocumentError, match="empty"):
        decode(data, name="x.txt")


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02binary\x00" * 50, b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 4])
def test_binary_junk(data):
    with pytest.raises(BinaryFileError):
        decode(data, name="junk.bin")


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(ReadError, match="directory"):
        read_document(tmp_path)


def test_huge_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("预算" * 1000, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="over the limit"):
        read_document(p, max_bytes=100)


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_a_bare_pdf_header_is_a_truncated_pdf_whatever_its_name(tmp_path, suffix):
    p = tmp_path / f"doc{suffix}"
    p.write_bytes(b"%PDF-1.4")
    with pytest.raises(TruncatedDocumentError, match="truncated PDF"):
        read_document(p)


def test_same_bytes_same_id(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "sub.md"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(TEXT, encoding="utf-8")
    assert read_document(a).doc_id == read_document(b).doc_id
