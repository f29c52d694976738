"""Steps in this process, or per-record steps over batches in a pool of worker
processes that lives as long as the executor (models load once per worker)."""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import pickle
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import numpy as np
import polars as pl

from curation import lsh
from curation.executors.base import (
    BatchRun,
    Labeled,
    Outcome,
    StepSpec,
    balanced_slices,
    batch_part,
    batch_parts,
    even_cuts,
    map_frames,
    run_batch,
    run_segments,
    segments,
    warm,
)
from curation.progress import phase
from curation.steps import Step, StepResult
from curation.steps.minhash_dedup import MinhashDedup

BATCHES_PER_WORKER = 4  # smaller tasks even out the load; each costs a round trip
# Workers get one polars thread each (the pool is the parallelism) and allocators that
# keep freed memory: every batch allocates and frees tens of MB, and returning it to
# the kernel each time (madvise/munmap, then page faults) cost as much system time as
# the steps' own work on this machine (strace, bench/build.py --workers 2).
WORKER_ENV = {"POLARS_MAX_THREADS": "1", "MALLOC_MMAP_THRESHOLD_": str(2**30),
              "MALLOC_TRIM_THRESHOLD_": str(2**32),
              "_RJEM_MALLOC_CONF": "dirty_decay_ms:-1,muzzy_decay_ms:-1"}

SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None  # batches in memory, not disk

T = TypeVar("T")
R = TypeVar("R")

_worker_steps: tuple[str, list[Step | None]] = ("", [])  # the steps file they came from
_worker_scratch = ""


def _exit_when_orphaned(driver: int) -> None:
    """A worker whose driver died (kill -9, OOM) would wait on its task queue forever,
    holding memory and the driver's stdout/stderr: it exits instead. The driver's pid
    comes from the driver: one killed while this worker was still starting is gone
    already when it asks for its parent."""
    while os.getppid() == driver:
        time.sleep(0.5)
    os._exit(1)


def _init_worker(scratch: str, driver: int) -> None:
    global _worker_scratch
    threading.Thread(target=_exit_when_orphaned, args=(driver,), daemon=True).start()
    _worker_scratch = scratch


def _steps_of(specs_file: str) -> list[Step | None]:
    """The steps a run's tasks name, built the first time (models load once per run)."""
    global _worker_steps
    if _worker_steps[0] != specs_file:
        with open(specs_file, "rb") as f:
            specs: list[StepSpec | None] = pickle.load(f)
        _worker_steps = (specs_file, [s.build() if s else None for s in specs])
    return _worker_steps[1]


