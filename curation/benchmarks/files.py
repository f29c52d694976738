"""Benchmark files on disk, in their official layouts, read as plain strings.

Why a hand-written reader instead of pandas: the official CSVs have quoted cells with newlines,
numeric-looking options ("1", "0.5") and, for C-Eval test, a missing answer column. Reading them
as plain strings with :mod:`csv` keeps every cell verbatim and lets us fail with a message that
names the file and row when a file is malformed.

Layouts (per-subject CSV, UTF-8):

* C-Eval ``<dir>/<split>/<subject>_<split>.csv`` (the official zip unpacks ``dev/ val/ test/``;
  a flat ``<dir>/<subject>_<split>.csv`` is accepted too). dev: ``id,question,A,B,C,D,answer,
  explanation``; val: ``id,question,A,B,C,D,answer``; test: no ``answer`` (hidden labels).
* CMMLU ``<dir>/<split>/<subject>.csv``, header ``,Question,A,B,C,D,Answer``; splits dev/test.
* MMLU, either variant, told apart by each file's header or schema (never by guessing):
  the original (hendrycks) ``<dir>/<split>/<subject>_<split>.csv`` with no header and six
  columns question, A, B, C, D, answer letter; or the Hub copy (``cais/mmlu``) as parquet or CSV
  files anywhere under ``<dir>`` with columns ``question, subject, choices, answer`` (a list of
  four choices, an integer answer 0-3), the split named in the file's path (``dev``,
  ``validation``/``val``, ``test``; ``auxiliary_train`` is not a benchmark split and is skipped).
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from curation.benchmarks.specs import (
    LETTERS,
    BenchmarkError,
    Question,
    SubjectData,
    get_spec,
)

FIXTURE_ROOT = Path(__file__).resolve().parent / "fixtures"

_CEVAL_HEADERS = {
    "dev": ["id", "question", "A", "B", "C", "D", "answer", "explanation"],
    "val": ["id", "question", "A", "B", "C", "D", "answer"],
    "test": ["id", "question", "A", "B", "C", "D"],
}
_CMMLU_HEADER = ["", "Question", "A", "B", "C", "D", "Answer"]


def subject_file(task: str, data_dir: Path, subject: str, split: str) -> Path:
    """The official path of one subject/split file under ``data_dir``."""
    data_dir = Path(data_dir)
    if task == "ceval":
        nested = data_dir / split / f"{subject}_{split}.csv"
        flat = data_dir / f"{subject}_{split}.csv"
        return nested if nested.exists() or not flat.exists() else flat
    if task == "cmmlu":
        return data_dir / split / f"{subject}.csv"
    if task == "mmlu":
        return data_dir / split / f"{subject}_{split}.csv"
    raise BenchmarkError(f"unknown task {task!r}")


def available_subjects(task: str, data_dir: Path, split: str) -> list[str]:
    """Subjects of the official map that have a ``split`` file in ``data_dir`` (map order)."""
    spec = get_spec(task)
    return [s for s in spec.subjects if subject_file(task, data_dir, s, split).is_file()]


def _read_rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise BenchmarkError(f"missing benchmark file: {path}")
    with path.open(newline="", encoding="utf-8-sig") as f:
        return [row for row in csv.reader(f) if row and any(cell.strip() for cell in row)]


def _check_answer(path: Path, line: int, answer: str) -> str:
    answer = answer.strip()
    if answer not in LETTERS:
        raise BenchmarkError(f"{path}: row {line}: answer {answer!r} is not one of A, B, C, D")
    return answer


def _parse_with_header(
    path: Path, expected: Sequence[str], id_col: str | None, q_col: str, a_col: str | None
) -> list[Question]:
    rows = _read_rows(path)
    if not rows:
        raise BenchmarkError(f"{path}: empty file (expected header {','.join(expected)})")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in expected if c and c not in header]
    if missing or (expected[0] == "" and header[:1] != [""]):
        raise BenchmarkError(
            f"{path}: header {','.join(header)!r} lacks column(s) "
            f"{', '.join(repr(m) for m in missing) or repr('')}; expected {','.join(expected)!r}"
        )
    col = {name: i for i, name in enumerate(header)}
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) < len(header):
            raise BenchmarkError(f"{path}: row {n} has {len(row)} cells, header has {len(header)}")
        qid = row[col[id_col]].strip() if id_col is not None else row[0].strip()
        answer = _check_answer(path, n, row[col[a_col]]) if a_col else None
        choices = tuple(row[col[letter]] for letter in LETTERS)
        out.append(Question(qid or str(n - 2), row[col[q_col]], choices, answer))  # type: ignore[arg-type]
    return out


def _parse_mmlu(path: Path) -> list[Question]:
    out = []
    for n, row in enumerate(_read_rows(path), start=1):
        if len(row) != 6:
            raise BenchmarkError(
                f"{path}: row {n} has {len(row)} cells; MMLU files have no header and exactly 6 "
                f"columns (question, A, B, C, D, answer)"
            )
        answer = _check_answer(path, n, row[5])
        out.append(Question(str(n - 1), row[0], (row[1], row[2], row[3], row[4]), answer))
    return out


def read_split_file(task: str, path: Path, split: str) -> list[Question]:
    """Parse one official per-subject CSV, raising :class:`BenchmarkError` on malformed content."""
    path = Path(path)
    if task == "ceval":
        header = _CEVAL_HEADERS[split]
        return _parse_with_header(
            path, header, "id", "question", "answer" if "answer" in header else None
        )
    if task == "cmmlu":
        return _parse_with_header(path, _CMMLU_HEADER, None, "Question", "Answer")
    if task == "mmlu":
        return _parse_mmlu(path)
    raise BenchmarkError(f"unknown task {task!r}")



# ---------------------------------------------------------------------------------------------
# MMLU: the original header-less CSVs or the Hub copy (cais/mmlu), told apart per file
# ---------------------------------------------------------------------------------------------
HUB_MMLU_COLUMNS = ("question", "subject", "choices", "answer")
_SPLIT_WORDS = {"dev": "dev", "val": "val", "validation": "val", "test": "test"}
_NOT_SPLITS = {"train", "auxiliary"}  # cais/mmlu's auxiliary_train is not MMLU


def _split_of(path: Path, root: Path) -> str | None:
    """The split a file holds, from its name first, then its folders (nearest first)."""
    parts = path.relative_to(root).parts
    for part in (Path(parts[-1]).stem, *reversed(parts[:-1])):
        words = re.split(r"[^a-z]+", part.lower())
        if _NOT_SPLITS & set(words):
            return None
        found = [_SPLIT_WORDS[w] for w in words if w in _SPLIT_WORDS]
        if found:
            return found[-1]
    return None


def _hub_choices(path: Path, line: int, cell: object) -> tuple[str, str, str, str]:
    value = cell
    if isinstance(cell, str):
        try:
            value = json.loads(cell)
        except ValueError:
            try:
                value = ast.literal_eval(cell)
            except (ValueError, SyntaxError):
                value = None
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        raise BenchmarkError(
            f"{path}: row {line}: choices {str(cell)[:80]!r} is not a list of 4 options "
            f"(cais/mmlu layout; a CSV needs the list written as JSON, e.g. [\"a\", \"b\", \"c\", "
            f"\"d\"] — or use the parquet files)")
    return tuple(str(v) for v in value)  # type: ignore[return-value]


def _hub_answer(path: Path, line: int, cell: object) -> str:
    text = str(cell).strip()
    if text not in ("0", "1", "2", "3"):
        raise BenchmarkError(
            f"{path}: row {line}: answer {cell!r} is not an integer 0-3 (cais/mmlu layout)")
    return LETTERS[int(text)]


def _hub_mmlu_rows(path: Path) -> list[dict]:
    """Rows of a cais/mmlu parquet or CSV file (the caller checked the columns)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path, columns=list(HUB_MMLU_COLUMNS)).to_pylist()
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _mmlu_kind(path: Path) -> str:
    """'hendrycks' or 'hub', from the file's header/schema; anything else is an error."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            names = pq.read_schema(path).names
        except Exception as e:  # not a parquet file at all
            raise BenchmarkError(f"{path}: not a readable parquet file ({e})") from None
        header = [n.strip() for n in names]
    else:
        with path.open(newline="", encoding="utf-8-sig") as f:
            header = [c.strip() for c in next(csv.reader(f), [])]
    if set(HUB_MMLU_COLUMNS) <= set(header):
        return "hub"
    if path.suffix == ".csv" and len(header) == 6:
        return "hendrycks"
    raise BenchmarkError(
        f"{path}: not an MMLU file: first row/columns {','.join(header)[:120]!r}; expected the "
        f"original layout (no header; question,A,B,C,D,answer letter) or cais/mmlu's "
        f"{','.join(HUB_MMLU_COLUMNS)}")


def _mmlu_subject_questions(data_dir: Path, split: str) -> dict[str, list[Question]]:
    """Every MMLU ``split`` question under ``data_dir``, per subject, in either variant.
    Questions seen twice (cais/mmlu has per-subject folders and ``all/``) count once."""
    spec = get_spec("mmlu")
    found: dict[str, list[Question]] = {}
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    files = sorted(p for p in data_dir.rglob("*") if p.suffix in (".csv", ".parquet")
                   and p.is_file() and _split_of(p, data_dir) == split)
    for path in files:
        if _mmlu_kind(path) == "hendrycks":
            subject = path.stem.removesuffix(f"_{split}")
            if subject not in spec.subjects:
                raise BenchmarkError(f"{path}: {subject!r} is not an MMLU subject (original "
                                     f"layout: <split>/<subject>_<split>.csv)")
            rows = [(subject, q) for q in _parse_mmlu(path)]
        else:
            rows = []
            for n, r in enumerate(_hub_mmlu_rows(path), start=2):
                subject = str(r["subject"]).strip()
                if subject not in spec.subjects:
                    raise BenchmarkError(f"{path}: row {n}: subject {subject!r} is not an "
                                         "MMLU subject")
                rows.append((subject, Question(
                    "", str(r["question"]), _hub_choices(path, n, r["choices"]),
                    _hub_answer(path, n, r["answer"]))))
        for subject, q in rows:
            key = (subject, q.question, q.choices)
            if key in seen:
                continue
            seen.add(key)
            bucket = found.setdefault(subject, [])
            qid = q.id or str(len(bucket))
            bucket.append(Question(qid, q.question, q.choices, q.answer))
    return {s: found[s] for s in spec.subjects if s in found}


def subject_questions(task: str, data_dir: Path, split: str) -> dict[str, list[Question]]:
    """Every ``split`` question under ``data_dir`` per subject (official map order)."""
    data_dir = Path(data_dir)
    if task == "mmlu":
        return _mmlu_subject_questions(data_dir, split)
    return {s: read_split_file(task, subject_file(task, data_dir, s, split), split)
            for s in available_subjects(task, data_dir, split)}


def load_local(
    task: str, data_dir: Path, split: str, subjects: Iterable[str] | None = None
) -> list[SubjectData]:
    """Load dev shots and ``split`` questions of each subject from an official-layout directory.

    With ``subjects=None`` every mapped subject that has a ``split`` file is loaded; a directory
    with none of them is an error (probably the wrong path or benchmark).
    """
    spec = get_spec(task)
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise BenchmarkError(f"benchmark directory not found: {data_dir}")
    if subjects is not None:
        unknown = [n for n in subjects if n not in spec.subjects]
        if unknown:
            raise BenchmarkError(f"unknown {task} subject(s): {', '.join(unknown)}")
    found = subject_questions(task, data_dir, split)
    names = list(subjects) if subjects is not None else list(found)
    if not names:
        example = subject_file(task, data_dir, next(iter(spec.subjects)), split)
        raise BenchmarkError(
            f"no {task} {split!r} files under {data_dir} (expected e.g. {example})"
        )
    dev = subject_questions(task, data_dir, "dev")
    out = []
    for name in names:
        for part, questions in ((split, found), ("dev", dev)):
            if name not in questions:
                raise BenchmarkError(
                    f"missing benchmark file: {subject_file(task, data_dir, name, part)}")
        out.append(SubjectData(spec.subjects[name], tuple(dev[name]), tuple(found[name])))
    return out


@dataclass(frozen=True)
class BenchmarkItem:
    """One question of a benchmark folder, with where it came from."""

    task: str
    split: str
    subject: str
    question: Question


def read_benchmark(task: str, data_dir: Path, splits: Sequence[str]) -> list[BenchmarkItem]:
    """All questions of ``splits`` (those the benchmark has) under ``data_dir``.

    A folder that is missing, holds no question of these splits in the official layout, or
    has a file that does not parse is a :class:`BenchmarkError` naming the folder (or file):
    an empty folder must not quietly check against nothing.
    """
    spec = get_spec(task)
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise BenchmarkError(f"{task} benchmark folder {data_dir} not found")
    wanted = [s for s in splits if s in spec.splits]
    items = [BenchmarkItem(task, split, subject, q)
             for split in wanted
             for subject, questions in subject_questions(task, data_dir, split).items()
             for q in questions]
    if not items:
        example = subject_file(task, data_dir, next(iter(spec.subjects)), wanted[0]
                               if wanted else spec.default_split)
        variants = (f", or cais/mmlu parquet/CSV with {', '.join(HUB_MMLU_COLUMNS)}"
                    if task == "mmlu" else "")
        raise BenchmarkError(
            f"{task} benchmark folder {data_dir} has no {'/'.join(wanted) or 'known'} questions "
            f"in the official layout (expected e.g. {example}{variants})")
    return items


def fixture_dir(task: str) -> Path:
    """The project-written toy fixture of ``task`` (official layout, NOT benchmark questions)."""
    get_spec(task)
    return FIXTURE_ROOT / task
