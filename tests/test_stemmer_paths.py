"""The recognizer stems with PyStemmer (the Snowball stemmers in C) and falls back on
snowballstemmer's pure Python where PyStemmer is missing: both must give the same stem for every
word, or a recognizer would read turns differently on another installation (issue 12, speed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from simulator.language import text
from simulator.language.lexicon import load_lexicon
from simulator.language.text import pure_snowball, tokens

DATA = Path(__file__).parent / "data"
#: The labelled sets whose words are stemmed (development data: never a blind set).
SETS = ("recognizer", *(f"recognizer_dev{n}" for n in range(2, 21)))


def _words(lang: str) -> set[str]:
    words: set[str] = set()
    for name in SETS:
        for path in sorted((DATA / name).glob(f"{lang}*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    words.update(tokens(f"{row.get('text', '')} {row.get('client_before', '')}"))
    lexicon = load_lexicon(lang)
    for cue_set in (*lexicon.cues.values(), *lexicon.extra.values()):
        for cue in cue_set.cues:
            words.update(tokens(cue.replace("*", " ")))
    return words


@pytest.mark.parametrize(("lang", "language"), [("fi", "finnish"), ("en", "english")])
def test_pystemmer_and_pure_python_give_the_same_stems(lang, language):
    stemmer = pytest.importorskip("Stemmer").Stemmer(language)
    pure = pure_snowball(language)
    words = _words(lang)
    assert len(words) > 5000
    assert [w for w in sorted(words) if stemmer.stemWord(w) != pure(w)] == []


def test_without_pystemmer_the_pure_python_stemmer_is_used(monkeypatch):
    monkeypatch.setitem(sys.modules, "Stemmer", None)  # `import Stemmer` then fails
    text._snowball.cache_clear()
    try:
        stem = text._snowball("finnish")
        assert getattr(stem, "__self__", None).__class__.__module__.startswith("snowballstemmer.")
        assert stem("kysymyksiä") == pure_snowball("finnish")("kysymyksiä")
    finally:
        text._snowball.cache_clear()
