"""Read a file's bytes and decode them, recording how; every failure is a specific error."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .errors import BinaryFileError, DecodeError, EmptyDocumentError, FileTooLargeError, ReadError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Decoded text plus what is needed to identify it; `text` is what every span indexes."""

    path: str
    text: str
    encoding: str
    sha256: str
    n_bytes: int
    format: str = "text"  # text, pdf, html, docx, xlsx, xls
    pages: int | None = None  # PDFs
    text_layer: bool | None = None  # PDFs: False would have been a scanned-PDF error
    locations: Any = None  # extract.readers.LocationMap: text offset → page + bbox (PDFs)

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.sha256)


def doc_id_for(sha256: str) -> str:
    """Stable id from content: same bytes, same id, wherever the file lives."""
    return sha256[:16]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(f"file is {size} bytes, over the limit of {max_bytes}: {p.name}")
        return p.read_bytes()
    except IsADirectoryError as exc:
        raise ReadError(f"is a directory, not a file: {p}") from exc
    except FileNotFoundError as exc:
        raise ReadError(f"no such file: {p}") from exc
    except PermissionError as exc:
        raise ReadError(f"permission denied: {p}") from exc
    except OSError as exc:
        raise ReadError(f"cannot read {p}: {exc.strerror or exc}") from exc


_JUNK_CATEGORIES = ("Cc", "Co", "Cn", "Cs")


@cache
def _surely_fine() -> re.Pattern[str]:
    """The characters most documents are made of (ASCII, CJK ideographs and punctuation, full-width
    forms), each checked against `_JUNK_CATEGORIES` once: they are dropped by one regex pass and
    only the rest is looked up character by character."""
    runs: list[list[int]] = []
    for a, b in [(0x20, 0x7E), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E)]:
        for c in range(a, b + 1):
            if unicodedata.category(chr(c)) in _JUNK_CATEGORIES:
                continue
            if runs and runs[-1][1] == c - 1:
                runs[-1][1] = c
            else:
                runs.append([c, c])
    return re.compile("[\n\r\t\f" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs) + "]+")


def _junk_ratio(text: str) -> float:
    """Share of characters that no real document contains (controls, private use, unassigned)."""
    if not text:
        return 0.0
    sample = text[:20000]
    bad = 0
    for c in _surely_fine().sub("", sample):
        if c in "\n\r\t\f":
            continue
        cat = unicodedata.category(c)
        if cat in _JUNK_CATEGORIES or c == "\ufffd":
            bad += 1
    return bad / len(sample)


def _looks_utf16(data: bytes) -> str | None:
    if len(data) < 4:
        return None
    sample = data[:4000]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has NULs in one lane; CJK-heavy UTF-16 has none, so also try strict decode
    if odd_nul > 0.3 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.3 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def decode(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding name)."""
    if not data or not data.strip():
        raise EmptyDocumentError(f"empty file: {name}")
    candidates: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates.append("utf-16")
    else:
        lane = _looks_utf16(data)
        if lane:
            candidates.append(lane)
        elif b"\x00" in data[:65536]:
            raise BinaryFileError(f"binary content (NUL bytes), not a text document: {name}")
        candidates += ["utf-8", "gb18030", "big5"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _junk_ratio(text) > 0.02:
            continue
        if not text.strip():
            raise EmptyDocumentError(f"no text after decoding as {enc}: {name}")
        label = {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(enc, enc)
        return text, label
    if _junk_ratio(data.decode("latin-1")) > 0.05:
        raise BinaryFileError(f"binary content, not a text document: {name}")
    raise DecodeError(f"not decodable as utf-8, utf-16, gb18030 or big5: {name}")


def read_document(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    return raw_from_bytes(str(path), read_bytes(path, max_bytes=max_bytes))


def raw_from_bytes(path: str, data: bytes) -> RawDocument:
    """Text files are decoded; PDF, HTML, Word and Excel (told apart by content) are read by
    `extract.readers`, whose text the spans then index."""
    from .readers import read_any

    name = Path(path).name
    res = read_any(data, suffix=Path(path).suffix, name=name)
    if res is None:
        text, enc = decode(data, name=name)
        return RawDocument(path, text, enc, sha256_of(data), len(data))
    if not res.text.strip():
        raise EmptyDocumentError(f"no text in this {res.format} file: {name}")
    return RawDocument(path, res.text, res.encoding or res.format, sha256_of(data), len(data), res.format, res.pages, res.text_layer, res.locations)


def document_from_text(text: str, *, path: str = "<text>") -> RawDocument:
    data = text.encode("utf-8")
    if not text.strip():
        raise EmptyDocumentError(f"empty text: {path}")
    return RawDocument(path, text, "utf-8", sha256_of(data), len(data))
