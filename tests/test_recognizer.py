"""The recognizer reads trainee turns as a trainer would: one test per style the issue names."""

from __future__ import annotations

import pytest

from simulator.language import get_recognizer
from simulator.language.base import Recognition
from simulator.language.recognizer import mode_of
from simulator.moves import MODES, MOVES


def read(lang: str, text: str, client: str = "", topics: dict | None = None) -> Recognition:
    return get_recognizer(lang).recognize(text, client_before=client, topics=topics)


def moves(lang: str, text: str, client: str = "") -> list[str]:
    return list(read(lang, text, client).moves)


# -- questions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Mitä sulle kuuluu?"),
        ("fi", "miten menee"),  # colloquial, no question mark
        ("fi", "Kerro vähän itsestäsi."),  # an invitation to tell is an open question
        ("fi", "Kertoisitko omin sanoin mikä sut toi tänne"),
        ("fi", "Ja mitä sitten tapahtui"),
        ("en", "What brings you here today?"),
        ("en", "how are things"),
        ("en", "Tell me about your week."),
        ("en", "Could you tell me what happened"),
    ],
)
def test_open_questions(lang: str, text: str) -> None:
    assert moves(lang, text) == ["open_question"], f"{text!r} is an open question"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Onks sulla lapsia"),  # colloquial -ks clitic, no question mark
        ("fi", "Ootko syönyt tänään?"),
        ("fi", "Käyksä siellä usein"),
        ("fi", "Kuinka monta hakemusta oot lähettäny?"),  # asks for one fact
        ("en", "Do you live on your own"),
        ("en", "Are you taking any medication?"),
        ("en", "How many applications have you sent?"),
        ("en", "is everything ok"),
    ],
)
def test_closed_questions(lang: str, text: str) -> None:
    assert moves(lang, text) == ["closed_question"], f"{text!r} is a closed question"


# -- advice, also dressed as a question --------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Ootko miettinyt, että hakisit töitä?"),
        ("fi", "ootsä aatellu et menisit siihen työkokeiluun"),
        ("fi", "Mitä jos kokeilisit kuntosalia?"),
        ("fi", "Eikö olisi parempi muuttaa pois?"),
        ("en", "Have you thought about applying for that job?"),
        ("en", "Why don't you try the gym?"),
        ("en", "Wouldn't it be better to move out?"),
    ],
)
def test_advice_dressed_as_a_question_is_advice_not_a_question(lang: str, text: str) -> None:
    got = moves(lang, text)
    assert "advice" in got, f"{text!r} reads as advice"
    assert "open_question" not in got and "closed_question" not in got


def test_plain_advice_and_advice_with_pressure() -> None:
    assert moves("fi", "Sun pitäis lopettaa se kännykän selaaminen iltaisin.") == ["advice"]
    assert moves("en", "You should put your phone away before bed.") == ["advice"]
    pushed = read("fi", "Sun on pakko mennä, muuten tuet loppuu.")
    assert pushed.moves == ("persuade",) and pushed.mode == "rejecting"
    warned = read("en", "If you don't stop drinking you'll end up in hospital.")
    assert warned.moves == ("persuade",)


# -- reflections against the client's words ---------------------------------------------------


def test_simple_reflection_rephrases_the_clients_words_in_finnish() -> None:
    got = read("fi", "Sä et oo nukkunut kuukauteen.", "Mä en oo nukkunut kunnolla kuukauteen.")
    assert got.moves == ("simple_reflection",)
    assert "nukkunut" in got.evidence[0].reflected


def test_simple_reflection_matches_inflected_forms() -> None:
    # "kursseista" / "kurssit": Finnish is matched on stems, not surface strings
    got = read("fi", "Kurssit ei oikein nappaa.", "Ei mua kiinnosta mitkään kursseista.")
    assert got.moves == ("simple_reflection",)


def test_complex_reflection_names_an_unspoken_feeling() -> None:
    fi = read("fi", "Sä oot ihan uupunut.", "Mä en jaksa enää mitään.")
    assert fi.moves == ("complex_reflection",)
    en = read("en", "You must be exhausted.", "I haven't slept properly in weeks.")
    assert en.moves == ("complex_reflection",)
    assert "exhausted" in en.evidence[0].words


def test_reflection_without_a_stock_opener() -> None:
    got = read(
        "en", "Nobody replies even though you apply.", "I apply for jobs but nobody replies."
    )
    assert got.moves == ("simple_reflection",)


def test_sounds_like_reflection_is_complex() -> None:
    got = read(
        "fi", "Kuulostaa siltä että sut on pakotettu tänne.", "En tiedä miksi mun piti tulla"
    )
    assert got.moves == ("complex_reflection",)


def test_a_reflection_needs_something_to_reflect() -> None:
    assert moves("en", "You have been feeling low.", client="") == []


