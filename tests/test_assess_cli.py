"""`kohtaamo assess`: a typed-up conversation in, scores out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import simulator.language
from simulator.cli import main
from simulator.language.base import Recognition

DATA = Path(__file__).parent / "data" / "assess"


def assess(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["assess", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_numeric_axes_profile_and_miti(capsys):
    code, out, _ = assess(capsys, str(DATA / "skilled.jsonl"), "--json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    for key in ("listening", "pacing", "autonomy", "overall"):
        assert 0 <= data[key] <= 100
    assert set(data["profile"]) == {"blaming", "rejecting", "noticing", "encountering"}
    assert data["miti"]["counts"]["complex_reflection"] == 3
    assert data["miti"]["reflection_to_question"] == 3.0
    assert len(data["turns"]) == 5


def test_skilled_role_play_outscores_unskilled_on_every_axis(capsys):
    _, good, _ = assess(capsys, str(DATA / "skilled.jsonl"), "--json")
    _, poor, _ = assess(capsys, str(DATA / "unskilled.jsonl"), "--json")
    good, poor = json.loads(good), json.loads(poor)
    for key in ("listening", "pacing", "autonomy", "overall"):
        assert good[key] > poor[key], key


def test_text_report_names_axes_levels_and_miti(capsys):
    code, out, _ = assess(capsys, str(DATA / "unskilled.jsonl"))
    assert code == 0
    assert "(4 worker turns)" in out
    assert "Listening" in out and "Pacing" in out and "Honouring choices" in out
    assert "needs practice" in out
    assert "Encounter profile: blaming 75 %, rejecting 25 %" in out
    assert "Reflections : questions:" in out
    assert "3 questions in one turn" not in out  # per-turn detail stays in --json / report


def test_text_report_in_finnish(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    code, out, _ = assess(capsys, str(DATA / "unskilled.jsonl"))
    assert code == 0
    assert "Kuuntelu" in out and "harjoiteltavaa" in out


def test_bad_line_gives_its_number_and_exit_1(capsys):
    code, out, err = assess(capsys, str(DATA / "bad_line.jsonl"))
    assert code == 1 and out == ""
    assert f"{DATA / 'bad_line.jsonl'}:4: bad line:" in err


def test_a_meeting_journal_points_to_report(capsys, monkeypatch):
    # Students try `assess` on the journal the app stored; the error says what to run instead.
    journal = Path(__file__).parent / "fixtures" / "journals" / "en-humiliated-before.helpful.jsonl"
    code, out, err = assess(capsys, str(journal), "--lang", "en")
    assert code == 1 and out == ""
    assert f"get its debrief with kohtaamo report {journal}" in err
    code, _, err = assess(capsys, str(journal), "--lang", "fi")
    assert f"sen palautteen saa komennolla kohtaamo report {journal}" in err


def test_a_bad_transcript_gets_no_journal_hint(capsys):
    _, _, err = assess(capsys, str(DATA / "bad_line.jsonl"))
    assert "kohtaamo report" not in err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["worker", "hi"]', "must be a JSON object"),
        (
            "Worker: How are you?",
            'not JSON (Expecting value); each line is one JSON object, e.g. {"speaker": "worker"',
        ),
        ('{"speaker": "boss", "text": "hi"}', 'speaker must be "worker" or "client", not "boss"'),
        ('{"speaker": "worker", "text": 5}', "text must be a string"),
        ('{"speaker": "worker", "text": "hi", "moves": ["hug"]}', "unknown: hug"),
    ],
)
def test_invalid_lines_are_refused_clearly(capsys, tmp_path, line, message):
    path = tmp_path / "t.jsonl"
    path.write_text('{"speaker": "client", "text": "Hi."}\n' + line + "\n", encoding="utf-8")
    code, _, err = assess(capsys, str(path))
    assert code == 1
    assert f"{path}:2: bad line:" in err and message in err


def test_missing_file_and_no_worker_lines(capsys, tmp_path):
    code, _, err = assess(capsys, str(tmp_path / "nope.jsonl"))
    assert code == 1 and "Cannot read" in err
    only_client = tmp_path / "c.jsonl"
    only_client.write_text('{"speaker": "client", "text": "Hi."}\n', encoding="utf-8")
    code, _, err = assess(capsys, str(only_client))
    assert code == 1 and "no worker lines" in err


class _KeywordRecognizer:
    """Reads reflections and questions from surface cues; enough to test the wiring."""

    language = "en"

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def recognize(self, text, *, client_before="", topics=None):
        self.seen.append((text, client_before))
        moves = []
        if text.startswith("You feel"):
            moves.append("complex_reflection")
        if text.endswith("?"):
            moves.append("open_question")
        return Recognition(text, tuple(moves), "encountering")


def test_unpinned_lines_go_through_the_recognizer_with_the_clients_words(
    capsys, tmp_path, monkeypatch
):
    fake = _KeywordRecognizer()
    monkeypatch.setattr(simulator.language, "get_recognizer", lambda lang: fake, raising=False)
    path = tmp_path / "t.jsonl"
    lines = [
        {"speaker": "client", "text": "I am so tired."},
        {"speaker": "worker", "text": "You feel worn out."},
        {"speaker": "client", "text": "Yes."},
        {"speaker": "worker", "text": "What helps?"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    code, out, _ = assess(capsys, str(path), "--json")
    assert code == 0
    assert fake.seen == [("You feel worn out.", "I am so tired."), ("What helps?", "Yes.")]
    data = json.loads(out)
    assert data["miti"]["counts"]["complex_reflection"] == 1
    assert data["profile"]["encountering"] == 1.0


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_real_recognizer_ranks_good_practice_above_poor(capsys, lang):
    _, good, _ = assess(capsys, str(DATA / f"plain_good_{lang}.jsonl"), "--lang", lang, "--json")
    _, poor, _ = assess(capsys, str(DATA / f"plain_poor_{lang}.jsonl"), "--lang", lang, "--json")
    good, poor = json.loads(good), json.loads(poor)
    assert good["overall"] > poor["overall"]
    assert good["autonomy"] > poor["autonomy"]
    assert poor["miti"]["mi_non_adherent"] > good["miti"]["mi_non_adherent"]


def test_a_finnish_transcript_is_read_as_finnish_without_lang_and_says_so(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    code, out, _ = assess(capsys, str(DATA / "plain_good_fi.jsonl"))
    assert code == 0
    assert "Transcript language: Finnish (detected from its words" in out
    assert "Listening" in out  # the answer stays in the UI language
    _, as_json, _ = assess(capsys, str(DATA / "plain_good_fi.jsonl"), "--json")
    data = json.loads(as_json)
    assert data["language"] == "fi" and data["transcript_language"]["how"] == "detected"
    assert data["listening"] > 0  # read with the Finnish recognizer, not scored as English


def test_lang_sets_the_answer_language_and_transcript_lang_the_reading(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    code, out, _ = assess(capsys, str(DATA / "plain_good_fi.jsonl"), "--lang", "fi")
    assert code == 0
    assert "Kuuntelu" in out and "Keskustelun kieli: suomi (tunnistettu sanoista" in out
    _, out, _ = assess(capsys, str(DATA / "plain_good_en.jsonl"), "--lang", "fi")
    assert "Keskustelun kieli: englanti" in out and "Kuuntelu" in out
    _, out, _ = assess(
        capsys, str(DATA / "plain_good_en.jsonl"), "--transcript-lang", "en", "--lang", "en"
    )
    assert "Transcript language: English (--transcript-lang)." in out


def test_plural_forms_in_both_languages(capsys, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_LANG", "en")
    one = DATA.parent.parent / "data" / "assess" / "skilled.jsonl"
    _, out, _ = assess(capsys, str(one), "--lang", "en")
    assert " 1 questions" not in out and " 1 reflections" not in out
    from simulator.i18n import t

    assert "(1 reflection, 1 question)" in t("scoring.r_rq_good", "en", rq=1, r=1, q=1)
    assert "(3 reflections, 2 questions)" in t("scoring.r_rq_good", "en", rq=1, r=3, q=2)
    assert "(1 heijastus, 1 kysymys)" in t("scoring.r_rq_good", "fi", rq=1, r=1, q=1)
    assert "(3 heijastusta, 2 kysymystä)" in t("scoring.r_rq_good", "fi", rq=1, r=3, q=2)
    assert "(1 worker turn)" in t("scoring.assess_heading", "en", path="x", turns=1)
