"""exact_dedup and minhash_dedup: planted duplicates, keep policy, order independence."""

import random

import numpy as np
import polars as pl
import pytest
from helpers import chat, table

from curation import lsh
from curation.minhash import EMPTY, Shingler, Signer, jaccard
from curation.steps.exact_dedup import ExactDedup
from curation.steps.minhash_dedup import MinhashDedup

LONG = ("长城是中国古代的军事防御工程，始建于春秋战国时期，秦朝统一后连接各段城墙。"
        "明朝对长城进行了大规模修缮，今天我们看到的八达岭、慕田峪等段落大多是明长城。"
        "长城不仅是建筑奇迹，也见证了农耕文明与游牧文明之间漫长的交流与冲突。")
OTHER = ("光合作用发生在叶绿体中，分为光反应和暗反应两个阶段。光反应把光能转化为化学能，"
         "产生氧气和能量载体；暗反应利用这些能量把二氧化碳固定为糖类，为植物生长提供物质基础。")


def near(text: str) -> str:
    """A light edit: two characters substituted, one clause appended."""
    return text.replace("始建于", "修建于").replace("今天", "如今") + "它是世界文化遗产。"


def test_exact_dedup_keeps_one_and_points_at_survivor():
    t = table(chat("问", "答"), chat("问", "答"), chat("问", "别的答案"), chat("问", "答"))
    r = ExactDedup()(t)
    assert r.kept["source_index"].to_list() == [0, 2]
    survivor = r.kept["id"][0]
    assert r.removed["duplicate_of"].to_list() == [survivor, survivor]
    assert set(r.removed["reason"]) == {"exact_duplicate"}
    assert r.stats["clusters"] == 1


def test_exact_dedup_source_priority_then_longer():
    t = table(chat("问", "答"), chat("问", "答"), chat("问", "答"),
              sources=["alpaca_zh", "sharegpt", "alpaca_gpt4_zh"])
    r = ExactDedup(source_priority=["alpaca_gpt4_zh", "sharegpt", "alpaca_zh"])(t)
    assert r.kept["source"].to_list() == ["alpaca_gpt4_zh"]


def test_exact_dedup_first_prompt_key_keeps_the_better_answer():
    t = table(chat("介绍长城", "长城很长。"), chat("介绍长城", LONG),
              sources=["alpaca_zh", "alpaca_gpt4_zh"])
    r = ExactDedup(key="first_prompt")(t)
    assert r.kept["source"].to_list() == ["alpaca_gpt4_zh"]  # longer answer wins
    same_source = table(chat("介绍长城", "长城很长。"), chat("介绍长城", LONG))
    assert ExactDedup(key="first_prompt")(same_source).kept["source_index"].to_list() == [1]
    r = ExactDedup(key="first_prompt", prefer="first")(same_source)
    assert r.kept["source_index"].to_list() == [0]  # provenance order only


def test_minhash_finds_planted_near_duplicate_and_keeps_distinct():
    t = table(chat("介绍长城", LONG), chat("讲讲光合作用", OTHER), chat("介绍长城", near(LONG)))
    r = MinhashDedup(threshold=0.7)(t)
    assert r.kept["source_index"].to_list() == [0, 1] or r.kept["source_index"].to_list() == [1, 2]
    assert r.removed.height == 1
    assert r.removed["duplicate_of"][0] in r.kept["id"].to_list()
    assert r.stats["clusters"] == 1 and r.stats["verified_pairs"] == 1


def test_minhash_short_texts_are_not_merged_with_each_other():
    t = table(chat("好", "是"), chat("对", "否"), chat("行", "嗯"))
    r = MinhashDedup(ngram=5)(t)
    assert r.kept.height == 3


def test_shingles_of_short_and_empty_text():
    h, owner = Shingler(5).hashes(["你好", "  ", "一二三 四五六", "你好呀"])
    assert owner.tolist() == [0, 2, 2, 3]  # short texts: one shingle; empty: none
    assert len(set(h.tolist())) == 4  # "你好" and "你好呀" are different shingles
    sig = Signer(Shingler(5), 64).sign(["你好", "  "])
    assert (sig[1] == EMPTY).all() and (sig[0] != EMPTY).any()