def test_summary_pulls_several_things_together() -> None:
    client = "Töissä on kiire, kotona riitoja ja mä en ehdi ees treenaa."
    got = read("fi", "Eli jos mä kokoan: kiire töissä, riidat kotona ja ei aikaa treenata.", client)
    assert "summary" in got.moves
    en = read(
        "en",
        "So far you've told me about work, the arguments at home and no time for yourself.",
        "Work's busy, there's fighting at home and I never get to the gym.",
    )
    assert "summary" in en.moves


# -- several moves in one turn ----------------------------------------------------------------


def test_reflection_then_open_question_in_one_turn() -> None:
    got = read(
        "fi", "Sä et jaksa kouluun. Kerro mikä siinä on vaikeinta", "Mä en jaksa mennä kouluun."
    )
    assert got.moves == ("simple_reflection", "open_question")
    assert got.mode == "encountering"
    en = read(
        "en", "You can't face school. What's hardest about it?", "I can't face going to school."
    )
    assert en.moves == ("simple_reflection", "open_question")


def test_greeting_and_structuring() -> None:
    got = read("fi", "Moikka! Meillä on puoli tuntia aikaa ja kaikki mitä puhut jää meidän väliin.")
    assert got.moves == ("greeting", "structuring")
    assert got.mode == "noticing"
    assert moves("en", "Hi, I'm Alex. We have forty minutes, and this is confidential.") == [
        "greeting",
        "structuring",
    ]


def test_permission_then_a_real_question() -> None:
    assert moves("fi", "Saanko kysyä, miksi ajattelet niin?") == ["ask_permission", "open_question"]
    assert moves("en", "May I tell you what others have found useful?") == ["ask_permission"]


# -- kind-sounding dismissals and polite blaming -----------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("fi", "No, kyllä se siitä!", "Mä pelkään et ne vie mun lapset."),
        ("fi", "Ei se oo mitään, kaikki vanhemmat huutaa joskus.", "Mä huudan lapsille."),
        ("fi", "Joo no, sattuuhan sitä. Puhutaanko vaikka sun asunnosta?", "Mä join eilen taas."),
        ("en", "Oh don't worry, it'll be fine!", "I'm scared they'll take my kids."),
        ("en", "Cheer up, the sun is shining!", "I can't cope anymore."),
    ],
)
def test_kind_sounding_dismissal_reads_as_rejecting(lang: str, text: str, client: str) -> None:
    got = read(lang, text, client)
    assert "dismiss" in got.moves, f"{text!r} brushes the client aside"
    assert got.mode == "rejecting"


def test_change_of_subject_after_a_disclosure_dismisses_but_after_yes_it_structures() -> None:
    disclosure = "Mun äiti kuoli viime kuussa ja mä en saa unta."
    assert moves("fi", "Okei. Mennään sitten seuraavaan asiaan.", disclosure) == ["dismiss"]
    assert moves("fi", "Okei. Mennään sitten seuraavaan asiaan.", "Joo.") == ["structuring"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fi", "Sulla on aina joku syy olla tekemättä mitään."),
        ("fi", "Ehkä sun olis pitäny miettiä sitä ennen kuin jätit ne yksin."),
        ("fi", "Se on aika vastuutonta, kun sulla on pieni lapsi."),
        ("en", "Maybe you should have thought about that before."),
        ("en", "Honestly, that's pretty irresponsible with a baby at home."),
        ("en", "How many times do I have to tell you?"),
    ],
)
def test_polite_confronting_reads_as_blaming(lang: str, text: str) -> None:
    got = read(lang, text)
    assert got.moves == ("confront",), f"{text!r} blames the client"
    assert got.mode == "blaming"


# -- the client-honouring moves -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "move"),
    [
        ("fi", "Se on sun päätös.", "emphasize_autonomy"),
        ("en", "It's entirely up to you.", "emphasize_autonomy"),
        ("fi", "Ota ihan rauhassa, ei oo mikään kiire.", "offer_time"),
        ("en", "Take your time, there's no rush.", "offer_time"),
        ("fi", "Hienoa että otit tän puheeks, se vaatii rohkeutta.", "affirmation"),
        ("en", "Well done for telling me, that took courage.", "affirmation"),
        ("fi", "Mietitäänkö yhdessä mitä voisi tehdä?", "seek_collaboration"),
        ("en", "What would you like to do next?", "seek_collaboration"),
        ("fi", "Voit joko hakea tukea, soittaa velkaneuvontaan tai odottaa.", "offer_options"),
        ("en", "You could apply for support, call debt advice, or wait a week.", "offer_options"),
        ("fi", "Ryhmä kokoontuu tiistaisin kello viisi.", "give_information"),
        ("en", "The food bank is open on Fridays.", "give_information"),
    ],
)
def test_single_move_styles(lang: str, text: str, move: str) -> None:
    assert moves(lang, text, "Mä en tiiä." if lang == "fi" else "I don't know.") == [move]


# -- mode rule -----------------------------------------------------------------------------------


def test_mode_rule_blaming_beats_rejecting_beats_encountering_beats_noticing() -> None:
    assert mode_of(["open_question", "confront"]) == "blaming"
    assert mode_of(["simple_reflection", "dismiss"]) == "rejecting"
    assert mode_of(["advice", "persuade"]) == "rejecting"
    assert mode_of(["greeting", "open_question"]) == "encountering"
    assert mode_of(["greeting", "closed_question"]) == "noticing"
    assert mode_of([]) is None


