"""The recognizer on spoken counselling talk and on wordings its own corpus did not use.

Each case checks a general rule (fillers, back-channels, answers to a client's question,
"I hear you, but...", summaries by listed clauses, blame in rhetorical questions), not a
memorised sentence; docs/recognizer.md describes the rules.
"""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer


def read(lang: str, text: str, client: str = "") -> tuple[list[str], str | None]:
    got = get_recognizer(lang).recognize(text, client_before=client)
    return list(got.moves), got.mode


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Mm-hmm."),
        ("en", "Uh-huh. Yeah."),
        ("en", "Okay, great."),
        ("en", "I see."),
        ("fi", "Mm."),
        ("fi", "Joo. Mm."),
        ("fi", "Okei, hyvä."),
        ("fi", "Aha."),
    ],
)
def test_bare_back_channels_make_no_move(lang: str, text: str) -> None:
    client = "And then he just left." if lang == "en" else "Ja sit se vaan lähti."
    assert read(lang, text, client) == ([], None)


def test_a_dismissive_yeah_yeah_is_still_a_brush_off() -> None:
    assert read("en", "Yeah, yeah.", "It's been hard.")[0] == ["dismiss"]


@pytest.mark.parametrize(
    ("lang", "text", "client", "expected"),
    [
        ("en", "Um, so, you know, what's been hardest this week?", "It's been a week.", "open"),
        ("en", "Right, and, like, how did the kids take it?", "We told them.", "open"),
        ("fi", "Tota noin, mikä tässä viikossa on ollu raskainta?", "Tää viikko.", "open"),
        ("fi", "Öö, siis miten lapset niinku otti sen?", "Me kerrottiin.", "open"),
    ],
)
def test_fillers_do_not_hide_the_asking_word(
    lang: str, text: str, client: str, expected: str
) -> None:
    assert read(lang, text, client)[0] == [f"{expected}_question"]


def test_niinku_is_a_filler_not_a_comparison() -> None:
    # "niinku" would otherwise normalise to "niin kuin", and "kuin" infers.
    moves, _ = read(
        "fi",
        "Niinku, pelaaminen tavallaan sammuttaa sun pään hetkeks.",
        "Pelaaminen sammuttaa mun pään.",
    )
    assert moves == ["simple_reflection"]


def test_a_lead_in_before_the_asking_word_decides_open_or_closed() -> None:
    text = "And so, when you say you've had enough of him, what would that look like?"
    assert read("en", text, "I've had enough of him.")[0] == ["open_question"]
    scale = "On a scale of zero to ten, how ready are you to try?"
    assert read("en", scale, "I might try.")[0] == ["closed_question"]


def test_without_a_question_mark_a_wh_clause_with_its_own_subject_states() -> None:
    text = "When you skip meals, your blood sugar drops, and that can make the shakes worse."
    assert read("en", text, "Why do I get the shakes?")[0] == ["give_information"]


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "The letter usually comes about a week before.", "How will I know when it is?"),
        ("en", "the payment normally lands on the first", "when does the money come"),
        ("fi", "Kutsukirje tulee yleensä noin viikkoa ennen.", "Mistä mä tiedän koska se on?"),
    ],
)
def test_a_plain_answer_to_the_clients_question_informs(lang: str, text: str, client: str) -> None:
    assert read(lang, text, client)[0] == ["give_information"]


def test_a_statement_after_a_client_clause_starting_with_when_is_no_answer() -> None:
    moves, _ = read("en", "So the drinking helps you forget for a while.", "When I drink I forget.")
    assert moves == ["simple_reflection"]


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "I hear you. But you need to get those payslips in by Monday.", "My dad's ill."),
        ("fi", "Ymmärrän. Mut sun pitää tuoda ne palkkakuitit maanantaina.", "Isä on sairaana."),
    ],
)
def test_i_hear_you_but_then_advice_brushes_the_client_aside(
    lang: str, text: str, client: str
) -> None:
    moves, mode = read(lang, text, client)
    # The brush-off is what this asks for, beside the advice. "Mut sun pitää..." sets the
    # worker's must against what came before, which presses (`pressure`, rules39: every labelled
    # turn with it, 47, pushes or blames), so the Finnish advice is read as persuade; the push
    # head trained on the training corpora (push33) heard it as pressing already.
    assert "dismiss" in moves and {"advice", "persuade"} & set(moves) and mode == "rejecting"


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "en",
            "So you're tired of the rows, you want your partner to back you up, and you'd like "
            "bedtime to be calmer.",
            "Bedtime is a war zone.",
        ),
        (
            "fi",
            "Eli sä oot väsyny riitoihin, sä haluut et sun puoliso tukee sua, ja sä toivot et "
            "iltaan tulis rauhaa.",
            "Nukkumaanmeno on yhtä sotaa.",
        ),
    ],
)
def test_three_things_about_the_client_listed_make_a_summary(
    lang: str, text: str, client: str
) -> None:
    assert read(lang, text, client)[0] == ["summary"]


