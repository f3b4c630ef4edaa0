"""Property tests of every reader on hostile input (issue 18), sized for CI: Hypothesis
draws scenario text, conditions, trainee text and journals; the readers must answer with
their own errors, never a traceback. The long run is benchmarks/fuzz.py."""

from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator import store
from simulator.scenario.conditions import ConditionSyntaxError, parse_condition
from simulator.scenario.loader import load_scenario, read_scenario_text
from simulator.scoring.meeting_files import ReadError, parse_lines
from simulator.session import Session

MINIMAL = Path(__file__).parent / "fixtures" / "valid" / "minimal.yaml"
SEED = MINIMAL.read_text(encoding="utf-8")
HOSTILE = st.sampled_from([
    "\x1b]0;x\x07", "\x1b[2J", "\r", "\x00", "\u202e", "\ud800", "[/]", "[@click=app.quit]",
    "&a [x]", "*a", "9" * 4301, "(" * 300, "not " * 1000, "[" * 1200, "!!binary ", "\t",
    ": ", "- ", '"', "'", "\\", "\ufeff", "\x85",
])  # fmt: skip
FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@st.composite
def spliced(draw: st.DrawFn, base: str) -> str:
    """`base` with hostile pieces and random text spliced in at random places."""
    text = base
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(HOSTILE, st.text(max_size=20)))
        cut = draw(st.integers(0, 30))
        text = text[:at] + piece + text[at + cut :]
    return text


@FAST
@given(spliced(SEED))
def test_scenario_text_gives_diagnostics_never_a_traceback(text):
    scenario, problems = read_scenario_text(text, "fuzz.yaml")
    for problem in problems:
        shown = problem.format()
        assert "\x1b" not in shown and "\r" not in shown
        assert "\n" not in shown.split("\n    ")[0]  # one line per problem, the hint apart


@FAST
@given(st.one_of(spliced("trust >= 10 and not (distress > 70 or turn < 3)"), st.text()))
def test_conditions_parse_or_say_where(text):
    try:
        parse_condition(text)
    except ConditionSyntaxError as error:
        assert error.column >= 1


@FAST
@given(st.lists(st.one_of(st.text(max_size=200), HOSTILE), min_size=1, max_size=5))
def test_trainee_text_is_always_journalled(tmp_path_factory, lines):
    home = tmp_path_factory.mktemp("home")
    session = Session(load_scenario(MINIMAL), seed=1)
    journal = store.Journal.start(session.transcript, {}, home)
    session.on_turn = journal.append
    for line in lines:
        if session.ended:
            break
        assert session.say(line).saved
    assert len(store.read_journal(journal.path).turns) == len(session.transcript.turns)


JOURNAL = (
    '{"kind": "header", "id": "x", "language": "en", "scenario_id": "s"}\n'
    '{"kind": "turn", "index": 1, "worker": "Hi", "reply": "Well.", "recognition":'
    ' {"text": "Hi", "moves": ["open_question"]}, "variables_after": {"trust": 20}}\n'
)


@FAST
@given(spliced(JOURNAL))
def test_journals_read_or_skip_lines_never_a_traceback(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("j") / "x.jsonl"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    transcript = store.read_journal(path)
    for turn in transcript.turns:
        assert isinstance(turn.worker, str) and "\x1b" not in turn.worker
        assert all(isinstance(v, int | float) for v in turn.variables_after.values())


@FAST
@given(spliced('{"speaker": "worker", "text": "Hi"}\n{"speaker": "client", "text": "No."}\n'))
def test_assess_lines_read_or_say_which_line(text):
    with contextlib.suppress(ReadError):
        parse_lines(text, "x.jsonl")
