"""`kohtaamo class-report`: a class folder from serve and handed-in JSON exports, read as a
trainer would read the page and the CSV files."""

from __future__ import annotations

import csv
import json
import stat
import time
from pathlib import Path

import pytest

from simulator import classroom, store
from simulator.cli import main
from simulator.scenario.loader import load_scenario
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
DENISE = str(ROOT / "scenarios" / "en-humiliated-before.yaml")
LEE = str(ROOT / "scenarios" / "en-substance-use-no-treatment.yaml")
POOR = [
    "Forty minutes is a long wait. I'm sorry.",
    "You need to fill in this form now.",
    "Why didn't you bring the papers?",
    "What happened last time?",
]
GOOD = [
    "Hello Denise, thanks for coming.",
    "It sounds like last time was humiliating.",
    "You're the one who knows what Derek needs.",
    "What would make today worth your while?",
]
NASTY = '<script>alert(1)</script> & "quotes"'


def play(home: Path, path: str, lines: list[str], end: bool = True, seed: int = 1) -> Path:
    session = Session(load_scenario(path), seed=seed)
    journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
    session.on_turn = journal.append
    for line in lines:
        session.say(line)
        if session.ended:
            break
    if end:
        journal.end(session.transcript, {}, reason="closed", home=home)
    return journal.path


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("class")
    kettu = classroom.student_home(root, "kettu")
    play(kettu, DENISE, POOR)
    # Meetings are ordered by their start, to the second: two in the same second could
    # come out either way.
    time.sleep(1.1)
    play(kettu, DENISE, GOOD, seed=2)
    mirri = classroom.student_home(root, "Mirri")
    play(mirri, LEE, ["You have to go to rehab.", NASTY, "So rehab isn't for you."], end=False)
    return root


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_class_folder_gives_the_page_and_the_csv(class_dir, tmp_path, capsys):
    out = tmp_path / "report"
    code, said, _ = run(["class-report", str(class_dir), "-o", str(out), "--lang", "en"], capsys)
    assert code == 0
    assert "2 students, 3 meetings" in said
    page = (out / "class-report.html").read_text(encoding="utf-8")
    assert stat.S_IMODE((out / "class-report.html").stat().st_mode) == 0o600
    # self-contained: inline SVG, no script, nothing fetched
    assert page.count("<svg") >= 6
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    assert "https://" not in page
    for heading in (
        "Students",
        "distributions per axis and scenario",
        "Encounter modes",
        "Most common slips",
        "Cues most often missed",
        "For scenario authors",
    ):
        assert heading in page
    # per student, nickname only, with their meetings and endings
    assert ">kettu<" in page and ">mirri<" in page
    assert "unfinished" in page
    # every word escaped: a student's typed markup stays text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
    # slips and cues with example turns
    assert "You need to fill in this form now." in page
    assert "Humiliated in the waiting room last time" in page

    meetings = list(csv.DictReader((out / "meetings.csv").open(encoding="utf-8")))
    assert [m["nickname"] for m in meetings] == ["kettu", "kettu", "mirri"]
    assert [m["ending"] for m in meetings][2] == "unfinished"
    first, second = meetings[0], meetings[1]
    assert float(second["listening"]) > float(first["listening"])  # the better meeting shows
    states = list(csv.DictReader((out / "states.csv").open(encoding="utf-8")))
    assert states and all(int(s["fallback"]) + int(s["misfired"]) > 0 for s in states)
    assert any("kettu #" in s["example_turns"] for s in states)
    slips = list(csv.DictReader((out / "slips.csv").open(encoding="utf-8")))
    assert slips and int(slips[0]["count"]) >= int(slips[-1]["count"])


def test_no_text_leaves_every_word_out(class_dir, tmp_path, capsys):
    out = tmp_path / "figures"
    assert run(["class-report", str(class_dir), "-o", str(out), "--no-text"], capsys)[0] == 0
    everything = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    for line in POOR + GOOD + ["You have to go to rehab."]:
        assert line not in everything
    assert "alert(1)" not in everything
    assert "kettu" in everything  # the figures stay, by nickname


