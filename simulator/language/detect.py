"""Which of our two languages a text is in: a count of each language's commonest words
(and ä/ö, which English lacks). Enough for a conversation, and for one turn when the turn
is clearly in one language; None when it cannot tell."""

from __future__ import annotations

import re
from collections.abc import Iterable

FI_WORDS = frozenset(
    [
        "ja",
        "on",
        "ei",
        "se",
        "että",
        "mä",
        "sä",
        "mun",
        "sun",
        "minä",
        "sinä",
        "te",
        "teidän",
        "me",
        "hän",
        "ne",
        "nyt",
        "kun",
        "mutta",
        "niin",
        "joo",
        "kyllä",
        "vai",
        "mitä",
        "miten",
        "miksi",
        "missä",
        "mikä",
        "onko",
        "oot",
        "oli",
        "olen",
        "olet",
        "ole",
        "ollut",
        "tää",
        "tämä",
        "tuo",
        "siis",
        "vaan",
        "vain",
        "myös",
        "jos",
        "sitten",
        "ihan",
        "aika",
        "vähän",
        "paljon",
        "tosi",
        "nii",
        "no",
        "okei",
        "kiitos",
        "hei",
        "moi",
        "teillä",
        "sulla",
        "mulla",
        "meillä",
        "kanssa",
        "tai",
        "kuin",
        "jo",
        "vielä",
        "koska",
        "mikään",
        "mitään",
    ]
)
EN_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "were",
        "you",
        "your",
        "i",
        "me",
        "my",
        "it",
        "it's",
        "i'm",
        "that",
        "this",
        "what",
        "how",
        "why",
        "where",
        "do",
        "don't",
        "not",
        "have",
        "has",
        "be",
        "been",
        "with",
        "for",
        "so",
        "just",
        "but",
        "about",
        "can",
        "would",
        "could",
        "should",
        "yeah",
        "okay",
        "well",
        "like",
        "there",
        "they",
        "we",
        "our",
        "he",
        "she",
        "to",
        "of",
        "in",
        "on",
        "at",
        "if",
        "then",
        "very",
        "really",
        "thank",
        "thanks",
        "hello",
        "hi",
    ]
)
_WORD = re.compile(r"[\w']+")


def language_votes(texts: Iterable[str]) -> tuple[int, int]:
    """(Finnish, English) evidence counts over the texts."""
    fi = en = 0
    for text in texts:
        lowered = text.lower()
        fi += lowered.count("ä") + lowered.count("ö")
        for word in _WORD.findall(lowered):
            fi += word in FI_WORDS
            en += word in EN_WORDS
    return fi, en


def detect_language(texts: Iterable[str], margin: int = 1) -> str | None:
    """ "fi" or "en" when one language leads the other by at least `margin`, else None."""
    fi, en = language_votes(texts)
    if abs(fi - en) < margin:
        return None
    return "fi" if fi > en else "en"


def clearly_other_language(text: str, language: str) -> bool:
    """Whether one trainee turn is plainly in the other language than the scenario's:
    several of that language's words and none of the scenario's (a borrowed "okay" or a
    name does not count)."""
    fi, en = language_votes([text])
    ours, theirs = (fi, en) if language == "fi" else (en, fi)
    return ours == 0 and theirs >= 3
