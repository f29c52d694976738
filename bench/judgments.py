"""How right a build's judgments are on real data: per-rule precision and kept-set error
from the reader's labels in ``bench/labeled/real/labels.csv`` (issue 11).

    python bench/judgments.py BUILD_DIR [--baseline BASE_DIR] [--name after]
                              [--labels bench/labeled/real/labels.csv]
                              [--out bench/results/judgments.json]
                              [--md bench/results/judgments.md] [--before-name before]

BUILD_DIR is a built version folder (data/*.parquet, removed.parquet, manifest.json, and
trimmed.parquet when the build trims). Labels are intrinsic to a record (file, index):

- a removal is right when the label is ``bad`` (the label's own reason may differ; the
  table counts those); dropping a ``partial`` record is wrong (it should have been
  trimmed before the first bad turn, the label's note);
- a trim is right when the label is ``partial`` and the kept part ends before that turn;
  a trim of a ``good`` record, of a ``bad`` one (it should go) or one that keeps the bad
  turn is wrong;
- the kept-set error is the share of kept records a reader would remove (``bad``, or a
  ``partial`` kept with its bad turn).

The result is stored under ``--name`` in ``--out``; ``--md`` gets the before/after table
of the result ``--before-name`` in ``--out`` (the baseline's own judgments) against this one.

Records judged wrong are listed (file:index, label) for the tune split only. Each
figure is given per split (``tune``: what rules may be tuned on; ``test``: held out)
and overall, with Wilson 95% intervals. The kept-set error is estimated on a seeded random
sample of the kept records: stratified by what BASE_DIR (default: the build itself) did
with each record, because records BASE_DIR removed were labeled at a much higher rate
than its kept records (the first ``--kept-sample`` of BASE_DIR's kept rows shuffled with
``--seed`` are the kept sample to label).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "labeled" / "real" / "labels.csv"
OUT = ROOT / "bench" / "results" / "judgments.json"
SPLITS = ("tune", "test", "all")
# Their removals are judged against a survivor, not on the record: not scored here. The
# token budget (turn_repair/over_budget) is a length policy, likewise not scored.
DEDUP_STEPS = ("exact_dedup", "minhash_dedup", "prompt_dedup")
NOT_JUDGED = {("turn_repair", "over_budget")}
# Errors of fact no text rule can see; the kept-set error is also given without them.
CONTENT_REASONS = {"wrong_answer"}
Key = tuple[str, int]  # (source file name, record index in that file)


def split_of(file: str, index: int) -> str:
    """Deterministic half/half split of labeled records, independent of any build."""
    return "test" if hashlib.sha256(f"{file}:{index}".encode()).digest()[0] % 2 else "tune"


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    if n == 0:
        return None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Label:
    verdict: str  # good | bad | partial
    reason: str
    split: str
    first_bad_turn: int | None  # message index of the first bad assistant turn (partial)


@dataclass(frozen=True)
class Outcome:
    status: str  # kept | removed | trimmed
    step: str | None = None
    reason: str | None = None
    kept_messages: int | None = None  # length of the kept conversation


def load_labels(path: Path) -> dict[Key, Label]:
    labels = {}
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            key = (row["file"], int(row["index"]))
            if row["verdict"] not in ("good", "bad", "partial"):
                raise SystemExit(f"{path}:{line}: verdict must be good, bad or partial")
            turn = None
            if row["verdict"] == "partial":
                head = row["note"].split(" ", 1)[0]
                if not head.isdigit():
                    raise SystemExit(f"{path}:{line}: a partial label's note starts with "
                                     "the first bad turn index")
                turn = int(head)
            if row["split"] != split_of(*key):
                raise SystemExit(f"{path}:{line}: split {row['split']!r} is not the hash split")
            labels[key] = Label(row["verdict"], row["reason"], row["split"], turn)
    return labels


def source_files(version: Path) -> dict[str, str]:
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    return {s["name"]: Path(s["path"]).name for s in manifest["recipe"]["sources"]}


def kept_rows(version: Path) -> pl.DataFrame:
    shards = sorted((version / "data").glob("*.parquet"))
    return pl.concat([pl.read_parquet(p, columns=["source", "source_index", "messages"])
                      for p in shards])


def load_outcomes(version: Path) -> dict[Key, Outcome]:
    files = source_files(version)
    out: dict[Key, Outcome] = {}
    trimmed: dict[Key, tuple[str, str]] = {}
    if (version / "trimmed.parquet").exists():
        for row in pl.read_parquet(version / "trimmed.parquet").iter_rows(named=True):
            # A record trimmed by two steps counts under the first.
            trimmed.setdefault((files[row["source"]], row["source_index"]),
                               (row["step"], row["reason"]))
    for row in kept_rows(version).iter_rows(named=True):
        key = (files[row["source"]], row["source_index"])
        if key in trimmed:
            step, reason = trimmed[key]
            out[key] = Outcome("trimmed", step, reason, len(row["messages"]))
        else:
            out[key] = Outcome("kept", kept_messages=len(row["messages"]))
    removed = pl.read_parquet(version / "removed.parquet",
                              columns=["source", "source_index", "step", "reason"])
    for row in removed.iter_rows(named=True):
        out[(files[row["source"]], row["source_index"])] = Outcome(
            "removed", row["step"], row["reason"])
    return out


def kept_sample_order(version: Path, seed: int) -> list[Key]:
    """The build's kept rows in file order, shuffled with ``seed``: the kept sample."""
    files = source_files(version)
    keys = [(files[s], i) for s, i in kept_rows(version).select("source", "source_index")
            .iter_rows()]
    random.Random(seed).shuffle(keys)
    return keys


