"""Every notebook in notebooks/ runs top to bottom, from a working directory that is not notebooks/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def _execute(path: Path, cwd: Path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _text(nb) -> str:
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            out.append(o.get("text", "") + "".join(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/")))
    return "\n".join(out)


def test_there_are_notebooks():
    assert {p.name for p in NOTEBOOKS} >= {"explore_facts.ipynb", "start_here_journalists.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_from_any_directory(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the journalist notebook runs its batch in a temp dir
    nb = _execute(path, tmp_path)  # raises CellExecutionError on the first failing cell
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))
    text = _text(nb)
    if path.stem == "explore_facts":
        assert "kind        found P/R/F1" in text and "amount" in text
    if path.stem == "start_here_journalists":
        assert "sangong.reception" in text and "prose_table_mismatch" in text and "table (the cell)" in text
        chart = Path(re.search(r"chart: (\S+\.png)", text).group(1))
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000
