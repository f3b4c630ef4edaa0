"""A student closes kindly with a plan, but early (turn 2, the opening cue not taken up): the
debrief's summary and "The ending" say what was still open for this client and what went
well, in the UI language."""

from __future__ import annotations

import pytest
from tuihelpers import make_app, run_async, settle, start_meeting, type_text

from simulator.scenario.paths import bundled_scenarios_dir
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen

TURNS = [
    "Hi Jordan, come and sit down. What brings you in today?",
    "So: the claim today, the advance, and I call you on Thursday. Take care, see you Thursday.",
]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "Still open when you left:",
                "- Jordan had not yet told you about: Has not told their mum. (Jordan tells it "
                "only once trust has grown.)",
                "- Jordan told you, but you did not take it up: Rent arrears and the landlord's "
                "letter.",
                "What went well in how you closed:",
                "+ You put a plan together before leaving (turn 2, read as: structuring).",
                "You closed well, but too soon for Jordan",
            ],
        ),
        (
            "fi",
            [
                "Vielä kesken, kun lähdit:",
                "- Jordan ei ollut vielä kertonut: Has not told their mum. (Jordan kertoo sen "
                "vasta, kun luottamus kasvaa.)",
                "- Jordan kertoi, mutta et tarttunut siihen: Rent arrears and the landlord's "
                "letter.",
                "Mikä lopetuksessa onnistui:",
                "+ Kokosit suunnitelman ennen lähtöä (vuoro 2, luettiin: jäsentäminen).",
                "Lopetit hyvin, mutta liian aikaisin",
            ],
        ),
    ],
)
@run_async
async def test_the_debrief_says_what_was_still_open(home, lang, expected):
    app = make_app(
        home,
        lang=lang,
        scenario_file=bundled_scenarios_dir() / "en-income-support-young-adult.yaml",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for text in TURNS:
            await type_text(pilot, text)
        assert screen.session.ended and screen.session.outcome == "neutral"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        # Lines wrap at the pane's width: compare the words.
        summary = " ".join(str(app.screen.query_one("#summary").render()).split())
        moments = " ".join(str(app.screen.query_one("#moments").render()).split())
        for line in expected:
            assert line in summary
            assert line in moments
        # The Moments tab's missed cues, once shown as a bare "Cues missed: {cues}." heading.
        assert "{cues}" not in moments
        missed = {"en": "Cues missed: Rent", "fi": "Huomaamatta jääneet vihjeet: Rent"}[lang]
        assert missed in moments
