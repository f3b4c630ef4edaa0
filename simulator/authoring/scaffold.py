"""`kohtaamo new`: a commented starter scenario that plays, has tests and passes `check`.

The skeleton is the same in both languages; comments and dialogue come from the authoring
strings (`simulator/i18n/authoring.yaml`, keys `new_*`) so each language reads natively.

Shape: stages `stage_1` … `stage_N` that open up as trust grows (listening moves raise it,
each stage needs a little more), a last stage where the client states a choice of their own,
and three endings: good (the worker honours the choice), neutral (the worker gives advice and
the client complies on the surface), poor (blamed once too often). The embedded tests are
computed from the same numbers, so they pass as written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from simulator.i18n import LANGUAGES, t

#: the schema file a scaffold refers to, beside the scenario (see `kohtaamo schema`)
SCHEMA_NAME = "kohtaamo.schema.json"
MIN_STAGES, MAX_STAGES = 2, 6
LISTENING = ("open_question", "simple_reflection", "complex_reflection", "summary")
HONOURING = ("emphasize_autonomy", "offer_options", "seek_collaboration")
#: trust gained by a listening turn that keeps the stage, and by one that moves on
STAY_GAIN, MOVE_GAIN = 10, 5
STAGE_STEP = 10  # each stage needs this much more trust than the one before
CONFRONT_LOSS = 15
#: moves the client answers in every stage through `defaults:` (the honouring moves are used
#: in the last stage, so a student who uses them earlier must not meet a fallback line)
DEFAULTS = (
    ("emphasize_autonomy", "default_autonomy"),
    ("offer_options", "default_options"),
    ("seek_collaboration", "default_together"),
    ("structuring", "default_structure"),
    # asked in any stage by any student: leave to ask or tell, and yes/no questions
    # (check --strict, K516), with lines that presume nothing about what was asked
    ("ask_permission", "default_permission"),
    ("closed_question", "default_closed"),
    # a content question the client has no answer for, by its kind, and yes or no to an
    # offer (check --strict, K517): short holding answers that tell nothing else
    ("question_when", "default_when"),
    ("question_how_much", "default_how_much"),
    ("question_why", "default_why"),
    ("question_remember", "default_remember"),
    ("question_yes_no", "default_yes_no"),
    ("question_either_or", "default_either_or"),
    ("offer_yes", "default_offer_yes"),
    ("offer_no", "default_offer_no"),
)
#: a goodbye with a plan ("so we meet on Thursday") closes the meeting as well
CLOSING = ("structuring", "summary")


@dataclass(frozen=True)
class Plan:
    lang: str
    title: str
    voluntary: bool
    stages: int

    @property
    def start_trust(self) -> int:
        return 35 if self.voluntary else 15

    @property
    def start_distress(self) -> int:
        return 50 if self.voluntary else 70

    def needed(self, stage: int) -> int:
        """Trust needed to leave `stage` (1-based); the last stage's is `opens_up`."""
        return self.start_trust + STAGE_STEP * stage

    @property
    def opens_up(self) -> int:
        return self.needed(self.stages)


def slug(title: str, lang: str) -> str:
    """A scenario id from the title: `fi-ensitapaaminen`, ascii letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:48].strip("-")
    return f"{lang}-{words or 'scenario'}"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML and escape everything)."""
    return json.dumps(text, ensure_ascii=False)


def _listening_turns(plan: Plan) -> list[tuple[str, str, str]]:
    """(moves, expected state, words) turns of the good-ending test, from the plan's numbers."""
    turns: list[tuple[str, str, str]] = []
    trust = plan.start_trust
    for stage in range(1, plan.stages + 1):
        here = f"stage_{stage}"
        while trust < plan.needed(stage):
            turns.append(("open_question", here, t("authoring.new_test_open", plan.lang)))
            trust = min(100, trust + STAY_GAIN)
        if stage < plan.stages:
            nxt = f"stage_{stage + 1}"
            turns.append(("complex_reflection", nxt, t("authoring.new_test_reflect", plan.lang)))
            trust = min(100, trust + MOVE_GAIN)
    turns.append(("emphasize_autonomy", "good_end", t("authoring.new_test_autonomy", plan.lang)))
    return turns


def _confront_turns(plan: Plan) -> int:
    """How many blaming turns end the meeting (the poor ending fires below 15 trust)."""
    trust, count = plan.start_trust, 1
    while trust >= CONFRONT_LOSS:
        trust = max(0, trust - CONFRONT_LOSS)
        count += 1
    return count


