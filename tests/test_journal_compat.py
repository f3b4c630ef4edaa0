"""The engine writes and resumes the recorded journals of every bundled scenario unchanged.

tests/fixtures/journals holds three scripted walks per bundled scenario (see record.py
there), written by the engine as it was when they were recorded. A refactoring of the
machine or the session must give the same journal byte for byte, and resume each one to
its recorded states. A scenario edited since its journals were recorded fails, with the
command that records them again: a skip let CI pass while 48 of the 49 checks did not run.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.scenario.paths import bundled_scenarios_dir
from simulator.session import Session

HERE = Path(__file__).parent / "fixtures" / "journals"
_spec = importlib.util.spec_from_file_location("record_journals", HERE / "record.py")
assert _spec is not None and _spec.loader is not None
record = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(record)

JOURNALS = sorted(HERE.glob("*.jsonl"))


def _scenario_of(journal: Path) -> Path:
    header = json.loads(journal.read_text(encoding="utf-8").splitlines()[0])
    path = bundled_scenarios_dir() / header["scenario_path"]
    if not path.exists() or record.digest(path) != header["scenario_digest"]:
        pytest.fail(f"{path.name} changed since recorded: python {HERE / 'record.py'}")
    return path


def test_every_bundled_scenario_has_recorded_journals():
    recorded = {j.name.split(".")[0] for j in JOURNALS}
    bundled = {p.stem for p in bundled_scenarios_dir().glob("*.yaml")}
    assert bundled <= recorded


@pytest.mark.parametrize("journal", JOURNALS, ids=lambda p: p.stem)
def test_the_engine_writes_the_recorded_journal_again(journal):
    path = _scenario_of(journal)
    kind = journal.stem.split(".")[1]
    assert record.walk(path, kind) == journal.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("journal", JOURNALS, ids=lambda p: p.stem)
def test_a_recorded_journal_resumes_to_its_recorded_states(journal):
    scenario = load_scenario(_scenario_of(journal))
    transcript = store.read_journal(journal)
    assert transcript.turns
    session = Session.resume(scenario, transcript)  # raises if any turn lands elsewhere
    last = transcript.turns[-1]
    assert session.state == last.state_after
    assert session.variables == last.variables_after
    assert session.ended == last.ended
    session.close()
