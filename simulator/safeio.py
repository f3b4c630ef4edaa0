"""Bounded reading and careful writing of the files a user names.

Every reader of a file someone else may have made (scenarios, scripts, journals, classify
input) goes through `read_bounded`: regular files only (a named pipe would hang, /dev/zero
would fill the memory, a symlink to a device is refused by what it points to), never more
than a limit, and a `Refused` with a reason key the caller can show in either language.

Every writer of a file the user names (`report -o`, `graph -o`, exports) goes through
`write_output`: it never follows a symlink, never replaces an existing file unless told to
(`--force`), and says "cannot write" with the system's reason when the write fails.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

#: Journals and scripts are text typed by people: 16 MiB is thousands of meetings' worth.
MAX_TEXT_BYTES = 16 << 20


class Refused(OSError):
    """A file that is not read (or written); `reason` is an i18n key under `cli.`.

    An OSError, so every `except OSError` that reports an unreadable file reports this too.
    """

    def __init__(self, reason: str, path: str, writing: bool = False, **values: object) -> None:
        super().__init__(f"{reason}: {path}")
        self.writing = writing
        self.reason = reason
        self.path = path
        self.values = values

    def __str__(self) -> str:
        return self.message()

    def message(self, lang: str | None = None) -> str:
        from simulator.i18n import t
        from simulator.safetext import one_line

        detail = t(f"cli.{self.reason}", lang, **self.values)
        frame = "cli.refused_write" if self.writing else "cli.refused_read"
        return t(frame, lang, path=one_line(self.path), reason=detail)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "kind_directory"
    if stat.S_ISFIFO(mode):
        return "kind_pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "kind_device"
    if stat.S_ISSOCK(mode):
        return "kind_socket"
    return "kind_other"


def read_bounded(path: str | os.PathLike[str], limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; Refused otherwise.

    Opened non-blocking, so naming a FIFO returns at once instead of waiting for a writer;
    what was opened is then checked with fstat, so a symlink is judged by its target.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Refused("file_missing", str(name)) from None
    except OSError as error:
        raise Refused("file_unreadable", str(name), error=error.strerror or error) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            from simulator.i18n import t

            raise Refused("not_regular", str(name), kind=t(f"cli.{_kind(info.st_mode)}"))
        if info.st_size > limit:
            raise Refused("file_too_large", str(name), size=info.st_size, limit=limit)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:  # a file growing while read still stops one byte past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise Refused("file_too_large", str(name), size=got, limit=limit)
        return b"".join(chunks)
    except Refused:
        raise
    except OSError as error:
        raise Refused("file_unreadable", str(name), error=error.strerror or error) from None
    finally:
        os.close(fd)


def read_text_bounded(path: str | os.PathLike[str], limit: int = MAX_TEXT_BYTES) -> str:
    """`read_bounded` decoded as UTF-8 (a BOM is dropped); Refused("not_utf8") with the line."""
    data = read_bounded(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Refused("not_utf8", os.fspath(path), line=line) from None


def read_stream_bounded(
    stream: BinaryIO | None = None, limit: int = MAX_TEXT_BYTES, name: str = "-"
) -> bytes:
    """At most `limit` bytes of a stream (default: standard input); Refused past that."""
    if stream is None:
        import sys

        stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(limit + 1)
    if isinstance(data, str):  # a text stream stood in for stdin (tests, embedding)
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > limit:
        raise Refused("file_too_large", name, size=f">{limit}", limit=limit)
    return data


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


def write_output(
    path: str | os.PathLike[str], data: str | bytes, force: bool = False, mode: int = 0o600
) -> None:
    """Write a file the user named: never through a symlink, never over a file unless `force`.

    Refused("exists") when the file is there and `force` is not given; Refused("not_regular")
    for a symlink, a directory or a device even with `force` (writing "into" /dev/full or a
    link's target is never what an export means); Refused("cannot_write") for the system's
    write errors (no space, no permission). A new file is created with `mode`; an existing
    one keeps its own mode (it is the user's, `--force` only replaces its contents).
    """
    name = os.fspath(path)
    payload = data.encode("utf-8", "replace") if isinstance(data, str) else data
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        info = os.lstat(name)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise Refused("cannot_write", name, True, error=error.strerror or error) from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            kind = "kind_symlink" if stat.S_ISLNK(info.st_mode) else _kind(info.st_mode)
            from simulator.i18n import t

            raise Refused("not_regular", name, True, kind=t(f"cli.{kind}"))
        if not force:
            raise Refused("exists", name, True)
    else:
        flags |= os.O_EXCL  # created here and now: a link planted meanwhile makes this fail
    try:
        fd = os.open(name, flags, mode)
    except OSError as error:
        if error.errno == errno.ELOOP:
            from simulator.i18n import t

            raise Refused("not_regular", name, True, kind=t("cli.kind_symlink")) from None
        if error.errno == errno.EEXIST:
            raise Refused("exists", name, True) from None
        raise Refused("cannot_write", name, True, error=error.strerror or error) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            from simulator.i18n import t

            raise Refused("not_regular", name, True, kind=t(f"cli.{_kind(os.fstat(fd).st_mode)}"))
        os.ftruncate(fd, 0)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        sync(fd)
    except Refused:
        raise
    except OSError as error:
        raise Refused("cannot_write", name, True, error=error.strerror or error) from None
    finally:
        os.close(fd)


def write_output_or_report(
    path: str | Path, data: str | bytes, force: bool, mode: int = 0o600
) -> bool:
    """`write_output`, printing the refusal to stderr: True when written."""
    import sys

    try:
        write_output(path, data, force, mode)
    except Refused as refused:
        print(refused.message(), file=sys.stderr)
        return False
    return True