def designed_sample(keys: list[Key], labels: dict[Key, Label], seed: int) -> set[Key]:
    """The labeled records that form a random sample of ``keys``: ``keys`` (in file order)
    shuffled with ``seed``, up to the first unlabeled one. Labels read for other reasons
    (another build flagged the record) are not a random draw and stay out."""
    order = list(keys)
    random.Random(seed).shuffle(order)
    prefix: set[Key] = set()
    for k in order:
        if k not in labels:
            break
        prefix.add(k)
    return prefix


def kept_error(label: Label, outcome: Outcome) -> bool:
    if label.verdict == "bad":
        return True
    if label.verdict == "partial":
        assert label.first_bad_turn is not None and outcome.kept_messages is not None
        return outcome.kept_messages > label.first_bad_turn - 1
    return False


def judge_group(keys: list[Key], labels: dict[Key, Label], outcomes: dict[Key, Outcome],
                kind: str, seed: int) -> dict[str, dict[str, Any]]:
    """Precision of one (step, reason) group of removals or trims, per split, on its
    designed sample (all of it when every record is labeled)."""
    sample = designed_sample(keys, labels, seed)
    res: dict[str, dict[str, Any]] = {}
    for split in SPLITS:
        mine = [k for k in keys if split == "all" or split_of(*k) == split]
        lab = [k for k in mine if k in sample]
        right = other_reason = partial = 0
        wrong = {"good": 0, "partial": 0, "bad": 0, "too_late": 0}
        wrong_keys: list[str] = []
        for k in lab:
            label = labels[k]
            partial += label.verdict == "partial"
            if kind == "removed":
                ok = label.verdict == "bad"
            else:
                ok = label.verdict == "partial" and not kept_error(label, outcomes[k])
            right += ok
            other_reason += ok and label.reason != outcomes[k].reason
            if not ok:
                late = kind == "trimmed" and label.verdict == "partial"
                wrong["too_late" if late else label.verdict] += 1
                if split == "tune":  # test-split mistakes stay unnamed: no tuning on them
                    wrong_keys.append(f"{k[0]}:{k[1]} {label.verdict}/{label.reason}")
        ci = wilson(right, len(lab))
        res[split] = {"n": len(mine), "labeled": len(lab), "right": right,
                      "precision": right / len(lab) if lab else None,
                      "ci95": list(ci) if ci else None, "partial": partial,
                      "right_other_reason": other_reason, "wrong": wrong}
        if split == "tune":
            res[split]["wrong_keys"] = wrong_keys
    return res


