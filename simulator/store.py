"""The local store: one journal per meeting, a SQLite history index, the user's settings.

A journal is JSON lines under `<data dir>/sessions/` (see docs/architecture.md): a header,
one line per turn appended and fsynced as it happens, and an `end` line when the meeting is
closed. The journals are the truth; the SQLite index only makes the history quick to list
and is rebuilt from them whenever it is missing or damaged. Everything is private to the
user: directories 0700, files 0600, created with that mode so no other user can ever read
them, not even for an instant.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.i18n import LANGUAGES
from simulator.moves import AXES
from simulator.safeio import sync

if TYPE_CHECKING:
    import sqlite3

    from simulator.transcript import Transcript, TurnRecord

DIR_MODE = 0o700
FILE_MODE = 0o600
log = logging.getLogger(__name__)

SESSIONS = "sessions"
INDEX = "history.sqlite"
SETTINGS = "settings.json"

#: What the settings file holds when the user has chosen nothing yet. `language` None means
#: "follow the system locale" (simulator.i18n.ui_language).
DEFAULT_SETTINGS: dict[str, Any] = {"language": None, "theme": "dark", "typing_pause": True}


#: POSIX file modes exist: on Windows chmod only toggles read-only and a folder's privacy
#: comes from its place under the user's profile (%LOCALAPPDATA%), whose ACL admits only
#: the user; so there the modes are skipped rather than half-applied.
POSIX_MODES = os.name == "posix"
APP = "kohtaamo"


def _platform_dir(kind: str) -> Path:
    """The platform's folder of this kind for the app (platformdirs): on Linux the XDG base
    directories, on macOS ~/Library/Application Support and ~/Library/Caches, on Windows
    %LOCALAPPDATA%\\kohtaamo. Imported only when no variable chose the folder."""
    # The platform is looked up here rather than through platformdirs' own choice made at
    # import time, so that a test can stand on macOS or Windows by setting sys.platform.
    if sys.platform == "darwin":
        from platformdirs.macos import MacOS as Dirs
    elif sys.platform == "win32":
        from platformdirs.windows import Windows as Dirs
    else:
        from platformdirs.unix import Unix as Dirs
    return Path(getattr(Dirs(APP, appauthor=False), f"user_{kind}_dir"))


def _chosen_dir(xdg: str, kind: str) -> Path:
    """`$XDG_<kind>_HOME/kohtaamo` when set (on any platform: whoever sets it means it),
    else the platform's convention."""
    value = os.environ.get(xdg, "").strip()
    if value:
        return Path(value).expanduser() / APP
    return _platform_dir(kind)


def _home() -> Path | None:
    """$KOHTAAMO_HOME: one folder for everything (data, settings, cache), beats all else."""
    home = os.environ.get("KOHTAAMO_HOME", "").strip()
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """$KOHTAAMO_HOME, else $XDG_DATA_HOME/kohtaamo, else the platform's user data folder
    (~/.local/share/kohtaamo, ~/Library/Application Support/kohtaamo, %LOCALAPPDATA%\\kohtaamo)."""
    return _home() or _chosen_dir("XDG_DATA_HOME", "data")


def config_dir() -> Path:
    """Where the settings live: $KOHTAAMO_HOME, else $XDG_CONFIG_HOME/kohtaamo, else the
    platform's (~/.config/kohtaamo; on macOS and Windows the same folder as the data)."""
    return _home() or _chosen_dir("XDG_CONFIG_HOME", "config")


def cache_dir() -> Path:
    """What can be thrown away: $KOHTAAMO_HOME/cache, else $XDG_CACHE_HOME/kohtaamo, else the
    platform's (~/.cache/kohtaamo, ~/Library/Caches/kohtaamo, %LOCALAPPDATA%\\kohtaamo\\Cache)."""
    home = _home()
    return home / "cache" if home else _chosen_dir("XDG_CACHE_HOME", "cache")


