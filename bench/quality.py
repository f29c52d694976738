"""Score the text steps (to_simplified, language_id, quality, turn_repair) on the
labeled set in bench/labeled/, with the parameters of a shipped recipe.

    .venv/bin/python bench/quality.py [--recipe v2] [--out bench/results/quality.json]

Prints one table (per-step precision / recall and the issue's targets) and writes
JSON with the details: confusions, per-config conversion numbers, every error.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from curation import recipe as recipes  # noqa: E402
from curation.adapters import ADAPTERS  # noqa: E402
from curation.langid import detect, fasttext_label  # noqa: E402
from curation.schema import Conversation  # noqa: E402
from curation.steps.base import Drop, outcome  # noqa: E402
from curation.steps.language_id import LanguageId  # noqa: E402
from curation.steps.normalize import Normalize  # noqa: E402
from curation.steps.quality import Quality  # noqa: E402
from curation.steps.to_simplified import HAN_RUN, ToSimplified  # noqa: E402
from curation.steps.turn_repair import TurnRepair  # noqa: E402
from curation.text import (  # noqa: E402
    PROTECTED,
    TRAD,
    TRADZ,
    estimate_tokens,
    script_table,
    strip_protected,
)

LABELED = Path(__file__).resolve().parent / "labeled"
TARGETS = {"langid_accuracy_20plus": 0.98, "repair_precision": 0.95, "repair_valid_structure": 1.0}


def load(name: str) -> list[dict[str, Any]]:
    with (LABELED / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def step_params(recipe: str) -> dict[str, dict[str, Any]]:
    # Recipe steps are (label, registered step, parameters); the first of each step counts.
    out: dict[str, dict[str, Any]] = {}
    for entry in recipes.load(recipe).steps:
        out.setdefault(entry[-2], entry[-1])
    return out


def ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 1.0


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def trad_chars(text: str) -> Counter[str]:
    lut = script_table()
    return Counter(c for c in text if ord(c) < 0x10000 and lut[ord(c)] in (TRAD, TRADZ))


def one_turn(text: str) -> Conversation:
    return {"system": None, "messages": [{"role": "user", "content": "OK"},
                                         {"role": "assistant", "content": text}]}


# --- conversion ----------------------------------------------------------------------

def convert_metrics(pairs: list[tuple[str, str, str]]) -> dict[str, Any]:
    """(input, output, gold) triples -> residue, CER, char-level precision/recall."""
    residue = needed = changed = right = must = 0
    dist = total = 0
    for text, out, gold in pairs:
        left = trad_chars(strip_protected(out)) - trad_chars(strip_protected(gold))
        residue += sum(left.values())
        needed += sum(trad_chars(strip_protected(text)).values())
        dist += edit_distance(out, gold)
        total += len(gold)
        if len(text) == len(out) == len(gold):
            for a, b, g in zip(text, out, gold, strict=True):
                changed += a != b
                right += a != b and b == g
                must += a != g
    return {"items": len(pairs), "trad_chars_in": needed, "residue": residue,
            "residue_rate": ratio(residue, needed) if needed else 0.0,
            "cer": ratio(dist, total), "precision": ratio(right, changed),
            "recall": ratio(right, must)}


def score_script(items: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    step = ToSimplified(**params)
    out: dict[str, Any] = {"config": step.config}
    tags, errors = Counter(), []
    results: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    protected_broken = 0
    for item in items:
        stats: Counter[str] = Counter()
        conv, _ = outcome(step.process(one_turn(item["text"]), stats))
        assert conv is not None
        converted = conv["messages"][1]["content"]
        tag = next(k.split(":", 1)[1] for k in stats if k.startswith("script:"))
        kind = item["kind"]
        if kind != "not_chinese":
            tags[(kind, tag)] += 1
        key = kind if kind != "traditional" else f"traditional_{item['region'] or 'std'}"
        results[key].append((item["text"], converted, item["gold"]))
        if ([HAN_RUN.sub("", p) for p in PROTECTED.findall(item["text"])]
                != [HAN_RUN.sub("", p) for p in PROTECTED.findall(converted)]):  # code itself
            protected_broken += 1
        if converted != item["gold"]:
            errors.append({"id": item["id"], "kind": key, "text": item["text"],
                           "out": converted, "gold": item["gold"]})
    simp = results["simplified"]
    changed_simp = sum(sum(a != b for a, b in zip(t, o, strict=False)) + abs(len(t) - len(o))
                       for t, o, _ in simp)
    trad = [p for k, v in results.items() if k.startswith("traditional") for p in v]
    correct_tags = sum(n for (k, t), n in tags.items() if k == t)
    out.update({
        "tag_accuracy": ratio(correct_tags, sum(tags.values())),
        "tag_confusion": {f"{k}->{t}": n for (k, t), n in sorted(tags.items())},
        "simplified_chars_changed": changed_simp,
        "simplified_chars": sum(len(t) for t, _, _ in simp),
        "not_chinese_changed": sum(t != o for t, o, _ in results["not_chinese"]),
        "not_chinese_items": len(results["not_chinese"]),
        "protected_spans_broken": protected_broken,
        "traditional": convert_metrics(trad),
        "by_subset": {k: convert_metrics(v) for k, v in sorted(results.items())
                      if k not in ("simplified", "not_chinese")},
        "errors": errors,
    })
    out["configs"] = compare_configs(items)
    return out


def compare_configs(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Each OpenCC config applied to every Chinese item as it is (no per-text choice):
    what it does to traditional text per region and to simplified text."""
    table: dict[str, Any] = {}
    converters = {c: opencc.OpenCC(f"{c}.json") for c in ("t2s", "tw2s", "hk2s", "tw2sp")}
    for config in ("t2s", "tw2s", "hk2s", "tw2sp", "auto"):
        step = ToSimplified(config=config)
        by: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        harm = 0
        for item in items:
            if item["kind"] == "not_chinese":
                continue
            if config == "auto":
                conv, _ = outcome(step.process(one_turn(item["text"]), Counter()))
                assert conv is not None
                out = conv["messages"][1]["content"]
            else:
                out = converters[config].convert(item["text"])
            if item["kind"] == "simplified":
                harm += sum(a != b for a, b in zip(item["text"], out, strict=False))
            key = item["region"] or "std" if item["kind"] == "traditional" else item["kind"]
            by[key].append((item["text"], out, item["gold"]))
        table[config] = {
            "simplified_chars_changed": harm,
            **{f"{k}_{m}": convert_metrics(v)[m] for k, v in sorted(by.items())
               if k != "simplified" for m in ("cer", "residue")},
        }
    return table


