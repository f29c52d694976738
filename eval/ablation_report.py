"""Ablation report: markdown + a self-contained HTML page (plots embedded)."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any


def _acc(scores: dict[str, Any], task: str) -> float | None:
    return scores[task]["summary"]["overall"]["accuracy_pct"]


def _delta(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None else f"{a - b:+.2f}"


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def plots(results: dict[str, Any]) -> dict[str, bytes]:
    """Scores per variant and benchmark, and each variant's kept records."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    variants = results["variants"]
    names = [v["name"] for v in variants]
    tasks = results["eval"]["tasks"]
    fig, ax = plt.subplots(figsize=(max(6, 1.2 * len(names) * len(tasks) / 2), 3.6))
    width = 0.8 / max(1, len(tasks))
    for k, task in enumerate(tasks):
        xs = [i + k * width for i in range(len(names))]
        ax.bar(xs, [_acc(v["scores"], task) or 0 for v in variants], width, label=task)
        base = _acc(results["base_scores"], task)
        if base is not None:
            ax.axhline(base, color=f"C{k}", linestyle=":", linewidth=1)
    ax.set_xticks([i + width * (len(tasks) - 1) / 2 for i in range(len(names))], names,
                  rotation=30, ha="right")
    ax.set_ylabel("accuracy (%, per question)")
    ax.set_title("scores per variant (dotted: base model without adapter)")
    ax.legend()
    scores_png = _png(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(max(6, 0.9 * len(names)), 3.2))
    ax.bar(names, [v["dataset"]["counts"]["kept"] for v in variants], color="C2")
    ax.set_ylabel("records kept")
    ax.set_title("dataset size per variant")
    ax.tick_params(axis="x", rotation=30)
    sizes_png = _png(fig)
    plt.close(fig)
    return {"scores.png": scores_png, "sizes.png": sizes_png}


def to_markdown(results: dict[str, Any], images: list[str]) -> str:
    tasks = results["eval"]["tasks"]
    variants = results["variants"]
    base = next(v for v in variants if v["name"] == results["baseline"])
    fixture = any(s["is_fixture"] for v in variants for s in v["scores"].values())
    lines = [f"# Ablation: {results['name']}", ""]
    if fixture or results["sample"]:
        lines += ["> Built from the embedded sample and/or scored on the project's toy benchmark "
                  "fixtures: this demonstrates the pipeline; the numbers are not benchmark "
                  "results.", ""]
    lines += [f"Every variant: model `{results['train']['model']}`, seed "
              f"{results['train']['seed']}, token budget {results['token_budget']} (steps "
              "derived per variant from its tokens per example), same evaluation "
              f"(n-shot {results['eval']['n_shot']}, template {results['eval']['template']}). "
              "Accuracy is averaged per question.", "",
              "## Scores", "",
              "| variant | steps off | records | " + " | ".join(
                  f"{t} | Δ {t}" for t in tasks) + " |",
              "|---|---|---:|" + "---:|---:|" * len(tasks)]
    lines.append("| (base model, no adapter) | | | " + " | ".join(
        f"{_acc(results['base_scores'], t)} | " for t in tasks) + " |")
    for v in variants:
        cells = []
        for t in tasks:
            cells += [str(_acc(v["scores"], t)), _delta(_acc(v["scores"], t),
                                                        _acc(base["scores"], t))]
        lines.append(f"| {v['name']}{' (baseline)' if v is base else ''} | "
                     f"{', '.join(v['drop_steps']) or '–'} | {v['dataset']['counts']['kept']} | "
                     + " | ".join(cells) + " |")
    lines += ["", f"Δ: points against the baseline `{base['name']}`.", ""]
    lines += [f"![{name}]({name})" for name in images] + [""]
    lines += ["## Scores per category", ""]
    for t in tasks:
        cats = list(base["scores"][t]["summary"]["categories"])
        lines += [f"### {t}", "", "| variant | " + " | ".join(cats) + " |",
                  "|---|" + "---:|" * len(cats)]
        for v in variants:
            c = v["scores"][t]["summary"]["categories"]
            lines.append(f"| {v['name']} | " + " | ".join(
                str(c.get(k, {}).get("accuracy_pct", "–")) for k in cats) + " |")
        lines.append("")
    lines += ["## Data funnel and composition", ""]
    for v in variants:
        d = v["dataset"]
        lines += [f"### {v['name']}", "",
                  f"{d['counts']['input']} input → {d['counts']['kept']} kept. Per source: "
                  + ", ".join(f"{s} {c['kept']}/{c['input']}"
                              for s, c in d["counts"]["per_source"].items()) + ".",
                  "", "| step | in | out | removed | changed |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {s['name']} | {s['rows_in']} | {s['rows_out']} | {s['removed']} | "
                  f"{s['changed']} |" for s in d["steps"]]
        st = d["stats"]
        lines += ["", f"Assistant languages: {json.dumps(st['languages']['assistant'])}; "
                  f"assistant chars p50 {st['chars']['assistant'].get('p50')}, "
                  f"turns per conversation mean {st['turns_per_conversation'].get('mean')}.", ""]
    lines += side_by_side_markdown(results)
    lines += ["## Lineage", "",
              "| variant | recipe sha256 | dataset fingerprint | adapter | steps | "
              "tokens/example | final loss |", "|---|---|---|---|---:|---:|---:|"]
    for v in variants:
        a = v["adapter"]
        lines.append(f"| {v['name']} | `{v['dataset']['recipe_sha256'][:12]}` | "
                     f"`{v['dataset']['fingerprint'][:12]}` | `{a['cache_key']}` | "
                     f"{a['max_steps']} | {a['mean_tokens_per_example']} | "
                     f"{a['final_loss'] if a['final_loss'] is not None else '–'} |")
    lines += ["", "Datasets are under `datasets/`, adapters under `runs/<adapter>/adapter`, "
              "scores under `scores/`; `ablation.json` holds every number above.", ""]
    return "\n".join(lines)


