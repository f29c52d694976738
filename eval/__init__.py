"""Benchmark scoring for Aurora-style fine-tunes: C-Eval, MMLU, CMMLU (``python -m eval``).

Modules: ``benchmarks`` (official file layouts, Hub ids, subject→category maps), ``prompts``
(LLaMA-Factory wording, letter-token ids), ``scoring`` (batched next-token scoring with few-shot
KV-cache reuse), ``report`` (averages, deltas, lineage, JSON/markdown), ``runner`` (one run,
base and base+adapter on the same weights), ``peer`` (lm-evaluation-harness and log-likelihood
cross-checks), ``testing`` (models with known behaviour for tests and benches).
"""