# --- language ID ---------------------------------------------------------------------

def score_langid(items: list[dict[str, Any]], params: dict[str, Any]) -> dict[str, Any]:
    min_chars = params.get("min_chars", 20)
    per_cat: dict[str, Counter[str]] = defaultdict(Counter)
    per_lang: dict[str, Counter[str]] = defaultdict(Counter)
    base_lang: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for item in items:
        pred = detect(item["text"], min_chars=min_chars)
        ok = pred == item["lang"]
        per_cat[item["category"]]["n"] += 1
        per_cat[item["category"]]["ok"] += ok
        if item["category"] in ("zh", "en", "ja", "ko") and len(item["text"]) >= 20:
            per_lang[item["lang"]]["n"] += 1
            per_lang[item["lang"]]["ok"] += ok
            prose = " ".join(strip_protected(item["text"]).split())
            base = fasttext_label(prose) if prose else "und"
            base_lang[item["lang"]]["n"] += 1
            base_lang[item["lang"]]["ok"] += base == item["lang"]
        if not ok:
            errors.append({"id": item["id"], "category": item["category"], "lang": item["lang"],
                           "pred": pred, "text": item["text"][:120]})
    n20 = sum(c["n"] for c in per_lang.values())
    ok20 = sum(c["ok"] for c in per_lang.values())
    return {
        "accuracy_20plus": ratio(ok20, n20), "items_20plus": n20,
        "per_language_20plus": {k: ratio(c["ok"], c["n"]) for k, c in sorted(per_lang.items())},
        "fasttext_only_20plus": {k: ratio(c["ok"], c["n"]) for k, c in sorted(base_lang.items())},
        "fasttext_only_accuracy_20plus": ratio(sum(c["ok"] for c in base_lang.values()), n20),
        "per_category": {k: ratio(c["ok"], c["n"]) for k, c in sorted(per_cat.items())},
        "errors": errors,
    }


# --- quality -------------------------------------------------------------------------