# -- topics and evidence ----------------------------------------------------------------------


def test_topics_match_inflected_scenario_words() -> None:
    topics = {"money": ["raha", "vuokra"], "kids": ["lapsi"], "job": ["työpaikka"]}
    got = read("fi", "Miten teillä riittää rahat vuokraan?", topics=topics)
    assert got.topics == ("money",)
    assert read("fi", "Miten töissä menee?", topics={"job": ["työ"]}).topics == ("job",)
    en = read("en", "How are the kids doing?", topics={"kids": ["kid", "child"], "debt": ["debt"]})
    assert en.topics == ("kids",)


def test_evidence_shows_the_words_as_typed_and_a_reason() -> None:
    got = read("fi", "Ootsä miettiny että hakisit töitä")
    (evidence,) = got.evidence
    assert evidence.move == "advice"
    assert evidence.words == ("ootsä miettiny",)
    assert "neuvo" in evidence.reason
    en = read("en", "Have you thought about applying?")
    assert "advice" in en.evidence[0].reason


@pytest.mark.parametrize(
    ("lang", "text", "client", "move", "shown", "hidden"),
    [
        # The client words re-said are "ask" and "family", not "his" (issue 12: the evidence
        # names content words and the client words reflected, not "that" or "it's").
        (
            "en",
            "It's hard for you to ask his family for help.",
            "I can't ask his family. They never liked me.",
            "complex_reflection",
            "“ask”, “family”",
            "“his”",
        ),
        # The push shows "kyllä", not "mut".
        (
            "fi",
            "Kyllä kaikki äidit on joskus väsyneitä, mut ei kaikki huuda lapsilleen.",
            "Mä oon vaan niin väsyny iltaisin.",
            "persuade",
            "“kyllä”",
            "“mut”",
        ),
    ],
)
def test_the_evidence_shown_names_no_little_words(
    lang: str, text: str, client: str, move: str, shown: str, hidden: str
) -> None:
    from simulator.tui.widgets.evidence import why

    got = read(lang, text, client)
    assert move in got.moves
    line = why(got, lang, "Client").plain
    assert shown in line and hidden not in line
    skip = get_recognizer(lang).lexicon.not_evidence
    assert not {w.lower() for e in got.evidence for w in (*e.words, *e.reflected)} & skip


def test_other_language_input_gives_no_false_moves() -> None:
    assert moves("fi", "Das ist nicht gut.") == []
    assert moves("en", "Tämä ei ole hyvä juttu") == []


# -- robustness ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\t", "😀😀😀", "\x00\x01\x1b[31m", "?" * 50, "a" * 10_000, "Kerro. " * 2000],
)
@pytest.mark.parametrize("lang", ["fi", "en"])
def test_odd_input_never_raises_and_gives_a_valid_result(lang: str, text: str) -> None:
    got = read(lang, text, client=text)
    assert got.text == text
    assert set(got.moves) <= set(MOVES)
    assert got.mode is None or got.mode in MODES


def test_non_string_input_does_not_raise() -> None:
    got = get_recognizer("fi").recognize(None, client_before=None, topics={"x": None})  # type: ignore[arg-type]
    assert got.moves == ()


def test_recognizer_is_cached_per_language_and_unknown_languages_fall_back() -> None:
    assert get_recognizer("fi") is get_recognizer("fi")
    assert get_recognizer("fi").language == "fi"
    assert get_recognizer("sv").language == "en"


def test_recognition_is_deterministic() -> None:
    text, client = "Kuulostaa rankalta. Mitä sä ajattelet?", "Mä en jaksa."
    assert read("fi", text, client) == read("fi", text, client)