def _ready() -> int:
    return os.getpid()


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """os.environ with ``values`` added (where not set already), for spawned children."""
    added = {k: v for k, v in values.items() if k not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for k in added:
            os.environ.pop(k, None)


@dataclass(frozen=True)
class FrameFile:
    """A DataFrame handed between processes as an Arrow IPC file in a shared scratch
    folder (tmpfs where there is one): ~20x faster here than pickling it through the
    pool's pipe (0.17 s vs 3-4 s for 54 MiB each way)."""

    path: str

    @classmethod
    def write(cls, frame: pl.DataFrame, folder: str) -> FrameFile:
        fd, path = tempfile.mkstemp(suffix=".arrow", dir=folder)
        os.close(fd)
        frame.write_ipc(path)
        return cls(path)

    def read(self) -> pl.DataFrame:
        frame = pl.read_ipc(self.path)
        os.unlink(self.path)
        return frame


def _frames_to_files(obj: Any, folder: str) -> Any:
    return map_frames(obj, lambda frame: FrameFile.write(frame, folder), pl.DataFrame)


def _frames_from_files(obj: Any) -> Any:
    return map_frames(obj, FrameFile.read, FrameFile)


def _call_in_worker(fn: Callable[[Any], Any], item: Any) -> Any:
    return _frames_to_files(fn(_frames_from_files(item)), _worker_scratch)


@dataclass(frozen=True)
class _SignTask:
    spec: StepSpec  # a MinhashDedup
    bands_rows: tuple[int, int]  # computed once by the driver (it imports scipy)
    texts: pl.DataFrame  # column "text": a block of the compared texts


@dataclass(frozen=True)
class _Signed:
    sig: pl.DataFrame  # "sig": the block's signatures, Array(UInt32, num_perm)
    keys: pl.DataFrame  # "row" in the block, "keys": its band keys, Array(UInt64, bands)


def _sign(task: _SignTask) -> _Signed:
    step = task.spec.build()
    assert isinstance(step, MinhashDedup)
    sig = step.signatures(task.texts["text"].to_list())
    present, keys = lsh.band_keys(sig, *task.bands_rows)
    return _Signed(pl.DataFrame({"sig": sig}), pl.DataFrame({"row": present, "keys": keys}))


def _run_in_worker(specs_file: str, indices: list[int], batch: FrameFile) -> BatchRun:
    steps = [_steps_of(specs_file)[i] for i in indices]
    assert all(steps), "a whole-table step sent to a worker"
    run = run_batch(steps, batch.read())  # type: ignore[arg-type]
    return _frames_to_files(run, os.path.dirname(batch.path))


class LocalExecutor:
    """``workers=1`` runs everything here, as a plain loop. With more, each run of
    consecutive per-record steps goes over balanced batches in ``workers`` processes
    (``start_method``: spawn by default: workers forked after polars has run hang in
    its thread pool: measured, both fork workers were still waiting after 9 minutes);
    whole-table steps run here between them. The workers start with the executor, so
    their imports (~0.5-1 s here) overlap the recipe and the preflight; the steps go
    to them by file with the first task of a run."""

    def __init__(self, workers: int | None = None, start_method: str = "spawn") -> None:
        self.workers = workers or os.cpu_count() or 1
        self.start_method = start_method
        self._pool: ProcessPoolExecutor | None = None
        self._starting: list[Future[int]] = []
        self._specs: list[StepSpec | None] | None = None
        self._specs_file = ""
        self._scratch = ""
        self._deferred: list[Callable[[], None]] = []  # submitters of deferred maps
        self.start_seconds = 0.0  # waiting for workers to start (not in any step's time)
        if self.workers > 1:
            self._start()

    def _start(self) -> None:
        self._scratch = tempfile.mkdtemp(prefix="curation-", dir=SCRATCH)
        self._pool = ProcessPoolExecutor(self.workers, mp.get_context(self.start_method),
                                         initializer=_init_worker,
                                         initargs=(self._scratch, os.getpid()))
        with _environment(WORKER_ENV):  # every worker spawns now, with its environment
            self._starting = [self._pool.submit(_ready) for _ in range(self.workers)]

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._start()
        if self._starting:
            begin = time.perf_counter()
            wait(self._starting)
            self._starting = []
            self.start_seconds += time.perf_counter() - begin
        assert self._pool is not None
        return self._pool

    def _steps_file(self, steps: Sequence[Labeled]) -> str:
        """Where the workers find these steps' batch parts. They go by file: a pickle
        through the task pipe would be read only after the previous task's (and a pipe
        holds 64 KiB; decontaminate carries its benchmark index)."""
        specs = [StepSpec.of(p) if p else None for p in map(batch_part, (s for _, s in steps))]
        if specs != self._specs:
            fd, self._specs_file = tempfile.mkstemp(suffix=".steps", dir=self._scratch)
            with os.fdopen(fd, "wb") as f:
                pickle.dump(specs, f)
            self._specs = specs
        return self._specs_file

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``fn`` over ``items`` in the workers (here with one), results in item order;
        the first item that fails raises its error, as a plain loop would. DataFrames in
        items and results go by file (see FrameFile; a pipe moves ~120 MB/s here)."""
        if self.workers == 1 or len(items) < 2:
            return [fn(x) for x in items]
        futures = self._submit(fn, items)
        try:
            return [_frames_from_files(f.result()) for f in futures]
        finally:
            for f in futures:
                f.cancel()

    def _submit(self, fn: Callable[[T], R], items: Sequence[T]) -> list[Future[Any]]:
        pool = self._started()
        return [pool.submit(_call_in_worker, fn, _frames_to_files(x, self._scratch))
                for x in items]

    def defer(self, fn: Callable[[T], R], items: Sequence[T]) -> Callable[[], list[R]]:
        """``fn`` over ``items`` in the workers once a run's last batches are judged (the
        driver then runs whole-table steps: dedup), or when the results are asked for
        if that comes first; call the result for them."""
        if self.workers == 1 or len(items) < 2:
            return lambda: [fn(x) for x in items]
        pending: list[Future[Any]] = []

        def submit() -> None:
            if not pending:
                pending.extend(self._submit(fn, items))

        def results() -> list[R]:
            if submit in self._deferred:
                self._deferred.remove(submit)
            submit()
            return [_frames_from_files(f.result()) for f in pending]

        self._deferred.append(submit)
        return results

    def run(self, table: pl.DataFrame, steps: Sequence[Labeled]) -> Iterator[Outcome]:
        last = max((i for batched, idx in segments(steps) if batched for i in idx), default=-1)

        def batches(table: pl.DataFrame, indices: list[int]) -> list[BatchRun]:
            pool, specs = self._started(), self._steps_file(steps)
            futures = [pool.submit(_run_in_worker, specs, indices,
                                   FrameFile.write(table.slice(a, n), self._scratch))
                       for a, n in balanced_slices(table, self.workers * BATCHES_PER_WORKER)]
            warm(steps[indices[-1] + 1:])  # what the driver would do with the workers idle
            runs = [_frames_from_files(f.result()) for f in futures]
            if indices[-1] == last:  # the workers are idle now but for MinHash signatures
                for submit in self._deferred:
                    submit()
                self._deferred = []
            return runs

        def here(table: pl.DataFrame, indices: list[int]) -> list[BatchRun]:
            # One batch: consecutive per-record steps hand their rows on as Python objects.
            return [run_batch(batch_parts(steps, indices), table)]

        def whole(step: Step, table: pl.DataFrame) -> StepResult:
            if isinstance(step, MinhashDedup) and self.workers > 1 and table.height > 1:
                return self._minhash_dedup(step, table)
            return step(table)

        return run_segments(table, steps, whole, batches if self.workers > 1 else here)

    def _minhash_dedup(self, step: MinhashDedup, table: pl.DataFrame) -> StepResult:
        """Signatures and band keys by blocks of rows on the workers, the rest here."""
        column = step.text_column(table)
        texts = column.to_list()
        with phase(f"  {step.name}: MinHash signatures and band keys on "
                   f"{self.workers} workers") as ph:
            cuts = even_cuts(column.str.len_bytes().to_numpy() + 16,
                             self.workers * BATCHES_PER_WORKER).tolist()
            task = partial(_SignTask, StepSpec.of(step), step.bands_rows())
            blocks = self.map(_sign, [task(column.slice(a, b - a).to_frame())
                                      for a, b in itertools.pairwise(cuts)])
            del column  # not held beside the texts' list (1M chats: ~2 GiB each)
            sig = np.concatenate([b.sig["sig"].to_numpy() for b in blocks])
            keyed = (np.concatenate([b.keys["row"].to_numpy() + a
                                     for a, b in zip(cuts, blocks, strict=False)]),
                     np.concatenate([b.keys["keys"].to_numpy() for b in blocks]))
            del blocks
            ph.summary = f"{len(texts)} records x {step.num_perm} permutations"
        return step.clustered(table, texts, sig, keyed)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool, self._starting, self._specs, self._deferred = None, [], None, []
            shutil.rmtree(self._scratch, ignore_errors=True)

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
