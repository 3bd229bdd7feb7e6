"""Which rows of l-ruukc9's round-2 pool (pool_ruuk_c.jsonl) annotator rd labels: "c10" = half C, pool_idx % 10 == 0
(the blind agreement sample); "d" = all of half D, in pool order."""


def half_rows(pool, which):
    if which == "c10":
        rows = [r for r in pool if r["half"] == "C" and r["pool_idx"] % 10 == 0]
    elif which == "d":
        rows = [r for r in pool if r["half"] == "D"]
    else:
        raise SystemExit(f"unknown section {which!r}")
    return sorted(rows, key=lambda r: r["pool_idx"])


def lang_of(row, text):
    return row.get("lang") or ("uk" if row["corpus"] == "resistinua-addresses" else "ru")