def _cell(text: str, limit: int = 400) -> str:
    """An answer as one table cell: no pipes or newlines, at most ``limit`` characters."""
    flat = " ⏎ ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    flat = flat.replace("|", "｜")
    return (flat[:limit] + "…") if len(flat) > limit else (flat or "(empty)")


def side_by_side_markdown(results: dict[str, Any]) -> list[str]:
    """One row per fixed prompt, one column per model: the base and every variant."""
    side = results.get("side_by_side")
    if not side:
        return []
    labels = list(side["answers"])
    s = side["settings"]
    lines = ["## Side by side", "",
             f"The same prompts answered by the base model and each variant's adapter "
             f"(training chat format, {s['max_new_tokens']} new tokens at most, temperature "
             f"{s['temperature']}, seed {s['seed']}).", "",
             "| prompt | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for i, prompt in enumerate(side["prompts"]):
        lines.append(f"| {_cell(prompt, 200)} | "
                     + " | ".join(_cell(side["answers"][label][i]) for label in labels) + " |")
    return [*lines, ""]


def to_html(markdown_text: str, images: dict[str, bytes]) -> str:
    """A self-contained page: the markdown's tables rendered, images inlined."""
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>ablation</title><style>"
           "body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
           "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"
           "padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}"
           "blockquote{background:#fff4d6;padding:.5em 1em;border-left:4px solid #e0a800}"
           "</style></head><body>"]
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            head, *body = table
            out.append("<table><tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>")
            out.extend("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body)
            out.append("</table>")
            table.clear()

    for line in markdown_text.split("\n"):
        if line.startswith("|"):
            cells = [html.escape(c.strip()).replace("`", "") for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-:") for c in cells):
                table.append(cells)
            continue
        flush()
        if line.startswith("!["):
            name = line[line.index("(") + 1:-1]
            data = base64.b64encode(images[name]).decode("ascii")
            out.append(f"<p><img alt='{name}' src='data:image/png;base64,{data}'></p>")
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out.append(f"<h{level}>{html.escape(line[level:].strip())}</h{level}>")
        elif line.startswith("> "):
            out.append(f"<blockquote>{html.escape(line[2:])}</blockquote>")
        elif line.strip():
            out.append(f"<p>{html.escape(line).replace('`', '')}</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def write_reports(results: dict[str, Any], out: Path) -> tuple[Path, Path]:
    images = plots(results)
    for name, data in images.items():
        (out / name).write_bytes(data)
    md = to_markdown(results, list(images))
    (out / "ablation.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    (out / "ablation.md").write_text(md, encoding="utf-8")
    (out / "ablation.html").write_text(to_html(md, images), encoding="utf-8")
    return out / "ablation.md", out / "ablation.html"
