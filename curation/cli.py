"""``python -m curation``: build versions, list recipes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from curation import recipe as recipes
from curation import versions
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

    d = sub.add_parser("diff", help="records added, removed and changed between two versions",
                       description="Compare two built versions by record id: what the newer "
                       "one removed (with the step and reason), added and changed.")
    d.add_argument("old", help="version name under --out (e.g. v1) or a version folder")
    d.add_argument("new", help="version name under --out (e.g. v2) or a version folder")
    d.add_argument("--out", type=Path, default=Path("build"), help="build root (default ./build)")
    d.add_argument("--dataset", help="dataset name, when --out holds several")
    d.add_argument("--json", type=Path, help="also write the diff as JSON to this file")

    r = sub.add_parser("review", help="audit a built version: sample its judgments to read",
                       description="Sample N removed and N trimmed records per (step, reason) "
                       "and N kept ones (half of them nearest a threshold), write an HTML sheet "
                       "with the evidence highlighted and a CSV to fill with verdicts; with "
                       "--score, compute per-rule precision and kept-set error from a filled "
                       "sheet (or a labels.csv) and write precision.json.")
    r.add_argument("version_dir", type=Path, help="a built version folder")
    r.add_argument("--n", type=int, default=30, help="records per rule and per kept stratum")
    r.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    r.add_argument("--out", type=Path,
                   help="where to write (default: VERSION_DIR/review, or beside --score FILE)")
    r.add_argument("--score", type=Path, metavar="FILE", help="a filled sheet to score")

    u = sub.add_parser("push", help="publish a built version to a Hub dataset repo",
                       description="Upload the version folder (card, parquet shards, "
                       "removed.parquet, manifest) and tag the commit with the version name.")
    u.add_argument("--version", required=True, help="version name under --out, or a folder")
    u.add_argument("--repo", required=True, help="Hub dataset repo, ORG/NAME")
    u.add_argument("--private", action="store_true", help="create the repo private")
    u.add_argument("--dry-run", action="store_true",
                   help="check and print the files and the card; upload nothing")
    u.add_argument("--out", type=Path, default=Path("build"), help="build root (default ./build)")
    u.add_argument("--dataset", help="dataset name, when --out holds several")
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
                      + ", ".join(label for label, _, _ in r.steps))
            return 0
        if args.command == "diff":
            from curation.diff import diff, render

            result = diff(versions.locate(args.old, args.out, args.dataset),
                          versions.locate(args.new, args.out, args.dataset))
            print(render(result))
            if args.json:
                args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                                     encoding="utf-8")
            return 0
        if args.command == "review":
            from curation import review

            if args.score:
                scored, target = review.score_sheet(args.version_dir, args.score, args.out)
                print(review.render_score(scored))
                print(f"wrote {target}")
                return 0
            html_path, csv_path, n = review.review(args.version_dir, n=args.n, seed=args.seed,
                                                   out=args.out)
            print(f"{n} records to review: {html_path}\nverdicts go in {csv_path}")
            return 0
        if args.command == "push":
            from curation import publish

            plan = publish.plan(versions.locate(args.version, args.out, args.dataset), args.repo,
                                args.private)
            print(f"repo {plan.repo} (dataset, {'private' if plan.private else 'public'}), "
                  f"tag {plan.tag}\ncommit: {plan.commit_message}\nfiles:")
            print("\n".join(f"  {f}" for f in plan.files))
            if args.dry_run:
                print("\n--- README.md (data card) ---\n" + plan.card)
                return 0
            print(f"pushed: {publish.push(plan)}")
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