def keep_caches(folder: Path) -> None:
    """Keep what start-up would otherwise parse or compile again in `folder`, written privately:
    the UI strings (simulator.i18n) and the recognizer's compiled cue expressions
    (simulator.language.compiled). The app, the classroom and the commands each call this once."""
    from simulator import i18n
    from simulator.language.compiled import keep_compiled

    i18n.keep_copies(folder, write_private)
    keep_compiled(folder, write_private)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the user only; an existing dir is tightened."""
    # mkdir(parents=True) would make the missing parents (the data folder itself, say)
    # world-readable: create each missing level privately instead.
    missing = []
    level = path
    while not level.exists() and level != level.parent:
        missing.append(level)
        level = level.parent
    for level in reversed(missing):
        level.mkdir(mode=DIR_MODE, exist_ok=True)
        # mkdir's mode is masked by the umask: make sure of the folders made here. A folder
        # that was already there is the user's (KOHTAAMO_HOME on a shared 1777 folder, say)
        # and keeps its mode; what is private lives in the folders made below it.
        if POSIX_MODES:
            level.chmod(DIR_MODE)
    if not missing:
        path.mkdir(mode=DIR_MODE, exist_ok=True)  # raises if a file is in the way
        loosened = POSIX_MODES and (path.stat().st_mode & 0o777) != DIR_MODE
        if path.name == SESSIONS and loosened:
            # The journals' own folder was made by us: keep it private even if loosened.
            path.chmod(DIR_MODE)
    return path


def _open_private(path: Path, flags: int) -> int:
    # O_BINARY (Windows only) keeps "\n" from becoming "\r\n" in a journal written with os.write.
    return os.open(path, flags | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)


def write_private(path: Path, text: str) -> None:
    """Replace a small file atomically, created 0600 (settings, never a journal)."""
    private_dir(path.parent)
    import secrets

    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = _open_private(tmp, os.O_WRONLY | os.O_EXCL)
    try:
        os.write(fd, text.encode("utf-8"))
        sync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_session_id() -> str:
    """Sortable by start time, unique without coordination."""
    import secrets

    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


# -- journals -----------------------------------------------------------------------------


class Journal:
    """Appends one meeting to its journal file; `append` is the Session's `on_turn`."""

    def __init__(self, path: Path, session_id: str) -> None:
        self.path = path
        self.id = session_id
        self.closed = False
        #: Index of the last turn the journal holds (None: learnt from the first append).
        self.saved_turns: int | None = None

    @classmethod
    def start(
        cls,
        transcript: Transcript,
        meta: Mapping[str, Any] | None = None,
        home: Path | None = None,
    ) -> Journal:
        """A new journal whose header is the transcript's header plus `meta` (e.g. mode)."""
        session_id = new_session_id()
        folder = private_dir((home or data_dir()) / SESSIONS)
        journal = cls(folder / f"{session_id}.jsonl", session_id)
        header = {
            "kind": "header",
            "id": session_id,
            "started": now_iso(),
            **dict(meta or {}),
            **transcript.header(),
        }
        fd = _open_private(journal.path, os.O_WRONLY | os.O_EXCL)
        os.close(fd)
        journal._write(header)
        # Already-taken turns (a Session made before the journal) are not lost.
        for record in transcript.turns:
            journal._write({"kind": "turn", **record.to_dict()})
        journal.saved_turns = len(transcript.turns)
        Index(home).add_header(journal.path, header)
        return journal

    @classmethod
    def reopen(cls, path: Path) -> Journal:
        """Continue an interrupted journal (resume)."""
        header = read_header(path)
        journal = cls(path, header.get("id") or path.stem)
        journal._repair_tail()
        journal.saved_turns = len(load_journal(path).transcript.turns)
        return journal

    def _repair_tail(self) -> None:
        """Drop a torn last line (a kill mid-write) so the next line starts clean."""
        fd = _open_private(self.path, os.O_RDWR)
        try:
            _cut_torn_tail(fd)
        finally:
            os.close(fd)

    def _write(self, entry: Mapping[str, Any]) -> None:
        """Append one whole line, or nothing: JournalWriteError when it cannot be saved.

        A short write (a full disk) is retried until the line is complete; an error leaves
        the file cut back to where it was, so a later line never lands on a torn one. A
        torn tail left by a kill is cut before the line is appended.
        """
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        # Lone surrogates (odd bytes passed through an API) cannot be UTF-8: U+FFFD instead.
        data = line.encode("utf-8", "replace")
        try:
            fd = _open_private(self.path, os.O_RDWR | os.O_APPEND)
        except OSError as error:
            raise JournalWriteError(error) from error
        try:
            start = _cut_torn_tail(fd)
            try:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    if written <= 0:
                        raise OSError(28, os.strerror(28))  # ENOSPC: nothing more fits
                    view = view[written:]
                sync(fd)
            except OSError as error:
                with suppress(OSError):
                    os.ftruncate(fd, start)
                raise JournalWriteError(error) from error
        finally:
            os.close(fd)

    def append(self, transcript: Transcript, record: TurnRecord) -> None:
        """Journal every turn not yet saved (called by Session after every turn).

        After a failed write (a full disk) the turns still in memory are written first,
        in order, so the journal never skips one: JournalWriteError until they all fit.
        """
        if self.saved_turns is None:
            self.saved_turns = record.index - 1
        for turn in transcript.turns:
            if turn.index > self.saved_turns:
                self._write({"kind": "turn", **turn.to_dict()})
                self.saved_turns = turn.index

    def end(
        self,
        transcript: Transcript,
        scores: Mapping[str, float] | None = None,
        reason: str = "ended",
        home: Path | None = None,
        partial: str = "",
    ) -> None:
        """Close the meeting: the `end` line, then the history row. Idempotent. `partial`
        says why the scores do not compare with meetings carried through ("stopped", "left"
        early, "short"; docs/scoring.md), "" when they do."""
        if self.closed:
            return
        entry = {
            "kind": "end",
            "ended": now_iso(),
            "reason": reason,  # "ended" (the client's ending) | "closed" (the trainee stopped)
            "outcome": transcript.outcome,
            "turns": len(transcript.turns),
            "scores": dict(scores or {}),
        }
        if partial:
            entry["partial"] = partial  # only then: other end lines stay as they were
        self.append_pending(transcript)
        self._write(entry)
        self.closed = True
        Index(home).add_end(self.path, entry)

    def append_pending(self, transcript: Transcript) -> None:
        """Write the turns a failed write left in memory only (before the end line)."""
        pending = self.saved_turns is not None and transcript.turns
        if pending and transcript.turns[-1].index > (self.saved_turns or 0):
            self.append(transcript, transcript.turns[-1])


