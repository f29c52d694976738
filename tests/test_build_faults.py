"""Faults around the output folder: kill/interrupt mid-write, two builds at once,
permissions. Small inputs (the embedded sample, v1) so the subprocesses are quick."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curation import recipe as recipes
from curation.build import build, version_lock
from curation.cli import main
from curation.errors import OutputError

REPO = Path(__file__).resolve().parents[1]


def _start_build(out: Path, version: str = "v1") -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen([sys.executable, "-m", "curation", "build", "--version", version,
                             "--sample", "--out", str(out)], env=env, cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".v1.build-*")) if folder.is_dir() else []


def _kill_while_writing(out: Path, sig: int) -> tuple[subprocess.Popen[str], list[Path]]:
    """Start a build, send ``sig`` once its temp folder exists; (process, temps seen)."""
    for _ in range(5):  # the write phase is short: retry if the build got past it
        proc = _start_build(out)
        deadline = time.monotonic() + 120
        seen: list[Path] = []
        while proc.poll() is None and time.monotonic() < deadline and not seen:
            seen = _temps(out / "aurora-zh")
            time.sleep(0.002)
        if seen and proc.poll() is None:
            proc.send_signal(sig)
            proc.stderr_text = proc.communicate(timeout=60)[1]  # type: ignore[attr-defined]
            return proc, seen
        proc.communicate(timeout=60)
        for p in (out / "aurora-zh").glob("v1"):
            import shutil

            shutil.rmtree(p)
    pytest.fail("never caught the build while it was writing")


def test_sigkill_mid_write_leaves_a_temp_folder_the_next_build_removes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    proc, seen = _kill_while_writing(out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert _temps(out / "aurora-zh") == seen  # nothing could clean up after kill -9
    assert not (out / "aurora-zh" / "v1").exists()  # and no half-written version
    assert main(["build", "--version", "v1", "--sample", "--out", str(out)]) == 0
    assert "removed 1 temp folder(s) left by an interrupted build of v1" in \
        capsys.readouterr().err
    assert _temps(out / "aurora-zh") == []
    assert (out / "aurora-zh" / "v1" / "manifest.json").is_file()


@pytest.mark.parametrize(("sig", "code", "name"), [(signal.SIGTERM, 143, "SIGTERM"),
                                                   (signal.SIGINT, 130, "Ctrl-C")])
def test_sigterm_or_ctrl_c_mid_write_cleans_up_itself(tmp_path: Path, sig: int, code: int,
                                                      name: str) -> None:
    out = tmp_path / "out"
    proc, _ = _kill_while_writing(out, sig)
    err = proc.stderr_text  # type: ignore[attr-defined]
    assert proc.returncode == code, err
    assert f"interrupted ({name}); no version was written" in err
    assert _temps(out / "aurora-zh") == [], err
    assert not (out / "aurora-zh" / "v1").exists()


def test_a_second_build_of_the_version_fails_at_once_naming_the_first(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    first = _start_build(out, "v2")
    lock = out / "aurora-zh" / ".v2.lock"
    deadline = time.monotonic() + 120
    while first.poll() is None and time.monotonic() < deadline and not (
            lock.is_file() and lock.read_text()):
        time.sleep(0.005)
    assert first.poll() is None, "the first build ended before the second could start"
    start = time.monotonic()
    assert main(["build", "--version", "v2", "--sample", "--out", str(out), "--force"]) == 2
    assert time.monotonic() - start < 5  # at once, not after loading anything
    err = capsys.readouterr().err
    assert f"is being built by another process (pid {first.pid} on" in err
    assert "python -m curation build --version v2" in err or "curation" in err
    first.communicate(timeout=120)
    assert first.returncode == 0  # the first one is not disturbed
    assert (out / "aurora-zh" / "v2" / "manifest.json").is_file()
    assert lock.read_text() == ""  # released, nothing claims it


def test_the_lock_is_per_version_and_released_after_a_failure(tmp_path: Path) -> None:
    target = tmp_path / "aurora-zh" / "v1"
    target.parent.mkdir(parents=True)
    with version_lock(target):
        with pytest.raises(OutputError, match=f"pid {os.getpid()} on"):
            build(recipes.load("v1"), out=tmp_path, sample=True)
        build(recipes.load("v2"), out=tmp_path, sample=True)  # another version: fine
    build(recipes.load("v1"), out=tmp_path, sample=True)


def test_a_version_cut_between_the_two_renames_is_restored(tmp_path: Path) -> None:
    first = build(recipes.load("v1"), out=tmp_path, sample=True)
    old = first.path.with_name(".v1.old")
    first.path.rename(old)  # as if killed after moving the old version aside
    with pytest.raises(Exception, match="already exists; pass --force"):
        build(recipes.load("v1"), out=tmp_path, sample=True)
    assert (first.path / "manifest.json").is_file() and not old.exists()


def test_temp_folders_of_builds_before_the_lock_are_removed(tmp_path: Path) -> None:
    legacy = tmp_path / "aurora-zh" / ".v1-ab12cd34"  # tempfile.mkdtemp's name
    (legacy / "data").mkdir(parents=True)
    other = tmp_path / "aurora-zh" / ".v10.build-1-abcd"  # another version's: kept
    other.mkdir()
    build(recipes.load("v1"), out=tmp_path, sample=True)
    assert not legacy.exists() and other.exists()


@pytest.mark.parametrize(("umask", "folder", "file"), [(0o022, 0o755, 0o644),
                                                       (0o002, 0o775, 0o664)])
def test_permissions_follow_the_umask(tmp_path: Path, umask: int, folder: int,
                                      file: int) -> None:
    before = os.umask(umask)
    try:
        r = build(recipes.load("v1"), out=tmp_path, sample=True)
    finally:
        os.umask(before)
    assert r.path.stat().st_mode & 0o777 == folder
    assert (r.path / "data").stat().st_mode & 0o777 == folder
    assert (r.path / "manifest.json").stat().st_mode & 0o777 == file
    assert (r.path / "removed.parquet").stat().st_mode & 0o777 == file
