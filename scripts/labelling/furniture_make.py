"""Make gold/pages/furniture.jsonl: a seeded (13) 66 of the 181 article-extraction benchmark pages, each rendered as
scraped plain text and as markdown (moralewatch.eval.furniture.render), with the line labels derived from the
benchmark's ground-truth body (label_lines). Stores page ids, body line numbers and a 12-hex sha1 per line: no page
text. Evaluation only. Usage: python scripts/labelling/furniture_make.py [BENCH_DIR] > gold/pages/furniture.jsonl"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from moralewatch.eval.furniture import RENDERER, label_lines, line_sha, render
from moralewatch.eval.pages import read_page

N = 66


def main() -> None:
    bench = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/benchmarks/article-extraction")
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)
    random.Random(13).shuffle(keys)
    for key in sorted(keys[:N]):
        html = read_page(bench / "html" / f"{key}.html.gz")
        for kind in ("txt", "md"):
            rendered = render(html, markdown=kind == "md")
            lines = rendered.split("\n")
            body = label_lines(rendered, truth[key].get("articleBody") or "")
            print(json.dumps({"page": key, "render": kind, "renderer": RENDERER, "lines": len(lines),
                              "body": body, "line_sha1": [line_sha(x) for x in lines]}))


if __name__ == "__main__":
    main()
