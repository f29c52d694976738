"""What changed between two built versions, record by record (by id)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from curation import versions


def _delta(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Numeric leaves of b minus a, for the keys both share."""
    out: dict[str, Any] = {}
    for key in sorted(set(a) | set(b)):
        va, vb = a.get(key, 0), b.get(key, 0)
        if isinstance(va, dict) or isinstance(vb, dict):
            out[key] = _delta(va if isinstance(va, dict) else {},
                              vb if isinstance(vb, dict) else {})
        elif isinstance(va, int | float) and isinstance(vb, int | float):
            out[key] = round(vb - va, 3)
    return out


def diff(old: Path, new: Path, examples: int = 5) -> dict[str, Any]:
    """Records kept in ``old`` but not ``new`` (with the step and reason that
    removed them in ``new``), kept only in ``new``, and kept in both with
    different content; plus the deltas of counts and statistics."""
    m_old, m_new = versions.manifest(old), versions.manifest(new)
    k_old, k_new = versions.kept(old), versions.kept(new)
    ids_old, ids_new = set(k_old["id"]), set(k_new["id"])
    gone = k_old.filter(~pl.col("id").is_in(list(ids_new)))
    why = (versions.removed(new).unique("id", keep="first", maintain_order=True)
           .select("id", "step", "reason"))
    gone = gone.join(why, on="id", how="left").with_columns(
        pl.col("step").fill_null("not in input"), pl.col("reason").fill_null("-"))
    added = k_new.filter(~pl.col("id").is_in(list(ids_old)))
    both = k_old.join(k_new, on="id", suffix="_new")
    changed = both.filter((pl.col("messages") != pl.col("messages_new"))
                          | (pl.col("system").fill_null("") != pl.col("system_new").fill_null("")))
    by_reason = {f"{s}/{r}": n for s, r, n in
                 gone.group_by("step", "reason").len().sort("len", "step", "reason",
                                                            descending=[True, False, False])
                 .iter_rows()}
    return {
        "old": {"version": m_old["version"], "path": str(old), "fingerprint": m_old["fingerprint"],
                "kept": k_old.height},
        "new": {"version": m_new["version"], "path": str(new), "fingerprint": m_new["fingerprint"],
                "kept": k_new.height},
        "removed": gone.height,
        "added": added.height,
        "changed": changed.height,
        "unchanged": both.height - changed.height,
        "removed_by_reason": by_reason,
        "removed_by_source": dict(gone.group_by("source").len().sort("source").iter_rows()),
        "examples": {
            "removed": gone.head(examples).select("id", "source", "source_index", "step", "reason")
            .to_dicts(),
            "changed": [{"id": r["id"], "before": r["messages"][-1]["content"][:120],
                         "after": r["messages_new"][-1]["content"][:120]}
                        for r in changed.head(examples).iter_rows(named=True)],
        },
        "stats_delta": _delta(m_old["stats"]["output"], m_new["stats"]["output"]),
        "counts_delta": _delta(m_old["counts"], m_new["counts"]),
    }


def render(d: dict[str, Any]) -> str:
    o, n = d["old"], d["new"]
    lines = [f"{o['version']} ({o['kept']} kept, {o['fingerprint'][:12]}) -> "
             f"{n['version']} ({n['kept']} kept, {n['fingerprint'][:12]})",
             f"  removed {d['removed']}, added {d['added']}, changed {d['changed']}, "
             f"unchanged {d['unchanged']}", "", "removed, by the step and reason in "
             f"{n['version']}:"]
    width = max([len(k) for k in d["removed_by_reason"]] + [10])
    lines += [f"  {k:<{width}}  {v:>8}" for k, v in d["removed_by_reason"].items()]
    lines += ["", "removed, by source:"]
    lines += [f"  {k:<{width}}  {v:>8}" for k, v in d["removed_by_source"].items()]
    return "\n".join(lines)
