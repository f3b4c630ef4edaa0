"""Safe YAML for scenario files: nodes with positions, and refusal of YAML's traps.

`compose_text` composes (never constructs) the document, so every node keeps its
`start_mark` and the loader can name file:line:col for any problem. Refused here, before any
meaning is read: files over 1 MiB, anchors and aliases (they make a script hard to read and
can blow up in size), duplicate keys (PyYAML would silently keep the last) and keys that
are not scalars. Scalar keys are read as the text written, so `on:` (YAML 1.1's `true`) is
the key "on" the format uses. Typed scalars where a string is expected (`- no` read as
false) depend on the schema, so the loader asks `plain_surprise` about them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.safetext import clean_surrogates, has_unsafe
from simulator.scenario.diagnostics import Diagnostic, diagnostic
from simulator.scenario.limits import MAX_BYTES
from simulator.scenario.model import Where

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
# libyaml's safe loader when installed. PyYAML's own tag resolver is used as it is: a leaner
# override saved ~30 ms CPU (~12%) loading a generated 1,000-state scenario and nothing a
# user would notice on a real one (benchmarks/load.py, target 0.5 s met either way).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: resolved tag -> what the author gets instead of their text
SURPRISES = {
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "timestamp",
}


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large tree of nodes.

    Composing a 1,000-state scenario allocates ~150,000 objects, which sets off repeated full
    collections that rescan all of them: more than half of the load time. The tree has no
    reference cycles (aliases are refused), so nothing is left for the collector to find.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class PartMark(yaml.Mark):
    """The position of a node read from an included part (simulator.scenario.include): the
    part's file name travels with the node, so a message names the part, not the scenario."""


def where_of(node: Node | yaml.Mark | None, file: str) -> Where:
    """1-based position of a node (or mark) in `file` (or in the part it was included from)."""
    mark = node.start_mark if isinstance(node, Node) else node
    if mark is None:
        return Where(file, 1, 1)
    if type(mark) is PartMark:
        file = mark.name
    return Where(file, mark.line + 1, mark.column + 1)


def is_plain(node: ScalarNode) -> bool:
    # The C loader reports plain style as "", the pure-Python one as None.
    return not node.style


def plain_surprise(node: Node) -> str | None:
    """For an unquoted scalar YAML reads as something other than text: that kind, else None."""
    if isinstance(node, ScalarNode) and node.tag != STR and is_plain(node):
        return SURPRISES.get(node.tag)
    return None


def compose_text(
    text: str, file: str, lang: str | None = None
) -> tuple[Node | None, list[Diagnostic]]:
    """The document's root node (None if unusable) and every YAML-level problem found."""
    # Lone surrogates (text given through the API, not read from a file) cannot be
    # encoded for the parser: U+FFFD, as the trainee's text gets.
    text = clean_surrogates(text)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        where = Where(file, 1, 1)
        return None, [
            diagnostic("K102", where, "scenario.too_large", lang, size=size, limit=MAX_BYTES)
        ]
    if "&" in text or "*" in text:
        problems = _anchors(text, file, lang)
        if problems:
            # Never compose a document with aliases: a nested alias bomb would explode later.
            return None, problems
    try:
        with no_gc_pauses():
            root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax(error, file, lang)]
    except RecursionError:
        # libyaml stops at 1,000 levels with a positioned error; the pure-Python composer
        # (no libyaml) recurses per level and would run out of stack first.
        problem = "exceeded maximum nesting depth"
        return None, [diagnostic("K101", Where(file, 1, 1), "scenario.yaml_syntax", lang,
                                 problem=problem)]  # fmt: skip
    except yaml.YAMLError as error:
        return None, [
            diagnostic("K101", Where(file, 1, 1), "scenario.yaml_syntax", lang, problem=error)
        ]
    return root, _check_keys(root, file, lang) if root is not None else []


def _anchors(text: str, file: str, lang: str | None) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                where = where_of(event.start_mark, file)
                problems.append(
                    diagnostic(
                        "K103",
                        where,
                        "scenario.alias",
                        lang,
                        hint_key="scenario.hint_alias",
                        name=event.anchor,
                    )
                )
            elif getattr(event, "anchor", None):
                where = where_of(event.start_mark, file)
                problems.append(
                    diagnostic(
                        "K103",
                        where,
                        "scenario.anchor",
                        lang,
                        hint_key="scenario.hint_alias",
                        name=event.anchor,
                    )
                )
    except yaml.YAMLError:
        pass  # composing reports syntax errors with a better message
    return problems