def test_subordinate_clauses_and_a_so_conclusion_are_no_list() -> None:
    fears = "Sä mietit, että jos sä kerrot koululle, ne soittaa meille."
    assert read("fi", fears, "En tiiä pitäiskö mun sanoo.")[0] == ["complex_reflection"]
    own = "You stayed clean through Christmas, you went to every meeting, so you know you can."
    # Praise, no summary; the learned gate also reads its first clause as giving the client's
    # words back ("stayed clean ... Christmas": a simple reflection beside the affirmation).
    got = read("en", own, "I stayed clean over Christmas.")[0]
    assert "affirmation" in got and "summary" not in got
    assert set(got) <= {"affirmation", "simple_reflection"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Don't you think it's about time you took some responsibility?"),
        ("en", "You can't seriously think that's okay."),
        ("en", "I honestly don't see what's so hard about filling in one form."),
        ("fi", "Eikö sun pitäis jo ottaa vähän vastuuta?"),
        ("fi", "Ethän sä voi oikeesti pitää tota hyvänä ratkaisuna."),
        ("fi", "Kyllähän sä tiesit et vuokra lähtee perjantaina."),
    ],
)
def test_rhetorical_and_knowing_blame_confronts(lang: str, text: str) -> None:
    client = "It wasn't my fault." if lang == "en" else "Ei se ollu mun vika."
    assert read(lang, text, client) == (["confront"], "blaming")


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "That's not really my area, you'd need to talk to your GP.", "My mood is so low."),
        ("en", "Well, at least you've got your health.", "I lost the flat and the job."),
        (
            "fi",
            "Tää ei oikeestaan kuulu mulle, puhu siitä lääkärin kanssa.",
            "Mun mieliala on maassa.",
        ),
        ("fi", "No ainakin sulla on terveys.", "Mä menetin asunnon ja työn."),
    ],
)
def test_deflecting_and_at_least_dismiss(lang: str, text: str, client: str) -> None:
    assert read(lang, text, client) == (["dismiss"], "rejecting")


def test_hey_mid_conversation_greets_no_one() -> None:
    text = "Hey, let's not worry about that now. What did you have for dinner?"
    assert read("en", text, "I keep thinking something bad will happen.")[0] == ["dismiss"]
    assert "greeting" in read("en", "Hey, come on in.")[0]


def test_working_together_needs_a_we_or_a_you() -> None:
    text = "A care plan review is where the family and the staff go over the plan together."
    assert read("en", text, "What's a care plan review?")[0] == ["give_information"]
    assert read("fi", "Ei tarvii tietää vielä. Mietitään yhessä.", "En mä tiedä.")[0] == [
        "offer_time",
        "seek_collaboration",
    ]


def test_statements_in_a_pushing_turn_argue_the_case() -> None:
    text = "Honestly, the clinic is the right place for you. You'd have nurses round the clock."
    assert read("en", text, "I'm not going into that clinic.")[0] == ["advice"]


@pytest.mark.parametrize(
    "text",
    ["you know", ", like,", "I mean,", "um uh erm", "tota niinku öö", ",,,", "like, like, like"],
)
def test_fillers_alone_never_raise(text: str) -> None:
    for lang in ("en", "fi"):
        assert read(lang, text, "you know, I mean") is not None


def test_the_clients_own_modal_given_back_is_a_reflection_not_advice() -> None:
    echo = read(
        "en",
        "You need to find something else that helps you switch off at night.",
        "I need something else to switch off at night.",
    )
    assert echo[0] == ["simple_reflection"]
    # The same modal about something the client did not say still advises.
    assert read("en", "You need to stop using.", "I need to sort the nursery out.")[0] == ["advice"]
    fi = read(
        "fi",
        "Sun pitää siis keksiä joku muu tapa rauhoittua.",
        "Mun pitää keksiä joku muu tapa rauhoittua.",
    )
    assert fi[0] == ["simple_reflection"]


def test_agreement_and_praise_turns() -> None:
    assert read("en", "Yeah, absolutely.", "I want to be around for the grandkids.") == ([], None)
    praise = "You've stuck with this. You've come to every group, even the weeks you dreaded it."
    assert read("en", praise, "I'm not sure this is working.")[0] == ["affirmation"]


def test_judging_someone_else_is_no_blame_of_the_client() -> None:
    text = "So the way you see it, your husband is overreacting."
    client = "My husband thinks I drink too much, but he's overreacting."
    assert read("en", text, client)[0] == ["simple_reflection"]
    assert read("en", "You're overreacting.", "She took the kids.")[0] == ["confront"]


def test_wondering_aloud_asks_and_what_happens_is_tells() -> None:
    assert read("en", "I'm wondering how it would be for you to tell her.", "I can't tell her.")[
        0
    ] == ["open_question"]
    told = read("en", "Usually what happens is the cravings ease off.", "Will it ever stop?")
    assert told[0] == ["give_information"]


def test_the_clients_own_phrase_given_back_is_no_pushing_but_an_order_still_advises() -> None:
    text = "Eli sä et oo varma, pitäiskö sun lopettaa kokonaan vai vaan vähentää."
    client = "En mä tiiä pitäiskö mun lopettaa kokonaan vai vaan vähentää."
    assert read("fi", text, client)[0] == ["simple_reflection"]
    assert read("en", "Quit smoking.", "I want to quit smoking.")[0] == ["advice"]


