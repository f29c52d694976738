"""Near-dedup against ground truth on the benchmark's planted corpus (small size):
a regression here means the engine lost precision or recall."""

import pytest

from bench.dedup import corpus, ground_truth, ours, score


@pytest.fixture(scope="module")
def planted():
    docs, families = corpus(3000, seed=3)
    truth, stray = ground_truth(docs, families, 0.8, cross_samples=2000)
    assert stray == 0 and len(truth) > 300
    return docs, truth


def test_exact_verification_meets_the_f1_target(planted):
    docs, truth = planted
    s = score(ours(docs, 0.8, "exact"), truth)
    assert s["precision"] == 1.0  # verified on exact shingle sets
    assert s["f1"] >= 0.97, s


def test_estimate_verification_is_close(planted):
    docs, truth = planted
    assert score(ours(docs, 0.8, "estimate"), truth)["f1"] >= 0.85
