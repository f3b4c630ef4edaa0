"""Recognising the trainee's moves: `get_recognizer(lang)` is the way in.

Importing this package is cheap; the lexicon and stemmer load on the first `get_recognizer`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from simulator.i18n import LANGUAGES

if TYPE_CHECKING:
    from simulator.language.base import Recognizer



@cache
def get_recognizer(lang: str) -> Recognizer:
    """The recognizer for `lang` ("fi" or "en"), built once per language."""
    from simulator.language.gated import GatedRecognizer

    lang = (lang or "").strip().lower()[:2]
    return GatedRecognizer(lang if lang in LANGUAGES else "en")
