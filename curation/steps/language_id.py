"""Keep conversations whose turns are in the languages the recipe allows per role,
optionally with a capped share of other languages (e.g. English answers to
translation prompts: some are useful, a flood is not)."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import ClassVar

import polars as pl

from curation.errors import RecipeError
from curation.langid import UNDETERMINED, detect_detail
from curation.schema import ROLES, Conversation
from curation.steps import PhasedStep, RecordStep, Step, register
from curation.steps.base import Drop, Keep, Signals, StepResult, Trim, Verdict, removed_rows

CAP = "_capped_language"  # the record phase's tag on kept rows: the capped language used
ROW = "_row"

# Languages a prompt can ask for by name; with a request verb the answer may be in them.
LANGUAGE_NAMES = {
    "en": r"英文|英语|English", "ja": r"日文|日语|Japanese", "ko": r"韩文|韩语|朝鲜语|Korean",
    "fr": r"法文|法语|French", "de": r"德文|德语|German", "es": r"西班牙文|西班牙语|Spanish",
    "ru": r"俄文|俄语|Russian", "it": r"意大利文|意大利语|Italian",
    "pt": r"葡萄牙文|葡萄牙语|Portuguese", "ar": r"阿拉伯文|阿拉伯语|Arabic",
    "vi": r"越南文|越南语|Vietnamese", "th": r"泰文|泰语|Thai", "la": r"拉丁文|拉丁语|Latin",
}
NAMED = {lang: re.compile(p, re.I) for lang, p in LANGUAGE_NAMES.items()}
REQUEST = re.compile(r"翻译|译成|译为|译文|本地化|用|写|说|回答|回复|表达|输出|改成|转换|句子|造句"
                     r"|生成|构建|\b(?:translat\w*|locali[sz]\w*|into|in|write|answer|reply|respond"
                     r"|say)\b", re.I)
# A translation or localisation whose target the prompt leaves open ("生成句子的适当机器翻译",
# "根据目标文化的语言…本地化", "转录为其他语言"): any language may answer.
ANY_TARGET = re.compile(r"翻译|译成|译为|本地化|其他语言|另一种语言|外语|目标(?:文化|语言)"
                        r"|\b(?:translat\w*|locali[sz]\w*|another language)\b", re.I)
# Latin text that is no language: proper names and domains in a list or a Chinese frame
# ("Casa Buenavista，El Brillante和Taberna La Bola是…餐厅。", "Wikipedia.org、g2.com"),
# and note names ("A4 B4 D4", "C D E"); fastText reads them as es/ja/cs/it.
LIST_SPLIT = re.compile(r"[\s，,、。;；:：()（）/!?！？“”\"']+")
NAME_WORD = re.compile(r"[A-Z][A-Za-z0-9À-ÿ'&+.-]*|[A-Za-z0-9-]+\.(?:com|org|net|io|edu|gov|cn)\S*"
                       r"|\d[A-Za-z0-9.]*"
                       r"|of|the|de|la|le|del|des|von|van|y|and|&")
NOTE = re.compile(r"[A-G][#b♯♭]?\d?")
HAN = re.compile(r"[\u4e00-\u9fff]")
KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")
CHINESE_NAMED = re.compile(r"中文|汉语|漢語|华语|普通话|Chinese", re.I)


# Romanizations: any Latin-script verdict (pinyin reads as Catalan or Vietnamese).
ROMANIZATION = re.compile(r"拼音|注音|罗马音|罗马字|音标|\b(?:pinyin|romaji|romani[sz]ation)\b",
                          re.I)
ANY_LATIN = "*"
OPEN_TARGET = "?"  # a translation to a language the prompt does not name


def names_or_notes(text: str) -> str | None:
    """"names" when every Latin word is a proper name, a domain or a number (in a list
    or a Chinese sentence), "notes" when every word is a note name; else None."""
    if KANA_HANGUL.search(text):
        return None
    words = [w.rstrip(".") for w in LIST_SPLIT.split(text) if w.rstrip(".")]
    latin = [w for w in words if not HAN.search(w)]
    if not latin:
        return None
    if all(NOTE.fullmatch(w) for w in words):
        return "notes"
    pieces = [p for w in latin for p in re.split(r"(?<=[a-z])和|和(?=[A-Z])", w) if p]
    if any(p[0].isupper() for p in pieces) and all(NAME_WORD.fullmatch(p) for p in pieces):
        return "names"
    return None


def requested_languages(prompt: str) -> list[str]:
    """The languages a prompt asks the answer to be in ("翻译成法语", "answer in English");
    ``*`` for a romanization (拼音), which fastText reads as any Latin language; ``?`` for
    a translation to a language it does not name (any language but a capped one)."""
    if not prompt:
        return []
    asked = [ANY_LATIN] if ROMANIZATION.search(prompt) else []
    if REQUEST.search(prompt):
        asked += [lang for lang, rx in NAMED.items() if rx.search(prompt)]
    if ANY_TARGET.search(prompt) and not asked and not CHINESE_NAMED.search(prompt):
        asked = [OPEN_TARGET]
    return asked


# Judgement of one conversation: turn languages with how they were decided, the
# decision (None: keep; a Drop; or the capped language it uses), the first bad turn.
Judgement = tuple[dict[str, Signals], "Drop | str | None", int]


@register
@dataclass
class LanguageId(RecordStep, PhasedStep):
    """``allow`` maps a role to its allowed languages (e.g. ``assistant: [zh]``);
    a role not listed is unconstrained. Every turn of a listed role must pass; an
    answer in a language its prompt asks for ("翻译成法语") passes too. A bad turn
    after good exchanges trims the conversation to them; a bad first exchange
    removes it. Signals: each turn's language and how it was decided.

    ``max_share`` (e.g. ``{en: 0.05}``) also admits turns in those languages, but
    conversations using them make up at most that share of the step's output; which
    ones stay is decided by content id (a stable pseudo-random order, not file order).
    With a cap the step has two phases: each row judged on its own (on batches), then
    the cap over the whole output (:class:`~curation.steps.base.PhasedStep`).
    """

    name: ClassVar[str] = "language_id"
    allow: dict[str, list[str]] = field(default_factory=lambda: {"assistant": ["zh"]})
    max_share: dict[str, float] = field(default_factory=dict)
    min_chars: int = 20
    allow_undetermined: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.allow) - set(ROLES)
        if unknown:
            raise RecipeError(f"language_id: unknown roles {sorted(unknown)}; use {ROLES}")
        if any(not 0 <= v < 1 for v in self.max_share.values()) or sum(
                self.max_share.values()) >= 1:
            raise RecipeError("language_id: max_share values must be in [0, 1) and sum below 1")

    def judge(self, conv: Conversation) -> Judgement:
        """Languages of the turns and the verdict: None (keep), a Drop, or the capped
        language the conversation uses; and the turn that decided a Drop."""
        turns: dict[str, Signals] = {}
        capped = None
        prompt = ""
        for i, m in enumerate(conv["messages"]):
            role = m["role"]
            if role not in ROLES:
                continue  # system prompts, tool calls: not chat turns in a language
            lang, info = detect_detail(m["content"], min_chars=self.min_chars)
            sig: Signals = {"role": role, "lang": lang, **info}
            turns[str(i)] = sig
            allowed = self.allow.get(role)
            question, prompt = prompt, m["content"] if role == "user" else ""
            if allowed is None or lang in allowed:
                continue
            if lang == UNDETERMINED and self.allow_undetermined:
                continue
            asked = requested_languages(question) if role == "assistant" else []
            if lang in asked or (ANY_LATIN in asked and lang not in ("ja", "ko", "zh")) or (
                    OPEN_TARGET in asked and lang not in self.max_share):
                sig["requested"] = True  # "翻译成法语": a French answer is the task
                continue
            neutral = names_or_notes(m["content"]) if role == "assistant" else None
            if neutral:
                sig["neutral"] = neutral  # names or notes, in no language of their own
                continue
            if lang in self.max_share:
                capped = capped or lang
                continue
            return turns, Drop(lang,
                               f"{role} turn {i} is {lang}; allowed: {', '.join(allowed)}"), i
        return turns, capped, -1

    @staticmethod
    def margin(turns: dict[str, Signals]) -> float:
        """How clear the closest call was (0: a near thing; 1: plain): script share of
        the East Asian letters, fastText's probability, or 0.1 for Latin terms."""
        out = 1.0
        for sig in turns.values():
            if sig["by"] == "script":
                han, latin = 3 * sig.get("han", 0), sig.get("latin", 0) + sig.get("other", 0)
                out = min(out, (han - latin) / (han + latin) if han + latin else 1.0)
            elif sig["by"] == "fasttext":
                out = min(out, sig["fasttext"][1])
            elif sig["by"] in ("script, Latin terms", "short sentences", "short"):
                out = min(out, 0.1)
        return round(max(out, 0.0), 3)

    @property
    def per_record(self) -> bool:
        """Without a cap every verdict is the row's own: executors batch the whole step."""
        return not self.max_share

    def __call__(self, table: pl.DataFrame) -> StepResult:
        if not self.max_share:
            return RecordStep.__call__(self, table)
        return PhasedStep.__call__(self, table)

    def record_phase(self) -> Step:
        return _Judged(self)

    def finish(self, partial: StepResult) -> StepResult:
        """The cap: conversations in a capped language (tagged by the record phase) beyond
        their share of the output go, lowest content ids kept (a stable pseudo-random
        choice, independent of file order and of batches)."""
        kept = partial.kept.with_row_index(ROW)
        plain = kept[CAP].null_count()
        share = sum(self.max_share.values())
        over: list[pl.DataFrame] = []
        for lang, p in self.max_share.items():
            quota = math.floor(p * plain / (1 - share))
            over.append(kept.filter(pl.col(CAP) == lang).sort("id", ROW).slice(quota))
        dropped = pl.concat(over).sort(ROW)
        mask = kept[ROW].is_in(dropped[ROW].implode())
        stats = Counter(partial.stats)
        mine = partial.signals.filter(pl.col("id").is_in(dropped["id"].implode()))
        turns = dict(zip(mine["id"], mine["signals"], strict=True))  # the dropped rows' only
        for rid, lang in zip(dropped["id"], dropped[CAP], strict=True):
            stats[f"removed:{lang}_over_cap"] += 1
            for sig in json.loads(turns[rid])["turns"].values():
                stats[f"lang_out:{sig['role']}:{sig['lang']}"] -= 1
        removed = removed_rows(
            dropped.drop(ROW, CAP), [f"{lang}_over_cap" for lang in dropped[CAP]],
            [f"uses {lang}; {lang} capped at {self.max_share[lang]:.0%} of the output"
             for lang in dropped[CAP]])
        return dataclasses.replace(
            partial, kept=kept.filter(~mask).drop(ROW, CAP),
            removed=pl.concat([partial.removed, removed]),
            stats=dict(sorted((k, v) for k, v in stats.items() if v)))

    def process(self, conv: Conversation, stats: Counter[str]) -> Verdict:
        """The row's own verdict; a conversation in a capped language is kept here (the
        cap is :meth:`finish`'s)."""
        turns, verdict, bad = self.judge(conv)
        for sig in turns.values():
            stats[f"lang_in:{sig['role']}:{sig['lang']}"] += 1
        signals: Signals = {"turns": turns, "margin": {"language_id": self.margin(turns)}}
        if isinstance(verdict, Drop):
            messages = conv["messages"]
            cut = bad
            while cut > 0 and messages[cut - 1]["role"] != "assistant":
                cut -= 1
            if cut == 0 or bad < 0:
                return Drop(verdict.reason, verdict.detail, signals)
            conv = {"system": conv["system"], "messages": messages[:cut]}
            for i in range(cut):
                if str(i) in turns:
                    stats[f"lang_out:{turns[str(i)]['role']}:{turns[str(i)]['lang']}"] += 1
            return Trim(conv, verdict.reason,
                        f"{verdict.detail}; kept the first {cut} of {len(messages)} turns",
                        signals)
        for sig in turns.values():
            stats[f"lang_out:{sig['role']}:{sig['lang']}"] += 1
        if verdict is not None:
            signals["capped"] = verdict  # counts against max_share
        return Keep(conv, signals)


@dataclass
class _Judged(RecordStep):
    """language_id's record phase: every row judged on its own, kept rows tagged with
    the capped language they use (null for none) for :meth:`LanguageId.finish`."""

    name: ClassVar[str] = "language_id"
    per_record: ClassVar[bool] = True
    step: LanguageId
    _tags: list[str | None] = field(default_factory=list, init=False, repr=False, compare=False)

    def judge_rows(self, table: pl.DataFrame, rows: list[Conversation] | None = None,
                   ) -> tuple[StepResult, list[Conversation]]:
        self._tags = []
        result, kept_rows = super().judge_rows(table, rows)
        tags = pl.Series(CAP, self._tags, dtype=pl.String)
        return dataclasses.replace(result, kept=result.kept.with_columns(tags)), kept_rows

    def process(self, conv: Conversation, stats: Counter[str]) -> Verdict:
        verdict = self.step.process(conv, stats)
        if not isinstance(verdict, Drop):
            self._tags.append((verdict.signals or {}).get("capped"))
        return verdict
