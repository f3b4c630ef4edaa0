"""A choice counts as stated only when the client says it (issue 14; the lead's play of Jordan,
stop 40): the machine came to `choice_point` on a turn whose words were an answer to something
else, and the debrief credited the worker with respecting a decision the client never voiced,
about a loan the worker never heard of."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.scenario.loader import load_scenario
from simulator.scoring import score, to_markdown
from simulator.session import Session

ROOT = Path(__file__).resolve().parent.parent
JORDAN = ROOT / "scenarios" / "en-income-support-young-adult.yaml"
MEETINGS = ROOT / "benchmarks" / "credibility_data" / "meetings"

PLAY = (
    "Hi, I'm Sam. Come and sit down. A letter from the landlord, and you want to ask about "
    "support - we can go through it together at your pace.",
    "Behind on the rent, a bit. That's a worrying letter to get.",
    "Asking doesn't come easy to you. You still came in though, that took something.",
    "No need to be sorry. A weird few weeks - what's been going on?",
    "Lost your job. That's a lot to land on you, and then the rent on top.",
    "The shifts just stopped and nobody told you anything. And now you're having to ask for "
    "help for the first time. That's hard.",
    "Fastest picker on nights - you were good at it, and you're proud of that.",
    "You've been carrying this on your own, even your mum doesn't know. How has that been for you?",
    "Forty quid, skipping meals so it stretches, and the rent hanging over you. Thank you for "
    "telling me straight. Would it be okay if I told you what we could do about the rent and "
    "about food today?",
    "So there are two things. I can start the income support claim with you today, and ask for "
    "an advance so something comes sooner. And there's a food bank voucher I can give you if "
    "you want one. Which would help most?",
    "Keeping the flat matters most to you. So shall we start with the claim and the advance, "
    "for the rent?",
    "Good. I'll need a few details - your name and date of birth, and the landlord's letter if "
    "you have it with you.",
    "It's your call how you go about it, you know your situation best.",
    "So, the claim today and the advance. Shall we book you in for Tuesday to check how it's "
    "going?",
)


def test_the_loan_and_the_decision_are_said_before_the_decision_counts():
    scenario = load_scenario(JORDAN)
    session = Session(scenario, seed=811110431, variant="flat")
    replies = [session.say(line) for line in PLAY]
    records = session.transcript.turns
    # t11: the proposal answered, the loan line passed over; t12: information does not carry
    # him on past the loan untold (a permission given at t9), and no decision is recorded
    assert replies[10].text == "Okay. That works." and replies[10].state == "debt_disclosure"
    assert replies[11].state == "debt_disclosure"
    assert all(record.choice_stated is None for record in records[:12])
    # t13: his decision about the loan comes with the loan itself, and counts from here
    decided = replies[12]
    assert decided.state == "choice_point"
    assert decided.text.startswith("There's... also a loan.")
    assert "I'll sort the loan out myself" in decided.text
    assert decided.text.index("also a loan") < decided.text.index("debt advice")
    assert records[12].choice_stated == "sort_it_myself"
    assert records[13].choices_active == ("sort_it_myself",)


def test_a_choice_the_client_never_said_is_not_respected_in_the_debrief():
    # A stored meeting (skilled, hen13): the loan was told, then the worker's plan, given
    # permission earlier, carried Jordan past his decision about it ("Okay. Can you write that
    # down?") and he never said it. The debrief credited "You respected what I had decided".
    meeting = json.loads(
        (MEETINGS / "en-income-support-young-adult-skilled-hen13-1.json").read_text()
    )
    scenario = load_scenario(JORDAN)
    session = Session(scenario, seed=meeting["seed"], variant=meeting["variant"])
    for line in meeting["turns"]:
        session.say(line)
    said = " ".join(turn.reply for turn in session.transcript.turns)
    assert "choice_point" in {turn.state_after for turn in session.transcript.turns}
    assert "debt advice place" not in said and "loan's mine" not in said
    assert all(turn.choice_stated is None for turn in session.transcript.turns)
    report = score(session.transcript, scenario)
    debrief = to_markdown(report, session.transcript, "en")
    assert "You respected what I had decided" not in debrief
    assert "Will deal with the loan alone" not in debrief
    assert "No choice was stated" in debrief
