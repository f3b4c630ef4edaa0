"""Hostile files given to the commands (issue 18): refused or reported, never a hang, a
traceback, a hijacked terminal or a spoofed "ok"."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.conditions import ConditionSyntaxError, parse_condition
from simulator.scenario.loader import read_scenario, read_scenario_text

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def minimal(**replace: str) -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


# -- regular files only -------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "explore", "graph"])
def test_a_named_pipe_is_refused_at_once(capsys, tmp_path, command):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code, out, err = cli(capsys, command, str(fifo))  # hung forever before
    assert code != 0
    assert "named pipe" in out + err


def test_a_symlink_to_a_device_is_named_as_a_device(capsys, tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    code, out, _ = cli(capsys, "check", str(link))
    assert code == 1
    assert "not a regular file but a device" in out
    assert "too large" not in out  # was "too large (0 bytes)"


def test_run_script_from_dev_zero_or_latin1_is_a_message(capsys, tmp_path):
    code, _, err = cli(capsys, "run", str(MINIMAL), "--script", "/dev/zero")
    assert code == 1 and "device" in err
    latin = tmp_path / "turns.txt"
    latin.write_bytes("Hyv\xe4\xe4 p\xe4iv\xe4\xe4\n".encode("latin-1"))
    code, _, err = cli(capsys, "run", str(MINIMAL), "--script", str(latin))
    assert code == 1 and "line 1 is not UTF-8" in err


def test_report_refuses_dev_zero_and_a_link_to_it(capsys, tmp_path):
    link = tmp_path / "j.jsonl"
    link.symlink_to("/dev/zero")
    for path in ("/dev/zero", str(link)):
        code, _, err = cli(capsys, "report", path)
        assert code == 1 and "not a regular file" in err


def test_classify_stops_at_an_endless_line(capsys, monkeypatch):
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(b"hello\n" + b"\0" * (2 << 20))

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, err = cli(capsys, "classify", "--lang", "en")
    assert code == 1
    assert len(out.splitlines()) == 1  # the first line was still classified
    assert "line 2 is too long" in err


def test_classify_lone_surrogate_keeps_the_batch(capsys, monkeypatch):
    import io
    import sys

    lines = b'{"text": "I hear you \\ud800"}\n{"text": "What brings you here?"}\n'

    class Stdin:
        buffer = io.BytesIO(lines)

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = cli(capsys, "classify", "--lang", "en", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2 and "\ufffd" in rows[0]["text"]


# -- positioned errors instead of tracebacks --------------------------------------------


def test_an_integer_of_thousands_of_digits_is_a_positioned_error():
    scenario, problems = read_scenario_text(minimal(**{"minutes: 10": "minutes: " + "9" * 4301}))
    assert scenario is None
    (problem,) = [p for p in problems if p.code == "K205"]
    assert problem.where.line == 9 and "too long" in problem.message


def test_an_effect_of_thousands_of_digits_is_a_positioned_error():
    text = minimal(
        **{"if: trust >= 10": "if: trust >= 10\n        effects: {trust: " + "1" * 5000 + "}"}
    )
    _, problems = read_scenario_text(text)
    assert any(p.code == "K205" and "too long" in p.message for p in problems)


@pytest.mark.parametrize(
    "condition",
    ["(" * 300 + "trust > 1" + ")" * 300, "not " * 1000 + "trust > 1"],
    ids=["parentheses", "nots"],
)
def test_deep_conditions_are_positioned_errors(condition):
    with pytest.raises(ConditionSyntaxError) as caught:
        parse_condition(condition)
    assert caught.value.reason == "too_deep"
    _, problems = read_scenario_text(minimal(**{"if: trust >= 10": f"if: {condition}"}))
    (problem,) = [p for p in problems if p.code == "K304"]
    assert problem.where.line == 68 and "nested too deeply" in problem.message


def test_conditions_within_the_limit_still_parse():
    assert parse_condition("(" * 50 + "trust > 1" + ")" * 50).evaluate({"trust": 2})
    assert parse_condition("not " * 50 + "trust > 1").evaluate({"trust": 2})


@pytest.mark.parametrize("command", ["check", "run", "explore", "graph"])
def test_every_command_reports_huge_numbers_and_deep_conditions(capsys, tmp_path, command):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        minimal(**{"minutes: 10": "minutes: " + "9" * 4301, "if: trust >= 10": "if: " + "(" * 300}),
        encoding="utf-8",
    )
    argv = [command, str(bad)] + (["--script", str(MINIMAL)] if command == "run" else [])
    code, out, err = cli(capsys, *argv)
    assert code != 0
    assert "Traceback" not in out + err
    assert "K205" in out + err and "K304" in out + err


def test_a_custom_tag_is_named():
    _, problems = read_scenario_text(minimal(**{"title:": "title: !custom"}))
    (problem,) = [p for p in problems if p.code == "K201"]
    assert "tagged !custom" in problem.message
    assert "found text" not in problem.message


# -- text reaching the terminal ----------------------------------------------------------


@pytest.mark.parametrize(
    "escape",
    ["\\e]0;pwned\\a", "\\e[2J", "\\e]52;c;cHduZWQ=\\a", "\\x9b2J", "\\u202e", "\\r"],
    ids=["title", "clear", "clipboard", "csi", "bidi", "return"],
)
def test_control_characters_in_scenario_text_are_refused_with_a_position(escape):
    text = minimal(**{"title:": f'title: "Meeting {escape}" #'})
    scenario, problems = read_scenario_text(text, "spoof.yaml")
    assert scenario is None
    (problem,) = [p for p in problems if p.code == "K108"]
    assert problem.where.line == 4
    assert "\x1b" not in problem.format()


def test_check_cannot_be_spoofed_into_printing_ok(capsys, tmp_path):
    spoof = tmp_path / "spoof.yaml"
    key = '"x\\nok: spoof.yaml (5 states)\\n"'
    spoof.write_text(minimal(**{"title:": f"{key}: 1\ntitle:"}), encoding="utf-8")
    code, out, _ = cli(capsys, "check", str(spoof))
    assert code == 1
    assert not any(line.startswith("ok:") for line in out.splitlines())
    assert "\\n" in out  # the newline is shown, not obeyed


def test_a_file_name_with_escapes_is_shown_not_obeyed(capsys, tmp_path):
    name = tmp_path / "evil\x1b]0;pwned\x07.yaml"
    name.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = cli(capsys, "check", str(name))
    assert code == 0
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "evil\\u001b]0;pwned\\u0007.yaml" in out


def test_the_library_loader_refuses_what_check_refuses(tmp_path):
    (tmp_path / "pipe.yaml").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "pipe.yaml")
    scenario, problems = read_scenario(tmp_path / "pipe.yaml")
    assert scenario is None and problems[0].code == "K107"


# -- output files -----------------------------------------------------------------------


def _journal(tmp_path: Path) -> Path:
    from simulator import store
    from simulator.language.base import Recognition
    from simulator.transcript import Transcript, TurnRecord

    transcript = Transcript(language="en", scenario_id="demo", scenario_title="Demo",
                            opening="Well.", start_variables={"trust": 20.0})  # fmt: skip
    transcript.turns.append(
        TurnRecord(
            1,
            "What brings you here?",
            Recognition("What brings you here?", ("open_question",)),
            "Nothing.",
            variables_after={"trust": 25.0},
        )  # fmt: skip
    )
    journal = store.Journal.start(transcript, home=tmp_path / "home")
    return journal.path


def test_report_never_follows_a_symlink_nor_changes_its_target(capsys, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("precious\n")
    target.chmod(0o644)
    link = tmp_path / "out.md"
    link.symlink_to(target)
    code, _, err = cli(capsys, "report", str(_journal(tmp_path)), "-o", str(link), "--force")
    assert code == 1 and "symbolic link" in err
    assert target.read_text() == "precious\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_report_asks_for_force_before_overwriting(capsys, tmp_path):
    out = tmp_path / "out.md"
    out.write_text("mine\n")
    journal = str(_journal(tmp_path))
    code, _, err = cli(capsys, "report", journal, "-o", str(out))
    assert code == 1 and "--force" in err and out.read_text() == "mine\n"
    code, _, _ = cli(capsys, "report", journal, "-o", str(out), "--force")
    assert code == 0 and "Debrief" in out.read_text() or out.read_text() != "mine\n"


def test_report_on_a_journal_with_a_non_numeric_variable(capsys, tmp_path):
    path = _journal(tmp_path)
    lines = path.read_text().splitlines()
    turn = json.loads(lines[1])
    turn["variables_after"] = {"trust": "high"}
    turn["variables_before"] = {"trust": [1]}
    lines[1] = json.dumps(turn)
    path.write_text("\n".join(lines) + "\n")
    code, out, err = cli(capsys, "report", str(path), "--format", "json")
    assert code == 0, err
    assert json.loads(out)


@pytest.mark.parametrize("where", ["dir", "/dev/full"])
def test_graph_output_errors_say_cannot_write(capsys, tmp_path, where):
    target = str(tmp_path) if where == "dir" else where
    code, _, err = cli(capsys, "graph", str(MINIMAL), "-o", target)
    assert code == 1 and "Cannot write" in err and "Traceback" not in err


def test_graph_output_write_error_says_cannot_write(capsys, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        code, _, err = cli(capsys, "graph", str(MINIMAL), "-o", str(folder / "g.mmd"))
        assert code == 1 and "Cannot write" in err
    finally:
        folder.chmod(0o700)


def test_markdown_export_keeps_no_raw_html_nor_links(capsys, tmp_path):
    path = _journal(tmp_path)
    lines = path.read_text().splitlines()
    turn = json.loads(lines[1])
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <!--"
    turn["worker"] = turn["recognition"]["text"] = hostile
    lines[1] = json.dumps(turn)
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = cli(capsys, "report", str(path), "--format", "md")
    assert code == 0
    for raw in ("<script>", "<img", "<!--", "](javascript:"):
        assert raw not in out
    assert "&lt;script&gt;" in out
