"""`kohtaamo report`: a stored meeting's debrief as Markdown, HTML or JSON."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.language.base import Recognition
from simulator.transcript import Transcript, TurnRecord

ROOT = Path(__file__).parent.parent


def _transcript(scenario_path: str = "") -> Transcript:
    tr = Transcript(
        language="en",
        scenario_id="demo",
        scenario_title="Demo meeting",
        scenario_path=scenario_path,
        opening="Why am I here?",
        start_state="opening",
        start_variables={"trust": 20.0},
    )
    rows = [
        ("You should just do what the school says.", ("advice",), "rejecting", 10.0),
        ("You're worried about what this means.", ("complex_reflection",), "encountering", 35.0),
    ]
    for i, (text, moves, mode, trust) in enumerate(rows, 1):
        tr.turns.append(
            TurnRecord(
                index=i,
                worker=text,
                recognition=Recognition(text, moves, mode),
                reply="Hm.",
                state_before="opening",
                variables_after={"trust": trust},
                note="A reflection before anything else." if i == 1 else "",
            )
        )
    return tr


def write_journal(path: Path, tr: Transcript, torn: bool = False) -> Path:
    lines = [json.dumps({"kind": "header", **tr.header()})]
    lines += [json.dumps({"kind": "turn", **t.to_dict()}) for t in tr.turns]
    text = "\n".join(lines) + "\n"
    if torn:
        text += '{"kind": "turn", "index": 3, "wor'
    path.write_text(text, encoding="utf-8")
    return path


def report(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_to_stdout_ignores_a_torn_last_line(capsys, tmp_path):
    journal = write_journal(tmp_path / "m.jsonl", _transcript(), torn=True)
    code, out, _ = report(capsys, str(journal))
    assert code == 0
    assert out.startswith("# Debrief: Demo meeting")
    assert "### Turn 2" in out and "### Turn 3" not in out
    assert "Advice before the client was ready for it (state: opening)." in out
    assert "Trainer's note: A reflection before anything else." in out


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_written_file_is_private(capsys, tmp_path, fmt):
    journal = write_journal(tmp_path / "m.jsonl", _transcript())
    target = tmp_path / f"debrief.{fmt}"
    code, out, err = report(capsys, str(journal), "--format", fmt, "-o", str(target))
    assert code == 0 and out == ""
    assert f"Written: {target}" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    elif fmt == "json":
        assert json.loads(text)["scenario_id"] == "demo"


def test_labels_follow_lang_option(capsys, tmp_path):
    journal = write_journal(tmp_path / "m.jsonl", _transcript())
    code, out, _ = report(capsys, str(journal), "--lang", "fi")
    assert code == 0 and out.startswith("# Palaute: Demo meeting")


def test_not_a_journal(capsys, tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"speaker": "worker", "text": "hi"}\n', encoding="utf-8")
    code, _, err = report(capsys, str(path))
    assert code == 1 and "not a meeting journal" in err
    code, _, err = report(capsys, str(tmp_path / "missing.jsonl"))
    assert code == 1 and "Cannot read" in err


def test_scores_with_the_scenario_when_its_path_loads(capsys, tmp_path):
    scenarios = sorted((ROOT / "scenarios").glob("**/*.yaml"))
    assert scenarios, "the bundled scenarios are part of the repository"
    from simulator.scenario.loader import load_scenario
    from simulator.session import Session

    scenario = load_scenario(scenarios[0])
    session = Session(scenario, recognizer=_NoRecognizer(), seed=1)
    for _ in range(3):
        if session.ended:
            break
        session.say("Mm.", moves=["complex_reflection"])
    journal = write_journal(tmp_path / "m.jsonl", session.transcript)
    code, out, _ = report(capsys, str(journal), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["with_scenario"] is True
    assert data["turns"][0]["state_before"] == scenario.start


class _NoRecognizer:
    language = "en"

    def recognize(self, text, *, client_before="", topics=None):
        return Recognition(text)
