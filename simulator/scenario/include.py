"""`include:` shared parts of scenarios, merged into the scenario before it is read.

A *shared part* is a YAML file that starts with `part: <what it holds>` and holds any of the
scenario's own sections (reactions, defaults, client_feedback, topics, a persona, ...). A
scenario lists the parts it uses under `include:`, by paths relative to its own folder; a
part may include other parts. The merge happens on the composed nodes, so every node keeps
the file and line it was written at and the loader's messages name the part's own line, with
the chain of files that included it (`included from scenario.yaml:5`).

How the scenario's own keys meet the included ones (docs/format.md, "Shared parts"):
- mappings merge key by key; a single state, topic, cue, choice or default, and anything that
  is not a mapping (a text, a number, a list of lines), is taken whole: the including file's
  own version replaces the included one;
- `reactions`, `transitions` and `tests` add up: the including file's own first, then each
  included part's in the order of `include:`;
- two parts included side by side may not both set the same thing (K113): neither could be
  said to win.

Safety is a scenario file's: each part is a regular UTF-8 file of at most 1 MiB read through
the guarded reader, no anchors or aliases, no control characters; all parts of one scenario
together at most 1 MiB, at most 32 files, and never a cycle. A part must say it is one
(`part:`), so `include:` cannot be pointed at any other YAML file on the machine to have its
contents quoted back in error messages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.scenario.diagnostics import Diagnostic, diagnostic
from simulator.scenario.limits import MAX_PART_BYTES, MAX_PARTS
from simulator.scenario.model import Where
from simulator.scenario.yamlsafe import (
    MAP,
    MAX_BYTES,
    SEQ,
    STR,
    PartMark,
    compose_text,
    where_of,
)

INCLUDE = "include"
PART = "part"
#: sections whose entries add up instead of replacing each other
ADDITIVE = frozenset(("reactions", "transitions", "tests"))
#: sections whose entries (one state, topic, ...) are each replaced whole
WHOLE_ENTRIES = frozenset(("states", "topics", "cues", "choices", "defaults"))
#: what makes a scenario the scenario it is: never set by a part
SCENARIO_ONLY = frozenset(("kohtaamo", "id", "title", "translation_of"))
SUFFIXES = (".yaml", ".yml")


def is_part(root: Node | None) -> bool:
    """Whether a composed document is a shared part (a mapping with `part:`, no `kohtaamo:`)."""
    keys = _keys(root)
    return PART in keys and "kohtaamo" not in keys


def includes_of(root: Node | None) -> bool:
    return INCLUDE in _keys(root)


@dataclass
class Resolved:
    """The scenario's document with its parts merged in, and what reading them found."""

    root: Node | None
    #: every part read, as named in positions (the scenario's folder joined with the path)
    files: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    #: part file -> the include item that brought it in (for "included from")
    via: dict[str, Where] = field(default_factory=dict)

    def explain(self, problems: list[Diagnostic], lang: str | None = None) -> list[Diagnostic]:
        """Each problem positioned in a part gets the chain of files that included it."""
        if not self.via:
            return problems
        out = []
        for problem in problems:
            chain = []
            where = self.via.get(problem.where.file)
            origin = ""
            while where is not None and len(chain) <= MAX_PARTS:
                chain.append(str(where))
                origin = where.file
                where = self.via.get(where.file)
            if chain:
                problem = replace(problem, via=", ".join(chain), origin=origin)
            out.append(problem)
        return out


def resolve(root: Node, file: str, lang: str | None = None) -> Resolved:
    """`root` with every part under its `include:` merged in (see the module docstring)."""
    resolver = _Resolver(lang)
    merged = resolver.expand(root, file, [os.path.realpath(file)])
    return Resolved(merged, resolver.files, resolver.problems, resolver.via)


def source_files(path: str | os.PathLike[str]) -> list[str]:
    """The scenario file and every part it includes, at every level (best effort: a file
    that cannot be read is still named). What `--watch` and the library watch for changes."""
    from simulator.safeio import Refused, read_text_bounded

    name = os.fspath(path)
    try:
        root, _ = compose_text(read_text_bounded(name, MAX_BYTES), name)
    except (Refused, OSError):
        return [name]
    if root is None or not includes_of(root):
        return [name]
    resolver = _Resolver(None)
    resolver.expand(root, name, [os.path.realpath(name)])
    return [name, *resolver.files, *resolver.missing]


