"""JSON Schema (draft 2020-12) of scenario format v1, for editors' YAML language servers.

The schema is built here from `simulator.moves` so the enums never drift from the engine, and
shipped as `schema.json` beside this module (a test checks the two agree). It describes the
shape only; `kohtaamo check` goes further (references, reachability, conditions).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simulator.i18n import LANGUAGES
from simulator.moves import MOVES, OUTCOMES, READINESS
from simulator.scenario import include as parts
from simulator.scenario import loader
from simulator.scenario.conditions import RESERVED_NAMES, RESERVED_PREFIXES
from simulator.scenario.model import DIFFICULTIES, HOLDING_KEYS

#: keys only a whole scenario has, in the order the schema lists them (the set is
#: include.SCENARIO_ONLY; the build checks that the two agree)
SCENARIO_ONLY = ("kohtaamo", "id", "title", "translation_of")

SCHEMA_ID = "https://kohtaamo.invalid/schema/scenario-v1.json"
SCHEMA_PATH = Path(__file__).with_name("schema.json")

#: ids of states, variants, topics, cues, choices, variables (docs/format.md, "Names")
NAME_PATTERN = "^[a-z][a-z0-9_]*$"
#: names the engine keeps for itself (simulator.scenario.conditions.RESERVED_NAMES)
RESERVED_PATTERN = f"^({'|'.join(sorted(RESERVED_NAMES))})$|^({'|'.join(RESERVED_PREFIXES)})"


def _name() -> dict[str, Any]:
    return {"type": "string", "pattern": NAME_PATTERN, "not": {"pattern": RESERVED_PATTERN}}


def _names() -> dict[str, Any]:
    return {"type": "array", "items": _name(), "uniqueItems": True}


def _strings(description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
    if description:
        schema["description"] = description
    return schema


def _lines(description: str) -> dict[str, Any]:
    """Dialogue lines: a list of strings (one picked at random, never twice in a row)."""
    return {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "minItems": 1,
        "description": description,
    }


def _gated_lines(description: str) -> dict[str, Any]:
    """Lines where each may be a mapping: the text, when it fits (`if`, `touched`, `heard`)
    and what it is about (`about`)."""
    gated = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 1},
            "if": {"type": "string", "minLength": 1, "description": "e.g. trust >= 40"},
            "touched": {**_names(), "description": "topics/cues raised on an earlier turn"},
            "heard": {**_names(), "description": "topics/cues raised on this or an earlier turn"},
            "untouched": {
                **_names(),
                "description": (
                    "none of these topics/cues/choices raised, nor states passed through, on an "
                    "earlier turn (a line for before something was settled)"
                ),
            },
            "about": {
                **_names(),
                "description": (
                    "what the line is about (topics/cues/choices): a disclosure that waits "
                    "for a question about it"
                ),
            },
        },
        "required": ["text"],
        "additionalProperties": False,
    }
    return {
        "type": "array",
        "items": {"anyOf": [{"type": "string", "minLength": 1}, gated]},
        "minItems": 1,
        "description": description,
    }


def _map_of(value: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "propertyNames": _name(),
        "additionalProperties": value,
        "description": description,
    }


def _variable_values() -> dict[str, Any]:
    return _map_of(
        {"type": "number", "minimum": 0, "maximum": 100}, "variable name -> value (0..100)"
    )


def _transition(with_from: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "moves": {
            "anyOf": [
                {"type": "array", "items": {"enum": list(MOVES)}, "uniqueItems": True},
                {"const": "any"},
            ],
            "description": "any of these moves of the worker; 'any': any move",
        },
        "topics": {**_names(), "description": "and any of these topics / cues / choices"},
        "if": {"type": "string", "minLength": 1, "description": "condition, e.g. trust >= 30"},
        "effects": {
            "type": "object",
            "propertyNames": _name(),
            "additionalProperties": {
                "anyOf": [
                    {"type": "number"},
                    {"type": "string", "pattern": r"^\s*[=+-]?\s*\d+(\.\d+)?\s*$"},
                ]
            },
            "description": "deltas (+10, -5) clamped to 0..100; '=50' sets",
        },
        "go": {**_name(), "description": "target state; omitted = stay"},
        "reply": _gated_lines("what the client answers; default: the target's say"),
        "exhausted": _lines("said when every reply line has been said in this meeting"),
        "note": {"type": "string", "description": "trainer's note for the debrief"},
        "better": {"type": "string", "description": "a better example"},
        "cues": {**_names(), "description": "cues dropped by this reply"},
        "choice": {**_name(), "description": "this reply states the choice"},
    }
    required: list[str] = []
    if with_from:
        properties["from"] = {
            "anyOf": [_name(), {**_names(), "minItems": 1}],
            "description": "a state id or a list of them",
        }
        required.append("from")
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "anyOf": [{"required": ["moves"]}, {"required": ["topics"]}, {"required": ["if"]}],
    }
    if required:
        schema["required"] = required
    return schema


def _unrecognised() -> dict[str, Any]:
    """`when_unrecognised:` one reaction or a list: a transition without moves or topics."""
    one = _transition(False)
    one = {**one, "properties": dict(one["properties"])}
    del one["properties"]["moves"], one["properties"]["topics"], one["anyOf"]
    return {
        "anyOf": [one, {"type": "array", "items": one, "minItems": 1}],
        "description": "how the client answers a turn in which no move was recognised",
    }


def _leave(where: str) -> dict[str, Any]:
    """`when_worker_leaves:` the client's words and the ending when the worker takes leave."""
    base = _transition(False)["properties"]
    return {
        "type": "object",
        "properties": {k: base[k] for k in ("go", "reply", "exhausted", "note", "better")},
        "required": ["go"],
        "additionalProperties": False,
        "description": "when the worker takes leave ('Goodbye', 'Nähdään torstaina') "
        + where
        + ": reply lines and `go:` an ending",
    }


