"""Every authoring mistake from issue 15 gives a message a lecturer can act on, in both
languages, and none passes `check` silently. One fixture each in tests/fixtures/authoring/."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.source import check_text
from simulator.cli import main

HERE = Path(__file__).parent / "fixtures" / "authoring"

#: fixture -> (English output, Finnish output); the position line and the hint line each
CASES = {
    "split_curly": (
        ":74:17: warning K501: YAML split the line at a comma into several lines: "
        "'“Well' / 'Arthur. Everyone calls me Arthur.”'\n"
        "    hint: inside [ ] a comma separates lines; put the whole line in straight double "
        'quotes: "Well, Arthur. Everyone calls me Arthur."',
        ":74:17: warning K501: YAML jakoi repliikin pilkun kohdalta useaksi: "
        "'“Well' / 'Arthur. Everyone calls me Arthur.”'\n"
        "    vihje: hakasulkeissa [ ] pilkku erottaa repliikit; laita koko repliikki suoriin "
        'lainausmerkkeihin: "Well, Arthur. Everyone calls me Arthur."',
    ),
    "split_straight": (
        "hint: inside [ ] a comma separates lines; put the whole line in straight double "
        'quotes: "He said \\"fine, whatever\\" and left."',
        "vihje: hakasulkeissa [ ] pilkku erottaa repliikit",
    ),
    "split_sentence": (
        "warning K501: YAML split the line at a comma into several lines: 'Yeah' / "
        "'nights are hard.'",
        "vihje: hakasulkeissa [ ] pilkku erottaa repliikit; laita koko repliikki suoriin "
        'lainausmerkkeihin: "Yeah, nights are hard."',
    ),
    "hash_cut": (
        ":57:9: warning K502: '#' cut the line: YAML read 'Number' and took "
        "'#1 nurse, are you?' for a comment\n"
        '    hint: put the line in quotes: "Number #1 nurse, are you?"',
        ":57:9: warning K502: '#' katkaisi repliikin: YAML luki 'Number' ja piti loppua "
        "'#1 nurse, are you?' kommenttina\n"
        '    vihje: laita repliikki lainausmerkkeihin: "Number #1 nurse, are you?"',
    ),
    "curly_block": (
        ":57:9: warning K503: the line is wrapped in typographic quotes (e.g. from Word): YAML "
        "keeps them as part of the text, and the client would say them\n"
        "    hint: YAML only knows straight quotes \" and '; write: "
        '"Well, Arthur. Everyone calls me Arthur."',
        "vihje: YAML tuntee vain suorat lainausmerkit \" ja '; kirjoita: "
        '"Well, Arthur. Everyone calls me Arthur."',
    ),
    "tab": (
        ":58:1: error K101: YAML syntax error: a tab is used for indentation\n"
        "    hint: YAML does not allow tabs for indentation; use spaces",
        ":58:1: error K101: YAML-syntaksivirhe: sisennyksessä on sarkainmerkki\n"
        "    vihje: YAML ei salli sarkainmerkkejä sisennyksessä; käytä välilyöntejä",
    ),
    "finnish_move": (
        ":72:17: error K302: unknown move 'tervehdys'\n"
        "    hint: did you mean 'greeting' (tervehdys)? Moves are written with their English name.",
        ":72:17: error K302: tuntematon liike 'tervehdys'\n"
        "    vihje: tarkoititko 'greeting' (tervehdys)? Liikkeet kirjoitetaan "
        "englanninkielisellä nimellään.",
    ),
    "arrow": (
        ":68:19: error K304: the condition does not parse: unexpected character '='\n"
        "    hint: '=>' is not a comparison: did you mean '>=' (at least)?",
        "    vihje: '=>' ei ole vertailu: tarkoititko '>=' (vähintään)?",
    ),
    "apostrophe": (
        "    hint: an apostrophe inside single quotes ends the text; use double quotes: "
        "\"I don't know.\" (or write the apostrophe twice: '')",
        "    vihje: heittomerkki yksinkertaisten lainausmerkkien sisällä päättää tekstin; "
        'käytä kaksinkertaisia lainausmerkkejä: "I don\'t know."',
    ),
    "colon_flow": (
        ":74:17: error K201: opening.on.2.reply: expected text, found a mapping\n"
        "    hint: the colon and space (': ') turned the line into a key and a value; put the "
        'line in quotes: "Arthur: everyone calls me Arthur."',
        "    vihje: kaksoispiste ja välilyönti (': ') tekivät repliikistä avain–arvo-parin; "
        'laita repliikki lainausmerkkeihin: "Arthur: everyone calls me Arthur."',
    ),
}


@pytest.mark.parametrize("lang", ["en", "fi"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_each_mistake_gets_a_message_to_act_on(
    name: str, lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", lang)
    path = HERE / f"{name}.yaml"
    code = main(["check", "--strict", str(path)])
    out = capsys.readouterr().out
    assert code == 1  # never silent: even a warning fails --strict
    expected = CASES[name][0 if lang == "en" else 1]
    assert expected in out
    assert "hint:" not in out if lang == "fi" else "vihje:" not in out


def test_moves_in_finnish_or_as_phrases_name_the_move() -> None:
    from simulator.scenario.hints import move_for

    assert move_for("tervehdys") == ("greeting", "tervehdys")
    assert move_for("avoin kysymys")[0] == "open_question"
    assert move_for("Open question")[0] == "open_question"
    assert move_for("yhteenveto")[0] == "summary"
    assert move_for("heijastus") is None  # two moves are reflections: no guess


def test_the_finnish_guide_pairs_moves_with_the_same_words_as_the_hints() -> None:
    """One place for the pairs: the guide lists `move` (word) as the debrief names them."""
    from simulator.i18n import t
    from simulator.moves import MOVES

    guide = (Path(__file__).parent.parent / "docs" / "authoring.fi.md").read_text("utf-8")
    text = " ".join(guide.split())
    for move in MOVES:
        assert f"`{move}` ({t(f'scoring.move_{move}', 'fi')})" in text, move


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["usage: kohtaamo check", "positional arguments:", "options:"]),
        ("fi", ["käyttö: kohtaamo check", "argumentit:", "valitsimet:", "näytä tämä ohje"]),
    ],
)
def test_help_headings_follow_the_ui_language(
    lang: str, words: list[str], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("KOHTAAMO_LANG", lang)
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    for word in words:
        assert word in out


STRICT = {
    "en": (
        "no_tests.yaml:76:3: warning K511: state 'opening_up' has no suggestions: in "
        "suggested-responses mode the student meets an empty menu there",
        "no_tests.yaml:1:1: warning K512: the file has no tests: nothing shows that the "
        "scenario plays as you meant",
    ),
    "fi": (
        "no_tests.yaml:76:3: warning K511: tilassa 'opening_up' ei ole ehdotuksia (suggestions)",
        "no_tests.yaml:1:1: warning K512: tiedostossa ei ole testejä",
    ),
}


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_strict_means_playable(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", lang)
    path = HERE / "no_tests.yaml"
    assert main(["check", str(path)]) == 0  # a draft: plain check stays quiet about these
    assert "K51" not in capsys.readouterr().out
    assert main(["check", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    for expected in STRICT[lang]:
        assert expected in out


def test_strict_names_states_no_test_visits(capsys: pytest.CaptureFixture[str]) -> None:
    path = HERE / "sensitive_topic.yaml"
    main(["check", "--strict", str(path)])
    out = capsys.readouterr().out
    assert f"{path}:99:3: warning K513: no test visits state 'poor_end'" in out
    assert "hint: add a test whose turns lead to 'poor_end' (expect: poor_end)" in out


def test_a_sensitive_topic_is_not_unused(capsys: pytest.CaptureFixture[str]) -> None:
    """Pacing uses `sensitive: true` topics even when no transition names them."""
    main(["check", str(HERE / "sensitive_topic.yaml")])
    out = capsys.readouterr().out
    assert "K405" not in out and "debts" not in out


SWEEP = HERE / "sweep.yaml"


def test_a_paraphrase_sweep_reports_what_each_wording_did(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["test", str(SWEEP)]) == 1
    out = capsys.readouterr().out
    assert (
        f"  FAIL ways of asking an open question in the opening\n"
        f"       wordings 2/5 did as expected (opening.on.1, {SWEEP}:67; state after it "
        "opening_up)\n"
        "       fell to a fallback line: no transition answered what was recognised (2):\n"
        f"         {SWEEP}:121  “What would you like to talk about today?” "
        "(read as: seek_collaboration)\n"
        f"         {SWEEP}:124  “Banana.” (no move recognised)\n"
        "       fired something else (1):\n"
        f"         {SWEEP}:125  “You should have paid your rent.” (read as: confront) → "
        f"reactions.1, {SWEEP}:107; state after it opening\n"
    ) in out


def test_a_paraphrase_sweep_in_finnish_and_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    main(["test", str(SWEEP)])
    out = capsys.readouterr().out
    assert "ilmaisuja 2/5 teki odotetun (opening.on.1, " in out
    assert "jäi varavastaukseen: mikään siirtymä ei vastannut siihen, mitä tunnistettiin" in out
    assert "“Banana.” (liikettä ei tunnistettu)" in out
    assert "laukaisi jotain muuta (1):" in out
    main(["test", "--format", "json", str(SWEEP)])
    import json

    (case,) = json.loads(capsys.readouterr().out)["files"][0]["tests"]
    assert [x["ok"] for x in case["sweep"]] == [False, True, True, False, False]
    assert case["sweep"][4]["transition"] == "reactions[0]"


def test_a_sweep_naming_a_transition_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    from simulator.scenario.diagnostics import ScenarioError
    from simulator.scenario.loader import load_scenario_text

    text = SWEEP.read_text(encoding="utf-8").replace("opening.on.1", "opening.on.9")
    with pytest.raises(ScenarioError) as error:
        load_scenario_text(text, "s.yaml")
    assert "error K318: unknown transition 'opening.on.9'" in str(error.value)


def test_transition_labels_count_from_one() -> None:
    from simulator.scenario.labels import from_label, label

    assert label("opening.on[0]") == "opening.on.1"
    assert label("reactions[2]") == "reactions.3"
    assert from_label("opening.on.1") == "opening.on[0]"
    assert from_label("opening.on #2") == "opening.on[1]"
    assert from_label("opening.on[0]") == "opening.on[0]"
    assert from_label("opening.on.0") is None


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_guides_scenario_passes_strict_check_its_tests_and_a_sweep(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the guides promise a trainer: strict check, tests and a paraphrase sweep pass."""
    guide = (Path(__file__).parent.parent / "docs" / f"authoring.{lang}.md").read_text("utf-8")
    blocks = guide.split("```yaml\n")[1:]
    [example] = [b.split("```")[0] for b in blocks if b.startswith("kohtaamo: 1")]
    path = tmp_path / f"guide-{lang}.yaml"
    path.write_text(example, encoding="utf-8")
    assert main(["check", "--strict", str(path)]) == 0
    assert main(["test", str(path)]) == 0
    out = capsys.readouterr().out
    assert "did as expected" in out and "4 tests, 0 failed" in out


