"""Turns reported misread in free-text play, one test per general rule behind them."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer


def moves(lang: str, text: str, client: str = "") -> set[str]:
    return set(get_recognizer(lang).recognize(text, client_before=client).moves)


def topics(lang: str, text: str, words: list[str]) -> tuple[str, ...]:
    return get_recognizer(lang).recognize(text, topics={"t": words}).topics


# -- judging the client or their act blames ----------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "You're being selfish.", "I just want some time for myself."),
        ("en", "You're overreacting.", "They treat me like a criminal!"),
        ("en", "That's neglect.", "He had crisps for breakfast, so what."),
        ("en", "You're making a stupid mistake.", "I'm going to quit the course."),
        ("fi", "Sinä olet itsekäs.", "Mä haluan vaan vähän omaa aikaa."),
        ("fi", "Se oli hölmö päätös.", "Mä lopetin koulun kesken."),
        ("fi", "Sinä et koskaan kuuntele mitä sanotaan.", "En muista et siitä puhuttiin."),
    ],
)
def test_a_judgement_of_the_client_confronts(lang: str, text: str, client: str) -> None:
    assert moves(lang, text, client) == {"confront"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "You're not lazy, you're exhausted."), ("fi", "Et sinä ole laiska.")],
)
def test_a_denied_judgement_does_not_blame(lang: str, text: str) -> None:
    assert "confront" not in moves(lang, text, "I can't get anything done.")


def test_a_blaming_turn_uses_the_clients_words_as_its_premise_not_as_a_reflection() -> None:
    got = moves(
        "fi",
        "Kahdeksanvuotiaan kuuluu saada aamupala ennen koulua. Sinä olet laiminlyönyt sen.",
        "Ei se aina ehdi syödä, aamut on kiireisiä.",
    )
    assert got == {"confront"}


# -- threats and pressure push -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "If this doesn't change I'll have to call social services."),
        ("en", "Think about what this is doing to your daughter."),
        ("fi", "Jos tämä ei muutu, joudun tekemään lastensuojeluilmoituksen."),
        ("fi", "Ymmärrä nyt, että haluamme vain auttaa."),
    ],
)
def test_a_threat_or_guilt_pushes(lang: str, text: str) -> None:
    assert moves(lang, text, "I'm not changing anything.") == {"persuade"}


# -- brushing aside -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("fi", "Ei tässä nyt mitään draamaa tarvita.", "Te viette multa kaiken!"),
        ("fi", "Ei tollasesta kannata itkeä.", "Mua itkettää koko ajan."),
        ("fi", "Noh, mennään sitten seuraavaan kohtaan.", "Mä oon ollut tosi yksinäinen."),
        ("en", "Lots of people have it worse.", "I feel terrible."),
    ],
)
def test_brushing_a_feeling_aside_dismisses(lang: str, text: str, client: str) -> None:
    assert moves(lang, text, client) == {"dismiss"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What else is on your mind about the money?", {"open_question"}),
        ("What else would help?", {"seek_collaboration"}),
        ("Yeah, that happens to everyone. What else?", {"dismiss"}),
    ],
)
def test_what_else_asks_unless_it_follows_a_brush_off(text: str, expected: set[str]) -> None:
    assert moves("en", text, "The rent is late again and I can't sleep.") == expected


def test_finnish_mita_muuta_asks() -> None:
    got = moves("fi", "Mitä muuta sulla on mielessä rahasta?", "Rahat on loppu.")
    assert got == {"open_question"}


# -- reflections without an opener -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Pelkäät menettäväsi lapsesi.", "Mitä jos ne vie mun lapset?"),
        (
            "Olet kantanut tätä kaikkea keväästä asti aika yksin.",
            "Keväästä asti mä oon hoitanut kaiken.",
        ),
        ("Tuntuu, ettei kukaan kuuntele.", "Mä oon sanonut tän kolme kertaa eikä mitään tapahdu."),
        ("Tää on tosi tärkeetä sulle.", "Mä haluun olla hyvä äiti."),
    ],
)
def test_second_person_and_feeling_statements_reflect_and_add_meaning(
    text: str, client: str
) -> None:
    assert moves("fi", text, client) == {"complex_reflection"}


def test_kuulostaa_pahalta_is_sympathy() -> None:
    # The lead's decision (stop 40), as the labelled sets read "Kuulostaa X-lta.": support
    # ("Kuulostaa tosi raskaalta." twice, "Kuulostaa rankalta.", "Kuulostaa pelottavalta.",
    # "Kuulostaa uuvuttavalta."; "Kuulostaa tosi yksinäiseltä." alone complex_reflection); a
    # reflection beside it is fine.
    got = get_recognizer("fi").recognize(
        "Kuulostaa tosi pahalta.", client_before="Poika sanoi et se ei halua enää nähdä mua."
    )
    assert "support" in got.moves
    assert set(got.moves) <= {"support", "complex_reflection", "simple_reflection"}
    assert got.mode == "encountering"


def test_a_sentence_about_the_worker_is_no_reflection() -> None:
    got = moves(
        "en", "No. Nobody is taking Omar. I want to help your family.", "Will you take Omar?"
    )
    assert got == {"give_information"}


# -- helpful moves -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "It took something to come in today.", {"affirmation"}),
        ("en", "Yes. Exactly right. You said it very well.", {"affirmation"}),
        ("en", "I could help you work out what to say to your landlord.", {"offer_options"}),
        ("fi", "Olet tehnyt tänään paljon. Kiitos.", {"affirmation"}),
        ("en", "Sign here, please.", {"give_information"}),
        ("fi", "Allekirjoita tähän.", {"give_information"}),
        ("fi", "Tämä on selvitys siitä, millaista tukea perhe tarvitsee.", {"give_information"}),
        ("en", "A day centre would be best for Derek.", {"advice"}),
        ("en", "Maybe try going to bed earlier.", {"advice"}),
        ("fi", "Hae asumistukea, se auttaa vuokraan.", {"advice"}),
    ],
)
def test_helpful_moves_in_plain_words(lang: str, text: str, expected: set[str]) -> None:
    assert moves(lang, text, "I don't know what to do.") == expected


def test_an_hour_about_the_client_structures_and_leaves_the_decisions_to_them() -> None:
    text = "This hour is about what you and Derek need, and nothing gets decided without you."
    assert moves("en", text, "What is this meeting for?") == {"structuring", "emphasize_autonomy"}


# -- fixing the next meeting structures; giving time to think is another move ------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Soitan ensi viikolla."),
        ("fi", "Palataan tähän kahden viikon päästä."),
        ("en", "We'll come back to this in two weeks."),
        ("en", "I'll call you next week."),
    ],
)
def test_fixing_the_next_contact_structures(lang: str, text: str) -> None:
    assert moves(lang, text, "Okay.") == {"structuring"}


def test_coming_back_later_without_hurry_still_offers_time() -> None:
    got = moves("en", "We can come back to this next time, there's no rush.", "I can't decide.")
    assert got == {"offer_time"}


# -- topics match on stems, not on shared first letters ----------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("We can get you an interpreter.", "intervention"),
        ("You are safe here.", "safeguarding"),
        ("Well done for coming.", "wellbeing"),
        ("Let me explain the process.", "procedure"),
        ("Thanks for your attention.", "attendance"),
    ],
)
def test_english_words_sharing_a_head_are_different_topics(text: str, topic: str) -> None:
    assert topics("en", text, [topic]) == ()


@pytest.mark.parametrize(
    ("lang", "text", "topic"),
    [
        ("en", "How are the kids?", "kid"),
        ("en", "Is the rent still late?", "rents"),
        ("fi", "Ootko hakenut töitä?", "työ"),
        ("fi", "Kiinnostaisko sua kurssille meno?", "kiinnostaa"),
    ],
)
def test_inflected_forms_still_find_their_topic(lang: str, text: str, topic: str) -> None:
    assert topics(lang, text, [topic]) == ("t",)


# -- sentence form over set phrases --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "client", "expected"),
    [
        # an embedded question after a main clause states what the client wonders or fears
        (
            "fi",
            "Mietit, onko tää oikeesti ongelma.",
            "En tiedä onko tää ongelma.",
            "simple_reflection",
        ),
        (
            "fi",
            "Pelkäät, mitä tapahtuu jos lopetat.",
            "Mitä mä olisin ilman sitä?",
            "complex_reflection",
        ),
        # ...but a greeting before the comma is no main clause
        ("en", "hiya, what's been going on for you", "", "open_question"),
        # hesitation sounds do not hide the asking word
        ("en", "So, um, what brings you in today?", "Hi.", "open_question"),
    ],
)
def test_embedded_questions_state_and_greetings_still_ask(
    lang: str, text: str, client: str, expected: str
) -> None:
    assert expected in moves(lang, text, client)


@pytest.mark.parametrize(
    ("lang", "text", "client", "expected"),
    [
        (
            "fi",
            "Ootko yrittänyt lopettaa aiemmin?",
            "Mä poltan askin päivässä.",
            {"closed_question"},
        ),
        (
            "fi",
            "Onks tää jotain mitä haluisit työstää",
            "Verenpaine on korkea.",
            {"closed_question"},
        ),
        (
            "fi",
            "Millaista sun elämä olis, jos saisit päättää?",
            "En halua olla tällanen.",
            {"open_question"},
        ),
        ("en", "Don't go back to him.", "I'm thinking of going back.", {"advice"}),
        ("fi", "Älä mene takaisin sen luo.", "Mä mietin et meniskö takaisin.", {"advice"}),
        ("en", "Stop drinking before bed and you'll sleep better.", "I can't sleep.", {"advice"}),
        ("en", "Are you even trying?", "I forgot again.", {"confront"}),
        ("fi", "Yritätkö sä edes?", "Mä unohdin taas.", {"confront"}),
        ("fi", "Kiitos kun odotit.", "Hei.", {"greeting"}),
        ("fi", "Moi Maria, tuu sisään ja istu alas.", "Moi.", {"greeting"}),
    ],
)
def test_sentence_form_decides_the_move(
    lang: str, text: str, client: str, expected: set[str]
) -> None:
    assert moves(lang, text, client) == expected


def test_a_client_turn_of_little_words_can_still_be_reflected() -> None:
    got = moves("en", "You feel like you've let your kids down.", "I wasn't there for them.")
    assert got == {"complex_reflection"}


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "en",
            "So, to sum up, the rent is late, your hours were cut and you're not sleeping.",
            "The rent is late, they cut my hours, and I'm not sleeping.",
        ),
        (
            "en",
            "Let me see if I've got this: you want to stay at home, "
            "but the stairs are getting hard.",
            "I want to stay here, but the stairs are hard now.",
        ),
        (
            "fi",
            "Eli jos kokoan: aamut on kiireisiä, mies on reissussa ja sä oot väsynyt. "
            "Meneekö oikein?",
            "Aamut on kiireisiä, mies on reissussa ja mä oon ihan väsynyt.",
        ),
    ],
)
def test_summaries_are_summaries_not_information(lang: str, text: str, client: str) -> None:
    got = moves(lang, text, client)
    assert "summary" in got
    assert got <= {"summary", "closed_question"}


def test_would_that_help_after_an_offer_asks() -> None:
    assert moves("en", "Would that help?", "I don't know how to tell him.") == {"closed_question"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Excuse me, is this room free?"),
        ("en", "You feel useless."),
        ("en", "You were neglected as a child."),
        ("en", "That was a dramatic change."),
        ("fi", "Sinua laiminlyötiin lapsena."),
        ("fi", "Haluan kuulla selityksesi."),
    ],
)
def test_judgement_words_in_other_roles_blame_no_one(lang: str, text: str) -> None:
    assert "confront" not in moves(lang, text, "I feel like nobody cares.")


@pytest.mark.parametrize(
    ("lang", "text", "client", "greets"),
    [
        # the worker's first turn after the client's opening words (lead's plays, stop 39:
        # 28 of 164 stored meetings lost the greeting at turn 1, 'Hi Lee, I'm Alex. Thanks for
        # seeing me.' read as nothing at all)
        ("en", "Hi Lee, I'm Alex. Thanks for seeing me.", "Alright. Let me guess.", True),
        ("fi", "Hei Veikko, mä oon Sanna kotihoidosta.", "Kas, sieltähän se tulee.", True),
        # mid-meeting the particle only calls for attention
        ("en", "Hey, I think we should move on to the form.", "I don't know.", False),
        ("en", "Hey, let's not dwell on that.", "It was awful.", False),
        ("fi", "Hei kuule, ei jäädä tähän.", "Se oli kamalaa.", False),
    ],
)
def test_hi_and_a_name_greet_after_the_clients_first_words(
    lang: str, text: str, client: str, greets: bool
) -> None:
    moves = get_recognizer(lang).recognize(text, client_before=client).moves
    assert ("greeting" in moves) is greets


@pytest.mark.parametrize(
    ("text", "client", "pushes"),
    [
        # what the client asked for, booked and put to them (lead's Veikko play, stop 39: read
        # as persuade, the debrief's client said "My view didn't seem to matter")
        (
            "Mä laitan rannekkeen tilaukseen ja selvitän koiranulkoilutuksen. Käykö?",
            "Jos sen rannekkeen sais. Ja joku vois talvella käydä Napin kanssa, kun on liukasta.",
            False,
        ),
        # the same without the check, or a check after a thing never asked for (recognizer_meet1)
        (
            "Mä laitan rannekkeen tilaukseen ja selvitän koiranulkoilutuksen.",
            "Jos sen rannekkeen sais. Ja joku vois talvella käydä Napin kanssa, kun on liukasta.",
            True,
        ),
        (
            "Mä laitan sen nyt tilaukseen, se on maksuton kokeilu kuukauden. Sopiiko?",
            "Hm. Vai niin.",
            True,
        ),
    ],
)
def test_a_booking_the_client_asked_for_put_to_them_is_no_push(
    text: str, client: str, pushes: bool
) -> None:
    moves = get_recognizer("fi").recognize(text, client_before=client).moves
    assert ("persuade" in moves) is pushes


@pytest.mark.parametrize(
    ("text", "client", "wrong"),
    [
        # lead's Lee play, stop 39: a kind reflection read as blame by "you have let", a
        # reflection as information by "your name and"
        (
            "Thank you for telling me that. It scared you more than you've let anyone see.",
            "Truth is, the overdose scared me more than I let on.",
            "confront",
        ),
        (
            "That's a lot to carry. Waking up to a nurse shouting your name, and Danny having "
            "found you blue.",
            "Danny found me. He said I was blue. I just woke up with a nurse shouting my name.",
            "give_information",
        ),
    ],
)
def test_a_reflection_holding_a_blame_or_form_phrase_word_for_word_is_neither(
    text: str, client: str, wrong: str
) -> None:
    assert wrong not in get_recognizer("en").recognize(text, client_before=client).moves


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("You've let things slide, and you've let everyone down.", "confront"),
        ("First bit is your name and date of birth.", "give_information"),
    ],
)
def test_the_blame_and_form_phrases_still_read(text: str, move: str) -> None:
    assert move in get_recognizer("en").recognize(text, client_before="Right.").moves
