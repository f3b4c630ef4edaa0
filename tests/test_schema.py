"""The shipped JSON Schema: in step with the code, and valid scenarios validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from simulator.authoring.schema import SCHEMA_PATH, build_schema, schema_text
from simulator.cli import main
from simulator.moves import MOVES

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = sorted(
    [*ROOT.glob("scenarios/**/*.yaml"), *ROOT.glob("tests/fixtures/valid/**/*.yaml")]
    + [ROOT / "tests/fixtures/lint/clean.yaml"]
)


def _yaml(path: Path) -> object:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true; the loader maps it back, and so do we.
    return _on_keys(data)


def _on_keys(value: object) -> object:
    if isinstance(value, dict):
        return {("on" if k is True else k): _on_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_on_keys(v) for v in value]
    return value


def test_shipped_schema_matches_the_generator():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_schema_enumerates_the_move_set():
    schema = build_schema()
    on = schema["properties"]["states"]["additionalProperties"]["properties"]["on"]
    moves = on["items"]["properties"]["moves"]["anyOf"]
    assert moves[0]["items"]["enum"] == list(MOVES)
    assert moves[1] == {"const": "any"}  # `moves: any`


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_valid_scenarios_validate(path):
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(_yaml(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("patch", "where"),
    [
        ({"colour": "red"}, []),  # unknown top-level key
        ({"difficulty": "impossible"}, ["difficulty"]),
        ({"states": {"a": {"on": [{"moves": ["shout"]}]}}}, ["states", "a", "on", 0, "moves"]),
        ({"states": {"turn": {"say": ["x"]}}}, ["states"]),  # reserved name
        ({"states": {"e": {"ending": "good", "on": [{"moves": ["summary"]}]}}}, ["states", "e"]),
    ],
)
def test_schema_refuses_what_the_format_refuses(patch, where):
    jsonschema = pytest.importorskip("jsonschema")
    data = _yaml(ROOT / "tests/fixtures/lint/clean.yaml")
    data.update(patch)
    validator = jsonschema.Draft202012Validator(build_schema())
    paths = [list(e.absolute_path) for e in validator.iter_errors(data)]
    assert where in paths


def test_command_prints_and_writes_the_schema(capsys, tmp_path):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == build_schema()["$id"]
    out = tmp_path / "kohtaamo.schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()


def _shape_errors_only(path: Path) -> bool:
    """Refused by the loader for its shape alone (K2xx); references and meaning are for
    `kohtaamo check`, which a schema cannot see."""
    from simulator.scenario.loader import read_scenario

    _, problems = read_scenario(path)
    codes = {d.code for d in problems if d.is_error}
    return bool(codes) and all(code.startswith("K2") for code in codes)


SHAPE_BROKEN = [
    p for p in sorted(ROOT.glob("tests/fixtures/broken/*.yaml")) if _shape_errors_only(p)
]


def test_there_are_shape_error_fixtures():
    assert len(SHAPE_BROKEN) >= 5


@pytest.mark.parametrize("path", SHAPE_BROKEN, ids=lambda p: p.name)
def test_schema_refuses_every_shape_error_the_loader_refuses(path):
    """Files the loader refuses for their shape (K2xx) must not pass the editor's schema."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(build_schema())
    assert list(validator.iter_errors(_yaml(path)))


def test_a_key_the_loader_takes_and_the_schema_does_not_describe_fails_the_build(monkeypatch):
    # The loader's key sets are the one list of what a mapping may hold: a key added to the
    # format there (here `mood:` on a state) must be described in the schema too.
    from simulator.scenario import loader

    monkeypatch.setattr(loader, "STATE_KEYS", loader.STATE_KEYS | {"mood"})
    with pytest.raises(ValueError, match=r"keys of states: \['mood'\]"):
        build_schema()
