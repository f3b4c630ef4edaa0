"""Generate a large valid scenario for benchmarks: `generate(n_states, language)` -> YAML text.

The shape mimics a hand-written scenario scaled up: every non-ending state has several
transitions with moves, topics, conditions and effects; a few endings; global reactions,
top-level transitions, variants and a scripted test. Deterministic for a given size.

    python benchmarks/generate.py 1000 > /tmp/big.yaml
"""

from __future__ import annotations

import sys

_LINES = {
    "en": ("I don't know what you want from me.", "Fine. Go on.", "Hmm.", "Maybe."),
    "fi": ("En tiedä mitä te minusta haluatte.", "No. Jatka vaan.", "Hmm.", "Ehkä."),
}
_ENDINGS = ("good", "neutral", "poor")


def generate(n_states: int, language: str = "en") -> str:
    """A valid scenario with `n_states` states (the last three are endings)."""
    if n_states < 4:
        raise ValueError("need at least 4 states (one to start and three endings)")
    lines = _LINES[language]
    talking = n_states - len(_ENDINGS)
    ending_ids = [f"end_{outcome}" for outcome in _ENDINGS]
    out = [
        "kohtaamo: 1",
        f"id: {language}-generated-{n_states}",
        f'title: "Generated scenario, {n_states} states"',
        f"language: {language}",
        "authors: [benchmarks/generate.py]",
        "difficulty: hard",
        "minutes: 30",
        "briefing:",
        "  setting: A generated office.",
        "  background: Generated for benchmarks.",
        "  voluntary: false",
        "  goal: Reach a good ending.",
        "client:",
        "  name: Alex",
        "  persona: A generated client.",
        "  variables: {trust: 20, openness: 15, distress: 70}",
        "  thresholds: {opens_up: 45, calms_down: 40}",
        "  variants:",
        "    - id: tense",
        "      weight: 2",
        "      variables: {distress: 85}",
        "      thresholds: {opens_up: 55}",
        "      say:",
        f'        s0: ["{lines[0]}"]',
        "topics:",
        "  work: {words: [work, job, shift]}",
        "  money: {words: [money, rent, debt], sensitive: true}",
        "cues:",
        "  tired: {label: Tired, words: [tired, sleep]}",
        "choices:",
        "  keep_job: {label: Keeps the job, words: [job, keep]}",
        "start: s0",
        f'fallback: ["{lines[2]}", "{lines[3]}"]',
        "states:",
    ]
    for index in range(talking):
        ahead = [f"s{(index + step) % talking}" for step in (1, 2, 7)]
        if index % 25 == 24:
            ahead[0] = ending_ids[0]
        elif index % 40 == 39:
            ahead[1] = ending_ids[1]
        elif index % 50 == 49:
            ahead[2] = ending_ids[2]
        out += [
            f"  s{index}:",
            f'    say: ["{lines[index % 2]} ({index})", "{lines[(index + 1) % 2]} ({index})"]',
        ]
        # Only some states carry the optional parts, as in a hand-written script.
        if index % 4 == 0:
            out.append(f"    thought: Thinking {index}.")
        if index % 5 == 0:
            out.append("    cues: [tired]")
        if index % 3 == 0:
            out.append("    ready: [disclosure]")
        if index % 10 == 0:
            out += [
                "    suggestions:",
                '      - {text: "What brings you here?", moves: [open_question]}',
                '      - {text: "You should have come earlier.", moves: [confront]}',
            ]
        out += [
            "    on:",
            "      - moves: [open_question, complex_reflection]",
            f"        if: trust >= opens_up and (turn > {index % 9} or not distress > 70)",
            "        effects: {trust: +10, distress: -5}",
            f"        go: {ahead[0]}",
            "      - moves: [simple_reflection, summary]",
            "        topics: [work, tired]",
            "        effects: {openness: +5}",
            f"        go: {ahead[1]}",
            "      - moves: [advice, persuade]",
            "        if: trust < opens_up or distress >= 80",
            '        effects: {trust: -10, distress: "=80"}',
            f"        go: {ahead[2]}",
        ]
        if index % 7 == 0:
            out += [
                "      - moves: [emphasize_autonomy, ask_permission]",
                f"        if: trust > {index % 60} and distress <= 60",
                "        effects: {trust: +5}",
                "        choice: keep_job",
                f'        reply: ["{lines[1]}"]',
            ]
    for ending, outcome in zip(ending_ids, _ENDINGS, strict=True):
        out += [f"  {ending}:", f"    ending: {outcome}", f'    say: ["{lines[1]} ({outcome})"]']
    out += [
        "transitions:",
        "  - from: [s0, s1, s2]",
        "    moves: [dismiss]",
        "    effects: {trust: -10}",
        f'    reply: ["{lines[0]}"]',
        "reactions:",
        "  - moves: [confront]",
        "    effects: {trust: -15, distress: +10}",
        f'    reply: ["{lines[0]}"]',
        "    note: Blaming closes the conversation.",
        "tests:",
        "  - name: generated",
        "    seed: 1",
        "    turns:",
        "      - {say: hello, moves: [open_question], expect: s0}",
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(generate(size, sys.argv[2] if len(sys.argv) > 2 else "en"))
