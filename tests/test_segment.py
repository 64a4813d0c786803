from __future__ import annotations

import pytest

from extract.segment import clauses, sentences


@pytest.mark.parametrize(
    "text, n",
    [
        ("收入3,688.46万元，占78.55%。支出4695.7万元。", 2),
        ("较上年预算安排减少65.92万元;财政拨款收入246.33万元,较上年增加19.08万元;", 2),
        ("增长15.3%。主要原因是增人增资！", 2),
        ("“三公”经费的50.12%。", 1),
    ],
)
def test_sentences(text, n):
    got = list(sentences(text))
    assert len(got) == n
    assert "".join(s.text for s in got) == text


def test_clauses_never_split_thousands():
    s = "一般公共预算拨款收入3,688.46万元,占78.55%"
    parts = [s[a:b] for a, b in clauses(s)]
    assert parts == ["一般公共预算拨款收入3,688.46万元,", "占78.55%"]
