"""A scenario at every limit at once (simulator/scenario/limits.py): how long a turn takes.

    python benchmarks/limits.py [--samples 15]

Issue 18 found one turn taking 79 s on a scenario with 60,000 topic words. The limits refuse
such files; this builds the heaviest scenario they still allow and times what a trainee
waits for:

- 100 topics, cues and choices, 30 phrases each, every phrase of 4 words and 40 characters
  (the word-list limits), the client's lines of 2,000 characters (the text limit, so the
  recognizer reads the longest client line it can), and the opening state filled up to the
  1 MiB file limit with transitions whose 2,000-character conditions all fail, so every one
  of them is evaluated on every turn;
- turns of 2,000 characters (as much as the recognizer reads): unrelated words, and the
  lists' own words (every topic mentioned);
- the same turns on the small bundled-style scenario tests/fixtures/valid/minimal.yaml, to
  tell the scenario's share from the recognizer's own work on a long turn;
- the topic reading alone, indexed (as shipped) and phrase by phrase (as before the fix).

Also checks that one more of each limit is refused with K211. CPU seconds (process time), so
a busy machine does not inflate the figures. Target: a turn well under 1 s at every limit.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.language import get_recognizer  # noqa: E402
from simulator.language.topics import TopicIndex  # noqa: E402
from simulator.scenario.diagnostics import ScenarioError  # noqa: E402
from simulator.scenario.limits import (  # noqa: E402
    MAX_BYTES,
    MAX_LIST_ENTRIES,
    MAX_PHRASE_CHARS,
    MAX_PHRASE_WORDS,
    MAX_TEXT_CHARS,
    MAX_WORD_LISTS,
)
from simulator.scenario.loader import load_scenario_text  # noqa: E402
from simulator.session import Session  # noqa: E402

MINIMAL = ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"
TARGET_SECONDS = 1.0
LETTERS = "abcdefghijklmnoprstuvy"


def _word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(length))


def _phrase(rng: random.Random) -> str:
    """Four words, 40 characters: the longest phrase the limits allow."""
    size = (MAX_PHRASE_CHARS - (MAX_PHRASE_WORDS - 1)) // MAX_PHRASE_WORDS
    words = [_word(rng, size) for _ in range(MAX_PHRASE_WORDS)]
    words[-1] += _word(rng, MAX_PHRASE_CHARS - len(" ".join(words)))
    return " ".join(words)


def _line(rng: random.Random, chars: int) -> str:
    words: list[str] = []
    while len(" ".join(words)) < chars - 12:
        words.append(_word(rng, rng.randint(3, 10)))
    return " ".join(words)[:chars].rstrip() + "."


def _lists(rng: random.Random, lists: int, entries: int) -> dict[str, list[str]]:
    """Word lists named as minimal.yaml's (rent, night_shifts, keep_flat) plus more topics."""
    names = ["rent", "night_shifts", "keep_flat"] + [f"topic_{i}" for i in range(lists - 3)]
    return {name: [_phrase(rng) for _ in range(entries)] for name in names}


