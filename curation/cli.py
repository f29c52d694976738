"""``python -m curation``: build versions, list recipes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curation import recipe as recipes
from curation.build import build
from curation.errors import CurationError


def _source_arg(value: str) -> tuple[str, str]:
    name, sep, path = value.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError("expected NAME=PATH")
    return name, path


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m curation",
                                description="Curate Chinese instruction-tuning data into "
                                "versioned, carded Hugging Face datasets.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build one dataset version from its recipe",
                       description="Load the recipe's sources, run its steps and write "
                       "<out>/<dataset>/<version>/ (data card, parquet shards, removed.parquet, "
                       "manifest.json).")
    b.add_argument("--version", required=True,
                   help="recipe version shipped with the package (see `recipes`), or a path "
                   "to a recipe YAML file")
    b.add_argument("--sample", action="store_true",
                   help="use the embedded sample instead of the recipe's sources (offline demo)")
    b.add_argument("--out", type=Path, default=Path("build"),
                   help="output root (default: ./build)")
    b.add_argument("--force", action="store_true", help="replace an existing build of the version")
    b.add_argument("--source", type=_source_arg, action="append", default=[],
                   metavar="NAME=PATH", help="read source NAME from a local file (repeatable)")

    sub.add_parser("recipes", help="list the recipe versions shipped with the package")
    return p


def _print_summary(manifest: dict, path: Path) -> None:
    rows = [("step", "in", "out", "removed", "changed", "sec")]
    rows += [(r["name"], str(r["rows_in"]), str(r["rows_out"]), str(r["removed"]),
              str(r["changed"]), f"{r['seconds']:.2f}") for r in manifest["steps"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w)
                        for j, (c, w) in enumerate(zip(row, widths, strict=True))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    c = manifest["counts"]
    print(f"\n{c['input']} input -> {c['kept']} kept + {c['removed']} removed")
    print(f"fingerprint {manifest['fingerprint']}")
    print(f"wrote {path}")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "recipes":
            for version, path in sorted(recipes.available().items()):
                r = recipes.load(str(path))
                print(f"{version}\t{len(r.sources)} sources, {len(r.steps)} steps: "
                      + ", ".join(name for name, _ in r.steps))
            return 0
        recipe = recipes.load(args.version)
        result = build(recipe, out=args.out, sample=args.sample,
                       source_paths=dict(args.source), force=args.force)
        _print_summary(result.manifest, result.path)
        return 0
    except CurationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; nothing was written", file=sys.stderr)
        return 130
