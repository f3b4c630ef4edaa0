"""The README tells the truth: its example scenario works and CI runs its test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def example_scenario() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    complete = [b for b in blocks if b.startswith("kohtaamo: 1")]
    assert len(complete) == 1, "README should show exactly one complete scenario"
    return complete[0]


def test_readme_example_passes_strict_check_and_its_own_tests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "en-rent-letter.yaml"
    path.write_text(example_scenario(), encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 0
    assert main(["test", "--coverage", str(path)]) == 0
    out = capsys.readouterr().out
    assert "endings 3/3" in out and "0 failed" in out


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README, flags=re.DOTALL)
    test_command = next(c for c in commands if "pytest" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]'" in test_command and "-e '.[test]'" in ci
    assert test_command.endswith("python -m pytest") and "\npython -m pytest\n" in ci
