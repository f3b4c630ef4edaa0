"""Strict means playable: what `check --strict` adds beyond a file that loads (K51x).

    K511 warning  a state without `suggestions`: in suggested-responses mode the student meets
                  an empty menu there
    K512 warning  a file without `tests`: nothing shows the scenario plays as meant
    K513 warning  a state no test visits (its lines and reactions were never played)

These are warnings every author should fix before sharing a scenario, but a draft may have
them, so plain `check` stays quiet about them and `--strict` (CI, "ready to share") fails.
Running the tests needs the recognizer only for turns without pinned `moves`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.i18n import t
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.model import Where

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario


def _warn(code: str, where: Where, key: str, lang: str | None, **values: object) -> Diagnostic:
    return Diagnostic(
        code, "warning", where,
        t(f"authoring.{key}", lang, **values), t(f"authoring.{key}_hint", lang, **values),
    )  # fmt: skip


def playability(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    from simulator.authoring.lint import reachable

    found = []
    live = reachable(scenario, respect_conditions=False)
    for sid, state in scenario.states.items():
        if not state.is_ending and sid in live and not state.suggestions:
            found.append(_warn("K511", state.where, "no_suggestions", lang, state=sid))
    if not scenario.tests:
        found.append(_warn("K512", Where(scenario.path, 1, 1), "no_tests", lang))
        return found
    from simulator.authoring.testing import run_tests

    coverage = run_tests(scenario).coverage
    for sid in coverage.missed("states"):
        found.append(_warn("K513", scenario.states[sid].where, "not_visited", lang, state=sid))
    return found
