"""A spaCy pipeline component, so spaCy users plug the extractor in the way they expect:

    import spacy
    nlp = spacy.blank("zh")            # the default character segmenter: no download, no jieba/pkuseg
    nlp.add_pipe("budget_facts")       # found through the `spacy_factories` entry point
    doc = nlp("收入预算总额为271.33万元，较上年减少65.92万元。")
    [(s.text, s.label_, s._.subject, s._.value, s._.unit) for s in doc.spans["budget_facts"]]

The whole pipeline runs on `doc.text` (layout, facts, models); each fact becomes a span labelled
with its kind, widened to token edges when a tokenizer (jieba, pkuseg) cuts through it, and carrying
`kind`, `value`, `unit`, `subject`, `metric`, `confidence` and the full record (`budget_fact`) as
span extension attributes. Reasons span their reason text.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Span

SPANS_KEY = "budget_facts"
SPAN_ATTRS = ("kind", "value", "unit", "subject", "metric", "confidence", "budget_fact")


def _register_extensions() -> None:
    for name in SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class BudgetFacts:
    """Runs budget-extract on a Doc's text and stores the facts in `doc.spans[spans_key]`."""

    def __init__(self, name: str = "budget_facts", *, spans_key: str = SPANS_KEY, use_models: bool = True) -> None:
        _register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.use_models = use_models

    def __call__(self, doc: Any) -> Any:
        from .errors import EmptyDocumentError
        from .ingest import document_from_text
        from .model import Models
        from .pipeline import process

        spans = []
        try:
            raw = document_from_text(doc.text)
        except EmptyDocumentError:
            doc.spans[self.spans_key] = spans
            return doc
        result = process(raw, models=None if self.use_models else Models())
        for f in result.facts:
            span = doc.char_span(f.span[0], f.span[1], label=f.kind, alignment_mode="expand")
            if span is None:  # pragma: no cover - expand always finds tokens for a non-empty range
                continue
            span._.kind, span._.value, span._.unit, span._.subject = f.kind, f.value, f.unit, f.subject
            span._.metric, span._.confidence, span._.budget_fact = f.metric, f.confidence, f.to_dict()
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("budget_facts", default_config={"spans_key": SPANS_KEY, "use_models": True})
def make_budget_facts(nlp: Language, name: str, spans_key: str, use_models: bool) -> BudgetFacts:
    """The factory behind `nlp.add_pipe("budget_facts", config={...})` (entry point `spacy_factories`)."""
    return BudgetFacts(name, spans_key=spans_key, use_models=use_models)