def test_every_cue_word_can_match_a_typed_word() -> None:
    """A cue word with punctuation in it ("yks," ) can never match: words are read without it."""
    import re

    import yaml

    from simulator.language.lexicon import EXTRA_SECTIONS, LEXICON_DIR

    word = re.compile(r"^[\w'*-]+$")
    broken = []
    for lang in ("fi", "en"):
        data = yaml.safe_load((LEXICON_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
        sections = {f"cues.{m}": c for m, c in (data.get("cues") or {}).items()}
        sections |= {name: data.get(name) or [] for name in EXTRA_SECTIONS}
        for name, cues in sections.items():
            for cue in cues:
                for position in cue.strip().lstrip("^").rstrip("$").split():
                    if position in ("_", "...", "...."):
                        continue
                    bad = [a for a in position.split("|") if not word.match(a)]
                    if bad:
                        broken.append(f"{lang} {name}: {cue!r}")
    assert broken == []


# -- kind turns that a too-wide phrase read as harsh (free-text meetings, issue 14) --------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Where were you working before?"),
        ("en", "Sorry, I didn't mean it to come across like that."),
        ("en", "Can I ask how old you are, if you don't mind me asking?"),
        ("en", "You want this done quickly so you can get out of here."),
        (
            "en",
            "It sounds like last time you were here, someone made you feel you'd got it all wrong.",
        ),
        ("en", "No, I mean it. You haven't done anything wrong."),
        pytest.param(
            "fi",
            "Ne muut asiat saa odottaa, tää on nyt tärkeintä.",
            # A known cost of the Finnish push head trained on development sets 9-17 and the
            # meetings (2026-12-06): out of context it reads "muut asiat saa odottaa" as
            # brushing the client's matters aside (dismiss 0.69). The skilled meetings' own
            # "Ei oo tilastoista, ne saa odottaa. ..." still listens. Strict: it fails once the
            # sentence reads kind again, and then this mark goes.
            marks=pytest.mark.xfail(strict=True, reason="push head reads it as dismiss"),
        ),
        ("fi", "Et saa unta ennen kolmea."),
        ("fi", "Ei haittaa, ota rauhassa."),
    ],
)
def test_kind_turns_are_not_read_as_blaming_or_rejecting(lang: str, text: str) -> None:
    assert read(lang, text).mode not in ("blaming", "rejecting"), text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "If you don't stop drinking you will lose the flat."),
        ("en", "I'm sure she didn't mean it."),
        ("en", "Last time you missed it as well."),
        ("fi", "Et saa enää tuoda koiraa tänne."),
        ("fi", "Muut saa odottaa sua joka kerta."),
    ],
)
def test_the_narrowed_phrases_still_read_pushing_and_blaming(lang: str, text: str) -> None:
    assert read(lang, text).mode in ("blaming", "rejecting"), text


def test_spoken_anteeks_is_an_apology_not_a_question() -> None:
    assert "closed_question" not in moves("fi", "Anteeks, mä taisin mennä liian nopeesti.")


@pytest.mark.parametrize(
    ("lang", "view", "proposal"),
    [
        (
            "fi",
            "ootko sä itse miettiny, mistä se väsymys tulee?",
            "ootko miettiny et hakisit apua?",
        ),
        (
            "en",
            "Have you thought about what you want from this?",
            "Have you thought about going to AA?",
        ),
    ],
)
def test_asking_the_clients_own_view_is_not_advice(lang: str, view: str, proposal: str) -> None:
    assert "advice" not in moves(lang, view)
    assert "advice" in moves(lang, proposal)


# -- a blame denied is a reassurance ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "en",
            "Thank you. It is not wrong. You both work very hard. Omar is alone in the morning - "
            "that is hard for him. Not your fault.",
            "My husband works nights and I start at five. Is that wrong?",
        ),
        (
            "en",
            "I don't think you're useless at all. You held down two years of warehouse shifts "
            "and you came in here on your own to sort this out.",
            "My mum says I'm a waste of space.",
        ),
        (
            "fi",
            "Mä en ajattele, että sä oot huono äiti. Mä ajattelen, että sä tulit tänne, vaikka "
            "et ois halunnu, ja se kertoo että sä välität.",
            "Te varmaan ajattelette jo valmiiks jotain meistä.",
        ),
        ("fi", "Ei tarvii hävetä.", "Mua hävettää ihan hirveesti."),
    ],
)
def test_a_blame_denied_reassures_and_blames_no_one(lang: str, text: str, client: str) -> None:
    # "Not your fault", "I don't think you're useless", "En mä ajattele että sä oot huono
    # äiti": the worker takes a judgement off the client. A student who says so is not told
    # they blamed.
    got = read(lang, text, client)
    assert "confront" not in got.moves
    assert got.mode not in ("blaming", "rejecting")


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "Isn't that your fault?", "They cut my benefits."),
        ("en", "It's your fault.", "They cut my benefits."),
        ("fi", "No ei todellakaan ois pitäny.", "Mä huusin sille eilen."),
        ("fi", "Se on sun vika.", "Mä mokasin taas."),
    ],
)
def test_a_denial_that_is_the_reproach_still_blames(lang: str, text: str, client: str) -> None:
    # A question ("Isn't that your fault?") and a denied obligation in the past ("ei ois
    # pitäny": you shouldn't have) are reproaches in the form of a denial.
    got = read(lang, text, client)
    assert "confront" in got.moves and got.mode == "blaming"


@pytest.mark.parametrize(
    ("text", "client", "move", "mode"),
    [
        (
            "To be fair, your boss is probably stretched thin as well.",
            "My boss never listens to me.",
            "persuade",
            "rejecting",
        ),
        (
            "Come on, nobody needs a garage full of old magazines.",
            "I can't throw the magazines out, I just can't.",
            "persuade",
            "rejecting",
        ),
        (
            "Maybe if you went to bed earlier you wouldn't be so tired.",
            "I'm always tired these days.",
            "confront",
            "blaming",
        ),
    ],
)
def test_a_statement_in_the_workers_own_stance_pushes(
    text: str, client: str, move: str, mode: str
) -> None:
    # "To be fair, ...", "Come on, ...", "Maybe if you ...": the worker's view of the client's
    # matter, not their words given back. A student who says it is not told they listened.
    got = read("en", text, client)
    assert move in got.moves
    assert not set(got.moves) & {"simple_reflection", "complex_reflection", "summary"}
    assert got.mode == mode
    stance = next(e for e in got.evidence if e.move == move)
    assert (
        stance.reason
        == "the worker's own stance on the client's situation, not their words given back"
    )


