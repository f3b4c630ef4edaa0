"""`kohtaamo test`: a scenario's own tests, as an author runs them."""

import json
from pathlib import Path

from simulator.cli import main

ENGINE = Path(__file__).parent / "fixtures" / "engine"
PARENT = str(ENGINE / "parent.yaml")
FAILING = str(ENGINE / "failing_test.yaml")


def run(capsys, *args):
    code = main(["test", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_passing_tests_exit_0(capsys):
    code, out, _ = run(capsys, PARENT)
    assert code == 0
    assert "  PASS a listening worker reaches the good end" in out
    assert "  PASS dismissing ends the meeting badly" in out
    assert "2 tests, 0 failed" in out


def test_a_failure_names_the_turn_what_was_said_and_what_happened(capsys):
    code, out, _ = run(capsys, PARENT, FAILING)
    assert code == 1
    assert "  FAIL a listening worker reaches the good end" in out
    assert (
        f"turn 2 ({FAILING}:130): “It sounds like you are worn out.” – expected good_end, got"
        f" opening_up (transition testing.on.1, {FAILING}:82)"
    ) in out
    assert "4 tests, 1 failed" in out


def test_coverage_lists_what_the_tests_missed(capsys):
    _, out, _ = run(capsys, PARENT, "--coverage")
    assert "  coverage: states 5/5, transitions 4/6, endings 2/2" in out
    # Counted from 1, one per line with file:line, so an editor can jump to each.
    assert (
        "    missed transitions (2, counted from 1):\n"
        f"      {PARENT}:87  testing.on.2\n"
        f"      {PARENT}:117  reactions.1\n"
    ) in out
    assert "missed states" not in out


def test_coverage_in_finnish(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    _, out, _ = run(capsys, FAILING, "--coverage")
    assert f"vuoro 2 ({FAILING}:130): ”It sounds like you are worn out.”" in out
    assert "(siirtymä testing.on.1, " in out
    assert f"    käymättä tilat (1):\n      {FAILING}:100  good_end\n" in out
    assert "    käymättä siirtymät (3, numeroitu ykkösestä):\n" in out


def test_json_for_tools(capsys):
    code, out, _ = run(capsys, FAILING, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["passed"] is False
    (result,) = data["files"]
    failure = result["tests"][0]["failure"]
    assert (failure["turn"], failure["expected"], failure["actual"]) == (
        2,
        "good_end",
        "opening_up",
    )
    assert result["coverage"]["endings"] == {"visited": 1, "total": 2, "missed": ["good_end"]}


def test_a_broken_file_fails_with_its_diagnostics(capsys):
    code, _, err = run(capsys, PARENT, str(ENGINE / "broken.yaml"))
    assert code == 1
    assert "error K301: unknown state 'nowhere'" in err


def test_finnish_ui(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    _, out, _ = run(capsys, FAILING)
    assert "  VIRHE a listening worker reaches the good end" in out
    assert "vuoro 2 (" in out and "2 testiä, 1 epäonnistui" in out
