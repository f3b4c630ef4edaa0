"""Linked translations: `translation_of:` ties the fi and en versions of one scenario (K52x).

    K521 warning  a state, topic, cue or choice in one version that the other lacks
    K522 warning  the translation named by `translation_of:` cannot be found or loaded

Ids are the same in both languages (they are names, not dialogue), so a version that lacks
one has drifted: a scene added to the Finnish script and never to the English one. The other
version is found by file (relative to this one: `translation_of: en-rent-letter.yaml`) or by
scenario id among the files checked together and the files beside this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from simulator.i18n import t
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.model import Where

if TYPE_CHECKING:
    from collections.abc import Iterable

    from simulator.scenario.model import Scenario

KINDS = ("states", "topics", "cues", "choices")


def _warn(code: str, where: Where, key: str, lang: str | None, **values: object) -> Diagnostic:
    return Diagnostic(
        code, "warning", where,
        t(f"authoring.{key}", lang, **values), t(f"authoring.{key}_hint", lang, **values),
    )  # fmt: skip


def find(scenario: Scenario, others: Iterable[Scenario]) -> Scenario | None:
    """The version `translation_of` names, or None."""
    from simulator.scenario.loader import read_scenario

    name = scenario.translation_of
    here = Path(scenario.path).parent
    if name.endswith((".yaml", ".yml")):
        path = here / name  # as written, so messages name it the way the author does
        for other in others:
            if Path(other.path).resolve() == path.resolve():
                return other
        found, problems = read_scenario(path)
        return found if found is not None and not any(p.is_error for p in problems) else None
    for other in others:
        if other.id == name:
            return other
    for path in sorted(here.glob("*.y*ml")):
        if Path(scenario.path).resolve() == path.resolve():
            continue
        found, problems = read_scenario(path)
        if found is not None and found.id == name and not any(p.is_error for p in problems):
            return found
    return None


def compare(
    scenario: Scenario, others: Iterable[Scenario] = (), lang: str | None = None
) -> list[Diagnostic]:
    """What `scenario` has that its translation lacks, and the other way round."""
    if not scenario.translation_of:
        return []
    others = list(others)
    top = Where(scenario.path, 1, 1)
    other = find(scenario, others)
    if other is None:
        return [_warn("K522", top, "translation_missing", lang, name=scenario.translation_of)]
    found = []
    for kind in KINDS:
        mine, theirs = getattr(scenario, kind), getattr(other, kind)
        kind_text = t(f"authoring.translation_kind_{kind}", lang)
        for name, item in mine.items():
            if name not in theirs:
                found.append(
                    _warn(
                        "K521",
                        item.where,
                        "translation_lacks",
                        lang,
                        kind=kind_text,
                        name=name,
                        other=other.path,
                    )
                )
        for name in theirs:
            if name not in mine:
                where = getattr(theirs[name], "where", None)
                found.append(
                    _warn(
                        "K521",
                        top,
                        "translation_has",
                        lang,
                        kind=kind_text,
                        name=name,
                        other=f"{other.path}:{where.line if where else 1}",
                    )
                )
    return found