def test_the_page_in_finnish(class_dir, tmp_path, capsys):
    out = tmp_path / "fi"
    assert run(["class-report", str(class_dir), "-o", str(out), "--lang", "fi"], capsys)[0] == 0
    page = (out / "class-report.html").read_text(encoding="utf-8")
    assert 'lang="fi"' in page
    for heading in ("Opiskelijat", "Kohtaamisen tavat", "Useimmin ohitetut vihjeet"):
        assert heading in page
    assert "Students" not in page


def test_handed_in_json_exports(class_dir, tmp_path, capsys):
    handed = tmp_path / "handed-in"
    handed.mkdir()
    journals = sorted((class_dir / "kettu" / "sessions").glob("*.jsonl"))
    for number, journal in enumerate(journals, 1):
        target = handed / f"susi.{number}.json"
        assert main(["report", str(journal), "--format", "json", "-o", str(target)]) == 0
    (handed / "notes.json").write_text('{"not": "a debrief"}', encoding="utf-8")
    capsys.readouterr()
    exported = json.loads((handed / "susi.1.json").read_text(encoding="utf-8"))
    # the export carries what the report needs, per turn
    turn = exported["turns"][0]
    for key in ("moves", "mode", "state_before", "state_after", "variables_after", "effects"):
        assert key in turn
    assert "transition" in turn and "cues_dropped" in turn

    out = tmp_path / "from-json"
    code, said, err = run(["class-report", str(handed), "-o", str(out), "--lang", "en"], capsys)
    assert code == 0
    assert "1 student, 2 meetings" in said
    assert "notes.json" in err  # skipped, and said so
    meetings = list(csv.DictReader((out / "meetings.csv").open(encoding="utf-8")))
    assert {m["nickname"] for m in meetings} == {"susi"}
    from_folder = tmp_path / "from-folder"
    run(["class-report", str(class_dir / "kettu"), "-o", str(from_folder)], capsys)
    same = list(csv.DictReader((from_folder / "meetings.csv").open(encoding="utf-8")))
    for a, b in zip(meetings, same, strict=True):
        assert (a["listening"], a["pacing"], a["autonomy"]) == (
            b["listening"],
            b["pacing"],
            b["autonomy"],
        )


def test_spreadsheet_formulas_are_defused(tmp_path):
    from simulator.classroom_report import _csv

    text = _csv(["said"], [['=HYPERLINK("x")'], ["-1"], ["plain"]])
    assert text.splitlines()[1:] == ['"\'=HYPERLINK(""x"")"', "'-1", "plain"]


def test_nothing_to_report(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(
        ["class-report", str(empty), "-o", str(tmp_path / "o"), "--lang", "en"], capsys
    )
    assert code == 1 and "No meetings to report" in err
    assert run(["class-report", str(tmp_path / "nope"), "--lang", "en"], capsys)[0] == 2


def test_fallback_and_misfire_are_read_from_the_turns():
    from simulator.classroom_report import fell_to_fallback, misfired

    assert fell_to_fallback({"transition": None})
    assert fell_to_fallback({"transition": "when_unrecognised"})
    assert not fell_to_fallback({"transition": "opening.on[2]"})
    assert not fell_to_fallback({})  # an older export: unknown
    good = {"mode": "encountering", "variables_after": {"trust": 10.0}}
    assert misfired(good, {"trust": 20.0}) and not misfired(good, {"trust": 5.0})
    poor = {"mode": "blaming", "variables_after": {"trust": 30.0}}
    assert misfired(poor, {"trust": 20.0})


def test_handed_in_files_are_read_in_their_numbers_order(class_dir, tmp_path, capsys):
    """kettu.json, kettu.2.json ... kettu.10.json: in that order on the page and in the CSV
    (as text, kettu.2.json came first and kettu.10.json before kettu.2.json)."""
    journals = sorted((class_dir / "kettu" / "sessions").glob("*.jsonl"))  # poor, then good
    handed = tmp_path / "handed"
    handed.mkdir()
    order = [journals[1], journals[0], journals[0]]  # good, poor, poor
    for name, journal in zip(("susi.json", "susi.2.json", "susi.10.json"), order, strict=True):
        assert main(["report", str(journal), "--format", "json", "-o", str(handed / name)]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert run(["class-report", str(handed), "-o", str(out), "--lang", "en"], capsys)[0] == 0
    meetings = list(csv.DictReader((out / "meetings.csv").open(encoding="utf-8")))
    first, second, tenth = (int(m["listening"]) for m in meetings)
    assert first > second == tenth  # the good meeting first, as handed in
