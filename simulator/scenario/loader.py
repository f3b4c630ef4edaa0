"""Load and validate scenario files (docs/format.md) into the frozen model.

Every problem in a file is collected before giving up, so an author fixes a file in one
round instead of one error per run. Reading goes in two passes over the composed YAML:
first the declarations (state ids, variables, thresholds, topics, cues, choices, variants),
then everything else, so a reference can be checked wherever it appears in the file.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.i18n import LANGUAGES
from simulator.moves import MOVES, OUTCOMES, READINESS
from simulator.scenario.conditions import (
    BUILTIN_NAMES,
    RESERVED_NAMES,
    RESERVED_PREFIXES,
    Condition,
    ConditionSyntaxError,
    parse_condition,
)
from simulator.scenario.diagnostics import Diagnostic, ScenarioError, diagnostic
from simulator.scenario.hints import condition_arrow, move_for, refine_syntax
from simulator.scenario.include import includes_of, is_part, resolve
from simulator.scenario.labels import label
from simulator.scenario.limits import (
    MAX_LIST_ENTRIES,
    MAX_NUMBER_CHARS,
    MAX_PHRASE_CHARS,
    MAX_PHRASE_WORDS,
    MAX_TEXT_CHARS,
    MAX_WORD_LISTS,
)
from simulator.scenario.model import (
    DIFFICULTIES,
    HOLDING_KEYS,
    Briefing,
    Choice,
    Client,
    ClientFeedback,
    Cue,
    Effect,
    LineGate,
    Scenario,
    ScenarioTest,
    ScriptedTurn,
    State,
    Suggestion,
    Sweep,
    Topic,
    Transition,
    Variant,
    Where,
)
from simulator.scenario.paths import bundled_scenarios_dir, scenario_files
from simulator.scenario.yamlsafe import (
    MAX_BYTES,
    STR,
    compose_text,
    is_plain,
    no_gc_pauses,
    plain_surprise,
    where_of,
)

FORMAT_VERSION = 1
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
SCENARIO_ID = re.compile(r"[a-z0-9-]+\Z")
VALUE_RANGE = (0, 100)
#: a word of a phrase in a word list, counted as the recognizer splits them
_PHRASE_WORD = re.compile(r"[^\W_]+")
_EFFECT = re.compile(r"\s*([=+-]?)\s*(\d+(?:\.\d+)?)\s*\Z")

TOP_KEYS = frozenset((
    "kohtaamo", "id", "title", "language", "authors", "reviewed_by", "difficulty", "minutes",
    "content_notes", "tags", "briefing", "client", "topics", "cues", "choices", "start",
    "fallback", "states", "transitions", "reactions", "tests",
    "exhausted", "when_unrecognised", "defaults", "client_feedback", "translation_of", "include",
    "when_worker_leaves", "answers",
))  # fmt: skip
TOP_REQUIRED = ("kohtaamo", "id", "title", "language", "client", "start", "states")
BRIEFING_KEYS = frozenset(("setting", "background", "voluntary", "goal"))
CLIENT_KEYS = frozenset(("name", "persona", "variables", "thresholds", "variants"))
VARIANT_KEYS = frozenset(("id", "weight", "description", "variables", "thresholds", "say"))
STATE_KEYS = frozenset((
    "say", "thought", "cues", "ready", "choice", "fallback", "suggestions", "on", "ending",
    "exhausted", "when_unrecognised", "when_worker_leaves",
))  # fmt: skip
TRANSITION_KEYS = frozenset((
    "moves", "topics", "if", "effects", "go", "reply", "note", "better", "cues", "choice",
    "exhausted",
))  # fmt: skip
TOP_TRANSITION_KEYS = TRANSITION_KEYS | {"from"}
#: `when_unrecognised:` fires on a turn with no recognised move, so it names no moves/topics
UNRECOGNISED_KEYS = TRANSITION_KEYS - {"moves", "topics"}
#: `defaults:` answers one move wherever nothing else does: it stays and says something
DEFAULT_KEYS = frozenset(("if", "effects", "reply", "note", "better", "exhausted"))
#: `answers:` what the client says when asked about a topic, wherever it stands: words only
ANSWER_KEYS = frozenset(("topics", "if", "reply", "exhausted"))
#: the moves an answer answers: a question, open or closed
ANSWER_MOVES = ("open_question", "closed_question")
#: `when_worker_leaves:` the worker takes leave: what the client says and where it ends
LEAVE_KEYS = frozenset(("reply", "go", "note", "better", "exhausted"))
#: a line of dialogue written as a mapping: the text and when it fits
LINE_KEYS = frozenset(("text", "if", "touched", "heard", "about", "untouched"))
#: `moves: any` answers every move the state does not handle otherwise
ANY_MOVE = "any"
TOPIC_KEYS = frozenset(("words", "sensitive"))
CUE_KEYS = frozenset(("label", "words"))  # choices have the same keys
SUGGESTION_KEYS = frozenset(("text", "moves"))
#: `client_feedback:` the client's own words on the meeting (docs/format.md)
FEEDBACK_QUESTIONS = ("heard", "mattered", "changed")
#: answer keys as written -> the answer they stand for (not yes/no: YAML 1.1 reads those
#: as booleans); `open` is said when the meeting stopped before its ending
FEEDBACK_ANSWERS = {"fully": "yes", "partly": "partly", "not_at_all": "no", "open": "open"}
FEEDBACK_KEYS = frozenset((*FEEDBACK_QUESTIONS, "endings", "moments"))
FEEDBACK_MOMENT_KEYS = frozenset(("states", "choices"))
FEEDBACK_CHOICE_KEYS = frozenset(("honoured", "overridden"))
TEST_KEYS = frozenset(("name", "seed", "variant", "turns", "sweep"))
#: a paraphrase sweep: many wordings tried in one situation, each expected to do the same
SWEEP_KEYS = frozenset(("say", "expect", "expect_transition"))
TURN_KEYS = frozenset(("say", "moves", "expect", "expect_ending", "says", "not_says"))

_TYPE_OF_TAG = {
    STR: "type_text",
    "tag:yaml.org,2002:int": "type_number",
    "tag:yaml.org,2002:float": "type_number",
    "tag:yaml.org,2002:bool": "type_bool",
    "tag:yaml.org,2002:null": "type_null",
}

Pairs = dict[str, tuple[ScalarNode, Node]]


def load_scenario(path: str | os.PathLike[str], lang: str | None = None) -> Scenario:
    """Load one scenario file; raises ScenarioError listing every problem in it."""
    scenario, problems = read_scenario(path, lang)
    if scenario is None or any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return scenario


def load_scenario_text(text: str, path: str = "<memory>", lang: str | None = None) -> Scenario:
    """Load a scenario from YAML text; `path` is only used to name positions."""
    scenario, problems = read_scenario_text(text, path, lang)
    if scenario is None or any(p.is_error for p in problems):
        raise ScenarioError(problems)
    return scenario


def read_scenario(
    path: str | os.PathLike[str], lang: str | None = None
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Like load_scenario, but returns (scenario or None, diagnostics) instead of raising."""
    from simulator.safeio import Refused, read_bounded

    name = str(path)
    where = Where(name, 1, 1)
    try:
        # Regular files only (a FIFO would hang, /dev/zero fill the memory), at most 1 MiB.
        data = read_bounded(path, MAX_BYTES)
    except Refused as refused:
        if refused.reason == "file_too_large":
            size = refused.values["size"]
            return None, [
                diagnostic("K102", where, "scenario.too_large", lang, size=size, limit=MAX_BYTES)
            ]
        from simulator.i18n import t

        reason = t(f"cli.{refused.reason}", lang, **refused.values)
        return None, [diagnostic("K107", where, "scenario.unreadable", lang, reason=reason)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            diagnostic(
                "K107", Where(name, line, 1), "scenario.not_utf8", lang,
                hint_key="scenario.hint_utf8",
            )
        ]  # fmt: skip
    return read_scenario_text(text, name, lang)


