"""Loading and validating scenario files: what an author sees for each kind of mistake."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.moves import MOVES
from simulator.scenario.conditions import Condition
from simulator.scenario.diagnostics import Diagnostic, ScenarioError
from simulator.scenario.loader import (
    bundled_scenarios_dir,
    load_library,
    load_scenario,
    load_scenario_text,
    read_scenario,
    read_scenario_text,
)
from simulator.scenario.model import Effect, Where
from simulator.scenario.yamlsafe import MAX_BYTES

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def problems_of(path: Path, lang: str = "en") -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, lang=lang)
    return caught.value.diagnostics


# fixture, code, line, col, message, hint (each must appear in what the author sees)
CASES = [
    ("yaml_syntax", "K101", 13, 14, "YAML syntax error: a colon starts a new key here",
     "put it in quotes; otherwise check the indentation"),
    ("alias", "K103", 13, 10, "anchor '&hello' is not allowed", "write the text out"),
    ("duplicate_key", "K104", 4, 1, "key 'title' appears twice", "the first is on line 3"),
    ("duplicate_state", "K104", 20, 3, "state 'opening' is defined twice",
     "the first is on line 12"),
    ("non_scalar_key", "K105", 10, 3, "a key must be a plain name", ""),
    ("unquoted_no", "K106", 14, 9,
     "'no' in states.opening.say is read as a yes/no value, not as text",
     'put it in quotes: "no"'),
    ("unquoted_number", "K106", 3, 8, "'1.10' in title is read as a decimal number",
     'put it in quotes: "1.10"'),
    ("empty", "K201", 1, 1, "the file is empty", ""),
    ("not_a_mapping", "K201", 1, 1, "top level: expected a mapping, found a list", ""),
    ("wrong_type", "K201", 13, 10, "states.opening.say: expected a list, found text", ""),
    ("unknown_key", "K202", 14, 5, "unknown key 'thougth'", "did you mean 'thought'?"),
    ("missing_key", "K203", 1, 1, "top level: required key 'start' is missing", ""),
    ("bad_enum", "K204", 14, 13, "states.opening.ready: 'advise' is not an allowed value",
     "did you mean 'advice'?"),
    ("out_of_range", "K205", 7, 22, "client.variables.trust: 120 is not within 0..100", ""),
    ("bad_name", "K206", 12, 3, "states: 'Opening' is not a valid name", "lower-case"),
    ("reserved_name", "K207", 17, 3, "the name 'to_done' is reserved by the engine",
     "pick another name"),
    ("bad_version", "K208", 1, 11, "unknown format version '2'", ""),
    ("bad_effect", "K210", 16, 26, "effect 'plenty' is not valid", '"=50"'),
    ("unknown_state", "K301", 10, 8, "unknown state 'opnening'", "did you mean 'opening'?"),
    ("unknown_move", "K302", 15, 17, "unknown move 'open_questoin'",
     "did you mean 'open_question'?"),
    ("undeclared_variable", "K303", 16, 19,
     "variable 'trsut' is not declared in client.variables", "did you mean 'trust'?"),
    ("bad_condition", "K304", 16, 19, "the condition does not parse: unexpected character '='",
     "compare for equality with '=='"),
    ("unknown_condition_name", "K305", 16, 22, "unknown name 'opens_up' in the condition",
     "client.thresholds"),
    ("unknown_topic", "K306", 16, 18, "unknown topic, cue or choice 'rnet'",
     "did you mean 'rent'?"),
    ("namespace_clash", "K307", 11, 3, "'rent' is under both topics and cues", ""),
    ("ending_with_on", "K308", 20, 5, "ending 'done' cannot go on", ""),
    ("state_without_say", "K309", 12, 3, "state 'opening' has no 'say'", ""),
    ("ending_without_say", "K309", 17, 3, "ending 'done' has no 'say'", ""),
    ("no_moves_or_topics", "K310", 15, 9, "a transition needs 'moves' or 'topics'", ""),
    ("unknown_variant", "K311", 22, 14, "unknown variant 'tierd'", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "code", "line", "col", "message", "hint"), CASES, ids=[c[0] for c in CASES]
)
def test_each_broken_fixture_reports_its_error_at_the_right_place(
    name: str, code: str, line: int, col: int, message: str, hint: str
) -> None:
    path = BROKEN / f"{name}.yaml"
    problems = problems_of(path)
    # one problem each (the alias fixture has an anchor and its alias: both are reported)
    assert {p.code for p in problems} == {code}, str(ScenarioError(problems))
    assert len(problems) == (2 if name == "alias" else 1)
    found = problems[0]
    assert found.where == Where(str(path), line, col)
    assert message in found.message
    assert hint in found.hint
    assert found.format().startswith(f"{path}:{line}:{col}: error {code}: ")


def test_every_broken_fixture_is_covered() -> None:
    covered = {c[0] for c in CASES} | {"several_errors"}
    assert {p.stem for p in BROKEN.glob("*.yaml")} == covered


def test_a_file_with_several_errors_reports_all_of_them_in_file_order() -> None:
    problems = problems_of(BROKEN / "several_errors.yaml")
    assert [(p.code, p.where.line) for p in problems] == [
        ("K301", 10),  # start: opnening
        ("K106", 14),  # - yes
        ("K302", 16),  # open_questoin
        ("K304", 17),  # trust >> 3
    ]
    text = str(ScenarioError(problems))
    assert "unknown state 'opnening'\n    hint: did you mean 'opening'?" in text
    assert text.count("several_errors.yaml:") == 4


def test_messages_follow_the_ui_language() -> None:
    (problem,) = problems_of(BROKEN / "unknown_state.yaml", lang="fi")
    assert problem.message == "tuntematon tila 'opnening'"
    assert problem.hint == "tarkoititko 'opening'?"


def test_condition_error_points_inside_a_quoted_condition() -> None:
    text = MINIMAL.read_text().replace("if: trust >= 10", 'if: "trust >= 10 and"')
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "quoted.yaml")
    (problem,) = caught.value.diagnostics
    # `if: "` starts at column 9; the condition's end (column 16 inside it) is past the quote
    assert (problem.code, problem.where.line, problem.where.col) == ("K304", 68, 29)
    assert "expected a name or a number, found the end" in problem.message


def test_minimal_scenario_builds_the_model() -> None:
    scenario = load_scenario(MINIMAL)
    assert scenario.id == "en-minimal-tenancy"
    assert scenario.language == "en" and scenario.difficulty == "easy" and scenario.minutes == 10
    assert scenario.briefing.voluntary is False
    assert scenario.start == "opening"
    assert list(scenario.states) == ["opening", "opening_up", "good_end", "poor_end"]
    assert list(scenario.endings) == ["good_end", "poor_end"]
    assert scenario.states["opening"].cues == ("night_shifts",)
    assert scenario.states["opening_up"].ready == ("disclosure",)
    assert scenario.states["opening"].suggestions[1].moves == ("confront",)
    assert scenario.client.variables == {"trust": 20, "distress": 60}
    assert scenario.client.thresholds == {"opens_up": 40}
    (variant,) = scenario.client.variants
    assert variant.variables == {"distress": 75}
    assert variant.say["opening"] == ("Can we keep this short? I've been up all night.",)
    assert set(scenario.word_lists()) == {"rent", "night_shifts", "keep_flat"}
    assert scenario.tests[0].turns[1].expect_ending == "good"


def test_transitions_have_stable_ids_sources_and_positions() -> None:
    scenario = load_scenario(MINIMAL)
    assert [t.id for t in scenario.transitions_from("opening")] == [
        "opening.on[0]",
        "opening.on[1]",
        "transitions[0]",
    ]
    first = scenario.transitions[0]
    assert first.sources == ("opening",)
    assert first.where == Where(str(MINIMAL), 67, 9)
    assert isinstance(first.condition, Condition)
    assert first.condition.evaluate({"trust": 10}) is True
    assert first.effects == (Effect("trust", 25), Effect("distress", -10))
    assert first.target == "opening_up"
    top = scenario.transitions[-1]
    assert top.sources == ("opening", "opening_up") and not top.is_reaction
    reaction = scenario.reactions[0]
    assert reaction.id == "reactions[0]" and reaction.sources == () and reaction.is_reaction
    assert set(scenario.transitions[3].effects) == {
        Effect("trust", -10),
        Effect("distress", 80, absolute=True),
    }
    assert all(m in MOVES for t in scenario.transitions for m in t.moves)


def test_on_as_a_key_and_quoted_dialogue_that_looks_like_a_value_are_fine() -> None:
    text = MINIMAL.read_text().replace('"Hmm."', '"no"')
    scenario = load_scenario_text(text)
    assert scenario.fallback == ("no", "I don't know what to say.")


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("kohtaamo: 1\n" + "# padding\n" * (MAX_BYTES // 10 + 1))
    (problem,) = problems_of(path)
    assert problem.code == "K102"
    assert "the file is too large" in problem.message


def test_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("kohtaamo: 1\ntitle: Ensitapaaminen\nsetting: Ty\xf6huone\n".encode("latin-1"))
    (problem,) = problems_of(path)
    assert (problem.code, problem.where.line) == ("K107", 3)
    assert "UTF-8" in problem.message


def test_missing_file_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    scenario, problems = read_scenario(tmp_path / "nope.yaml")
    assert scenario is None
    assert [p.code for p in problems] == ["K107"]


def test_alias_bomb_is_refused_before_composing() -> None:
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(bomb)
    assert {p.code for p in caught.value.diagnostics} == {"K103"}


def test_variant_overrides_must_name_declared_things() -> None:
    text = MINIMAL.read_text().replace("variables: {distress: 75}", "variables: {stress: 75}")
    text = text.replace("thresholds: {opens_up: 50}", "thresholds: {open_up: 50}")
    text = text.replace("        opening: [", "        openin: [")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text)
    found = {(p.code, p.hint) for p in caught.value.diagnostics}
    assert found == {
        ("K303", "did you mean 'distress'?"),
        ("K312", "did you mean 'opens_up'?"),
        ("K301", "did you mean 'opening'?"),
    }


def test_load_library_loads_good_files_and_reports_broken_ones(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL.read_text())
    (tmp_path / "b.yaml").write_text((BROKEN / "unknown_move.yaml").read_text())
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "c.yaml").write_text(MINIMAL.read_text())  # same id as a.yaml
    scenarios, problems = load_library(tmp_path)
    assert [s.path for s in scenarios] == [str(tmp_path / "a.yaml")]
    assert [(p.code, Path(p.where.file).name) for p in problems] == [
        ("K302", "b.yaml"),
        ("K316", "c.yaml"),
    ]


def test_bundled_scenarios_dir_is_the_repository_library_unless_overridden(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KOHTAAMO_SCENARIOS", raising=False)
    assert bundled_scenarios_dir() == Path(__file__).resolve().parent.parent / "scenarios"
    monkeypatch.setenv("KOHTAAMO_SCENARIOS", str(tmp_path))
    assert bundled_scenarios_dir() == tmp_path


BASE = (BROKEN.parent / "valid" / "minimal.yaml").read_text()


# (replace this, with that) in the minimal scenario -> code, message, hint
EDITS = [
    ("language: en", "language: sv", "K204", "language: 'sv' is not an allowed value",
     "allowed: fi, en"),
    ("minutes: 10", "minutes: 0", "K205", "minutes: 0 is below 1", ""),
    ("kohtaamo: 1", 'kohtaamo: "1"', "K208", "unknown format version '1'", ""),
    ("voluntary: false", "voluntary: maybe", "K201",
     "briefing.voluntary: expected true or false, found text", ""),
    ('    say: ["Fine. Whatever."]', "    say: []", "K209", "states.poor_end.say must not be empty",
     ""),
    ('    say: ["Fine. Whatever."]', '    say: [""]', "K209", "states.poor_end.say: empty text",
     ""),
    ('reply: ["Yeah. Nights are hard.", "Nights, yeah.", "I sleep in the day, mostly."]',
     "reply: Yeah.", "K201",
     "opening.on.2.reply: expected a list, found text",
     'write a list, even for one line: ["Yeah."]'),
    ('fallback: ["Hmm.", "I don\'t know what to say."]', "fallback: [Hmm., ~]", "K106",
     "'~' in fallback is read as an empty value", ""),
    ("effects: {trust: +25, distress: -10}", "effects: {trust: +250}", "K205",
     "opening.on.1.effects.trust: +250 is not within -100..100", ""),
    ('distress: "=80"', 'distress: "=180"', "K205", "=180 is not within 0..100", ""),
    ("- id: tired\n", "- id: tired\n      weight: 0\n", "K205",
     "a variant weight of 0 means it is never picked", ""),
    ("cues: [night_shifts]", "cues: [rent]", "K306", "unknown cue 'rent' (not under cues)", ""),
    ("choice: keep_flat", "choice: keep_flta", "K306", "unknown choice 'keep_flta'",
     "did you mean 'keep_flat'?"),
    ("  - from: [opening, opening_up]", "  - from: [opening, good_end]", "K308",
     "a transition cannot start from ending 'good_end'", ""),
    ("start: opening", "start: good_end", "K315",
     "start state 'good_end' is an ending: the meeting would end at once", ""),
    ("opens_up: 40", "opens_up: 40\n    trust: 5", "K313",
     "'trust' is both a variable and a threshold", ""),
    ("        expect: opening_up", "        expect: openin_up", "K301",
     "unknown state 'openin_up'", "did you mean 'opening_up'?"),
    ("expect_ending: good", "expect_ending: great", "K204",
     "tests.1.turns.2.expect_ending: 'great' is not an allowed value",
     "allowed: good, neutral, poor"),
    ('      - say: "What would you like to talk about today?"\n        moves: [open_question]\n',
     "      -", "K203", "tests.1.turns.1: required key 'say' is missing",
     ""),
    ("seed: 1", "seed: one", "K201", "tests.1.seed: expected a whole number, found text", ""),
    ("        moves: [confront]\n", "", "K203",
     "states.opening.suggestions: required key 'moves' is missing", ""),
    ("if: trust >= 10", "if: trust >= 10 and turn >", "K304",
     "expected a name or a number, found the end", ""),
    ("topics:\n", "topics:\n  turn: {words: [turn]}\n", "K207",
     "the name 'turn' is reserved by the engine", ""),
    ("topics:\n", "topics:\n  words: {words: [word]}\n", "K207",
     "the name 'words' is reserved by the engine", ""),
    ("cues:\n", "cues:\n  NightOwl: {label: Owl, words: [owl]}\n", "K206",
     "cues: 'NightOwl' is not a valid name", ""),
    ("briefing:", "brief:", "K202", "unknown key 'brief'", "did you mean 'briefing'?"),
    ("authors: [Kohtaamo tests]", "authors: Kohtaamo tests", "K201",
     "authors: expected a list, found text", 'write a list, even for one line: ["Kohtaamo tests"]'),
    ("tags: [housing]", "labels: [housing]", "K202", "unknown key 'labels'", "allowed: "),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "code", "message", "hint"), EDITS)
def test_each_edit_of_a_valid_file_is_reported(
    old: str, new: str, code: str, message: str, hint: str
) -> None:
    assert old in BASE
    scenario, problems = read_scenario_text(BASE.replace(old, new, 1), "edited.yaml")
    assert scenario is None  # never a half-checked scenario next to its errors
    caught = ScenarioError(problems)
    assert [p.code for p in problems] == [code], str(caught)
    assert message in problems[0].message
    assert hint in problems[0].hint


def test_duplicate_variant_ids_are_refused() -> None:
    variant = "    - id: tired\n      description: Came straight from a night shift.\n"
    text = BASE.replace(variant, variant + "    - id: tired\n", 1)
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text)
    assert [p.code for p in caught.value.diagnostics] == ["K314"]
    assert "variant 'tired' is defined twice" in str(caught.value)


def test_a_single_from_state_and_a_transition_on_topics_alone_are_fine() -> None:
    text = BASE.replace("  - from: [opening, opening_up]\n    moves: [dismiss]\n",
                        "  - from: opening\n    topics: [rent]\n")  # fmt: skip
    scenario = load_scenario_text(text)
    top = scenario.transitions[-1]
    assert (top.sources, top.moves, top.topics) == (("opening",), (), ("rent",))


def test_every_code_the_loader_can_report_is_documented() -> None:
    import re

    root = Path(__file__).resolve().parent.parent
    sources = "".join(
        (root / "simulator" / "scenario" / name).read_text()
        for name in ("loader.py", "yamlsafe.py", "include.py")
    )
    used = set(re.findall(r'"(K[123]\d\d)"', sources))
    documented = set(
        re.findall(r"^### (K[123]\d\d) ", (root / "docs" / "diagnostics.md").read_text(), re.M)
    )
    assert used == documented


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_mangled_scenario_loads_or_raises_scenario_error(data: st.DataObject) -> None:
    """Whatever an author's editor leaves behind, the loader answers with diagnostics."""
    lines = BASE.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "mangle"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:]
        else:
            junk = data.draw(st.sampled_from(["no", "&a", "*a", ": ", "[", "~", "\t", "1.10", "'"]))
            column = data.draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:column] + junk + lines[index][column:]
        if not lines:
            break
    scenario, problems = read_scenario_text("\n".join(lines) + "\n", "mangled.yaml")
    # A scenario comes back exactly when nothing is wrong with the file.
    assert (scenario is None) == any(p.is_error for p in problems)
    for problem in problems:
        assert problem.where.file == "mangled.yaml" and problem.where.line >= 1
        assert problem.code[0] == "K" and problem.message