class JournalWriteError(OSError):
    """A journal line could not be saved (no space, no permission); the file is unchanged."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.cause = cause


def _read_at(fd: int, size: int, offset: int) -> bytes:
    # os.pread is POSIX only; the append mode still writes at the end after a seek.
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)


def _cut_torn_tail(fd: int) -> int:
    """Truncate a last line without its newline (a kill or a full disk mid-write).

    Returns the size the file has after it: where the next line will start.
    """
    size = os.fstat(fd).st_size
    if size == 0 or _read_at(fd, 1, size - 1) == b"\n":
        return size
    # Look back a block at a time for the last newline.
    end = size
    while end > 0:
        start = max(0, end - 65536)
        block = _read_at(fd, end - start, start)
        cut = block.rfind(b"\n")
        if cut >= 0:
            os.ftruncate(fd, start + cut + 1)
            return start + cut + 1
        end = start
    os.ftruncate(fd, 0)
    return 0


def _terminal_safe(value: Any) -> Any:
    """Every string in a journal entry with control characters shown as escapes (newlines
    and tabs kept): an edited journal must not drive the terminal of whoever opens it."""
    from simulator.safetext import for_terminal

    if isinstance(value, str):
        return for_terminal(value)
    if isinstance(value, dict):
        return {for_terminal(k): _terminal_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_terminal_safe(v) for v in value]
    return value


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    """The journal's entries; a torn or garbled line (a crash mid-write) is skipped.

    Read through the bounded reader: a journal is a regular file of at most 16 MiB (a
    symlink to /dev/zero or a FIFO put in its place is refused, not read forever).
    """
    from simulator.safeio import read_bounded

    text = read_bounded(path).decode("utf-8", errors="replace")
    # Split on newlines only: a line may hold U+2028 or a form feed inside its strings.
    for raw in text.split("\n")[:-1]:  # the last piece: "" or a torn line
        try:
            entry = json.loads(raw)
        except (ValueError, RecursionError):  # garbled, or nested absurdly deep
            continue
        if isinstance(entry, dict):
            try:
                safe = _terminal_safe(entry)
            except RecursionError:  # nested absurdly deep: not a line the store wrote
                continue
            yield safe


# What each field of a journal line must be. A journal is a file anyone could edit: a
# variable that is not a number, a list where a text belongs, would otherwise surface as a
# TypeError deep in the scorer or the app. A field of the wrong kind is dropped (its default
# is used); a turn without its texts is skipped.
def _is_text(v: object) -> bool:
    return isinstance(v, str)


def _is_texts(v: object) -> bool:
    return isinstance(v, list) and all(isinstance(i, str) for i in v)


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and v == v and abs(v) < 1e15


def _is_numbers(v: object) -> bool:
    return isinstance(v, dict) and all(_is_number(i) for i in v.values())


def _is_optional_text(v: object) -> bool:
    return v is None or isinstance(v, str)


_TURN_SHAPE = {
    "index": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "worker": _is_text,
    "reply": _is_text,
    "client_before": _is_text,
    "via_menu": lambda v: isinstance(v, bool),
    "state_before": _is_text,
    "state_after": _is_text,
    "transition": _is_optional_text,
    "variables_before": _is_numbers,
    "variables_after": _is_numbers,
    "ready": _is_texts,
    "cues_dropped": _is_texts,
    "choice_stated": _is_optional_text,
    "choices_active": _is_texts,
    "thought": _is_text,
    "note": _is_text,
    "better": _is_text,
    "ended": lambda v: isinstance(v, bool),
    "outcome": _is_optional_text,
    "seconds": _is_number,
    "leaving": _is_text,
}
_RECOGNITION_SHAPE = {
    "text": _is_text,
    "moves": _is_texts,
    "mode": _is_optional_text,
    "topics": _is_texts,
    "evidence": lambda v: (
        isinstance(v, list)
        and all(isinstance(e, dict) and isinstance(e.get("move"), str) for e in v)
        and all(_is_texts(e.get(k, [])) for e in v for k in ("words", "reflected"))
    ),
}
_HEADER_SHAPE = {
    "language": lambda v: v in LANGUAGES,
    "scenario_id": _is_text,
    "scenario_title": _is_text,
    "scenario_path": _is_text,
    "variant": _is_optional_text,
    "seed": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
    "opening": _is_text,
    "opening_cues": _is_texts,
    "start_state": _is_text,
    "start_variables": _is_numbers,
}


def _shaped(entry: dict[str, Any], shape: Mapping[str, Any]) -> dict[str, Any]:
    """`entry` without the known fields whose value is of the wrong kind."""
    return {k: v for k, v in entry.items() if k not in shape or shape[k](v)}


def _shaped_turn(body: dict[str, Any]) -> dict[str, Any] | None:
    turn = _shaped(body, _TURN_SHAPE)
    recognition = turn.get("recognition")
    if not all(k in turn for k in ("index", "worker", "reply")) or not isinstance(
        recognition, dict
    ):
        return None
    turn["recognition"] = _shaped(recognition, _RECOGNITION_SHAPE)
    return turn


def read_header(path: Path) -> dict[str, Any]:
    for entry in _lines(path):
        if entry.get("kind") == "header":
            return entry
        break
    return {}


@dataclass
class JournalContents:
    header: dict[str, Any]
    transcript: Transcript
    end: dict[str, Any] | None = None


def load_journal(path: Path) -> JournalContents:
    """Header, transcript and end line of one journal."""
    from simulator.transcript import Transcript, TurnRecord

    header: dict[str, Any] = {}
    turns: list[TurnRecord] = []
    end: dict[str, Any] | None = None
    for entry in _lines(Path(path)):
        kind = entry.get("kind")
        body = {k: v for k, v in entry.items() if k != "kind"}
        if kind == "header" and not header:
            header = body
        elif kind == "turn":
            shaped = _shaped_turn(body)
            if shaped is None:
                continue
            try:
                turns.append(TurnRecord.from_dict(shaped))
            except (KeyError, TypeError, ValueError):
                continue
        elif kind == "end":
            end = body
    header = _shaped(header, _HEADER_SHAPE)
    transcript = Transcript.from_dict({"language": "en", **header, "turns": []})
    transcript.turns = turns
    return JournalContents(header, transcript, end)


def read_journal(path: Path | str) -> Transcript:
    """The transcript a journal holds (a torn last line is ignored)."""
    return load_journal(Path(path)).transcript


# -- the history index ------------------------------------------------------------------


@dataclass
class HistoryEntry:
    id: str
    path: Path
    scenario_id: str
    scenario_title: str
    scenario_path: str
    language: str
    started: str
    ended: str | None = None
    outcome: str | None = None
    turns: int = 0
    scores: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.ended is not None

    @property
    def partial(self) -> str:
        """Why the meeting's scores do not compare with meetings carried through ("stopped",
        "left" early, "short"), from its end line; "" when they do (or an older end line)."""
        value = self.meta.get("partial")
        return value if isinstance(value, str) else ""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    scenario_id TEXT, scenario_title TEXT, scenario_path TEXT, language TEXT,
    started TEXT, ended TEXT, outcome TEXT, turns INTEGER DEFAULT 0,
    listening REAL, pacing REAL, autonomy REAL, overall REAL,
    meta TEXT DEFAULT '{}'
)
"""

