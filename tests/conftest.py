"""Tests run offline: the Hub must never be contacted."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture
def benchmarks_in_cwd(tmp_path_factory, monkeypatch):
    """Work in a fresh directory whose data/benchmarks/* are the shipped fixtures:
    the v2 recipe decontaminates against those paths."""
    from curation import benchmarks as bm

    work = tmp_path_factory.mktemp("work")
    for task in ("ceval", "cmmlu", "mmlu"):
        target = work / "data" / "benchmarks" / task
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(bm.fixture_dir(task), target_is_directory=True)
    monkeypatch.chdir(work)
    return work


@pytest.fixture(scope="module")
def one_torch_thread():
    """Tiny models on 2 shared cores run several times faster single-threaded."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray for the whole session (starting one costs seconds): 2 CPUs and a
    1 GiB object store, as CI has."""
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    ray.init(num_cpus=2, object_store_memory=2**30, include_dashboard=False,
             log_to_driver=False)
    yield ray
    ray.shutdown()
