"""K519 (check --strict): two client lines of one scenario that give different numbers or days
for the same thing. Which line a meeting reaches depends on the student's path, so a client
whose lines disagree contradicts itself on some path ("four, five times a night" in one reply,
"two or three times" in another; stops 42-43).

A fact here is a number beside a unit ("four, five times a night", "kolme kertaa yössä", "ten
years ago") or a weekday beside a name ("I see Mia Sundays"). Two facts are the same thing when
their unit and their setting agree: the period or reference word of the sentence (night, week,
ago, old; yö, viikko, sitten, vanha) or the name beside the weekday. A number without such a
setting ("Forty years.", "Thirty years.") may count anything and is not compared. Numbers
disagree when neither set holds the other: "four or five" and "five" agree, "four or five" and
"three or four" do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.model import Scenario

NUMBERS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "hundred": 100,
    },
    "fi": {
        "yksi": 1, "yks": 1, "kaksi": 2, "kaks": 2, "kolme": 3, "neljä": 4, "viisi": 5,
        "viis": 5, "kuusi": 6, "kuus": 6, "seitsemän": 7, "seittemän": 7, "kahdeksan": 8,
        "kaheksan": 8, "yhdeksän": 9, "yheksän": 9, "kymmenen": 10, "kakskyt": 20,
        "kaksikymmentä": 20, "kolkyt": 30, "kolmekymmentä": 30, "nelkyt": 40,
        "neljäkymmentä": 40, "viiskyt": 50, "viisikymmentä": 50, "kuuskyt": 60,
        "kuusikymmentä": 60, "sata": 100,
    },
}  # fmt: skip
#: words that are a number of times by themselves ("twice", "kolmesti")
TIMES: dict[str, dict[str, int]] = {
    "en": {"once": 1, "twice": 2},
    "fi": {"kerran": 1, "kahdesti": 2, "kolmesti": 3, "neljästi": 4, "viidesti": 5},
}
#: the unit every "times" word counts in, per language
TIMES_UNIT = {"en": "time", "fi": "kerta"}
#: words joining two numbers of one range ("four or five", "kaks tai kolme", "four, five")
RANGE = {"or", "to", "and", "tai", "ja", "-", "–", ","}
#: words after a number that are no unit ("three in the morning", "one every day")
NO_UNIT = {"the", "every", "each", "more", "less", "then", "kun", "niin", "mut", "mutta"}
#: words before a number that leave it open ("more than once", "yli kaks kertaa")
OPEN = {"than", "over", "least", "yli", "ainakin", "vähintään"}
#: setting words (by their opening letters): what a number of the sentence is counted against
SETTINGS: dict[str, tuple[str, ...]] = {
    "en": ("night", "week", "month", "morning", "evening", "ago", "old", "a day", "every day"),
    "fi": ("yö", "öisin", "viiko", "kuukau", "aamu", "ilta", "sitten", "vanha", "vuotia",
           "päiväs", "päivittäin"),
}  # fmt: skip
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "fi": ("maanant", "tiista", "keskiviik", "torsta", "perjanta", "lauanta", "sunnunta"),
}

#: a time of day by itself: Finnish "kolmelta" (at three); English "at three", "three o'clock"
CLOCK: dict[str, dict[str, int]] = {
    "fi": {
        "yhdeltä": 1, "kahdelta": 2, "kolmelta": 3, "neljältä": 4, "viideltä": 5, "kuudelta": 6,
        "seitsemältä": 7, "seittemältä": 7, "kahdeksalta": 8, "kaheksalta": 8, "yhdeksältä": 9,
        "yheksältä": 9, "kymmeneltä": 10,
    },
    "en": {},
}  # fmt: skip
#: words before an English number that make it a time of day
CLOCK_BEFORE = {"at", "after", "till", "until", "before", "from", "kello", "klo"}
#: words too common to say what a time of day is the time of
PLAIN = {
    "about", "after", "again", "always", "before", "could", "every", "maybe", "never", "really",
    "right", "there", "these", "thing", "think", "those", "would", "yeah", "good", "okay",
    "mulla", "mutta", "sitten", "vasta", "kiitti", "kiitos", "aina", "niinku", "sanoin", "ennen",
    "jälkeen", "vaikka", "vielä", "ihan",
}  # fmt: skip
_WORD = re.compile(r"\w+(?:['’]\w+)?|[,\-–]", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class Fact:
    """One fact a line states: `key` names what is counted, `values` what the line says."""

    key: tuple[str, str]
    values: frozenset[str]
    words: str  # the words of the line that state it, for the message


def _unit(word: str, language: str) -> str:
    """A unit word without its plural or case ending ("nights" -> "night", "vuotta" -> "vuot")."""
    word = word.lower()
    if language == "en":
        if word in ("time", "times"):
            return TIMES_UNIT["en"]
        return word[:-1] if word.endswith("s") and len(word) > 3 else word
    return TIMES_UNIT["fi"] if word.startswith("kert") else word[:4]


def _setting(sentence: str, language: str) -> str:
    low = sentence.lower()
    words = low.split()
    for setting in SETTINGS[language]:
        if " " in setting:
            if setting in low:
                return setting.split()[-1]
        elif any(w.startswith(setting) for w in words):
            return setting
    return ""


def _number(word: str, language: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBERS[language].get(word)


def facts_of(line: str, language: str) -> list[Fact]:
    """The facts one line states (the module's docstring says which)."""
    language = language if language in NUMBERS else "en"
    found = []
    for sentence in _SENTENCE.split(line):
        setting = _setting(sentence, language)
        words = _WORD.findall(sentence)
        if setting:
            found += _counts(words, setting, language)
        found += _times_of_day(words, language)
        found += _weekdays(sentence, words, language)
    return found


def _counts(words: list[str], setting: str, language: str) -> list[Fact]:
    found = []
    i = 0
    while i < len(words):
        if i > 0 and words[i - 1].lower() in OPEN:
            i += 1  # "more than once" counts no number
            continue
        times = TIMES[language].get(words[i].lower())
        if times is not None:
            key = (TIMES_UNIT[language], setting)
            found.append(Fact(key, frozenset({str(times)}), words[i]))
            i += 1
            continue
        value = _number(words[i], language)
        if value is None:
            i += 1
            continue
        values, j = {str(value)}, i + 1
        while j + 1 < len(words) and words[j].lower() in RANGE:
            more = _number(words[j + 1], language)
            if more is None:
                break
            values.add(str(more))
            j += 2
        if (
            j < len(words)
            and words[j].isalpha()
            and len(words[j]) > 2
            and words[j].lower() not in NO_UNIT
        ):
            unit = _unit(words[j], language)
            if not setting.startswith(unit) and not unit.startswith(setting):
                found.append(Fact((unit, setting), frozenset(values), _joined(words[i : j + 1])))
        i = j
    return found


def _times_of_day(words: list[str], language: str) -> list[Fact]:
    """A time of day, keyed by each longer word of its sentence: "puhelinaika kolmelta" and
    "puhelinaika vasta kahdelta" name the same thing at two times; "herään neljältä" another."""
    hours = []
    for k, word in enumerate(words):
        low = word.lower()
        if low in CLOCK.get(language, {}):
            hours.append((CLOCK[language][low], k, k))
            continue
        value = _number(low, language)
        if value is None or value > 12:
            continue
        after = words[k + 1].lower() if k + 1 < len(words) else ""
        before = words[k - 1].lower() if k > 0 else ""
        if after in ("o'clock", "o’clock") or (before in CLOCK_BEFORE and not after.isalpha()):
            hours.append((value, k - (after == "" or before in CLOCK_BEFORE), k))
    found = []
    for value, start, end in hours:
        said = _joined(words[max(start, 0) : end + 2 if end + 1 < len(words) else end + 1])
        for k, word in enumerate(words):
            low = word.lower()
            if start <= k <= end + 1 or len(low) < 5 or low in PLAIN or not low.isalpha():
                continue
            if _number(low, language) is not None or low in CLOCK.get(language, {}):
                continue
            found.append(Fact(("clock", low[:6]), frozenset({str(value)}), said))
    return found


def _joined(words: list[str]) -> str:
    return " ".join(words).replace(" ,", ",")


def _weekday(word: str, language: str) -> bool:
    return any(word.lower().startswith(day) for day in WEEKDAYS[language])


def _weekdays(sentence: str, words: list[str], language: str) -> list[Fact]:
    days = {day for w in words for day in WEEKDAYS[language] if w.lower().startswith(day)}
    if not days:
        return []
    names = {
        w for w in words[1:]
        if w[:1].isupper() and w.split("'")[0] != "I" and not _weekday(w, language)
    }  # fmt: skip
    shown = ", ".join(sorted(days))
    return [Fact(("weekday", name), frozenset(days), f"{name} … {shown}") for name in names]


def differing_facts(scenario: Scenario, lang: str | None = None) -> list[Diagnostic]:
    """K519: per thing counted, the first line that disagrees with an earlier one."""
    from simulator.authoring.lint import dialogue_lists
    from simulator.authoring.playable import _warn

    first: dict[tuple[str, str], list[Fact]] = {}
    found = []
    for _, lines, where in dialogue_lists(scenario, every=True):
        for fact in (f for line in lines for f in facts_of(line, scenario.language)):
            seen = first.setdefault(fact.key, [])
            clash = next(
                (
                    f for f in seen
                    if not f.values <= fact.values and not fact.values <= f.values
                ),
                None,
            )  # fmt: skip
            if clash is not None:
                found.append(
                    _warn("K519", where, "differing_fact", lang, said=fact.words, other=clash.words)
                )
            elif all(f.values != fact.values for f in seen):
                seen.append(fact)
    return found
