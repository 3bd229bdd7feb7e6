"""Split gold/transcripts/turns.jsonl into a dev half (error analysis, tuning) and a held-out half (measured only):
a document is held out when int(sha1(id), 16) is odd. Written after the first measurement of turns.v2 on the whole
set and before any error analysis on it."""

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "gold" / "transcripts"
rows = [line for line in (HERE / "turns.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
parts: dict[str, list[str]] = {"dev": [], "heldout": []}
for line in rows:
    doc_id = json.loads(line)["id"]
    parts["heldout" if int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 else "dev"].append(line)
for name, lines in parts.items():
    (HERE / f"turns_{name}.jsonl").write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    print(name, len(lines))
