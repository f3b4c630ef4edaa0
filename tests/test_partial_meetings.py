"""An unfinished or very short meeting is scored as such (issue 13): stopped with Esc, left
early with a goodbye before the work was done, or only a few turns. What a student sees in
the debrief text, `kohtaamo assess` and `kohtaamo report`, what the history lists, and how a
trainer's class report ranks it, in English and Finnish."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from simulator import classroom, store
from simulator.cli import main
from simulator.scenario.loader import load_scenario
from simulator.scoring import partial_kind, score, to_html, to_json, to_markdown
from simulator.scoring.summary import to_text
from simulator.session import Session
from simulator.transcript import as_typed, how_it_ended

ROOT = Path(__file__).resolve().parent.parent
LEE = ROOT / "scenarios" / "en-substance-use-no-treatment.yaml"
#: Four kind turns, then the worker takes leave (a user's meeting that scored 88, "good",
#: and honouring choices 100, above complete meetings).
KIND_THEN_GONE = [
    "Thanks for coming in today, Lee. What would you like to talk about?",
    "It sounds like coming here wasn't your idea, and you're not keen on being told what to do.",
    "You're feeling rough and you want this to be quick.",
    "I have to go now, see you Thursday.",
]


@pytest.fixture(scope="module")
def lee():
    return load_scenario(LEE)


def left_early(scenario, home: Path | None = None):
    session = Session(scenario, seed=1)
    journal = None
    if home is not None:
        journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
        session.on_turn = journal.append
    for line in KIND_THEN_GONE:
        session.say(line)
    return session, journal


def complete(scenario, home: Path | None = None):
    """The scenario's own test that reaches the good ending, played as a student would."""
    test = next(t for t in scenario.tests if t.name.startswith("honouring the no"))
    session = Session(scenario, seed=test.seed or 0, variant=test.variant)
    journal = None
    if home is not None:
        journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
        session.on_turn = journal.append
    for turn in test.turns:
        session.say(turn.say, moves=turn.moves or None)
    assert session.transcript.outcome == "good"
    return session, journal


def end(session, journal, scenario, home: Path) -> None:
    """What the app writes when the meeting ends (ConversationScreen.end_meeting)."""
    from simulator.tui.screens.conversation import end_meeting

    end_meeting(journal, session.transcript, scenario, "ended", home)


def test_four_kind_turns_and_a_goodbye_are_partial_not_good(lee):
    session, _ = left_early(lee)
    transcript = session.transcript
    assert transcript.ended and transcript.outcome == "neutral"
    assert transcript.turns[-1].leaving  # the engine read the goodbye
    report = score(transcript, lee)
    full = score(complete(lee)[0].transcript, lee)
    assert report.overall_level == "partial" and partial_kind(report) == "left"
    assert report.overall <= 49 and report.overall < full.overall
    raw = report.partial.values["raw"]
    assert raw >= 75  # what it scored before: "good", above the complete meeting's level
    text = to_text(report, "en")
    assert f"Overall             {report.overall}  partial" in text
    assert (
        "You left the meeting at turn 4 (“see you Thursday”) before the work was done: the "
        f"overall counts 4 of a full meeting's 12 turns ({raw} × 4/12, at most 49)"
    ) in text
    assert "The three scores describe only the turns taken." in text
    fi = to_text(report, "fi")
    assert f"{report.overall}  kesken" in fi
    assert "Lähdit tapaamisesta kesken vuorolla 4 (”see you Thursday”)" in fi


def test_the_goodbye_that_cost_the_ending_heads_the_weakest_turns(lee):
    # A warm goodbye scores 0 on the axes; under "you left before the work was done" the
    # debrief still said "Weakest turns: –" (played in tmux, stop 31).
    session = Session(lee, seed=1)
    goodbye = "Thanks for talking with me, Lee. Take care, see you Thursday."
    for line in [*KIND_THEN_GONE[:3], goodbye]:
        session.say(line)
    assert session.transcript.outcome == "neutral" and session.transcript.turns[-1].leaving
    report = score(session.transcript, lee)
    assert report.moments.worst == (4,)
    said = to_markdown(report, session.transcript, "en")
    assert "**Weakest turns**\n\n- Turn 4 (0): “Thanks for talking with me, Lee." in said
    # A goodbye from the closing state cost nothing: it is not listed.
    done = complete(lee)[0].transcript
    assert done.turns[-1].index not in score(done, lee).moments.worst


def test_the_debrief_quotes_the_goodbye_as_typed(lee):
    session, _ = left_early(lee)
    assert session.transcript.turns[-1].leaving == "see you thursday"  # as the reader keeps it
    said = how_it_ended(session.transcript, "en")
    assert "(“see you Thursday”)" in said and "thursday" not in said
    # Letters as typed, runs of spaces tidied.
    assert as_typed("Okay.  See you   THURSDAY then", "see you thursday") == "See you THURSDAY"
    assert as_typed("Kiitos, nähdään ensi viikolla!", "nähdään ensi viikolla") == (
        "nähdään ensi viikolla"
    )
    assert as_typed("We’re done for today.", "we're done for today") == "We’re done for today"
    assert as_typed("Bye.", "see you") == "see you"  # not found: the words as recorded


def test_a_goodbye_from_the_closing_state_is_a_meeting_carried_through(lee):
    full = score(complete(lee)[0].transcript, lee)
    assert full.partial is None and full.overall_level != "partial"


