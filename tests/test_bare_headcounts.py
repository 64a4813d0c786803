"""Headcount lists that write the unit once, after the last number."""

import pytest

from extract.quantity import find_quantities


@pytest.mark.parametrize(
    "text, values",
    [
        ("编制人数42,其中:行政编制人数19、参照公务员管理的事业编制人数0、自收自支编制人数13人。", [42, 19, 0, 13]),
        ("实有人数49，其中：在职人数49，行政在职人数19；离休人数0；退休人数13。", [49, 49, 19, 0, 13]),
        ("在校学生人数0,其中:小学人数0、中学人数0。", [0, 0, 0]),
        ("核定编制数为12，实有人数为10。", [12, 10]),
    ],
)
def test_numbers_after_renshu_are_headcounts(text: str, values: list[int]) -> None:
    qs = find_quantities(text)
    assert [q.value for q in qs] == values
    assert all(q.unit == "人" and q.category == "people" for q in qs)


@pytest.mark.parametrize(
    "text",
    [
        "人数2019年有所增加。",  # a year, not a headcount
        "编制人数12.5万元。",  # has its own unit: money
        "人数12项工作",  # a number followed by a word
        "参保人数比上年增加。",
    ],
)
def test_not_a_bare_headcount(text: str) -> None:
    assert all(q.category != "people" for q in find_quantities(text))