def is_part_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file is a shared part (False for anything unreadable: the loader says why)."""
    from simulator.safeio import Refused, read_text_bounded

    try:
        root, _ = compose_text(read_text_bounded(path, MAX_BYTES), os.fspath(path))
    except (Refused, OSError):
        return False
    return is_part(root)


def check_part(path: str | os.PathLike[str], lang: str | None = None) -> list[Diagnostic]:
    """What can be checked of a part on its own: its YAML, its keys and its own includes (its
    references to states, topics and moves only mean something in a scenario)."""
    from simulator.safeio import Refused, read_text_bounded
    from simulator.scenario.hints import refine_syntax
    from simulator.scenario.loader import TOP_KEYS

    name = os.fspath(path)
    try:
        text = read_text_bounded(name, MAX_BYTES)
    except Refused as refused:
        return [diagnostic("K107", Where(name, 1, 1), "scenario.unreadable", lang,
                           reason=refused.message(lang))]  # fmt: skip
    root, problems = compose_text(text, name, lang)
    if root is None:
        return refine_syntax(problems, text, lang)
    resolver = _Resolver(lang)
    resolver.problems.extend(problems)
    allowed = (TOP_KEYS | {PART}) - SCENARIO_ONLY
    assert isinstance(root, MappingNode)  # is_part said so
    for key, _ in root.value:
        if _name(key) in SCENARIO_ONLY:
            resolver.error("K202", where_of(key, name), "part_scenario_key",
                           "hint_part_scenario_key", key=_name(key))  # fmt: skip
        elif _name(key) not in allowed:
            resolver.error("K202", where_of(key, name), "unknown_key", "hint_one_of",
                           name=_name(key), choices=", ".join(sorted(allowed)))  # fmt: skip
    resolver.expand(root, name, [os.path.realpath(name)])
    found = Resolved(root, resolver.files, resolver.problems, resolver.via)
    return sorted(found.explain(found.problems, lang), key=Diagnostic.sort_key)


class _Resolver:
    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        self.files: list[str] = []
        self.missing: list[str] = []
        self.problems: list[Diagnostic] = []
        self.via: dict[str, Where] = {}
        self.seen: set[str] = set()
        self.size = 0
        #: (path, first key, second key): set by two parts side by side
        self.clashes: list[tuple[tuple[str, ...], Node, Node]] = []

    def error(
        self, code: str, where: Where, template: str, hint: str = "", **values: object
    ) -> None:
        self.problems.append(
            diagnostic(
                code, where, f"scenario.{template}", self.lang,
                hint_key=f"scenario.{hint}" if hint else "", hint_values=values, **values,
            )
        )  # fmt: skip

    def expand(self, root: Node, file: str, chain: list[str]) -> Node:
        """`root` (read from `file`) with its own includes merged in; `chain` holds the real
        paths of the files including it, for cycles."""
        if not isinstance(root, MappingNode):
            return root
        own = [(k, v) for k, v in root.value if _name(k) != INCLUDE]
        include = next((v for k, v in root.value if _name(k) == INCLUDE), None)
        if include is None:
            return root
        items = include.value if isinstance(include, SequenceNode) else [include]
        parts: list[Node] = []
        for item in items:
            part = self.part(item, file, chain)
            if part is not None:
                parts.append(part)
        if not parts:
            return MappingNode(MAP, own, root.start_mark, root.end_mark, root.flow_style)
        mine = _scalar(own, "language")
        for part in parts:
            theirs = _pair(part.value, "language")
            language = _name(theirs[1]) if theirs else ""
            if mine and language and language != mine:
                assert theirs is not None
                self.error("K115", where_of(theirs[1], ""), "include_language",
                           "hint_include_language", part=language, scenario=mine)  # fmt: skip
        included = parts[0]
        outer, self.clashes = self.clashes, []
        for later in parts[1:]:
            included = self.side_by_side(included, later, ())
        self.report_clashes(own)
        self.clashes = outer
        return MappingNode(
            MAP, _over(own, included.value, ()), root.start_mark, root.end_mark, root.flow_style
        )

    def part(self, item: Node, file: str, chain: list[str]) -> MappingNode | None:
        """The part one `include:` item names, read, checked and with its own includes."""
        from simulator.safeio import Refused, read_bounded

        at = where_of(item, file)
        if not (isinstance(item, ScalarNode) and item.tag == STR and item.value.strip()):
            self.error("K110", at, "include_not_path", "hint_include_path")
            return None
        written = item.value.strip()
        if os.path.isabs(written) or written.startswith("~"):
            self.error("K110", at, "include_absolute", "hint_include_path", path=written)
            return None
        if not written.lower().endswith(SUFFIXES):
            self.error("K110", at, "include_not_yaml", "hint_include_path", path=written)
            return None
        name = os.path.normpath(os.path.join(os.path.dirname(file), written))
        real = os.path.realpath(name)
        if real in chain:
            names = [os.path.basename(p) for p in chain[chain.index(real) :]]
            cycle = " → ".join([*names, os.path.basename(real)])
            self.error("K111", at, "include_cycle", "hint_include_cycle", cycle=cycle)
            return None
        if real in self.seen:
            return None  # included twice (two parts share a third): its entries count once
        if len(self.seen) >= MAX_PARTS:
            self.error("K114", at, "include_too_many", limit=MAX_PARTS)
            return None
        self.seen.add(real)
        self.via[name] = at
        try:
            data = read_bounded(name, MAX_BYTES)
        except Refused as refused:
            from simulator.i18n import t

            self.missing.append(name)
            reason = t(f"cli.{refused.reason}", self.lang, **refused.values)
            close = _near(name, written) if refused.reason == "file_missing" else None
            hint = "hint_did_you_mean" if close else "hint_include_path"
            self.error("K110", at, "include_unreadable", hint,
                       path=written, reason=reason, name=close)  # fmt: skip
            return None
        self.files.append(name)
        self.size += len(data)
        if self.size > MAX_PART_BYTES:
            self.error("K114", at, "include_too_large", size=self.size, limit=MAX_PART_BYTES)
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.error("K107", Where(name, line, 1), "not_utf8", "hint_utf8")
            return None
        root, problems = compose_text(text, name, self.lang)
        if root is not None and not is_part(root):
            # Only "not a part": what else the file holds (its keys, say) is none of this
            # scenario's business and is not quoted back.
            key = "include_scenario" if "kohtaamo" in _keys(root) else "include_not_part"
            self.error("K112", at, key, "hint_include_part", path=written)
            return None
        if problems:
            from simulator.scenario.hints import refine_syntax

            if root is None:
                problems = refine_syntax(problems, text, self.lang)
            self.problems.extend(problems)
        if root is None:
            if not problems:
                self.error("K112", at, "include_not_part", "hint_include_part", path=written)
            return None
        _relabel(root, name)
        assert isinstance(root, MappingNode)
        for key, _ in root.value:
            if _name(key) in SCENARIO_ONLY:
                self.error("K202", where_of(key, name), "part_scenario_key",
                           "hint_part_scenario_key", key=_name(key))  # fmt: skip
        expanded = self.expand(root, name, [*chain, real])
        assert isinstance(expanded, MappingNode)
        kept = [(k, v) for k, v in expanded.value if _name(k) not in (PART, *SCENARIO_ONLY)]
        return MappingNode(MAP, kept, root.start_mark, root.end_mark)

    def side_by_side(self, first: MappingNode, second: MappingNode, path: tuple[str, ...]) -> Node:
        """Two parts included by the same file: what both set is a conflict (K113), except
        lists that add up and mappings, merged key by key."""
        pairs = list(first.value)
        index = {_name(k): i for i, (k, _) in enumerate(pairs)}
        for key, value in second.value:
            name = _name(key)
            if name not in index:
                pairs.append((key, value))
                continue
            old_key, old = pairs[index[name]]
            inner = (*path, name)
            both_lists = isinstance(old, SequenceNode) and isinstance(value, SequenceNode)
            if _adds_up(inner) and both_lists:
                pairs[index[name]] = (old_key, _joined(old, value))
            elif _merges(inner) and isinstance(old, MappingNode) and isinstance(value, MappingNode):
                pairs[index[name]] = (old_key, self.side_by_side(old, value, inner))
            elif name == "language" and not path:
                continue  # checked against the scenario's own language by the loader
            else:
                # Said only if the including file does not settle it with its own version.
                self.clashes.append((inner, old_key, key))
        return MappingNode(MAP, pairs, first.start_mark, first.end_mark)

    def report_clashes(self, own: list[tuple[Node, Node]]) -> None:
        for path, first_key, key in self.clashes:
            if not _sets(own, path):
                first_at = where_of(first_key, "")
                self.error("K113", where_of(key, ""), "include_conflict",
                           "hint_include_conflict", key=".".join(path),
                           first=f"{first_at.file}:{first_at.line}")  # fmt: skip
        self.clashes = []


def _over(own: list[tuple[Node, Node]], included: list[tuple[Node, Node]], path: tuple[str, ...]):
    """The including file's own pairs over the included ones (the module docstring's rules)."""
    pairs = list(own)
    index = {_name(k): i for i, (k, _) in enumerate(pairs)}
    for key, value in included:
        name = _name(key)
        if name not in index:
            pairs.append((key, value))
            continue
        own_key, mine = pairs[index[name]]
        inner = (*path, name)
        if _adds_up(inner) and isinstance(mine, SequenceNode) and isinstance(value, SequenceNode):
            pairs[index[name]] = (own_key, _joined(mine, value))
        elif _merges(inner) and isinstance(mine, MappingNode) and isinstance(value, MappingNode):
            merged = _over(mine.value, value.value, inner)
            pairs[index[name]] = (
                own_key,
                MappingNode(MAP, merged, mine.start_mark, mine.end_mark, mine.flow_style),
            )
        # else: the own value stands, whole (a text, a list of lines, one state, ...)
    return pairs


def _sets(pairs: list[tuple[Node, Node]], path: tuple[str, ...]) -> bool:
    """Whether the own `pairs` set what is at `path` (or a whole value above it)."""
    for depth, name in enumerate(path):
        found = _pair(pairs, name)
        if found is None:
            return False
        value = found[1]
        if depth + 1 == len(path) or not isinstance(value, MappingNode):
            return True
        if not _merges(path[: depth + 1]):
            return True
        pairs = value.value
    return True


def _adds_up(path: tuple[str, ...]) -> bool:
    return len(path) == 1 and path[0] in ADDITIVE


def _merges(path: tuple[str, ...]) -> bool:
    """Whether a mapping at `path` merges key by key (not one state, topic, ... itself)."""
    return not (len(path) >= 2 and path[0] in WHOLE_ENTRIES)


def _joined(first: SequenceNode, second: SequenceNode) -> SequenceNode:
    return SequenceNode(
        SEQ, [*first.value, *second.value], first.start_mark, first.end_mark, first.flow_style
    )


def _relabel(root: Node, file: str) -> None:
    """Give every node of a part a PartMark naming the part's file."""
    stack = [root]
    while stack:
        node = stack.pop()
        for attr in ("start_mark", "end_mark"):
            mark = getattr(node, attr, None)
            if mark is not None and not isinstance(mark, PartMark):
                setattr(node, attr, PartMark(file, mark.index, mark.line, mark.column, None, None))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


def _near(name: str, written: str) -> str | None:
    """A YAML file beside the missing one with a close name, written as the author would."""
    import difflib

    folder = os.path.dirname(name) or "."
    try:
        names = [n for n in os.listdir(folder) if n.lower().endswith(SUFFIXES)]
    except OSError:
        return None
    close = difflib.get_close_matches(os.path.basename(name), names, n=1, cutoff=0.6)
    if not close:
        return None
    return os.path.join(os.path.dirname(written), close[0]).replace(os.sep, "/")


def _pair(pairs: list[tuple[Node, Node]], key: str) -> tuple[Node, Node] | None:
    return next(((k, v) for k, v in pairs if _name(k) == key), None)


def _scalar(pairs: list[tuple[Node, Node]], key: str) -> str:
    found = _pair(pairs, key)
    return _name(found[1]) if found else ""


def _name(key: Node) -> str:
    return key.value if isinstance(key, ScalarNode) else ""


def _keys(root: Node | None) -> set[str]:
    if not isinstance(root, MappingNode):
        return set()
    return {_name(k) for k, _ in root.value}