def _defaults() -> dict[str, Any]:
    """`defaults:` move -> the answer wherever nothing else in a state answers that move."""
    base = _transition(False)["properties"]
    answer = {
        "type": "object",
        "properties": {k: base[k] for k in ("if", "effects", "reply", "note", "better")},
        "required": ["reply"],
        "additionalProperties": False,
    }
    answer["properties"]["exhausted"] = base["exhausted"]
    return {
        "type": "object",
        "propertyNames": {"enum": [*MOVES, *HOLDING_KEYS]},
        "additionalProperties": answer,
        "description": (
            "move -> the client's answer where no state says otherwise; a question's kind"
            " (question_when, ...) -> the holding answer; offer_yes / offer_no -> yes or no"
            " to an offer; confirm -> yes to what the worker said back and checked"
        ),
    }


def _answers() -> dict[str, Any]:
    """`answers:` topic-keyed answers to a question, wherever the client stands (words only)."""
    base = _transition(False)["properties"]
    answer = {
        "type": "object",
        "properties": {k: base[k] for k in ("topics", "if", "reply", "exhausted")},
        "required": ["topics", "reply"],
        "additionalProperties": False,
    }
    return {
        "type": "array",
        "items": answer,
        "description": "what the client says when asked about a topic, in any state",
    }


def _state() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "say": _gated_lines("entry lines"),
            "thought": {"type": "string", "description": "the client's inner thought"},
            "cues": {**_names(), "description": "cues dropped when entering"},
            "ready": {
                "type": "array",
                "items": {"enum": list(READINESS)},
                "uniqueItems": True,
                "description": "readiness flags",
            },
            "choice": {**_name(), "description": "entering this state states the choice"},
            "fallback": _gated_lines("lines when nothing the worker did matches"),
            "exhausted": _lines("said when the state's lines have all been said"),
            "when_unrecognised": _unrecognised(),
            "when_worker_leaves": _leave(
                "in this state (a closing state's may go to the good ending)"
            ),
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "text": {"type": "string", "minLength": 1},
                        "moves": {
                            "type": "array",
                            "items": {"enum": list(MOVES)},
                            "minItems": 1,
                        },
                    },
                    "required": ["text", "moves"],
                    "additionalProperties": False,
                },
                "description": "menu mode: responses labelled with their moves",
            },
            "on": {"type": "array", "items": _transition(False), "description": "transitions"},
            "ending": {"enum": list(OUTCOMES), "description": "makes this state an ending"},
        },
        "required": ["say"],
        "additionalProperties": False,
        # Endings close the meeting, so they have no transitions of their own.
        "if": {"required": ["ending"]},
        "then": {"not": {"required": ["on"]}},
    }


def _said() -> dict[str, Any]:
    text = {"type": "string", "minLength": 1}
    return {"oneOf": [text, {"type": "array", "items": text, "minItems": 1}]}


def _tests() -> dict[str, Any]:
    turn = {
        "type": "object",
        "properties": {
            "say": {"type": "string"},
            "moves": {"type": "array", "items": {"enum": list(MOVES)}},
            "expect": _name(),
            "expect_ending": {"enum": list(OUTCOMES)},
            "says": _said(),
            "not_says": _said(),
        },
        "required": ["say"],
        "additionalProperties": False,
    }
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "seed": {"type": "integer"},
                "variant": _name(),
                "turns": {"type": "array", "items": turn, "minItems": 1},
                "sweep": {
                    "type": "object",
                    "properties": {
                        "say": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        "expect": _name(),
                        "expect_transition": {"type": "string", "minLength": 1},
                    },
                    "required": ["say"],
                    "additionalProperties": False,
                    "description": "wordings tried one by one after the turns (paraphrases)",
                },
            },
            "required": ["name"],
            "anyOf": [{"required": ["turns"]}, {"required": ["sweep"]}],
            "additionalProperties": False,
        },
        "description": "scripted tests run by `kohtaamo test`",
    }