PAIR = HERE / "translation"


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_linked_translations_report_what_one_version_lacks(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOHTAAMO_LANG", lang)
    en, fi = PAIR / "en-pair.yaml", PAIR / "fi-pair.yaml"
    assert main(["check", str(en)]) == 0  # warnings: a draft still loads
    out = capsys.readouterr().out
    if lang == "en":
        assert (
            f"{en}:47:3: warning K521: choice 'keep_flat' is in this version but missing from "
            f"its translation {fi}\n"
        ) in out
        assert f"{en}:1:1: warning K521: the translation has topic 'debts' ({fi}:37)" in out
    else:
        assert f"{en}:47:3: warning K521: valinta 'keep_flat' on tässä versiossa mutta " in out
        assert "vihje: lisää 'keep_flat' myös tiedostoon" in out
    # The Finnish one names its translation by id: found beside it.
    assert main(["check", "--strict", str(fi)]) == 1
    out = capsys.readouterr().out
    assert f"{fi}:37:3: warning K521:" in out and "'debts'" in out


def test_a_translation_that_cannot_be_found_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (PAIR / "en-pair.yaml").read_text(encoding="utf-8")
    path = tmp_path / "alone.yaml"
    path.write_text(text.replace("translation_of: fi-pair.yaml", "translation_of: fi-gone.yaml"))
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert (
        f"{path}:1:1: warning K522: translation_of: the translation 'fi-gone.yaml' cannot be "
        "found or does not load"
    ) in out


def test_a_line_written_as_a_mapping_may_name_several_ids_in_about() -> None:
    """`about: [savings, rent, food]` on a `say:` line lists ids, not a line split at commas
    (the lead's Jordan fix got K501 for it); a variant's `say:` lines are still checked."""
    text = (
        "states:\n  a:\n    say:\n"
        '      - text: "Money\'s bad."\n        about: [savings, rent, food]\n'
        "variants:\n  - id: v\n    say:\n      a: [Joo, kyllä mä tiedän.]\n"
    )
    found = [(d.code, d.where.line) for d in check_text(text, "x.yaml", "en")]
    assert found == [("K501", 9)]
