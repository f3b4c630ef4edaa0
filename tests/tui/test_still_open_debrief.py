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


def shown_in_both_tabs(app, expected) -> tuple[str, str]:
    """The debrief's Summary and Moments tabs as words (lines wrap at the pane's width), each
    asserted to show every line of `expected`."""
    assert isinstance(app.screen, DebriefScreen)
    summary = " ".join(str(app.screen.query_one("#summary").render()).split())
    moments = " ".join(str(app.screen.query_one("#moments").render()).split())
    for line in expected:
        assert line in summary
        assert line in moments
    return summary, moments


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
                "letter (at the start: “Landlord sent a letter.”).",
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
                "letter (alussa: ”Landlord sent a letter.”).",
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
        summary, moments = shown_in_both_tabs(app, expected)
        # The Moments tab's missed cues, once shown as a bare "Cues missed: {cues}." heading.
        assert "{cues}" not in moments
        missed = {"en": "Cues missed: Rent", "fi": "Huomaamatta jääneet vihjeet: Rent"}[lang]
        assert missed in moments


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "- Veikko told you, but you did not take it up: Yksinäisyys (turn 8: “Joskus mä "
                "en puhu kenenkään kanssa viikkoon. … Radio on päällä, ettei oo niin hiljasta.”). "
                "It counted half: after Veikko first touched on it (turn 3), you reflected, but "
                "did not name it.",
                "- The way to a good ending from where Veikko stood: Veikko was waiting for "
                "emphasising autonomy, asking permission, offering options or seeking "
                "collaboration; then 2 more steps and your goodbye.",
                "You closed well, but too soon for Veikko",
            ],
        ),
        (
            "fi",
            [
                "- Veikko kertoi, mutta et tarttunut siihen: Yksinäisyys (vuoro 8: ”Joskus mä en "
                "puhu kenenkään kanssa viikkoon. … Radio on päällä, ettei oo niin hiljasta.”). Se "
                "laskettiin puoliksi: kun Veikko ensi kerran vihjasi siihen (vuoro 3), heijastit, "
                "mutta et nimennyt sitä.",
                "- Tie hyvään loppuun siitä, mihin Veikko jäi: Veikko odotti: itsemääräämisen "
                "korostus, luvan kysyminen, vaihtoehtojen tarjoaminen tai yhteistyön hakeminen; "
                "sitten vielä 2 askelta ja hyvästely.",
                "Lopetit hyvin, mutta liian aikaisin",
            ],
        ),
    ],
)
@run_async
async def test_the_veikko_play_debrief_names_the_loneliness_and_the_way(home, lang, expected):
    """The lead's tmux play at 01d2f59 (tests/test_still_open_way.py), its debrief opened in
    the app: the loneliness quoted with its turn, the way from the choice point."""
    from test_still_open_way import VEIKKO_SEED, VEIKKO_TURNS

    from simulator.scenario.loader import load_scenario
    from simulator.session import Session

    scenario = load_scenario(bundled_scenarios_dir() / "fi-kotikaynti-yksin-asuva.yaml")
    session = Session(scenario, seed=VEIKKO_SEED, variant="surullinen")
    for line in VEIKKO_TURNS:
        session.say(line)
    assert session.transcript.outcome == "neutral"
    app = make_app(home, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_debrief(session.transcript, scenario)
        await settle(pilot)
        summary, moments = shown_in_both_tabs(app, expected)
        assert "The goal, not yet reached" not in summary
        assert "Tavoite, johon ei vielä päästy" not in summary
