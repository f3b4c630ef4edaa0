"""`kohtaamo new`: the scaffold passes check with no warnings, its tests pass, it reads natively."""

from __future__ import annotations

import argparse
import json

import pytest

from simulator.authoring.lint import lint
from simulator.authoring.scaffold import scaffold, slug
from simulator.authoring.schema import SCHEMA_PATH
from simulator.cli import main
from simulator.commands.new import complete
from simulator.scenario import loader


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("voluntary", [True, False])
@pytest.mark.parametrize("stages", [2, 3, 6])
def test_scaffold_passes_check_and_its_own_tests(tmp_path, lang, voluntary, stages):
    from simulator.authoring.testing import run_tests

    path = tmp_path / "new.yaml"
    path.write_text(scaffold(lang, "Ensitapaaminen", voluntary, stages), encoding="utf-8")
    scenario, problems = loader.read_scenario(path)
    assert problems == []
    assert lint(scenario) == []
    assert scenario.language == lang and scenario.briefing.voluntary is voluntary
    assert len([s for s in scenario.states if s.startswith("stage_")]) == stages
    result = run_tests(scenario)
    assert [r.name for r in result.results if not r.passed] == []
    assert {e.ending for e in scenario.endings.values()} == {"good", "neutral", "poor"}


def test_scaffold_validates_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    data = yaml.safe_load(scaffold("en", "x", True, 3))
    for state in data["states"].values():  # YAML 1.1 reads the key `on` as true
        if True in state:
            state["on"] = state.pop(True)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    assert [e.message for e in validator.iter_errors(data)] == []


def test_comments_are_in_the_scenario_language():
    finnish = scaffold("fi", "Kotikäynti", False, 3)
    assert "# Kohtaamo-skenaario. Kirjoita kuin näytelmää" in finnish
    assert "false = asiakas ei tule omasta aloitteestaan" in finnish
    assert "id: fi-kotikaynti" in finnish
    english = scaffold("en", "Home visit", True, 3)
    assert "# A Kohtaamo scenario. Write it like a play script" in english
    assert "voluntary: true" in english


def test_slug_makes_a_valid_id():
    assert slug("Ensitapaaminen: äiti & lapsi!", "fi") == "fi-ensitapaaminen-aiti-lapsi"
    assert slug("???", "en") == "en-scenario"


def test_command_writes_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "s.yaml"
    argv = ["new", "--lang", "fi", "--title", "Testi", "--mandated", "--stages", "2"]
    assert main([*argv, "-o", str(out)]) == 0
    assert 'title: "Testi"' in out.read_text(encoding="utf-8")
    assert main([*argv, "-o", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main([*argv, "-o", str(out), "--force"]) == 0


def test_missing_answers_are_asked_for():
    args = argparse.Namespace(lang=None, title=None, voluntary=None, stages=None)
    answers = iter(["fi", "Päihdeasiakas", "k", "4"])
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return next(answers)

    complete(args, ask)
    assert (args.lang, args.title, args.voluntary, args.stages) == ("fi", "Päihdeasiakas", True, 4)
    assert len(questions) == 4


def test_without_a_terminal_defaults_are_used():
    args = argparse.Namespace(lang="en", title=None, voluntary=None, stages=None)
    complete(args, None)
    assert (args.title, args.voluntary, args.stages) == ("", False, 3)


def test_command_names_the_file_from_the_title_and_writes_the_schema_beside_it(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    argv = ["new", "--lang", "en", "--title", "Home visit", "--voluntary", "--stages", "2"]
    assert main(argv) == 0
    text = (tmp_path / "en-home-visit.yaml").read_text(encoding="utf-8")
    # A reference that works wherever the folder goes: never a path of this machine.
    assert "# yaml-language-server: $schema=kohtaamo.schema.json\n" in text
    assert str(tmp_path) not in text and "file://" not in text
    assert json.loads((tmp_path / "kohtaamo.schema.json").read_text())["title"]
    err = capsys.readouterr().err
    assert "Wrote en-home-visit.yaml. Next: kohtaamo check en-home-visit.yaml" in err
    # A second run does not overwrite silently (no terminal to ask: refused).
    assert main(argv) == 1
    assert "already exists: en-home-visit.yaml (use --force" in capsys.readouterr().err


def test_dash_writes_to_standard_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--lang", "fi", "--title", "Testi", "--mandated", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# ")
    assert list(tmp_path.iterdir()) == []


def test_overwriting_is_asked_at_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KOHTAAMO_LANG", "fi")
    (tmp_path / "fi-testi.yaml").write_text("old", encoding="utf-8")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["e"])
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    argv = ["new", "--lang", "fi", "--title", "Testi", "--mandated", "--stages", "2"]
    assert main(argv) == 1
    assert (tmp_path / "fi-testi.yaml").read_text(encoding="utf-8") == "old"
    answers = iter(["k"])
    assert main(argv) == 0
    assert "kohtaamo: 1" in (tmp_path / "fi-testi.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_stage_has_suggestions_and_strict_check_passes(tmp_path, capsys, lang):
    path = tmp_path / "s.yaml"
    path.write_text(scaffold(lang, "Ensitapaaminen", False, 4), encoding="utf-8")
    scenario = loader.load_scenario(path)
    assert all(s.suggestions for s in scenario.states.values() if not s.is_ending)
    assert main(["check", "--strict", str(path)]) == 0
