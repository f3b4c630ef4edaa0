"""The condition language of scenario files, e.g. `trust >= opens_up and not distress > 70`.

A tokenizer and a recursive-descent parser build a small AST; the AST is compiled once into
nested closures so the engine can evaluate a condition every turn without re-parsing and
without `eval`. Grammar (lowest precedence first):

    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | primary
    primary    := "(" or_expr ")" | comparison
    comparison := value ("<" | "<=" | ">" | ">=" | "==" | "!=") value
    value      := NUMBER | NAME

A bare name is not a condition: every test is an explicit comparison, which keeps the
meaning of a scenario readable for authors who are not programmers.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from simulator.scenario.limits import MAX_DEPTH, MAX_DIGITS

COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
KEYWORDS = frozenset({"and", "or", "not"})

#: Names every condition can read besides the scenario's variables and thresholds.
TURN = "turn"  # the trainee's turns so far, this one included
WORDS = "words"  # how many words the trainee's turn has (plain-language scenarios)
BUILTIN_NAMES = (TURN, WORDS)
#: Names a scenario cannot give its own variables, states and the like: the built-ins above
#: and what the state machine (transitions) uses on the model.
RESERVED_NAMES = frozenset({*BUILTIN_NAMES, "trigger", "state"})
RESERVED_PREFIXES = ("to_", "may_", "on_enter", "on_exit")
_WORDS = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits ("don't" is two)."""
    return len(_WORDS.findall(text))


_TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<number>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()])|(?P<bad>.)",
    re.DOTALL,
)


#: English texts of the syntax errors; the loader shows them in the UI language by `reason`.
_REASONS = {
    "empty": "empty condition",
    "unexpected_char": "unexpected character {found}",
    "expected_value": "expected a name or a number, found {found}",
    "expected_comparison": "expected a comparison (< <= > >= == !=), found {found}",
    "expected_paren": "expected ')', found {found}",
    "expected_end": "expected 'and', 'or' or the end, found {found}",
    "too_deep": "nested too deeply (more than {found} parentheses or 'not's inside each other)",
    "too_long": "a number of more than {found} digits",
}


class ConditionSyntaxError(ValueError):
    """The condition does not parse; `column` is 1-based inside the condition text.

    `reason` is one of the keys of `_REASONS`; `found` is the offending text ("" at the end).
    """

    def __init__(self, message: str, column: int, reason: str = "", found: str = "") -> None:
        super().__init__(f"{message} (column {column})")
        self.message = message
        self.column = column
        self.reason = reason
        self.found = found

    @classmethod
    def of(cls, reason: str, column: int, found: str = "") -> ConditionSyntaxError:
        shown = found if reason in ("too_deep", "too_long") else repr(found) if found else "the end"
        return cls(_REASONS[reason].format(found=shown), column, reason, found)


@dataclass(frozen=True)
class Number:
    value: float

    def __str__(self) -> str:
        return str(int(self.value)) if self.value.is_integer() else repr(self.value)


@dataclass(frozen=True)
class Name:
    name: str

    def __str__(self) -> str:
        return self.name


Value = Number | Name


@dataclass(frozen=True)
class Compare:
    left: Value
    op: str
    right: Value

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


@dataclass(frozen=True)
class Not:
    operand: Node

    def __str__(self) -> str:
        inner = str(self.operand)
        return f"not ({inner})" if isinstance(self.operand, And | Or) else f"not {inner}"


@dataclass(frozen=True)
class And:
    operands: tuple[Node, ...]

    def __str__(self) -> str:
        return " and ".join(f"({o})" if isinstance(o, Or) else str(o) for o in self.operands)


@dataclass(frozen=True)
class Or:
    operands: tuple[Node, ...]

    def __str__(self) -> str:
        return " or ".join(str(o) for o in self.operands)


Node = Compare | Not | And | Or


class _Token(NamedTuple):
    kind: str  # number | name | keyword | op | paren | end
    text: str
    column: int  # 1-based


def tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "space":
            continue
        word, column = match.group(), match.start() + 1
        if kind == "bad":
            raise ConditionSyntaxError.of("unexpected_char", column, word)
        if kind == "number" and len(word) > MAX_DIGITS:
            raise ConditionSyntaxError.of("too_long", column, str(MAX_DIGITS))
        if kind == "name" and word in KEYWORDS:
            kind = "keyword"
        tokens.append(_Token(kind or "", word, column))
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, kind: str, text: str) -> bool:
        if self.current.kind == kind and self.current.text == text:
            self.index += 1
            return True
        return False

    def fail(self, reason: str) -> ConditionSyntaxError:
        return ConditionSyntaxError.of(reason, self.current.column, self.current.text)

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ConditionSyntaxError.of("empty", 1)
        node = self.or_expr()
        if self.current.kind != "end":
            raise self.fail("expected_end")
        return node

    def or_expr(self) -> Node:
        operands = [self.and_expr()]
        while self.accept("keyword", "or"):
            operands.append(self.and_expr())
        return operands[0] if len(operands) == 1 else Or(_flatten(Or, operands))

    def and_expr(self) -> Node:
        operands = [self.not_expr()]
        while self.accept("keyword", "and"):
            operands.append(self.not_expr())
        return operands[0] if len(operands) == 1 else And(_flatten(And, operands))

    def deeper(self) -> None:
        """One more level of nesting; a positioned error past MAX_DEPTH (not RecursionError)."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            column = self.tokens[self.index - 1].column
            raise ConditionSyntaxError.of("too_deep", column, str(MAX_DEPTH))

    def not_expr(self) -> Node:
        if self.accept("keyword", "not"):
            self.deeper()
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        if self.accept("paren", "("):
            self.deeper()
            node = self.or_expr()
            if not self.accept("paren", ")"):
                raise self.fail("expected_paren")
            self.depth -= 1
            return node
        left = self.value()
        if self.current.kind != "op":
            raise self.fail("expected_comparison")
        op = self.advance().text
        return Compare(left, op, self.value())

    def value(self) -> Value:
        token = self.current
        if token.kind == "number":
            self.index += 1
            return Number(float(token.text))
        if token.kind == "name":
            self.index += 1
            return Name(token.text)
        raise self.fail("expected_value")


def _flatten(kind: type[And] | type[Or], operands: list[Node]) -> tuple[Node, ...]:
    """`a and (b and c)` is `a and b and c`: keeps the AST canonical so str() round-trips."""
    flat: list[Node] = []
    for operand in operands:
        flat.extend(operand.operands if isinstance(operand, kind) else (operand,))
    return tuple(flat)


Env = Mapping[str, float]


def _compile_value(value: Value) -> Callable[[Env], float]:
    if isinstance(value, Number):
        constant = value.value
        return lambda env: constant
    name = value.name
    return lambda env: env[name]


def _compile(node: Node) -> Callable[[Env], bool]:
    if isinstance(node, Compare):
        left, right, compare = (
            _compile_value(node.left),
            _compile_value(node.right),
            COMPARISONS[node.op],
        )
        return lambda env: compare(left(env), right(env))
    if isinstance(node, Not):
        inner = _compile(node.operand)
        return lambda env: not inner(env)
    parts = tuple(_compile(o) for o in node.operands)
    if isinstance(node, And):
        return lambda env: all(part(env) for part in parts)
    return lambda env: any(part(env) for part in parts)


def _names(node: Node) -> frozenset[str]:
    if isinstance(node, Compare):
        return frozenset(v.name for v in (node.left, node.right) if isinstance(v, Name))
    if isinstance(node, Not):
        return _names(node.operand)
    return frozenset().union(*(_names(o) for o in node.operands))


class Condition:
    """A parsed condition: `evaluate(env)` with every name in `names()` bound to a number."""

    __slots__ = ("text", "node", "_names", "_evaluate")

    def __init__(self, text: str, node: Node) -> None:
        self.text = text
        self.node = node
        self._names = _names(node)
        self._evaluate = _compile(node)

    def names(self) -> frozenset[str]:
        return self._names

    def evaluate(self, env: Env) -> bool:
        """True when the condition holds; KeyError names a missing variable."""
        return bool(self._evaluate(env))

    def __str__(self) -> str:
        return str(self.node)

    def __repr__(self) -> str:
        return f"Condition({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Condition) and self.node == other.node

    def __hash__(self) -> int:
        return hash(self.node)


@lru_cache(maxsize=4096)
def parse_condition(text: str) -> Condition:
    """Parse `text`; raises ConditionSyntaxError pointing at the column of the problem.

    Cached: scenarios repeat the same conditions, and a Condition is immutable, so equal
    texts can share one compiled object.
    """
    return Condition(text, _Parser(text).parse())