def stratum(outcome: Outcome | None) -> str:
    if outcome is None or outcome.status != "removed":
        return "kept"
    return f"removed:{outcome.step}/{outcome.reason}"


def judge_kept(labels: dict[Key, Label], outcomes: dict[Key, Outcome],
               base: dict[Key, Outcome], seed: int) -> dict[str, dict[str, Any]]:
    """Kept-set error, stratified by the baseline's outcome of each kept record; within
    a stratum, only the stratum's designed sample counts."""
    members: dict[str, list[Key]] = defaultdict(list)
    for k, o in base.items():
        members[stratum(o)].append(k)
    samples = {name: designed_sample(keys, labels, seed) for name, keys in members.items()}
    res: dict[str, dict[str, Any]] = {}
    kept = [k for k, o in outcomes.items() if o.status != "removed"]
    for split in SPLITS:
        strata: dict[str, list[Key]] = defaultdict(list)
        for k in kept:
            if split == "all" or split_of(*k) == split:
                strata[stratum(base.get(k))].append(k)
        total = sum(len(v) for v in strata.values())
        rows, est, var, covered, est_rules = {}, 0.0, 0.0, 0, 0.0
        for name, ks in sorted(strata.items()):
            lab = [k for k in ks if k in samples.get(name, set())]
            errors = sum(kept_error(labels[k], outcomes[k]) for k in lab)
            rule_errors = sum(kept_error(labels[k], outcomes[k])
                              and labels[k].reason not in CONTENT_REASONS for k in lab)
            rows[name] = {"kept": len(ks), "labeled": len(lab), "errors": errors}
            if split == "tune":
                rows[name]["error_keys"] = [
                    f"{k[0]}:{k[1]} {labels[k].verdict}/{labels[k].reason}"
                    for k in lab if kept_error(labels[k], outcomes[k])]
            if lab:
                w = len(ks) / total
                p = errors / len(lab)
                pa = (errors + 2) / (len(lab) + 4)  # Agresti-Coull adjusted, for the variance
                est += w * p
                est_rules += w * rule_errors / len(lab)
                var += w * w * pa * (1 - pa) / (len(lab) + 4)
                covered += len(ks)
        labeled = sum(r["labeled"] for r in rows.values())
        errors = sum(r["errors"] for r in rows.values())
        share = covered / total if total else 0.0
        if len([r for r in rows.values() if r["labeled"]]) == 1:
            ci = wilson(errors, labeled)
        elif labeled:
            est_c = est / share
            half = 1.96 * math.sqrt(var) / share
            ci = (max(0.0, est_c - half), min(1.0, est_c + half))
        else:
            ci = None
        res[split] = {"kept": total, "labeled": labeled, "errors": errors,
                      "error_rate": est / share if labeled else None,
                      "error_rate_without_content": est_rules / share if labeled else None,
                      "ci95": list(ci) if ci else None,
                      "covered_share": share, "strata": rows}
    return res


def judge(version: Path, labels: dict[Key, Label], baseline: Path, kept_sample: int,
          seed: int) -> dict[str, Any]:
    outcomes = load_outcomes(version)
    base = outcomes if baseline == version else load_outcomes(baseline)
    groups: dict[tuple[str, str, str], list[Key]] = defaultdict(list)
    for k, o in outcomes.items():
        if o.status in ("removed", "trimmed"):
            groups[(o.status, o.step or "", o.reason or "")].append(k)
    # Per-language verdicts are one rule (a non-zh answer): also judged together.
    for (kind, step, reason), keys in list(groups.items()):
        # reasons are "language_xx" in builds before the rename, the bare code after it
        if step == "language_id" and not reason.endswith("_over_cap"):
            groups[(kind, step, "language_*")] += keys
    rules = []
    for (kind, step, reason), keys in sorted(groups.items()):
        if step in DEDUP_STEPS or (step, reason) in NOT_JUDGED:
            rules.append({"kind": kind, "step": step, "reason": reason, "n": len(keys),
                          "judged": False})
            continue
        res = judge_group(keys, labels, outcomes, kind, seed)
        needed = max(0, min(len(keys), 30) - res["all"]["labeled"])
        rules.append({"kind": kind, "step": step, "reason": reason, "n": len(keys),
                      "judged": True, "splits": res, "unlabeled_needed": needed})
    order = kept_sample_order(baseline, seed)[:kept_sample]
    kept = judge_kept(labels, outcomes, base, seed)
    kept["sample_unlabeled_needed"] = sum(k not in labels for k in order)
    kept["strata_unlabeled"] = {name: r["kept"] for name, r in kept["all"]["strata"].items()
                                if r["labeled"] == 0}
    return {"version": str(version), "baseline": str(baseline), "records": len(outcomes),
            "labels": len(labels), "labels_in_build": sum(k in labels for k in outcomes),
            "rules": rules, "kept": kept}


