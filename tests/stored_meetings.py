"""The stored meetings (benchmarks/credibility_data), played again through Session with the
real recognizer as their writers typed them: what the tests of judged misfits replay."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.scenario.loader import load_scenario
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "credibility_data"
MEETINGS = DATA / "meetings"
#: the blind tester's own plays in the TUI (tui_plays/README.md)
TUI_PLAYS = DATA / "tui_plays" / "meetings"


def play(meeting_id: str, turns: int, folder: Path = MEETINGS) -> tuple[Session, list[str]]:
    """The session after the meeting's first `turns` worker turns, and the client's replies."""
    meeting = json.loads((folder / f"{meeting_id}.json").read_text(encoding="utf-8"))
    scenario = load_scenario(ROOT / "scenarios" / f"{meeting['scenario']}.yaml")
    session = Session(scenario, seed=meeting["seed"], variant=meeting.get("variant"))
    return session, [session.say(worker).text for worker in meeting["turns"][:turns]]


def replies(meeting_id: str, turns: int, folder: Path = MEETINGS) -> list[str]:
    """The client's replies to the meeting's first `turns` worker turns."""
    session, said = play(meeting_id, turns, folder)
    session.close()
    return said
