"""Journal writes that cannot lie, and an index that rebuilds itself (issue 18): fault
injection for short writes, a full disk, kills during the index rebuild, odd text."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from simulator import store
from simulator.scenario.loader import load_scenario
from simulator.session import Session

ROOT = Path(__file__).parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
TURNS = ["What brings you here?", "It sounds like money is tight.", "Tell me more.",
         "You are worried about the letter.", "What would help?", "Okay.", "I see."]  # fmt: skip


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "data"


def meeting(home: Path) -> tuple[Session, store.Journal]:
    session = Session(load_scenario(MINIMAL), seed=1)
    journal = store.Journal.start(session.transcript, {"mode": "practice"}, home)
    session.on_turn = journal.append
    return session, journal


class Disk:
    """os.write in the store, made to fail: short writes then ENOSPC while `full`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        self.real = os.write
        monkeypatch.setattr(store.os, "write", self.write)

    def write(self, fd: int, data: bytes) -> int:
        if not self.full:
            return self.real(fd, data)
        if len(data) > 8:
            return self.real(fd, bytes(data[: len(data) // 2]))  # a short write...
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # ...then no space at all


def test_a_full_disk_never_loses_an_acknowledged_turn(home, monkeypatch):
    disk = Disk(monkeypatch)
    session, journal = meeting(home)
    acknowledged = []
    for number, text in enumerate(TURNS, 1):
        disk.full = number in (3, 4, 5)
        if session.ended:
            break
        turn = session.say(text)
        if turn.saved:
            acknowledged.append(text)
        else:
            # Said plainly: the session knows why, and the meeting is still in memory.
            assert session.save_error is not None and session.save_error.errno == errno.ENOSPC
    assert len(session.transcript.turns) == len(acknowledged) + 3 or session.ended
    # Every line in the file is whole; every turn the journal acknowledged is in it.
    raw = journal.path.read_bytes()
    assert raw.endswith(b"\n")
    entries = [json.loads(line) for line in raw.splitlines()]
    written = [e["worker"] for e in entries if e["kind"] == "turn"]
    assert set(acknowledged) <= set(written)
    # Once space returned, the turns kept in memory were written in order, none skipped.
    assert [e["index"] for e in entries if e["kind"] == "turn"] == list(range(1, len(written) + 1))
    assert written == [t.worker for t in session.transcript.turns]


def test_a_failed_write_leaves_no_torn_line_and_resume_has_every_saved_turn(home, monkeypatch):
    disk = Disk(monkeypatch)
    session, journal = meeting(home)
    session.say(TURNS[0])
    disk.full = True
    assert not session.say(TURNS[1]).saved
    assert journal.path.read_bytes().endswith(b"\n")  # cut back to the last whole line
    transcript = store.read_journal(journal.path)
    assert [t.worker for t in transcript.turns] == [TURNS[0]]
    resumed = Session.resume(load_scenario(MINIMAL), transcript)
    assert resumed.turn == 1


def test_a_torn_tail_is_cut_before_the_next_append(home):
    session, journal = meeting(home)
    session.say(TURNS[0])
    with open(journal.path, "ab") as handle:
        handle.write(b'{"kind": "turn", "index": 2, "wor')  # a kill mid-write
    session.say(TURNS[1])
    lines = journal.path.read_bytes().splitlines()
    assert all(json.loads(line) for line in lines)  # no line glued onto the torn one
    assert [t.worker for t in store.read_journal(journal.path).turns] == TURNS[:2]


def test_a_lone_surrogate_is_journalled_not_a_failed_write(home):
    session, journal = meeting(home)
    turn = session.say("I hear you \ud800 really")
    assert turn.saved
    (saved,) = store.read_journal(journal.path).turns
    assert "\ufffd" in saved.worker


def test_a_journal_entry_with_a_lone_surrogate_is_written_safely(home):
    _, journal = meeting(home)
    journal._write({"kind": "note", "text": "odd \udcff bytes"})
    assert json.loads(journal.path.read_bytes().splitlines()[-1])["text"] == "odd ? bytes"


def test_the_end_line_waits_for_pending_turns(home, monkeypatch):
    disk = Disk(monkeypatch)
    session, journal = meeting(home)
    disk.full = True
    session.say(TURNS[0])
    disk.full = False
    journal.end(session.transcript, {"overall": 50.0}, reason="closed", home=home)
    kinds = [json.loads(line)["kind"] for line in journal.path.read_bytes().splitlines()]
    assert kinds == ["header", "turn", "end"]


# -- the history index ------------------------------------------------------------------


def finished_meetings(home: Path, count: int = 3) -> list[Path]:
    paths = []
    for _ in range(count):
        session, journal = meeting(home)
        session.say(TURNS[0])
        journal.end(session.transcript, {"overall": 60.0}, home=home)
        paths.append(journal.path)
    return paths


def test_an_index_table_without_rows_is_rebuilt(home):
    paths = finished_meetings(home)
    with sqlite3.connect(home / store.INDEX) as conn:
        conn.execute("DELETE FROM sessions")
    assert {e.path for e in store.history(home)} == set(paths)


def test_a_zero_byte_index_is_rebuilt(home):
    paths = finished_meetings(home)
    (home / store.INDEX).write_bytes(b"")
    assert {e.path for e in store.history(home)} == set(paths)


def test_a_kill_during_the_rebuild_leaves_no_empty_index(home, monkeypatch):
    paths = finished_meetings(home)
    (home / store.INDEX).unlink()
    calls = {"n": 0}
    real = store.Index._put_journal

    def dying(self, conn, path):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # stands for a kill between two journals
        return real(self, conn, path)

    monkeypatch.setattr(store.Index, "_put_journal", dying)
    with pytest.raises(KeyboardInterrupt):
        store.history(home)
    monkeypatch.undo()
    assert not (home / store.INDEX).exists()  # never a half-built index in its place
    assert not list(home.glob(".*.tmp"))
    assert {e.path for e in store.history(home)} == set(paths)


def test_a_journal_the_index_missed_is_listed(home):
    paths = finished_meetings(home, 2)
    with sqlite3.connect(home / store.INDEX) as conn:
        conn.execute("DELETE FROM sessions WHERE path=?", (str(paths[0]),))
    assert {e.path for e in store.history(home)} == set(paths)


def test_an_end_line_the_index_missed_is_seen(home):
    (path,) = finished_meetings(home, 1)
    with sqlite3.connect(home / store.INDEX) as conn:
        conn.execute("UPDATE sessions SET ended=NULL WHERE path=?", (str(path),))
    (entry,) = store.history(home)
    assert entry.finished and entry.scores["overall"] == 60.0


def test_a_shared_data_folder_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    session, journal = meeting(shared)
    session.say(TURNS[0])
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / store.SESSIONS).stat().st_mode) == 0o700
    assert stat.S_IMODE(journal.path.stat().st_mode) == 0o600


def test_a_data_folder_made_by_the_store_is_private(tmp_path):
    home = tmp_path / "new" / "data"
    meeting(home)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_a_journal_replaced_by_a_device_link_is_not_read_forever(home):
    (path,) = finished_meetings(home, 1)
    path.unlink()
    path.symlink_to("/dev/zero")
    with pytest.raises(OSError, match="device"):
        store.read_journal(path)
    assert len(store.history(home)) == 1  # still listed from the index, without a hang