def _fmt(r: dict[str, Any], key: str) -> str:
    if r[key] is None:
        return "–"
    lo, hi = r["ci95"]
    return f"{r[key]:.2f} [{lo:.2f}, {hi:.2f}]"


def markdown(result: dict[str, Any]) -> str:
    head = ("| kind | step | reason | n | labeled (tune/test) | precision test [95% CI] "
            "| precision all [95% CI] | wrong: good/partial/bad/too late "
            "| right, other reason |")
    lines = [head, "|" + "---|" * 9]
    for r in result["rules"]:
        if not r["judged"]:
            lines.append(f"| {r['kind']} | {r['step']} | {r['reason']} | {r['n']} "
                         "| not judged (dedup / length policy) | | | | |")
            continue
        s = r["splits"]
        w = s["all"]["wrong"]
        lines.append(
            f"| {r['kind']} | {r['step']} | {r['reason']} | {s['all']['n']} "
            f"| {s['all']['labeled']} ({s['tune']['labeled']}/{s['test']['labeled']}) "
            f"| {_fmt(s['test'], 'precision')} | {_fmt(s['all'], 'precision')} "
            f"| {w['good']}/{w['partial']}/{w['bad']}/{w['too_late']} "
            f"| {s['all']['right_other_reason']} |")
    k = result["kept"]
    lines += ["", "| kept-set error | kept | labeled | errors | rate [95% CI] "
              "| rate without wrong_answer | covered |", "|---|---|---|---|---|---|---|"]
    for split in SPLITS:
        r = k[split]
        plain = r["error_rate_without_content"]
        lines.append(f"| {split} | {r['kept']} | {r['labeled']} | {r['errors']} "
                     f"| {_fmt(r, 'error_rate')} | {'–' if plain is None else f'{plain:.2f}'} "
                     f"| {r['covered_share']:.3f} |")
    needed = [f"{r['kind']} {r['step']}/{r['reason']}: {r['unlabeled_needed']}"
              for r in result["rules"] if r["judged"] and r["unlabeled_needed"]]
    lines += ["", f"unlabeled but needed: kept sample {k['sample_unlabeled_needed']}; "
              + ("; ".join(needed) or "no rule"),
              "kept records in strata without labels: "
              + (", ".join(f"{n} ({c})" for n, c in k["strata_unlabeled"].items()) or "none")]
    return "\n".join(lines)


