"""Aggregate predictions into per-subject / per-category / overall accuracy; write JSON + markdown.

Averaging, stated once and written into every report: ``accuracy_pct`` pools questions (correct
over all questions of the subject, category or benchmark), as LLaMA-Factory and
lm-evaluation-harness do, so large subjects weigh more; ``subject_macro_pct`` is the unweighted
mean of subject accuracies, for comparison with papers that average subjects.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from curation.benchmarks import BenchmarkSpec

AVERAGING = (
    "accuracy_pct: per question (pooled correct/total within each subject, category and "
    "overall; larger subjects weigh more, as in LLaMA-Factory and lm-evaluation-harness). "
    "subject_macro_pct: unweighted mean of subject accuracies."
)
#: Keys of a finetune/dataset manifest that identify the training data.
LINEAGE_KEYS = ("dataset", "version", "fingerprint", "counts", "recipe", "source", "split",
                "num_rows", "path", "datasets_fingerprint")


def _pct(correct: int, n: int) -> float | None:
    return round(100.0 * correct / n, 2) if n else None


def _ci95(correct: int, n: int) -> float | None:
    """Half-width of a normal-approximation 95% interval, in points (why: fixture vs real n)."""
    if not n:
        return None
    p = correct / n
    return round(196.0 * math.sqrt(p * (1 - p) / n), 2)


def _group(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    correct = sum(int(r["correct"]) for r in rows)
    return {"n": n, "correct": correct, "accuracy_pct": _pct(correct, n),
            "ci95_pct": _ci95(correct, n)}


def summarize(spec: BenchmarkSpec, records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy per subject, per category (benchmark's own map) and overall.

    ``records`` are per-question dicts with at least ``subject`` and ``correct``.
    """
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_subject.setdefault(r["subject"], []).append(r)
    subjects = {}
    for name, rows in by_subject.items():
        info = spec.subjects[name]
        subjects[name] = {"category": info.category, "china_specific": info.china_specific,
                          **_group(rows)}
    categories = {}
    for cat in spec.category_names:
        names = [s for s in by_subject if cat in spec.subjects[s].categories]
        if not names:
            continue
        rows = [r for s in names for r in by_subject[s]]
        accs = [subjects[s]["accuracy_pct"] for s in names]
        categories[cat] = {"n_subjects": len(names), **_group(rows),
                           "subject_macro_pct": round(sum(accs) / len(accs), 2)}
    accs = [s["accuracy_pct"] for s in subjects.values()]
    overall = {"n_subjects": len(subjects), **_group(list(records)),
               "subject_macro_pct": round(sum(accs) / len(accs), 2) if accs else None}
    return {"overall": overall, "categories": categories, "subjects": subjects}