def test_more_than_you_let_on_gives_the_client_s_words_back_and_blames_no_one() -> None:
    # Played in tmux (stop 30): "you let" was read as the worker's verdict ("You let her down"),
    # so a reflection and praise of Lee's own words came out as blame.
    got = read(
        "en",
        "And earlier you said the overdose scared you more than you let on. That took guts to say.",
        "It scared me. Alright? It did.",
    )
    assert "confront" not in got.moves and got.mode == "encountering"
    assert "confront" in read("en", "You let her down again.", "I missed Sunday.").moves


def test_doing_what_was_agreed_is_not_brushing_the_client_aside() -> None:
    # Played in tmux (stop 31): "I'll sort" was a brush-off phrase, so closing a good meeting
    # with the agreed plan read as rejecting and listening fell to "needs practice" (49).
    got = read(
        "en",
        "Okay. I'll sort both kits now and ask the nurse to see you on Thursday about the dose."
        " Is that okay with you?",
        "Right. I'll take a kit now, for Danny. And I'll see the nurse Thursday, about the dose.",
    )
    assert "dismiss" not in got.moves and got.mode == "encountering"
    assert "dismiss" in read("en", "Don't worry, I'll sort it.", "I can't pay the rent.").moves


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("It sounds, honestly, exhausting.", "I've been up every night with the baby."),
        ("To be honest, I'm worried about you.", "I've been drinking more since the funeral."),
        ("Honestly, yeah, a chat.", "What's this about then, a chat?"),
    ],
)
def test_frankness_that_reflects_or_discloses_pushes_nothing(text: str, client: str) -> None:
    # A reflective opener keeps the reflection; the worker's own worry is self-disclosure; a
    # frank word without a claim agrees. None of them is read as pushing.
    got = read("en", text, client)
    assert not set(got.moves) & {"persuade", "confront", "dismiss"}
    assert got.mode not in ("blaming", "rejecting")


@pytest.mark.parametrize(
    ("text", "client", "move"),
    [
        ("You need those appointments.", "I keep missing the appointments, I forget.", "persuade"),
        (
            "Your sister has a point, though, you'll see.",
            "My sister nags me about the pub.",
            "persuade",
        ),
        pytest.param(
            "It will be better once you're working.",
            "I haven't left the flat in weeks.",
            "dismiss",
            # A known cost of the English push head at 0.7 (push33, 2026-12-06; trained on the
            # training corpora, dev9-20 and the meetings): it gives this dismiss between 0.6 and
            # 0.7, and the turn reads as nothing. Strict: it fails once the dismiss is heard
            # again, and then this mark goes.
            marks=pytest.mark.xfail(strict=True, reason="push head below 0.7 for its dismiss"),
        ),
        ("I'm sure your son is just busy.", "My son hasn't rung since March.", "dismiss"),
        (
            "Staying in your room all weekend is your own choice, though.",
            "I sit in my room all weekend.",
            "confront",
        ),
    ],
)
def test_a_statement_in_the_workers_own_voice_is_no_reflection(
    text: str, client: str, move: str
) -> None:
    # Issue 12: a statement about the client that carries the worker's obligation, prediction,
    # evaluation or reassurance, with no reflective frame, used to pass the reflection test on
    # its "you" and its new words. It says what the worker thinks, not what the client meant.
    got = read("en", text, client)
    assert move in got.moves
    assert not set(got.moves) & {"simple_reflection", "complex_reflection", "summary"}
    assert got.mode in ("blaming", "rejecting")


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # the client's own "need" given back
        ("You need some time that is just yours.", "I need some time that's just mine."),
        # an obligation lifted, not imposed
        ("You don't have to go into it today.", "I'd rather not talk about the divorce."),
        # a reflective frame around the worker's word
        (
            "It sounds like you would be better off somewhere quieter.",
            "The flat is so noisy I cannot sleep.",
        ),
    ],
)
def test_the_clients_own_words_or_a_reflective_frame_still_reflect(text: str, client: str) -> None:
    got = read("en", text, client)
    assert not set(got.moves) & {"persuade", "confront", "dismiss"}
    assert got.mode not in ("blaming", "rejecting")


