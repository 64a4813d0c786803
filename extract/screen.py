"""Is this file a budget disclosure at all? A folder of documents often holds a README, notes or a
press release beside the disclosures; such a file is recorded as `skipped` with a reason rather
than as an `ok` document with nothing in it."""

from __future__ import annotations

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