def test_asking_about_a_past_or_imagined_decision_hands_over_no_choice() -> None:
    assert read("en", "I'm curious, what made you choose this clinic?")[0] == ["open_question"]
    assert read("en", "What would you pick if it were entirely up to you?", "Dunno.")[0] == [
        "open_question"
    ]


def test_denied_praise_and_an_opinion_everyone_has_are_no_moves_of_their_own() -> None:
    text = "So you know it's not good for you, but it's also what gets you through. Is that fair?"
    got = read("en", text, "I know it's bad for me but it gets me through.")[0]
    assert "affirmation" not in got and "complex_reflection" in got
    hear = read(
        "en",
        "I hear you. It's exhausting when everyone has an opinion about your life.",
        "Everyone tells me what to do.",
    )
    assert hear[0] == ["complex_reflection"]
    assert read("en", "That's life, everyone has a rough patch.", "I cry every night.")[0] == [
        "dismiss"
    ]


def test_answers_that_infer_reflect_and_hedged_facts_inform() -> None:
    assert read("en", "Nothing seems worth the effort right now.", "What's the point?")[0] == [
        "complex_reflection"
    ]
    assert read("en", "It'll probably take around three weeks.", "How long does it take?")[0] == [
        "give_information"
    ]
    assert read(
        "en", "So you're wondering whether it's worth going back.", "Is it worth going back?"
    )[0] == ["simple_reflection"]


@pytest.mark.parametrize(
    ("lang", "blame", "reflection"),
    [
        ("fi", "Et ole hoitanut lapsiasi kunnolla.", "Et ole nukkunut kunnolla."),
        ("en", "You haven't looked after your kids properly.", "You haven't slept properly."),
    ],
)
def test_failing_as_a_carer_is_blame_while_not_sleeping_is_reflected(lang, blame, reflection):
    from simulator.language import get_recognizer

    rec = get_recognizer(lang)
    before = "Mä oon niin väsyny." if lang == "fi" else "I'm so tired."
    assert rec.recognize(blame, client_before=before).moves == ("confront",)
    assert "confront" not in rec.recognize(reflection, client_before=before).moves


@pytest.mark.parametrize(
    ("lang", "client", "text", "move"),
    [
        ("en", "I drink too much.", "You really need to cut down.", "advice"),
        ("en", "I drink too much.", "You definitely should cut down.", "advice"),
        ("fi", "Mä juon liikaa.", "Sun on ihan oikeesti pakko vähentää.", "persuade"),
        ("en", "I drink too much.", "You honestly ought to cut down.", "advice"),
    ],
)
def test_an_intensifier_between_the_words_of_a_cue_does_not_hide_it(lang, client, text, move):
    got = get_recognizer(lang).recognize(text, client_before=client)
    assert move in got.moves
    # The evidence shows the words as typed, adverb included.
    words = next(e.words for e in got.evidence if e.move == move)
    assert any(a in w for w in words for a in ("really", "definitely", "honestly", "oikeesti"))


def test_an_intensifier_before_a_negation_stays_with_it() -> None:
    moves, _ = read(
        "en",
        "You've turned up to every session, even the days you really didn't feel like it.",
        "I don't know if any of this is helping.",
    )
    assert "confront" not in moves


@pytest.mark.parametrize(
    ("lang", "client", "text"),
    [
        (
            "fi",
            "Mä en jaksa enää.",
            "Kuulostaa tosi turhauttavalta, ihan ku sun pitäis valita kahden huonon välillä.",
        ),
        ("en", "I can't cope anymore.", "It sounds like you should be choosing for everyone."),
    ],
)
def test_a_reflection_opener_voices_the_clients_must_not_the_workers_advice(lang, client, text):
    moves, mode = read(lang, text, client)
    assert "advice" not in moves and "persuade" not in moves
    assert mode == "encountering"


def test_an_idea_called_bad_is_no_affirmation() -> None:
    assert "affirmation" not in read("fi", "Se ei oo hyvä idea.", "Mä voisin lopettaa.")[0]


@pytest.mark.parametrize(
    ("lang", "client", "text"),
    [
        (
            "en",
            "My wife keeps nagging me about the smoking.",
            "So, uh, the reason I'm asking is that smoking is one of the biggest risk factors "
            "for heart disease, and with your blood pressure that's something we need to look at.",
        ),
        (
            "en",
            "My wife keeps nagging me about the smoking.",
            "So the nicotine is what makes it so hard to stop, because your body gets used to it.",
        ),
        (
            "fi",
            "Vaimo nalkuttaa mulle koko ajan tupakoinnista.",
            "Eli syy miks mä kysyn on se, et tupakointi on yks suurimmista sydäntautien "
            "riskitekijöistä.",
        ),
        (
            "fi",
            "Vaimo nalkuttaa mulle koko ajan tupakoinnista.",
            "No se nikotiini on se mikä tekee lopettamisesta niin vaikeeta, koska elimistö "
            "tottuu siihen.",
        ),
    ],
)
def test_a_long_explanation_of_how_things_work_informs_rather_than_reflects(lang, client, text):
    assert read(lang, text, client)[0] == ["give_information"]


