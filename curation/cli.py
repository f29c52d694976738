"""``python -m curation``: build versions, list recipes."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from contextlib import closing
from pathlib import Path

from curation import executors, versions
from curation import recipe as recipes
from curation.build import build, remove_unfinished
from curation.errors import CurationError, report_bug
from curation.executors import EXECUTORS


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
                   metavar="NAME=PATH", help="read source NAME from a local file (once per "
                   "source; not with --sample)")
    b.add_argument("--allow-empty-sources", action="store_true",
                   help="build even when a source has no records (otherwise an error)")
    b.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes (local) or CPUs (ray) for per-record steps "
                   "(default: all cores); the result is the same for every N")
    b.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local processes (default) or a Ray cluster (needs the ray extra)")
    b.add_argument("--address", help="Ray cluster address (ray://HOST:10001 or auto); "
                   "default: start a local Ray")

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
    load = manifest.get("load")
    if load:
        rows.append((load["step"], str(load["records"]), str(load["records"] - load["quarantined"]),
                     str(load["quarantined"]), "0", ""))
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


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that cleanup (temp folders, lock) runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _source_overrides(args: argparse.Namespace) -> dict[str, str]:
    """--source NAME=PATH pairs; a name given twice or --sample with --source is an error
    (one of them would be ignored)."""
    names = [name for name, _ in args.source]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise CurationError(f"--source given more than once for {', '.join(twice)}; "
                            "give each source once")
    if args.sample and args.source:
        raise CurationError("--sample builds the embedded sample and would ignore --source; "
                            "drop one of them")
    return dict(args.source)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
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
        overrides = _source_overrides(args)
        recipe = recipes.load(args.version)
        if args.workers is not None and args.workers < 1:
            raise CurationError("--workers must be at least 1")
        with closing(executors.make(args.executor, workers=args.workers,
                                    address=args.address)) as executor:
            result = build(recipe, out=args.out, sample=args.sample, source_paths=overrides,
                           force=args.force, allow_empty_sources=args.allow_empty_sources,
                           executor=executor)
        _print_summary(result.manifest, result.path)
        return 0
    except CurationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Terminated) as e:
        remove_unfinished()
        signal_name = "SIGTERM" if isinstance(e, Terminated) else "Ctrl-C"
        print(f"interrupted ({signal_name}); no version was written", file=sys.stderr)
        return 143 if isinstance(e, Terminated) else 130
    except Exception:
        report_bug("python -m curation")
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
