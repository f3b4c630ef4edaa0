"""User-facing strings in Finnish and English.

Strings live in YAML files beside this module, one file per area (`cli.yaml`, `tui.yaml`,
...). Each key maps to `{fi: ..., en: ...}`; keys are used as `"<area>.<key>"`, e.g.
`t("cli.usage")`. A test checks that every key has both languages.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

LANGUAGES = ("fi", "en")
_HERE = Path(__file__).parent


def ui_language() -> str:
    """The UI language: KOHTAAMO_LANG, else the system locale (fi_* gives Finnish), else English."""
    chosen = os.environ.get("KOHTAAMO_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "fi" if value.lower().startswith("fi") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "fi" if loc.lower().startswith("fi") else "en"


@cache
def area_strings(area: str) -> dict[str, dict[str, str]]:
    """The strings of one area file (`tui` -> tui.yaml), read on first use: the app then
    parses only the areas it shows, not every string of every command."""
    path = _HERE / f"{area}.yaml"
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = [stat.st_mtime_ns, stat.st_size]
    cached = _read_cached(area, stamp)
    if cached is not None:
        return cached
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster start-up
    strings = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    _write_cached(area, stamp, strings)
    return strings


# The app's first screen needs the `tui` strings; reading them from a JSON copy in the user's
# cache folder spares importing and running the YAML parser at every start (measured with
# benchmarks/startup.py: about 40 ms, the difference between 1.40x and 1.48x a bare Textual
# start). The copy is keyed by the YAML file's mtime and size, so editing a string file is
# seen at the next start. Where the copy lives is the entry point's choice (the CLI, the
# app: they know the user's folders); this room reaches no higher than the standard library.
_copies: tuple[Path, Callable[[Path, str], None]] | None = None


def keep_copies(folder: Path | None, write: Callable[[Path, str], None] | None = None) -> None:
    """Keep parsed string files as JSON in `folder`, written with `write(path, text)`
    (the store's private atomic write); `None` keeps no copies."""
    global _copies
    _copies = (folder, write) if folder is not None and write is not None else None


def _read_cached(area: str, stamp: list[int]) -> dict[str, dict[str, str]] | None:
    if _copies is None:
        return None
    import json

    try:
        data = json.loads((_copies[0] / f"strings-{area}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return None
    strings = data.get("strings")
    return strings if isinstance(strings, dict) else None


def _write_cached(area: str, stamp: list[int], strings: dict[str, dict[str, str]]) -> None:
    if _copies is None:
        return
    import json
    from contextlib import suppress

    folder, write = _copies
    with suppress(OSError):  # only a cache: the next start parses the YAML again
        write(folder / f"strings-{area}.json", json.dumps({"stamp": stamp, "strings": strings}))


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every string, keyed "<area>.<key>"."""
    return {
        f"{path.stem}.{key}": texts
        for path in sorted(_HERE.glob("*.yaml"))
        for key, texts in area_strings(path.stem).items()
    }


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The string `key` in `lang` (default: the UI language), formatted with `values`."""
    area, _, name = key.partition(".")
    texts = area_strings(area).get(name)
    if texts is None:
        raise KeyError(f"no UI string {key!r}")
    text = texts.get(lang or ui_language()) or texts["en"]
    if not values:
        return text
    return text.format(**{k: _Count(v) if type(v) is int else v for k, v in values.items()})


class _Count(int):
    """A whole number that can say its noun in the right number: `{n:question|questions}`
    gives "1 question" and "3 questions"; Finnish `{n:kysymys|kysymystä}` gives "1 kysymys"
    and "3 kysymystä" (partitive after other numbers). Any other format spec is an int's."""

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return int.__format__(int(self), spec)
        one, _, many = spec.partition("|")
        return f"{int(self)} {one if self == 1 else many}"


def number(value: float, lang: str | None = None) -> str:
    """A number as users read it, the one rule for scores, variables and amounts: a whole
    number without its ".0" (trust 30), others to six significant digits; Finnish (`lang`
    "fi") writes a decimal comma. Without a language (the CLI's and the author tools' lines,
    which quote YAML) the point stays."""
    text = str(int(value)) if float(value).is_integer() else f"{value:g}"
    return text.replace(".", ",") if lang == "fi" else text


def variable_label(name: str, lang: str | None = None) -> str:
    """A scenario variable as users read it: the built-in ones (trust, openness, distress)
    translated, an author's own variable by its name."""
    texts = area_strings("scenario").get(f"var_{name}")
    if texts is None:
        return name
    return texts.get(lang or ui_language()) or texts["en"]