def _mcnemar_p(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value on discordant pairs (why: is a delta more than noise)."""
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2**n
    return round(min(1.0, 2 * tail), 4)


def compare(
    base: dict[str, Any], tuned: dict[str, Any],
    base_records: Sequence[dict[str, Any]], tuned_records: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """Adapter minus base, in accuracy points, at every level; plus paired flip counts."""

    def d(a: dict[str, Any], b: dict[str, Any]) -> float | None:
        if a.get("accuracy_pct") is None or b.get("accuracy_pct") is None:
            return None
        return round(b["accuracy_pct"] - a["accuracy_pct"], 2)

    key = lambda r: (r["subject"], r["id"])  # noqa: E731
    base_by = {key(r): bool(r["correct"]) for r in base_records}
    fixed = broken = 0
    for r in tuned_records:
        before = base_by.get(key(r))
        if before is None:
            continue
        fixed += int(not before and bool(r["correct"]))
        broken += int(before and not bool(r["correct"]))
    return {
        "overall_pts": d(base["overall"], tuned["overall"]),
        "categories_pts": {c: d(base["categories"][c], v) for c, v in tuned["categories"].items()
                           if c in base["categories"]},
        "subjects_pts": {s: d(base["subjects"][s], v) for s, v in tuned["subjects"].items()
                         if s in base["subjects"]},
        "paired": {"base_wrong_adapter_right": fixed, "base_right_adapter_wrong": broken,
                   "mcnemar_exact_p": _mcnemar_p(fixed, broken)},
    }


def read_lineage(adapter_dir: str | Path) -> dict[str, Any]:
    """Dataset lineage of an adapter from the finetune run's ``manifest.json``, defensively.

    The manifest sits in the run's output dir; the adapter may be that dir, a subfolder
    (``adapter/``) or a checkpoint inside it, so the adapter dir and its two parents are tried.
    Unknown shapes are kept verbatim rather than guessed at.
    """
    adapter_dir = Path(adapter_dir)
    out: dict[str, Any] = {"adapter": str(adapter_dir)}
    cfg = adapter_dir / "adapter_config.json"
    if cfg.is_file():
        try:
            c = json.loads(cfg.read_text(encoding="utf-8"))
            out["adapter_config"] = {k: c.get(k) for k in (
                "base_model_name_or_path", "peft_type", "r", "lora_alpha", "target_modules")
                if k in c}
        except (OSError, ValueError) as e:
            out["adapter_config"] = f"unreadable: {e}"
    for d in (adapter_dir, adapter_dir.parent, adapter_dir.parent.parent):
        path = d / "manifest.json"
        if not path.is_file():
            continue
        out["manifest_path"] = str(path)
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            out["manifest_error"] = f"{type(e).__name__}: {e}"
            return out
        if not isinstance(manifest, dict):
            out["manifest_error"] = f"manifest is a {type(manifest).__name__}, not an object"
            return out
        ds = manifest.get("dataset")
        if isinstance(ds, dict):  # finetune run manifest: lineage nested under "dataset"
            out["dataset"] = {k: v for k, v in ds.items() if k != "data_files_sha256"}
            if "data_files_sha256" in ds:
                out["dataset"]["n_data_files"] = len(ds["data_files_sha256"] or {})
        else:  # a dataset manifest, or a flat one: take the identifying keys present
            out["dataset"] = {k: manifest[k] for k in LINEAGE_KEYS if k in manifest}
        for k in ("kind", "status", "started_at", "finished_at"):
            if k in manifest:
                out[k] = manifest[k]
        model = manifest.get("model")
        if isinstance(model, dict) and "name_or_path" in model:
            out["trained_on_model"] = model["name_or_path"]
        training = manifest.get("training")
        if isinstance(training, dict):
            out["training"] = {k: training[k] for k in ("global_step", "epoch", "train_loss")
                               if k in training}
        return out
    out["manifest_path"] = None
    out["note"] = "no manifest.json in the adapter dir or its parents: dataset lineage unknown"
    return out


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------
def _fmt(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def _fmt_delta(v: float | None) -> str:
    return "–" if v is None else f"{v:+.2f}"


def _flat(d: dict[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _flat(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


def to_markdown(report: dict[str, Any]) -> str:
    """Human-readable report: data source banner, settings, category and subject tables."""
    runs = report["runs"]
    data = report["data"]
    title = f"{report['task']} {report['split']} — {report['n_shot']}-shot, lang {report['lang']}"
    lines = [f"# {title}"]
    lines.append("")
    if data.get("is_fixture"):
        lines.append(
            "> **Scored data: the project's toy FIXTURE** (hand-written questions in the official "
            "layout), NOT the benchmark. These numbers say nothing about model quality."
        )
    else:
        lines.append(f"> Scored data: {data['source']} `{data['location']}`")
    if data.get("note"):
        lines.append(f"> {data['note']}")
    lines += [
        "",
        f"- questions: {data['n_questions']} in {data['n_subjects']} subjects; shots: first "
        f"{report['n_shot']} dev items in file order; template: `{report['template']}`",
        "- prediction: argmax of next-token logits over the letter tokens "
        f"{report.get('letter_tokens', '')}",
        f"- averaging: {report['averaging']}",
        f"- categories: {report['category_map']}",
        "",
    ]
    for r in runs:
        adapter = f" + adapter `{r['adapter']}`" if r.get("adapter") else ""
        lines.append(f"- **{r['label']}**: `{r['model']}`{adapter} ({r['seconds']:.1f} s, "
                     f"{r['questions_per_second']:.2f} q/s)")
    lines.append("")
    labels = [r["label"] for r in runs]
    delta = report.get("delta")
    header = "| category | n | " + " | ".join(labels) + (" | Δ |" if delta else " |")
    lines += ["## Categories (accuracy %, per question; subject-macro in brackets)", "", header,
              "|---|---:|" + "---:|" * (len(labels) + (1 if delta else 0))]
    first = runs[0]["summary"]
    rows = [*first["categories"], "overall"]
    for cat in rows:
        def cell(s: dict[str, Any], cat: str = cat) -> dict[str, Any]:
            return s["overall"] if cat == "overall" else s["categories"][cat]
        n = cell(first)["n"]
        vals = [f"{_fmt(cell(r['summary'])['accuracy_pct'])} "
                f"({_fmt(cell(r['summary'])['subject_macro_pct'])})" for r in runs]
        name = f"**{cat}**" if cat == "overall" else cat
        extra = ""
        if delta:
            dv = delta["overall_pts"] if cat == "overall" else delta["categories_pts"].get(cat)
            extra = f" {_fmt_delta(dv)} |"
        lines.append(f"| {name} | {n} | " + " | ".join(vals) + " |" + extra)
    ov = first["overall"]
    lines += ["", f"95% interval of the first run's overall accuracy: ±{_fmt(ov['ci95_pct'])} "
              "points (normal approximation).", ""]
    if delta:
        p = delta["paired"]
        lines += [f"Paired: {p['base_wrong_adapter_right']} questions fixed, "
                  f"{p['base_right_adapter_wrong']} broken by the adapter; exact McNemar "
                  f"p = {p['mcnemar_exact_p']}.", ""]
    lines += ["## Subjects (accuracy %)", "", "| subject | category | n | " + " | ".join(labels)
              + (" | Δ |" if delta else " |"),
              "|---|---|---:|" + "---:|" * (len(labels) + (1 if delta else 0))]
    for name, s in first["subjects"].items():
        cat = s["category"] + (" · China specific" if s["china_specific"] else "")
        vals = [_fmt(r["summary"]["subjects"][name]["accuracy_pct"]) for r in runs]
        extra = f" {_fmt_delta(delta['subjects_pts'].get(name))} |" if delta else ""
        lines.append(f"| {name} | {cat} | {s['n']} | " + " | ".join(vals) + " |" + extra)
    for r in runs:
        lineage = r.get("lineage")
        if not lineage:
            continue
        lines += ["", f"## Adapter lineage ({r['label']})", ""]
        lines += [f"- `{k}`: {json.dumps(v, ensure_ascii=False)}" for k, v in _flat(lineage)]
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], output_dir: str | Path) -> tuple[Path, Path]:
    """Write ``results.json`` and ``results.md`` into ``output_dir``; return both paths."""
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out / "results.json", out / "results.md"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    return json_path, md_path
