"""K519 (check --strict): two client lines of one scenario that give different numbers or times
for the same thing, and the bundled clients' facts made to agree (stop 44: Denise's nights,
"four, five times" on one path and "two or three" on another, hen68 t14, hen60 t9; Farida's
husband asleep at home and "comes home from the bakery at nine", hen66 t8; Mikko's phone time
at three and at two)."""

import sys
from pathlib import Path

import pytest

from simulator.authoring.facts import differing_facts, facts_of
from simulator.scenario.loader import load_scenario, load_scenario_text

sys.path.insert(0, str(Path(__file__).parent))
from test_round_misfits import reply_at  # noqa: E402

SCENARIOS = sorted(Path("scenarios").glob("*.yaml"))
DENISE = Path("scenarios/en-humiliated-before.yaml")
MIKKO = Path("scenarios/fi-tyonohjaus-raskas-viikko.yaml")


def _with(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return load_scenario_text(text.replace(old, new), str(path))


def test_a_second_count_of_the_nights_is_flagged_with_both_counts():
    scenario = _with(
        DENISE, "night, he's up four, five times.", "night, he's up two or three times."
    )
    found = differing_facts(scenario, "en")
    assert [d.code for d in found] == ["K519"]
    assert '"two or three times"' in found[0].message and '"four, five times"' in found[0].message


def test_a_second_time_for_the_same_phone_call_is_flagged_in_finnish():
    scenario = _with(MIKKO, "puhelinaika vasta kolmelta", "puhelinaika vasta kahdelta")
    found = differing_facts(scenario, "fi")
    assert [d.code for d in found] == ["K519"]
    assert '"kahdelta"' in found[0].message and "kolmelta" in found[0].message


def test_numbers_without_a_setting_an_open_count_and_a_range_holding_the_other_agree():
    assert facts_of("He was a builder. Forty years.", "en") == []
    assert facts_of("Like I said. Every night, more than once.", "en") == []
    four_five = facts_of("He's up four, five times a night.", "en")
    five = facts_of("Up five times a night, most nights.", "en")
    assert four_five[0].key == five[0].key and five[0].values <= four_five[0].values


def test_weekdays_beside_the_same_name_are_one_fact():
    sundays = facts_of("Mia's my girl. I see Mia Sundays.", "en")
    saturdays = facts_of("Saturdays I have Mia.", "en")
    assert {f.key for f in sundays} & {f.key for f in saturdays} == {("weekday", "Mia")}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_bundled_client_gives_two_counts_or_times_for_one_thing(path):
    assert [d.message for d in differing_facts(load_scenario(path), "en")] == []


def test_denise_counts_the_nights_the_same_on_every_path():
    # "...You've kept him safe and looked after for three weeks on almost no sleep" (hen68 t14)
    assert "four, five times" in reply_at("en-humiliated-before-skilled-hen68-1", 14)


def test_farida_s_husband_is_home_asleep_in_the_morning_not_home_at_nine():
    # "At five. That is very early. You and your husband work very hard..." (hen66 t8)
    text = reply_at("en-school-concern-plain-language-skilled-hen66-1", 8)
    assert "my husband sleeps" in text and "nine" not in text