_META_KEYS = ("mode", "input", "seed", "variant")


class Index:
    """The SQLite history index in the data dir; rebuilt from the journals when needed."""

    def __init__(self, home: Path | None = None) -> None:
        self.home = home or data_dir()
        self.path = self.home / INDEX
        #: Why the index could not be written (a read-only or unwritable data folder), after
        #: `entries` read the journals without it; None when it could.
        self.problem: OSError | sqlite3.Error | None = None

    def _connect(self) -> sqlite3.Connection:
        """The index, rebuilt from the journals when it is missing, damaged or empty.

        "Empty while journals exist" catches a 0-byte file and a table left without rows
        (both pass SQLite's quick_check). A rebuild writes a new file beside the index and
        renames it over: a kill mid-rebuild leaves the old index or none, never half of one.
        """
        import sqlite3  # the app's first screen does not need it

        private_dir(self.home)
        conn: sqlite3.Connection | None = None
        if self.path.exists():
            try:
                conn = self._open()
                healthy = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                if healthy and conn.execute("SELECT 1 FROM sessions LIMIT 1").fetchone() is None:
                    healthy = not self._journal_paths()
            except sqlite3.DatabaseError:
                healthy = False
            if not healthy:
                if conn is not None:
                    conn.close()
                conn = None
        if conn is None:
            self._build()
            conn = self._open()
        return conn

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(_SCHEMA)
        return conn

    def _journal_paths(self) -> list[Path]:
        folder = self.home / SESSIONS
        return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []

    def _build(self) -> None:
        """A fresh index from the journals, written aside and renamed into place."""
        import secrets
        import sqlite3

        tmp = self.home / f".{INDEX}.{secrets.token_hex(4)}.tmp"
        os.close(_open_private(tmp, os.O_WRONLY | os.O_EXCL))
        try:
            conn = sqlite3.connect(tmp)
            try:
                conn.execute(_SCHEMA)
                self._rebuild(conn)
            finally:
                conn.close()
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)

    def _rebuild(self, conn: sqlite3.Connection) -> None:
        for path in self._journal_paths():
            self._put_journal(conn, path)
        conn.commit()

    def _put_journal(self, conn: sqlite3.Connection, path: Path) -> None:
        try:
            contents = load_journal(path)
        except OSError:
            return  # refused (not a regular file, too large) or gone: not a meeting
        if not contents.header:
            return
        self._put_header(conn, path, contents.header)
        if contents.end is not None:
            self._put_end(conn, path, contents.end)
        else:
            conn.execute(
                "UPDATE sessions SET turns=? WHERE path=?",
                (len(contents.transcript.turns), str(path)),
            )

    def rebuild(self) -> None:
        self._build()

    @staticmethod
    def _put_header(conn: sqlite3.Connection, path: Path, header: Mapping[str, Any]) -> None:
        meta = {k: header.get(k) for k in _META_KEYS if k in header}
        conn.execute(
            "INSERT OR REPLACE INTO sessions (id, path, scenario_id, scenario_title,"
            " scenario_path, language, started, meta) VALUES (?,?,?,?,?,?,?,?)",
            (
                header.get("id") or path.stem,
                str(path),
                header.get("scenario_id", ""),
                header.get("scenario_title", ""),
                header.get("scenario_path", ""),
                header.get("language", ""),
                header.get("started", ""),
                json.dumps(meta),
            ),
        )

    @staticmethod
    def _put_end(conn: sqlite3.Connection, path: Path, end: Mapping[str, Any]) -> None:
        scores = end.get("scores") or {}
        if isinstance(end.get("partial"), str):
            # Kept with the header's fields (no new column: indexes already on disk keep
            # working); the row was written by _put_header just before.
            row = conn.execute("SELECT meta FROM sessions WHERE path=?", (str(path),)).fetchone()
            try:
                meta = json.loads(row[0] or "{}") if row else {}
            except json.JSONDecodeError:
                meta = {}
            meta = meta if isinstance(meta, dict) else {}
            meta["partial"] = end["partial"]
            conn.execute("UPDATE sessions SET meta=? WHERE path=?", (json.dumps(meta), str(path)))
        conn.execute(
            "UPDATE sessions SET ended=?, outcome=?, turns=?, listening=?, pacing=?,"
            " autonomy=?, overall=? WHERE path=?",
            (
                end.get("ended"),
                end.get("outcome"),
                end.get("turns", 0),
                scores.get("listening"),
                scores.get("pacing"),
                scores.get("autonomy"),
                scores.get("overall"),
                str(path),
            ),
        )

    def add_header(self, path: Path, header: Mapping[str, Any]) -> None:
        self._write_row(lambda conn: self._put_header(conn, path, header))

    def add_end(self, path: Path, end: Mapping[str, Any]) -> None:
        def put(conn: sqlite3.Connection) -> None:
            if not conn.execute("SELECT 1 FROM sessions WHERE path=?", (str(path),)).fetchone():
                self._put_header(conn, path, read_header(path))
            self._put_end(conn, path, end)

        self._write_row(put)

    def _write_row(self, put: Callable[[sqlite3.Connection], None]) -> None:
        """Write a meeting's row; the journal, already written, is the record.

        Another app instance on the same data folder may rebuild the index meanwhile: its new
        file is renamed over the one this connection opened, and SQLite then refuses the write
        ("attempt to write a readonly database"); it may also hold the lock past the timeout.
        One more try on the file now in place; if that fails too, the row is left out (and
        logged): `entries` adds what the index missed from the journals. Two instances made
        a meeting fail to open, or its end raise after the end line was written.
        """
        import sqlite3

        for attempt in (1, 2):
            try:
                with closing(self._connect()) as conn:
                    put(conn)
                    conn.commit()
                return
            except (OSError, sqlite3.Error) as error:
                if attempt == 2:
                    log.warning("history index not updated (%s); rebuilt from the journals", error)

    def _rows(self, connection: sqlite3.Connection) -> list[tuple[Any, ...]]:
        with closing(connection) as conn:
            known = {row[0] for row in conn.execute("SELECT path FROM sessions")}
            missing = [p for p in self._journal_paths() if str(p) not in known]
            for path in missing:
                self._put_journal(conn, path)
            if missing:
                conn.commit()
            return conn.execute(
                "SELECT id, path, scenario_id, scenario_title, scenario_path, language,"
                " started, ended, outcome, turns, listening, pacing, autonomy, overall, meta"
                " FROM sessions ORDER BY started DESC, id DESC"
            ).fetchall()

    def entries(self) -> list[HistoryEntry]:
        """Every meeting, newest first.

        Journals the index does not know (a kill between the journal and its row, or a row
        written by another app instance into an index that was just rebuilt) are added.
        When the index cannot be written (a read-only disk or mount, a folder without write
        permission) the journals are read into an index in memory instead, so the meetings
        are still listed, and `problem` says why nothing can be saved there.
        """
        import sqlite3

        try:
            rows = self._rows(self._connect())
        except (OSError, sqlite3.Error) as error:
            self.problem = error
            memory = sqlite3.connect(":memory:")
            memory.execute(_SCHEMA)
            rows = self._rows(memory)
        out = []
        for row in rows:
            scores = {
                name: value
                for name, value in zip((*AXES, "overall"), row[10:14], strict=True)
                if value is not None
            }
            try:
                meta = json.loads(row[14] or "{}")
            except json.JSONDecodeError:
                meta = {}
            out.append(
                HistoryEntry(
                    id=row[0],
                    path=Path(row[1]),
                    scenario_id=row[2] or "",
                    scenario_title=row[3] or "",
                    scenario_path=row[4] or "",
                    language=row[5] or "",
                    started=row[6] or "",
                    ended=row[7],
                    outcome=row[8],
                    turns=row[9] or 0,
                    scores=scores,
                    meta=meta if isinstance(meta, dict) else {},
                )
            )
        out = [e for e in out if e.path.exists()]
        for entry in out:
            if not entry.finished:
                # The index learns an unfinished meeting's turns only from its journal; an
                # end line the index missed (written by another instance) is learnt here too.
                try:
                    contents = load_journal(entry.path)
                except OSError:
                    continue
                entry.turns = len(contents.transcript.turns)
                end = contents.end
                if end is not None and isinstance(end.get("ended"), str):
                    entry.ended = end["ended"]
                    outcome = end.get("outcome")
                    entry.outcome = outcome if isinstance(outcome, str) else None
                    scores = end.get("scores")
                    if isinstance(scores, dict):
                        entry.scores = {k: v for k, v in scores.items() if _is_number(v)}
                    if isinstance(end.get("partial"), str):
                        entry.meta["partial"] = end["partial"]
        return out