def exact(a: str, b: str, n: int = 5) -> float:
    sa = {a[i:i + n] for i in range(len(a) - n + 1)}
    sb = {b[i:i + n] for i in range(len(b) - n + 1)}
    return len(sa & sb) / len(sa | sb)


def test_signature_estimates_track_exact_jaccard():
    rng = random.Random(1)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]
    errors = []
    for _ in range(200):
        a = "".join(rng.choice(chars) for _ in range(rng.randint(50, 400)))
        b = list(a)
        for _ in range(rng.randint(0, len(a) // 8)):
            b[rng.randrange(len(b))] = rng.choice(chars)
        b = "".join(b)
        sig = Signer(Shingler(5), 128).sign([a, b])
        errors.append(abs(float(jaccard(sig[:1], sig[1:])[0]) - exact(a, b)))
    assert sum(errors) / len(errors) < 0.05 and max(errors) < 0.2


def test_word_shingles_for_english():
    a = "the quick brown fox jumps over the lazy dog near the river bank today"
    b = a.replace("today", "tonight")
    sh = Shingler(3, "word")
    _, owner = sh.hashes([a, b])
    assert (owner == 0).sum() == len(a.split()) - 2
    sig = Signer(sh, 128).sign([a, b, "completely different words in this sentence here"])
    assert jaccard(sig[:1], sig[1:2])[0] > 0.7 and jaccard(sig[:1], sig[2:3])[0] < 0.1


def test_minhash_empty_texts_get_no_signature_and_are_kept():
    t = table(chat("", ""), chat("", ""), chat("介绍长城", LONG))
    r = MinhashDedup()(t)
    assert r.kept.height == 3 and r.stats["no_signature"] == 2


def test_minhash_transitive_cluster_has_one_survivor():
    a = LONG
    b = near(a)
    c = b.replace("明朝", "明代")
    t = table(chat("q", a), chat("q", b), chat("q", c), sources=["x", "y", "z"])
    r = MinhashDedup(threshold=0.7, source_priority=["z", "y", "x"])(t)
    assert r.kept["source"].to_list() == ["z"]
    assert set(r.removed["duplicate_of"]) == {r.kept["id"][0]}


@pytest.mark.parametrize("step", [ExactDedup(), MinhashDedup(threshold=0.7)])
def test_dedup_survivors_do_not_depend_on_input_order(step):
    base = [chat("介绍长城", LONG), chat("介绍长城", near(LONG)), chat("讲讲光合作用", OTHER),
            chat("讲讲光合作用", OTHER), chat("介绍长城", LONG)]
    t = table(*base, sources=["a", "b", "a", "b", "c"])
    expected = sorted(step(t).kept["id"].to_list())
    rng = random.Random(0)
    for _ in range(5):
        perm = list(range(t.height))
        rng.shuffle(perm)
        shuffled = t[perm]
        assert sorted(step(shuffled).kept["id"].to_list()) == expected
        assert step(shuffled).kept.height + step(shuffled).removed.height == t.height


def test_minhash_keeps_schema():
    t = table(chat("介绍长城", LONG), chat("介绍长城", near(LONG)))
    r = MinhashDedup(threshold=0.7)(t)
    assert r.kept.schema == t.schema
    assert isinstance(r.removed, pl.DataFrame) and "duplicate_of" in r.removed.columns


def test_single_turn_scope_leaves_multi_turn_chats_alone():
    t = table(chat("你好", "你好！今天想聊什么？"), chat("你好", "你好呀。", "讲个笑话", "好的……"),
              chat("你好", "嗨！"), sources=["a", "b", "c"])
    r = ExactDedup(key="first_prompt", scope="single_turn")(t)
    assert sorted(r.kept["source"].to_list()) == ["a", "b"]  # c joins a; b is multi-turn
    r = MinhashDedup(key="first_prompt", scope="single_turn", ngram=2, threshold=0.5)(t)
    assert sorted(r.kept["source"].to_list()) == ["a", "b"]
    with pytest.raises(Exception, match="scope must be one of"):
        ExactDedup(scope="some")


def _edited_texts(rng: random.Random, n: int) -> list[str]:
    """Short and long texts, near copies of each other, with every kind of whitespace
    ``str.split`` knows (tabs, ideographic and no-break spaces, separators)."""
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 40)] + list(" \t\n\u3000\xa0\x1c\x85")
    base = ["".join(rng.choice(chars) for _ in range(rng.choice([1, 3, 8, 60, 300])))
            for _ in range(n // 2)]
    out = []
    for t in base:
        b = list(t)
        for _ in range(rng.randint(0, 3)):
            b[rng.randrange(len(b))] = rng.choice(chars)
        out += [t, "".join(b)]
    return out


def test_shingles_drop_whitespace_as_str_split_does():
    texts = [*_edited_texts(random.Random(3), 40), "", " \u3000\t"]
    h, owner = Shingler(3).hashes(texts)
    joined = Shingler(3).hashes(["".join(t.split()) for t in texts])
    assert (h == joined[0]).all() and (owner == joined[1]).all()
    assert set(owner.tolist()) == {d for d, t in enumerate(texts) if t.strip()}


@pytest.mark.parametrize("n", [3, 5])
def test_exact_jaccard_equals_jaccard_of_shingle_sets(n):
    texts = _edited_texts(random.Random(n), 200)
    i = np.repeat(np.arange(0, len(texts), 2), 3)
    j = (i + np.tile([1, 2, 7], len(i) // 3)) % len(texts)
    keep = [bool(texts[a].strip() and texts[b].strip()) and a != b
            for a, b in zip(i, j, strict=True)]
    i, j = i[keep], j[keep]

    def shingles(t: str) -> set[str]:
        c = "".join(t.split())
        return {c[k:k + n] for k in range(len(c) - n + 1)} or {c}

    want = [len(shingles(texts[a]) & shingles(texts[b])) / len(shingles(texts[a]) |
            shingles(texts[b])) for a, b in zip(i.tolist(), j.tolist(), strict=True)]
    got = lsh.exact_jaccard(Shingler(n), texts, i, j, chunk_pairs=37)
    assert got.tolist() == want and any(0 < w < 1 for w in want) and max(want) == 1


def test_signature_estimates_equal_row_jaccard():
    texts = [*_edited_texts(random.Random(5), 300), "", ""]
    sig = Signer(Shingler(3), 64).sign(texts)
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, len(texts), 2000), rng.integers(0, len(texts), 2000)
    assert lsh.estimates(sig, i, j, chunk=128).tolist() == jaccard(sig[i], sig[j]).tolist()


def test_set_codes_are_exact_when_high_bits_collide():
    rng = np.random.default_rng(2)
    h = rng.integers(0, 2**63, 3000, dtype=np.int64).astype(np.uint64)
    owner = np.repeat([0, 1, 2], 1000)
    h[1000:1500] = h[:500]  # docs 0 and 1 share 500 hashes
    collided = h.copy()  # and hashes differing in low bits only, within and across docs
    collided[[1, 2, 1600, 2500]] = (collided[0] & ~np.uint64(0xFF)) | np.arange(4, dtype=np.uint64)
    for x in (h, collided):
        codes, shift = lsh._set_codes(x, owner, 3)
        doc, part = codes >> np.uint64(shift), codes & np.uint64((1 << shift) - 1)
        sets = [set(part[doc == d].tolist()) for d in range(3)]
        truth = [set(x[owner == d].tolist()) for d in range(3)]
        assert [len(s) for s in sets] == [len(t) for t in truth]
        assert [len(sets[a] & sets[b]) for a, b in ((0, 1), (0, 2), (1, 2))] == \
            [len(truth[a] & truth[b]) for a, b in ((0, 1), (0, 2), (1, 2))]
