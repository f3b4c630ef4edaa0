import json
import stat

import pytest

from simulator import store
from simulator.language.base import Recognition
from simulator.transcript import Transcript, TurnRecord


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def transcript() -> Transcript:
    return Transcript(
        language="en",
        scenario_id="demo",
        scenario_title="Demo [/] meeting",
        scenario_path="/x/demo.yaml",
        seed=3,
        opening="Well.",
        start_state="opening",
    )


def turn(index: int, ended: bool = False) -> TurnRecord:
    return TurnRecord(
        index=index,
        worker=f"worker says {index}",
        recognition=Recognition(text=f"worker says {index}", moves=("open_question",)),
        reply=f"client says {index}",
        state_after="end" if ended else "opening",
        ended=ended,
        outcome="good" if ended else None,
    )


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("KOHTAAMO_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert store.data_dir() == tmp_path / "xdg" / "kohtaamo"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert store.data_dir() == tmp_path / "h" / ".local" / "share" / "kohtaamo"


def test_journal_is_private_and_written_turn_by_turn(home):
    t = transcript()
    journal = store.Journal.start(t, {"mode": "practice", "input": "free"})
    assert mode(home) == 0o700
    assert mode(home / "sessions") == 0o700
    assert mode(journal.path) == 0o600
    t.turns.append(turn(1))
    journal.append(t, t.turns[-1])
    lines = journal.path.read_text().splitlines()
    assert [json.loads(x)["kind"] for x in lines] == ["header", "turn"]
    assert mode(home / store.INDEX) == 0o600
    back = store.read_journal(journal.path)
    assert back.scenario_title == "Demo [/] meeting"
    assert [r.worker for r in back.turns] == ["worker says 1"]
    assert back.turns[0].recognition.moves == ("open_question",)


def test_files_are_private_even_with_a_permissive_umask(home):
    import os

    old = os.umask(0)
    try:
        journal = store.Journal.start(transcript())
        store.save_settings({"theme": "light"})
    finally:
        os.umask(old)
    assert mode(journal.path) == 0o600
    assert mode(home / store.SETTINGS) == 0o600


def test_torn_last_line_is_ignored_and_repaired_on_resume(home):
    t = transcript()
    journal = store.Journal.start(t)
    for i in (1, 2):
        t.turns.append(turn(i))
        journal.append(t, t.turns[-1])
    with open(journal.path, "a") as handle:
        handle.write('{"kind": "turn", "index": 3, "wor')  # killed mid-write
    assert [r.index for r in store.read_journal(journal.path).turns] == [1, 2]

    again = store.Journal.reopen(journal.path)
    t.turns.append(turn(3))
    again.append(t, t.turns[-1])
    assert [r.index for r in store.read_journal(journal.path).turns] == [1, 2, 3]


def test_interrupted_lists_meetings_without_end_line(home):
    done, cut = transcript(), transcript()
    j1 = store.Journal.start(done)
    done.turns.append(turn(1, ended=True))
    j1.append(done, done.turns[-1])
    j1.end(done, {"listening": 80, "pacing": 60, "autonomy": 70, "overall": 70})
    j2 = store.Journal.start(cut)
    cut.turns.append(turn(1))
    j2.append(cut, cut.turns[-1])

    assert [e.id for e in store.interrupted()] == [j2.id]
    finished = [e for e in store.history() if e.finished]
    assert [e.id for e in finished] == [j1.id]
    assert finished[0].scores["listening"] == 80
    assert finished[0].outcome == "good"
    assert store.progress() == {"listening": [80], "pacing": [60], "autonomy": [70]}


def test_index_is_rebuilt_when_missing_or_corrupt(home):
    t = transcript()
    journal = store.Journal.start(t, {"mode": "assessed"})
    t.turns.append(turn(1, ended=True))
    journal.append(t, t.turns[-1])
    journal.end(t, {"listening": 55})
    (home / store.INDEX).unlink()
    entries = store.history()
    assert [e.id for e in entries] == [journal.id]
    assert entries[0].scores == {"listening": 55}
    assert entries[0].meta["mode"] == "assessed"

    (home / store.INDEX).write_bytes(b"this is not a database" * 100)
    assert [e.scores for e in store.history()] == [{"listening": 55}]


def test_settings_round_trip_and_survive_garbage(home):
    assert store.load_settings() == store.DEFAULT_SETTINGS
    store.save_settings({"language": "fi", "theme": "light", "typing_pause": False})
    assert store.load_settings() == {"language": "fi", "theme": "light", "typing_pause": False}
    (home / store.SETTINGS).write_text("{nope")
    assert store.load_settings() == store.DEFAULT_SETTINGS


def test_missing_parent_folders_are_created_private_too(monkeypatch, tmp_path):
    monkeypatch.setenv("KOHTAAMO_HOME", str(tmp_path / "a" / "b"))
    store.save_settings({"ui_language": "fi"})
    assert mode(tmp_path / "a") == 0o700
    assert mode(tmp_path / "a" / "b") == 0o700
