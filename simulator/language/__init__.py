"""Recognising the trainee's moves: `get_recognizer(lang)` is the way in.

Importing this package is cheap; the lexicon and stemmer load on the first `get_recognizer`.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

from simulator.i18n import LANGUAGES

if TYPE_CHECKING:
    from simulator.language.base import Recognizer

# The app warms a recognizer in a thread while the briefing is read; the first turn then
# waits for that build instead of starting a second one.
_building = threading.Lock()


def get_recognizer(lang: str) -> Recognizer:
    """The recognizer for `lang` ("fi" or "en"), built once per language."""
    lang = (lang or "").strip().lower()[:2]
    with _building:
        return _build(lang if lang in LANGUAGES else "en")


@cache
def _build(lang: str) -> Recognizer:
    from simulator.language.gated import GatedRecognizer

    return GatedRecognizer(lang)