def to_conv(item: dict[str, Any]) -> Conversation:
    system, messages = ADAPTERS[item["format"]](item["record"])
    return {"system": system, "messages": messages}


def score_quality(items: list[dict[str, Any]], params: dict[str, Any],
                  normalize: dict[str, Any]) -> dict[str, Any]:
    norm, step = Normalize(**normalize), Quality(**params)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for item in items:
        conv, _ = outcome(norm.process(to_conv(item), Counter()))
        assert conv is not None
        verdict = step.process(conv, Counter())
        _, pred = outcome(verdict)  # a trim counts: the rule fired on a turn
        gold = item["rule"]
        if pred == gold:
            if gold:
                counts[gold]["tp"] += 1
        else:
            if pred:
                counts[pred]["fp"] += 1
            if gold:
                counts[gold]["fn"] += 1
            errors.append({"id": item["id"], "rule": gold, "pred": pred,
                           "detail": getattr(verdict, "detail", ""),
                           "answer": conv["messages"][-1]["content"][:100]})
    rules = {}
    for rule, c in sorted(counts.items()):
        rules[rule] = {"n": c["tp"] + c["fn"], "precision": ratio(c["tp"], c["tp"] + c["fp"]),
                       "recall": ratio(c["tp"], c["tp"] + c["fn"])}
    dropped = [i for i in items if i["rule"]]
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(1 for e in errors if e["pred"] and not e["rule"])
    return {"rules": rules, "good_items": len(items) - len(dropped),
            "good_kept": len(items) - len(dropped) - fp,
            "precision": ratio(tp, tp + sum(c["fp"] for c in counts.values())),
            "recall": ratio(tp, len(dropped)), "errors": errors}


# --- turn repair ---------------------------------------------------------------------

def valid_structure(messages: list[dict[str, str]]) -> bool:
    return (len(messages) >= 2 and len(messages) % 2 == 0
            and all(m["role"] == ("user", "assistant")[i % 2] for i, m in enumerate(messages))
            and all(m["content"].strip() for m in messages))


