"""Error classes: one per failure, each message a single line naming the bad value."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class ReadError(ExtractError):
    """The file could not be read from disk (missing, permissions, a directory)."""


class EmptyDocumentError(ExtractError):
    """The file has no text (zero bytes or only whitespace)."""


class BinaryFileError(ExtractError):
    """The bytes are not text in any supported encoding (NUL bytes, control-character junk)."""


class DecodeError(ExtractError):
    """No supported encoding decodes the bytes cleanly."""


class FileTooLargeError(ExtractError):
    """The file exceeds the configured size limit."""


class UnsupportedFormatError(ExtractError):
    """The file type is not one the reader handles yet."""


class DataFileError(ExtractError):
    """A bundled or user data file (lexicon, units, taxonomy) is malformed."""


class UsageError(ExtractError):
    """The caller passed arguments that cannot work (no inputs, bad option values)."""


class ScannedPDFError(ExtractError):
    """The PDF has pages but no text layer (a scan); no OCR is configured."""


class EncryptedDocumentError(ExtractError):
    """The document is password-protected."""


class TruncatedDocumentError(ExtractError):
    """The file ends before its format says it should (an interrupted download)."""


class ZipBombError(ExtractError):
    """A zip-based document (.docx/.xlsx) would expand to far more than any real document."""


class LegacyFormatError(ExtractError):
    """An old binary Office format (.doc) that no installed converter reads."""


class MalformedDocumentError(ExtractError):
    """The bytes claim a format (PDF, zip, HTML, Excel) but its structure cannot be read."""


class StageOrderError(ExtractError):
    """A pipeline stage ran before the stage whose output it reads (a stage list built wrongly)."""


class DocumentTimeoutError(ExtractError):
    """One document took longer than the batch's per-document time budget (--doc-timeout)."""
