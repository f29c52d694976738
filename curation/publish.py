"""Publish a built version to a Hub dataset repo, tagged with its version.

Everything up to the API calls is checked locally: the version folder is
complete, conservation holds on the files themselves, the card parses with
the Hub's YAML metadata. Versions are immutable on the Hub: an existing tag
is never moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from huggingface_hub import DatasetCard, HfApi
from huggingface_hub.errors import HfHubHTTPError

from curation import versions
from curation.errors import CurationError
from curation.loading import sha256_file

REQUIRED_METADATA = ("license", "language", "task_categories", "size_categories", "configs")
TAG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class Plan:
    repo: str
    tag: str
    private: bool
    folder: Path
    files: list[str]
    card: str
    commit_message: str


def check(folder: Path) -> None:
    """Refuse a version whose card, data or conservation is missing or broken."""
    for name in ("README.md", "manifest.json", "removed.parquet"):
        if not (folder / name).is_file():
            raise CurationError(f"{folder} has no {name}: not a complete build; rebuild it")
    m = versions.manifest(folder)
    counts = m.get("counts", {})
    for key in ("input", "kept", "removed"):
        if key not in counts:
            raise CurationError(f"{folder}/manifest.json lacks counts.{key}: conservation "
                                "cannot be checked; rebuild the version")
    for f in m.get("files", []):
        if sha256_file(folder / f["path"]) != f["sha256"]:
            raise CurationError(f"{folder / f['path']} does not match its manifest sha256")
    kept = pl.scan_parquet(folder / "data" / "*.parquet").select(pl.len()).collect().item()
    removed = pl.scan_parquet(folder / "removed.parquet").select(pl.len()).collect().item()
    if (kept, removed) != (counts["kept"], counts["removed"]) or \
            kept + removed != counts["input"]:
        raise CurationError(f"conservation check failed for {folder}: files hold {kept} kept + "
                            f"{removed} removed, manifest says {counts['kept']} + "
                            f"{counts['removed']} of {counts['input']}")
    card = DatasetCard.load(folder / "README.md")
    meta = card.data.to_dict()
    missing = [k for k in REQUIRED_METADATA if not meta.get(k)]
    if missing:
        raise CurationError(f"{folder}/README.md card metadata lacks {missing}")


def plan(folder: Path, repo: str, private: bool = False) -> Plan:
    check(folder)
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
        raise CurationError(f"--repo must be ORG/NAME, not {repo!r}")
    m = versions.manifest(folder)
    tag = str(m["version"])
    if not TAG.match(tag):
        raise CurationError(f"version {tag!r} is not a valid tag name")
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return Plan(repo, tag, private, folder, files,
                (folder / "README.md").read_text(encoding="utf-8"),
                f"{m['dataset']} {tag} (fingerprint {m['fingerprint'][:12]})")


def push(p: Plan, token: str | None = None) -> str:
    """Upload and tag; returns the commit URL."""
    api = HfApi(token=token)
    try:
        api.create_repo(p.repo, repo_type="dataset", private=p.private, exist_ok=True)
        tags = {t.name for t in api.list_repo_refs(p.repo, repo_type="dataset").tags}
        if p.tag in tags:
            raise CurationError(f"{p.repo} already has a tag {p.tag!r}: a published version is "
                                "never replaced; build a new version instead")
        commit = api.upload_folder(repo_id=p.repo, folder_path=p.folder, repo_type="dataset",
                                   commit_message=p.commit_message)
        api.create_tag(p.repo, tag=p.tag, revision=commit.oid, repo_type="dataset",
                       tag_message=p.commit_message)
    except (OSError, HfHubHTTPError) as e:  # OfflineModeIsEnabled and network errors are OSError
        raise CurationError(
            f"could not publish to the Hub repo {p.repo}: {type(e).__name__}: {str(e)[:300]}. "
            "Check the network, HF_HUB_OFFLINE, and that `huggingface-cli login` (or HF_TOKEN) "
            "has write access; `--dry-run` shows what would be uploaded.") from None
    return str(commit.commit_url)
