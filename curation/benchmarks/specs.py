"""C-Eval, MMLU and CMMLU: what each benchmark is (splits, labels, Hub id) and its
subject -> category map, plus the record types the readers return."""

from __future__ import annotations

from dataclasses import dataclass, field

LETTERS: tuple[str, str, str, str] = ("A", "B", "C", "D")
CATEGORIES: tuple[str, ...] = ("STEM", "Social Sciences", "Humanities", "Other")
CHINA_SPECIFIC = "China specific"


class BenchmarkError(ValueError):
    """A benchmark file, split or source cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class SubjectInfo:
    """Metadata of one subject: its official file name, display names and category."""

    name: str
    en: str
    zh: str | None
    category: str
    china_specific: bool = False

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category this subject counts toward (CMMLU's China-specific overlaps the rest)."""
        return (self.category, CHINA_SPECIFIC) if self.china_specific else (self.category,)

    def display_name(self, lang: str) -> str:
        """The subject as written into the prompt header (Chinese name when asked and known)."""
        if lang == "zh" and self.zh:
            return self.zh
        return self.en


@dataclass(frozen=True)
class BenchmarkSpec:
    """What differs between the three benchmarks: splits, labels, file layout and Hub id."""

    name: str
    hub_id: str
    splits: tuple[str, ...]
    default_split: str
    labelled_splits: tuple[str, ...]
    subjects: dict[str, SubjectInfo] = field(repr=False)
    category_source: str = ""

    @property
    def category_names(self) -> tuple[str, ...]:
        extra = (CHINA_SPECIFIC,) if any(s.china_specific for s in self.subjects.values()) else ()
        return CATEGORIES + extra


@dataclass(frozen=True)
class Question:
    """One multiple-choice item; ``answer`` is None only for C-Eval's unlabelled test split."""

    id: str
    question: str
    choices: tuple[str, str, str, str]
    answer: str | None

    @property
    def answer_index(self) -> int:
        if self.answer is None:
            raise BenchmarkError(f"question {self.id!r} has no answer (unlabelled split)")
        return LETTERS.index(self.answer)


@dataclass(frozen=True)
class SubjectData:
    """The few-shot pool (dev) and the scored questions of one subject."""

    info: SubjectInfo
    dev: tuple[Question, ...]
    questions: tuple[Question, ...]


# ---------------------------------------------------------------------------------------------
# Subject -> category maps. Names are the official file names. Categories follow each benchmark's
# own release (C-Eval subject_mapping.json, MMLU categories.py, CMMLU src/categories.py); harnesses
# disagree on some (lm-eval puts MMLU anatomy in STEM), so per-category numbers only compare
# within one map.
# ---------------------------------------------------------------------------------------------
_S, _SS, _H, _O = "STEM", "Social Sciences", "Humanities", "Other"


def _title(name: str) -> str:
    return name.replace("_", " ")


_CEVAL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("computer_network", "计算机网络", _S),
    ("operating_system", "操作系统", _S),
    ("computer_architecture", "计算机组成", _S),
    ("college_programming", "大学编程", _S),
    ("college_physics", "大学物理", _S),
    ("college_chemistry", "大学化学", _S),
    ("advanced_mathematics", "高等数学", _S),
    ("probability_and_statistics", "概率统计", _S),
    ("discrete_mathematics", "离散数学", _S),
    ("electrical_engineer", "注册电气工程师", _S),
    ("metrology_engineer", "注册计量师", _S),
    ("high_school_mathematics", "高中数学", _S),
    ("high_school_physics", "高中物理", _S),
    ("high_school_chemistry", "高中化学", _S),
    ("high_school_biology", "高中生物", _S),
    ("middle_school_mathematics", "初中数学", _S),
    ("middle_school_biology", "初中生物", _S),
    ("middle_school_physics", "初中物理", _S),
    ("middle_school_chemistry", "初中化学", _S),
    ("veterinary_medicine", "兽医学", _S),
    ("college_economics", "大学经济学", _SS),
    ("business_administration", "工商管理", _SS),
    ("marxism", "马克思主义基本原理", _SS),
    ("mao_zedong_thought", "毛泽东思想和中国特色社会主义理论体系概论", _SS),
    ("education_science", "教育学", _SS),
    ("teacher_qualification", "教师资格", _SS),
    ("high_school_politics", "高中政治", _SS),
    ("high_school_geography", "高中地理", _SS),
    ("middle_school_politics", "初中政治", _SS),
    ("middle_school_geography", "初中地理", _SS),
    ("modern_chinese_history", "近代史纲要", _H),
    ("ideological_and_moral_cultivation", "思想道德修养与法律基础", _H),
    ("logic", "逻辑学", _H),
    ("law", "法学", _H),
    ("chinese_language_and_literature", "中国语言文学", _H),
    ("art_studies", "艺术学", _H),
    ("professional_tour_guide", "导游资格", _H),
    ("legal_professional", "法律职业资格", _H),
    ("high_school_chinese", "高中语文", _H),
    ("high_school_history", "高中历史", _H),
    ("middle_school_history", "初中历史", _H),
    ("civil_servant", "公务员", _O),
    ("sports_science", "体育学", _O),
    ("plant_protection", "植物保护", _O),
    ("basic_medicine", "基础医学", _O),
    # subject_mapping.json omits this one's category; C-Eval's paper lists it under Other.
    ("clinical_medicine", "临床医学", _O),
    ("urban_and_rural_planner", "注册城乡规划师", _O),
    ("accountant", "注册会计师", _O),
    ("fire_engineer", "注册消防工程师", _O),
    ("environmental_impact_assessment_engineer", "环境影响评价工程师", _O),
    ("tax_accountant", "税务师", _O),
    ("physician", "医师资格", _O),
)