@pytest.mark.parametrize(
    ("text", "line", "col", "hint"),
    [
        ("kohtaamo: 1\n---\nid: x\n", 2, 1, "remove the extra '---'"),
        ("kohtaamo: 1\nid: x\n\ttitle: y\n", 3, 1, "use spaces"),
        ('kohtaamo: 1\ntitle: "unclosed\nid: x\n', 2, 8, "every quotation mark is closed"),
        ("kohtaamo: 1\nid: x\ntitle: [a\n", 3, 8, "every [ and { is closed"),
    ],
)
def test_yaml_syntax_errors_point_where_the_trouble_starts(
    text: str, line: int, col: int, hint: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "s.yaml")
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.where.line, problem.where.col) == ("K101", line, col)
    assert hint in problem.hint


def test_positions_in_messages_count_from_one() -> None:
    """Every list position a loader or lint message names counts from one, as the test and
    coverage output do: the first reaction is `reactions.1`, never the engine's `[0]`."""
    text = """\
kohtaamo: 1
id: counted
title: Counted
language: en
client: {name: X, variables: {trust: 50}}
start: s
states:
  s:
    say: [hi]
    on:
      - moves: [greeting]
        effects: {trust: +500}
        go: e
    when_unrecognised:
      - reply: 3
  e: {say: [bye], ending: good}
transitions:
  - from: s
    moves: [greeting]
    reply: 4
reactions:
  - moves: [closing]
    reply: 3
tests:
  - name: t
    seed: one
    turns:
      - expect: e
"""
    _, problems = read_scenario_text(text, "counted.yaml")
    messages = [p.message for p in problems]
    assert not [m for m in messages if re.search(r"\[\d+\]", m)], messages
    assert any(m.startswith("reactions.1.reply:") for m in messages), messages
    assert any(m.startswith("transitions.1.reply:") for m in messages), messages
    assert any(m.startswith("s.when_unrecognised.1.reply:") for m in messages), messages
    assert any(m.startswith("s.on.1.effects.trust:") for m in messages), messages
    assert any(m.startswith("tests.1.seed:") for m in messages), messages
    assert any(m.startswith("tests.1.turns.1:") for m in messages), messages