#: words in PyYAML's message -> (plain-language problem, hint naming the usual cause)
_SYNTAX = (
    ("another document", "syntax_two_documents", "hint_single_document"),
    ("expected a single document", "syntax_two_documents", "hint_single_document"),
    ("tab character", "syntax_tab", "hint_tab"),
    ("'\\t'", "syntax_tab", "hint_tab"),
    ("mapping values are not allowed", "syntax_colon", "hint_colon"),
    ("expected ',' or ']'", "syntax_bracket", "hint_bracket"),
    ("expected ',' or '}'", "syntax_bracket", "hint_bracket"),
    ("found unknown escape", "syntax_escape", "hint_escape"),
    ("quoted scalar", "syntax_quote", "hint_unclosed_quote"),
    ("did not find expected key", "syntax_indent", "hint_indent"),
    ("did not find expected '-' indicator", "syntax_indent", "hint_indent"),
    ("could not find expected ':'", "syntax_indent", "hint_indent"),
    ("expected <block end>", "syntax_indent", "hint_indent"),
)


def _syntax(error: yaml.MarkedYAMLError, file: str, lang: str | None) -> Diagnostic:
    from simulator.i18n import t

    problem = (error.problem or error.context or "").strip()
    both = f"{error.context or ''} {problem}"
    known = next((entry for entry in _SYNTAX if entry[0] in both), None)
    if known:
        problem = t(f"scenario.{known[1]}", lang)
    mark = error.problem_mark or error.context_mark
    # An unclosed quote or bracket is only noticed at the end of the file: point where it opened.
    if error.context_mark and ("end of stream" in both or "expected ',' or" in both):
        mark = error.context_mark
    return diagnostic(
        "K101", where_of(mark, file), "scenario.yaml_syntax", lang,
        hint_key=f"scenario.{known[2]}" if known else "", problem=problem,
    )  # fmt: skip


def _control(node: ScalarNode, file: str, lang: str | None) -> Diagnostic:
    found = has_unsafe(node.value)
    code = f"U+{ord(found.group()):04X}" if found else "?"
    return diagnostic(
        "K108", where_of(node, file), "scenario.control_char", lang,
        hint_key="scenario.hint_control_char", char=code,
    )  # fmt: skip


def _check_keys(root: Node, file: str, lang: str | None) -> list[Diagnostic]:
    """Duplicate keys and non-scalar keys anywhere in the document, and text with control
    characters (an OSC 52 escape sequence would reach every terminal that shows the text)."""
    problems: list[Diagnostic] = []
    # (node, whether it is the `states` mapping: a duplicate there is a duplicate state id)
    stack: list[tuple[Node, bool]] = [(root, False)]
    keys: list[Node] = []
    while stack:
        node, is_states = stack.pop()
        if type(node) is MappingNode:
            pairs = node.value
            keys.extend(k for k, _ in pairs)
            if node is root:
                stack.extend((v, getattr(k, "value", None) == "states") for k, v in pairs)
            else:
                stack.extend((v, False) for _, v in pairs)
            try:
                distinct = len({k.value for k, _ in pairs}) == len(pairs)
            except TypeError:  # a list or mapping as a key: its value is unhashable
                distinct = False
            if not distinct:
                problems.extend(_key_problems(pairs, is_states, file, lang))
        elif type(node) is SequenceNode:
            stack.extend((item, False) for item in node.value)
        elif has_unsafe(node.value):
            problems.append(_control(node, file, lang))
    for key in keys:
        if isinstance(key, ScalarNode) and has_unsafe(key.value):
            problems.append(_control(key, file, lang))
    problems.sort(key=Diagnostic.sort_key)
    return problems


def _key_problems(
    pairs: list[tuple[Node, Node]], is_states: bool, file: str, lang: str | None
) -> list[Diagnostic]:
    problems = []
    seen: dict[str, Node] = {}
    for key, _ in pairs:
        if not isinstance(key, ScalarNode):
            problems.append(
                diagnostic("K105", where_of(key, file), "scenario.key_not_string", lang)
            )
            continue
        first = seen.setdefault(key.value, key)
        if first is not key:
            problems.append(
                diagnostic(
                    "K104",
                    where_of(key, file),
                    "scenario.duplicate_state" if is_states else "scenario.duplicate_key",
                    lang,
                    hint_key="scenario.hint_duplicate_key",
                    hint_values={"line": first.start_mark.line + 1},
                    key=key.value,
                )
            )
    return problems
