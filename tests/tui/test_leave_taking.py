"""A student says goodbye in the app: the meeting ends and the debrief says how (issue 14)."""

from __future__ import annotations

import pytest
from tuihelpers import make_app, run_async, settle, start_meeting, type_text

from simulator.scenario.paths import bundled_scenarios_dir
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen


@pytest.mark.parametrize(
    ("lang", "file", "turns", "said"),
    [
        (
            "en",
            "en-humiliated-before.yaml",
            ["Hello Denise, I'm Sam from the adult care team.", "Goodbye."],
            "You left the meeting at turn 2 (“goodbye”) before the work was done",
        ),
        (
            "fi",
            "fi-lastensuojelu-ensitapaaminen.yaml",
            ["Hei, mä oon Anna lastensuojelusta.", "Kiitos, nähdään ensi viikolla"],
            "Lähdit tapaamisesta kesken vuorolla 2 (”nähdään ensi viikolla”)",
        ),
    ],
)
@run_async
async def test_a_goodbye_ends_the_meeting_and_the_debrief_says_how(home, lang, file, turns, said):
    app = make_app(home, lang=lang, scenario_file=bundled_scenarios_dir() / file)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for text in turns:
            await type_text(pilot, text)
        assert screen.session.ended and screen.session.outcome == "neutral"
        ending = str(screen.query_one(".ending-text").render())
        assert said in ending  # the meeting screen says it at once
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert said in summary
