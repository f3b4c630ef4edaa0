"""User-facing strings in Finnish and English.

Strings live in YAML files beside this module, one file per area (`cli.yaml`, `tui.yaml`,
...). Each key maps to `{fi: ..., en: ...}`; keys are used as `"<area>.<key>"`, e.g.
`t("cli.usage")`. A test checks that every key has both languages.
"""

from __future__ import annotations

import locale
import os
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
def catalogue() -> dict[str, dict[str, str]]:
    """Every string, keyed "<area>.<key>"."""
    import yaml

    strings: dict[str, dict[str, str]] = {}
    for path in sorted(_HERE.glob("*.yaml")):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster start-up
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for key, texts in data.items():
            strings[f"{path.stem}.{key}"] = texts
    return strings


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The string `key` in `lang` (default: the UI language), formatted with `values`."""
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"no UI string {key!r}")
    text = texts.get(lang or ui_language()) or texts["en"]
    return text.format(**values) if values else text
