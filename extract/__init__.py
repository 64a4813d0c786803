"""budget-extract: Chinese public-finance disclosures → verifiable data.

    >>> import extract
    >>> result = extract.extract_document("examples/000_qingyunpu_medical_security_2023.txt")
    >>> result.facts[0].kind, result.facts[0].subject
"""

from __future__ import annotations

__version__ = "0.1.0"

from .batch import BatchSummary, run
from .errors import (
    BinaryFileError,
    DataFileError,
    DecodeError,
    EmptyDocumentError,
    ExtractError,
    FileTooLargeError,
    ReadError,
    UnsupportedFormatError,
    UsageError,
)
from .outputs import RunOutputs, load
from .pipeline import extract_document
from .records import DocumentRecord, DocumentResult, Fact

__all__ = [
    "BatchSummary",
    "BinaryFileError",
    "DataFileError",
    "DecodeError",
    "DocumentRecord",
    "DocumentResult",
    "EmptyDocumentError",
    "ExtractError",
    "Fact",
    "FileTooLargeError",
    "ReadError",
    "UnsupportedFormatError",
    "UsageError",
    "RunOutputs",
    "__version__",
    "extract_document",
    "load",
    "run",
]
