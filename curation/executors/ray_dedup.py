"""Exact and MinHash dedup on a Ray cluster, with the result of one process.

The per-record and per-bucket work runs on the workers; the driver only joins
labels and applies the keep policy. Each stage is one of the steps' (or
:mod:`curation.lsh`'s) pure functions, so the cluster computes exactly what one
process computes, whatever the partitioning and arrival order:

* **exact_dedup**: ``ExactDedup.keys`` per block (``map_batches``), rows
  hash-partitioned on the key (``groupby`` on a partition column derived from
  the key, ``map_groups``: a key's rows all land in one group) and grouped there;
  each duplicate group comes back as (row, group leader). The driver labels the
  other rows as singletons and calls ``ExactDedup.from_groups`` (keep policy).
* **minhash_dedup**: signatures and band keys per block (``map_batches``);
  (band, key, row) rows hash-partitioned on (band, key), so every bucket is seen
  whole, and turned into candidate pairs by ``lsh.bucket_pairs`` (the same rule as
  one process: all pairs up to ``FULL_BUCKET`` members, star + chain beyond, a
  function of the members only); pairs partitioned by the block of their first
  document, de-duplicated there (a pair always has the same first document) and
  verified by ``MinhashDedup.verified``. Only verified edges (16 B each) come to
  the driver, which takes connected components (``lsh.components``, up to
  ``DRIVER_EDGE_LIMIT`` edges) and calls ``MinhashDedup.from_clusters``.

Verification needs both documents' texts. The driver puts the compared texts in
the object store once, as blocks of contiguous rows; a verify task fetches the
blocks its pairs touch and signs those documents again (a signature is a pure
function of the text, so it equals the first one). Moving texts to pairs instead
(two shuffles joining pairs with texts) would copy a text once per candidate pair:
11-14 pairs per record for prompt_dedup (measured at 176K and 1M), so >10x the
compared texts through the shuffle, where fetching blocks moves each block at most
once per node (shared memory on one node). The cost: a verify task may map every
text block (at 1M records, ~3 GiB per task, mostly shared object-store pages), and
documents in candidate pairs are signed twice.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import ray
import ray.data
from ray.data.context import ShuffleStrategy

from curation import lsh
from curation.errors import CurationError
from curation.executors.base import StepSpec, balanced_slices, even_cuts
from curation.progress import phase
from curation.steps import Step, StepResult
from curation.steps.exact_dedup import ExactDedup
from curation.steps.minhash_dedup import MinhashDedup

DOC = "_doc"  # a row's position in the step's input table
PART = "_part"  # the hash partition a row goes to
BLOCKS_PER_CPU = 4
# Connected components run on the driver (scipy) up to this many verified edges:
# ~57 B per edge + 13 B per node, so ~12 GiB at 100M documents (README, "Connected
# components at scale"). Beyond it the build stops rather than risk the driver's memory.
DRIVER_EDGE_LIMIT = 200_000_000
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _partitions(workers: int, rows: int) -> int:
    """Partitions of a shuffle: a few per CPU, and at most ~2M rows each."""
    return max(workers * BLOCKS_PER_CPU, -(-rows // 2_000_000))


def _part_of(key: np.ndarray, parts: int) -> np.ndarray:
    """A hash partition of uint64 keys (already hashes; multiplied so that the low
    bits, which ``% parts`` keeps, depend on all of them)."""
    return ((key * _GOLDEN) >> np.uint64(40)).astype(np.int64) % parts


@contextmanager
def _sort_shuffle() -> Iterator[None]:
    """Groupbys as Ray's sort-based pull shuffle (tasks). The default hash shuffle
    starts a pool of aggregator actors per shuffle: measured here, 7-12 s per dedup
    step on a 400-row table against 0.4-0.9 s with tasks."""
    ctx = ray.data.DataContext.get_current()
    before = ctx.shuffle_strategy
    ctx.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
    try:
        yield
    finally:
        ctx.shuffle_strategy = before


def _collect(ds: ray.data.Dataset) -> pa.Table:
    """All output blocks as one table (empty partitions come back without columns)."""
    tables = [t for t in ray.get(ds.to_arrow_refs()) if t.num_columns]
    return pa.concat_tables(tables) if tables else pa.table({})


# -- exact dedup ------------------------------------------------------------------


def _exact_keys(block: pa.Table, spec: StepSpec, parts: int) -> pa.Table:
    step = spec.build()
    assert isinstance(step, ExactDedup)
    table = pl.from_arrow(block.drop_columns([DOC]))
    assert isinstance(table, pl.DataFrame)
    keys = step.keys(table)
    use = [i for i, k in enumerate(keys) if k is not None]
    hexes = [keys[i] for i in use]
    low = np.array([int(k[:16], 16) for k in hexes], dtype=np.uint64)  # type: ignore[index]
    return pa.table({DOC: block.column(DOC).take(pa.array(use, pa.int64())).cast(pa.int64()),
                     "key": pa.array(hexes, pa.large_string()),
                     PART: pa.array(_part_of(low, parts))})


def _exact_groups(group: pa.Table) -> pa.Table:
    """(row, leader) for every row of a group of two or more equal keys."""
    frame = pl.from_arrow(group.select([DOC, "key"]))
    assert isinstance(frame, pl.DataFrame)
    dups = (frame.with_columns(pl.col(DOC).min().over("key").alias("leader"),
                               pl.len().over("key").alias("n"))
            .filter(pl.col("n") > 1))
    return pa.table({DOC: dups[DOC].cast(pl.Int64).to_arrow(),
                     "leader": dups["leader"].cast(pl.Int64).to_arrow()})


def exact_dedup(step: ExactDedup, table: pl.DataFrame, workers: int) -> StepResult:
    spec = StepSpec.of(step)
    columns = [c for c in ("system", "messages", "tools") if c in table.columns]
    indexed = table.select(columns).with_row_index(DOC)
    blocks = [indexed.slice(a, n).to_arrow()
              for a, n in balanced_slices(table, workers * BLOCKS_PER_CPU)]
    parts = _partitions(workers, table.height)
    with phase(f"  {step.name}: key hashes, hash-partitioned groups on Ray") as ph:
        ds = (ray.data.from_arrow(blocks)
              .map_batches(_exact_keys, fn_kwargs={"spec": spec, "parts": parts},
                           batch_format="pyarrow", batch_size=None, zero_copy_batch=True)
              .groupby(PART, num_partitions=parts)
              .map_groups(_exact_groups, batch_format="pyarrow"))
        del blocks, indexed  # in the object store now: not twice in the driver
        found = _collect(ds)
        ph.summary = f"{found.num_rows} rows in duplicate groups, {parts} partitions"
    labels = np.arange(table.height, dtype=np.int64)
    if found.num_rows and DOC in found.column_names:
        labels[found.column(DOC).to_numpy()] = found.column("leader").to_numpy()
    return step.from_groups(table, labels)


# -- MinHash dedup ----------------------------------------------------------------


def _band_rows(block: pa.Table, spec: StepSpec, parts: int) -> dict[str, np.ndarray]:
    """(band, key, row, partition) for every band of every document with a signature."""
    step = spec.build()
    assert isinstance(step, MinhashDedup)
    bands, rows = step.bands_rows()
    docs = block.column(DOC).to_numpy()
    present, keys = lsh.band_keys(step.signatures(block.column("text").to_pylist()),
                                  bands, rows)
    band = np.tile(np.arange(bands, dtype=np.uint64), len(present))
    flat = keys.reshape(-1)
    return {"band": band.astype(np.int32), "key": flat,
            DOC: np.repeat(docs[present], bands),
            PART: _part_of(flat ^ (band * _GOLDEN), parts)}


def _block_of(docs: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.searchsorted(starts, docs, side="right") - 1


def _pairs(group: dict[str, np.ndarray], starts: np.ndarray) -> dict[str, np.ndarray]:
    """Candidate pairs of one partition's buckets, tagged with their first doc's block."""
    band, key, docs = group["band"], group["key"], group[DOC]
    codes = lsh.unique_sorted(np.concatenate(
        [lsh.bucket_pairs(key[band == b], docs[band == b]) for b in np.unique(band)]
        or [np.empty(0, dtype=np.int64)]))
    return {"pair": codes.astype(np.int64), PART: _block_of(codes >> 32, starts)}


def _verify(group: dict[str, np.ndarray], spec: StepSpec, texts: Sequence[ray.ObjectRef],
            starts: np.ndarray) -> dict[str, np.ndarray]:
    """Verified pairs (a, b, sim) of one block's candidates, and one count-only row
    (a = -1) carrying the number of unique candidates in ``candidates``."""
    step = spec.build()
    assert isinstance(step, MinhashDedup)
    i, j = lsh.split_pairs(lsh.unique_sorted(group["pair"]))
    docs = lsh.unique_sorted(np.concatenate([i, j]))
    fetched = ray.get([texts[k] for k in np.unique(_block_of(docs, starts)).tolist()])
    where = pa.concat_tables(fetched)
    pos = np.searchsorted(where.column(DOC).to_numpy(), docs)
    local = where.column("text").take(pa.array(pos)).to_pylist()
    vi, vj, sims = step.verified(step.signatures(local), local,
                                 np.searchsorted(docs, i), np.searchsorted(docs, j))
    m = len(vi)
    return {"a": np.append(docs[vi], -1), "b": np.append(docs[vj], -1),
            "sim": np.append(sims, np.nan),
            "candidates": np.append(np.zeros(m, dtype=np.int64), len(i))}


def _text_blocks(texts: list[str], n: int) -> tuple[list[ray.ObjectRef], np.ndarray]:
    """The texts in the object store as ~n blocks of contiguous rows of about equal
    characters (more when a block would pass BATCH_BYTES); and each block's first row."""
    cuts = even_cuts(np.fromiter((len(t) + 16 for t in texts), np.int64, len(texts)), n)
    refs = [ray.put(pa.table({DOC: pa.array(np.arange(a, b, dtype=np.int64)),
                              "text": pa.array(texts[a:b], pa.large_string())}))
            for a, b in itertools.pairwise(cuts.tolist())]
    return refs, cuts[:-1].astype(np.int64)


