"""The jieba tokenizer the prose stages share, with every metric alias as a word.

Both the subject rules (`facts`) and the subject ranker (`subjects`) cut text at token edges;
they must agree on those edges, so they share this one tokenizer, built once on first use.
"""

from __future__ import annotations

from functools import cache


@cache
def tokenizer():  # noqa: ANN201 - jieba has no type hints
    """A private jieba tokenizer (the global one is left alone) that keeps metric aliases whole."""
    import logging

    import jieba

    from .resources import metrics

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for m in metrics():
        for a in m.aliases:
            if 2 <= len(a) <= 12:
                tok.add_word(a, freq=2000)
    return tok
