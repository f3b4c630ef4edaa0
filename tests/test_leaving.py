"""Leave-taking read from the worker's words (simulator/language/leaving.py), both languages."""

from __future__ import annotations

import pytest

from simulator.language.leaving import detect, is_leaving

LEAVING_EN = [
    "Goodbye.",
    "See you Thursday",
    "take care",
    "Okay, thanks, bye then!",
    "Thanks for today, Denise. I'll ring you on Thursday.",
    "See you Thursday, is that okay?",
    "Let's stop here for today.",
    "Right, I think we'll leave it there for today. Take care.",
    "I'll see you next week then.",
    "Have a good weekend, Lee.",
    "So I'll call you Thursday. Bye!",
    "Sorry, we're out of time. Bye now!",
    "Thanks for coming in.",  # from the third turn on
    "Take care of yourself, yeah?  Say hi to Danny.",
    "Okay, catch you later.",
    "Cheerio, then.",
    "Right, that's all, bye.",  # the lead's tmux play (stop 41): got "Yeah?"
    "Right, that's everything, thanks for coming.",
]
STAYING_EN = [
    "Goodbye is hard for you",
    "I need to go through the forms with you",
    "You need to take care of yourself",
    "Take care of the paperwork before Thursday",
    "How did you say goodbye to him?",
    "Bye for now - but how is Derek?",
    "Bye. Wait, one more thing: when is the appointment?",
    "See you're tired.",
    "Hi, thanks for coming in. How are you?",
    "Nothing else?",
    "What would you like to talk about today?",
    "We can leave it there.",  # drops a subject, not the meeting (blind meeting, Lee t21)
    "Okay, we can leave it there. What helps you sleep?",
    "That's all I wanted to ask. How are you feeling?",
]
LEAVING_FI = [
    "Kiitos, nähdään ensi viikolla",
    "Hyvä. Kiitos kahvista, näkemiin.",  # a home visit's goodbye (test meeting, issue 14)
    "Kiitos ajasta, nähdään.",
    "Ei muuta tällä kertaa, nähdään",
    "hei hei",
    "moikka",
    "Näkemiin!",
    "Hyvää päivänjatkoa!",
    "Lopetetaan tähän tältä päivältä.",
    "Pärjäile!",
    "Nähdään torstaina, sopiiko?",
    "Mun pitää nyt lähteä, soitan torstaina.",
    "Kiitos tapaamisesta. Nähdään.",
    "Okei, moikka!",
    "Jätetään tähän.",
    "Okei, soitellaan!",
    "Kuullaan taas.",
    "Hei sitten.",
    "Okei, hei vaan!",
    "No niin, siinä kaikki, moikka.",  # "that's all" before the goodbye (stop-41 review)
]
STAYING_FI = [
    "Nähdään, miten käy.",
    "Kiitos kahvista!",  # said as the coffee is poured: thanks, not a goodbye
    "Kiitos kahvista. Mitä te teette päivisin?",
    "Ei mitään muuta?",
    "Ei muuta kuin soitat minulle.",
    "Kiitos tästä, että kerroit.",
    "Hei, mitä kuuluu?",
    "Nähdään torstaina. Miten Veikko voi?",
    "Tänään vaan jutellaan, ei muuta.",
    "Mitä sinulle kuuluu tänään?",
    "Siinä kaikki mitä mä tiedän.",
]


@pytest.mark.parametrize("text", LEAVING_EN)
def test_english_leave_taking_is_read(text: str) -> None:
    assert is_leaving(text, "en", turn=6)


@pytest.mark.parametrize("text", STAYING_EN)
def test_english_turns_that_go_on_are_not_leaving(text: str) -> None:
    assert not is_leaving(text, "en", turn=6)


@pytest.mark.parametrize("text", LEAVING_FI)
def test_finnish_leave_taking_is_read(text: str) -> None:
    assert is_leaving(text, "fi", turn=6)


@pytest.mark.parametrize("text", STAYING_FI)
def test_finnish_turns_that_go_on_are_not_leaving(text: str) -> None:
    assert not is_leaving(text, "fi", turn=6)


def test_words_that_also_greet_leave_only_later_in_the_meeting() -> None:
    # "Moikka!" and "Thanks for coming in" open a meeting as often as they close one.
    for turn in (1, 2):
        assert not is_leaving("Moikka!", "fi", turn)
        assert not is_leaving("Hei hei!", "fi", turn)
        assert not is_leaving("Thanks for coming in.", "en", turn)
        # a worker who opens with it ("Hi Lee, I'm Alex. Thanks for seeing me.") has just come
        assert not is_leaving("Hi Lee, I'm Alex. Thanks for seeing me.", "en", turn)
        assert not is_leaving("Thank you for meeting me today.", "en", turn)
    assert is_leaving("Moikka!", "fi", 3)
    assert is_leaving("Thanks for seeing me, Lee.", "en", 8)
    # An unambiguous goodbye leaves whenever it is said.
    assert is_leaving("Goodbye.", "en", 1)
    assert is_leaving("Näkemiin.", "fi", 1)


def test_cheers_that_thanks_and_goes_on_does_not_end_the_meeting() -> None:
    # Stop 44's blind round: a skilled Lee meeting ended neutral on "Cheers Lee, that means
    # something. So I'll ring your methadone nurse... That okay?", thanks for his thanks.
    goes_on = (
        "Cheers Lee, that means something. So I'll ring your methadone nurse and ask for a "
        "review of your dose, and tell them you asked for it. That okay?"
    )
    assert not is_leaving(goes_on, "en", 16)
    assert not is_leaving("Cheers for that, it really helps.", "en", 16)
    for parting in ("Cheers, then.", "Okay, cheers.", "Cheers, see you Thursday.", "Cheers Lee."):
        assert is_leaving(parting, "en", 16)
    assert not is_leaving("Cheers, then.", "en", 1)


def test_the_words_read_as_leave_taking_are_named() -> None:
    found = detect("Okei, kiitos. Ei muuta tällä kertaa, nähdään!", "fi", 8)
    assert found is not None and found.words == "nähdään"
    found = detect("Right then, see you on Thursday at ten.", "en", 8)
    assert found is not None and found.words == "see you on thursday at ten"


def test_the_clients_name_may_stand_among_the_lead_ins() -> None:
    # "Kiitos Jenni, nähdään ensi viikolla." is how a worker says goodbye; without the name
    # the first clause ("Kiitos Jenni") read as talk, and the goodbye did not count.
    assert detect("Kiitos Jenni, nähdään ensi viikolla.", "fi", 12, ("Jenni",)) is not None
    assert detect("Okei Mikko, kiitti, nähdään maanantaina!", "fi", 12, ("Mikko",)) is not None
    assert detect("Thanks Lee, see you Thursday.", "en", 12, ("Lee",)) is not None
    assert detect("Kiitos Jenni, nähdään ensi viikolla.", "fi", 12) is None  # no name given
    # the name does not make talk into leave-taking
    assert detect("Kiitos Jenni, että kerroit.", "fi", 12, ("Jenni",)) is None
    assert detect("Jenni, miten nähdään ensi kerralla?", "fi", 12, ("Jenni",)) is None


def test_a_session_hears_the_goodbye_that_names_its_client() -> None:
    from simulator.scenario.loader import load_scenario
    from simulator.scenario.paths import bundled_scenarios_dir
    from simulator.session import Session

    scenario = load_scenario(bundled_scenarios_dir() / "fi-lastensuojelu-ensitapaaminen.yaml")
    session = Session(scenario, seed=1)
    assert session.leaving("Kiitos Jenni, nähdään ensi viikolla.") == "nähdään ensi viikolla"