def minhash_dedup(step: MinhashDedup, table: pl.DataFrame, workers: int) -> StepResult:
    spec = StepSpec.of(step)
    texts = step.texts(table)
    bands, rows = step.bands_rows()
    with phase(f"  {step.name}: signatures, band buckets, verification on Ray") as ph:
        begin = time.perf_counter()
        refs, starts = _text_blocks(texts, workers * BLOCKS_PER_CPU)
        parts = _partitions(workers, table.height * bands)
        ds = (ray.data.from_arrow_refs(refs)
              .map_batches(_band_rows, fn_kwargs={"spec": spec, "parts": parts},
                           batch_format="pyarrow", batch_size=None, zero_copy_batch=True)
              .groupby(PART, num_partitions=parts).map_groups(_pairs, fn_kwargs={"starts": starts},
                                        batch_format="numpy")
              .groupby(PART, num_partitions=len(refs)).map_groups(
                  _verify, batch_format="numpy", fn_kwargs={
                  "spec": spec, "texts": refs, "starts": starts}))
        out = _collect(ds)
        del refs
        if out.num_rows == 0:  # no bucket of two: no candidates
            out = pa.table({"a": pa.array([], pa.int64()), "b": pa.array([], pa.int64()),
                            "sim": pa.array([], pa.float64()),
                            "candidates": pa.array([], pa.int64())})
        edges = out.filter(pc.greater_equal(out.column("a"), 0))
        a, b = edges.column("a").to_numpy(), edges.column("b").to_numpy()
        order = np.lexsort((b, a))  # the pairs in one process's order (sorted codes)
        pairs = np.stack([a[order], b[order]], axis=1).astype(np.int64)
        sims = edges.column("sim").to_numpy()[order]
        candidates = int(pc.sum(out.column("candidates")).as_py() or 0)
        shuffled = time.perf_counter() - begin
        if len(pairs) > DRIVER_EDGE_LIMIT:
            raise CurationError(f"{step.name}: {len(pairs)} verified pairs exceed the "
                                f"driver's limit of {DRIVER_EDGE_LIMIT} edges for connected "
                                "components (README: 'Connected components at scale')")
        found = lsh.NearDuplicates(lsh.components(pairs, len(texts)), pairs, sims,
                                   candidates, bands, rows)
        ph.summary = (f"{candidates} candidate pairs, {len(pairs)} verified, "
                      f"{parts} partitions ({shuffled:.1f}s on Ray)")
    return step.from_clusters(table, texts, found)


RUNNERS: dict[type[Step], Callable[..., StepResult]] = {
    ExactDedup: exact_dedup, MinhashDedup: minhash_dedup}


def runner(step: Step) -> Callable[[pl.DataFrame, int], StepResult] | None:
    """The distributed form of a whole-table step, where there is one: called with
    the table and the number of CPUs to size the partitions for."""
    run = RUNNERS.get(type(step))
    if run is None:
        return None

    def distributed(table: pl.DataFrame, workers: int) -> StepResult:
        if table.height < 2:
            return step(table)
        with _sort_shuffle():
            return run(step, table, workers)

    return distributed
