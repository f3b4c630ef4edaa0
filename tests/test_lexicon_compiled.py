"""The recognizer's cue expressions kept between runs (simulator/language/compiled.py) are the
expressions `re` compiles: a run that builds them from the kept copy reads as one that does not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.language import compiled
from simulator.language.compiled import CompiledCues, keep_compiled
from simulator.language.lexicon import CueSet, load_lexicon


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def kept(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "_kept", None)
    keep_compiled(tmp_path, _write)
    return tmp_path


def _sets(lang: str) -> list[CueSet]:
    lexicon = load_lexicon(lang)
    return [s for s in (*lexicon.cues.values(), *lexicon.extra.values()) if s]


def _sources(tmp_path: Path) -> tuple[Path, ...]:
    source = tmp_path / "lexicon.yaml"
    source.write_text("cues: {}\n", encoding="utf-8")
    return (source,)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_kept_expressions_are_the_compiled_ones(kept, lang):
    sources = _sources(kept)
    first = CompiledCues(lang, sources)
    sets = _sets(lang)
    made = [first.compile(s.cues, s._pattern) for s in sets]
    first._write()
    on_file = json.loads((kept / f"cues-{lang}.json").read_text(encoding="utf-8"))
    assert len(on_file["expressions"]) == len({s.cues for s in sets})
    again = CompiledCues(lang, sources)
    for cue_set, cold in zip(sets, made, strict=True):
        expected = re.compile(cue_set._pattern())
        warm = again.compile(cue_set.cues, lambda: pytest.fail("compiled again, not read"))
        # Equal patterns have the same text, flags and engine code (CPython compares all three).
        assert cold == expected
        assert warm == expected


def test_a_changed_lexicon_or_a_broken_copy_compiles_again(kept):
    sources = _sources(kept)
    cues = ("sinun pitäisi", "^hei", "miettin* ... että")
    pattern = CueSet(cues)._pattern
    first = CompiledCues("fi", sources)
    first.compile(cues, pattern)
    first._write()
    sources[0].write_text("cues: {advice: [x]}\n", encoding="utf-8")
    calls = []

    def counted() -> str:
        calls.append(1)
        return pattern()

    assert CompiledCues("fi", sources).compile(cues, counted) == re.compile(pattern())
    assert calls == [1]
    (kept / "cues-fi.json").write_text("{not json", encoding="utf-8")
    assert CompiledCues("fi", sources).compile(cues, counted) == re.compile(pattern())
    assert calls == [1, 1]


def test_nothing_is_kept_unless_a_folder_is_chosen(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "_kept", None)
    cues = ("sinun pitäisi",)
    store = CompiledCues("fi", _sources(tmp_path))
    assert store.compile(cues, CueSet(cues)._pattern) == re.compile(CueSet(cues)._pattern())
    store._write()
    assert not list(tmp_path.glob("cues-*.json"))


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_kept_lexicon_data_is_the_yaml_data(kept, lang):
    import yaml

    from simulator.language.lexicon import LEXICON_DIR

    path = LEXICON_DIR / f"{lang}.yaml"
    parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    sources = _sources(kept)
    first = CompiledCues(lang, sources)
    assert first.data(lambda: parsed) == parsed
    first._write()
    again = CompiledCues(lang, sources).data(lambda: pytest.fail("parsed again, not read"))
    assert again == parsed