def read_scenario_text(
    text: str, path: str = "<memory>", lang: str | None = None
) -> tuple[Scenario | None, list[Diagnostic]]:
    with no_gc_pauses():
        root, problems = compose_text(text, path, lang)
        if root is None and problems:
            return None, refine_syntax(problems, text, lang)
        if is_part(root):
            # A shared part is read with the scenarios that include it, never alone.
            where = where_of(root, path)
            return None, [diagnostic("K109", where, "scenario.is_part", lang,
                                     hint_key="scenario.hint_is_part")]  # fmt: skip
        resolved = None
        if includes_of(root):
            resolved = resolve(root, path, lang)
            root = resolved.root
            problems = [*problems, *resolved.problems]
        reader = _Reader(path, lang)
        reader.problems.extend(problems)
        scenario = reader.scenario(root)
        del root  # freed by reference counting while the collector is still paused
    if resolved is not None:
        if scenario is not None:
            scenario = replace(scenario, includes=tuple(resolved.files))
        reader.problems = resolved.explain(reader.problems, lang)
    reader.problems.sort(key=Diagnostic.sort_key)
    return scenario, reader.problems


def load_library(
    directory: str | os.PathLike[str] | None = None, lang: str | None = None
) -> tuple[list[Scenario], list[Diagnostic]]:
    """Every scenario under `directory` (default: the bundled library) that loads cleanly,
    and the diagnostics of the files that did not (or of ids used twice)."""
    root = Path(directory) if directory is not None else bundled_scenarios_dir()
    loaded: list[Scenario] = []
    problems: list[Diagnostic] = []
    # A missing folder is no broken file: callers say so with paths.library_problem.
    for path in scenario_files([root]) if root.is_dir() else []:
        scenario, found = read_scenario(path, lang)
        if [p.code for p in found] == ["K109"]:
            continue  # a shared part: read with the scenarios that include it
        problems.extend(found)
        if scenario is not None and not any(p.is_error for p in found):
            loaded.append(scenario)
    clashes = duplicate_ids(loaded, lang)
    problems.extend(clashes)
    refused = {d.where.file for d in clashes}
    return [s for s in loaded if s.path not in refused], problems


def duplicate_ids(scenarios: Iterable[Scenario], lang: str | None = None) -> list[Diagnostic]:
    """K316 for every scenario whose id an earlier one (in the given order) already has."""
    first: dict[str, Scenario] = {}
    problems = []
    for scenario in scenarios:
        other = first.setdefault(scenario.id, scenario)
        if other is not scenario:
            problems.append(
                diagnostic(
                    "K316", Where(scenario.path, 1, 1), "scenario.duplicate_scenario_id", lang,
                    id=scenario.id, other=other.path,
                )
            )  # fmt: skip
    return problems


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


