"""Diagnostics: one problem found in a scenario file, with a stable code and a position.

Codes are stable so authors can look them up in `docs/diagnostics.md` and tools can filter
them: K1xx YAML and safety, K2xx schema and shape, K3xx references and meaning, K4xx+ lint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simulator.scenario.model import Where

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    code: str  # e.g. "K201"
    severity: Severity
    where: Where
    message: str
    hint: str = ""
    #: for a problem in an included part: where it was included from, nearest first
    #: (`shared/outer.yaml:2:10, scenario.yaml:5:11`), shown as "included from: ..."
    via: str = ""
    #: for a problem in an included part: the scenario file it was found with
    origin: str = ""

    @property
    def scenario_file(self) -> str:
        """The scenario the problem keeps from loading (for one in a part: the includer)."""
        return self.origin or self.where.file

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self, lang: str | None = None) -> str:
        """`file:line:col: error K201: message`, then the hint on its own indented line
        (labelled in the UI language: "hint:" / "vihje:").

        File names and messages quote what a file holds: a newline or escape in them is
        shown, not obeyed, so no file can print a line of its own ("ok: ...") or drive the
        terminal.
        """
        from simulator.safetext import one_line

        text = f"{one_line(self.where)}: {self.severity} {self.code}: {one_line(self.message)}"
        if self.hint:
            from simulator.i18n import t

            text += f"\n    {t('scenario.hint_label', lang)}: {one_line(self.hint)}"
        if self.via:
            from simulator.i18n import t

            text += f"\n    {t('scenario.included_from', lang, chain=one_line(self.via))}"
        return text

    def to_dict(self) -> dict[str, str | int]:
        return {
            "file": self.where.file,
            "line": self.where.line,
            "col": self.where.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            **({"included_from": self.via} if self.via else {}),
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.where.file, self.where.line, self.where.col, self.code)


class ScenarioError(Exception):
    """A scenario file could not be loaded; `diagnostics` holds every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]


def diagnostic(
    code: str,
    where: Where,
    template: str,
    lang: str | None = None,
    /,
    *,
    hint_key: str = "",
    hint_values: dict[str, object] | None = None,
    severity: Severity = "error",
    **values: object,
) -> Diagnostic:
    """A Diagnostic whose message (and hint) come from the UI strings `template` / `hint_key`."""
    from simulator.i18n import t

    hint = t(hint_key, lang, **(hint_values or {})) if hint_key else ""
    return Diagnostic(code, severity, where, t(template, lang, **values), hint)
