"""K518 (check --strict): a topic, cue or choice phrase that is one very common word of the
scenario's language reads any turn that says it as that topic ("itse" read "Entäs te itse…"
as Veikko's pride; stop 45)."""

from pathlib import Path

import pytest

from simulator.authoring.playable import common_phrases
from simulator.scenario.loader import load_scenario, load_scenario_text

SCENARIOS = sorted(Path("scenarios").glob("*.yaml"))
HOME_VISIT = Path("scenarios/fi-kotikaynti-yksin-asuva.yaml")


def test_a_one_word_pronoun_phrase_is_flagged_with_its_topic_and_word():
    text = HOME_VISIT.read_text(encoding="utf-8").replace(
        "pärjääminen, itse rakentanut,", "pärjääminen, itse, itse rakentanut,", 1
    )
    found = common_phrases(load_scenario_text(text, str(HOME_VISIT)), "en")
    assert [d.code for d in found] == ["K518"]
    assert "'pride'" in found[0].message and '"itse"' in found[0].message


def test_a_phrase_of_two_words_that_narrows_a_common_word_is_not_flagged():
    scenario = load_scenario(HOME_VISIT)
    assert any(w == "itse rakentanut" for w in scenario.cues["pride"].words)
    assert common_phrases(scenario) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_bundled_scenario_lists_a_very_common_word_alone(path):
    assert [d.message for d in common_phrases(load_scenario(path), "en")] == []
