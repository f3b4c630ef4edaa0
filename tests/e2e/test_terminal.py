"""Whole meetings in a real terminal with the default settings (the typing pause on): the
way a student meets the app, and the way the crash at every ending went unseen before."""

from __future__ import annotations

import json
import stat

import pytest

# Per language: the words on screen, and the turns to each kind of ending.
UI = {
    "en": {
        "start": "Rent arrears",
        "opening": "I got a letter",
        "reply": "It's the night shifts",
        "debrief": "Listening",
        "ended": {
            "good": "The meeting ended well.",
            "neutral": "The meeting ended.",
            "poor": "The meeting ended badly.",
        },
        "first": "How have things been for you lately?",
        "turn": {
            "good": "The night shifts and the rent letters have piled up on you.",
            "neutral": "Do you work nights?",
            "poor": "You need to sort out your post.",
        },
    },
    "fi": {
        "start": "Vuokrarästit",
        "opening": "Tuli kirje",
        "reply": "Ne yövuorot",
        "debrief": "Kuunte",
        "ended": {
            "good": "Tapaaminen päättyi hyvin.",
            "neutral": "Tapaaminen päättyi.",
            "poor": "Tapaaminen päättyi huonosti.",
        },
        "first": "Mistä sinä haluaisit tänään puhua?",
        "turn": {
            "good": "Yövuorot ja vuokrakirjeet ovat kasautuneet sinun päällesi.",
            "neutral": "Onko sulla yövuoroja?",
            "poor": "Sinun täytyy hoitaa postisi.",
        },
    },
}


def journals(home):
    return sorted((home / "sessions").glob("*.jsonl"))


def kinds(path) -> list[str]:
    return [json.loads(line)["kind"] for line in path.read_text().splitlines()]


@pytest.mark.parametrize("outcome", ["good", "neutral", "poor"])
@pytest.mark.parametrize("lang", ["en", "fi"])
def test_a_meeting_reaches_its_ending_and_the_debrief(terminal, home, library, lang, outcome):
    ui = UI[lang]
    terminal.start("play", str(library / f"{lang}-e2e.yaml"), lang=lang)
    terminal.wait_for(ui["start"])
    terminal.press("C-s")
    terminal.wait_for(ui["opening"])
    terminal.type(ui["first"])
    terminal.wait_for(ui["reply"])
    terminal.type(ui["turn"][outcome])
    shown = terminal.wait_for(ui["ended"][outcome])
    assert "Traceback" not in shown
    terminal.press("Enter")  # the way on has the focus
    terminal.wait_for(ui["debrief"])
    terminal.press("x")  # export the debrief
    terminal.wait_for("exports")
    exported = sorted(p.suffix for p in (home / "exports").iterdir())
    assert exported == [".html", ".md"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (home / "exports").iterdir())
    terminal.press("C-q")
    assert terminal.exit_code() == 0
    [journal] = journals(home)
    assert kinds(journal) == ["header", "turn", "turn", "end"]
    assert json.loads(journal.read_text().splitlines()[-1])["outcome"] == outcome


def test_an_interrupted_meeting_is_resumed_after_a_kill(terminal, home, library):
    ui = UI["en"]
    terminal.start("play", "--library", str(library), lang="en")
    terminal.wait_for(ui["start"])
    terminal.press("Enter")  # the top row: open its briefing
    terminal.wait_for("^s ")
    terminal.press("C-s")
    terminal.wait_for("I got a letter")
    terminal.type(ui["first"])
    terminal.wait_for("night shifts")
    terminal.kill_app()
    terminal.wait_for("__kohtaamo_exit=")
    [journal] = journals(home)
    assert kinds(journal) == ["header", "turn"]

    terminal.start("play", "--library", str(library), lang="en")
    terminal.wait_for(ui["start"])
    terminal.press("F2")
    terminal.wait_for("unfinished")
    # Under load CI once saw the History screen ignore a first 'r' (not reproduced since);
    # a person presses again, and so does the test, at most three times.
    for attempt in range(3):
        terminal.press("r")
        try:
            terminal.wait_for("night shifts", timeout=15)
            break
        except AssertionError:
            if attempt == 2:
                raise
    terminal.press("Up")  # the input remembers what was said before the kill
    terminal.wait_for(ui["first"])
    terminal.press("C-u")
    terminal.type(ui["turn"]["good"])
    terminal.wait_for(ui["ended"]["good"])
    terminal.press("Enter")
    terminal.wait_for(ui["debrief"])
    terminal.press("C-q")
    assert terminal.exit_code() == 0
    assert kinds(journal) == ["header", "turn", "turn", "end"]


def test_a_bundled_meeting_ended_early_opens_its_debrief(terminal, home):
    terminal.start(lang="fi")
    terminal.wait_for("Veikko", timeout=30)
    terminal.press("/")
    terminal.type("Veikko")  # Enter in the search opens the only match
    terminal.wait_for("^s ")
    terminal.press("C-s")
    terminal.wait_for("Kirjoita", timeout=30)
    terminal.type("Hei, mä oon Anna kotihoidosta. Miten teillä on mennyt?")
    terminal.wait_until_gone("kirjoittaa")
    terminal.press("Escape")
    terminal.wait_for("Päätetäänkö")
    terminal.press("k")
    terminal.wait_for("Kuunte")
    terminal.press("C-q")
    assert terminal.exit_code() == 0


def test_a_non_utf8_byte_typed_does_not_end_the_app(terminal, library):
    """One byte that is not UTF-8 (issue 18): was UnicodeDecodeError in Textual's input
    thread, the app gone with exit code 0."""
    terminal.start("play", str(library / "en-e2e.yaml"))
    terminal.wait_for(UI["en"]["start"])
    terminal.press("C-s")
    terminal.wait_for(UI["en"]["opening"])
    terminal.tmux("send-keys", "-t", terminal.session, "-H", "ff")  # a lone 0xFF byte
    terminal.type("How have things been for you lately?")
    shown = terminal.wait_for(UI["en"]["reply"])
    assert "Traceback" not in shown and terminal.alive()
    terminal.press("C-q")
    assert terminal.exit_code() == 0
