"""Compiled cue expressions (and the lexicon they come from) kept between runs, in the user's
cache folder.

Compiling the cue sets a first turn consults was most of the time to build the Finnish
recognizer and read that turn (issue 12: about 55 of 135 ms): Python's regular-expression
parser is pure Python, and a cue set is one alternation of hundreds of cues. So the engine's
compiled form of each expression (the opcodes `re` hands to `_sre.compile`) is kept per lexicon
beside the parsed UI strings (`simulator.i18n.keep_copies`; the app and the commands choose the
folder), and a later run builds the expression from it directly. The copy is tied to the
lexicon file (size and modification time), the Python version and the engine's version; a
mismatch, a missing or unreadable copy, or an expression not in it compiles as before. Either
way the expression is the same: the copy holds what `re` compiled from the same pattern text
(tests/test_lexicon_compiled.py compares them).
"""

from __future__ import annotations

import atexit
import base64
import json
import re
import sys
import threading
from array import array
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python's engine: every expression compiles as usual
    _sre = None  # type: ignore[assignment]
if _sre is not None and array("I").itemsize != _sre.CODESIZE:
    _sre = None  # type: ignore[assignment]  # opcodes of another width than kept here

_kept: tuple[Path, Callable[[Path, str], None]] | None = None
#: The key of the lexicon file's own data among the kept expressions (no cue list has it: cues
#: are joined by newlines and a cue is never empty).
_DATA = "\n"


def keep_compiled(folder: Path | None, write: Callable[[Path, str], None] | None = None) -> None:
    """Keep compiled expressions in `folder`, written with `write(path, text)` (the store's
    private atomic write); `None` keeps none."""
    global _kept
    _kept = (folder, write) if folder is not None and write is not None else None


def _engine() -> list:
    """What the kept opcodes are valid for: this Python and its engine's opcode format."""
    version = list(sys.version_info)
    return [sys.implementation.name, version, _sre.MAGIC, _sre.CODESIZE, sys.byteorder]


def _opcodes(pattern: str) -> tuple[re.Pattern[str], list]:
    """`re.compile(pattern)` as `re._compiler.compile` does it, and the kept form of it."""
    parsed = _parser.parse(pattern, 0)
    code = _compiler._code(parsed, 0)
    flags, groups = parsed.state.flags, parsed.state.groups
    groupindex = dict(parsed.state.groupdict)
    indexgroup = _index(groupindex, groups)
    compiled = _sre.compile(pattern, flags, code, groups - 1, groupindex, indexgroup)
    packed = base64.b64encode(array("I", code).tobytes()).decode("ascii")
    return compiled, [pattern, flags, groups, groupindex, packed]


def _index(groupindex: dict[str, int], groups: int) -> tuple[str | None, ...]:
    indexgroup: list[str | None] = [None] * groups
    for name, at in groupindex.items():
        indexgroup[at] = name
    return tuple(indexgroup)


def _from_kept(kept: list) -> re.Pattern[str]:
    pattern, flags, groups, groupindex, packed = kept
    code = array("I")
    code.frombytes(base64.b64decode(packed))
    return _sre.compile(
        pattern, flags, code.tolist(), groups - 1, groupindex, _index(groupindex, groups)
    )


class CompiledCues:
    """One lexicon's kept expressions, keyed by the cues they were made of (so a kept one
    skips writing the pattern too): read on the first compile, written at exit when this run
    compiled any that were not kept. `sources` are the files the expressions come from (the
    lexicon, and the code that turns cues into patterns)."""

    def __init__(self, name: str, sources: tuple[Path, ...]) -> None:
        self.name = name
        self.sources = sources
        self._kept: dict[str, list] | None = None
        self._stamp: list | None = None
        self._where = _kept  # the folder and the writer chosen when the copy was read
        self._added = False
        self._lock = threading.Lock()  # the app builds a recognizer in a thread

    def data(self, read: Callable[[], dict]) -> dict:
        """The lexicon file's data as `read()` parses it, or as kept from a run before: a run
        that finds it kept imports no YAML parser (about 25 ms of CPU with the parsing). Kept
        only where JSON gives it back equal."""
        if _kept is None or _sre is None:
            return read()
        with self._lock:
            kept = self._read().get(_DATA)
        if isinstance(kept, dict):
            return kept
        data = read()
        try:
            same = json.loads(json.dumps(data)) == data
        except (TypeError, ValueError):  # a value JSON has no form for
            same = False
        if same:
            with self._lock:
                self._read()[_DATA] = data
                self._added_one()
        return data

    def compile(self, cues: tuple[str, ...], pattern: Callable[[], str]) -> re.Pattern[str]:
        """The expression `pattern()` makes of `cues`."""
        if _kept is None or _sre is None:
            return re.compile(pattern())
        key = "\n".join(cues)
        with self._lock:
            kept = self._read().get(key)
        if kept is not None:
            with suppress(TypeError, ValueError, RuntimeError):  # RuntimeError: invalid code
                return _from_kept(kept)
        compiled, kept = _opcodes(pattern())
        with self._lock:
            self._read()[key] = kept
            self._added_one()
        return compiled

    def _added_one(self) -> None:
        if not self._added:
            self._added = True
            atexit.register(self._write)

    def _path(self) -> Path:
        assert self._where is not None
        return self._where[0] / f"cues-{self.name}.json"

    def _read(self) -> dict[str, list]:
        if self._kept is None:
            self._kept = {}
            self._where = _kept
            try:
                files = [path.stat() for path in self.sources]
                self._stamp = [[[f.st_size, f.st_mtime_ns] for f in files], _engine()]
                data = json.loads(self._path().read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return self._kept
            if isinstance(data, dict) and data.get("stamp") == self._stamp:
                kept = data.get("expressions")
                if isinstance(kept, dict):
                    self._kept = kept
        return self._kept

    def _write(self) -> None:
        if self._where is None or self._stamp is None:
            return
        with self._lock:
            text = json.dumps({"stamp": self._stamp, "expressions": self._kept})
        with suppress(OSError):  # only a cache: the next run compiles again
            self._where[1](self._path(), text)
