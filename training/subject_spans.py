"""Fill `subject_span` of the gold facts: where the subject is written in the original text.

    python -m training.subject_spans [--annotations annotations] [--corpus tests/data/corpus]

The subject of a fact is labelled as text (trimmed of department names and years, figure words
joined); when those exact characters — allowing spaces, quotes and brackets between them, as
documents print them — stand in the same line before the number (or, for counts, just after it),
the nearest occurrence becomes `subject_span: [start, end]` in original-text offsets. Otherwise
the subject is inherited or composed (较上年增加… → the amount's item) and the span is null.
Subjects compare in simplified characters (`norm_subject`), so a traditional-character page is
searched through its one-to-one simplified copy: the offsets stay those of the original.
Files are backed up before they change.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import time
from pathlib import Path

from extract.batch import atomic_write_text
from extract.evaluate import norm_subject
from extract.ingest import read_document
from extract.resources import traditional_map

# what may stand between a subject's characters: spaces, quotes, brackets, and a ruby reading
# some mirror pages print after a character (經(jīng)費)
_RUBY = r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)"
_GAP = rf"(?:[\s“”\"'‘’()（）【】\[\]《》、*]|{_RUBY})*"


def locate(text: str, start: int, end: int, subject: str) -> list[int] | None:
    s = norm_subject(subject)
    if not s:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    pattern = re.compile(_GAP.join(re.escape(ch) for ch in s) + f"(?:{_RUBY})?")
    text = traditional_map("full")(text)  # one character for one: offsets unchanged
    before = [m for m in pattern.finditer(text, line_start, start)]
    if before:
        m = before[-1]
        return [m.start(), m.end()]
    after = pattern.search(text, end, min(line_end, end + 30))
    return [after.start(), after.end()] if after else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotations", default="annotations")
    ap.add_argument("--corpus", default="tests/data/corpus")
    a = ap.parse_args()
    found = total = 0
    for f in sorted((Path(a.annotations) / "facts").glob("*.jsonl")):
        recs = [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
        text = read_document(Path(a.corpus) / recs[0]["doc"]).text if recs else ""
        for r in recs:
            if r["kind"] == "reason":
                continue
            total += 1
            r["subject_span"] = locate(text, r["start"], r["end"], r.get("subject") or "")
            found += r["subject_span"] is not None
        shutil.copy2(f, f.with_suffix(f".jsonl.bak-{int(time.time())}"))
        atomic_write_text(f, (json.dumps(r, ensure_ascii=False) + "\n" for r in recs))
    print(f"subject spans located for {found} of {total} gold facts ({found / total:.1%}); the rest are inherited or composed")


if __name__ == "__main__":
    main()