def score_repair(items: list[dict[str, Any]], steps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    step = TurnRepair(**steps["turn_repair"])
    kept = exact = expected_kept = removed_ok = expected_removed = valid = 0
    per_breakage: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for item in items:
        conv = to_conv(item)
        verdict = step.process(conv, Counter())
        kept_conv, _ = outcome(verdict)
        out = verdict if kept_conv is None else kept_conv
        expected = item["expected"]
        b = per_breakage[item["breakage"]]
        b["n"] += 1
        if expected is None:
            expected_removed += 1
            ok = isinstance(out, Drop) and out.reason == item["reason"]
            removed_ok += ok
        else:
            expected_kept += 1
            ok = not isinstance(out, Drop) and out["messages"] == expected
        if not isinstance(out, Drop):
            kept += 1
            valid += valid_structure(out["messages"])
            exact += ok
        b["ok"] += ok
        if not ok:
            errors.append({"id": item["id"], "breakage": item["breakage"],
                           "got": out.reason if isinstance(out, Drop) else out["messages"],
                           "expected": expected})
    pipeline = full_pipeline_structure(items, steps)
    return {"precision": ratio(exact, kept), "recall": ratio(exact, expected_kept),
            "removal_accuracy": ratio(removed_ok, expected_removed),
            "valid_structure": ratio(valid, kept), "kept": kept,
            "pipeline_valid_structure": pipeline,
            "per_breakage": {k: ratio(c["ok"], c["n"]) for k, c in sorted(per_breakage.items())},
            "html": score_html(), "errors": errors}


def full_pipeline_structure(items: list[dict[str, Any]], steps: dict[str, dict[str, Any]]) -> float:
    """Every conversation the five text steps keep is structurally valid."""
    chain = [Normalize(**steps["normalize"]), TurnRepair(**steps["turn_repair"]),
             ToSimplified(**steps["to_simplified"]), LanguageId(**steps["language_id"]),
             Quality(**steps["quality"])]
    kept = valid = 0
    for item in items:
        conv: Conversation | Drop = to_conv(item)
        for s in chain:
            verdict = s.process(conv, Counter())  # type: ignore[arg-type]
            conv = outcome(verdict)[0] or verdict
            if isinstance(conv, Drop):
                break
        if not isinstance(conv, Drop):
            kept += 1
            valid += valid_structure(conv["messages"])
    return ratio(valid, kept)


def score_html() -> dict[str, Any]:
    """The regex converter (curation.html) vs markdownify as FastChat uses it."""
    sys.path.insert(0, str(LABELED))
    from html_pairs import HTML_PAIRS

    from curation.html import html_to_text

    def norm(s: str) -> str:
        return "\n".join(line.strip() for line in s.strip().split("\n") if line.strip())

    out: dict[str, Any] = {"pairs": len(HTML_PAIRS)}
    t = time.perf_counter()
    out["regex_exact"] = ratio(sum(norm(html_to_text(h)) == norm(m) for h, m in HTML_PAIRS),
                               len(HTML_PAIRS))
    out["regex_ms_per_item"] = round((time.perf_counter() - t) * 1000 / len(HTML_PAIRS), 3)
    try:
        import markdownify
    except ImportError:
        out["markdownify"] = "not installed"
        return out
    import re

    def fastchat(h: str) -> str:  # FastChat clean_sharegpt.html_to_markdown, our list style
        h = re.sub(r"<div.*?>", "", h)
        h = re.sub(r"<span.*?>", "", h)
        v = markdownify.markdownify(h, bullets="-", heading_style="ATX").strip()
        v = re.sub(r"```\s*(.*?)(?:Copy code)+(.+?)\s*?```", r"```\g<1>\n\g<2>\n```", v,
                   flags=re.S)
        return v.replace("\n\n\n", "\n").strip()

    t = time.perf_counter()
    results = [(fastchat(h), m) for h, m in HTML_PAIRS]
    out["markdownify_ms_per_item"] = round((time.perf_counter() - t) * 1000 / len(HTML_PAIRS), 3)
    out["markdownify_exact"] = ratio(sum(norm(a) == norm(m) for a, m in results), len(results))
    return out


# --- token estimate ------------------------------------------------------------------

def score_tokens(texts: list[str]) -> dict[str, Any]:
    """The character-based token estimate against Mixtral's tokenizer."""
    try:
        from importlib import resources

        import sentencepiece
    except ImportError:
        return {"tokenizer": "sentencepiece not installed"}
    path = resources.files("mistral_common") / "data" / "tokenizer.model.v1"
    sp = sentencepiece.SentencePieceProcessor(model_file=str(path))
    rel = []
    for t in texts:
        true = len(sp.encode(t))
        if true >= 10:
            rel.append(estimate_tokens(t) / true - 1)
    rel.sort()
    return {"texts": len(rel), "mean_rel_error": round(sum(rel) / len(rel), 4),
            "p05_rel_error": round(rel[len(rel) // 20], 4),
            "p95_rel_error": round(rel[len(rel) * 19 // 20], 4)}


# --- report --------------------------------------------------------------------------

SWEEP = {
    "min_assistant_chars": ("too_short", [1, 2, 3]),
    "max_repeated_line_fraction": ("repeated_lines", [0.3, 0.4, 0.5, 0.6, 0.7]),
    "max_repeated_ngram_fraction": ("repeated_ngrams", [0.3, 0.4, 0.5, 0.6, 0.7]),
    "mojibake_min_hits": ("mojibake", [1, 2, 3, 5, 8]),
    "mojibake_rare_share": ("mojibake", [0.2, 0.3, 0.4, 0.5, 0.6]),
    "truncated_min_line_chars": ("truncated", [20, 30, 50, 80, 120]),
    "restate_min_overlap": ("restates_question", [0.5, 0.6, 0.7, 0.8, 0.9]),
}


def calibrate(items: list[dict[str, Any]], params: dict[str, Any],
              normalize: dict[str, Any]) -> dict[str, Any]:
    """Each quality threshold varied alone: its rule's precision / recall and how many
    good records survive, so the recipe's choice can be read off."""
    out: dict[str, Any] = {}
    for name, (rule, values) in SWEEP.items():
        rows = {}
        for v in values:
            r = score_quality(items, {**params, name: v}, normalize)
            m = r["rules"].get(rule, {"precision": 1.0, "recall": 0.0})
            rows[str(v)] = {"precision": m["precision"], "recall": m["recall"],
                            "good_kept": r["good_kept"]}
        out[name] = {"rule": rule, "recipe": params.get(name), "values": rows}
    return out


def run(recipe: str = "v2", sweep: bool = False) -> dict[str, Any]:
    steps = step_params(recipe)
    start = time.perf_counter()
    langid_items = load("langid.jsonl")
    result = {
        "recipe": recipe,
        "to_simplified": score_script(load("script.jsonl"), steps["to_simplified"]),
        "language_id": score_langid(langid_items, steps["language_id"]),
        "quality": score_quality(load("quality.jsonl"), steps["quality"], steps["normalize"]),
        "calibration": calibrate(load("quality.jsonl"), steps["quality"], steps["normalize"])
        if sweep else "run with --sweep",
        "turn_repair": score_repair(load("repair.jsonl"), steps),
        "tokens": score_tokens([i["text"] for i in langid_items]
                               + [i["text"] for i in load("script.jsonl")]),
    }
    result["holdout"] = score_holdout(load("holdout.jsonl"), steps)
    result["seconds"] = round(time.perf_counter() - start, 2)
    return result


def score_holdout(items: list[dict[str, Any]], steps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The held-out items (written after tuning, never tuned on), scored alike."""
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        by[item["step"]].append(item)
    s = score_script(by["to_simplified"], steps["to_simplified"])
    lid = score_langid(by["language_id"], steps["language_id"])
    q = score_quality(by["quality"], steps["quality"], steps["normalize"])
    r = score_repair(by["turn_repair"], steps)
    return {
        "to_simplified": {k: s[k] for k in ("tag_accuracy", "simplified_chars_changed",
                                            "not_chinese_changed", "traditional", "errors")},
        "language_id": {k: lid[k] for k in ("accuracy_20plus", "items_20plus", "per_category",
                                            "errors")},
        "quality": {k: q[k] for k in ("precision", "recall", "good_kept", "good_items",
                                      "errors")},
        "turn_repair": {k: r[k] for k in ("precision", "recall", "valid_structure",
                                          "pipeline_valid_structure", "errors")},
    }


def speed(n: int, seed: int = 0) -> dict[str, Any]:
    """Seconds per text step on ``n`` synthetic records shaped like the v2 mix
    (60% single-exchange Alpaca, 40% ShareGPT with ~3 long exchanges; a few percent
    English, traditional, code and HTML), plus the language counts of curation.stats."""
    import numpy as np
    import polars as pl

    from bench.synth import TextGen
    from curation.schema import SCHEMA, content_id
    from curation.stats import table_stats

    gen, rng = TextGen(seed), np.random.default_rng(seed)
    extra = {0: "", 1: "\n```python\nfor i in range(10):\n    print(i)\n```\n",
             2: "\n<p>补充说明。</p>", 3: " See https://example.com/docs for details."}
    rows = []
    for i in range(n):
        k = 1 if i % 5 < 3 else int(rng.integers(2, 6))
        users = gen.texts(gen.lengths(k, 60, 0.8, 2, 2000))
        answers = gen.texts(gen.lengths(k, 300 if k == 1 else 700, 0.9, 2, 12000))
        msgs = []
        for u, a in zip(users, answers, strict=True):
            a += extra[int(rng.integers(0, 40)) % 4] if rng.random() < 0.1 else ""
            if rng.random() < 0.02:
                a = S2T.convert(a)
            msgs += [{"role": "user", "content": u}, {"role": "assistant", "content": a}]
        rows.append({"id": content_id(None, msgs), "source": "s", "source_index": i,
                     "system": None, "messages": msgs})
    t = pl.DataFrame(rows, schema=SCHEMA)
    chars = int(t.select(pl.col("messages").list.eval(pl.element().struct.field("content")
                                                       .str.len_chars()).list.sum()).sum().item())
    steps = step_params("v2")
    out: dict[str, Any] = {"records": n, "chars": chars}
    for name, cls in (("normalize", Normalize), ("turn_repair", TurnRepair),
                      ("to_simplified", ToSimplified), ("language_id", LanguageId),
                      ("quality", Quality)):
        start = time.perf_counter()
        t = cls(**steps[name])(t).kept
        out[name] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    table_stats(t)
    out["table_stats (language mix)"] = round(time.perf_counter() - start, 2)
    return out


S2T = opencc.OpenCC("s2t.json")


def table(r: dict[str, Any]) -> str:
    s, lid, q, rep = r["to_simplified"], r["language_id"], r["quality"], r["turn_repair"]
    t = s["traditional"]
    rows = [
        ("to_simplified", "script tag accuracy (simplified/traditional/mixed)",
         s["tag_accuracy"], ""),
        ("to_simplified", "conversion precision / recall (chars)",
         f"{t['precision']} / {t['recall']}", ""),
        ("to_simplified", "chars changed on simplified input",
         f"{s['simplified_chars_changed']} of {s['simplified_chars']}", "≈ 0"),
        ("to_simplified", "traditional residue (chars left / in)",
         f"{t['residue']} / {t['trad_chars_in']}", "≈ 0"),
        ("to_simplified", "CER vs gold, traditional", t["cer"], ""),
        ("to_simplified", "non-Chinese turns changed",
         f"{s['not_chinese_changed']} of {s['not_chinese_items']}", "0"),
        ("to_simplified", "code/URL spans changed", s["protected_spans_broken"], "0"),
        ("language_id", "accuracy zh/en/ja/ko, 20+ chars", lid["accuracy_20plus"], "≥ 0.98"),
        ("language_id", "  fastText alone, same items", lid["fasttext_only_accuracy_20plus"], ""),
    ]
    rows += [("language_id", f"  {k}", v, "") for k, v in lid["per_language_20plus"].items()]
    rows += [("language_id", f"  category {k}", v, "") for k, v in lid["per_category"].items()
             if k not in lid["per_language_20plus"]]
    rows.append(("quality", "all rules precision / recall", f"{q['precision']} / {q['recall']}",
                 ""))
    rows.append(("quality", "good records kept", f"{q['good_kept']} of {q['good_items']}", ""))
    rows += [("quality", f"  {k} (n={v['n']})", f"{v['precision']} / {v['recall']}", "")
             for k, v in q["rules"].items()]
    rows += [
        ("turn_repair", "precision / recall (exact expected form)",
         f"{rep['precision']} / {rep['recall']}", "≥ 0.95"),
        ("turn_repair", "valid structure of kept (step / 5 text steps)",
         f"{rep['valid_structure']} / {rep['pipeline_valid_structure']}", "1.0"),
        ("turn_repair", "unrepairable / over budget removed correctly",
         rep["removal_accuracy"], ""),
        ("turn_repair", "HTML -> markdown exact (regex / markdownify)",
         f"{rep['html']['regex_exact']} / {rep['html'].get('markdownify_exact', 'n/a')}", ""),
    ]
    tok = r["tokens"]
    if "mean_rel_error" in tok:
        rows.append(("turn_repair", "token estimate error (mean, p05..p95)",
                     f"{tok['mean_rel_error']:+.3f} ({tok['p05_rel_error']:+.3f}.."
                     f"{tok['p95_rel_error']:+.3f})", ""))
    h = r["holdout"]
    rows += [
        ("holdout", "script tags / simplified changed / residue",
         f"{h['to_simplified']['tag_accuracy']} / {h['to_simplified']['simplified_chars_changed']}"
         f" / {h['to_simplified']['traditional']['residue']}", ""),
        ("holdout", f"language ID, 20+ chars (n={h['language_id']['items_20plus']})",
         h["language_id"]["accuracy_20plus"], "≥ 0.98"),
        ("holdout", "quality precision / recall; good kept",
         f"{h['quality']['precision']} / {h['quality']['recall']}; "
         f"{h['quality']['good_kept']} of {h['quality']['good_items']}", ""),
        ("holdout", "turn repair precision / valid structure",
         f"{h['turn_repair']['precision']} / {h['turn_repair']['valid_structure']}", "≥ 0.95 / 1"),
    ]
    lines = ["| step | metric | value | target |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipe", default="v2")
    parser.add_argument("--speed", type=int, default=0, metavar="N",
                        help="also time each step on N synthetic records")
    parser.add_argument("--sweep", action="store_true",
                        help="also vary each quality threshold (calibration table in the JSON)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"
                                              / "quality.json"))
    args = parser.parse_args(argv)
    result = run(args.recipe, sweep=args.sweep)
    if args.speed:
        result["speed"] = speed(args.speed)
        print(json.dumps(result["speed"]))
    print(table(result))
    print(f"\n{result['seconds']} s; details in {args.out}")
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
