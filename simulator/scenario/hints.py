"""Hints that turn a raw message into one a lecturer can act on.

The loader and the YAML reader say *what* went wrong; these functions look at the author's
own text around the problem to say *why* and how to fix it:
- a move written in Finnish (`tervehdys`) or as an English phrase (`open question`) names
  the move it means, from the same move names the debrief shows (i18n `scoring.move_*`), so
  the Finnish guide, the debrief and this hint pair the words in one place;
- libyaml's raw "found character that cannot start any token" on a tab becomes the tab hint;
- an apostrophe inside single quotes (`['I don't know.']`) gets a quoting hint, not the
  generic one about commas;
- `=>` / `=<` in a condition is read as the `>=` / `<=` the author meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from simulator.moves import MOVES
from simulator.scenario.diagnostics import Diagnostic


def _fold(text: str) -> str:
    """Lower-case, accents kept (ä is a letter of its own), `_`/`-` read as spaces."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[_\-]+", " ", text).split())


@cache
def move_words() -> dict[str, tuple[str, str]]:
    """folded word -> (move, the word as the move names write it), in both languages."""
    from simulator.i18n import LANGUAGES, t

    found: dict[str, tuple[str, str]] = {}
    for move in MOVES:
        for lang in LANGUAGES:
            word = t(f"scoring.move_{move}", lang)
            found.setdefault(_fold(word), (move, word))
        found.setdefault(_fold(move), (move, move))
    return found


def move_for(word: str) -> tuple[str, str] | None:
    """(move, its name) for a word that names a move in Finnish or English; else None.

    Exact names first (`tervehdys`, `avoin kysymys`, `open question`), then a close spelling
    or a name that starts with the word (`heijastus` is not enough: it matches two moves).
    """
    import difflib

    words = move_words()
    folded = _fold(word)
    if folded in words:
        return words[folded]
    close = difflib.get_close_matches(folded, list(words), n=2, cutoff=0.8)
    if close and words[close[0]][0] != (words[close[1]][0] if len(close) > 1 else None):
        return words[close[0]]
    starts = {words[w] for w in words if w.startswith(folded) and len(folded) >= 4}
    if len({move for move, _ in starts}) == 1:
        return sorted(starts)[0]
    return None


def condition_arrow(text: str, column: int) -> str | None:
    """`>=` or `<=` when the condition has `=>` / `=<` at `column` (1-based); else None."""
    pair = text[column - 1 : column + 1]
    return {"=>": ">=", "=<": "<="}.get(pair)


# --- YAML syntax errors: look at the author's line, not only at libyaml's words ----------


_APOSTROPHE = re.compile(r"'[^'\n]*\w'\w")  # 'I don't ...': the quote closes mid-word


def refine_syntax(problems: list[Diagnostic], text: str, lang: str | None) -> list[Diagnostic]:
    """K101 diagnostics with a better problem and hint where the source line shows the cause."""
    if not any(p.code == "K101" for p in problems):
        return problems
    lines = text.splitlines()
    return [_refine(p, lines, lang) if p.code == "K101" else p for p in problems]


def _refine(problem: Diagnostic, lines: list[str], lang: str | None) -> Diagnostic:
    from simulator.i18n import t

    index = problem.where.line - 1
    line = lines[index] if 0 <= index < len(lines) else ""
    char = line[problem.where.col - 1 : problem.where.col]
    if char == "\t" or (line[: problem.where.col].strip() == "" and "\t" in line[:8]):
        message = t("scenario.yaml_syntax", lang, problem=t("scenario.syntax_tab", lang))
        return replace(problem, message=message, hint=t("scenario.hint_tab", lang))
    # The error may be reported where the quote or bracket opened, or a line later.
    for candidate in (line, lines[index + 1] if index + 1 < len(lines) else ""):
        match = _APOSTROPHE.search(candidate)
        if match:
            quoted = match.group(0)[1:-2]
            rest = candidate[match.end() - 1 :].split("'", 1)[0]
            example = f'"{quoted}\'{rest}"'.replace("]", "").rstrip(", ")
            return replace(
                problem, hint=t("scenario.hint_apostrophe", lang, example=example.strip())
            )
    return problem
