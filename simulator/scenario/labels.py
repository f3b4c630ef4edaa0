"""Transition ids as authors read them: counted from 1, with the file and line.

Inside the engine a transition's id counts from zero (`opening.on[0]`, stable in journals).
Authors count from one, so test and coverage output show `opening.on.1` (the first entry
under `opening`'s `on:`), and a scenario test names a transition the same way
(`expect_transition: opening.on.1`). The label has no `#` or `: `, so it is safe unquoted
in YAML.
"""

from __future__ import annotations

import re

#: `expect_transition: fallback`: the wording should be answered by no transition at all
FALLBACK = "fallback"
_INDEX = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"(?:\.|\s*#\s*)(\d+)(?=\.|\Z)")


def label(tid: str) -> str:
    """`opening.on[0]` -> `opening.on.1`; `reactions[2]` -> `reactions.3`."""
    return _INDEX.sub(lambda m: f".{int(m.group(1)) + 1}", tid)


def from_label(text: str) -> str | None:
    """`opening.on.1` (or `opening.on #1`, or the engine's `opening.on[0]`) -> `opening.on[0]`;
    None when it names no position (or position 0)."""
    text = text.strip()
    if _INDEX.search(text):
        return text
    if not _NUMBER.search(text):
        return None
    numbers = [int(n) for n in _NUMBER.findall(text)]
    if 0 in numbers:
        return None
    return _NUMBER.sub(lambda m: f"[{int(m.group(1)) - 1}]", text)


def located(scenario: object, tid: str | None) -> str | None:
    """`opening.on.2, file.yaml:41` for a transition of `scenario`; None for no transition."""
    if tid is None:
        return None
    every = (*scenario.transitions, *scenario.reactions, *scenario.defaults)  # type: ignore[attr-defined]
    # `when_worker_leaves` (the scenario's and each state's) is found by its id too.
    leaves = [getattr(scenario, "leave", None)]
    leaves += [getattr(s, "leave", None) for s in getattr(scenario, "states", {}).values()]
    every = (*every, *(leave for leave in leaves if leave is not None))
    found = next((tr for tr in every if tr.id == tid), None)
    if found is None:
        return label(tid)
    return f"{label(tid)}, {found.where.file}:{found.where.line}"
