"""Real public Chinese instruction data for judging the rules (issue 11).

The data is never committed: this module is its manifest (repository, commit,
path and sha256 of every upstream file) and a deterministic conversion of those
files into the three source formats the pipeline reads (alpaca / sharegpt /
messages). Labels in ``bench/labeled/real/labels.csv`` refer to records as
(output file name, record index), so anyone who materializes the same bytes can
re-read every labeled record.

    python bench/real_data.py fetch-plan --root DIR      # what to fetch, where
    python bench/real_data.py materialize --root DIR [--out data/raw/real]

``--root DIR`` holds the upstream files as ``DIR/<owner>/<name>/<path>`` (a git
checkout of the listed commit, or the single files from raw.githubusercontent).
``materialize`` checks every sha256 first and names each missing or different
file with the exact command that fetches it; it writes nothing until all match.
The outputs are what ``bench/recipes/real_v2.yaml`` reads.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Record = dict[str, Any]


@dataclass(frozen=True)
class Upstream:
    repo: str  # owner/name on GitHub
    commit: str
    path: str
    sha256: str

    def local(self, root: Path) -> Path:
        return root / self.repo / self.path

    def fetch_command(self, root: Path) -> str:
        url = f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{self.path}"
        return f"curl -fL --create-dirs -o '{self.local(root)}' '{url}'"


@dataclass(frozen=True)
class Dataset:
    """One output file: upstream file(s), a conversion, an optional deterministic subsample."""

    name: str  # output file name (the `file` column of the labels)
    kind: str  # what kind of real data it stands for
    format: str  # alpaca | sharegpt | messages (of the output file)
    convert: str  # key of CONVERTERS
    upstream: tuple[Upstream, ...]
    sample: int | None = None  # keep this many records (seeded by the file name), in file order
    answers: str = ""  # who wrote the answers
    license: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)


LLAMA_FACTORY = "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30"
CLA3 = "58a4b6c10d44d7350e9f198088cf1e9271b666f5"
MEDICALGPT = "2f1008cfa49cbba69ff6f138c3b5e2fb0646bdc7"
MEDICALGPT_OLD = "5fec167692dfbc492e95a0d4ea04c168940563a8"  # Belle 1k was removed later
BELLE = "645084d36454cdeb4e7f1ce9b2f3426bac39f1f9"
LAWYER = "abaa09586081b82ceb7b0a9f41d05a68897b24ee"
TWLLM = "d7a5b43713f5d818285b886e07f7f0a30a721104"
TW_BENCH = "evaluation/zh_tw_bench"
ALPACA_CHINESE = "7ae6bb212fa9ca487469537e12f35f8386e8eea0"
ALPACA_CHINESE_PARTS = {  # part -> sha256; parts 0-9 are the decontamination bench's (issue 10)
    10: "e50c25ff4eb02f891858048c069117306f68357cfddc80649451ff845df9607b",
    11: "a4054c462deefd01ecfcb75e67bd2fe40f7d7e61a0f23eaabc0f1635bc03deef",
    12: "79b2e5ad0551bf298e29e78ca64d8f7a765a884ed07d42ac081bca246a85149a",
    13: "b00833a6e1cc1b4ff40ae60d6f14125ead82d214a3c7564d6e958c2eb4174bf3",
    14: "ce179e59c9689a5fda3779ec7323ff05bc97eec413ff294986e49f269fb6a6a2",
    15: "f3aa1412777ab9e11b1bfbd43abdeb4e7718fe3b98858cd20dea7ce93c759ce6",
    16: "2aeef63f94423fa568e64165296febd965f8d010f16d4775fc599560cc6e54f1",
    17: "34ef2b7e0792442812b9e626f15aff37d3d9bd4470dd67d078d40cf0a1ad6176",
    18: "475e1eb2094d54e60cef652092f81ac9e3a14f8882ec8821cc22a0993f12e9de",
    19: "c202e73821c5318866d475f6c994a045f41906bc5446aeb3352a7a0ea0148bda",
    20: "78803417d9be920bb0a292b54c2963557a656f40eddf7e605d6a7b7acab0f47e",
    21: "ece437ebe0d95066e1f9d1cfde43687dfc8775bf03dde3913650f67768758639",
    22: "bb580a4d1e90db229817a65fae9ba8eadd0820b58a02b301440e6b743d1b2664",
    23: "1ca1f94da47de7d0e634b5d725e1d6d6a7daf5b34050c318f9df685ce3d1affb",
    24: "7860ceaa2395b6a1aa989c2d3727fd26831bdaa36ae176b6cd8688030fe6adb6",
    25: "ed1124c8ddcf23db1b94bd49335bfc9a5d863ce350c1ad6a1971a0c7d2562851",
    26: "fd2365f66a21c57d0b664081fa21b56b37d3fd0fd7f60c2f00cdfb4476e3e567",
    27: "3aaa7314f1efdf40b066d81a45501c452f188bc76c13446672e8c9714282d11e",
    28: "1e71bc63c7ade233a609a4d8256775e75b52f801e0a825d8b94ddc4b4171e020",
    29: "aeb4087b38ec0ecbbaf166d86b7e7cc561a39f325b0f3dde86980ec92a1ef2cb",
    30: "ade9a9813531a9ad8cf1e170ec317ad587654d6b0a032786415647acbed1f5d1",
    31: "5d11feee8c26430c1687cf65a43d6d0167c2cf57b27b053446f0cb31f35e0b1e",
    32: "e2e230ed20ff4c9f4923e989d38752f06b29181e771ccfb7adaa414ef31e73b7",
    33: "d55c17b27918360ee93724a01255e0bb59699dc3061ebc3f4bbc958c7f4e7987",
    34: "22f74f484c95224b5434a0c62f29b378ae7f6f95e1d8884da7945374e5d7ae2a",
    35: "0c4d40bc6e3e783bad857b5dbeac72930198ea59e5b8c6f6cba76775e88ab9d9",
    36: "ad1d00c4a7460612c29557e3ebb0c4933254f6acf773d0b177b28c390bf33a37",
    37: "de2544112ca6798603049a7a7a590ee59f07a1cc924dedcb31af6992828fc45c",
    38: "3ac46cb816675a474587a48ba843de66e51d14fde39612e0b741b9143124223f",
    39: "e78d4bab5f1e450ac43905c76a83d7e985a3c748c1836729ee9033cf4fc50d58",
    40: "2ecec40d6105aecc5bc187b4602e030a746bac023c9eff247064285ca12790b4",
    41: "b50a7bc212384dceeaf4a5a54b8c8a0c082d1b287d2858846a72756692d14815",
    42: "1195da6d8b901398d47fae0294d5c3771f005ec7687d5de3257b35cdacb6e6f3",
    43: "368d059c020ffbec3f159a08620ad1f0c3bcd9dafab42576113d5949badaa361",
    44: "5ef3ef1afbe2fc26192e38e4b6461920b6249722f46eb3faeafa71c1f124d3ce",
    45: "fd25f4402108fd729c971496cf75f7e6d645b07385a222a6ce67c3082d7189fd",
    46: "b151933a2dd5341586549cd1765b89c03f15de2e8ddccb7b58c1f73d66b4f703",
    47: "aa92db94708e104aade6eb7f4c9e03038e7c8dcaef94079a926e6240eb892961",
    48: "f1d2294caad675a060eef8b98c21e1892109c144ad0def3d9eac76efcaf53026",
    49: "fd8ab2e5c67d6fa1ca6803bd24094ae00884fd5264a322af4020a756879d7298",
    50: "a8b203d31d557c518315abfecb37dec2e9fed8d823f513a055950f3ecfb89cdd",
    51: "c021860d3b312e64d9f8f5b4224ccb70c35eeebd887e7f78e564159d81949e05",
}

DATASETS: tuple[Dataset, ...] = (
    Dataset("alpaca_gpt4_zh_demo.json", "alpaca_gpt4", "alpaca", "alpaca",
            (Upstream("hiyouga/LLaMA-Factory", LLAMA_FACTORY, "data/alpaca_zh_demo.json",
                      "d5a4be46ae70d23a461ffc16048069324c0865ee9aa0c8730e21ac4b65ea0f08"),),
            answers="GPT-4 (Alpaca prompts machine-translated to Chinese)", license="apache-2.0",
            notes="1,000-record demo of alpaca_gpt4_data_zh shipped with LLaMA-Factory"),
    Dataset("ruozhiba_gpt4o.json", "alpaca_gpt4", "alpaca", "alpaca",
            (Upstream("ymcui/Chinese-LLaMA-Alpaca-3", CLA3, "data/ruozhiba_qa2449_gpt4o.json",
                      "ea80d2a2798c77e5a3f0e9cb3d8da0cc203a5bf1a26e264ce7cebbe171257983"),),
            sample=1000, answers="gpt-4o", license="apache-2.0",
            notes="native Chinese trick questions (ruozhiba), answered by gpt-4o"),
    Dataset("belle_open_source_1k.json", "alpaca_gpt35", "alpaca", "alpaca",
            (Upstream("shibing624/MedicalGPT", MEDICALGPT_OLD,
                      "data/finetune/Belle_open_source_1k.json",
                      "90abbcd3f0ca1d004d507cafd3b6661d0c096656bab2793864408858faea8b53"),),
            answers="ChatGPT (BELLE self-instruct)",
            license="other (BELLE data: research use only)",
            notes="1,000 BELLE records; JSON lines upstream"),
    Dataset("belle_eval_set.json", "alpaca_gpt35", "alpaca", "question_answer",
            (Upstream("LianjiaTech/BELLE", BELLE, "eval/eval_set.json",
                      "a6a13d9968571e381bbe4b67b173134e99f402e6379e416bd9b089f148cd4671"),),
            answers="ChatGPT (std_answer)", license="apache-2.0",
            notes="BELLE's 1,000 evaluation prompts over 12 task classes, question/std_answer "
            "-> instruction/output; 369 have an empty std_answer"),
    Dataset("sharegpt_zh_1k.json", "sharegpt", "sharegpt", "sharegpt",
            (Upstream("shibing624/MedicalGPT", MEDICALGPT, "data/sft/sharegpt_zh_1K_format.jsonl",
                      "08ab43801354186487c8f11f457cb8a2d232a30a3cd68431098540acf8603ac4"),),
            answers="ChatGPT (real user chats, partly translated)", license="apache-2.0",
            notes="1,000 Chinese ShareGPT multi-turn conversations; JSON lines upstream"),
    Dataset("medical_sft_1k.json", "medical", "sharegpt", "sharegpt",
            (Upstream("shibing624/MedicalGPT", MEDICALGPT, "data/sft/medical_sft_1K_format.jsonl",
                      "b51b1cf9788dd39c79b440511d5a17a47bf21df9b4cb66d2fb54a10684065aec"),),
            answers="medical Q&A answers (mixed origin)", license="apache-2.0",
            notes="medical Q&A; JSON lines upstream"),
    Dataset("legal_advice.json", "legal", "alpaca", "nested_alpaca",
            (Upstream("AndrewZhe/lawyer-llama", LAWYER, "data/legal_advice.json",
                      "2b18a77a27ef6e593a1c17dfbf8bdb8a32299d4af5c08cfa58230015c0066598"),),
            sample=800, answers="ChatGPT", license="apache-2.0",
            notes="legal consultation; upstream is a list of one-element lists"),
    Dataset("legal_zixun_gpt4.json", "legal", "alpaca", "query_response",
            (Upstream("AndrewZhe/lawyer-llama", LAWYER, "data/zixun_gpt4.json",
                      "e5439148d3afa06c356f853489a576a327a2dcd0b5873406a4379cba08d439d1"),),
            sample=400, answers="GPT-4", license="apache-2.0",
            notes="legal consultation; query -> instruction, response -> output (the retrieved "
            "`laws` are not part of the prompt)"),
    Dataset("legal_counsel_multiturn.json", "legal", "messages", "client_lawyer_history",
            (Upstream("AndrewZhe/lawyer-llama", LAWYER,
                      "data/legal_counsel_multi_turn_with_article_v2.json",
                      "4442dd9f563190574da74a353852e0369280e2ba383f5596abcb66131bfff1f3"),),
            sample=300, answers="ChatGPT (role-played client/lawyer)", license="apache-2.0",
            notes="multi-turn; `[客户]`/`[律师]` history turns -> user/assistant"),
    Dataset("zh_tw_bench_answers.json", "traditional", "messages", "tw_bench",
            (Upstream("MiuLab/Taiwan-LLM", TWLLM, f"{TW_BENCH}/question.jsonl",
                      "afda4942337a285259bf907c51d4231f5c382036458a72b8b93ac8cc952bec97"),
             Upstream("MiuLab/Taiwan-LLM", TWLLM, f"{TW_BENCH}/model_answer/gpt-3.5-turbo.jsonl",
                      "c16138821897f57fc352cb2775ee7a08a96b727a3d5386606bea51ba30315bc8"),
             Upstream("MiuLab/Taiwan-LLM", TWLLM, f"{TW_BENCH}/model_answer/gpt-4.jsonl",
                      "10bf87d3d980a37fa8843ed12ad188dfcf04bef62de77a5870ff04cc8089c2bb"),
             Upstream("MiuLab/Taiwan-LLM", TWLLM, f"{TW_BENCH}/model_answer/claude.jsonl",
                      "f15201ff99547528ab377b790455d901ab267b260832a84108afe8113a7947ca"),
             Upstream("MiuLab/Taiwan-LLM", TWLLM,
                      f"{TW_BENCH}/model_answer/claude_instant.jsonl",
                      "4298ad7751495ad47a9ef8c432bcbf126d021d24abd2cb2fe6b5857e19fc7978")),
            answers="gpt-3.5-turbo, gpt-4, claude, claude-instant", license="apache-2.0",
            notes="native Traditional Chinese (Taiwan) prompts and answers; one record per "
            "(question, model), in question order then model order"),
    # Not in recipe real_v2 (its kept-set sample predates it): bench/recipes/real_v2_rare.yaml
    # builds it alone, for the rules that fire too rarely on the files above.
    Dataset("alpaca_chinese_42k.json", "alpaca_zh", "alpaca", "alpaca_parts",
            tuple(Upstream("open-chinese/alpaca-chinese-dataset", ALPACA_CHINESE,
                           f"data/alpaca_chinese_part_{i}.json", digest)
                  for i, digest in ALPACA_CHINESE_PARTS.items()),
            answers="text-davinci-003 (Stanford Alpaca), machine-translated to Chinese",
            license="cc-by-nc-4.0 (Stanford Alpaca data; the repository has no licence file)",
            notes="parts 10-51 of the 52K Chinese Alpaca translation, in part order; "
            "judges the rare rules (bench/recipes/real_v2_rare.yaml)"),
)


# sha256 of each materialized file: the labels' (file, index) pairs hold only for these bytes.
OUTPUT_SHA256 = {
    "alpaca_gpt4_zh_demo.json":
        "8fffa71c74fcf34aa853aaa801a0cdd94c6a68e0974fe8c7964459174c278fb4",
    "ruozhiba_gpt4o.json":
        "cfdc4278f89c66601686c03e8375c10dda84508e48152bffe463d94efaa97137",
    "belle_open_source_1k.json":
        "9106d202e20dddebdf640709bee71f5da3f666e597be3c92307c6ddd5c919520",
    "belle_eval_set.json":
        "39e03b7fd686447c677cf135dcbce545de2932114e53fd44c1e2ffda3320cd39",
    "sharegpt_zh_1k.json":
        "8a7868a2cb588ce242d116a5aef303c2e34c930c9dc285dd02de583318a18ff0",
    "medical_sft_1k.json":
        "9dde83f7d5a58b5d03f2011168a42518b654cbf1e0e8fa38fcdb6d67cf15abd3",
    "legal_advice.json":
        "b5cd715952c6fd8ddbac19c7b5c36bc6b096ee2668c56068cdf52d118e733e1b",
    "legal_zixun_gpt4.json":
        "98a44bdde6b6908f64c28ecf636912f0721f6337f7093d90408fd0cf987bdb1b",
    "legal_counsel_multiturn.json":
        "3f24494ec696a237a421c446c882bdf560bc59f226c211cc885ae25a7aecfa47",
    "zh_tw_bench_answers.json":
        "79cd3c2c2d6f15782af5da7760e8ed24dc365ab5e5f84b4bcae5f458c2db0ebb",
    "alpaca_chinese_42k.json":
        "0dfc048d8882e9537c4107a21a48ec8a6cf27a09f4c5b68f5b06630f39448a63",
}


# ---------------------------------------------------------------- reading and converting


def read_json_or_lines(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list or JSON lines")
    return data


def _alpaca(rows: list[list[Any]]) -> list[Record]:
    return [{"instruction": r["instruction"], "input": r.get("input", ""), "output": r["output"]}
            for r in rows[0]]


def _nested_alpaca(rows: list[list[Any]]) -> list[Record]:
    out = []
    for item in rows[0]:
        (r,) = item  # one record per inner list
        out.append({"instruction": r["instruction"], "input": r.get("input", ""),
                    "output": r["output"]})
    return out


def _question_answer(rows: list[list[Any]]) -> list[Record]:
    return [{"instruction": r["question"], "input": "", "output": r["std_answer"]}
            for r in rows[0]]


def _query_response(rows: list[list[Any]]) -> list[Record]:
    return [{"instruction": r["query"], "input": "", "output": r["response"]} for r in rows[0]]


def _alpaca_parts(rows: list[list[Any]]) -> list[Record]:
    """Several alpaca files, one after another."""
    return [rec for part in rows for rec in _alpaca([part])]


def _sharegpt(rows: list[list[Any]]) -> list[Record]:
    return [{"conversations": r["conversations"]} for r in rows[0]]


ROLE_TAGS = {"[客户]": "user", "[律师]": "assistant"}


def _client_lawyer_history(rows: list[list[Any]]) -> list[Record]:
    out = []
    for r in rows[0]:
        messages = []
        for turn in r["history"]:
            tag, _, text = turn.partition(" ")
            if tag not in ROLE_TAGS:
                raise ValueError(f"unknown history tag {tag!r}")
            messages.append({"role": ROLE_TAGS[tag], "content": text})
        out.append({"messages": messages})
    return out


def _tw_bench(rows: list[list[Any]]) -> list[Record]:
    questions, *answer_files = rows
    # FastChat answer files key by question_id; the claude files by the question's 0-based index.
    answers = [{(a["question_id"] if "question_id" in a else ("index", a["id"])):
                (a["choices"][0]["turns"] if "choices" in a else [a["generated_text"].strip()])
                for a in f} for f in answer_files]
    out = []
    for q in questions:
        for by_id in answers:
            turns = by_id.get(q["question_id"]) or by_id.get(("index", q["index"]))
            if not turns:
                continue
            messages = []
            for prompt, answer in zip(q["turns"], turns, strict=False):
                messages += [{"role": "user", "content": prompt},
                             {"role": "assistant", "content": answer}]
            out.append({"messages": messages})
    return out


CONVERTERS: dict[str, Callable[[list[list[Any]]], list[Record]]] = {
    "alpaca": _alpaca, "alpaca_parts": _alpaca_parts, "nested_alpaca": _nested_alpaca,
    "question_answer": _question_answer, "query_response": _query_response, "sharegpt": _sharegpt,
    "client_lawyer_history": _client_lawyer_history, "tw_bench": _tw_bench,
}


def subsample(records: list[Record], n: int | None, seed: str) -> list[tuple[int, Record]]:
    """(upstream index, record) for ``n`` records chosen by a seeded RNG, in file order."""
    indexed = list(enumerate(records))
    if n is None or n >= len(indexed):
        return indexed
    keep = sorted(random.Random(seed).sample(range(len(indexed)), n))
    return [indexed[i] for i in keep]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(root: Path) -> list[str]:
    """One line per upstream file that is missing or differs, with the command that fetches it."""
    problems = []
    for ds in DATASETS:
        for up in ds.upstream:
            path = up.local(root)
            if not path.is_file():
                problems.append(f"missing {path}\n    {up.fetch_command(root)}")
            elif up.sha256 and sha256(path) != up.sha256:
                problems.append(f"sha256 differs for {path} (expected {up.sha256} from "
                                f"{up.repo}@{up.commit})\n    {up.fetch_command(root)}")
    return problems


def materialize(root: Path, out: Path) -> list[dict[str, Any]]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for ds in DATASETS:
        rows = [read_json_or_lines(up.local(root)) for up in ds.upstream]
        records = CONVERTERS[ds.convert](rows)
        chosen = subsample(records, ds.sample, ds.name)
        payload = [{**rec, "upstream_index": i} for i, rec in chosen]
        path = out / ds.name
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        digest = sha256(path)
        written.append({"file": ds.name, "records": len(payload), "upstream_records": len(records),
                        "format": ds.format, "kind": ds.kind, "sha256": digest,
                        "matches_labels": digest == OUTPUT_SHA256.get(ds.name)})
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    plan = sub.add_parser("fetch-plan", help="print what to fetch and where")
    plan.add_argument("--root", type=Path, required=True)
    m = sub.add_parser("materialize", help="check the upstream files, write the source files")
    m.add_argument("--root", type=Path, required=True, help="DIR/<owner>/<name>/<path>")
    m.add_argument("--out", type=Path, default=Path("data/raw/real"))
    args = p.parse_args(argv)

    if args.command == "fetch-plan":
        for ds in DATASETS:
            for up in ds.upstream:
                print(up.fetch_command(args.root))
        return 0
    problems = check(args.root)
    if problems:
        print(f"{len(problems)} upstream file(s) missing or different under {args.root}; "
              "fetch them with:", file=sys.stderr)
        for line in problems:
            print("  " + line, file=sys.stderr)
        return 2
    written = materialize(args.root, args.out)
    for row in written:
        print(f"{row['file']:32} {row['records']:5} of {row['upstream_records']:5}  "
              f"{row['format']:8} {row['kind']:12} {row['sha256'][:16]}"
              + ("" if row["matches_labels"] else "  DIFFERS from the labeled bytes"))
    return 0 if all(r["matches_labels"] for r in written) else 1


if __name__ == "__main__":
    sys.exit(main())
