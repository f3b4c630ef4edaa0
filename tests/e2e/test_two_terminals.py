"""Two installed `kohtaamo` on one data folder at once (issue 18): a student opens two
terminals and plays a meeting in each, turn by turn in turns. Both transcripts are kept
whole, both meetings end with their end line, and the history of a third start lists both."""

from __future__ import annotations

import json

from terminal import Terminal


def test_two_apps_on_one_data_folder_keep_both_meetings(terminal, home, library):
    second = Terminal(home)
    try:
        for term in (terminal, second):
            term.start("play", str(library / "en-e2e.yaml"), lang="en")
            term.wait_for("Rent arrears")
            term.press("C-s")
            term.wait_for("I got a letter")
        for term in (terminal, second):
            term.type("How have things been for you lately?")
        for term in (terminal, second):
            term.wait_for("It's the night shifts")
        terminal.type("The night shifts and the rent letters have piled up on you.")
        second.type("You need to sort out your post.")
        terminal.wait_for("The meeting ended well.")
        second.wait_for("The meeting ended badly.")
        for term in (terminal, second):
            term.press("Enter")
            term.wait_for("Listening")
            term.press("C-q")
            assert term.exit_code() == 0
    finally:
        second.close()
    journals = sorted((home / "sessions").glob("*.jsonl"))
    lines = [[json.loads(x) for x in p.read_text().splitlines()] for p in journals]
    assert [[e["kind"] for e in j] for j in lines] == [["header", "turn", "turn", "end"]] * 2
    assert sorted(j[-1]["outcome"] for j in lines) == ["good", "poor"]

    terminal.start("play", str(library / "en-e2e.yaml"), lang="en")
    terminal.wait_for("Rent arrears")
    terminal.press("F2")
    terminal.wait_for("History")
    # The list is read in a worker after the screen is drawn: wait for the rows themselves
    # (CI once caught the title before the table was filled).
    shown = terminal.wait_for_count("Rent arrears", 2)
    assert "unfinished" not in shown
    terminal.press("C-q")
    assert terminal.exit_code() == 0
