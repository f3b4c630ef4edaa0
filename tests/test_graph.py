"""`kohtaamo graph`: what an author sees in the Mermaid and DOT diagrams."""

from __future__ import annotations

from fixtures.lint.build import HERE, load

from simulator.authoring.graph import render
from simulator.cli import main


def test_mermaid_labels_edges_with_moves_and_marks_endings():
    text = render(load("clean"), "mermaid")
    assert text.splitlines()[3] == "stateDiagram-v2"
    assert "  [*] --> s_opening" in text
    assert "  s_opening --> s_closed: confront" in text
    assert (
        "  s_opening --> s_talking: open_question, simple_reflection, complex_reflection"
        " [children, tired] if trust >= opens_up"
    ) in text
    assert '  state "good_end (good ending)" as s_good_end' in text
    assert "  class s_good_end good" in text
    assert "  class s_closed poor" in text
    assert "  s_good_end --> [*]" in text


def test_stays_can_be_left_out():
    text = render(load("clean"), "mermaid", stays=False)
    assert "s_opening --> s_opening" not in text
    assert "s_opening --> s_talking" in text


def test_dot_dashes_what_can_never_happen():
    text = render(load("messy"), "dot")
    assert text.startswith('digraph "lint-messy" {')
    assert '"island" [label="island", style="rounded,dashed"' in text
    assert '"opening" -> "good_end" [label="simple_reflection if trust >= 80", style=dashed' in text
    assert '"opening" -> "middle" [label="open_question"];' in text
    assert 'fillcolor="#ffcdd2"' in text  # the poor ending
    assert text.rstrip().endswith("}")


def test_endings_are_named_in_the_scenario_language():
    assert "(hyvä loppu)" in render(load("clean"), "mermaid", lang="fi")


def test_command_writes_a_diagram(tmp_path, capsys):
    out = tmp_path / "clean.mmd"
    assert main(["graph", str(HERE / "clean.yaml"), "-o", str(out)]) == 0
    assert "s_opening --> s_closed: confront" in out.read_text(encoding="utf-8")
    assert main(["graph", str(HERE / "clean.yaml"), "--format", "dot"]) == 0
    assert '"opening" -> "closed" [label="confront"];' in capsys.readouterr().out
