"""Text handling shared by the recognizer: cleaning, sentence splitting, tokens and stems.

Everything here is pure and cheap; the Snowball stemmer is built on first use only.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from functools import cache

#: Longest input analysed. A trainee turn is a few sentences; anything longer is pasted text,
#: and reading only its head keeps every turn inside the latency budget.
MAX_CHARS = 2000

_CONTROL = {c: " " for c in range(32) if c not in (10,)} | {127: " "}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+|(?<=[.!?])(?=[A-ZÅÄÖ])")
_TOKEN = re.compile(r"[^\W_]+(?:['’\-:][^\W_]+)*")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")


def clean(text: object) -> str:
    """`text` as a tidy string: control characters and odd whitespace gone, length capped."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[: MAX_CHARS * 2]
    text = unicodedata.normalize("NFC", text).translate(_CONTROL)
    text = _SPACES.sub(" ", text).strip()
    return text[:MAX_CHARS]


def sentences(text: str) -> list[str]:
    """Split a turn into sentences; a turn without punctuation stays one sentence."""
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p and _TOKEN.search(p)]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits; apostrophes and hyphens kept inside words)."""
    # findall gives the whole matches (the expression captures no group), without a Match
    # object per word: tokens are asked for some ten times a turn (issue 12, speed).
    found = _TOKEN.findall(text.lower())
    return [w.replace("’", "'") for w in found] if "’" in text else found


@cache
def _snowball(language: str) -> Callable[[str], str]:
    """The language's Snowball stemmer: PyStemmer's (the Snowball C stemmers), or where it is
    not installed snowballstemmer's pure Python, which gives the same stems
    (tests/test_stemmer_paths.py compares them on every word of the labelled data). A new word
    took some 40 us in pure Python: a twentieth of reading a turn of new text (issue 12, speed).
    Imported here, on first use: start-up matters."""
    try:
        import Stemmer as pystemmer
    except ImportError:
        return pure_snowball(language)
    return pystemmer.Stemmer(language).stemWord


def pure_snowball(language: str) -> Callable[[str], str]:
    """snowballstemmer's pure-Python stemmer of `language` ("finnish", "dutch_porter"), from
    its own module (the package itself would hand PyStemmer's over when that is installed)."""
    module = importlib.import_module(f"snowballstemmer.{language}_stemmer")
    name = "".join(part.capitalize() for part in language.split("_")) + "Stemmer"
    return getattr(module, name)().stemWord


class Stemmer(dict):
    """Snowball stems with a memo; turns repeat the same few hundred words. The memo is the
    object itself, and calling it looks the word up in C (`dict.__getitem__`; a new word comes
    through `__missing__`): a turn asks for some forty stems (issue 12, speed)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self._language = language

    __call__ = dict.__getitem__

    def __missing__(self, word: str) -> str:
        stem = _snowball(self._language)(word)
        if len(self) < 50_000:
            self[word] = stem
        return stem


def related(
    stem_a: str, stem_b: str, word_a: str, word_b: str, *, shared_heads: bool = True
) -> bool:
    """Two words are forms of one lemma, as far as their stems and heads can tell.

    Snowball leaves some Finnish forms apart (`töitä` / `työ`, `kurssit` / `kurssille` agree,
    `kiinnosta` / `kiinnostais` do not); a shared stem head of four letters, or a shared word
    head of five, joins most inflected pairs without joining unrelated short words. English
    inflects little and Snowball stems it well, while its derivations share heads freely
    (`interpreter` / `intervention`, `safe` / `safeguarding`), so with `shared_heads=False`
    only equal stems count.
    """
    if stem_a == stem_b:
        return True
    if not shared_heads:
        return False
    if stem_a[:4] != stem_b[:4] and word_a[:3] != word_b[:3]:
        return False  # none of the rules below joins them: most pairs tried (issue 12, speed)
    short, long_ = sorted((stem_a, stem_b), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    # A short word that is its own stem heads its inflected forms: "työ" -> "työssä".
    short_word, long_word = sorted((word_a, word_b), key=len)
    if len(short_word) >= 3 and short_word in (stem_a, stem_b) and long_word.startswith(short_word):
        return True
    return len(word_a) >= 5 and word_a[:5] == word_b[:5]  # a shared head of five letters