def scenario_at_limits(
    rng: random.Random, lists: int = MAX_WORD_LISTS, entries: int = MAX_LIST_ENTRIES
) -> tuple[str, dict[str, list[str]]]:
    """minimal.yaml grown to every limit at once, and its word lists."""
    words = _lists(rng, lists, entries)

    def flow(items: list[str]) -> str:
        return "[" + ", ".join(f'"{w}"' for w in items) + "]"

    topics = "".join(
        f"  {n}:\n    words: {flow(w)}\n"
        for n, w in words.items()
        if n not in ("night_shifts", "keep_flat")
    )
    sections = (
        f"topics:\n{topics}\n"
        f"cues:\n  night_shifts:\n    label: Works nights\n"
        f"    words: {flow(words['night_shifts'])}\n\n"
        f"choices:\n  keep_flat:\n    label: Wants to keep the flat\n"
        f"    words: {flow(words['keep_flat'])}\n\n"
    )
    text = MINIMAL.read_text(encoding="utf-8")
    head, rest = text.split("topics:\n", 1)
    _, tail = rest.split("start: opening\n", 1)
    long_lines = flow([_line(rng, MAX_TEXT_CHARS) for _ in range(3)])
    tail = tail.replace(
        'reply: ["Yeah. Nights are hard.", "Nights, yeah.", "I sleep in the day, mostly."]',
        f"reply: {long_lines}",
    ).replace('    say:\n      - "I got a letter. So here I am."\n', "    say:\n")
    tail = tail.replace(
        '      - "Right. What is this about?"\n',
        f"      - {flow([_line(rng, MAX_TEXT_CHARS)])[1:-1]}\n",
    )
    scenario = head + sections + "start: opening\n" + tail
    # Fill the opening state up to the file limit with transitions for the commonest moves,
    # each with a 2,000-character condition that never holds: all are evaluated every turn.
    condition = " or ".join(f"{v} > {200 + i}" for i, v in enumerate(["trust", "distress"] * 200))
    while len(condition) > MAX_TEXT_CHARS:
        condition = condition.rsplit(" or ", 1)[0]
    extra = (
        "      - moves: [open_question, closed_question, simple_reflection, advice, confront]\n"
        f'        if: "{condition}"\n        effects: {{trust: +1}}\n'
    )
    anchor = (
        "    on:\n      - moves: [open_question, complex_reflection]\n        if: trust >= 10\n"
    )
    room = MAX_BYTES - len(scenario.encode()) - 8192  # room for the over-the-limit cases
    scenario = scenario.replace(anchor, "    on:\n" + extra * (room // len(extra)) + anchor[8:], 1)
    return scenario, words


def _cpu(action) -> float:
    began = time.process_time()
    action()
    return time.process_time() - began


def time_turns(scenario, turn: str, samples: int) -> list[float]:
    """CPU seconds of the first `say` of fresh sessions (each sample a new meeting)."""
    times = []
    for seed in range(samples):
        session = Session(scenario, seed=seed)
        times.append(_cpu(lambda s=session: s.say(turn)))
        session.close()
    return times


def naive_topics(recognizer, text: str, lists: dict[str, list[str]]) -> tuple[str, ...]:
    """The topic reading before issue 18's fix: every phrase word against every turn word."""
    words = recognizer._words(text)
    stems = [(recognizer._stem(w), w) for w in words]
    found = []
    for topic_id, phrases in lists.items():
        for phrase in phrases:
            parts = recognizer._words(phrase)
            if parts and all(
                any(recognizer._related(recognizer._stem(p), s, p, w) for s, w in stems)
                for p in parts
            ):
                found.append(topic_id)
                break
    return tuple(found)


def refused_over_limits(rng: random.Random) -> dict[str, str]:
    """One more than each limit: the loader's first message for it (K211 expected)."""
    text, _ = scenario_at_limits(rng, lists=MAX_WORD_LISTS, entries=MAX_LIST_ENTRIES)
    long_word = "a" * (MAX_PHRASE_CHARS + 1)
    cases = {
        "one list too many": text.replace(
            "topics:\n", 'topics:\n  one_more:\n    words: ["x"]\n', 1
        ),
        "one phrase too many": text.replace('    words: ["', '    words: ["extra", "', 1),
        "a phrase too long": text.replace('    words: ["', '    words: ["' + long_word + '", "', 1),
        "a line too long": text.replace(
            "  opening:\n    say:\n",
            '  opening:\n    say:\n      - "' + "a " * MAX_TEXT_CHARS + '"\n',
            1,
        ),
    }
    out = {}
    for name, case in cases.items():
        try:
            load_scenario_text(case, "limits.yaml")
            out[name] = "LOADED (limit not enforced)"
        except ScenarioError as error:
            out[name] = next(
                (d.format() for d in error.diagnostics if d.code == "K211"),
                error.diagnostics[0].format(),
            ).splitlines()[0]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(18)

    text, lists = scenario_at_limits(rng)
    load_seconds = _cpu(lambda: load_scenario_text(text, "limits.yaml"))
    scenario = load_scenario_text(text, "limits.yaml")
    small = load_scenario_text(MINIMAL.read_text(encoding="utf-8"), str(MINIMAL))
    recognizer = get_recognizer("en")
    time_turns(small, "What brings you here today?", 1)  # the recognizer's own first load

    # The first turn of a meeting on a scenario not yet played in this process also reads
    # its word lists into the index (once; later meetings and turns reuse it).
    first_turn = time_turns(scenario, "What brings you here today?", 1)[0]
    index_seconds = _cpu(lambda: TopicIndex(lists, recognizer._words, recognizer._stem, False))

    unrelated = _line(rng, 1990)
    # The first phrase of every list: (nearly) every topic, cue and choice is mentioned.
    own_words = " ".join(ps[0] for ps in lists.values())[:1990].rsplit(" ", 1)[0] + "."
    turns = {"2,000 chars of other words": unrelated, "2,000 chars of the lists' words": own_words}
    report: dict[str, object] = {
        "scenario": {
            "bytes": len(text.encode()),
            "word lists": len(lists),
            "phrases": sum(map(len, lists.values())),
            "transitions in the opening state": len(scenario.transitions_from("opening")),
            "load CPU s": round(load_seconds, 3),
            "reading its word lists into the index, CPU s": round(index_seconds, 4),
            "first turn (reads the lists), CPU s": round(first_turn, 4),
        },
        "turn CPU s (median / max)": {},
        "topic reading alone, CPU s": {},
        "over the limits": refused_over_limits(random.Random(19)),
    }
    worst = first_turn
    for name, turn in turns.items():
        at_limits = time_turns(scenario, turn, args.samples)
        baseline = time_turns(small, turn, args.samples)
        worst = max(worst, *at_limits)
        report["turn CPU s (median / max)"][name] = {
            "at every limit": [round(statistics.median(at_limits), 4), round(max(at_limits), 4)],
            "minimal.yaml": [round(statistics.median(baseline), 4), round(max(baseline), 4)],
        }
        indexed = _cpu(lambda t=turn: recognizer._topics(t, scenario.word_lists()))
        naive = _cpu(lambda t=turn: naive_topics(recognizer, t, scenario.word_lists()))
        assert recognizer._topics(turn, scenario.word_lists()) == naive_topics(
            recognizer, turn, scenario.word_lists()
        ), "the index must read the same topics as the pairwise reading"
        report["topic reading alone, CPU s"][name] = {
            "indexed": round(indexed, 4),
            "phrase by phrase (before)": round(naive, 3),
            "topics found": len(recognizer._topics(turn, scenario.word_lists())),
        }
    report["worst turn CPU s"] = round(worst, 4)
    report["target s"] = TARGET_SECONDS
    print(json.dumps(report, indent=2, ensure_ascii=False))
    refused = all(
        v.startswith("limits.yaml") and "K211" in v for v in report["over the limits"].values()
    )
    return 0 if worst < TARGET_SECONDS and refused else 1


if __name__ == "__main__":
    sys.exit(main())
