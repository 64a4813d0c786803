"""Which reader a file needs, decided by its bytes (the extension is only a hint)."""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import LegacyFormatError, MalformedDocumentError, UnsupportedFormatError, ZipBombError
from .base import ReadResult

FORMATS = ("text", "pdf", "html", "docx", "xlsx", "xls", "doc")
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".doc": "doc", ".wps": "doc", ".et": "xls"}
# No real budget document expands to anything near this; a zip bomb does (checked before reading).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200  # uncompressed / compressed of one member; XML compresses ~10–30×

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|table|div|p)\b", re.I | re.S)


def _zip_kind(data: bytes, name: str) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise MalformedDocumentError(f"broken zip container ({exc}): {name}") from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ZipBombError(f"zip bomb: {info.filename} expands {info.file_size // max(info.compress_size, 1)}× : {name}")
    if total > MAX_UNZIPPED_BYTES:
        raise ZipBombError(f"zip bomb: would expand to {total} bytes, over {MAX_UNZIPPED_BYTES}: {name}")
    names = {i.filename for i in infos}
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnsupportedFormatError(f"a zip file that is neither .docx nor .xlsx: {name}")


def _ole2_kind(data: bytes, suffix: str) -> str:
    # the stream directory names the content: "Workbook"/"Book" (Excel) or "WordDocument" (Word)
    head = data[:65536 * 8]
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return "xls"
    if "WordDocument".encode("utf-16-le") in head:
        return "doc"
    return {"xls": "xls", "doc": "doc"}.get(SUFFIXES.get(suffix, ""), "doc")


def sniff_format(data: bytes, *, suffix: str = "", name: str = "<bytes>") -> str:
    """One of FORMATS. Zip containers are opened (their members listed) to tell docx from xlsx."""
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data, name)
    if head.startswith(_OLE2):
        return _ole2_kind(data, suffix)
    probe = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(probe) or (SUFFIXES.get(suffix) == "html" and b"<" in probe):
        return "html"
    if suffix in SUFFIXES and SUFFIXES[suffix] in ("pdf", "docx", "xlsx"):
        raise MalformedDocumentError(f"not a {suffix} file (its bytes are not that format): {name}")
    return "text"


def read_any(data: bytes, *, suffix: str = "", name: str = "<bytes>") -> ReadResult | None:
    """Read a published document; None when the bytes are plain text (decoded elsewhere)."""
    fmt = sniff_format(data, suffix=suffix.lower(), name=name)
    if fmt == "text":
        return None
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name=name)
    if fmt == "html":
        from .html import read_html

        return read_html(data, name=name)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name=name)
    if fmt in ("xlsx", "xls"):
        from .sheets import read_sheets

        return read_sheets(data, name=name, fmt=fmt)
    raise LegacyFormatError(f"legacy Word .doc is not read (save it as .docx or PDF): {name}")