def test_the_own_voice_reading_of_a_lexicon_is_checked(tmp_path, monkeypatch) -> None:
    # One rule reads the worker's own voice in every language; a lexicon says only how
    # (`own_voice_reading`), and a misspelt setting must not silently switch a frame off.
    from simulator.language import lexicon

    english = lexicon.load_lexicon("en")
    assert english.own_voice_framed_by == (
        "summary",
        "feeling",
        "meaning",
        "double_sided",
        "inference",
    )
    assert english.own_voice_negation_lifts and not english.own_voice_own_word
    finnish = lexicon.load_lexicon("fi")
    assert finnish.own_voice_own_word and not finnish.own_voice_framed_by
    text = (lexicon.LEXICON_DIR / "en.yaml").read_text(encoding="utf-8")
    bad = text.replace("framed_by: [summary, feeling,", "framed_by: [summary, feelings,")
    assert bad != text
    (tmp_path / "xx.yaml").write_text(bad, encoding="utf-8")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    with pytest.raises(ValueError, match="feelings"):
        lexicon.load_lexicon.__wrapped__("xx")


@pytest.mark.parametrize(
    ("client", "move", "mode"),
    [
        ("I'm not going to rehab. I told the doctor.", "persuade", "rejecting"),
        ("Maybe. I don't like phoning them.", "persuade", "rejecting"),
        # the client asked what to do, or told of their state: the same words advise
        ("What should I do about the rehab place?", "advice", "noticing"),
        ("I don't know how to stop.", "advice", "noticing"),
    ],
)
def test_english_advice_pressed_against_the_clients_stand_persuades(
    client: str, move: str, mode: str
) -> None:
    # The labelling contract: "you should" pressed against a stand or a hesitation the client
    # has voiced is persuading (gated.py `_pressed`, switched on by the lexicon's sections).
    got = read("en", "You should really take the place on the programme.", client)
    assert move in got.moves and got.mode == mode


# -- Finnish: advice pressed against the client's stand, and "kyllä" set against their words ----


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Sun pitää silti mennä sinne, vaikka et haluais.", "En mä haluu mennä sinne enää."),
        (
            "Teidän täytyy soittaa pankkiin tänään.",
            "Mä en halua soittaa niille, ne vaan syyllistää.",
        ),
    ],
)
def test_finnish_advice_pressed_against_the_clients_stand_persuades(text: str, client: str) -> None:
    # "Sun pitää..." said to a client who has just refused or hesitated presses the worker's
    # plan against theirs: the labelling contract's persuading, shown as rejecting.
    got = read("fi", text, client)
    assert "persuade" in got.moves and "advice" not in got.moves
    assert got.mode == "rejecting"
    assert any(e.move == "persuade" and e.reason for e in got.evidence)


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # The client asked what to do: the same words are advice.
        ("Sun pitää silti mennä sinne, vaikka et haluais.", "Mitä mä nyt teen?"),
        ("Teidän täytyy soittaa pankkiin tänään.", "Mitä mä teen niiden laskujen kanssa?"),
        # "En jaksa" tells how the client is; it takes no stand against a plan.
        ("Sinun täytyy hoitaa postisi.", "Ne yövuorot. Mä en vaan jaksa avata postia."),
    ],
)
def test_finnish_advice_asked_for_stays_advice(text: str, client: str) -> None:
    got = read("fi", text, client)
    assert "advice" in got.moves and "persuade" not in got.moves
    assert got.mode == "noticing"


def test_finnish_advice_that_hands_the_choice_over_presses_nothing() -> None:
    # A skilled worker's "you need to hear first..." followed by asking leave is no push.
    got = read(
        "fi",
        "Sun pitää ensin kuulla miten muut sen kokee. Saanko kertoa vähän ryhmästä?",
        "En mä tiiä haluunko mä sitoutua.",
    )
    assert "persuade" not in got.moves
    assert got.mode == "encountering"


def test_finnish_kylla_set_against_the_clients_doubt_is_no_reflection() -> None:
    # "Kyllä sä jaksat" re-says the client's "jaksanko" only to overrule it.
    got = read(
        "fi", "Kyllä sä sen koulun jaksat, ihan varmasti.", "Mut jaksanko mä sitä koulua, ehkä en."
    )
    assert not set(got.moves) & {"simple_reflection", "complex_reflection", "summary"}
    assert got.mode in ("rejecting", "blaming")
    assert any(e.words and e.words[0].lower() == "kyllä" for e in got.evidence)


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # A reflective opener and a feeling: the worker hears the client.
        ("Kyllä mä kuulen, että sua pelottaa.", "En mä tiiä uskallanko mä mennä sinne."),
        # The turn reflects first; "kyllä" then validates.
        (
            "Koulu alko maanantaina. Kyllä se on iso muutos kenelle tahansa.",
            "Mä aloitin koulun maanantaina, en tiiä miten mä jaksan.",
        ),
    ],
)
def test_finnish_kylla_beside_listening_still_listens(text: str, client: str) -> None:
    got = read("fi", text, client)
    assert got.mode == "encountering"


