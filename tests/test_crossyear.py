"""Across years: the 万里街道 2024 and 2025 budgets of the dev corpus are linked, and the 2025
document's statements about 2024 (amount − change) agree with the 2024 document's own figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract_document
from extract.crossyear import department_key, link_years, year_figures, year_over_year

CORPUS = Path(__file__).parent / "data" / "corpus"
Y2024 = CORPUS / "09_sh_putuo_wanli_street_2024_budget.txt"
Y2025 = CORPUS / "10_sh_putuo_wanli_street_2025_budget.txt"


def figures(text: str):
    r = extract_document(text, is_text=True)
    return year_figures(r.document, r.text, r.facts)


@pytest.fixture(scope="module")
def pair():
    return figures(Y2024.read_text(encoding="utf-8")), figures(Y2025.read_text(encoding="utf-8"))


def test_consecutive_years_are_linked(pair):
    y24, y25 = pair
    assert y24 is not None and y25 is not None
    assert (y24.year, y25.year) == (2024, 2025) and y24.key == y25.key
    assert {k: v.doc_id for k, v in link_years([y24, y25]).items()} == {y25.doc_id: y24.doc_id}


def test_real_pair_agrees(pair):
    y24, y25 = pair
    implied = {p.metric: round(p.yuan / 1e4, 2) for p in y25.implied_prior}
    assert implied["sangong.total"] == 47.91 and implied["income.fiscal"] == 15621.11
    assert len(implied) >= 8
    assert year_over_year(y25, y24) == []


def test_planted_prior_figure_is_found(pair):
    _, y25 = pair
    text = Y2024.read_text(encoding="utf-8")
    assert "“三公”经费预算数为47.91万元" in text
    planted = figures(text.replace("“三公”经费预算数为47.91万元", "“三公”经费预算数为49.91万元"))
    found = year_over_year(y25, planted)
    assert [f.check for f in found] == ["year_over_year_mismatch"]
    assert "三公" in found[0].message and "49.91" in found[0].message


@pytest.mark.parametrize(
    "name, key",
    [
        ("中共江苏省委办公厅", "江苏省委办公厅"),
        ("上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府万里街道办"),
        (" 某县 医疗保障局 ", "某县医疗保障局"),
        ("", None),
        (None, None),
    ],
)
def test_department_key(name, key):
    assert department_key(name) == key


def test_other_kinds_and_years_are_not_linked(pair):
    y24, y25 = pair
    from dataclasses import replace

    assert link_years([replace(y24, doc_kind="决算"), y25]) == {}
    assert link_years([replace(y24, year=2022), y25]) == {}


def test_a_batch_links_the_years_and_reports_the_disagreement(tmp_path):
    import json

    from extract import run

    src = tmp_path / "in"
    src.mkdir()
    (src / "2024.txt").write_text(Y2024.read_text(encoding="utf-8").replace("“三公”经费预算数为47.91万元", "“三公”经费预算数为49.91万元"), encoding="utf-8")
    (src / "2025.txt").write_text(Y2025.read_text(encoding="utf-8"), encoding="utf-8")
    run([str(src)], out=str(tmp_path / "out"), workers=1, progress=False, tabular=False)
    docs = {json.loads(x)["path"].rsplit("/", 1)[-1]: json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    assert docs["2025.txt"]["previous_doc_id"] == docs["2024.txt"]["doc_id"]
    assert "previous_doc_id" not in docs["2024.txt"]
    found = [json.loads(x) for x in (tmp_path / "out" / "findings.jsonl").read_text(encoding="utf-8").splitlines() if "year_over_year" in x]
    assert len(found) == 1 and found[0]["doc_id"] == docs["2025.txt"]["doc_id"] and "49.91" in found[0]["message"]
