"""`kohtaamo check`: what an author sees on the terminal and what editors get as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
BROKEN = FIXTURES / "broken"


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_clean_file_prints_ok_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, str(MINIMAL))
    assert code == 0
    assert out == f"ok: {MINIMAL} (4 states)\n"


def test_broken_file_prints_position_code_message_and_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = BROKEN / "unknown_state.yaml"
    code, out = check(capsys, str(path))
    assert code == 1
    assert out == (
        f"{path}:10:8: error K301: unknown state 'opnening'\n    hint: did you mean 'opening'?\n"
    )


def test_several_files_get_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, str(MINIMAL), str(BROKEN / "several_errors.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"ok: {MINIMAL} (4 states)"
    assert sum(" error K" in line for line in lines) == 4
    assert lines[-1] == "checked 2 files – errors: 4, warnings: 0"


def test_directory_checks_every_yaml_file_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    shutil.copy(BROKEN / "unknown_move.yaml", tmp_path / "b.yaml")
    code, out = check(capsys, str(tmp_path))
    assert code == 1
    assert f"ok: {tmp_path / 'a.yaml'} (4 states)" in out
    assert f"{tmp_path / 'b.yaml'}:15:17: error K302: unknown move 'open_questoin'" in out


def test_json_format_lists_every_diagnostic(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "several_errors.yaml"
    code, out = check(capsys, "--format", "json", str(MINIMAL), str(path))
    assert code == 1
    found = json.loads(out)
    assert [(d["line"], d["code"]) for d in found] == [
        (10, "K301"),
        (14, "K106"),
        (16, "K302"),
        (17, "K304"),
    ]
    assert found[0] == {
        "file": str(path),
        "line": 10,
        "col": 8,
        "code": "K301",
        "severity": "error",
        "message": "unknown state 'opnening'",
        "hint": "did you mean 'opening'?",
    }


def test_json_for_clean_files_is_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--format", "json", str(MINIMAL))
    assert (code, json.loads(out)) == (0, [])


def test_finnish_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    code, out = check(capsys, str(MINIMAL), str(BROKEN / "undeclared_variable.yaml"))
    assert code == 1
    assert f"ok: {MINIMAL} (4 tilaa)" in out
    assert "muuttujaa 'trsut' ei ole esitelty kohdassa client.variables" in out
    assert "    vihje: tarkoititko 'trust'?" in out
    assert out.splitlines()[-1] == "tarkistettu 2 tiedostoa – virheitä: 1, varoituksia: 0"


def test_missing_file_is_reported_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = check(capsys, str(tmp_path / "missing.yaml"))
    assert code == 1
    assert f"{tmp_path / 'missing.yaml'}:1:1: error K107: cannot read the file" in out


def test_without_files_checks_the_bundled_library(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copy(MINIMAL, tmp_path / "only.yaml")
    monkeypatch.setenv("KOHTAAMO_SCENARIOS", str(tmp_path))
    code, out = check(capsys)
    assert (code, out) == (0, f"ok: {tmp_path / 'only.yaml'} (4 states)\n")


def test_empty_directory_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "no scenario files to check" in capsys.readouterr().err


def test_the_same_id_in_two_checked_files_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(MINIMAL, tmp_path / "a.yaml")
    shutil.copy(MINIMAL, tmp_path / "b.yaml")
    code, out = check(capsys, str(tmp_path))
    assert code == 1
    assert (
        f"{tmp_path / 'b.yaml'}:1:1: error K316: scenario id 'en-minimal-tenancy' "
        f"is already used by {tmp_path / 'a.yaml'}"
    ) in out


LINT = FIXTURES / "lint"


def test_authoring_warnings_are_shown_but_only_strict_fails_on_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The clean fixture plus an unused variable: a warning and nothing else.
    text = (LINT / "clean.yaml").read_text(encoding="utf-8")
    assert "variables: {trust: 20, " in text
    warned = tmp_path / "warned.yaml"
    warned.write_text(
        text.replace("variables: {trust: 20, ", "variables: {unused_mood: 50, trust: 20, ", 1)
    )
    code, out = check(capsys, str(warned))
    assert code == 0
    assert "warning K405" in out and "unused_mood" in out
    assert f"{warned}:" in out.splitlines()[0]
    code, out = check(capsys, "--strict", str(warned))
    assert code == 1
    assert "ok:" not in out


def test_lint_errors_fail_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, str(LINT / "messy.yaml"))
    assert code == 1
    assert "error K402" in out
