"""Audit a built version by reading it: sample what each rule removed or trimmed and
what was kept (near-threshold records over-sampled from the signals), write an HTML
sheet with the evidence highlighted and a CSV to fill in; score a filled sheet into
per-rule precision and kept-set error with Wilson 95% intervals.

    python -m curation review build/aurora-zh/v2 [--n 30] [--seed 0] [--out DIR]
    python -m curation review build/aurora-zh/v2 --score DIR/review.csv [--out DIR]

The CSV's first columns are those of ``bench/labeled/real/labels.csv`` (file, index,
verdict, reason, split, note; file = the source file's name, index = source_index),
so a filled sheet and a labels file score alike. Verdicts are about the record
itself: ``good`` (keep it as it is), ``bad`` (remove it), ``partial`` (keep it up
to before its first bad turn). A removal is right when the record is ``bad``; a
trim when it is ``partial``; a kept record is an error when it is ``bad`` (or
``partial`` and not trimmed). Dedup removals (judged against a survivor, not on
the record) and the token-budget cut (a length policy) are shown but not scored.
The kept-set error of a sheet counts its random kept stratum only (the
near-threshold one over-samples on purpose); a labels file without a ``stratum``
column counts every labeled record the version kept.

``--score`` writes ``precision.json``. To show it in the next build's card, name it
in the recipe (``precision: v2.precision.json``, relative to the recipe file); the
card then lists each rule's measured precision beside its count.
"""

from __future__ import annotations

import csv
import html
import json
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from curation.errors import InputError

VERDICTS = ("good", "bad", "partial")
COLUMNS = ["file", "index", "verdict", "reason", "split", "note", "sample", "kind", "stratum",
           "step", "rule", "detail", "source"]
# Length policies, not judgments of a record: shown, never scored.
NOT_SCORED = {"turn_repair/over_budget"}
SHEET_CSV = "review.csv"
SHEET_HTML = "review.html"
PRECISION_JSON = "precision.json"


@dataclass(frozen=True)
class Version:
    """The parts of a built version folder a review reads."""

    path: Path
    manifest: dict[str, Any]
    kept: pl.DataFrame
    removed: pl.DataFrame
    trimmed: pl.DataFrame
    signals: pl.DataFrame

    @property
    def files(self) -> dict[str, str]:
        """Source name -> the file name its records came from (the labels' ``file``)."""
        return {s["name"]: Path(str(s.get("origin") or s["name"])).name
                for s in self.manifest["sources"]}