# -- Finnish: the worker's own voice is no reflection (issue 12, recog10fi) ----------------------


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # A denial of what the client said or feared.
        ("Ei siihen pyörry, vaikka sydän hakkaa.", "Mä luulin et mä pyörryn kaupassa."),
        ("Ei sulla mitään masennusta oo.", "Mua pelottaa et jos mä oon masentunu."),
        # How people in general are, said of no one in particular.
        ("Tässä iässä moni on vähän hukassa.", "Mä en tiiä mitä mä haluun elämältä."),
        # What the client must do.
        ("Teidän on kerrottava heille heti.", "Ne ei tiedä vielä mitään."),
    ],
)
def test_finnish_the_workers_own_voice_is_no_reflection(text: str, client: str) -> None:
    got = read("fi", text, client)
    assert not set(got.moves) & {"simple_reflection", "complex_reflection", "summary"}
    assert got.mode != "encountering"


def test_finnish_eli_before_a_must_concludes_and_advises() -> None:
    # "Eli" opens many reflections, but it frames no "must" as the client's own.
    got = read("fi", "Eli sun pitää vaan opetella ottamaan rennommin.", "Mä jännitän kokeita.")
    assert "advice" in got.moves
    assert not set(got.moves) & {"simple_reflection", "complex_reflection"}


@pytest.mark.parametrize(
    ("text", "client"),
    [
        # The client's own denial and their own "must", given back.
        ("Ette ole nukkunut kunnolla viikkoihin.", "En oo nukkunu kunnolla viikkoihin."),
        ("Niin, jotain pitää tehdä.", "No mitä sit? Jotain pitäis silti tehdä."),
        # A "must" that infers, and one that a reflective verb frames.
        ("Sen täytyy tuntua tosi yksinäiseltä.", "Kukaan ei soita mulle enää."),
        (
            "Se kuulostaa uuvuttavalta, varsinkin kun aamulla pitäisi saada lapset kouluun.",
            "Mä tuun yövuorosta kotiin puoli kahdelta.",
        ),
        # "Understandable" is no obligation; a denial that answers their question contradicts
        # nothing they said.
        ("Säikähdys on ihan ymmärrettävä.", "Kyllä se säikäytti. Mä makasin jäällä puoli tuntia."),
        (
            "Ei mulla mitään siirtopapereita oo, mä tulin kuulemaan, miten teillä täällä menee.",
            "Onko teillä jo paperit valmiina, mihin mut siirretään?",
        ),
    ],
)
def test_finnish_the_clients_own_words_given_back_still_reflect(text: str, client: str) -> None:
    got = read("fi", text, client)
    assert set(got.moves) & {"simple_reflection", "complex_reflection"}
    assert got.mode == "encountering"


def test_finnish_necessive_to_the_client_advises() -> None:
    # "Sinun on tehtävä" is Finnish's "you have to" (AnnoMI's "you have to put the time in",
    # read as advice in English, was read as a summary in its translation).
    got = read("fi", "Teidän on haettava tukea ennen kuun loppua.", "Rahat ei riitä vuokraan.")
    assert "advice" in got.moves
    assert got.mode == "noticing"


# Issue 12, English (recog13en): blame and pressure phrases that also say kind things. The
# sentences are from development sets 3-17 and the free-text meetings; the blames beside them
# still blame.
@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "You're the one who knows what works for your family. Whatever you decide, we'll "
            "work with that.",
            "I don't want a family support worker in my house every week.",
        ),
        (
            "You're lying awake every night with the throbbing, so by morning taking them off "
            "feels like the only choice.",
            "They throb at night. I lie there and I can feel my heartbeat in my ankle.",
        ),
        (
            "So last time it wasn't that you were careless - you couldn't read the letter, and "
            "Derek had always done the post. And now it's all landed on you too.",
            "I didn't bring them because I couldn't read the letter properly.",
        ),
        (
            "It might be. If not, we could ask social services about a pet-sitter, or your "
            "neighbour might manage a few more days. Which would you prefer?",
            "So Friday's possible.",
        ),
        (
            "Nobody will make you do anything. Any decision after a result is yours, and "
            "there's screening as well as surgery.",
            "If it's positive they'll say take my breasts off. I'm not ready to hear that.",
        ),
        ("How was it, your nan coming instead?", "My mum works nights. My nan did."),
        (
            "Since Arthur passed it's been very quiet at home, and Sunday is the day you look "
            "forward to.",
            "I've been on my own since Arthur passed. My son rings on Sundays.",
        ),
    ],
)
def test_english_kind_words_inside_a_blame_phrase_blame_no_one(text: str, client: str) -> None:
    got = read("en", text, client)
    assert not set(got.moves) & {"confront", "persuade", "dismiss"}
    assert got.mode == "encountering"


@pytest.mark.parametrize(
    ("text", "client", "move"),
    [
        ("You're the one who chose to drop out.", "I left college.", "confront"),
        ("If this doesn't change I'll have to call social services.", "", "persuade"),
        ("Well, something has to change at home.", "Punish her?", "persuade"),
        ("Oh well. Shall we talk about your flat instead?", "I lost my job.", "dismiss"),
        (
            "Nobody's saying you're senile. Now, the bank said they'd call you about the "
            "refund claim.",
            "My son wants control of my bank account. I'm not senile.",
            "dismiss",
        ),
        (
            "Ok, two hours. What you need is a morning carer then, that's what I'll put down.",
            "The washing's the worst. Mornings take me two hours.",
            "advice",
        ),
    ],
)
def test_english_the_blame_and_pressure_those_phrases_were_for_still_read(
    text: str, client: str, move: str
) -> None:
    assert move in read("en", text, client).moves