def scaffold(lang: str, title: str, voluntary: bool, stages: int) -> str:
    """The YAML text of a new scenario."""
    if lang not in LANGUAGES:
        raise ValueError(lang)
    stages = max(MIN_STAGES, min(MAX_STAGES, stages))
    plan = Plan(lang, title.strip() or t("authoring.new_default_title", lang), voluntary, stages)

    def s(key: str) -> str:
        return _text(lang, key)

    kind = "voluntary" if voluntary else "mandated"
    out = [
        f"# {s('c_head')}",
        # Editors with the YAML language server complete and validate against the shipped schema.
        # A reference relative to the scenario, never a path on the author's machine:
        # `kohtaamo new` writes the schema beside the file (docs/authoring.*.md, "Editor
        # support"), and `kohtaamo schema -o DIR/kohtaamo.schema.json` puts one anywhere.
        f"# yaml-language-server: $schema={SCHEMA_NAME}",
        f"# {s('c_check')}",
        "kohtaamo: 1",
        f"id: {slug(plan.title, lang)}",
        f"title: {_q(plan.title)}",
        f"language: {lang}",
        f"authors: [{_q(s('author'))}]",
        f"reviewed_by: []          # {s('c_reviewed_by')}",
        "difficulty: easy",
        f"minutes: {5 + 3 * stages}",
        f"content_notes: []        # {s('c_content_notes')}",
        "tags: []",
        "",
        "briefing:",
        f"  setting: {_q(s('setting'))}",
        f"  background: {_q(s(f'background_{kind}'))}",
        f"  voluntary: {'true' if voluntary else 'false'}        # {s('c_voluntary')}",
        f"  goal: {_q(s('goal'))}",
        "",
        "client:",
        f"  name: {_q(s('name'))}",
        f"  persona: {_q(s('persona'))}",
        f"  variables:              # {s('c_variables')}",
        f"    trust: {plan.start_trust}",
        f"    distress: {plan.start_distress}",
        f"  thresholds:             # {s('c_thresholds')}",
        f"    opens_up: {plan.opens_up}",
        "",
        f"cues:                     # {s('c_cues')}",
        "  tiredness:",
        f"    label: {_q(s('cue_label'))}",
        f"    words: {s('cue_words')}",
        "",
        f"choices:                  # {s('c_choices')}",
        "  own_way:",
        f"    label: {_q(s('choice_label'))}",
        f"    words: {s('choice_words')}",
        "",
        "start: stage_1",
        f"fallback: [{_q(s('fallback_1'))}, {_q(s('fallback_2'))}]   # {s('c_fallback')}",
        "",
        "states:",
    ]
    for stage in range(1, stages + 1):
        out += _stage(plan, stage)
    out += [
        f"  # {s('c_endings')}",
        "  good_end:",
        "    ending: good",
        f"    say: [{_q(s('say_good'))}]",
        f"    thought: {_q(s('thought_good'))}",
        "  neutral_end:",
        "    ending: neutral",
        f"    say: [{_q(s('say_neutral'))}]",
        f"    thought: {_q(s('thought_neutral'))}",
        "  poor_end:",
        "    ending: poor",
        f"    say: [{_q(s('say_poor'))}]",
        f"    thought: {_q(s('thought_poor'))}",
        "",
        f"# {s('c_reactions')}",
        "reactions:",
        "  - moves: [confront]",
        f"    if: trust < {CONFRONT_LOSS}",
        "    go: poor_end",
        f"    note: {_q(s('note_confront_end'))}",
        "  - moves: [confront]",
        f"    effects: {{trust: -{CONFRONT_LOSS}, distress: +10}}",
        f"    reply: [{_lines(lang, 'reply_confront', 3)}]",
        f"    note: {_q(s('note_confront'))}",
        f"    better: {_q(s('better_confront'))}",
        "  - moves: [dismiss]",
        "    effects: {trust: -5}",
        f"    reply: [{_lines(lang, 'reply_dismiss', 3)}]",
        f"    note: {_q(s('note_dismiss'))}",
        "",
        f"# {s('c_unrecognised')}",
        "when_unrecognised:",
        f"  reply: [{_lines(lang, 'unrecognised', 3)}]",
        "",
        f"# {s('c_exhausted')}",
        f"exhausted: [{_lines(lang, 'exhausted', 2)}]",
        "",
        f"# {s('c_leave')}",
        "when_worker_leaves:",
        f"  reply: [{_lines(lang, 'leave_early', 2)}]",
        "  go: neutral_end",
        "",
        f"# {s('c_defaults')}",
        "defaults:",
        *(
            line
            for move, key in DEFAULTS
            for line in (f"  {move}:", f"    reply: [{_lines(lang, key, 3)}]")
        ),
        "",
        f"# {s('c_tests')}",
        "tests:",
        f"  - name: {_q(s('test_good'))}",
        "    turns:",
    ]
    for moves, expect, words in _listening_turns(plan):
        out.append(f"      - say: {_q(words)}")
        out.append(f"        moves: [{moves}]")
        if expect == "good_end":
            out.append("        expect_ending: good")
        else:
            out.append(f"        expect: {expect}")
    out += [f"  - name: {_q(s('test_poor'))}", "    turns:"]
    blames = _confront_turns(plan)
    for number in range(1, blames + 1):
        out.append(f"      - say: {_q(s('test_confront'))}")
        out.append("        moves: [confront]")
        out.append("        expect_ending: poor" if number == blames else "        expect: stage_1")
    # The same listening path, then advice in the last stage: the neutral ending (so every
    # state and ending is visited by a test, as `check --strict` asks).
    out += [f"  - name: {_q(s('test_neutral'))}", "    turns:"]
    for moves, expect, words in _listening_turns(plan)[:-1]:
        out += [f"      - say: {_q(words)}", f"        moves: [{moves}]"]
        out.append(f"        expect: {expect}")
    out += [
        f"      - say: {_q(s('suggest_advice'))}",
        "        moves: [advice]",
        "        expect_ending: neutral",
    ]
    return "\n".join(out) + "\n"