def load_version(path: Path) -> Version:
    """Read a version folder; a missing part is an error naming the file."""
    manifest_path = path / "manifest.json"
    if not manifest_path.is_file():
        raise InputError(str(path), "not a built version (no manifest.json)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))

    def read(name: str) -> pl.DataFrame:
        if not (path / name).is_file():
            raise InputError(str(path / name), "missing; rebuild the version with this release")
        return pl.read_parquet(path / name)

    shards = sorted((path / "data").glob("*.parquet"))
    if not shards:
        raise InputError(str(path / "data"), "no parquet shards")
    return Version(path, manifest, pl.concat([pl.read_parquet(p) for p in shards]),
                   read("removed.parquet"), read("trimmed.parquet"), read("signals.parquet"))


# --- sampling --------------------------------------------------------------------------

def min_margin(signals: str) -> float:
    """The smallest rule margin in a step's signals (1.0 when it has none)."""
    margin = json.loads(signals).get("margin") or {}
    return min(margin.values(), default=1.0)


def sample(version: Version, n: int, seed: int) -> list[dict[str, Any]]:
    """Up to ``n`` removed records per (step, reason), ``n`` trimmed per (step, reason),
    ``n`` kept at random and ``n`` kept nearest a threshold (smallest signal margin)."""
    rng = random.Random(seed)
    items: list[dict[str, Any]] = []

    def pick(rows: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
        rows = sorted(rows, key=lambda r: (r["source"], r["source_index"]))
        return rng.sample(rows, min(k, len(rows)))

    for (step, reason), group in sorted(version.removed.group_by("step", "reason"),
                                        key=lambda g: (str(g[0][0]), str(g[0][1]))):
        for row in pick(group.to_dicts(), n):
            items.append({**row, "kind": "removed", "stratum": f"removed:{step}/{reason}"})
    kept_by_key = {(r["source"], r["source_index"]): r for r in version.kept.to_dicts()}
    removed_by_key = {(r["source"], r["source_index"]): r for r in version.removed.to_dicts()}
    for (step, reason), group in sorted(version.trimmed.group_by("step", "reason"),
                                        key=lambda g: (str(g[0][0]), str(g[0][1]))):
        for row in pick(group.to_dicts(), n):
            key = (row["source"], row["source_index"])
            final = kept_by_key.get(key) or removed_by_key.get(key)
            if final is None:
                continue
            items.append({**final, "step": step, "reason": reason, "detail": row["detail"],
                          "cut": row["cut"], "kind": "trimmed",
                          "stratum": f"trimmed:{step}/{reason}"})
    kept = list(kept_by_key.values())
    randoms = pick(kept, n)
    chosen = {(r["source"], r["source_index"]) for r in randoms}
    for row in randoms:
        items.append({**row, "kind": "kept", "stratum": "random", "step": "", "reason": "",
                      "detail": ""})
    margins: dict[tuple[str, int], tuple[float, str]] = {}
    kept_keys = set(kept_by_key)
    for source, index, step, signals in version.signals.select(
            "source", "source_index", "step", "signals").iter_rows():
        if (source, index) in kept_keys:
            m = min_margin(signals)
            if m < margins.get((source, index), (2.0, ""))[0]:
                margins[(source, index)] = (m, step)
    near = sorted((m, key, step) for key, (m, step) in margins.items()
                  if key not in chosen and m < 1.0)[:n]
    for m, key, step in near:
        items.append({**kept_by_key[key], "kind": "kept", "stratum": "near_threshold",
                      "step": step, "reason": "", "detail": f"closest margin {m:.3f} ({step})"})
    for i, item in enumerate(items):
        item["sample"] = i + 1
    return items


# --- the sheet -------------------------------------------------------------------------

def record_signals(version: Version) -> dict[tuple[str, int, str], dict[str, Any]]:
    return {(s, i, st): json.loads(v) for s, i, st, v in version.signals.select(
        "source", "source_index", "step", "signals").iter_rows()}


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """HTML-escaped text with the spans marked."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at or end > len(text):
            continue
        out += [html.escape(text[at:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def evidence_spans(sig: dict[str, Any], text: str) -> list[tuple[int, int]]:
    """Spans of one turn's signals: matched phrases, and the tail a truncation names."""
    spans = [tuple(v["span"]) for v in sig.values() if isinstance(v, dict) and "span" in v]
    if "truncated" in sig:
        body = text.rstrip()
        spans.append((max(0, len(body) - 12), len(body)))
    return spans  # type: ignore[return-value]


CSS = """body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em;line-height:1.5}
.item{border:1px solid #bbb;border-radius:6px;margin:1.2em 0;padding:.6em 1em}
.head{font-weight:bold}.detail{color:#555;font-size:90%}.turn{white-space:pre-wrap;margin:.4em 0;
padding:.3em .6em;border-left:4px solid #ccc}.user{border-color:#4a7fd4}
.assistant{border-color:#3a3}
.system{border-color:#999;background:#f6f6f6}.cut{opacity:.55;border-color:#d44;
text-decoration:line-through}mark{background:#ffd54a}.sig{font-family:monospace;font-size:80%;
color:#666;white-space:pre-wrap}"""


def render_html(version: Version, items: list[dict[str, Any]]) -> str:
    signals = record_signals(version)
    files = version.files
    parts = [f"<!doctype html><meta charset=utf-8><title>review {html.escape(version.path.name)}"
             f"</title><style>{CSS}</style><h1>Review of {html.escape(str(version.path))}</h1>"
             "<p>Fill <code>review.csv</code>: verdict good / bad / partial (partial: keep "
             "the record up to before its first bad turn) and a short reason code. "
             "Highlighted: the evidence the rule matched.</p>"]
    for item in items:
        key = (item["source"], item["source_index"])
        sig = signals.get((*key, item["step"]), {}) if item["step"] else {}
        turns_sig = sig.get("turns", {})
        parts.append(f"<div class=item id=s{item['sample']}><div class=head>#{item['sample']} "
                     f"{html.escape(item['kind'])} · {html.escape(item['stratum'])} · "
                     f"{html.escape(files.get(item['source'], item['source']))}:"
                     f"{item['source_index']}</div>")
        if item.get("detail"):
            parts.append(f"<div class=detail>{html.escape(item['detail'])}</div>")
        if item.get("duplicate_of"):
            parts.append(f"<div class=detail>duplicate of {html.escape(item['duplicate_of'])}"
                         "</div>")
        if item.get("system"):
            parts.append(f"<div class='turn system'>[system] {html.escape(item['system'])}</div>")
        for i, m in enumerate(item["messages"]):
            t = turns_sig.get(str(i), {})
            role = html.escape(m["role"])
            parts.append(f"<div class='turn {role}'>[{i} {role}] "
                         f"{highlight(m['content'], evidence_spans(t, m['content']))}</div>")
        for j, m in enumerate(item.get("cut") or []):
            i = len(item["messages"]) + j
            t = turns_sig.get(str(i), {})
            parts.append(f"<div class='turn cut'>[{i} {html.escape(m['role'])}, cut] "
                         f"{highlight(m['content'], evidence_spans(t, m['content']))}</div>")
        if sig:
            parts.append(f"<div class=sig>{html.escape(json.dumps(sig, ensure_ascii=False))}"
                         "</div>")
        parts.append("</div>")
    return "\n".join(parts) + "\n"


def write_sheet(version: Version, items: list[dict[str, Any]], out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    files = version.files
    with (out / SHEET_CSV).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for item in items:
            w.writerow({"file": files.get(item["source"], item["source"]),
                        "index": item["source_index"], "verdict": "", "reason": "", "split": "",
                        "note": "", "sample": item["sample"], "kind": item["kind"],
                        "stratum": item["stratum"], "step": item["step"] or "",
                        "rule": item["reason"] or "", "detail": item.get("detail") or "",
                        "source": item["source"]})
    (out / SHEET_HTML).write_text(render_html(version, items), encoding="utf-8")
    return out / SHEET_HTML, out / SHEET_CSV


# --- scoring ---------------------------------------------------------------------------

def wilson(k: int, n: int, z: float = 1.96) -> list[float] | None:
    """Wilson score interval for k successes in n trials."""
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def read_verdicts(path: Path) -> list[dict[str, str]]:
    """Rows of a filled sheet or labels file that carry a verdict."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"file", "index", "verdict"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(str(path), f"missing columns {sorted(missing)}")
        rows = []
        for line, row in enumerate(reader, start=2):
            verdict = (row.get("verdict") or "").strip()
            if not verdict:
                continue
            if verdict not in VERDICTS:
                raise InputError(f"{path}:{line}", f"verdict {verdict!r} not one of {VERDICTS}")
            try:
                int(row["index"])
            except ValueError:
                raise InputError(f"{path}:{line}",
                                 f"index {row['index']!r} is not an integer") from None
            rows.append(row)
    return rows


def score(version: Version, sheet: Path) -> dict[str, Any]:
    """Per (kind, step/reason) precision and the kept-set error of a filled sheet."""
    rows = read_verdicts(sheet)
    by_file = {f: s for s, f in version.files.items()}
    fate: dict[tuple[str, int], tuple[str, str]] = {}
    for r in version.removed.select("source", "source_index", "step", "reason",
                                    "duplicate_of").iter_rows():
        fate[(r[0], r[1])] = ("dedup" if r[4] else "removed", f"{r[2]}/{r[3]}")
    trimmed = {(r[0], r[1]): f"{r[2]}/{r[3]}" for r in version.trimmed.select(
        "source", "source_index", "step", "reason").iter_rows()}
    counts: dict[str, dict[str, dict[str, int]]] = {"removed": defaultdict(lambda: {
        "n": 0, "right": 0}), "trimmed": defaultdict(lambda: {"n": 0, "right": 0})}
    kept_keys = set(version.kept.select("source", "source_index").iter_rows())
    stratified = any(r.get("stratum") for r in rows)
    kept_n = kept_errors = 0
    unknown = []
    judged: set[tuple[str, int]] = set()  # a record sampled twice counts once per rule
    for row in rows:
        source = by_file.get(row["file"], row["file"])
        key = (source, int(row["index"]))
        verdict = row["verdict"].strip()
        kind, rule = fate.get(key, ("kept", ""))
        if kind == "dedup" or rule in NOT_SCORED:
            continue
        first = key not in judged
        judged.add(key)
        if kind == "removed":
            if not first:
                continue
            c = counts["removed"][rule]
            c["n"] += 1
            c["right"] += verdict == "bad"
            continue
        if key not in kept_keys:
            unknown.append(f"{row['file']}:{row['index']}")
            continue
        if first and key in trimmed and trimmed[key] not in NOT_SCORED:
            c = counts["trimmed"][trimmed[key]]
            c["n"] += 1
            c["right"] += verdict == "partial"
        if stratified and row.get("stratum") != "random":
            continue
        kept_n += 1
        kept_errors += verdict == "bad" or (verdict == "partial" and key not in trimmed)
    result: dict[str, Any] = {"version": str(version.path), "sheet": str(sheet),
                              "fingerprint": version.manifest.get("fingerprint"),
                              "recipe_sha256": version.manifest.get("recipe_sha256")}
    for kind in ("removed", "trimmed"):
        result[kind] = {rule: {"labeled": c["n"], "right": c["right"],
                               "precision": round(c["right"] / c["n"], 4),
                               "ci95": wilson(c["right"], c["n"])}
                        for rule, c in sorted(counts[kind].items())}
    result["kept"] = {"labeled": kept_n, "errors": kept_errors,
                      "error_rate": round(kept_errors / kept_n, 4) if kept_n else None,
                      "ci95": wilson(kept_errors, kept_n),
                      "sample": "random stratum" if stratified else "every labeled kept record"}
    result["not_in_version"] = unknown
    return result


def render_score(result: dict[str, Any]) -> str:
    lines = ["| kind | rule | labeled | right | precision [95% CI] |", "|---|---|---:|---:|---|"]
    for kind in ("removed", "trimmed"):
        for rule, m in result[kind].items():
            lo, hi = m["ci95"]
            lines.append(f"| {kind} | {rule} | {m['labeled']} | {m['right']} | "
                         f"{m['precision']:.2f} [{lo:.2f}, {hi:.2f}] |")
    k = result["kept"]
    ci = k["ci95"]
    rate = "–" if k["error_rate"] is None else (
        f"{k['error_rate']:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]")
    lines.append(f"\nkept-set error ({k['sample']}): {k['errors']} of {k['labeled']}: {rate}")
    if result["not_in_version"]:
        lines.append(f"{len(result['not_in_version'])} labeled records are not in this version")
    return "\n".join(lines)


def review(path: Path, *, n: int, seed: int, out: Path | None) -> tuple[Path, Path, int]:
    version = load_version(path)
    items = sample(version, n, seed)
    html_path, csv_path = write_sheet(version, items, out or path / "review")
    return html_path, csv_path, len(items)


def score_sheet(path: Path, sheet: Path, out: Path | None) -> tuple[dict[str, Any], Path]:
    result = score(load_version(path), sheet)
    target = (out or sheet.parent) / PRECISION_JSON
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result, target
