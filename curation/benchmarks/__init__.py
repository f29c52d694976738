"""C-Eval, CMMLU and MMLU: specs, subject maps and readers of their official files.

Shared by ``curation`` (decontamination) and ``eval`` (scoring), so it lives in the core;
``eval`` imports it from here. Modules: :mod:`.specs` (what each benchmark is),
:mod:`.files` (local folders in the official layouts, both MMLU variants), :mod:`.hub`
(the Hub copies). ``fixtures/`` holds the project's toy stand-ins in the official layouts.
"""

from curation.benchmarks.files import (
    FIXTURE_ROOT,
    HUB_MMLU_COLUMNS,
    BenchmarkItem,
    available_subjects,
    fixture_dir,
    load_local,
    read_benchmark,
    read_split_file,
    subject_file,
    subject_questions,
)
from curation.benchmarks.hub import load_hub
from curation.benchmarks.specs import (
    BENCHMARKS,
    CATEGORIES,
    CHINA_SPECIFIC,
    LETTERS,
    BenchmarkError,
    BenchmarkSpec,
    Question,
    SubjectData,
    SubjectInfo,
    check_split,
    get_spec,
)

__all__ = [
    "BENCHMARKS", "CATEGORIES", "CHINA_SPECIFIC", "FIXTURE_ROOT", "HUB_MMLU_COLUMNS", "LETTERS",
    "BenchmarkError", "BenchmarkItem", "BenchmarkSpec", "Question", "SubjectData", "SubjectInfo",
    "available_subjects", "check_split", "fixture_dir", "get_spec", "load_hub", "load_local",
    "read_benchmark", "read_split_file", "subject_file", "subject_questions",
]