def test_an_explanation_about_the_client_is_still_a_reflection() -> None:
    moves, _ = read(
        "en",
        "You drink because it's the one thing that switches your head off at night.",
        "I only drink so I can sleep, my head never stops.",
    )
    assert moves and moves[0] in ("simple_reflection", "complex_reflection")


def test_a_why_question_about_the_clients_wishes_is_no_reproach() -> None:
    assert read("fi", "Miksi et halua lopettaa?", "En mä aio lopettaa.")[0] == ["open_question"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "What do you think your options are?"), ("fi", "Mitä vaihtoehtoja sulla on?")],
)
def test_asking_for_the_clients_options_offers_none(lang, text):
    client = "En tiiä mitä tehdä." if lang == "fi" else "I don't know what to do."
    assert "offer_options" not in read(lang, text, client)[0]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "So you haven't been sleeping?"),
        ("en", "You're feeling low?"),
        ("fi", "Sä oot ollu tosi alakuloinen?"),
        ("fi", "Eli sä et oo nukkunu?"),
    ],
)
def test_the_clients_words_given_back_with_a_rising_end_reflect(lang, text):
    client = (
        "Mä oon ollu tosi alakuloinen viime aikoina, en oo nukkunu."
        if lang == "fi"
        else "I've been feeling really low lately and I'm not sleeping."
    )
    moves = read(lang, text, client)[0]
    assert moves and moves[0].endswith("_reflection")
    assert "closed_question" not in moves


@pytest.mark.parametrize(
    ("lang", "text", "move"),
    [
        ("en", "Shouldn't you just leave him?", "advice"),
        ("fi", "Ootsä nukkunu?", "closed_question"),
        ("en", "Do you have any idea what might be behind it?", "closed_question"),
        ("en", "Do you have any idea what you are doing to your kids?", "confront"),
        ("en", "Would you be willing to tell me about that?", "open_question"),
    ],
)
def test_questions_keep_their_form(lang, text, move):
    client = "Mä en oo nukkunu." if lang == "fi" else "He's been jealous again and I can't sleep."
    assert read(lang, text, client)[0] == [move]


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("Haluisitsä kertoo siitä lisää?", "open_question"),
        ("Voisitsä kertoo vähän tarkemmin mitä se raskas on?", "open_question"),
        ("Nukutsä hyvin?", "closed_question"),
        ("Keitä sulla on ympärillä?", "open_question"),
    ],
)
def test_colloquial_finnish_questions_with_a_tsa_clitic(text, move):
    assert read("fi", text, "Mulla on ollu tosi raskasta viime aikoina.")[0] == [move]


def test_a_word_that_only_ends_like_the_clitic_asks_nothing() -> None:
    moves = read("fi", "Metsä on mulle tärkee paikka.", "Mä käyn lenkillä.")[0]
    assert "closed_question" not in moves


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "So it's been exhausting, right?"),
        ("en", "You're worn out, yeah?"),
        ("fi", "Sä oot ihan loppu, eiks nii?"),
        ("fi", "Se on ollu raskasta, vai?"),
    ],
)
def test_a_statement_with_a_closing_tag_reflects(lang, text):
    client = (
        "Mä oon ollu niin väsyny vauvan syntymän jälkeen."
        if lang == "fi"
        else "I've been so tired since the baby came."
    )
    moves = read(lang, text, client)[0]
    assert moves and moves[0].endswith("_reflection")
    assert "closed_question" not in moves


def test_a_weighty_thing_is_no_praise() -> None:
    moves = read("fi", "Mä tiedän et tää on iso asia.", "Ne sanoo et mun pitäis mennä osastolle.")[
        0
    ]
    assert "affirmation" not in moves


def test_agreeing_with_the_client_reflects_nothing() -> None:
    assert read("fi", "Joo, olet oikeassa.", "Tää on mun kroppa, ei sun.") == ([], None)


@pytest.mark.parametrize(
    ("lang", "client", "text", "moves"),
    [
        (
            "en",
            "I'm so confused by this letter.",
            "Oh don't be silly, everyone gets confused. Anyway, did you bring your ID?",
            ["dismiss", "closed_question"],
        ),
        ("en", "I got kicked out of my flat.", "Where are you staying now?", ["closed_question"]),
        (
            "fi",
            "Mut faija heitti mut pihalle.",
            "voi ei. missä sä oot nyt",
            ["support", "closed_question"],
        ),  # "voi ei": sympathy
        (
            "fi",
            "Mä en saa unta.",
            "ooksä koskaan kokeillu olla ilman pari päivää",
            ["closed_question"],
        ),
        (
            "en",
            "I can't sleep without it.",
            "ok. and have u ever tried going a few nights without",
            ["closed_question"],
        ),
    ],
)
def test_practical_and_history_questions_are_closed(lang, client, text, moves):
    assert read(lang, text, client)[0] == moves


