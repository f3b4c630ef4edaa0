"""A turn is read in its context, the safety net is the Session's, and sympathy is a move."""

from __future__ import annotations

import io
import json
import logging

import pytest
from fixtures.engine.build import FakeRecognizer, scenario

from simulator.commands.classify import classify_stream
from simulator.language import get_recognizer
from simulator.language.gated import GatedRecognizer
from simulator.session import Session
from simulator.transcript import Transcript


class ContextSpy(FakeRecognizer):
    """Remembers the context each turn was read in."""

    def __init__(self) -> None:
        super().__init__()
        self.contexts: list[tuple[str, str, str]] = []

    def recognize(
        self, text, *, client_before="", client_earlier="", worker_before="", topics=None
    ):
        self.contexts.append((client_before, client_earlier, worker_before))
        return super().recognize(text, client_before=client_before, topics=topics)


def _session(recognizer) -> Session:
    return Session(scenario(), recognizer=recognizer, seed=1, variant="calm")


def test_the_session_passes_the_clients_last_two_turns_and_the_workers_previous_turn():
    spy = ContextSpy()
    s = _session(spy)
    first = s.say("Hello there.")
    s.say("How are you?")
    assert spy.contexts[0] == (s.opening.text, "", "")
    assert spy.contexts[1] == (first.text, s.opening.text, "Hello there.")


def test_a_resumed_meeting_reads_its_next_turn_in_the_same_context():
    spy = ContextSpy()
    s = _session(spy)
    s.say("Hello there.")
    s.say("How are you?")
    s.say("Tell me more.")
    # An old journal has no context field: resuming replays the turns and rebuilds it.
    data = json.loads(json.dumps(s.transcript.to_dict()))
    again_spy = ContextSpy()
    again = Session.resume(scenario(), Transcript.from_dict(data), recognizer=again_spy)
    again.say("And then?")
    s.say("And then?")
    assert again_spy.contexts[-1] == spy.contexts[-1]


def test_a_recognizer_without_the_context_keywords_still_works():
    plain = FakeRecognizer()
    s = _session(plain)
    s.say("Hello there.")
    assert plain.heard[-1] == ("Hello there.", s.opening.text)


class Broken(FakeRecognizer):
    def recognize(self, text, *, client_before="", topics=None):
        raise RuntimeError("boom")


def test_the_session_catches_and_logs_a_recognizer_failure(caplog):
    s = _session(Broken())
    with caplog.at_level(logging.ERROR, logger="kohtaamo.session"):
        turn = s.say("Hello there.")
    assert turn.text  # the client still answers
    assert turn.record.recognition.moves == ()
    assert "recognizer failed" in caplog.text and "boom" in caplog.text


def test_classify_goes_on_after_a_failing_line(monkeypatch):
    monkeypatch.setattr("simulator.language.get_recognizer", lambda lang: Broken())
    out, errors = io.StringIO(), io.StringIO()
    assert classify_stream(["one", "two"], out, "en", False, errors) == 2
    assert [json.loads(line)["moves"] for line in out.getvalue().splitlines()] == [[], []]
    assert "line 1" in errors.getvalue() and "boom" in errors.getvalue()


def test_the_recognizer_itself_has_no_catch_all(monkeypatch):
    rec = GatedRecognizer("en", use_gate=False)

    def fail(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(rec, "_recognize", fail)
    with pytest.raises(RuntimeError):
        rec.recognize("Hello.")


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        ("en", "I'm so sorry for your loss.", "My mum died last month."),
        ("en", "Oh no, that's awful to hear.", "They took the kids into care."),
        ("fi", "Otan osaa.", "Äiti kuoli viime viikolla."),
        ("fi", "Voi ei, tosi ikävä kuulla.", "Mut irtisanottiin eilen."),
    ],
)
def test_sympathy_is_support_and_encounters(lang, text, client):
    got = get_recognizer(lang).recognize(text, client_before=client)
    assert "support" in got.moves
    assert got.mode == "encountering"


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_learned_reading_names_content_words_not_little_ones(lang):
    rec = get_recognizer(lang)
    little = rec.lexicon.stopwords | rec.lexicon.second_person | rec.lexicon.first_person
    turns = {
        "en": [
            ("It's been a tough year and you've kept going anyway.", "Work's been rubbish."),
            ("Your drinking has been creeping up since the divorce.", "I drink more now."),
        ],
        "fi": [
            ("Sulla on ollu rankka vuosi ja oot silti jaksanu.", "Töissä on ollu kurjaa."),
            ("Juominen on lisääntyny eron jälkeen.", "Mä juon nykyään enemmän."),
        ],
    }[lang]
    for text, client in turns:
        for evidence in rec.recognize(text, client_before=client).evidence:
            for phrase in evidence.words:
                assert phrase.lower() not in little, (text, evidence)
