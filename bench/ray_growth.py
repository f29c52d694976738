"""How each phase's cost grows with the corpus on Ray: two `bench/build.py` results
(same recipe and executor, different --scale) side by side, and the connected
components' edges and driver memory extrapolated to a larger corpus.

    python bench/build.py --executor ray --workers 2
    python bench/build.py --executor ray --workers 2 --scale 5.7
    python bench/ray_growth.py bench/results/build_ray_2.json bench/results/build_ray_2_x5.7.json

Writes a Markdown table and JSON next to the larger result (``ray_growth.{md,json}``,
``ray_growth_dedup.*`` for ``--dedup-only`` results).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

# Driver cost of components per edge and per node (README, "Connected components at
# scale": scipy's csgraph ~33 B per edge + 13 B per node, plus the 16 B edge array and
# the 8 B similarity per edge that the driver holds).
BYTES_PER_EDGE, BYTES_PER_NODE = 33 + 16 + 8, 13


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("small", type=Path)
    ap.add_argument("large", type=Path)
    ap.add_argument("--to", type=int, default=100_000_000, help="records to extrapolate to")
    args = ap.parse_args()
    a, b = (json.loads(p.read_text()) for p in (args.small, args.large))
    ratio = b["records"] / a["records"]
    rows = []
    for sa, sb in zip(a["steps"], b["steps"], strict=True):
        rows.append({"phase": sa["step"], "seconds_small": sa["seconds"],
                     "seconds_large": sb["seconds"],
                     "growth": round(sb["seconds"] / max(sa["seconds"], 1e-9), 2),
                     **{f"{k}_{size}": s[k] for k in ("candidate_pairs", "verified_pairs")
                        for size, s in (("small", sa), ("large", sb)) if k in s}})
    for key, name in (("load_and_write_seconds", "load+write+start"),
                      ("total_seconds", "total")):
        rows.append({"phase": name, "seconds_small": a[key], "seconds_large": b[key],
                     "growth": round(b[key] / max(a[key], 1e-9), 2)})
    extrapolated = {}
    for s in b["steps"]:
        if "verified_pairs" not in s:
            continue
        per_record = s["verified_pairs"] / s["rows_in"]
        edges = per_record * args.to
        extrapolated[s["step"]] = {
            "verified_per_record": round(per_record, 4),
            "candidates_per_record": round(s["candidate_pairs"] / s["rows_in"], 2),
            "edges": round(edges), "candidates": round(s["candidate_pairs"] / s["rows_in"]
                                                       * args.to),
            "driver_gib": round((edges * BYTES_PER_EDGE + args.to * BYTES_PER_NODE) / 2**30, 2)}
    lines = [f"Ray, {b['workers']} CPUs: {a['records']:,} -> {b['records']:,} records "
             f"(x{ratio:.2f}); load average {a['loadavg_before_after']} / "
             f"{b['loadavg_before_after']}", "",
             "| phase | seconds at small | seconds at large | growth | candidates | verified |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        cand = (f"{r['candidate_pairs_small']:,} -> {r['candidate_pairs_large']:,}"
                if "candidate_pairs_small" in r else "")
        ver = (f"{r['verified_pairs_small']:,} -> {r['verified_pairs_large']:,}"
               if "verified_pairs_small" in r else "")
        lines.append(f"| {r['phase']} | {r['seconds_small']:.1f} | {r['seconds_large']:.1f} | "
                     f"x{r['growth']:.2f} | {cand} | {ver} |")
    lines += ["", "| peak RSS, GiB | driver | workers together | largest worker | "
              "object store spilled |", "|---|---:|---:|---:|---:|"]
    for r in (a, b):
        spilled = (r.get("object_store_spill") or {}).get("spilled_mib")
        lines.append(f"| {r['records']:,} records | {r['peak_rss_gib']} | "
                     f"{r['workers_peak_rss_gib']} | {r['worker_max_peak_rss_gib']} | "
                     f"{'-' if spilled is None else f'{spilled} MiB'} |")
    lines += ["", f"Extrapolated to {args.to:,} records (same duplicate rates):", "",
              "| step | candidates / record | verified / record | candidates | edges | "
              "driver GiB for components |", "|---|---:|---:|---:|---:|---:|"]
    for name, e in extrapolated.items():
        lines.append(f"| {name} | {e['candidates_per_record']} | {e['verified_per_record']} | "
                     f"{e['candidates']:,} | {e['edges']:,} | {e['driver_gib']} |")
    text = "\n".join(lines) + "\n"
    print(text)
    out = args.large.parent / ("ray_growth_dedup" if b.get("dedup_only") else "ray_growth")
    out.with_suffix(".md").write_text(text)
    out.with_suffix(".json").write_text(json.dumps(
        {"small": str(args.small), "large": str(args.large), "record_ratio": round(ratio, 3),
         "phases": rows, "extrapolated_to": args.to, "components": extrapolated,
         "object_store_spill": {"small": a.get("object_store_spill"),
                                "large": b.get("object_store_spill")},
         "peak_rss_gib": {"small": [a["peak_rss_gib"], a["workers_peak_rss_gib"],
                                    a["worker_max_peak_rss_gib"]],
                          "large": [b["peak_rss_gib"], b["workers_peak_rss_gib"],
                                    b["worker_max_peak_rss_gib"]]}}, indent=2) + "\n")
    print(f"wrote {out}.md and .json")


if __name__ == "__main__":
    main()
