"""`kohtaamo run`: what a trainer sees when playing a script against a scenario."""

import io
import json
from pathlib import Path

import pytest
from fixtures.engine.build import FakeRecognizer

from simulator.cli import main

ENGINE = Path(__file__).parent / "fixtures" / "engine"
PARENT = str(ENGINE / "parent.yaml")
SCRIPT = str(ENGINE / "script.txt")


@pytest.fixture
def keyword_recognizer(monkeypatch):
    # The CLI must be checked against the engine, not against the real recognizer's reading.
    monkeypatch.setattr(
        "simulator.language.get_recognizer", lambda lang: FakeRecognizer(), raising=False
    )


pytestmark = pytest.mark.usefixtures("keyword_recognizer")


def run(capsys, *args):
    code = main(["run", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_script_plays_to_the_ending_and_shows_state_and_variables(capsys):
    code, out, err = run(capsys, PARENT, "--script", SCRIPT, "--seed", "1", "--variant", "calm")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "A parent called in by the school – variant calm, seed 1"
    assert lines[2] in {
        "Sam: Well. I came because I was told to.",
        "Sam: So. What do you want to talk about?",
    }
    assert lines[3] == "     [opening] trust 20, distress 90"
    expected = [
        "You: How are you doing?",
        "Sam: You really want to know?",
        "     [testing] trust 30 (+10), distress 85 (-5)",
        f"     moves: open_question · opening.on.1, {PARENT}:70 · choice: keep_dog",
    ]
    assert lines[5:9] == expected
    assert "     [opening_up] trust 50 (+20), distress 85" in lines
    # Transitions as authors count and find them (journals and --json keep `testing.on[0]`).
    assert f"     moves: complex_reflection · testing.on.1, {PARENT}:82 · cues: dog" in lines
    assert "Sam: Thank you. This was not what I expected." in lines
    assert lines[-2:] == [
        "The meeting ended at turn 3: good (good_end).",
        "Script lines left unused after the meeting ended: 1.",
    ]
    assert "Thank you for coming." not in out  # the left-over line was never said


def test_json_gives_the_whole_transcript(capsys):
    code, out, err = run(
        capsys, PARENT, "--script", SCRIPT, "--seed", "4", "--variant", "calm", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert (data["seed"], data["variant"], data["scenario_id"]) == (4, "calm", "en-engine-parent")
    assert [t["state_after"] for t in data["turns"]] == ["testing", "opening_up", "good_end"]
    assert data["turns"][-1]["outcome"] == "good"
    assert "left unused" in err


def test_the_same_seed_prints_the_same_meeting(capsys):
    first = run(capsys, PARENT, "--script", SCRIPT, "--seed", "9")
    assert run(capsys, PARENT, "--script", SCRIPT, "--seed", "9") == first


def test_the_script_can_come_from_stdin_and_may_stop_before_the_end(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Hello there\n\n# nothing else\n"))
    code, out, _ = run(capsys, PARENT, "--script", "-", "--seed", "2", "--variant", "calm")
    assert code == 0
    assert "You: Hello there" in out
    assert out.splitlines()[-1] == (
        "The script ran out after turn 1; the meeting did not end (state opening)."
    )


def test_a_broken_scenario_shows_the_loaders_diagnostics(capsys):
    code, out, err = run(capsys, str(ENGINE / "broken.yaml"), "--script", SCRIPT)
    assert code == 1 and out == ""
    assert "broken.yaml:5:8: error K301" in err


def test_an_unknown_variant_or_missing_script_is_an_error(capsys):
    code, _, err = run(capsys, PARENT, "--script", SCRIPT, "--variant", "angry")
    assert code == 1 and "has no variant angry" in err
    code, _, err = run(capsys, PARENT, "--script", str(ENGINE / "missing.txt"))
    assert code == 1 and "missing.txt" in err


def test_finnish_ui(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    _, out, _ = run(capsys, PARENT, "--script", SCRIPT, "--seed", "1", "--variant", "calm")
    assert "Sinä: How are you doing?" in out
    assert "Tapaaminen päättyi vuorolla 3: good (good_end)." in out


def test_with_the_real_recognizer_an_open_question_opens_the_door(capsys, monkeypatch, tmp_path):
    monkeypatch.undo()  # no keyword recognizer: the one `kohtaamo run` really uses
    script = tmp_path / "turns.txt"
    script.write_text("How are you doing?\n", encoding="utf-8")
    code, out, _ = run(capsys, PARENT, "--script", str(script), "--seed", "1", "--variant", "calm")
    assert code == 0
    assert f"     moves: open_question · opening.on.1, {PARENT}:70 · choice: keep_dog" in out


def test_interactive_shows_the_briefing_and_only_the_clients_words(capsys, monkeypatch):
    turns = "What would you like to talk about today?\n# a note to self\n\nIt sounds hard.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(turns))
    code, out, err = run(capsys, PARENT, "--interactive", "--seed", "1", "--variant", "calm")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Setting: ")
    said = [line for line in lines if line.startswith("Sam: ")]
    assert len(said) == 3  # the opening and one answer per turn, comments skipped
    # Nothing of the machinery: no states, moves, variables or transition ids.
    for hidden in ("trust", "open_question", "[", "on["):
        assert hidden not in "\n".join(said + lines[lines.index("") + 1 :])


def test_interactive_replays_the_same_replies_by_seed_as_a_file_grows(capsys, monkeypatch):
    first = "What would you like to talk about today?\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(first))
    _, once, _ = run(capsys, PARENT, "--interactive", "--seed", "5", "--variant", "calm")
    monkeypatch.setattr("sys.stdin", io.StringIO(first + "It sounds hard.\n"))
    _, twice, _ = run(capsys, PARENT, "--interactive", "--seed", "5", "--variant", "calm")
    assert twice.startswith(once)
    assert len(twice.splitlines()) == len(once.splitlines()) + 1


def test_interactive_says_when_the_meeting_has_ended_but_not_how(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Whatever, fine.\n" * 3))
    code, out, _ = run(capsys, PARENT, "--interactive", "--seed", "1", "--variant", "calm")
    assert code == 0
    assert out.rstrip().endswith("(The meeting has ended.)")
    assert "poor" not in out
