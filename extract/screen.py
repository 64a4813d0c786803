"""Is this file a budget disclosure at all? A folder of documents often holds a README, notes or a
press release beside the disclosures; in a batch such a file is recorded as `skipped` with a reason
rather than as an `ok` document with nothing in it. (`extract_document` on a snippet is not
screened: a caller who passes text means it.)"""

from __future__ import annotations

from dataclasses import replace

from .records import DocumentResult
from .resources import budget_words

NOT_BUDGET = "not a budget document"


def not_budget_reason(text: str, *, n_facts: int, n_cells: int, n_indicators: int) -> str | None:
    """The one-line skip reason, or None for a budget document: it must use the genre's words and
    yield at least one fact, table cell or performance target."""
    if not any(w in text for w in budget_words()):
        return f"{NOT_BUDGET} (none of {'/'.join(budget_words()[:4])}… in the text)"
    if n_facts + n_cells + n_indicators == 0:
        return f"{NOT_BUDGET} (no amounts, tables or targets found)"
    return None


def screen(result: DocumentResult) -> DocumentResult:
    """`result` unchanged for a budget document; otherwise a `skipped` record with no other records."""
    if not result.ok:
        return result
    reason = not_budget_reason(result.text, n_facts=len(result.facts), n_cells=len(result.cells), n_indicators=len(result.indicators))
    if reason is None:
        return result
    doc = replace(
        result.document, status="skipped", error=reason, n_facts=0, n_tables=0, n_cells=0, n_indicators=0, tables=[], n_findings=0, n_aligned=0, n_unaligned=0
    )
    return DocumentResult(document=doc, text=result.text)