class _Reader:
    """Reads the composed document, collecting diagnostics instead of stopping at the first."""

    def __init__(self, file: str, lang: str | None) -> None:
        self.file = file
        self.lang = lang
        self.problems: list[Diagnostic] = []
        self.states: dict[str, ScalarNode] = {}
        self.endings: set[str] = set()
        self.variables: dict[str, float] = {}
        self.declared_at: dict[str, Where] = {}
        self.thresholds: dict[str, float] = {}
        self.topic_ids: set[str] = set()
        self.cue_ids: set[str] = set()
        self.choice_ids: set[str] = set()
        self.variant_ids: set[str] = set()
        self.holding: tuple[Transition, ...] = ()  # `defaults:` by question kind (defaults)

    # -- reporting ------------------------------------------------------------------------

    def where(self, node: Node | None) -> Where:
        return where_of(node, self.file)

    def error(
        self,
        code: str,
        node: Node | None,
        template: str,
        hint_key: str = "",
        hint_values: dict[str, object] | None = None,
        /,
        **values: object,
    ) -> None:
        if isinstance(values.get("what"), str):
            # Authors count from one: `reactions[0]` (the engine's id) is shown `reactions.1`,
            # as test and coverage output name it.
            values["what"] = label(values["what"])
        self.problems.append(
            diagnostic(
                code, self.where(node), f"scenario.{template}", self.lang,
                hint_key=f"scenario.{hint_key}" if hint_key else "",
                hint_values=hint_values, **values,
            )
        )  # fmt: skip

    def error_at(self, code: str, where: Where, template: str, **values: object) -> None:
        """An error at a position already read (a part checked after the whole file)."""
        self.problems.append(diagnostic(code, where, f"scenario.{template}", self.lang, **values))

    def unknown(
        self,
        code: str,
        node: Node,
        template: str,
        name: str,
        known: Iterable[str],
        list_all: bool = False,
    ) -> None:
        """`name` refers to nothing known; the hint suggests the closest known name (or, with
        `list_all`, lists every allowed one when none is close)."""
        known = sorted(known)
        close = _did_you_mean(name, known)
        if close:
            self.error(code, node, template, "hint_did_you_mean", {"name": close}, name=name)
        elif list_all and known:
            self.error(
                code, node, template, "hint_one_of", {"choices": ", ".join(known)}, name=name
            )
        else:
            self.error(code, node, template, name=name)

    def t(self, key: str, **values: object) -> str:
        from simulator.i18n import t

        return t(f"scenario.{key}", self.lang, **values)

    def wrong_type(self, node: Node, what: str, expected: str) -> None:
        if isinstance(node, MappingNode):
            found = "type_mapping"
        elif isinstance(node, SequenceNode):
            found = "type_list"
        elif node.tag not in _TYPE_OF_TAG:
            # `!custom text` or `!!binary`: "expected text, found text" would puzzle anyone.
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.error(
                "K201", node, "wrong_type",
                what=what, expected=self.t(expected), found=self.t("type_tag", tag=tag),
            )  # fmt: skip
            return
        else:
            found = _TYPE_OF_TAG[node.tag]
        # A lone line where a list is expected is the commonest slip: show the list form.
        hint = "hint_as_list" if expected == "type_list" and found == "type_text" else ""
        values: dict[str, object] = {"text": _text(node)}
        if expected == "type_text" and _colon_in_line(node, frozenset()):
            # `[Arthur: everyone calls me Arthur.]`: ': ' made a line into a mapping.
            key, value = node.value[0]
            hint, values = "hint_colon_line", {"text": f"{_text(key)}: {_text(value)}"}
        self.error(
            "K201", node, "wrong_type", hint, values,
            what=what, expected=self.t(expected), found=self.t(found),
        )  # fmt: skip

    # -- shapes ---------------------------------------------------------------------------

    def mapping(
        self,
        node: Node | None,
        what: str,
        allowed: frozenset[str] | None = None,
        required: Sequence[str] = (),
    ) -> Pairs | None:
        """The mapping's entries by key (unknown and missing keys reported), or None."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.wrong_type(node, what, "type_mapping")
            return None
        pairs: Pairs = {}
        for key, value in node.value:
            # Keys are read as written: `on:` is the key "on", not YAML 1.1's true.
            if isinstance(key, ScalarNode) and key.value not in pairs:
                pairs[key.value] = (key, value)
        if allowed is not None and not pairs.keys() <= allowed:
            for name, (key, _) in pairs.items():
                if name not in allowed:
                    self.unknown("K202", key, "unknown_key", name, allowed, list_all=True)
        for name in required:
            if name not in pairs:
                self.error("K203", node, "missing_key", key=name, what=what)
        return pairs

    def sequence(self, node: Node | None, what: str, min_items: int = 0) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.wrong_type(node, what, "type_list")
            return []
        if len(node.value) < min_items:
            self.error("K209", node, "empty_list", what=what)
        return list(node.value)

    def string(self, node: Node | None, what: str, non_empty: bool = False) -> str | None:
        if node is None:
            return None
        value = node.value
        if type(node) is ScalarNode and node.tag == STR and value.strip():
            # the common case, checked first: this runs for every text
            if len(value) > MAX_TEXT_CHARS:
                self.text_too_long(node, what)
            return value
        if not isinstance(node, ScalarNode):
            self.wrong_type(node, what, "type_text")
            return None
        if node.tag != STR:
            kind = plain_surprise(node)
            if kind is None:
                self.wrong_type(node, what, "type_text")
                return None
            self.error(
                "K106", node, "unquoted", "hint_quote", {"text": node.value},
                text=node.value, kind=self.t(f"read_as_{kind}"), what=what,
            )  # fmt: skip
            return None
        if non_empty and not node.value.strip():
            self.error("K209", node, "empty_text", what=what)
            return None
        if len(node.value) > MAX_TEXT_CHARS:
            self.text_too_long(node, what)
        return node.value

    def text_too_long(self, node: Node, what: str) -> None:
        # The text is kept (the scenario is refused anyway), so nothing else is reported
        # about it as missing.
        self.error(
            "K211", node, "text_too_long", "hint_text_too_long",
            what=what, count=len(node.value), limit=MAX_TEXT_CHARS,
        )  # fmt: skip

    def word_list(self, node: Node | None, what: str, min_items: int = 0) -> tuple[str, ...]:
        """The words of a topic, cue or choice, within the limits that keep a turn instant
        (simulator.scenario.limits): the recognizer looks for every one on every turn."""
        words = self.strings(node, what, min_items)
        if isinstance(node, SequenceNode) and len(node.value) > MAX_LIST_ENTRIES:
            self.error(
                "K211", node.value[MAX_LIST_ENTRIES], "list_too_long", "hint_list_too_long",
                what=what, count=len(node.value), limit=MAX_LIST_ENTRIES,
            )  # fmt: skip
        for item in node.value if isinstance(node, SequenceNode) else ():
            if not isinstance(item, ScalarNode):
                continue
            text = item.value
            if len(text) > MAX_PHRASE_CHARS or len(_PHRASE_WORD.findall(text)) > MAX_PHRASE_WORDS:
                shown = text if len(text) <= MAX_PHRASE_CHARS else text[:MAX_PHRASE_CHARS] + "…"
                self.error(
                    "K211", item, "phrase_too_long", "hint_phrase_too_long", what=what, text=shown,
                    chars=MAX_PHRASE_CHARS, words=MAX_PHRASE_WORDS,
                )  # fmt: skip
        return words

    def strings(self, node: Node | None, what: str, min_items: int = 0) -> tuple[str, ...]:
        """A list of strings; a lone string is an error (authors mean a one-line list)."""
        items = self.sequence(node, what, min_items)
        values = (self.string(item, what, non_empty=min_items > 0) for item in items)
        return tuple(v for v in values if v is not None)

    def lines(self, node: Node | None, what: str) -> tuple[str, ...]:
        """Dialogue lines: a non-empty list of non-empty strings."""
        return self.strings(node, what, min_items=1)

    def number(
        self,
        node: Node | None,
        what: str,
        low: float | None = None,
        high: float | None = None,
        integer: bool = False,
    ) -> float | None:
        if node is None:
            return None
        tags = ("tag:yaml.org,2002:int",) if integer else _NUMBER_TAGS
        if not isinstance(node, ScalarNode) or node.tag not in tags:
            self.wrong_type(node, what, "type_integer" if integer else "type_number")
            return None
        if self.too_long(node, what):
            return None
        value = _scalar_number(node)
        if value != value or value in (float("inf"), float("-inf")):  # NaN / infinity
            self.wrong_type(node, what, "type_number")
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.error(
                "K205", node, "out_of_range" if high is not None else "too_small",
                what=what, value=node.value, low=_show(low), high=_show(high),
            )  # fmt: skip
            return None
        return value

    def too_long(self, node: ScalarNode, what: str) -> bool:
        """A number of absurd length (4,301 digits is past what Python converts): K205."""
        if len(node.value) <= MAX_NUMBER_CHARS:
            return False
        self.error(
            "K205", node, "number_too_long",
            what=what, value=node.value[:20] + "…", limit=MAX_NUMBER_CHARS,
        )  # fmt: skip
        return True

    def boolean(self, node: Node | None, what: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.wrong_type(node, what, "type_bool")
            return None
        return node.value.lower() in ("true", "yes", "on", "y")

    def enum(self, node: Node | None, what: str, allowed: Sequence[str]) -> str | None:
        value = self.string(node, what)
        if value is None or node is None:
            return None
        if value not in allowed:
            close = _did_you_mean(value, allowed)
            self.error(
                "K204", node, "bad_enum", "hint_did_you_mean" if close else "hint_one_of",
                {"name": close, "choices": ", ".join(allowed)},
                value=value, what=what,
            )  # fmt: skip
            return None
        return value

    def name(self, node: Node | None, what: str) -> str | None:
        """An id as defined (state, variable, topic, ...): pattern and engine clashes checked."""
        value = self.string(node, what)
        if value is None or node is None:
            return None
        if not NAME.match(value):
            self.error("K206", node, "bad_name", "hint_name", name=value, what=what)
            return None
        if value in RESERVED_NAMES or value.startswith(RESERVED_PREFIXES):
            self.error("K207", node, "reserved_name", "hint_reserved", name=value)
            return None
        return value

    def reference(self, node: Node | None, what: str) -> str | None:
        """A name that refers to something (the reference check follows separately)."""
        return self.string(node, what, non_empty=True)

    def references(self, node: Node | None, what: str) -> list[tuple[str, Node]]:
        found: list[tuple[str, Node]] = []
        for item in self.sequence(node, what):
            if type(item) is ScalarNode and item.tag == STR and item.value:
                found.append((item.value, item))  # the common case, without a call
                continue
            value = self.reference(item, what)
            if value is not None:
                found.append((value, item))
        return found

    # -- references -----------------------------------------------------------------------

    def state_ref(self, node: Node | None, what: str) -> str | None:
        value = self.reference(node, what)
        if value is None or node is None:
            return None
        if value not in self.states:
            self.unknown("K301", node, "unknown_state", value, self.states)
            return None
        return value

    def moves(self, node: Node | None, what: str) -> tuple[str, ...]:
        found = []
        for value, item in self.references(node, what):
            if value in MOVES:
                found.append(value)
            elif not _did_you_mean(value, MOVES) and (named := move_for(value)):
                # A move written in Finnish or as a phrase: name the move it means.
                self.error(
                    "K302", item, "unknown_move", "hint_move_word",
                    {"move": named[0], "word": named[1]}, name=value,
                )  # fmt: skip
            else:
                self.unknown("K302", item, "unknown_move", value, MOVES)
        return tuple(found)

    def word_refs(self, node: Node | None, what: str, kind: str) -> tuple[str, ...]:
        """Topic / cue / choice references: `kind` is "words" (any of them), "words_or_states"
        (any of them or a state id), "cue" or "choice"."""
        known = {
            "words": self.topic_ids | self.cue_ids | self.choice_ids,
            "words_or_states": self.topic_ids | self.cue_ids | self.choice_ids | set(self.states),
            "cue": self.cue_ids,
            "choice": self.choice_ids,
        }[kind]
        found = []
        for value, item in self.references(node, what):
            if value in known:
                found.append(value)
            else:
                self.unknown("K306", item, f"unknown_{kind.split('_or_')[0]}", value, known)
        return tuple(found)

    def choice_ref(self, node: Node | None, what: str) -> str | None:
        value = self.reference(node, what)
        if value is None or node is None:
            return None
        if value not in self.choice_ids:
            self.unknown("K306", node, "unknown_choice", value, self.choice_ids)
            return None
        return value

    # -- the document ---------------------------------------------------------------------

    def scenario(self, root: Node | None) -> Scenario | None:
        if root is None:
            self.error("K201", None, "empty_file")
            return None
        top = self.mapping(root, self.t("what_file"), TOP_KEYS, TOP_REQUIRED)
        if top is None:
            return None
        get = _getter(top)

        version = get("kohtaamo")
        if version is not None and (
            not isinstance(version, ScalarNode)
            or version.tag != "tag:yaml.org,2002:int"
            or _scalar_number(version) != FORMAT_VERSION
        ):
            self.error("K208", version, "bad_version", value=_text(version), expected=1)

        # Pass 1: declarations, so references anywhere can be checked.
        client = self.client_declarations(get("client"))
        topics = self.topics(get("topics"))
        cues = self.cues(get("cues"))
        choices = self.choices(get("choices"))
        self.shared_namespace(get("topics"), get("cues"), get("choices"))
        state_pairs = self.state_declarations(get("states"))

        # Pass 2: everything else.
        scenario_id = self.string(get("id"), "id", non_empty=True)
        if scenario_id is not None and not SCENARIO_ID.match(scenario_id):
            self.error("K206", get("id"), "bad_scenario_id", "hint_scenario_id", name=scenario_id)
        title = self.string(get("title"), "title", non_empty=True)
        language = self.enum(get("language"), "language", LANGUAGES)
        difficulty = self.enum(get("difficulty"), "difficulty", DIFFICULTIES)
        minutes = self.number(get("minutes"), "minutes", low=1, integer=True)
        briefing = self.briefing(get("briefing"))
        variants = self.variants(client.get("variants"))
        start = self.state_ref(get("start"), "start")
        if start is not None and start in self.endings:
            self.error("K315", get("start"), "start_is_ending", name=start)
        fallback, fallback_gates = (
            self.gated_lines(get("fallback"), "fallback") if get("fallback") else ((), {})
        )
        exhausted = self.lines(get("exhausted"), "exhausted") if get("exhausted") else ()

        states, transitions = self.states_and_transitions(state_pairs)
        transitions += self.transition_list(get("transitions"), "transitions", with_from=True)
        reactions = self.transition_list(get("reactions"), "reactions", with_from=False)
        if get("when_unrecognised") is not None:
            reactions += self.unrecognised(get("when_unrecognised"), "when_unrecognised", ())
        defaults = self.defaults(get("defaults"))
        answers = self.answers(get("answers"))
        leave = (
            self.leave(get("when_worker_leaves"), "when_worker_leaves", None)
            if get("when_worker_leaves") is not None
            else None
        )
        self.check_leaves(leave, states, transitions)
        self.transition_ids = {tr.id for tr in (*transitions, *reactions, *defaults)}
        tests = self.tests(get("tests"))
        client_feedback = self.client_feedback(get("client_feedback"))

        authors = self.strings(get("authors"), "authors")
        reviewed_by = self.strings(get("reviewed_by"), "reviewed_by")
        content_notes = self.strings(get("content_notes"), "content_notes")
        tags = self.strings(get("tags"), "tags")

        if any(p.is_error for p in self.problems):
            return None
        return Scenario(
            id=scenario_id or "",
            title=title or "",
            language=language or "",
            authors=authors,
            reviewed_by=reviewed_by,
            difficulty=difficulty or "medium",
            minutes=int(minutes) if minutes is not None else 0,
            content_notes=content_notes,
            tags=tags,
            briefing=briefing,
            client=Client(
                name=client.get("name") or "",
                persona=client.get("persona") or "",
                variables=dict(self.variables),
                thresholds=dict(self.thresholds),
                variants=variants,
                declared_at=dict(self.declared_at),
            ),
            start=start or "",
            states=states,
            transitions=tuple(transitions),
            reactions=tuple(reactions),
            topics=topics,
            cues=cues,
            choices=choices,
            fallback=fallback,
            tests=tests,
            path=self.file,
            defaults=defaults,
            answers=answers,
            holding=self.holding,
            fallback_gates=fallback_gates,
            exhausted=exhausted,
            client_feedback=client_feedback,
            translation_of=self.string(get("translation_of"), "translation_of", non_empty=True)
            or "",
            leave=leave,
        )

    def client_feedback(self, node: Node | None) -> ClientFeedback | None:
        """`client_feedback:` lines per answer, ending and key moment (all optional)."""
        pairs = self.mapping(node, "client_feedback", FEEDBACK_KEYS)
        if pairs is None:
            return None
        get = _getter(pairs)
        answers: dict[str, dict[str, str]] = {}
        for question in FEEDBACK_QUESTIONS:
            what = f"client_feedback.{question}"
            lines = self.mapping(get(question), what, frozenset(FEEDBACK_ANSWERS)) or {}
            found = {
                FEEDBACK_ANSWERS[answer]: self.string(value, f"{what}.{answer}", non_empty=True)
                for answer, (_, value) in lines.items()
                if answer in FEEDBACK_ANSWERS
            }
            answers[question] = {k: v for k, v in found.items() if v}
        endings: dict[str, str] = {}
        outcomes = {*OUTCOMES, *self.endings}
        for name, (key, value) in (
            self.mapping(get("endings"), "client_feedback.endings") or {}
        ).items():
            if name not in outcomes:
                self.unknown("K317", key, "unknown_ending", name, outcomes, list_all=True)
                continue
            line = self.string(value, f"client_feedback.endings.{name}", non_empty=True)
            if line:
                endings[name] = line
        moments = self.mapping(get("moments"), "client_feedback.moments", FEEDBACK_MOMENT_KEYS)
        moment = _getter(moments or {})
        states: dict[str, str] = {}
        for name, (key, value) in (
            self.mapping(moment("states"), "client_feedback.moments.states") or {}
        ).items():
            if name not in self.states:
                self.unknown("K301", key, "unknown_state", name, self.states)
                continue
            line = self.string(value, f"client_feedback.moments.states.{name}", non_empty=True)
            if line:
                states[name] = line
        choices: dict[str, dict[str, str]] = {}
        for name, (key, value) in (
            self.mapping(moment("choices"), "client_feedback.moments.choices") or {}
        ).items():
            if name not in self.choice_ids:
                self.unknown("K306", key, "unknown_choice", name, self.choice_ids)
                continue
            what = f"client_feedback.moments.choices.{name}"
            sides = self.mapping(value, what, FEEDBACK_CHOICE_KEYS) or {}
            found = {
                side: self.string(line, f"{what}.{side}", non_empty=True)
                for side, (_, line) in sides.items()
                if side in FEEDBACK_CHOICE_KEYS
            }
            choices[name] = {k: v for k, v in found.items() if v}
        return ClientFeedback(answers, endings, states, choices, where=self.where(node))

    def briefing(self, node: Node | None) -> Briefing:
        pairs = self.mapping(node, "briefing", BRIEFING_KEYS) or {}
        get = _getter(pairs)
        voluntary = self.boolean(get("voluntary"), "briefing.voluntary")
        return Briefing(
            setting=self.string(get("setting"), "briefing.setting") or "",
            background=self.string(get("background"), "briefing.background") or "",
            voluntary=True if voluntary is None else voluntary,
            goal=self.string(get("goal"), "briefing.goal") or "",
        )

    def client_declarations(self, node: Node | None) -> dict[str, Any]:
        pairs = self.mapping(node, "client", CLIENT_KEYS, ("name",))
        if pairs is None:
            return {}
        get = _getter(pairs)
        self.variables = self.named_values(get("variables"), "client.variables", VALUE_RANGE)
        self.thresholds = self.named_values(get("thresholds"), "client.thresholds", None)
        for name in self.variables.keys() & self.thresholds.keys():
            key_node = pairs["thresholds"][1]
            self.error("K313", key_node, "variable_threshold_clash", name=name)
        return {
            "name": self.string(get("name"), "client.name", non_empty=True),
            "persona": self.string(get("persona"), "client.persona"),
            "variants": get("variants"),
        }

    def named_values(
        self, node: Node | None, what: str, bounds: tuple[float, float] | None
    ) -> dict[str, float]:
        values: dict[str, float] = {}
        low, high = bounds if bounds else (None, None)
        for name_text, (key, value_node) in (self.mapping(node, what) or {}).items():
            name = self.name(key, what)
            value = self.number(value_node, f"{what}.{name_text}", low, high)
            if name is not None and value is not None:
                values[name] = value
                self.declared_at.setdefault(name, self.where(key))
        return values

    def topics(self, node: Node | None) -> dict[str, Topic]:
        found: dict[str, Topic] = {}
        for name_text, (key, value) in (self.mapping(node, "topics") or {}).items():
            self.topic_ids.add(name_text)  # known even if refused: reported once, below
            name = self.name(key, "topics")
            what = f"topics.{name_text}"
            pairs = self.mapping(value, what, TOPIC_KEYS, ("words",))
            if name is None or pairs is None:
                continue
            get = _getter(pairs)
            found[name] = Topic(
                id=name,
                words=self.word_list(get("words"), f"{what}.words", min_items=1),
                sensitive=bool(self.boolean(get("sensitive"), f"{what}.sensitive")),
                where=self.where(key),
            )
        return found

    def cues(self, node: Node | None) -> dict[str, Cue]:
        found: dict[str, Cue] = {}
        for name_text, (key, value) in (self.mapping(node, "cues") or {}).items():
            self.cue_ids.add(name_text)  # known even if refused: reported once, below
            name = self.name(key, "cues")
            what = f"cues.{name_text}"
            pairs = self.mapping(value, what, CUE_KEYS, ("label", "words"))
            if name is None or pairs is None:
                continue
            get = _getter(pairs)
            found[name] = Cue(
                id=name,
                label=self.string(get("label"), f"{what}.label", non_empty=True) or "",
                words=self.word_list(get("words"), f"{what}.words", min_items=1),
                where=self.where(key),
            )
        return found

    def choices(self, node: Node | None) -> dict[str, Choice]:
        found: dict[str, Choice] = {}
        for name_text, (key, value) in (self.mapping(node, "choices") or {}).items():
            self.choice_ids.add(name_text)  # known even if refused: reported once, below
            name = self.name(key, "choices")
            what = f"choices.{name_text}"
            pairs = self.mapping(value, what, CUE_KEYS, ("label",))
            if name is None or pairs is None:
                continue
            get = _getter(pairs)
            found[name] = Choice(
                id=name,
                label=self.string(get("label"), f"{what}.label", non_empty=True) or "",
                words=self.word_list(get("words"), f"{what}.words"),
                where=self.where(key),
            )
        return found

    def shared_namespace(self, *sections: Node | None) -> None:
        """Topics, cues and choices share one namespace: a transition's `topics` names any.
        Together they are at most MAX_WORD_LISTS (the recognizer looks for all of them)."""
        first: dict[str, str] = {}
        count = 0
        for section, kind in zip(sections, ("topics", "cues", "choices"), strict=True):
            if not isinstance(section, MappingNode):
                continue
            for key, _ in section.value:
                count += 1
                if count == MAX_WORD_LISTS + 1:
                    total = sum(len(s.value) for s in sections if isinstance(s, MappingNode))
                    self.error(
                        "K211", key, "too_many_lists", "hint_too_many_lists",
                        count=total, limit=MAX_WORD_LISTS,
                    )  # fmt: skip
                if not isinstance(key, ScalarNode):
                    continue
                if key.value in first and first[key.value] != kind:
                    self.error(
                        "K307", key, "namespace_clash", name=key.value,
                        first=first[key.value], second=kind,
                    )  # fmt: skip
                first.setdefault(key.value, kind)

    def state_declarations(self, node: Node | None) -> list[tuple[str, ScalarNode, Node]]:
        pairs = self.mapping(node, "states")
        if pairs is None:
            return []
        if not pairs:
            self.error("K209", node, "empty_list", what="states")
        declared = []
        for name_text, (key, value) in pairs.items():
            # A refused id is still known, so references to it are not reported again.
            self.states[name_text] = key
            name = self.name(key, "states")
            if name is None:
                continue
            if isinstance(value, MappingNode) and any(
                isinstance(k, ScalarNode) and k.value == "ending" for k, _ in value.value
            ):
                self.endings.add(name_text)
            declared.append((name_text, key, value))
        return declared

    def variants(self, node: Node | None) -> tuple[Variant, ...]:
        found: list[Variant] = []
        for item in self.sequence(node, "client.variants"):
            pairs = self.mapping(item, "client.variants", VARIANT_KEYS, ("id",))
            if pairs is None:
                continue
            get = _getter(pairs)
            variant_id = self.name(get("id"), "client.variants.id")
            what = f"client.variants.{variant_id or '?'}"
            if variant_id is not None:
                if variant_id in self.variant_ids:
                    self.error("K314", get("id"), "duplicate_variant", name=variant_id)
                self.variant_ids.add(variant_id)
            weight = self.number(get("weight"), f"{what}.weight", low=0)
            if weight == 0:
                self.error("K205", get("weight"), "zero_weight")
            variables = self.overrides(get("variables"), f"{what}.variables", self.variables)
            thresholds = self.overrides(get("thresholds"), f"{what}.thresholds", self.thresholds)
            say: dict[str, tuple[str, ...]] = {}
            for state_text, (key, value) in (self.mapping(get("say"), f"{what}.say") or {}).items():
                state = self.state_ref(key, f"{what}.say")
                lines = self.lines(value, f"{what}.say.{state_text}")
                if state is not None:
                    say[state] = lines
            found.append(
                Variant(
                    id=variant_id or "",
                    description=self.string(get("description"), f"{what}.description") or "",
                    weight=1.0 if weight is None else weight,
                    variables=variables,
                    thresholds=thresholds,
                    say=say,
                    where=self.where(item),
                )
            )
        return tuple(found)

    def overrides(
        self, node: Node | None, what: str, declared: dict[str, float]
    ) -> dict[str, float]:
        """A variant's start values / thresholds: only for names the client declares."""
        is_variables = declared is self.variables
        bounds = VALUE_RANGE if is_variables else (None, None)
        values: dict[str, float] = {}
        for name, (key, value_node) in (self.mapping(node, what) or {}).items():
            value = self.number(value_node, f"{what}.{name}", *bounds)
            if name not in declared:
                code, message = ("K303", "undeclared_variable") if is_variables else (
                    "K312", "undeclared_threshold"
                )  # fmt: skip
                self.unknown(code, key, message, name, declared)
            elif value is not None:
                values[name] = value
        return values

    def states_and_transitions(
        self, declared: list[tuple[str, ScalarNode, Node]]
    ) -> tuple[dict[str, State], list[Transition]]:
        states: dict[str, State] = {}
        transitions: list[Transition] = []
        for name, key, node in declared:
            what = f"states.{name}"
            pairs = self.mapping(node, what, STATE_KEYS)
            if pairs is None:
                continue
            get = _getter(pairs)
            ending = self.enum(get("ending"), f"{what}.ending", OUTCOMES)
            is_ending = "ending" in pairs
            if get("say") is None:
                self.error(
                    "K309", key, "ending_without_say" if is_ending else "state_without_say",
                    name=name,
                )  # fmt: skip
            if is_ending and "on" in pairs:
                self.error("K308", pairs["on"][0], "ending_with_on", name=name)
            ready = []
            for flag, item in self.references(get("ready"), f"{what}.ready"):
                if flag in READINESS:
                    ready.append(flag)
                else:
                    close = _did_you_mean(flag, READINESS)
                    self.error(
                        "K204", item, "bad_enum", "hint_did_you_mean" if close else "hint_one_of",
                        {"name": close, "choices": ", ".join(READINESS)},
                        value=flag, what=f"{what}.ready",
                    )  # fmt: skip
            fallback, gates = (
                self.gated_lines(get("fallback"), f"{what}.fallback")
                if get("fallback") is not None
                else ((), {})
            )
            # Entry lines may be gated too ("As I said: he stays home" once the worker named
            # it); one gates table serves both lists, keyed by the line's text.
            say, say_gates = (
                self.gated_lines(get("say"), f"{what}.say") if get("say") is not None else ((), {})
            )
            gates = {**say_gates, **gates}
            leave = None
            if get("when_worker_leaves") is not None:
                if is_ending:
                    self.error("K308", pairs["when_worker_leaves"][0], "ending_with_on", name=name)
                leave = self.leave(get("when_worker_leaves"), f"{name}.when_worker_leaves", name)
            states[name] = State(
                id=name,
                say=say,
                thought=self.string(get("thought"), f"{what}.thought") or "",
                cues=self.word_refs(get("cues"), f"{what}.cues", "cue"),
                ready=tuple(ready),
                choice=self.choice_ref(get("choice"), f"{what}.choice"),
                fallback=fallback,
                suggestions=self.suggestions(get("suggestions"), f"{what}.suggestions"),
                ending=ending,
                where=self.where(key),
                gates=gates,
                exhausted=self.lines(get("exhausted"), f"{what}.exhausted")
                if get("exhausted") is not None
                else (),
                leave=leave,
            )
            for index, item in enumerate(self.sequence(get("on"), f"{what}.on")):
                transition = self.transition(item, f"{name}.on[{index}]", (name,), False)
                if transition is not None:
                    transitions.append(transition)
            if get("when_unrecognised") is not None:
                if is_ending:
                    self.error("K308", pairs["when_unrecognised"][0], "ending_with_on", name=name)
                transitions += self.unrecognised(
                    get("when_unrecognised"), f"{name}.when_unrecognised", (name,)
                )
        return states, transitions

    def unrecognised(self, node: Node, tid: str, sources: tuple[str, ...]) -> list[Transition]:
        """`when_unrecognised:`: one reaction (a mapping) or several checked in order (a list)."""
        items = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for index, item in enumerate(items):
            item_id = f"{tid}[{index}]" if isinstance(node, SequenceNode) else tid
            pairs = self.mapping(item, item_id, UNRECOGNISED_KEYS)
            if pairs is None:
                continue
            transition = self.transition_from(
                pairs, item, item_id, sources, is_reaction=not sources
            )
            found.append(replace(transition, unrecognised=True))
        return found

    def leave(self, node: Node, tid: str, state: str | None) -> Transition | None:
        """`when_worker_leaves:` (a scenario's or a state's): reply lines and the ending it
        goes to. Whether that ending may be good is checked once every transition is read
        (`check_leaves`)."""
        pairs = self.mapping(node, tid, LEAVE_KEYS, ("go",))
        if pairs is None:
            return None
        transition = self.transition_from(
            pairs, node, tid, (state,) if state else (), is_reaction=state is None
        )
        return replace(transition, leaving=True)

    def check_leaves(
        self, top: Transition | None, states: dict[str, State], transitions: list[Transition]
    ) -> None:
        """K319: taking leave must end the meeting (its `go:` is an ending), and it ends well
        only from a closing state, one whose own transitions reach a good ending: a worker who
        leaves mid-meeting has not finished the work."""
        closing = {
            source
            for tr in transitions
            if tr.target in states and states[tr.target].ending == "good"
            for source in tr.sources
        }
        leaves = [(top, None)] + [(s.leave, sid) for sid, s in states.items()]
        for leave, sid in leaves:
            if leave is None or leave.target is None or leave.target not in states:
                continue
            target = states[leave.target]
            if not target.is_ending:
                self.error_at("K319", leave.where, "leave_not_ending", name=leave.target)
            elif target.ending == "good" and (sid is None or sid not in closing):
                self.error_at(
                    "K319", leave.where, "leave_ends_well_early" if sid else "leave_ends_well_top",
                    name=leave.target, state=sid or "",
                )  # fmt: skip

    def defaults(self, node: Node | None) -> tuple[Transition, ...]:
        """`defaults:` move -> how the client answers it wherever nothing else does."""
        found = []
        holding = []
        for move, (key, value) in (self.mapping(node, "defaults") or {}).items():
            if move not in MOVES and move not in HOLDING_KEYS:
                self.unknown("K302", key, "unknown_move", move, (*MOVES, *HOLDING_KEYS))
                continue
            tid = f"defaults.{move}"
            pairs = self.mapping(value, tid, DEFAULT_KEYS, ("reply",))
            if pairs is None:
                continue
            transition = self.transition_from(pairs, value, tid, (), is_reaction=True)
            if move in HOLDING_KEYS:
                # a question's kind, not a move: words the session says, never a reaction
                holding.append(replace(transition, moves=(move,), is_default=True))
                continue
            found.append(replace(transition, moves=(move,), is_default=True))
        self.holding = tuple(holding)
        return tuple(found)

    def answers(self, node: Node | None) -> tuple[Transition, ...]:
        """`answers:` topic-keyed answers to a question, checked in order. Not reactions: the
        machine never fires them; the client says one when the worker asks about its topic
        and the reaction that fired does not answer that (docs/format.md, "Answers")."""
        found = []
        for index, item in enumerate(self.sequence(node, "answers")):
            tid = f"answers[{index}]"
            pairs = self.mapping(item, tid, ANSWER_KEYS, ("topics", "reply"))
            if pairs is None:
                continue
            transition = self.transition_from(pairs, item, tid, (), is_reaction=False)
            found.append(replace(transition, moves=ANSWER_MOVES))
        return tuple(found)

    def gated_lines(
        self, node: Node | None, what: str
    ) -> tuple[tuple[str, ...], dict[str, LineGate]]:
        """Dialogue lines where each may be a plain string or {text, if, touched, heard, about}."""
        items = self.sequence(node, what, min_items=1)
        texts: list[str] = []
        gates: dict[str, LineGate] = {}
        for item in items:
            if not isinstance(item, MappingNode):
                text = self.string(item, what, non_empty=True)
                if text is not None:
                    texts.append(text)
                continue
            if _colon_in_line(item, LINE_KEYS):
                self.wrong_type(item, what, "type_text")
                continue
            pairs = self.mapping(item, what, LINE_KEYS, ("text",))
            if pairs is None:
                continue
            get = _getter(pairs)
            text = self.string(get("text"), f"{what}.text", non_empty=True)
            if text is None:
                continue
            condition, condition_text = (
                self.condition(get("if"), f"{what}.if") if "if" in pairs else (None, "")
            )
            touched = (
                self.word_refs(get("touched"), f"{what}.touched", "words")
                if "touched" in pairs
                else ()
            )
            heard = (
                self.word_refs(get("heard"), f"{what}.heard", "words") if "heard" in pairs else ()
            )
            about = (
                self.word_refs(get("about"), f"{what}.about", "words") if "about" in pairs else ()
            )
            untouched = (
                self.word_refs(get("untouched"), f"{what}.untouched", "words_or_states")
                if "untouched" in pairs
                else ()
            )
            texts.append(text)
            if condition is not None or touched or heard or about or untouched:
                gates[text] = LineGate(condition, condition_text, touched, heard, about, untouched)
        return tuple(texts), gates

    def suggestions(self, node: Node | None, what: str) -> tuple[Suggestion, ...]:
        found = []
        for item in self.sequence(node, what):
            pairs = self.mapping(item, what, SUGGESTION_KEYS, ("text", "moves"))
            if pairs is None:
                continue
            get = _getter(pairs)
            text = self.string(get("text"), f"{what}.text", non_empty=True)
            moves = self.moves(get("moves"), f"{what}.moves")
            found.append(Suggestion(text or "", moves, self.where(item)))
        return tuple(found)

    def transition_list(self, node: Node | None, section: str, with_from: bool) -> list[Transition]:
        found = []
        for index, item in enumerate(self.sequence(node, section)):
            transition = self.transition(item, f"{section}[{index}]", None, with_from)
            if transition is not None:
                found.append(transition)
        return found

    def transition(
        self, node: Node, tid: str, state: tuple[str, ...] | None, with_from: bool
    ) -> Transition | None:
        """One transition; `state` is the owning state for `on:`, None for the top level."""
        allowed = TOP_TRANSITION_KEYS if with_from else TRANSITION_KEYS
        pairs = self.mapping(node, tid, allowed, ("from",) if with_from else ())
        if pairs is None:
            return None
        get = _getter(pairs)
        if "moves" not in pairs and "topics" not in pairs and "if" not in pairs:
            # A condition alone is a reaction to any turn while it holds; nothing at all
            # would fire on every turn, which is never what an author means.
            self.error("K310", node, "no_moves_or_topics", what=tid)
        sources: tuple[str, ...] = state or ()
        if with_from:
            sources = self.sources(get("from"), f"{tid}.from")
        return self.transition_from(
            pairs, node, tid, sources, is_reaction=state is None and not with_from
        )

    def transition_from(
        self, pairs: Pairs, node: Node, tid: str, sources: tuple[str, ...], is_reaction: bool
    ) -> Transition:
        """The Transition read from a checked mapping (any kind: on, reaction, default, ...)."""
        get = _getter(pairs)
        # Optional keys are read only when present: this runs for every transition.
        condition, condition_text = (
            self.condition(get("if"), f"{tid}.if") if "if" in pairs else (None, "")
        )
        any_move = _is_any(get("moves"))
        if any_move:
            moves: tuple[str, ...] = MOVES
        else:
            moves = self.moves(get("moves"), f"{tid}.moves") if "moves" in pairs else ()
        reply, gates = (
            self.gated_lines(get("reply"), f"{tid}.reply") if "reply" in pairs else ((), {})
        )
        return Transition(
            id=tid,
            sources=sources,
            moves=moves,
            topics=self.word_refs(get("topics"), f"{tid}.topics", "words")
            if "topics" in pairs
            else (),
            condition=condition,
            condition_text=condition_text,
            effects=self.effects(get("effects"), f"{tid}.effects") if "effects" in pairs else (),
            target=self.state_ref(get("go"), f"{tid}.go") if "go" in pairs else None,
            reply=reply,
            note=self.string(get("note"), f"{tid}.note") or "",
            better=self.string(get("better"), f"{tid}.better") or "",
            cues=self.word_refs(get("cues"), f"{tid}.cues", "cue") if "cues" in pairs else (),
            choice=self.choice_ref(get("choice"), f"{tid}.choice") if "choice" in pairs else None,
            is_reaction=is_reaction,
            where=self.where(node),
            any_move=any_move,
            gates=gates,
            exhausted=self.lines(get("exhausted"), f"{tid}.exhausted")
            if "exhausted" in pairs
            else (),
        )

    def sources(self, node: Node | None, what: str) -> tuple[str, ...]:
        """`from:` of a top-level transition: a state id or a list of them, none an ending."""
        items = node.value if isinstance(node, SequenceNode) else [node]
        if isinstance(node, SequenceNode) and not items:
            self.error("K209", node, "empty_list", what=what)
        found = []
        for item in items:
            state = self.state_ref(item, what)
            if state is None:
                continue
            if state in self.endings:
                self.error("K308", item, "from_ending", name=state)
            found.append(state)
        return tuple(found)

    def condition(self, node: Node | None, what: str) -> tuple[Condition | None, str]:
        text = self.string(node, what, non_empty=True)
        if text is None or node is None:
            return None, ""
        try:
            condition = parse_condition(text)
        except ConditionSyntaxError as error:
            found = repr(error.found) if error.found else self.t("cond_end")
            if error.reason in ("too_deep", "too_long"):
                found = error.found
            hint = {"=": "hint_cond_equals", "&": "hint_cond_and", "|": "hint_cond_or"}.get(
                error.found if error.reason == "unexpected_char" else "", ""
            )
            arrow = condition_arrow(text, error.column)
            if arrow:
                hint = "hint_cond_arrow_" + ("ge" if arrow == ">=" else "le")
            self.problems.append(
                diagnostic(
                    "K304", self.column_in(node, error.column), "scenario.bad_condition",
                    self.lang, hint_key=f"scenario.{hint}" if hint else "",
                    problem=self.t(f"cond_{error.reason}", found=found),
                    condition=text if len(text) <= 120 else text[:120] + "…",
                )
            )  # fmt: skip
            return None, text
        known = {**self.variables, **self.thresholds, **dict.fromkeys(BUILTIN_NAMES, 0)}
        for name in sorted(condition.names() - known.keys()):
            column = re.search(rf"\b{re.escape(name)}\b", text)
            where = self.column_in(node, column.start() + 1 if column else 1)
            close = _did_you_mean(name, known)
            self.problems.append(
                diagnostic(
                    "K305", where, "scenario.unknown_condition_name", self.lang,
                    hint_key="scenario.hint_did_you_mean" if close else "scenario.hint_declare",
                    hint_values={"name": close}, name=name,
                )
            )  # fmt: skip
        return condition, text

    def column_in(self, node: Node, column: int) -> Where:
        """The file position of `column` (1-based) inside a one-line scalar's text."""
        where = self.where(node)
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            return where  # block scalars: the text starts on a later line; point at the key
        quote = 0 if is_plain(node) else 1
        return Where(where.file, where.line, where.col + quote + column - 1)

    def effects(self, node: Node | None, what: str) -> tuple[Effect, ...]:
        found = []
        for name, (key, value) in (self.mapping(node, what) or {}).items():
            if name not in self.variables:
                self.unknown("K303", key, "undeclared_variable", name, self.variables)
            effect = self.effect(value, f"{what}.{name}", name)
            if effect is not None and name in self.variables:
                found.append(effect)
        return tuple(found)

    def effect(self, node: Node, what: str, variable: str) -> Effect | None:
        if isinstance(node, ScalarNode) and self.too_long(node, what):
            return None
        if type(node) is ScalarNode and node.tag == "tag:yaml.org,2002:int":
            amount = int(node.value) if node.value.lstrip("+-").isdigit() else None
            if amount is not None and -100 <= amount <= 100:
                return Effect(variable, amount)  # the common case: +10, -5
        if isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS:
            sign, amount = "", _scalar_number(node)
        else:
            match = _EFFECT.match(node.value) if isinstance(node, ScalarNode) else None
            if not match or (isinstance(node, ScalarNode) and node.tag != STR):
                self.error("K210", node, "bad_effect", "hint_effect", value=_text(node), what=what)
                return None
            sign, amount = match.group(1), float(match.group(2))
            amount = -amount if sign == "-" else amount
        low, high = (0, 100) if sign == "=" else (-100, 100)
        if not low <= amount <= high:
            self.error(
                "K205", node, "out_of_range",
                what=what, value=_text(node), low=low, high=high,
            )  # fmt: skip
            return None
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        return Effect(variable, amount, absolute=sign == "=")

    def tests(self, node: Node | None) -> tuple[ScenarioTest, ...]:
        found = []
        for index, item in enumerate(self.sequence(node, "tests")):
            what = f"tests[{index}]"
            pairs = self.mapping(item, what, TEST_KEYS, ("name",))
            if pairs is None:
                continue
            get = _getter(pairs)
            if "turns" not in pairs and "sweep" not in pairs:
                self.error("K203", item, "missing_key", key="turns", what=what)
            variant = self.reference(get("variant"), f"{what}.variant")
            if variant is not None and variant not in self.variant_ids:
                self.unknown("K311", get("variant"), "unknown_variant", variant, self.variant_ids)
            seed = self.number(get("seed"), f"{what}.seed", integer=True)
            turns = []
            for turn_index, turn_node in enumerate(
                self.sequence(get("turns"), f"{what}.turns", min_items=1)
            ):
                turn_what = f"{what}.turns[{turn_index}]"
                turn = self.mapping(turn_node, turn_what, TURN_KEYS)
                if turn is None:
                    continue
                if "say" not in turn and "moves" not in turn:
                    # Nothing for the trainee to do: the turn would test nothing.
                    self.error("K203", turn_node, "missing_key", key="say", what=turn_what)
                tget = _getter(turn)
                moves = self.moves(tget("moves"), f"{turn_what}.moves") if "moves" in turn else None
                turns.append(
                    ScriptedTurn(
                        say=self.string(tget("say"), f"{turn_what}.say") or "",
                        moves=moves,
                        expect=self.state_ref(tget("expect"), f"{turn_what}.expect"),
                        expect_ending=self.enum(
                            tget("expect_ending"), f"{turn_what}.expect_ending", OUTCOMES
                        ),
                        says=self.words_said(tget("says"), f"{turn_what}.says"),
                        not_says=self.words_said(tget("not_says"), f"{turn_what}.not_says"),
                        where=self.where(turn_node),
                    )
                )
            found.append(
                ScenarioTest(
                    name=self.string(get("name"), f"{what}.name", non_empty=True) or "",
                    turns=tuple(turns),
                    seed=int(seed) if seed is not None else None,
                    variant=variant,
                    where=self.where(item),
                    sweep=self.sweep(get("sweep"), f"{what}.sweep") if "sweep" in pairs else None,
                )
            )
        return tuple(found)

    def words_said(self, node: Node | None, what: str) -> tuple[str, ...]:
        """`says:` / `not_says:` of a test turn: one text or a list of them."""
        if isinstance(node, ScalarNode):
            one = self.string(node, what, non_empty=True)
            return (one,) if one is not None else ()
        return self.strings(node, what, min_items=1)

    def sweep(self, node: Node | None, what: str) -> Sweep | None:
        """`sweep:` wordings tried one by one after the test's turns, each with what it
        should do: the state after it (`expect`) and/or the transition it fires."""
        from simulator.scenario.labels import FALLBACK, from_label

        pairs = self.mapping(node, what, SWEEP_KEYS, ("say",))
        if pairs is None:
            return None
        get = _getter(pairs)
        if "expect" not in pairs and "expect_transition" not in pairs:
            self.error("K203", node, "missing_key", key="expect", what=what)
        says = tuple(
            (text, self.where(item))
            for item in self.sequence(get("say"), f"{what}.say", min_items=1)
            if (text := self.string(item, f"{what}.say", non_empty=True)) is not None
        )
        transition = None
        if "expect_transition" in pairs:
            written = self.reference(get("expect_transition"), f"{what}.expect_transition")
            tid = from_label(written) if written and written != FALLBACK else written
            if written and tid != FALLBACK and tid not in self.transition_ids:
                from simulator.scenario.labels import label

                self.unknown(
                    "K318", get("expect_transition"), "unknown_transition", written,
                    sorted(label(x) for x in self.transition_ids),
                )  # fmt: skip
            else:
                transition = tid
        return Sweep(
            says=says,
            expect=self.state_ref(get("expect"), f"{what}.expect") if "expect" in pairs else None,
            expect_transition=transition,
            where=self.where(node),
        )


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _scalar_number(node: ScalarNode) -> float:
    """The number a resolved int/float scalar stands for (YAML 1.1 spellings included)."""
    try:
        return int(node.value) if node.tag.endswith(":int") else float(node.value)
    except ValueError:
        # 0x1f, 1_000, 1:30, .inf and friends: let PyYAML's own constructor read them.
        import yaml

        constructor = yaml.constructor.SafeConstructor()
        if node.tag.endswith(":int"):
            return constructor.construct_yaml_int(node)
        return constructor.construct_yaml_float(node)


def _is_any(node: Node | None) -> bool:
    """`moves: any` (or `moves: [any]`): every move the state does not handle otherwise."""
    if isinstance(node, SequenceNode) and len(node.value) == 1:
        node = node.value[0]
    return isinstance(node, ScalarNode) and node.tag == STR and node.value == ANY_MOVE


def _getter(pairs: Pairs) -> Callable[[str], Node | None]:
    """`get(key)`: the value node under `key`, or None (a dict's own get: this runs a lot)."""
    return {name: value for name, (_, value) in pairs.items()}.get


def _show(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if float(value).is_integer() else str(value)


def _colon_in_line(node: Node, keys: frozenset[str]) -> bool:
    """A one-pair mapping of plain text (`Arthur: everyone calls me Arthur.`) whose key is
    none of `keys`: a line of dialogue that ': ' turned into a mapping."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    return (
        isinstance(key, ScalarNode)
        and isinstance(value, ScalarNode)
        and is_plain(key)
        and key.value not in keys
    )


def _text(node: Node) -> str:
    return node.value if isinstance(node, ScalarNode) else "…"
