"""Does a training text contain a benchmark item? Tokens, n-grams and the evidence rule.

**Tokens.** A Han (or kana/hangul) character is one token; a run of Latin, Greek or Cyrillic
letters or digits is one token (lower-cased; full-width forms folded to ASCII); so is each
math operator (``+ - * / = < > ^ \\ | { } [ ] ~ %``: formulas differ by little else). Other
punctuation, spaces, line breaks and blanks (``____``) are not tokens. So "A. x", "A) x",
"A：x", one option per line or all inline give the same option tokens, and the option letters
become lone tokens that only separate the parts. Chinese is thus counted in characters and
English in words.

**An item** is its question and its four options (the correct one is the answer). Each part
is matched on its own, so reordered options and changed letters do not matter:

* a part of at least ``n`` tokens is matched by its ``n``-grams (a question under ``4 n`` tokens
  by grams of a quarter of its length, at least 2, so that one edit in a short question does
  not uncover most of it): its *coverage* is the share of
  its tokens lying in an ``n``-gram that also occurs in the record (Llama 2's contamination
  measure; unlike a count of shared n-grams it survives light edits: one changed character in a
  20-character question costs one token of coverage, not ``n`` grams). The question's n-grams must
  sit together (a cluster in the record), not be collected across a long chat;
* a shorter part must occur in the record as a whole token sequence.

**The rule.** A record contains an item when the question is covered (``question_coverage``) and

1. *question + options*: at least ``min_options`` options occur near it (within a window of
   the item's size), or
2. *question + answer*: the question alone has ``min_tokens`` tokens and the correct option
   (of 2+ tokens) occurs near it,

and the matched question tokens plus the matched options' tokens reach ``min_tokens`` -- the
minimum informative length, the role the 8-13-word n-grams of the GPT-3 and Llama reports
play for English: a short stem ("Windows是一种", "What is your name?", "8 + 8 ÷ 2 + 2 =") is
never evidence by itself, and an item whose question and options together are shorter than
``min_tokens`` cannot be detected at all (counted as too short); or

3. *question alone*: the question has at least ``long_question`` tokens and coverage
   ``long_question_coverage``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from curation.minhash import _mix, chunks

_MULT = np.uint64(0x100000001B3)
_SYMBOLS = np.array([ord(c) for c in "+-*/=<>^\\|{}[]~%"], dtype=np.uint32)
LETTERS = ("A", "B", "C", "D")


@dataclass(frozen=True)
class Tokens:
    """Tokens of many texts, concatenated: hash, owning text, and char span in that text."""

    hashes: np.ndarray  # uint64
    owner: np.ndarray  # int64
    start: np.ndarray  # int64, char offset in the owner's text
    end: np.ndarray  # int64, exclusive

    def bounds(self, n_texts: int) -> np.ndarray:
        """Text d's tokens are ``[b[d], b[d + 1])``."""
        return np.searchsorted(self.owner, np.arange(n_texts + 1))


def _token_chunk(texts: Sequence[str]) -> Tokens:
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    doc_start = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=doc_start[1:])
    cp = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32).copy()
    full = (cp >= 0xFF01) & (cp <= 0xFF5E)
    cp[full] -= 0xFEE0
    cp[(cp >= 65) & (cp <= 90)] += 32
    han = (((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0x3400) & (cp <= 0x4DBF))
           | ((cp >= 0x3040) & (cp <= 0x30FF)) | ((cp >= 0xAC00) & (cp <= 0xD7AF))
           | ((cp >= 0xF900) & (cp <= 0xFAFF)) | ((cp >= 0x20000) & (cp <= 0x2FFFF)))
    word = (((cp >= 48) & (cp <= 57)) | ((cp >= 97) & (cp <= 122))
            | ((cp >= 0xC0) & (cp <= 0x24F) & (cp != 0xD7) & (cp != 0xF7))
            | ((cp >= 0x370) & (cp <= 0x4FF)))
    # Math operators are tokens too (each its own): formulas differ by little else.
    han |= np.isin(cp, _SYMBOLS)
    prev_word = np.zeros_like(word)
    prev_word[1:] = word[:-1]
    pos = np.flatnonzero(han | word)
    if not len(pos):
        e = np.empty(0, dtype=np.int64)
        return Tokens(np.empty(0, dtype=np.uint64), e, e, e)
    first = (han | (word & ~prev_word))[pos]
    heads = np.flatnonzero(first)
    tid = np.cumsum(first) - 1
    offset = np.arange(len(pos)) - heads[tid]
    powers = np.ones(int(offset.max()) + 1, dtype=np.uint64)
    powers[1:] = np.cumprod(np.full(len(powers) - 1, _MULT, dtype=np.uint64))
    values = (cp[pos].astype(np.uint64) + np.uint64(1)) * powers[offset]
    h = _mix(np.add.reduceat(values, heads), 11)
    tok_start = pos[heads]
    tok_end = pos[np.r_[heads[1:], len(pos)] - 1] + 1
    owner = np.repeat(np.arange(len(texts)), lengths + 1)[tok_start]
    return Tokens(h, owner, tok_start - doc_start[owner], tok_end - doc_start[owner])