def _client_feedback() -> dict[str, Any]:
    """`client_feedback:` the client's own words on the meeting, beside the scores."""
    line = {"type": "string", "minLength": 1}
    answers = {
        "type": "object",
        "properties": {a: line for a in ("fully", "partly", "not_at_all", "open")},
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "description": "the client's own feedback in the debrief (defaults when absent)",
        "properties": {
            "heard": {**answers, "description": "Did I feel heard?"},
            "mattered": {**answers, "description": "Did my view matter?"},
            "changed": {**answers, "description": "Did it change what happens?"},
            "endings": _map_of(line, "ending state id or outcome (good/neutral/poor) -> line"),
            "moments": {
                "type": "object",
                "properties": {
                    "states": _map_of(line, "state id -> line, when the meeting passed it"),
                    "choices": _map_of(
                        {
                            "type": "object",
                            "properties": {"honoured": line, "overridden": line},
                            "additionalProperties": False,
                        },
                        "choice id -> line when it was honoured / overridden",
                    ),
                },
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


def build_schema() -> dict[str, Any]:
    """The JSON Schema of format v1, as a plain dict."""
    return _same_keys_as_the_loader(_build())


def _same_keys_as_the_loader(schema: dict[str, Any]) -> dict[str, Any]:
    """The loader's key sets (scenario/loader.py) are the one list of what each mapping of a
    scenario may hold; the schema adds what each key holds, in the order editors show them.
    A key added to one and not the other fails here, and so does the test that the shipped
    schema.json is the generated one."""
    top = schema["properties"]
    state = top["states"]["additionalProperties"]["properties"]
    test = top["tests"]["items"]["properties"]
    feedback = top["client_feedback"]["properties"]
    moments = feedback["moments"]["properties"]
    line = top["fallback"]["items"]["anyOf"][1]["properties"]
    checks: list[tuple[str, dict[str, Any], Iterable[str]]] = [
        ("top level", top, loader.TOP_KEYS | {parts.PART}),
        ("briefing", top["briefing"]["properties"], loader.BRIEFING_KEYS),
        ("client", top["client"]["properties"], loader.CLIENT_KEYS),
        (
            "client.variants",
            top["client"]["properties"]["variants"]["items"]["properties"],
            loader.VARIANT_KEYS,
        ),
        ("topics", top["topics"]["additionalProperties"]["properties"], loader.TOPIC_KEYS),
        ("cues", top["cues"]["additionalProperties"]["properties"], loader.CUE_KEYS),
        ("choices", top["choices"]["additionalProperties"]["properties"], loader.CUE_KEYS),
        ("a line", line, loader.LINE_KEYS),
        ("states", state, loader.STATE_KEYS),
        ("suggestions", state["suggestions"]["items"]["properties"], loader.SUGGESTION_KEYS),
        ("on", state["on"]["items"]["properties"], loader.TRANSITION_KEYS),
        ("reactions", top["reactions"]["items"]["properties"], loader.TRANSITION_KEYS),
        ("transitions", top["transitions"]["items"]["properties"], loader.TOP_TRANSITION_KEYS),
        (
            "when_unrecognised",
            top["when_unrecognised"]["anyOf"][0]["properties"],
            loader.UNRECOGNISED_KEYS,
        ),
        ("when_worker_leaves", top["when_worker_leaves"]["properties"], loader.LEAVE_KEYS),
        (
            "defaults",
            top["defaults"]["additionalProperties"]["properties"],
            loader.DEFAULT_KEYS,
        ),
        ("answers", top["answers"]["items"]["properties"], loader.ANSWER_KEYS),
        ("tests", test, loader.TEST_KEYS),
        ("tests.turns", test["turns"]["items"]["properties"], loader.TURN_KEYS),
        ("tests.sweep", test["sweep"]["properties"], loader.SWEEP_KEYS),
        ("client_feedback", feedback, loader.FEEDBACK_KEYS),
        ("client_feedback answers", feedback["heard"]["properties"], loader.FEEDBACK_ANSWERS),
        ("client_feedback.moments", moments, loader.FEEDBACK_MOMENT_KEYS),
        (
            "client_feedback.moments.choices",
            moments["choices"]["additionalProperties"]["properties"],
            loader.FEEDBACK_CHOICE_KEYS,
        ),
        ("scenario-only keys", dict.fromkeys(SCENARIO_ONLY), parts.SCENARIO_ONLY),
    ]
    for where, properties, keys in checks:
        if set(properties) != set(keys):
            differ = sorted(set(properties) ^ set(keys))
            raise ValueError(f"schema and loader disagree on the keys of {where}: {differ}")
    return schema


def _build() -> dict[str, Any]:
    variant = {
        "type": "object",
        "properties": {
            "id": _name(),
            "weight": {"type": "number", "exclusiveMinimum": 0},
            "description": {"type": "string"},
            "variables": _variable_values(),
            "thresholds": _map_of({"type": "number"}, "threshold overrides"),
            "say": _map_of(_lines("entry lines"), "state id -> replacement entry lines"),
        },
        "required": ["id"],
        "additionalProperties": False,
    }
    words = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
    include = {"type": "string", "pattern": r"\.ya?ml$", "description": "path from this file"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kohtaamo scenario (format v1)",
        "description": "A virtual client's script: see docs/format.md and docs/authoring.*.md.",
        "type": "object",
        "properties": {
            "kohtaamo": {"const": 1, "description": "format version"},
            "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
            "title": {"type": "string", "minLength": 1},
            "language": {"enum": list(LANGUAGES)},
            "authors": _strings("who wrote it"),
            "reviewed_by": _strings("experience experts who reviewed it (credited)"),
            "difficulty": {"enum": list(DIFFICULTIES)},
            "minutes": {"type": "integer", "minimum": 1},
            "content_notes": _strings("shown before the meeting"),
            "tags": _strings(),
            "briefing": {
                "type": "object",
                "properties": {
                    "setting": {"type": "string"},
                    "background": {"type": "string"},
                    "voluntary": {
                        "type": "boolean",
                        "description": "false = mandated / not the client's own initiative",
                    },
                    "goal": {"type": "string"},
                },
                "additionalProperties": False,
            },
            "client": {
                "type": "object",
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "persona": {"type": "string"},
                    "variables": _variable_values(),
                    "thresholds": _map_of({"type": "number"}, "named numbers for conditions"),
                    "variants": {"type": "array", "items": variant},
                },
                "required": ["name"],
                "additionalProperties": False,
            },
            "topics": _map_of(
                {
                    "type": "object",
                    "properties": {"words": words, "sensitive": {"type": "boolean"}},
                    "required": ["words"],
                    "additionalProperties": False,
                },
                "words the worker may mention",
            ),
            "cues": _map_of(
                {
                    "type": "object",
                    "properties": {"label": {"type": "string"}, "words": words},
                    "required": ["label", "words"],
                    "additionalProperties": False,
                },
                "things the client lets slip",
            ),
            "choices": _map_of(
                {
                    "type": "object",
                    "properties": {"label": {"type": "string"}, "words": _strings()},
                    "required": ["label"],
                    "additionalProperties": False,
                },
                "decisions the client states",
            ),
            "start": {**_name(), "description": "id of the first state"},
            "fallback": _gated_lines("used when a state has no fallback lines"),
            "exhausted": _lines("said when a pool of lines has run dry"),
            "when_unrecognised": _unrecognised(),
            "when_worker_leaves": _leave(
                "in a state without its own (a neutral or poor ending: the work is not done)"
            ),
            "defaults": _defaults(),
            "answers": _answers(),
            "states": {**_map_of(_state(), "the client's states"), "minProperties": 1},
            "transitions": {"type": "array", "items": _transition(True)},
            "reactions": {"type": "array", "items": _transition(False)},
            "tests": _tests(),
            "client_feedback": _client_feedback(),
            "translation_of": {
                "type": "string",
                "minLength": 1,
                "description": "the other-language version: its file (relative) or its id",
            },
            "include": {
                "anyOf": [{"type": "array", "items": include}, include],
                "description": "shared parts merged into this file (docs/format.md,"
                " 'Shared parts'): the file's own keys replace included ones, reactions,"
                " transitions and tests add up",
            },
            "part": {
                "type": "string",
                "minLength": 1,
                "description": "marks a shared part (what it holds); a part has no kohtaamo, id,"
                " title or translation_of and is included by scenarios",
            },
        },
        # A shared part (`part:`) is a piece of a scenario; a scenario that includes parts may
        # get its client, start and states from them.
        "if": {"required": ["part"]},
        "then": {
            "not": {"anyOf": [{"required": [key]} for key in SCENARIO_ONLY]},
        },
        "else": {
            "required": ["kohtaamo", "id", "title", "language"],
            "not": {"required": ["part"]},
            "if": {"not": {"required": ["include"]}},
            "then": {"required": ["client", "start", "states"]},
        },
        "additionalProperties": False,
    }


def schema_text() -> str:
    """The schema as the JSON text that is shipped (stable key order, trailing newline)."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> None:
    """Regenerate the shipped `schema.json` (run after changing the format)."""
    path.write_text(schema_text(), encoding="utf-8")


if __name__ == "__main__":
    write_schema()