_MMLU_ROWS: tuple[tuple[str, str], ...] = (
    ("abstract_algebra", _S), ("anatomy", _O), ("astronomy", _S), ("business_ethics", _O),
    ("clinical_knowledge", _O), ("college_biology", _S), ("college_chemistry", _S),
    ("college_computer_science", _S), ("college_mathematics", _S), ("college_medicine", _O),
    ("college_physics", _S), ("computer_security", _S), ("conceptual_physics", _S),
    ("econometrics", _SS), ("electrical_engineering", _S), ("elementary_mathematics", _S),
    ("formal_logic", _H), ("global_facts", _O), ("high_school_biology", _S),
    ("high_school_chemistry", _S), ("high_school_computer_science", _S),
    ("high_school_european_history", _H), ("high_school_geography", _SS),
    ("high_school_government_and_politics", _SS), ("high_school_macroeconomics", _SS),
    ("high_school_mathematics", _S), ("high_school_microeconomics", _SS),
    ("high_school_physics", _S), ("high_school_psychology", _SS), ("high_school_statistics", _S),
    ("high_school_us_history", _H), ("high_school_world_history", _H), ("human_aging", _O),
    ("human_sexuality", _SS), ("international_law", _H), ("jurisprudence", _H),
    ("logical_fallacies", _H), ("machine_learning", _S), ("management", _O), ("marketing", _O),
    ("medical_genetics", _O), ("miscellaneous", _O), ("moral_disputes", _H),
    ("moral_scenarios", _H), ("nutrition", _O), ("philosophy", _H), ("prehistory", _H),
    ("professional_accounting", _O), ("professional_law", _H), ("professional_medicine", _O),
    ("professional_psychology", _SS), ("public_relations", _SS), ("security_studies", _SS),
    ("sociology", _SS), ("us_foreign_policy", _SS), ("virology", _O), ("world_religions", _H),
)