def tokenize(texts: Sequence[str]) -> Tokens:
    """Tokens of ``texts`` (in batches of about 500K characters: small temporaries)."""
    parts = []
    for lo, hi in chunks(texts):
        t = _token_chunk(texts[lo:hi])
        parts.append(Tokens(t.hashes, t.owner + lo, t.start, t.end))
    if not parts:
        e = np.empty(0, dtype=np.int64)
        return Tokens(np.empty(0, dtype=np.uint64), e, e, e)
    return Tokens(*(np.concatenate([getattr(p, f) for p in parts])
                    for f in ("hashes", "owner", "start", "end")))


def ngrams(hashes: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the token n-grams inside one text each, and their first token's index."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    g = hashes[:count].copy()
    for k in range(1, n):
        g *= _MULT
        g += hashes[k: k + count]
    idx = np.flatnonzero(owner[:count] == owner[n - 1:])
    return g[idx], idx


@dataclass(frozen=True)
class Rule:
    """The thresholds of the evidence rule (see the module docstring)."""

    ngram: int = 5
    question_coverage: float = 0.7
    option_coverage: float = 0.7
    min_options: int = 3
    min_tokens: int = 20
    long_question: int = 40
    long_question_coverage: float = 0.8


class Part:
    """One question or option: its tokens' count, the n of its grams, the grams sorted with
    their positions in the part, and (shorter than n) the hash of the whole part.

    A question shorter than ``4 n`` tokens is matched by shorter grams (a quarter of its length,
    at least 2): with 5-grams, one edit in a 10-token question would leave too little covered.
    Candidates are always found by ``n``-grams (the item's anchors)."""

    __slots__ = ("gram_pos", "grams", "length", "n", "seq")

    def __init__(self, length: int, n: int, seq: int | None, grams: np.ndarray,
                 gram_pos: np.ndarray) -> None:
        self.length, self.n, self.seq = length, n, seq
        self.grams, self.gram_pos = grams, gram_pos


@dataclass(frozen=True)
class Evidence:
    """Why a record contains an item: which parts matched and where."""

    path: str  # question+options | question+answer | question
    question_coverage: float
    question_tokens: int
    options: tuple[str, ...]  # the item's letters of the options found
    answer_found: bool
    tokens: int  # informative tokens matched
    char_start: int
    char_end: int

    def describe(self) -> str:
        opts = f"options {','.join(self.options) or '-'} ({len(self.options)}/4)"
        ans = "answer found" if self.answer_found else "answer not found"
        return (f"{self.path}: question {self.question_coverage:.2f} of {self.question_tokens} "
                f"tokens, {opts}, {ans}; {self.tokens} tokens matched")


def _coverage(gram_pos: np.ndarray, length: int, n: int) -> float:
    """Share of a part's tokens inside the matched n-grams starting at ``gram_pos``."""
    edges = np.zeros(length + 1, dtype=np.int64)
    np.add.at(edges, gram_pos, 1)
    np.add.at(edges, np.minimum(gram_pos + n, length), -1)
    return float((np.cumsum(edges[:-1]) > 0).mean())


class Record:
    """One record's tokens, with lookups of a part's grams (record grams of each size are
    built and sorted once, on first use)."""

    def __init__(self, hashes: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
        self.hashes, self.start, self.end = hashes, start, end
        self._sorted: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def _grams(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if k not in self._sorted:
            g, pos = ngrams(self.hashes, np.zeros(len(self.hashes), dtype=np.int64), k)
            order = np.argsort(g, kind="stable")
            self._sorted[k] = g[order], pos[order]
        return self._sorted[k]

    def occurrences(self, part: Part, lo: int = 0, hi: int | None = None,
                    ) -> tuple[np.ndarray, np.ndarray]:
        """(record token positions, part gram positions) of the part's n-grams, or of the
        whole short part, starting inside tokens ``[lo, hi)``."""
        hi = len(self.hashes) if hi is None else hi
        if part.seq is not None:
            wanted = np.array([part.seq], dtype=np.uint64)
            wanted_pos = np.zeros(1, dtype=np.int64)
            sg, sp = self._grams(part.length)
        else:
            wanted, wanted_pos = part.grams, part.gram_pos
            sg, sp = self._grams(part.n)
        a = np.searchsorted(sg, wanted, side="left")
        cnt = np.searchsorted(sg, wanted, side="right") - a
        total = int(cnt.sum())
        if not total:
            e = np.empty(0, dtype=np.int64)
            return e, e
        within = np.arange(total) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        at = sp[np.repeat(a, cnt) + within]
        own = np.repeat(wanted_pos, cnt)
        sel = (at >= lo) & (at < hi)
        return at[sel], own[sel]


@dataclass(frozen=True)
class Item:
    """A benchmark item as parts: question, then options A-D; ``answer`` an index or None."""

    task: str
    split: str
    subject: str
    id: str
    question: Part
    options: tuple[Part, ...]
    answer: int | None
    anchors: np.ndarray = field(repr=False, compare=False)  # unique n-grams of all parts

    @property
    def tokens(self) -> int:
        return self.question.length + sum(o.length for o in self.options)

    def checkable(self, rule: Rule) -> bool:
        """Long enough for some path of the rule to fire, with an n-gram to find it by."""
        longest = max([self.question.length] + [o.length for o in self.options])
        return (self.question.length > 0 and longest >= rule.ngram
                and (self.tokens >= rule.min_tokens
                     or self.question.length >= rule.long_question))


def _clusters(rec_pos: np.ndarray, part_pos: np.ndarray, part: Part,
              ) -> list[tuple[float, int, int]]:
    """(coverage, first token, end token) of each group of nearby matches of ``part``."""
    if not len(rec_pos):
        return []
    if part.seq is not None:
        return [(1.0, int(p), int(p) + part.length) for p in rec_pos[:3]]
    order = np.argsort(rec_pos, kind="stable")
    rec_pos, part_pos = rec_pos[order], part_pos[order]
    n = part.n
    cuts = np.flatnonzero(np.diff(rec_pos) > 2 * n) + 1  # an edit skips n grams
    out = []
    for r, p in zip(np.split(rec_pos, cuts), np.split(part_pos, cuts), strict=True):
        out.append((_coverage(p, part.length, n), int(r[0]), int(r[-1]) + n))
    out.sort(key=lambda c: -c[0])
    return out[:3]


def evidence(record: Record, item: Item, rule: Rule) -> Evidence | None:
    """The strongest evidence that ``record`` contains ``item``, or None."""
    n = rule.ngram
    q = item.question
    best: Evidence | None = None
    for cov, lo, hi in _clusters(*record.occurrences(q), q):
        if cov < rule.question_coverage:
            break
        window = max(50, 2 * item.tokens)
        w_lo, w_hi = max(0, lo - window), hi + window
        found, span_lo, span_hi, opt_tokens = [], lo, hi, 0
        for k, opt in enumerate(item.options):
            if opt.length == 0:
                continue
            at, pos = record.occurrences(opt, w_lo, w_hi)
            if not len(at):
                continue
            if opt.seq is None and _coverage(pos, opt.length, n) < rule.option_coverage:
                continue
            found.append(k)
            opt_tokens += opt.length
            after = at[at >= lo]  # options follow their question: take the first occurrence
            first = int(after.min()) if len(after) else int(at.max())
            span_lo = min(span_lo, first)
            span_hi = max(span_hi, first + (opt.length if opt.seq is not None else n))
        q_tokens = round(cov * q.length)
        answer = item.answer is not None and item.answer in found
        if len(found) >= rule.min_options and q_tokens + opt_tokens >= rule.min_tokens:
            path = "question+options"
        elif (answer and item.options[item.answer].length >= 2
              and q.length >= rule.min_tokens):
            path = "question+answer"
        elif q.length >= rule.long_question and cov >= rule.long_question_coverage:
            path = "question"
        else:
            continue
        tokens = q_tokens + sum(item.options[k].length for k in found)
        span_hi = min(span_hi, len(record.hashes))
        ev = Evidence(path, round(cov, 3), q.length, tuple(LETTERS[k] for k in found),
                      answer, tokens, int(record.start[span_lo]), int(record.end[span_hi - 1]))
        if best is None or ev.tokens > best.tokens:
            best = ev
    return best


class _Bloom:
    """A one-hash bit filter over 2**27 bits (16 MiB): a vectorized gather says which grams
    cannot be anchors, so the sorted-array search runs on the few that might."""

    BITS = 27

    def __init__(self, keys: np.ndarray) -> None:
        idx = keys >> np.uint64(64 - self.BITS)
        self.words = np.zeros(1 << (self.BITS - 6), dtype=np.uint64)
        np.bitwise_or.at(self.words, (idx >> np.uint64(6)).astype(np.int64),
                         np.uint64(1) << (idx & np.uint64(63)))

    def may_contain(self, keys: np.ndarray) -> np.ndarray:
        idx = keys >> np.uint64(64 - self.BITS)
        word = self.words[(idx >> np.uint64(6)).astype(np.int64)]
        return ((word >> (idx & np.uint64(63))) & np.uint64(1)).astype(bool)


def scan(texts: Sequence[str], items: Items, rules: dict[str, Rule],
         subset: np.ndarray | None = None, max_items_per_gram: int = 20,
         ) -> dict[int, tuple[int, Evidence]]:
    """Per contaminated text: (index of its strongest item, the evidence); only the items
    ``subset`` (indices, default all) are looked for.

    Candidates come from *anchor* n-grams (those of at most ``max_items_per_gram`` items; a
    gram shared by many items, e.g. "下列说法正确的", says nothing about which one): a text and
    an item are compared only when the text has a fifth of the item's anchors, and at least two
    (one if the item has just one). All rules must share one ``ngram``.
    """
    ns = {r.ngram for r in rules.values()}
    if len(ns) != 1:
        raise ValueError("all rules must use the same ngram")
    n = ns.pop()
    if not items or not texts:
        return {}
    subset = np.arange(len(items)) if subset is None else np.asarray(subset)
    use = np.zeros(len(items), dtype=bool)
    use[subset] = True
    sel = use[items.anchor_item]
    grams, owner = items.anchor_grams[sel], items.anchor_item[sel]
    order = np.argsort(grams, kind="stable")
    grams, owner = grams[order], owner[order]
    uniq, first, counts_all = np.unique(grams, return_index=True, return_counts=True)
    counts = counts_all
    keep = counts <= max_items_per_gram
    uniq, first, counts = uniq[keep], first[keep], counts[keep]
    n_anchor = np.bincount(owner[np.repeat(keep, counts_all)], minlength=len(items))
    # A copy keeps most of an item's anchors (every path needs 70%+ of the question or most
    # of the options); a fifth of them, and at least two, is a loose bound that skips texts
    # sharing a few phrases.
    need = np.maximum(np.minimum(2, np.maximum(n_anchor, 1)), n_anchor // 5)
    out: dict[int, tuple[int, Evidence]] = {}
    if not len(uniq):
        return out
    bloom = _Bloom(uniq)
    for lo, hi in chunks(texts):
        tok = _token_chunk(texts[lo:hi])
        g, gpos = ngrams(tok.hashes, tok.owner, n)
        maybe = np.flatnonzero(bloom.may_contain(g))  # most grams are no anchor: skip them
        k = np.minimum(np.searchsorted(uniq, g[maybe]), len(uniq) - 1)
        found = uniq[k] == g[maybe]
        hit, u = maybe[found], k[found]
        if not len(hit):
            continue
        rep = np.repeat(np.arange(len(hit)), counts[u])
        within = np.arange(len(rep)) - np.repeat(np.cumsum(counts[u]) - counts[u], counts[u])
        item = owner[first[u][rep] + within]
        doc = tok.owner[gpos[hit]][rep]
        pair = np.unique((doc * len(items) + item) * len(uniq) + u[rep]) // len(uniq)
        pairs, hits = np.unique(pair, return_counts=True)
        pairs = pairs[hits >= need[pairs % len(items)]]
        bounds = tok.bounds(hi - lo)
        records: dict[int, Record] = {}
        for p in pairs.tolist():
            d, i = divmod(p, len(items))
            if d not in records:
                a, b = bounds[d], bounds[d + 1]
                records[d] = Record(tok.hashes[a:b], tok.start[a:b], tok.end[a:b])
            ev = evidence(records[d], items[i], rules[items[i].task])
            if ev is not None and (lo + d not in out or ev.tokens > out[lo + d][1].tokens):
                out[lo + d] = (i, ev)
    return out


@dataclass(frozen=True)
class ItemText:
    """What :func:`make_items` needs of a benchmark question."""

    task: str
    split: str
    subject: str
    id: str
    question: str
    choices: tuple[str, ...]
    answer: str | None


def _grams_by_part(grams: np.ndarray, first: np.ndarray, own: np.ndarray, bounds: np.ndarray,
                   parts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The n-grams (``grams`` starting at token ``first`` of text ``own``, in text order) of the
    texts ``parts``: grams, positions in their text, and per text index its slice bounds."""
    wanted = np.zeros(len(bounds) - 1, dtype=bool)
    wanted[parts] = True
    keep = wanted[own]
    g, own = grams[keep], own[keep]
    return g, first[keep] - bounds[own], np.searchsorted(own, np.arange(len(bounds)))


def make_items(texts: Sequence[ItemText], n: int) -> Items:
    """:class:`Item` s for ``texts``: all parts tokenized and n-grammed in a few batches."""
    flat = [s for t in texts for s in (t.question, *t.choices)]
    tok = tokenize(flat)
    bounds = tok.bounds(len(flat))
    lengths = np.diff(bounds)
    is_q = np.zeros(len(flat), dtype=bool)
    firsts = np.cumsum([0] + [1 + len(t.choices) for t in texts])[:-1]
    is_q[firsts] = True
    part_n = np.where(is_q, np.minimum(n, np.maximum(2, lengths // 4)), n)
    short = (lengths > 0) & (lengths < part_n)
    by_k = {}  # every gram size needed, computed once over all parts
    for k in set(np.unique(part_n).tolist()) | set(np.unique(lengths[short]).tolist()) | {n}:
        g, first = ngrams(tok.hashes, tok.owner, int(k))
        by_k[k] = (g, first, tok.owner[first])
    grams = {k: _grams_by_part(*by_k[k], bounds, np.flatnonzero(part_n == k))
             for k in np.unique(part_n).tolist()}
    seqs: dict[int, int] = {}
    for k in np.unique(lengths[short]).tolist():
        which = np.flatnonzero(short & (lengths == k))
        g, _, sl = _grams_by_part(*by_k[k], bounds, which)
        seqs.update(zip(which.tolist(), g[sl[which]].tolist(), strict=True))
    # Anchors: each item's distinct n-grams over all its parts, deduplicated in one pass.
    ag, _, asl = _grams_by_part(*by_k[n], bounds, np.arange(len(flat)))
    item_of = np.repeat(np.arange(len(texts)), np.diff(asl[np.r_[firsts, len(flat)]]))
    order = np.lexsort((ag, item_of))
    ag, item_of = ag[order], item_of[order]
    fresh = np.r_[True, (ag[1:] != ag[:-1]) | (item_of[1:] != item_of[:-1])]
    ag, item_of = ag[fresh], item_of[fresh]
    abounds = np.searchsorted(item_of, np.arange(len(texts) + 1))
    return Items(texts, firsts, lengths, part_n, seqs, grams, ag, item_of, abounds)


class Items(Sequence[Item]):
    """The :class:`Item` s of :func:`make_items`, each built on first access (a scan looks at
    a few of tens of thousands); lengths and anchors stay arrays for the vectorized parts."""

    def __init__(self, texts: Sequence[ItemText], firsts: np.ndarray, lengths: np.ndarray,
                 part_n: np.ndarray, seqs: dict[int, int],
                 grams: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]],
                 anchor_grams: np.ndarray, anchor_item: np.ndarray, abounds: np.ndarray) -> None:
        self.texts, self.firsts, self.lengths, self.part_n = texts, firsts, lengths, part_n
        self.seqs, self.grams = seqs, grams
        self.anchor_grams, self.anchor_item, self.abounds = anchor_grams, anchor_item, abounds
        self._built: dict[int, Item] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i not in self._built:
            t, j = self.texts[i], int(self.firsts[i])
            parts = []
            for p in range(j, j + 1 + len(t.choices)):
                g, pos, sl = self.grams[int(self.part_n[p])]
                a, b = sl[p], sl[p + 1]
                parts.append(Part(int(self.lengths[p]), int(self.part_n[p]), self.seqs.get(p),
                                  g[a:b], pos[a:b]))
            self._built[i] = Item(t.task, t.split, t.subject, t.id, parts[0], tuple(parts[1:]),
                                  LETTERS.index(t.answer) if t.answer in LETTERS else None,
                                  self.anchor_grams[self.abounds[i]:self.abounds[i + 1]])
        return self._built[i]

    def checkable(self, rules: dict[str, Rule]) -> np.ndarray:
        """:meth:`Item.checkable` of every item, without building them."""
        q = self.lengths[self.firsts]
        total = np.add.reduceat(self.lengths, self.firsts) if len(self.firsts) else q
        longest = np.maximum.reduceat(self.lengths, self.firsts) if len(self.firsts) else q
        out = np.zeros(len(self), dtype=bool)
        tasks = np.array([t.task for t in self.texts])
        for task, r in rules.items():
            m = tasks == task
            out[m] = ((q[m] > 0) & (longest[m] >= r.ngram)
                      & ((total[m] >= r.min_tokens) | (q[m] >= r.long_question)))
        return out