def history(home: Path | None = None) -> list[HistoryEntry]:
    return Index(home).entries()


def history_and_problem(
    home: Path | None = None,
) -> tuple[list[HistoryEntry], OSError | sqlite3.Error | None]:
    """Every meeting, and why the data folder cannot be written (None when it can): the
    History screen lists what the journals hold and tells the user where and why."""
    index = Index(home)
    entries = index.entries()
    return entries, index.problem


def interrupted(home: Path | None = None) -> list[HistoryEntry]:
    """Meetings whose journal has no end line (the app was closed, crashed or killed)."""
    return [e for e in history(home) if not e.finished]


def progress(home: Path | None = None) -> dict[str, list[float]]:
    """Each axis's scores over finished meetings, oldest first (the history chart). Partial
    meetings (stopped, left early, very short) are left out: their scores describe a few
    turns and do not compare with meetings carried through."""
    finished = [e for e in reversed(history(home)) if e.finished and e.scores and not e.partial]
    return {axis: [e.scores[axis] for e in finished if axis in e.scores] for axis in AXES}


# -- settings ---------------------------------------------------------------------------


def settings_file(home: Path | None = None) -> Path:
    """`home`/settings.json when a folder is given, else in the settings folder (config_dir)."""
    return (home or config_dir()) / SETTINGS