# (file name, Chinese name, category, China-specific)
_CMMLU_ROWS: tuple[tuple[str, str, str, bool], ...] = (
    ("agronomy", "农学", _O, False),
    ("anatomy", "解剖学", _S, False),
    ("ancient_chinese", "古汉语", _SS, True),
    ("arts", "艺术学", _H, False),
    ("astronomy", "天文学", _S, False),
    ("business_ethics", "商业伦理", _SS, False),
    ("chinese_civil_service_exam", "中国公务员考试", _SS, True),
    ("chinese_driving_rule", "中国驾驶规则", _O, True),
    ("chinese_food_culture", "中国饮食文化", _SS, True),
    ("chinese_foreign_policy", "中国外交政策", _SS, True),
    ("chinese_history", "中国历史", _H, True),
    ("chinese_literature", "中国文学", _H, True),
    ("chinese_teacher_qualification", "中国教师资格", _SS, True),
    ("clinical_knowledge", "临床知识", _O, False),
    ("college_actuarial_science", "大学精算学", _S, False),
    ("college_education", "大学教育学", _SS, False),
    ("college_engineering_hydrology", "大学工程水文学", _S, False),
    ("college_law", "大学法律", _H, False),
    ("college_mathematics", "大学数学", _S, False),
    ("college_medical_statistics", "大学医学统计", _S, False),
    ("college_medicine", "大学医学", _O, False),
    ("computer_science", "计算机科学", _S, False),
    ("computer_security", "计算机安全", _O, False),
    ("conceptual_physics", "概念物理学", _S, False),
    ("construction_project_management", "建设工程管理", _O, True),
    ("economics", "经济学", _SS, False),
    ("education", "教育学", _SS, False),
    ("electrical_engineering", "电气工程", _S, False),
    ("elementary_chinese", "小学语文", _SS, True),
    ("elementary_commonsense", "小学常识", _O, True),
    ("elementary_information_and_technology", "小学信息技术", _O, False),
    ("elementary_mathematics", "初等数学", _S, False),
    ("ethnology", "民族学", _SS, True),
    ("food_science", "食品科学", _O, False),
    ("genetics", "遗传学", _S, False),
    ("global_facts", "全球事实", _H, False),
    ("high_school_biology", "高中生物", _S, False),
    ("high_school_chemistry", "高中化学", _S, False),
    ("high_school_geography", "高中地理", _SS, False),
    ("high_school_mathematics", "高中数学", _S, False),
    ("high_school_physics", "高中物理学", _S, False),
    ("high_school_politics", "高中政治", _SS, True),
    ("human_sexuality", "人类性行为", _O, False),
    ("international_law", "国际法学", _H, False),
    ("journalism", "新闻学", _SS, False),
    ("jurisprudence", "法理学", _H, False),
    ("legal_and_moral_basis", "法律与道德基础", _O, False),
    ("logical", "逻辑学", _H, False),
    ("machine_learning", "机器学习", _S, False),
    ("management", "管理学", _SS, False),
    ("marketing", "市场营销", _SS, False),
    ("marxist_theory", "马克思主义理论", _H, False),
    ("modern_chinese", "现代汉语", _SS, True),
    ("nutrition", "营养学", _O, False),
    ("philosophy", "哲学", _H, False),
    ("professional_accounting", "专业会计", _SS, False),
    ("professional_law", "专业法学", _H, False),
    ("professional_medicine", "专业医学", _O, False),
    ("professional_psychology", "专业心理学", _SS, False),
    ("public_relations", "公共关系", _SS, False),
    ("security_study", "安全研究", _SS, False),
    ("sociology", "社会学", _SS, False),
    ("sports_science", "体育学", _O, False),
    ("traditional_chinese_medicine", "中医中药", _O, True),
    ("virology", "病毒学", _S, False),
    ("world_history", "世界历史", _H, False),
    ("world_religions", "世界宗教", _H, False),
)

BENCHMARKS: dict[str, BenchmarkSpec] = {
    "ceval": BenchmarkSpec(
        name="ceval",
        hub_id="ceval/ceval-exam",
        splits=("dev", "val", "test"),
        default_split="val",
        labelled_splits=("dev", "val"),
        subjects={n: SubjectInfo(n, _title(n), zh, c) for n, zh, c in _CEVAL_ROWS},
        category_source="C-Eval subject_mapping.json",
    ),
    "mmlu": BenchmarkSpec(
        name="mmlu",
        hub_id="cais/mmlu",
        splits=("dev", "val", "test"),
        default_split="test",
        labelled_splits=("dev", "val", "test"),
        subjects={n: SubjectInfo(n, _title(n), None, c) for n, c in _MMLU_ROWS},
        category_source="MMLU categories.py (anatomy under Other, as in the original release)",
    ),
    "cmmlu": BenchmarkSpec(
        name="cmmlu",
        hub_id="haonan-li/cmmlu",
        splits=("dev", "test"),
        default_split="test",
        labelled_splits=("dev", "test"),
        subjects={n: SubjectInfo(n, _title(n), zh, c, cs) for n, zh, c, cs in _CMMLU_ROWS},
        category_source="CMMLU src/categories.py (China specific overlaps the other four)",
    ),
}


def get_spec(task: str) -> BenchmarkSpec:
    """The spec of ``task``; unknown names fail listing the known ones."""
    try:
        return BENCHMARKS[task]
    except KeyError:
        raise BenchmarkError(f"unknown task {task!r}; choose one of {sorted(BENCHMARKS)}") from None


def check_split(spec: BenchmarkSpec, split: str) -> None:
    """Refuse splits that do not exist or cannot be scored, saying why."""
    if split not in spec.splits:
        raise BenchmarkError(
            f"{spec.name} has no {split!r} split (it has {', '.join(spec.splits)})"
        )
    if split not in spec.labelled_splits:
        raise BenchmarkError(
            f"{spec.name} {split!r} answers are not public: the released {split} files have no "
            f"answer column, so local scoring would compare against empty answers (what Aurora's "
            f"README command `--task ceval --split test` does). Score the labelled "
            f"'{spec.default_split}' split locally, or submit test predictions to the official "
            f"leaderboard."
        )
    if split == "dev":
        raise BenchmarkError(
            f"{spec.name} 'dev' is the few-shot pool; scoring it would put each question in its "
            f"own prompt. Use {', '.join(s for s in spec.labelled_splits if s != 'dev')}."
        )