def test_the_exports_say_partial_in_both_languages(lee):
    session, _ = left_early(lee)
    transcript = session.transcript
    report = score(transcript, lee)
    data = json.loads(to_json(report, transcript, "en"))
    assert data["overall_level"] == "partial" and data["partial"]["kind"] == "left"
    assert data["partial"]["overall_before"] == report.partial.values["raw"]
    md = to_markdown(report, transcript, "en")
    assert f"| **Overall** | **{report.overall}** | **partial** |" in md
    assert "(“see you Thursday”) before the work was done" in md
    page = to_html(report, transcript, "fi")
    assert "<b>kesken</b>: Lähdit tapaamisesta kesken vuorolla 4" in page


def test_kohtaamo_report_of_a_stored_meeting_left_early(lee, tmp_path, capsys):
    session, journal = left_early(lee, tmp_path)
    end(session, journal, lee, tmp_path)
    assert main(["report", str(journal.path), "--lang", "en"]) == 0
    md = capsys.readouterr().out
    assert "**partial**" in md and "(“see you Thursday”)" in md
    assert main(["report", str(journal.path), "--lang", "fi", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall_level"] == "partial" and data["partial"]["kind"] == "left"
    assert data["partial"]["reason"].startswith("Lähdit tapaamisesta kesken vuorolla 4")


def test_assess_of_a_very_short_conversation_says_partial(tmp_path, capsys):
    path = tmp_path / "short.jsonl"
    lines = [
        {"speaker": "client", "text": "I only came because my daughter made me."},
        {"speaker": "worker", "text": "You came even though it wasn't your idea."},
        {"speaker": "client", "text": "Yeah. She worries."},
        {"speaker": "worker", "text": "She worries about you, and you came for her."},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    assert main(["assess", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "partial" in out and "A very short conversation (2 turns)" in out
    assert main(["assess", str(path), "--lang", "fi", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall_level"] == "partial" and data["partial"]["kind"] == "short"
    assert data["partial"]["reason"].startswith("Hyvin lyhyt keskustelu (2 vuoroa)")


def test_history_marks_it_and_leaves_it_out_of_the_progress_chart(lee, tmp_path):
    session, journal = complete(lee, tmp_path)
    end(session, journal, lee, tmp_path)
    session, journal = left_early(lee, tmp_path)
    end(session, journal, lee, tmp_path)
    entries = store.history(tmp_path)
    assert sorted(e.partial for e in entries) == ["", "left"]
    gone = next(e for e in entries if e.partial)
    assert gone.outcome == "neutral" and gone.turns == 4
    done = next(e for e in entries if not e.partial)
    # Only the meeting carried through is on the progress chart.
    assert store.progress(tmp_path) == {a: [done.scores[a]] for a in store.AXES}
    # The index is rebuilt from the journals alone: the mark survives.
    (tmp_path / store.INDEX).unlink()
    assert sorted(e.partial for e in store.history(tmp_path)) == ["", "left"]


def test_the_class_report_does_not_rank_a_goodbye_above_a_complete_meeting(lee, tmp_path, capsys):
    root = tmp_path / "class"
    home = classroom.student_home(root, "kettu")
    session, journal = complete(lee, home)
    end(session, journal, lee, home)
    session, journal = left_early(lee, home)
    end(session, journal, lee, home)
    out = tmp_path / "report"
    assert main(["class-report", str(root), "-o", str(out), "--lang", "en"]) == 0
    capsys.readouterr()
    meetings = list(csv.DictReader((out / "meetings.csv").open(encoding="utf-8")))
    by_partial = {m["partial"]: m for m in meetings}
    assert set(by_partial) == {"", "left"}
    assert by_partial["left"]["ending"] == "left"
    assert by_partial[""]["ending"] == "good"
    assert int(by_partial["left"]["overall"]) < int(by_partial[""]["overall"])
    page = (out / "class-report.html").read_text(encoding="utf-8")
    assert "left early (said goodbye before the work was done)" in page
    assert "partial: left before the work was done, does not compare" in page
    assert "A hollow dot is a partial meeting" in page
    # The goodbye's figures in the student's table are marked partial, not read as levels.
    gone = by_partial["left"]
    for axis in ("listening", "pacing", "autonomy"):
        assert f"<td class='n partial'>{gone[axis]} (partial)</td>" in page
    # In the distributions and the over-time chart: one hollow dot per axis and chart.
    assert page.count('fill="#ffffff" stroke=') == 2 * 3
    # The student's latest scores are those of the meeting carried through, though the
    # goodbye came later.
    complete_listening = by_partial[""]["listening"]
    row = page.split("<td>kettu</td>", 1)[1].split("</tr>", 1)[0]
    assert f"<td class='n'>{complete_listening}</td>" in row
    fi = tmp_path / "raportti"
    assert main(["class-report", str(root), "-o", str(fi), "--lang", "fi"]) == 0
    sivu = (fi / "class-report.html").read_text(encoding="utf-8")
    assert "lähti kesken (hyvästeli ennen kuin työ oli tehty)" in sivu
    assert "Ontto piste: kesken jäänyt tapaaminen" in sivu
    assert f"<td class='n partial'>{gone['autonomy']} (kesken)</td>" in sivu