def load_settings(home: Path | None = None) -> dict[str, Any]:
    """The user's settings; anything missing or unreadable falls back to the defaults."""
    path = settings_file(home)
    if home is None and not path.exists():
        # Earlier versions kept the settings in the data folder (~/.local/share/kohtaamo).
        path = data_dir() / SETTINGS
    settings = dict(DEFAULT_SETTINGS)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return settings
    if isinstance(stored, dict):
        if stored.get("language") in (*LANGUAGES, None):
            settings["language"] = stored.get("language")
        if stored.get("theme") in ("dark", "light"):
            settings["theme"] = stored["theme"]
        if isinstance(stored.get("typing_pause"), bool):
            settings["typing_pause"] = stored["typing_pause"]
    return settings


def save_settings(settings: Mapping[str, Any], home: Path | None = None) -> None:
    path = settings_file(home)
    known = {k: settings.get(k, v) for k, v in DEFAULT_SETTINGS.items()}
    write_private(path, json.dumps(known, indent=2) + "\n")


# -- crash logs ---------------------------------------------------------------------------

CRASHES = "crashes"


def log_crash(home: Path, error: BaseException) -> Path:
    """Write an unexpected error's traceback to the data folder (0600) and return the file.

    The traceback may quote what the trainee typed, so it stays as private as a journal.
    """
    import traceback

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    folder = private_dir(home / CRASHES)
    path = folder / f"{new_session_id()}.log"
    write_private(path, f"{now_iso()}\n{text}")
    return path
