"""Transition ids as authors read them: counted from 1, with the file and line.

Inside the engine a transition's id counts from zero (`opening.on[0]`, stable in journals).
Authors count from one, so test and coverage output show `opening.on #1`, and a scenario test
may name a transition the same way (`expect_transition: opening.on #1`).
"""

from __future__ import annotations

import re

_INDEX = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\s*#\s*(\d+)")


def label(tid: str) -> str:
    """`opening.on[0]` -> `opening.on #1`; `reactions[2]` -> `reactions #3`."""
    return _INDEX.sub(lambda m: f" #{int(m.group(1)) + 1}", tid)


def from_label(text: str) -> str | None:
    """`opening.on #1` (or the engine's own `opening.on[0]`) -> `opening.on[0]`; else None."""
    text = text.strip()
    if _INDEX.search(text):
        return text
    if not _NUMBER.search(text):
        return None
    out = _NUMBER.sub(lambda m: f"[{int(m.group(1)) - 1}]" if int(m.group(1)) > 0 else "[-1]", text)
    return None if "[-1]" in out else out