def _rule_rows(result: dict[str, Any] | None) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Judged groups of one result, per-language verdicts only as their ``language_*`` sum."""
    if result is None:
        return {}
    return {(r["kind"], r["step"], r["reason"]): r for r in result["rules"] if r["judged"]
            and not (r["step"] == "language_id" and r["reason"] != "language_*"
                     and not r["reason"].endswith("_over_cap"))}


def _rule_cells(r: dict[str, Any] | None) -> str:
    if r is None:
        return "– | – | – | –"
    s = r["splits"]
    labeled = f"{s['all']['labeled']} ({s['test']['labeled']})" if s["all"]["labeled"] else "–"
    return (f"{r['n']} | {labeled} | {_fmt(s['test'], 'precision')} "
            f"| {_fmt(s['all'], 'precision')}")


def _kept_cell(r: dict[str, Any] | None) -> str:
    if r is None or r["error_rate"] is None:
        return "–"
    lo, hi = r["ci95"]
    return (f"{r['error_rate']:.3f} [{lo:.2f}, {hi:.2f}] (kept {r['kept']}, labeled "
            f"{r['labeled']}; without wrong_answer {r['error_rate_without_content']:.3f})")


def comparison_markdown(before: dict[str, Any] | None, after: dict[str, Any],
                        before_name: str, after_name: str) -> str:
    """The before/after page: precision per rule, then the kept-set error per split."""
    def build(result: dict[str, Any] | None) -> str:
        return "`" + "/".join(Path(result["version"]).parts[-4:-2]) + "`" if result else "none"

    rows_b, rows_a = _rule_rows(before), _rule_rows(after)
    keys = list(rows_b) + [k for k in rows_a if k not in rows_b]
    keys.sort(key=lambda k: k[0] != "removed")  # stable: removals first, then trims
    version = Path(after["version"]).name
    lines = [
        "# Rule judgments on real public data (issue 11)", "",
        "Written by `python bench/judgments.py BUILD --baseline BASE --name NAME` on the "
        f"{version} build (recipe",
        f"`bench/recipes/{version}.yaml` on records materialized by `bench/real_data.py`; labels "
        "`bench/labeled/real/labels.csv`).",
        "n = removed (or trimmed); labeled = the group's designed sample (seeded shuffle, "
        "labeled prefix; test split in",
        "brackets); precision = right / labeled with Wilson 95%. Before = result "
        f"`{before_name}` (build {build(before)});",
        f"after = result `{after_name}` (build {build(after)}). Dedup and the token budget "
        "are not judged (not properties of",
        "one record). The kept-set error is stratified by the baseline's outcome of each "
        "record (the baseline's kept records:",
        "a seeded random sample).", "",
        "| rule | before: n | labeled (test) | precision test | precision all "
        "| after: n | labeled (test) | precision test | precision all |",
        "|" + "---|" * 9]
    for k in keys:
        lines.append(f"| {k[0]} {k[2]} | {_rule_cells(rows_b.get(k))} "
                     f"| {_rule_cells(rows_a.get(k))} |")
    lines += ["", "| kept-set error | before | after |", "|---|---|---|"]
    for split in SPLITS:
        lines.append(f"| {split} | {_kept_cell(before['kept'][split] if before else None)} "
                     f"| {_kept_cell(after['kept'][split])} |")
    needed = [f"{r['kind']} {r['step']}/{r['reason']}: {r['unlabeled_needed']}"
              for r in after["rules"] if r["judged"] and r["unlabeled_needed"]]
    lines += ["", f"After, unlabeled but needed: kept sample "
              f"{after['kept']['sample_unlabeled_needed']}; "
              + ("; ".join(needed) or "no rule") + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("version", type=Path, help="built version folder")
    p.add_argument("--baseline", type=Path, help="version folder that drew the samples "
                   "(default: VERSION itself)")
    p.add_argument("--labels", type=Path, default=LABELS)
    p.add_argument("--name", default="judgments", help="key of this result in --out")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--md", type=Path, help="before/after table to write "
                   "(default: --out with the suffix .md)")
    p.add_argument("--before-name", default="before",
                   help="key in --out of the result to compare against")
    p.add_argument("--kept-sample", type=int, default=200)
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args(argv)
    for folder in (args.version, args.baseline or args.version):
        if not (folder / "manifest.json").is_file():
            print(f"error: {folder}: not a built version folder (no manifest.json)",
                  file=sys.stderr)
            return 2
    try:
        data = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    except (OSError, json.JSONDecodeError) as e:
        print(f"error: {args.out}: cannot read earlier results ({e})", file=sys.stderr)
        return 2
    if not isinstance(data, dict) or any(
            not isinstance(v, dict) or not {"version", "rules"} <= set(v) for v in data.values()):
        print(f"error: {args.out}: not a judgments results file (name -> result); "
              "choose another --out", file=sys.stderr)
        return 2
    result = judge(args.version, load_labels(args.labels), args.baseline or args.version,
                   args.kept_sample, args.seed)
    print(markdown(result))
    data[args.name] = result
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    before = data.get(args.before_name) if args.before_name != args.name else None
    md = args.md or args.out.with_suffix(".md")
    md.write_text(comparison_markdown(before, result, args.before_name, args.name),
                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