@pytest.mark.parametrize(
    ("lang", "client", "text"),
    [
        (
            "en",
            "I'm useless at this.",
            "Useless is a strong word. You do get started, which a lot of people don't.",
        ),
        (
            "en",
            "My probation officer made me come.",
            "So you didn't choose to come, you've been sent.",
        ),
        ("en", "I hate myself for it.", "You're really hard on yourself about it."),
        ("fi", "En mä kerro mitään.", "en mä kerro, sori, toi oli tyhmästi sanottu."),
        (
            "en",
            "Why would I listen to you?",
            "Sorry, that came out wrong, that was a stupid thing to say.",
        ),
    ],
)
def test_no_blame_read_into_echoes_reflections_or_owning_a_slip(lang, client, text):
    assert "confront" not in read(lang, text, client)[0]


@pytest.mark.parametrize(
    ("text", "dismisses"),
    [
        ("he's probably fine, they're all nice really.", True),
        ("It's just a process, these things take time.", True),
        ("Oh, care homes are lovely these days, lots of company.", True),
        ("hello! lovely to meet u on here.", False),
        ("not knowing feels safer, at least for now", False),
        ("its new, needing help, and it doesnt sit easily with u", False),
    ],
)
def test_reassurance_versus_kind_words(text, dismisses):
    client = "I'm scared about going in, I don't know anyone."
    assert ("dismiss" in read("en", text, client)[0]) is dismisses


@pytest.mark.parametrize(
    ("lang", "client", "text"),
    [
        (
            "en",
            "The nurse said I had to come.",
            "It sounds like coming back here isn't easy for you.",
        ),
        (
            "fi",
            "Hoitaja sano et mun on pakko tulla.",
            "Kuulostaa et tänne tuleminen ei oo helppoa sulle.",
        ),
    ],
)
def test_naming_how_hard_it_is_after_an_opener_reflects(lang, client, text):
    assert read(lang, text, client)[0] == ["complex_reflection"]


def test_a_later_clause_about_the_client_reflects() -> None:
    moves, _ = read(
        "en",
        "So the nurse sent you, and you're not expecting much from us.",
        "Don't butter me up, love. Just be straight with me.",
    )
    assert moves and moves[0].endswith("_reflection")


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        (
            "You know you're going to end up losing contact with them if you carry on using. "
            "Do you want that?",
            ["persuade"],
        ),
        (
            "Yeah, I hear you. But it's really important you start applying for jobs properly now, "
            "otherwise you'll get sanctioned. Have you been on the jobs website?",
            ["dismiss", "persuade", "closed_question"],  # (advice too, as a labeller may say)
        ),
        ("have u tried agency work? theres loads of warehouse jobs going atm", ["advice"]),
        ("Have you tried anything so far?", ["closed_question"]),
    ],
)
def test_rhetorical_questions_belong_to_the_push_practical_ones_are_asked(text, moves):
    got = read("en", text, "I've been really down and I can't face anything.")[0]
    assert set(moves) <= set(got) <= set(moves) | {"advice"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "You should ring them today, because they can stop the eviction."),
        ("fi", "Sun kannattais soittaa niille tänään, koska ne voi pysäyttää häädön."),
    ],
)
def test_advice_argued_with_a_reason_also_pushes(lang, text):
    client = "En tiiä mitä tehdä." if lang == "fi" else "I don't know what to do."
    assert {"advice", "persuade"} <= set(read(lang, text, client)[0])


def test_a_tagged_check_after_a_clients_question_is_no_information() -> None:
    moves, _ = read(
        "en", "So it's been a lot, right?", "Okay. But the school is worried, yes? Why?"
    )
    assert "give_information" not in moves