def _text(lang: str, key: str) -> str:
    return t(f"authoring.new_{key}", lang)


def _lines(lang: str, key: str, count: int) -> str:
    """`"a", "b", "c"`: the lines `key` (or `key_1`), `key_2`, ... as a flow list's items."""
    from simulator.i18n import area_strings

    known = area_strings("authoring")
    first = f"new_{key}" if f"new_{key}" in known else f"new_{key}_1"
    keys = [first.removeprefix("new_")] + [f"{key}_{n}" for n in range(2, count + 1)]
    return ", ".join(_q(_text(lang, k)) for k in keys)


def _stage(plan: Plan, stage: int) -> list[str]:
    def say(key: str) -> str:
        return _text(plan.lang, key)

    last = stage == plan.stages
    if last:
        line_key = "say_last"
    elif stage == 1:
        line_key = "say_first_" + ("voluntary" if plan.voluntary else "mandated")
    else:
        line_key = f"say_stage_{stage}"
    out = []
    if stage == 1:
        out.append(f"  # {say('c_stage_1')}")
    if last:
        out.append(f"  # {say('c_last_stage')}")
    out += [
        f"  stage_{stage}:",
        f"    say: [{_q(say(line_key))}]",
        f"    thought: {_q(say('thought_last' if last else f'thought_stage_{stage}'))}",
    ]
    if stage == 1:
        out.append("    cues: [tiredness]")
    # Every stage offers ready replies: in suggested-responses mode a state without them
    # would leave the student an empty menu (`check --strict` warns, K511).
    good = ("suggest_open", "open_question") if stage == 1 else ("test_open", "open_question")
    if last:
        good = ("test_autonomy", "emphasize_autonomy")
    out += [
        "    suggestions:            # " + say("c_suggestions"),
        f"      - text: {_q(say(good[0]))}",
        f"        moves: [{good[1]}]",
        f"      - text: {_q(say('test_reflect'))}",
        "        moves: [complex_reflection]",
        f"      - text: {_q(say('suggest_advice'))}",
        "        moves: [advice]",
        f"      - text: {_q(say('test_confront'))}",
        "        moves: [confront]",
    ]
    if last:
        out += ["    ready: [planning]", "    choice: own_way"]
        # The plan is made here: a goodbye ends the meeting well (K515 asks for it).
        out += [
            "    when_worker_leaves:",
            f"      reply: [{_q(say('leave_good'))}]",
            "      go: good_end",
        ]
    out.append("    on:")
    if stage == 1:
        out += [
            f"      # {say('c_cue_pickup')}",
            "      - moves: [simple_reflection, complex_reflection]",
            "        topics: [tiredness]",
            "        effects: {trust: +15, distress: -10}",
            f"        reply: [{_lines(plan.lang, 'reply_cue', 3)}]",
            f"        note: {_q(say('note_cue'))}",
        ]
    if last:
        out += [
            f"      # {say('c_honour')}",
            f"      - moves: [{', '.join((*HONOURING, *CLOSING))}]",
            "        if: trust >= opens_up",
            "        go: good_end",
            f"        note: {_q(say('note_honour'))}",
            "      - moves: [advice, persuade]",
            "        go: neutral_end",
            f"        note: {_q(say('note_advice'))}",
            f"        better: {_q(say('better_advice'))}",
        ]
    else:
        out += [
            f"      # {say('c_move_on')}",
            f"      - moves: [{', '.join(LISTENING)}]",
            f"        if: trust >= {plan.needed(stage)}",
            f"        effects: {{trust: +{MOVE_GAIN}}}",
            f"        go: stage_{stage + 1}",
        ]
    out += [
        f"      # {say('c_stay')}",
        f"      - moves: [{', '.join(LISTENING)}]",
        f"        effects: {{trust: +{STAY_GAIN}, distress: -5}}",
        f"        reply: [{_lines(plan.lang, 'reply_stay', 3)}]",
    ]
    return out
