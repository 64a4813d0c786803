"""Build `extract/data/traditional_full.json`: OpenCC's traditional → simplified characters, one to one.

    pip install opencc-python-reimplemented && python -m training.build_traditional

Mirror pages convert whole documents to traditional characters, so the normaliser needs every
character, not only the units and verbs the rules name. Kept: entries of one character to one
character whose simplified form differs; dropped: characters that are themselves simplified
forms (their own reading is valid simplified text, e.g. 乾 in 乾隆, 於 as a surname) and characters
OpenCC gives several readings for (託 →托/讬). OpenCC is Apache-2.0 licensed; the data keeps its name.
"""

from __future__ import annotations

import json
import os
import tempfile
from importlib import resources as ir
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extract" / "data" / "traditional_full.json"


def build() -> dict[str, str]:
    """The one-to-one map, from the installed OpenCC dictionary."""
    path = ir.files("opencc") / "dictionary" / "TSCharacters.txt"
    entries: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, simp = line.split("\t")
        entries[trad] = simp.split(" ")
    one = {t: s[0] for t, s in entries.items() if len(t) == 1 and len(s) == 1 and len(s[0]) == 1 and s[0] != t}
    simplified = set(one.values())
    return {t: s for t, s in sorted(one.items()) if t not in simplified}


def main() -> None:
    chars = build()
    doc = ("Traditional → simplified characters, one to one, from OpenCC's TSCharacters (Apache-2.0), built by "
           "`python -m training.build_traditional`: entries with one reading only, and no character that is itself a "
           "simplified form. The normaliser maps them (offsets unchanged), so a converted mirror page reads as the "
           "simplified page it came from.")
    fd, tmp = tempfile.mkstemp(dir=OUT.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"_doc": doc, "chars": chars}, fh, ensure_ascii=False, indent=0)
    os.chmod(tmp, 0o644)
    os.replace(tmp, OUT)
    print(f"wrote {len(chars)} characters to {OUT}")


if __name__ == "__main__":
    main()
