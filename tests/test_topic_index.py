"""Topic, cue and choice words within bounds (issue 18, item 7): a scenario over the limits is
refused with a positioned K211, and the indexed reading of a turn's topics gives exactly what
reading every phrase word against every turn word gave (benchmarks/limits.py times both).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from simulator.language import get_recognizer
from simulator.language.topics import TopicIndex, same_word
from simulator.scenario.diagnostics import ScenarioError
from simulator.scenario.limits import (
    MAX_LIST_ENTRIES,
    MAX_PHRASE_CHARS,
    MAX_PHRASE_WORDS,
    MAX_TEXT_CHARS,
    MAX_WORD_LISTS,
)
from simulator.scenario.loader import load_scenario_text

MINIMAL = (Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml").read_text()


def _pairwise(recognizer, text: str, lists: dict[str, list[str]]) -> tuple[str, ...]:
    """The reading before the index: every phrase word against every turn word."""
    words = recognizer._words(text)
    stems = [(recognizer._topic_stem(w), w) for w in words]
    found = []
    for list_id, phrases in lists.items():
        for phrase in phrases:
            parts = recognizer._words(phrase)
            if parts and all(
                any(
                    same_word(
                        recognizer._topic_stem(p), s, p, w, shared_heads=recognizer._shared_heads
                    )
                    for s, w in stems
                )
                for p in parts
            ):
                found.append(list_id)
                break
    return tuple(found)


# Few letters, so that stems and heads of different words often meet (the rules under test).
_WORD = st.text(alphabet="aäeiklnorstuy", min_size=1, max_size=9)
_PHRASE = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)


@pytest.mark.parametrize("language", ["fi", "en"])
@settings(max_examples=120, deadline=None)
@given(
    lists=st.dictionaries(
        st.sampled_from(["a", "b", "c", "d", "e"]), st.lists(_PHRASE, min_size=1, max_size=4)
    ),
    turn=st.lists(_WORD, max_size=12).map(" ".join),
)
def test_the_index_reads_the_same_topics_as_the_pairwise_reading(language, lists, turn):
    recognizer = get_recognizer(language)
    index = TopicIndex(lists, recognizer._words, recognizer._stem, recognizer._shared_heads)
    words = recognizer._words(turn)
    found = index.find(words, [recognizer._stem(w) for w in words])
    assert found == _pairwise(recognizer, turn, lists)


@settings(max_examples=300, deadline=None)
@given(a=_WORD, b=_WORD, shared=st.booleans())
def test_each_form_of_a_listed_word_is_found_by_the_index(a, b, shared):
    """Word by word against topics.same_word itself, with made-up stems (a head of the word)."""
    assume(a != b)  # one word has one stem
    for cut_a in (len(a), max(1, len(a) - 2)):
        for cut_b in (len(b), max(1, len(b) - 1)):
            stem_a, stem_b = a[:cut_a], b[:cut_b]
            stems = {a: stem_a, b: stem_b}
            index = TopicIndex({"t": [a]}, lambda p: p.split(), stems.__getitem__, shared)
            assert bool(index.find([b], [stem_b])) == same_word(
                stem_a, stem_b, a, b, shared_heads=shared
            ), (a, stem_a, b, stem_b)


@pytest.mark.parametrize(
    ("listed", "said", "found"),
    [
        ("lääke", "lääkkeet", True),  # an inflected form Snowball leaves apart
        ("tarina", "tarinaa", True),
        ("jaksaminen", "jaksamisesta", True),
        ("aamu", "aamupala", False),  # a longer compound is another word unless listed
        ("lääke", "lääkärille", False),
        ("palvelutalo", "palveluohjaaja", False),
        ("työpaikka", "työparina", False),  # stems that fork after a shared head
        ("turvanappi", "turvallisempaa", False),
        ("kahvikerho", "kahvi", False),  # a listed compound, a short head said
        ("vastaanotto", "vasta", False),
        ("asiakasmäärä", "asiakkaat", True),  # a long shared head still counts
    ],
)
def test_a_finnish_topic_word_takes_its_forms_not_longer_words(listed, said, found):
    """issue 14: "aamu" caught "aamupala" and "lääke" "lääkärille" by a shared head; a trainer
    lists a compound to catch it."""
    recognizer = get_recognizer("fi")
    assert bool(recognizer._topics(said, {"t": [listed]})) is found


def test_a_word_snowball_cuts_to_another_words_stem_names_no_topic_of_that_word():
    """A skilled "what would be useful for you today?" to Lee was charged in the debrief with
    raising his using before trust allowed it: Snowball cuts `useful` to `use` (lead's play,
    stop 39). Forms of the word itself still count."""
    scenario = load_scenario_text(
        (
            Path(__file__).parent.parent / "scenarios" / "en-substance-use-no-treatment.yaml"
        ).read_text()
    )
    lists = {tid: list(topic.words) for tid, topic in scenario.topics.items()}
    recognizer = get_recognizer("en")
    assert "using" not in recognizer._topics("Really, what would be useful for you today?", lists)
    assert not recognizer._topics("Be careful with that.", {"caring": ["care"]})
    assert "using" in recognizer._topics("How often do you use?", lists)


def test_the_bundled_topic_words_are_read_from_a_turn():
    recognizer = get_recognizer("en")
    lists = {"rent": ["rent", "arrears", "landlord"], "night_shifts": ["night", "shift"]}
    assert recognizer._topics("The landlord wrote about your night shifts.", lists) == (
        "rent",
        "night_shifts",
    )


@pytest.mark.parametrize(
    ("language", "turn", "found"),
    [
        ("en", "The letter from your landlord, what does it say?", ("the_letter",)),
        # a long turn that names the letter in one sentence and says "say" in another
        ("en", "I've read your letter. Now, what would you say helps most?", ()),
        ("fi", "Mitä se kirje sanoo?", ("the_letter",)),
        ("fi", "Kirje tuli eilen. Mitä mieltä sä oot, mitä sanot?", ()),
    ],
)
def test_a_phrase_is_found_only_when_its_words_are_said_in_one_sentence(language, turn, found):
    """issue 14: a trainer can predict a phrase match from one sentence of the turn."""
    lists = {"the_letter": ["letter say"] if language == "en" else ["kirje sanoo"]}
    assert get_recognizer(language)._topics(turn, lists) == found


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "big.yaml")
    return [d.format("en") for d in caught.value.diagnostics]


def test_too_many_word_lists_is_refused_at_the_first_extra_one():
    extra = "".join(f"  t{i}:\n    words: [w{i}]\n" for i in range(MAX_WORD_LISTS))
    problems = _problems(MINIMAL.replace("topics:\n", "topics:\n" + extra, 1))
    line = MINIMAL.splitlines().index("topics:") + 1 + 2 * MAX_WORD_LISTS + 1  # `rent`
    assert problems == [
        f"big.yaml:{line}:3: error K211: too many topics, cues and choices together "
        f"({MAX_WORD_LISTS + 3}, at most {MAX_WORD_LISTS}); the extra ones start here\n"
        "    hint: merge the ones that mean the same, or split the material into several "
        "scenarios"
    ]


def test_too_many_words_in_a_topic_is_refused_where_the_extra_ones_start():
    words = ", ".join(f"w{i}" for i in range(MAX_LIST_ENTRIES + 1))
    text = MINIMAL.replace("words: [rent, arrears, landlord]", f"words: [{words}]")
    (problem,) = _problems(text)
    line = MINIMAL.splitlines().index("    words: [rent, arrears, landlord]") + 1
    column = len(f"    words: [{words}]") - len(f"w{MAX_LIST_ENTRIES}]") + 1
    assert problem.startswith(
        f"big.yaml:{line}:{column}: error K211: topics.rent.words: too many words "
        f"({MAX_LIST_ENTRIES + 1}, at most {MAX_LIST_ENTRIES})"
    )
    assert "one form of a word is enough" in problem


@pytest.mark.parametrize(
    "phrase",
    ["a" * (MAX_PHRASE_CHARS + 1), " ".join(["on"] * (MAX_PHRASE_WORDS + 1))],
)
def test_a_phrase_too_long_is_refused_at_its_place(phrase):
    text = MINIMAL.replace("words: [night, shift, tired]", f'words: [night, "{phrase}"]')
    (problem,) = _problems(text)
    line = MINIMAL.splitlines().index("    words: [night, shift, tired]") + 1
    assert problem.startswith(f"big.yaml:{line}:20: error K211: cues.night_shifts.words: '")
    assert f"(at most {MAX_PHRASE_CHARS} characters and {MAX_PHRASE_WORDS} words)" in problem


def test_a_line_too_long_is_refused_in_finnish_too():
    line = "x" * (MAX_TEXT_CHARS + 1)
    text = MINIMAL.replace('"Hmm.", ', f'"{line}", ', 1)
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "big.yaml", lang="fi")
    (problem,) = caught.value.diagnostics
    assert problem.code == "K211"
    assert (
        problem.where.line
        == MINIMAL.splitlines().index('fallback: ["Hmm.", "I don\'t know what to say."]') + 1
    )
    assert f"({MAX_TEXT_CHARS + 1} merkkiä, enintään {MAX_TEXT_CHARS})" in problem.format("fi")
    assert "jaa se kahdeksi repliikiksi" in problem.format("fi")


def test_a_scenario_at_every_limit_loads():
    """The limits are reachable: one list at each limit is no error."""
    phrase = " ".join(["abcdefghi"] * MAX_PHRASE_WORDS)[:MAX_PHRASE_CHARS]
    words = ", ".join(f'"{phrase[:-3]}{i:03d}"' for i in range(MAX_LIST_ENTRIES))
    extra = "".join(f"  t{i}:\n    words: [{words}]\n" for i in range(MAX_WORD_LISTS - 3))
    text = MINIMAL.replace("topics:\n", "topics:\n" + extra, 1).replace(
        '"Hmm.", ', '"' + "x" * MAX_TEXT_CHARS + '", ', 1
    )
    scenario = load_scenario_text(text, "big.yaml")
    assert len(scenario.word_lists()) == MAX_WORD_LISTS