# Everyday wordings of each move, met in play and in the development sets
# (tests/data/recognizer_dev*/): per language and client line, turns and a move each must carry.
EVERYDAY_WORDINGS = [
    # what some people do and others do lays out options
    (
        "fi",
        "En tiiä mitä tehdä.",
        [
            ("Jotkut juttelee lääkärin kanssa, jotkut vaihtaa lääkettä.", "offer_options"),
            ("Osa vaihtaa lääkettä, osa taas pienentää annosta.", "offer_options"),
        ],
    ),
    (
        "en",
        "I don't know what to do.",
        [
            ("Some people lower the dose, some take it at night.", "offer_options"),
        ],
    ),
    # praise of the clients idea or feat affirms
    (
        "fi",
        "Mä voisin ulkoiluttaa koiraa.",
        [
            ("Hyvä idea.", "affirmation"),
            ("Toi on hyvä idea!", "affirmation"),
        ],
    ),
    (
        "en",
        "I was clean for six months.",
        [
            ("That's really something.", "affirmation"),
        ],
    ),
    # everyday wordings of common moves
    (
        "fi",
        "Mä en tiiä.",
        [
            ("Mua kiinnostais tietää mikä tupakoinnissa on sulle mieluisaa.", "open_question"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("I'd love to hear what you enjoy about it.", "open_question"),
        ],
    ),
    (
        "fi",
        "Mä en tiiä.",
        [
            ("Okei, katotaanpa sun viime kerran tuloksia.", "structuring"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("Okay, so let's take a look at your results from last time.", "structuring"),
        ],
    ),
    (
        "fi",
        "Mä en tiiä.",
        [
            ("Mä suosittelisin laastareita.", "advice"),
            ("Monille auttaa kun ne päättää lopetuspäivän.", "give_information"),
            ("Sä oot tehny tosi kovasti töitä tän eteen.", "affirmation"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("You've been working really hard at this.", "affirmation"),
        ],
    ),
    # typed chat wordings
    (
        "en",
        "I got the eviction letter yesterday and I don't know what to do.",
        [
            ("why didnt you pay the rent", "confront"),
        ],
    ),
    (
        "fi",
        "Mä sain häätöilmotuksen eilen enkä tiiä mitä tehdä.",
        [
            ("Miks sä et maksanu vuokraa?", "confront"),
        ],
    ),
    (
        "en",
        "I got the eviction letter yesterday and I don't know what to do.",
        [
            ("honestly you should of seen this coming", "confront"),
            ("we dont have to solve everything today", "offer_time"),
        ],
    ),
    (
        "fi",
        "Mä sain häätöilmotuksen eilen enkä tiiä mitä tehdä.",
        [
            ("Ei meidän tarvii ratkaista kaikkea tänään.", "offer_time"),
        ],
    ),
    (
        "en",
        "I got the eviction letter yesterday and I don't know what to do.",
        [
            ("you came here straight away which was the right thing to do", "affirmation"),
            ("I can see this is really stressing you out.", "complex_reflection"),
        ],
    ),
    # a question after particles or a lead in still asks
    (
        "en",
        "I've been so tired since the baby came.",
        [
            ("You mentioned your mum earlier, is she around?", "closed_question"),
            ("ok and is the baby feeding well", "closed_question"),
            ("right so have u got family near by", "closed_question"),
        ],
    ),
    (
        "fi",
        "Mä oon ollu niin väsyny vauvan syntymän jälkeen.",
        [
            ("Onks sulla ketään, vai?", "closed_question"),
            ("Mites nukut, vai?", "open_question"),
        ],
    ),
    # pushing blaming and brushing off in everyday words
    (
        "fi",
        "Mä join taas viikonloppuna vaikka lupasin et en juo.",
        [
            ("Ei tää kyllä näin voi jatkua.", "persuade"),
        ],
    ),
    (
        "en",
        "I drank again at the weekend even though I promised I wouldn't.",
        [
            ("This can't go on.", "persuade"),
            ("Alcohol is destroying your liver and your family.", "persuade"),
        ],
    ),
    (
        "fi",
        "Mä join taas viikonloppuna vaikka lupasin et en juo.",
        [
            ("Sä et selvästikään ota tätä tosissas.", "confront"),
        ],
    ),
    (
        "en",
        "I drank again at the weekend even though I promised I wouldn't.",
        [
            ("You're clearly not taking this seriously.", "confront"),
        ],
    ),
    (
        "fi",
        "Mä join taas viikonloppuna vaikka lupasin et en juo.",
        [
            ("Mun mielestä sä et oikeesti halua muuttua.", "confront"),
        ],
    ),
    (
        "en",
        "I drank again at the weekend even though I promised I wouldn't.",
        [
            ("I don't think you really want to change.", "confront"),
            ("You said exactly the same thing last time.", "confront"),
            ("Well, that's what happens when you keep the booze in the house.", "confront"),
        ],
    ),
    (
        "fi",
        "Mä join taas viikonloppuna vaikka lupasin et en juo.",
        [
            ("Sä oot kyllä aika heikko.", "confront"),
            ("Älä nyt ota siitä stressiä.", "dismiss"),
        ],
    ),
    (
        "en",
        "I drank again at the weekend even though I promised I wouldn't.",
        [
            ("Don't stress about it.", "dismiss"),
        ],
    ),
    # wordings from the second development set
    (
        "fi",
        "Mä en tiiä.",
        [
            ("20:stä 5:een, se on tosi iso muutos.", "affirmation"),
            ("Sä keksit jo ite mikä siinä on se juttu, se on hyvä alku.", "affirmation"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("I mean you've already come up with something, that's a good start.", "affirmation"),
            ("Your rent account is now eleven weeks behind.", "give_information"),
        ],
    ),
    (
        "fi",
        "Mä en tiiä.",
        [
            ("Tässä lukee, että hakemuksesta puuttui tiliotteet.", "give_information"),
            ("Ollaan nyt rehellisiä, ei se oo normaalia.", "confront"),
            ("Ihan turha selitellä, sä oot riippuvainen.", "confront"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            (
                "If you'd just made proper arrangements in the first place we wouldn't be here.",
                "confront",
            ),
            ("Other tenants manage to pay their rent.", "confront"),
        ],
    ),
    (
        "fi",
        "Mä en tiiä.",
        [
            ("Ootteko miettiny et pyytäisitte häntä polttamaan parvekkeella?", "advice"),
            ("Teidän pitäis ottaa se kone pois.", "advice"),
            ("Mist sä haluisit lähtee liikkeelle tänään?", "seek_collaboration"),
        ],
    ),
    # more wordings from the second development set
    (
        "en",
        "Very hard. I feel it is my fault we came here.",
        [
            # Support (a complex reflection beside it is fine): the lead's decision, stop 40;
            # the labelled sets read "I'm sorry. That's a really heavy thing to carry." and
            # "That's a lot to carry on your own. I'm sorry." as support.
            ("Mm. That's a heavy thing to carry.", "support"),
        ],
    ),
    (
        "fi",
        "Joo. Kuulostaa aika kurjalta.",
        [
            ("Aika paljon yhdelle ihmiselle kannettavaks.", "complex_reflection"),
        ],
    ),
    (
        "en",
        "I'm fine all day and then I'm exhausted by the evening.",
        [
            ("So you do really well through the day.", "simple_reflection"),
        ],
    ),
    (
        "en",
        "yeah i only see him once a month its not enough",
        [
            ("Once a month really isn't much, you must miss him loads.", "complex_reflection"),
        ],
    ),
    (
        "en",
        "",
        [
            ("Hi, I'm Sophie. We're going to meet once a week, for an hour.", "structuring"),
        ],
    ),
    (
        "en",
        "I keep forgetting them.",
        [
            ("Would a dosette box or a phone reminder help, or neither?", "offer_options"),
        ],
    ),
    (
        "en",
        "",
        [
            (
                "Before we start, is there anything you want us to talk about today?",
                "seek_collaboration",
            ),
        ],
    ),
    # finnish warnings agendas and choices
    (
        "fi",
        "Mä en tiiä mitä tehdä.",
        [
            ("Jos te ette nyt pistä rajoja, niin se jää kokonaan koulun ulkopuolelle.", "persuade"),
            ("Siis se on ihan pakko mitata.", "persuade"),
            ("moi, mä oon Laura. mulla on aikaa kolmeen asti.", "structuring"),
            ("Mä ajattelin et käytäis läpi se kotiinlähtö huomenna.", "structuring"),
            ("voidaan jatkaa siitä ens viikolla.", "structuring"),
            ("Haluutsä puhuu siitä faijasta, vai jätetäänkö se toiseen kertaan", "offer_options"),
            (
                "on omaishoidon tuki, on intervallihoito, on kotihoidon lisäkäynnit.",
                "offer_options",
            ),
        ],
    ),
    # finnish reports explanations and brush offs
    (
        "fi",
        "Mitä nyt taas?",
        [
            ("rehtori sano et sut löydettiin vessasta nuuskan kaa.", "give_information"),
            ("opettaja oli huolissaan et sä oot ollu paljon poissa.", "give_information"),
            ("Se voi johtua siitä, että tulotiedot tarkistettiin.", "give_information"),
            ("Voit tehdä muutosilmoituksen verkossa OmaKelassa.", "give_information"),
            ("No eihän se mitään, kyllä nää yleensä tosta vaan selviää.", "dismiss"),
        ],
    ),
    # wordings from the third development set
    (
        "fi",
        "En mä tiiä.",
        [
            ("no kannattaa kestää, muuten koeaika peruuntuu ja sä oot takas sisällä", "persuade"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("u need to stop tho, its really dangerous and u could get an infection", "persuade"),
            (
                "At this rate you will be facing a county court judgment. This cannot continue.",
                "persuade",
            ),
            ("Then why have you not attended the last three appointments?", "confront"),
        ],
    ),
    (
        "fi",
        "En mä tiiä.",
        [
            ("No onks se nyt niin vaikeeta laittaa sille vähän rajoja?", "confront"),
            ("no mitä sä oletit, kyl sen tiesit et siitä tulee sanktio", "confront"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("Yeah, okay, let's do the flat. It's your session.", "emphasize_autonomy"),
            ("But you know your mother and your circumstances best.", "emphasize_autonomy"),
        ],
    ),
    (
        "fi",
        "En mä tiiä.",
        [
            ("ymmärrän. päätös on kuitenkin sun.", "emphasize_autonomy"),
            ("Ei ole pakko. Päätätte itse.", "emphasize_autonomy"),
        ],
    ),
    # more wordings from the third development set
    (
        "en",
        "I feel like such a burden.",
        [
            ("ur not a burden!! she loves u", "dismiss"),
            (
                "ur not stupid, loads of people get caught up in gambling. dont beat urself up",
                "dismiss",
            ),
        ],
    ),
    (
        "fi",
        "En mä tiiä.",
        [
            ("no älä nyt, kaikilla on huonoja päiviä", "dismiss"),
            ("Hänellä on varmasti paljon asiakkaita. Kyllä hän vastaa.", "dismiss"),
        ],
    ),
    (
        "en",
        "I feel like such a burden.",
        [
            ("Course. Yeah. Take as long as you need, I'm not going anywhere.", "offer_time"),
        ],
    ),
    (
        "fi",
        "En mä tiiä.",
        [
            ("Emme käy kaikkea läpi tänään.", "offer_time"),
        ],
    ),
    (
        "en",
        "I feel like such a burden.",
        [
            ("If you were going to start somewhere, where would you start", "seek_collaboration"),
            ("no rush, we can think it through together", "seek_collaboration"),
        ],
    ),
    # praise in everyday words affirms
    (
        "en",
        "I stopped three days ago.",
        [
            ("Smart.", "affirmation"),
            ("That's a really good observation, you've been watching her closely.", "affirmation"),
            ("It takes something to walk in that door the first time.", "affirmation"),
            ("Three days is three days more than most manage.", "affirmation"),
        ],
    ),
    (
        "fi",
        "Mä lopetin kolme päivää sitten.",
        [
            ("Hieno ajatus, ja se tuli sulta itseltä.", "affirmation"),
            ("Tarkka huomio. Te ootte selvästi seurannut häntä huolella.", "affirmation"),
            ("Teitte ihan oikein kun tulitte.", "affirmation"),
            (
                "Kakskyt vuotta samassa paikassa kertoo aika paljon sun sitoutumisesta.",
                "affirmation",
            ),
        ],
    ),
    # blame and brush offs from the fourth development set
    (
        "en",
        "I can't cope with this any more.",
        [
            ("That's exactly what alcoholics say though, isn't it.", "confront"),
            (
                "Sir, you signed the credit agreement, this is your debt, nobody forced you.",
                "confront",
            ),
        ],
    ),
    (
        "fi",
        "Mä en jaksa enää.",
        [
            ("Ei se kyllä stressistä oo kiinni, vaan itsekurista.", "confront"),
            ("Noh, kyllä toi nyt aika selvää burnoutia on, turha kieltää.", "confront"),
        ],
    ),
    (
        "en",
        "I can't cope with this any more.",
        [
            ("That's the system, nothing I can do about it. Next please.", "dismiss"),
            ("Weed's not a big deal, everyone does it at your age.", "dismiss"),
        ],
    ),
    (
        "fi",
        "Mä en jaksa enää.",
        [
            ("Ei siinä mitään riskiä ole, tämä on ihan rutiinitoimenpide.", "dismiss"),
            ("Äh, kyllä sä jaksat, sä oot vahva nainen.", "dismiss"),
        ],
    ),
    # planning together and framing the meeting
    (
        "en",
        "I don't know.",
        [
            ("What would you be willing to try?", "seek_collaboration"),
            (
                "What do you think we should tackle first, the sanction or the rent?",
                "seek_collaboration",
            ),
        ],
    ),
    (
        "fi",
        "En tiiä.",
        [
            ("Hieno ajatus. Miten mä voisin olla siinä avuksi?", "seek_collaboration"),
        ],
    ),
    (
        "en",
        "I don't know.",
        [
            ("Okay, I'm going to do an ECG now, it takes two minutes.", "structuring"),
        ],
    ),
    (
        "fi",
        "En tiiä.",
        [
            (
                "Sovitaan kontrolli kuuden viikon päähän ja otetaan sillon uudet labrat.",
                "structuring",
            ),
            ("Hei, Perintä Oy:stä Riikka täällä. Puhelu nauhoitetaan.", "structuring"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("lang", "client", "text", "move"),
    [
        (lang, client, text, move)
        for lang, client, turns in EVERYDAY_WORDINGS
        for text, move in turns
    ],
)
def test_everyday_wordings(lang, client, text, move):
    assert move in read(lang, text, client)[0]


def test_i_do_not_try_is_the_clients_words_not_advice() -> None:
    # "en yritä" (I don't try) has the imperative's form; only a bare "Yritä..." advises.
    got = read("fi", "Sä sanoit et en yritä enää.", "En mä yritä enää.")[0]
    assert "advice" not in got and "simple_reflection" in got
    assert read("fi", "Yritä nyt vielä kerran.", "En jaksa.")[0] == ["advice"]


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Et sä oot ihan uupunut tästä kaikesta.", "Mä en jaksa enää mitään, kaikki on liikaa."),
        ("Sä kävit siellä, tiedäthän, joka viikko vuoden ajan.", "Mä kävin siellä joka viikko."),
        ("Se oli, tiedäthän, aika raskas vuosi sulle.", "Se vuosi oli ihan hirvee."),
    ],
)
def test_spoken_so_and_you_know_do_not_push(text: str, client: str) -> None:
    # A sentence-opening "Et" before a finite verb is colloquial "että" ("so"), not the
    # negative verb, and "tiedäthän" between commas is the spoken "you know": the reflection
    # stays a reflection, with no confronting or persuading read into it.
    moves, mode = read("fi", text, client)
    assert {"simple_reflection", "complex_reflection"} & set(moves)
    assert not {"confront", "persuade", "dismiss"} & set(moves)
    assert mode == "encountering"


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Et sä voi vaan luovuttaa.", "Mä en jaksa enää."),
        ("Et sä oo yrittänyt yhtään.", "Mä en jaksa enää."),
        ("Tiedäthän, että sun on pakko tulla.", "En mä tuu."),
        ("Alkoholi on vaarallista, tiedäthän sä sen.", "Ei se oo niin vaarallista."),
    ],
)
def test_the_negative_verb_and_a_pressing_tiedathan_still_push(text: str, client: str) -> None:
    assert read("fi", text, client)[1] in ("blaming", "rejecting")
