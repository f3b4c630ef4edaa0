"""Nothing changes silently: compare what the author wrote with what YAML made of it.

The loader sees values; a lecturer sees lines. Where the two differ in a way no writer
means, `check` warns with the fix (K50x):
    K501 warning  a line split in two at a comma (`[“Well, Arthur.”]`, `[Joo, kyllä mä tiedän.]`)
    K502 warning  a `#` cut a line: the rest was read as a comment (`- Number #1 nurse`)
    K503 warning  typographic quotes kept as part of the line (`- “Well, Arthur.”`): the
                  client would say them; YAML only knows " and ' as quotes

The check reads the source span of every scalar (its start and end marks) and the rest of
its line, so it needs the text, not the loaded scenario. It never raises on bad YAML: the
loader reports that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from simulator.i18n import t
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.model import Where

#: keys whose lists are dialogue: one item is one line the client says
DIALOGUE = frozenset(("say", "reply", "fallback", "exhausted"))
#: keys whose lists are names or words, where `[a, b]` is meant as two items
NAMES = frozenset(
    (
        "words",
        "moves",
        "topics",
        "cues",
        "ready",
        "tags",
        "from",
        "touched",
        "heard",
        "about",
        "untouched",
    )
)
OPENING = "“„«‘\"'"
CURLY = {"“": "”", "„": "”", "«": "»", "‘": "’", "”": "”"}
_CUT = re.compile(r"[ \t]+#(?=\S)")
_ENDS_SENTENCE = re.compile(r"[.!?…:;)\]”»\"']\s*\Z")


def check_file(path: str | Path, lang: str | None = None) -> list[Diagnostic]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # the loader says why
    return check_text(text, str(path), lang)


def check_text(text: str, file: str, lang: str | None = None) -> list[Diagnostic]:
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    if root is None:
        return []
    found: list[Diagnostic] = []
    for node, key in _walk(root, ""):
        if isinstance(node, SequenceNode) and node.flow_style and key not in NAMES:
            found.extend(_splits(node, key, file, lang))
        elif isinstance(node, ScalarNode) and not node.style:
            found.extend(_cut(node, text, file, lang))
            if key in DIALOGUE or key == "text":
                found.extend(_curly(node, file, lang))
    found.sort(key=Diagnostic.sort_key)
    return found


def _walk(node: Node, key: str, in_list: bool = False) -> Iterator[tuple[Node, str]]:
    """Every value node with the key it sits under (list items inherit their list's key)."""
    yield node, key
    if isinstance(node, MappingNode):
        for k, v in node.value:
            name = k.value if isinstance(k, ScalarNode) else ""
            # A variant's `say:` maps state ids to dialogue lists; a line of a `say:` list
            # written as a mapping (`text:`, `about: [savings, rent]`) keeps its own keys.
            variant_say = key == "say" and not in_list and isinstance(v, SequenceNode)
            yield from _walk(v, "say" if variant_say else name)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _walk(item, key, in_list=True)


def _where(node: Node, file: str) -> Where:
    return Where(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _warn(
    code: str, node: Node, file: str, key: str, lang: str | None, **values: str
) -> Diagnostic:
    return Diagnostic(
        code, "warning", _where(node, file),
        t(f"authoring.{key}", lang, **values), t(f"authoring.{key}_hint", lang, **values),
    )  # fmt: skip


def _unbalanced(text: str) -> bool:
    """Whether the text opens a quote it does not close (straight or typographic)."""
    if text.count('"') % 2:
        return True
    return any(text.count(o) != text.count(c) for o, c in (("“", "”"), ("„", "”"), ("«", "»")))


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in OPENING and text[-1] in "”»’\"'":
        text = text[1:-1]
    return text.replace('"', '\\"')


def _splits(node: SequenceNode, key: str, file: str, lang: str | None) -> list[Diagnostic]:
    """K501: plain items of a flow list that the author meant as one line."""
    found = []
    items = node.value
    index = 0
    while index < len(items):
        item = items[index]
        if not (isinstance(item, ScalarNode) and not item.style):
            index += 1
            continue
        end = index
        if _unbalanced(item.value):
            # A quote opened in this item closes in a later one: YAML split the line at commas.
            probe = index + 1
            while probe < len(items) and isinstance(items[probe], ScalarNode):
                if _unbalanced(items[probe].value):
                    end = probe
                    break
                probe += 1
        elif key in DIALOGUE:
            # `[Joo, kyllä mä tiedän.]`: the next item carries on the sentence in lower case.
            while (
                end + 1 < len(items)
                and isinstance(items[end + 1], ScalarNode)
                and not items[end + 1].style
                and items[end + 1].value[:1].islower()
                and not _ENDS_SENTENCE.search(items[end].value)
            ):
                end += 1
        if end > index:
            parts = [items[i].value for i in range(index, end + 1)]
            line = _unquote(", ".join(parts))
            found.append(
                _warn(
                    "K501",
                    item,
                    file,
                    "split_line",
                    lang,
                    parts=" / ".join(f"'{p}'" for p in parts),
                    line=line,
                )  # fmt: skip
            )
        index = end + 1
    return found


def _cut(node: ScalarNode, text: str, file: str, lang: str | None) -> list[Diagnostic]:
    """K502: the line goes on after the value as `#...`: YAML took it for a comment."""
    end = node.end_mark.index
    eol = text.find("\n", end)
    rest = text[end : eol if eol >= 0 else len(text)]
    match = _CUT.match(rest)
    if not match:
        return []
    comment = rest[match.end() :].rstrip()
    whole = f"{node.value} #{comment}".replace('"', '\\"')
    return [
        _warn(
            "K502",
            node,
            file,
            "cut_line",
            lang,
            value=node.value,
            comment=comment,
            line=whole,
        )  # fmt: skip
    ]


def _curly(node: ScalarNode, file: str, lang: str | None) -> list[Diagnostic]:
    """K503: a whole line in typographic quotes: YAML keeps them, the client would say them."""
    value = node.value.strip()
    if len(value) >= 2 and value[0] in CURLY and value[-1] == CURLY[value[0]]:
        return [_warn("K503", node, file, "curly_quotes", lang, line=_unquote(value))]
    return []
