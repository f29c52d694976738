"""Figures for the data card, written as PNGs into the version folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FIGURES = ("funnel.png", "composition.png")


Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]


def write_figures(manifest: dict[str, Any], folder: Path,
                  mapper: Mapper | None = None) -> list[str]:
    """The step funnel, and turn lengths and languages before vs after curation;
    ``mapper`` (an executor's ``map``) may draw them in other processes."""
    jobs = [(name, manifest, folder) for name in FIGURES]
    return mapper(write_figure, jobs) if mapper else [write_figure(job) for job in jobs]


def import_matplotlib(_: object = None) -> None:
    """What drawing a figure first costs (~0.7 s here): a worker may do it early."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot


def write_figure(job: tuple[str, dict[str, Any], Path]) -> str:
    """One of FIGURES, as (its name, the manifest, the folder); returns the name."""
    import_matplotlib()
    import matplotlib.pyplot as plt

    name, manifest, folder = job
    fig = _funnel(plt, manifest) if name == FIGURES[0] else _composition(plt, manifest)
    fig.savefig(folder / name, dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return name


def _funnel(plt: Any, manifest: dict[str, Any]) -> Any:
    steps = manifest["steps"]
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(steps) + 1.2))
    names = ["input"] + [s["name"] for s in steps]
    counts = [manifest["counts"]["input"]] + [s["rows_out"] for s in steps]
    load = manifest.get("load")
    if load and load["quarantined"]:  # the loader's quarantine, before the first step
        names.insert(1, load["step"])
        counts.insert(1, load["records"] - load["quarantined"])
    ax.barh(names[::-1], counts[::-1], color="C0")
    for y, n in enumerate(counts[::-1]):
        ax.text(n, y, f" {n}", va="center", fontsize=8)
    ax.set_xlabel("records")
    ax.set_title(f"{manifest['dataset']} {manifest['version']}: records after each step")
    return fig


def _composition(plt: Any, manifest: dict[str, Any]) -> Any:
    stats = manifest["stats"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4))
    labels = ["user\np50", "user\np95", "assistant\np50", "assistant\np95"]
    for offset, (name, st) in enumerate((("input", stats["input"]), ("output", stats["output"]))):
        values = [st["chars"][role].get(q, 0) for role in ("user", "assistant")
                  for q in ("p50", "p95")]
        left.bar([i + 0.4 * offset for i in range(4)], values, 0.4, label=name)
    left.set_xticks([i + 0.2 for i in range(4)], labels)
    left.set_ylabel("characters per turn")
    left.legend()
    langs = sorted(set(stats["input"]["languages"]["assistant"])
                   | set(stats["output"]["languages"]["assistant"]),
                   key=lambda k: -stats["input"]["languages"]["assistant"].get(k, 0))[:8]
    for offset, name in enumerate(("input", "output")):
        mix = stats[name]["languages"]["assistant"]
        total = sum(mix.values()) or 1
        right.bar([i + 0.4 * offset for i in range(len(langs))],
                  [100 * mix.get(k, 0) / total for k in langs], 0.4, label=name)
    right.set_xticks([i + 0.2 for i in range(len(langs))], langs)
    right.set_ylabel("% of assistant turns")
    right.set_title("answer languages")
    right.legend()
    return fig
