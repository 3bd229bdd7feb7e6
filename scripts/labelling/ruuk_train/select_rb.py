"""Which rows of l-ruuka9's pool (pool_ruuk_a.jsonl) annotator rb labels: "a10" = half A, pool_idx % 10 == 0 (the
blind agreement sample); "b" = all of half B, in pool order."""


def half_rows(pool, which):
    if which == "a10":
        rows = [r for r in pool if r["half"] == "A" and r["pool_idx"] % 10 == 0]
    elif which == "b":
        rows = [r for r in pool if r["half"] == "B"]
    else:
        raise SystemExit(f"unknown section {which!r}")
    return sorted(rows, key=lambda r: r["pool_idx"])


def lang_of(row, text):
    return row.get("lang") or ("uk" if row["corpus"] == "resistinua-addresses" else "ru")
