"""Published formats → text the pipeline reads, plus where each character sits on the page.

Every reader returns a `ReadResult`: plain text (paragraphs and headings as lines, table rows
as tab-separated or space-aligned lines the table parser already reads) and, for PDFs, a
`LocationMap` from text offsets to page and bounding box. Spans downstream index this text.
"""

from __future__ import annotations

from .base import LocationMap, ReadResult, locate_records
from .sniff import FORMATS, read_any, sniff_format

__all__ = ["FORMATS", "LocationMap", "ReadResult", "locate_records", "read_any", "sniff_format"]