# -- Finnish: pushes in free-text meetings heard as listening, kind turns read as harsh ---------
# (issue 12, recog13fi; the worker turns of the meeting rounds written before 3d68c0d)

RIIKKA_STAND = "Niinku sanoin, mä en oo enää mikään näyteikkuna."


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Mä laitan sen nyt tilaukseen, se on maksuton kokeilu kuukauden. Sopiiko?",
            "...No. Jos totta puhutaan, ei tää talo ihan helppo oo enää talvella. Mut mun tää on.",
        ),
        (
            "Okei. Mä ajattelin siirtää Jeren jollekin toiselle, niin sun kuorma kevenee. Sopiiko?",
            "No, kyllä täällä pärjätään. Niin hyvin kuin nyt voi.",
        ),
        ("Käydään tänään läpi työnhakusuunnitelma ja ne velvoitteet. Sopiiko?", ""),
    ],
)
def test_finnish_a_bare_sopiiko_after_a_decision_asks_agreement_not_leave(
    text: str, client: str
) -> None:
    r = read("fi", text, client)
    assert "ask_permission" not in r.moves and "closed_question" in r.moves
    assert r.mode != "encountering"


@pytest.mark.parametrize(
    "text",
    [
        "Voisin kertoa, miten velkajärjestely yleensä etenee, jos se kiinnostaa. Sopiiko?",
        "Voin soittaa tulkin, niin voimme puhua sinun omalla kielellä. Sopiiko se?",
        "Jos sä haluut, mä voin kertoo mitä se korvaushoito käytännössä on. Sopiiko?",
    ],
)
def test_finnish_a_bare_sopiiko_after_an_offer_still_asks_leave(text: str) -> None:
    assert "ask_permission" in read("fi", text).moves


def test_finnish_olis_hyva_etta_advises_and_praises_nothing() -> None:
    r = read(
        "fi",
        "Sitten toinen juttu: ekassa kokouksessa olis hyvä että kertoisit lyhyesti oman "
        "tarinasi sijoituksesta, niin muut pääsee kärryille.",
        "Okei. Mä kysyn siks, että viimeks palkkio tuli kolme kuukautta myöhässä.",
    )
    assert "affirmation" not in r.moves and "advice" in r.moves
    assert read("fi", "Hyvä että kysyit.", "Mitä se palkkio on?").moves == ("affirmation",)


@pytest.mark.parametrize(
    "text",
    ["Moi, kiva että tulit.", "Moi Riikka, hyvä että pääsit.", "Moi Emma, kiva et tulit."],
)
def test_finnish_a_welcome_greets_and_praises_nothing(text: str) -> None:
    r = read("fi", text, "Moi! Mä oon Riikka. Mä oon vähän jännittyny.")
    assert r.moves == ("greeting",)


def test_finnish_praise_for_coming_after_all_is_still_praise() -> None:
    assert "affirmation" in read("fi", "Kiva et tulit vaikka oli vaikee aamu.").moves


@pytest.mark.parametrize(
    ("text", "client"),
    [
        (
            "Selvä, ja se on ihan ok. Sun ei tarvii kertoo täällä sun omaa tarinaa ollenkaan, "
            "jos et halua.",
            RIIKKA_STAND,
        ),
        (
            "Selvä, kuulin. Ketään ei tule teille kotiin, jos et halua. Sä päätät siitä.",
            "Mä en halua ketään meille kotiin.",
        ),
        (
            "Kuuskyt ja puolet Sarin päälle, ja kirjaukset menee iltoihin kotona. Toi on liikaa "
            "yhelle ihmiselle.",
            "Mulla on kuuskyt asiakasta. Ja Sarin asiakkaista puolet päälle. Mä kirjaan illalla "
            "kotona.",
        ),
    ],
)
def test_finnish_leaving_it_to_the_client_or_naming_the_load_pushes_nothing(
    text: str, client: str
) -> None:
    r = read("fi", text, client)
    assert r.mode == "encountering", r.moves


@pytest.mark.parametrize(
    ("text", "client"),
    [
        ("Jos et lopeta, menetät lapset.", ""),
        ("Viikonloppuisinkin on liikaa, sun pitäis lopettaa kokonaan.", ""),
        ("Joo, koulusta se tuli, mutta se ei nyt oo se pääasia.", "Kuka sen ilmotuksen teki?"),
        (
            "Eli ei apua sieltäkään. Sitten perhetyö on kyllä paras vaihtoehto, mä kirjaan sen.",
            "Aava on päiväkodissa. Mä haen sen iltapäivällä ennen vuoroa.",
        ),
    ],
)
def test_finnish_threats_brushing_aside_and_the_one_best_option_push(
    text: str, client: str
) -> None:
    assert read("fi", text, client).mode == "rejecting"
