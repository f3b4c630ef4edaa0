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


WORDS_TESTS = """
  - name: the client's words are pinned
    variant: calm
    turns:
      - say: "How are you doing?"
        moves: [open_question]
        says: "you really WANT to know"
        not_says: ["blaming"]
      - say: "Let's not dwell on that."
        moves: [dismiss]
        says: ["I'm leaving"]
  - name: words the client did not say
    variant: calm
    turns:
      - say: "How are you doing?"
        moves: [open_question]
        says: "You really want to know?"
      - say: "You should have called us earlier."
        moves: [confront]
        not_says: "blaming"
"""


def test_says_and_not_says_pin_the_reply_and_name_what_was_said_instead(capsys, tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text(Path(PARENT).read_text(encoding="utf-8") + WORDS_TESTS, encoding="utf-8")
    code, out, _ = run(capsys, str(path))
    assert code == 1
    assert "  PASS the client's words are pinned" in out
    assert "  FAIL words the client did not say" in out
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index('      - say: "You should have called us earlier."')
        + 1
    )
    assert (
        f"turn 2 ({path}:{line}): “You should have called us earlier.” – the client was not to"
        " say “blaming”, said: “This is exactly the blaming I was afraid of.” (transition"
        f" reactions.1, {path}:"
    ) in out
    code, out, _ = run(capsys, str(path), "--format", "json")
    failure = json.loads(out)["files"][0]["tests"][-1]["failure"]
    assert (failure["reason"], failure["expected"]) == ("not_says", "blaming")


def test_a_missing_word_is_named_in_finnish(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    path = tmp_path / "words.yaml"
    wrong = WORDS_TESTS.replace('says: "You really want to know?"', 'says: "Mitä kuuluu"')
    path.write_text(Path(PARENT).read_text(encoding="utf-8") + wrong, encoding="utf-8")
    _, out, _ = run(capsys, str(path))
    assert "asiakkaan piti sanoa ”Mitä kuuluu”, sanoi: ”You really want to know?”" in out


def test_says_must_be_text(capsys, tmp_path):
    path = tmp_path / "words.yaml"
    wrong = WORDS_TESTS.replace('not_says: "blaming"', "not_says: 3")
    path.write_text(Path(PARENT).read_text(encoding="utf-8") + wrong, encoding="utf-8")
    code, _, err = run(capsys, str(path))
    assert code == 1 and "not_says" in err
