"""The local store: one journal per meeting, a SQLite history index, the user's settings.

A journal is JSON lines under `<data dir>/sessions/` (see docs/architecture.md): a header,
one line per turn appended and fsynced as it happens, and an `end` line when the meeting is
closed. The journals are the truth; the SQLite index only makes the history quick to list
and is rebuilt from them whenever it is missing or damaged. Everything is private to the
user: directories 0700, files 0600, created with that mode so no other user can ever read
them, not even for an instant.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.moves import AXES

if TYPE_CHECKING:
    import sqlite3

    from simulator.transcript import Transcript, TurnRecord

DIR_MODE = 0o700
FILE_MODE = 0o600
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
    path.mkdir(mode=DIR_MODE, exist_ok=True)  # raises if a file is in the way
    # mkdir's mode is masked by the umask and ignored for existing dirs: make sure.
    if POSIX_MODES and (path.stat().st_mode & 0o777) != DIR_MODE:
        path.chmod(DIR_MODE)
    return path


def _open_private(path: Path, flags: int) -> int:
    # O_BINARY (Windows only) keeps "\n" from becoming "\r\n" in a journal written with os.write.
    return os.open(path, flags | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)


#: fsync errors meaning "this file system cannot", not "your data is lost".
_NO_FSYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EROFS}


def sync(fd: int) -> None:
    """Flush a file to the disk where the platform can; a file system that cannot (some
    network or FAT drives refuse fsync) must not turn a kept turn into a crash."""
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _NO_FSYNC:
            raise  # a real write error (EIO, a full disk) is not hidden


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
        Index(home).add_header(journal.path, header)
        return journal

    @classmethod
    def reopen(cls, path: Path) -> Journal:
        """Continue an interrupted journal (resume)."""
        header = read_header(path)
        journal = cls(path, header.get("id") or path.stem)
        journal._repair_tail()
        return journal

    def _repair_tail(self) -> None:
        """Drop a torn last line (a kill mid-write) so the next line starts clean."""
        data = self.path.read_bytes()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            with open(self.path, "r+b") as handle:
                handle.truncate(cut)

    def _write(self, entry: Mapping[str, Any]) -> None:
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        fd = _open_private(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, line.encode("utf-8"))
            sync(fd)
        finally:
            os.close(fd)

    def append(self, transcript: Transcript, record: TurnRecord) -> None:
        """Journal one turn (called by Session after every turn)."""
        self._write({"kind": "turn", **record.to_dict()})

    def end(
        self,
        transcript: Transcript,
        scores: Mapping[str, float] | None = None,
        reason: str = "ended",
        home: Path | None = None,
    ) -> None:
        """Close the meeting: the `end` line, then the history row. Idempotent."""
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
        self._write(entry)
        self.closed = True
        Index(home).add_end(self.path, entry)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    """The journal's entries; a torn or garbled line (a crash mid-write) is skipped."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle:
            if not raw.endswith("\n"):
                return  # torn last line
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                yield entry


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
            try:
                turns.append(TurnRecord.from_dict(body))
            except (KeyError, TypeError, ValueError):
                continue
        elif kind == "end":
            end = body
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

    def _connect(self) -> sqlite3.Connection:
        import sqlite3  # the app's first screen does not need it

        private_dir(self.home)
        if not self.path.exists():
            os.close(_open_private(self.path, os.O_WRONLY))
            fresh = True
        else:
            fresh = False
        conn: sqlite3.Connection | None = None
        try:
            conn = self._open()
            if not fresh and conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("damaged")
        except sqlite3.DatabaseError:
            if conn is not None:
                conn.close()
            self.path.unlink(missing_ok=True)
            os.close(_open_private(self.path, os.O_WRONLY))
            conn = self._open()
            fresh = True
        if fresh:
            self._rebuild(conn)
        return conn

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        conn = sqlite3.connect(self.path)
        conn.execute(_SCHEMA)
        return conn

    def _rebuild(self, conn: sqlite3.Connection) -> None:
        folder = self.home / SESSIONS
        for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else ():
            contents = load_journal(path)
            if not contents.header:
                continue
            self._put_header(conn, path, contents.header)
            if contents.end is not None:
                self._put_end(conn, path, contents.end)
            else:
                conn.execute(
                    "UPDATE sessions SET turns=? WHERE path=?",
                    (len(contents.transcript.turns), str(path)),
                )
        conn.commit()

    def rebuild(self) -> None:
        self.path.unlink(missing_ok=True)
        with closing(self._connect()):
            pass

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
        with closing(self._connect()) as conn:
            self._put_header(conn, path, header)
            conn.commit()

    def add_end(self, path: Path, end: Mapping[str, Any]) -> None:
        with closing(self._connect()) as conn:
            if not conn.execute("SELECT 1 FROM sessions WHERE path=?", (str(path),)).fetchone():
                self._put_header(conn, path, read_header(path))
            self._put_end(conn, path, end)
            conn.commit()

    def entries(self) -> list[HistoryEntry]:
        """Every meeting, newest first."""
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT id, path, scenario_id, scenario_title, scenario_path, language,"
                " started, ended, outcome, turns, listening, pacing, autonomy, overall, meta"
                " FROM sessions ORDER BY started DESC, id DESC"
            ).fetchall()
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
                # The index learns an unfinished meeting's turns only from its journal.
                entry.turns = len(read_journal(entry.path).turns)
        return out


def history(home: Path | None = None) -> list[HistoryEntry]:
    return Index(home).entries()


def interrupted(home: Path | None = None) -> list[HistoryEntry]:
    """Meetings whose journal has no end line (the app was closed, crashed or killed)."""
    return [e for e in history(home) if not e.finished]


def progress(home: Path | None = None) -> dict[str, list[float]]:
    """Each axis's scores over finished meetings, oldest first (the history chart)."""
    finished = [e for e in reversed(history(home)) if e.finished and e.scores]
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
        if stored.get("language") in ("fi", "en", None):
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
