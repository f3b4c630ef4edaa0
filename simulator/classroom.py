"""Class use without any UI: nicknames, class codes and the class folder.

`kohtaamo serve` keeps every student's meetings under `<class folder>/<nickname>/`, a data
folder of its own with the same layout as a single user's (journals, history index,
settings, exports), so resume, history and `kohtaamo report` work there unchanged. This
module decides what a nickname may be and where it lives; it imports neither Textual nor
the web server, so the class report and the tests can use it alone.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from pathlib import Path

from simulator import store

NICK_MIN = 2
NICK_MAX = 24
# Letters of any script, digits, '-' and '_'; no spaces (a first and last name is what a
# space usually brings), no dots or slashes (a nickname becomes a folder name).
_NICK = re.compile(r"[^\W_][\w-]*\Z")
#: Names of folders in a class folder that are not students.
RESERVED = frozenset({"sessions", "exports", "cache", "con", "nul", "prn", "aux"})

LOCK = ".in-use"


def nickname_problem(raw: str) -> str | None:
    """Why `raw` is not a usable nickname (an i18n key under `classroom.`), or None."""
    nick = unicodedata.normalize("NFC", raw.strip())
    if len(nick) < NICK_MIN:
        return "nick_too_short"
    if len(nick) > NICK_MAX:
        return "nick_too_long"
    if any(ch.isspace() for ch in nick):
        return "nick_space"
    if not _NICK.match(nick):
        return "nick_chars"
    if nick.casefold() in RESERVED:
        return "nick_reserved"
    return None


def folder_name(raw: str) -> str:
    """The folder a (valid) nickname is kept in: case-folded, so 'Kettu' and 'kettu' are
    one student and one folder on every file system."""
    return unicodedata.normalize("NFC", raw.strip()).casefold()


def student_home(class_dir: Path, nickname: str) -> Path:
    """`<class>/<nickname>/`, created private (0700) like any data folder."""
    if nickname_problem(nickname) is not None:
        raise ValueError(f"not a nickname: {nickname!r}")
    home = class_dir / folder_name(nickname)
    store.private_dir(class_dir)
    return store.private_dir(home)


def class_code() -> str:
    """A fresh class code for one run of `kohtaamo serve`: 8 characters a teacher can read
    aloud or write on a board (no 0/O, 1/l/I), ~40 bits, so not guessable in a lesson."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def students(class_dir: Path) -> list[tuple[str, Path]]:
    """(nickname, data folder) of every student folder in a class folder, sorted."""
    if not class_dir.is_dir():
        return []
    out = []
    for child in sorted(class_dir.iterdir()):
        if (
            child.is_dir()
            and nickname_problem(child.name) is None
            and (child / store.SESSIONS).is_dir()
        ):
            out.append((child.name, child))
    return out


def _lock(fd: int) -> None:
    """Lock the open file without waiting (OSError when another process holds it): flock
    on POSIX; on Windows, which has no fcntl, msvcrt's lock on the first byte."""
    try:
        import fcntl
    except ImportError:
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def claim(home: Path) -> int | None:
    """Hold `home` for this process (an advisory lock on `<home>/.in-use`) so two browser
    tabs cannot play under one nickname at once and interleave one history. Returns the
    descriptor to keep open (the lock goes with the process, even if it is killed), or
    None when another live tab holds it."""
    import os

    fd = os.open(home / LOCK, os.O_RDWR | os.O_CREAT, store.FILE_MODE)
    try:
        _lock(fd)
    except OSError:
        os.close(fd)
        return None
    return fd
