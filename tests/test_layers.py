"""The house's rooms import downwards only (docs/architecture.md draws them).

Every `import` in the package, including the ones inside functions (start-up keeps many
imports lazy), is read with `ast`: a lower room that reaches up (the scenario model to the
client machine, the scorer to the store, the session to the authoring tools, the catalogue
to the commands or the app...) fails here with the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "simulator"

#: Room -> its floor. A module may import from its own room and from rooms on its floor or
#: below; anything not listed here (commands, tui, cli, serving) is upstairs and may import
#: every room below it.
FLOORS = {
    "i18n": 0,
    "moves": 0,
    "safetext": 0,
    "safeio": 0,
    # The recognizer is given a scenario's words as plain mappings: it never reads the model.
    "language": 1,
    "scenario": 2,
    "transcript": 3,
    "client": 3,
    "scoring": 4,
    "session": 5,
    "store": 5,
    # Tools that drive sessions and read the store: never the other way round.
    "authoring": 6,
    "catalog": 6,
    "classroom": 6,
    "classroom_report": 6,
}
UPSTAIRS = 7


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, room) of every simulator room a module imports."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from simulator import store` names the room in the imported names.
            if node.module == "simulator":
                names = [f"simulator.{alias.name}" for alias in node.names]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "simulator" and len(parts) > 1:
                found.append((node.lineno, parts[1]))
    return found


def test_lower_rooms_never_import_higher_ones():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = path.relative_to(PACKAGE).with_suffix("").parts[0]
        floor = FLOORS.get(room)
        if floor is None:
            continue
        for line, other in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if other != room and FLOORS.get(other, UPSTAIRS) > floor:
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {other}")
    assert upward == []


def test_the_check_sees_an_import_inside_a_function():
    tree = ast.parse("def f():\n    from simulator import store\n    import simulator.tui.app\n")
    assert _imports(tree) == [(2, "store"), (3, "tui")]
