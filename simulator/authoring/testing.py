"""Running a scenario's embedded `tests` (docs/format.md, "Scenario tests"), with coverage.

Each test is a fresh `Session` with the test's seed and variant; a turn with `moves` pins
the reading, otherwise the recognizer reads `say`. The first turn whose expectation fails
ends the test and is reported with what was said, expected vs actual and the transition
that fired.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.language.base import Recognizer
from simulator.scenario.model import Scenario, ScenarioTest, Where

#: What `actual` says when the meeting had not ended but the test expected an ending.
NOT_ENDED = "-"


@dataclass(frozen=True)
class TurnFailure:
    """Where a scenario test went wrong."""

    turn: int  # 1-based
    said: str
    expected: str  # a state id, or "ending:<outcome>"
    actual: str
    transition: str | None  # id of the transition that fired; None = fallback
    #: state | ending | ended (turns left after the ending) | error | says | not_says (the
    #: reply lacked words it was to say, or said words it was not to; `expected` holds them,
    #: `actual` the reply)
    reason: str = "state"
    error: str = ""  # why the test could not be played at all (reason "error")
    where: Where | None = None  # the turn's position in the file

    def to_dict(self) -> dict:
        return {
            "turn": self.turn,
            "said": self.said,
            "expected": self.expected,
            "actual": self.actual,
            "transition": self.transition,
            "reason": self.reason,
            "error": self.error,
        }


@dataclass(frozen=True)
class SweepTry:
    """One wording of a paraphrase sweep and what it did."""

    said: str
    where: Where
    transition: str | None  # what fired; None = a fallback line
    state: str  # the state after it
    ok: bool
    moves: tuple[str, ...] = ()  # what the recognizer read in it

    def to_dict(self) -> dict:
        return {
            "said": self.said,
            "line": self.where.line,
            "moves": list(self.moves),
            "transition": self.transition,
            "state": self.state,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class CaseResult:
    name: str
    failure: TurnFailure | None = None
    #: a sweep's wordings in file order (empty for a test without `sweep:`)
    sweep: tuple[SweepTry, ...] = ()

    @property
    def passed(self) -> bool:
        return self.failure is None and all(t.ok for t in self.sweep)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "passed": self.passed,
            "failure": self.failure.to_dict() if self.failure else None,
            "sweep": [t.to_dict() for t in self.sweep],
        }


@dataclass
class Coverage:
    """What the tests visited, against everything the scenario has."""

    states: list[str]
    transitions: list[str]
    endings: list[str]
    visited_states: set[str] = field(default_factory=set)
    visited_transitions: set[str] = field(default_factory=set)
    visited_endings: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, scenario: Scenario) -> Coverage:
        return cls(
            states=list(scenario.states),
            transitions=[t.id for t in (*scenario.transitions, *scenario.reactions)],
            endings=list(scenario.endings),
        )

    def missed(self, part: str) -> list[str]:
        """Ids of `part` ("states", "transitions", "endings") no test visited, in file order."""
        seen = getattr(self, f"visited_{part}")
        return [x for x in getattr(self, part) if x not in seen]

    def to_dict(self) -> dict:
        return {
            part: {
                "visited": len(getattr(self, part)) - len(self.missed(part)),
                "total": len(getattr(self, part)),
                "missed": self.missed(part),
            }
            for part in ("states", "transitions", "endings")
        }


@dataclass
class FileResult:
    scenario: Scenario
    results: list[CaseResult]
    coverage: Coverage

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def to_dict(self) -> dict:
        return {
            "file": self.scenario.path,
            "scenario": self.scenario.id,
            "passed": self.passed,
            "tests": [r.to_dict() for r in self.results],
            "coverage": self.coverage.to_dict(),
        }


def run_tests(scenario: Scenario, recognizer: Recognizer | None = None) -> FileResult:
    """Run every embedded test of `scenario`; the result says which passed and what was seen."""
    coverage = Coverage.of(scenario)
    results = [run_one(scenario, test, coverage, recognizer) for test in scenario.tests]
    for index, test in enumerate(scenario.tests):
        if test.sweep is not None and results[index].failure is None:
            results[index] = run_sweep(scenario, test, coverage, recognizer)
    return FileResult(scenario, results, coverage)


def run_sweep(
    scenario: Scenario,
    test: ScenarioTest,
    coverage: Coverage,
    recognizer: Recognizer | None = None,
) -> CaseResult:
    """Each wording of the test's `sweep:` in a fresh meeting after the test's turns: which
    transition it fired (or a fallback line) and the state it left, against what was expected.

    The turns are replayed for every wording (same seed and variant), so each is tried in the
    same situation and one wording never changes what the next one meets.
    """
    from simulator.scenario.labels import FALLBACK
    from simulator.session import Session

    sweep = test.sweep
    assert sweep is not None
    tries = []
    for said, where in sweep.says:
        session = Session(scenario, recognizer, seed=test.seed or 0, variant=test.variant)
        try:
            for turn in test.turns:
                session.say(turn.say, moves=turn.moves)
            if session.ended:
                break  # run_one reported the turns; nothing is left to sweep
            try:
                answer = session.say(said)
            except ImportError:
                from simulator.i18n import t

                missing = t("session.recognizer_missing", None, lang=scenario.language)
                failure = TurnFailure(0, said, "", "", None, reason="error", error=missing)
                return CaseResult(test.name, failure)
        finally:
            session.close()
        fired = answer.record.transition if answer.record else None
        _visit(coverage, scenario, answer.state, fired)
        ok = sweep.expect is None or answer.state == sweep.expect
        if sweep.expect_transition is not None:
            wanted = None if sweep.expect_transition == FALLBACK else sweep.expect_transition
            ok = ok and fired == wanted
        moves = answer.record.recognition.moves if answer.record else ()
        tries.append(SweepTry(said, where, fired, answer.state, ok, tuple(moves)))
    return CaseResult(test.name, sweep=tuple(tries))


def run_one(
    scenario: Scenario,
    test: ScenarioTest,
    coverage: Coverage,
    recognizer: Recognizer | None = None,
) -> CaseResult:
    from simulator.session import Session

    # A test without a seed still has to give the same answer every run.
    try:
        session = Session(scenario, recognizer, seed=test.seed or 0, variant=test.variant)
    except ValueError as error:
        return CaseResult(
            test.name, TurnFailure(0, "", "", "", None, reason="error", error=str(error))
        )
    _visit(coverage, scenario, session.state, None)
    try:
        for number, turn in enumerate(test.turns, start=1):
            if session.ended:
                return CaseResult(
                    test.name,
                    TurnFailure(
                        number,
                        turn.say,
                        turn.expect or f"ending:{turn.expect_ending}",
                        f"ending:{session.outcome}",
                        None,
                        reason="ended",
                    ),
                )
            try:
                answer = session.say(turn.say, moves=turn.moves)
            except ImportError:
                # Only free-text turns need the recognizer; say which turn could not be read.
                from simulator.i18n import t

                missing = t("session.recognizer_missing", None, lang=scenario.language)
                return CaseResult(
                    test.name,
                    TurnFailure(number, turn.say, "", "", None, reason="error", error=missing),
                )
            fired = answer.record.transition if answer.record else None
            _visit(coverage, scenario, answer.state, fired)
            if turn.expect is not None and answer.state != turn.expect:
                return CaseResult(
                    test.name,
                    TurnFailure(
                        number, turn.say, turn.expect, answer.state, fired, where=turn.where
                    ),
                )
            if turn.expect_ending is not None and answer.outcome != turn.expect_ending:
                actual = f"ending:{answer.outcome}" if answer.ended else answer.state
                return CaseResult(
                    test.name,
                    TurnFailure(
                        number,
                        turn.say,
                        f"ending:{turn.expect_ending}",
                        actual,
                        fired,
                        "ending",
                        where=turn.where,
                    ),
                )
            wrong = _wrong_words(turn.says, turn.not_says, answer.text)
            if wrong is not None:
                reason, words = wrong
                return CaseResult(
                    test.name,
                    TurnFailure(
                        number, turn.say, words, answer.text, fired, reason, where=turn.where
                    ),
                )
    finally:
        session.close()
    return CaseResult(test.name)


def _wrong_words(
    says: tuple[str, ...], not_says: tuple[str, ...], reply: str
) -> tuple[str, str] | None:
    """("says", words) for the first `says:` text the reply lacks, ("not_says", words) for
    the first `not_says:` text it has, else None. Case and runs of spaces are not compared:
    an author pins the words, not how a line was typed."""
    heard = _plain(reply)
    for words in says:
        if _plain(words) not in heard:
            return "says", words
    for words in not_says:
        if _plain(words) in heard:
            return "not_says", words
    return None


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _visit(coverage: Coverage, scenario: Scenario, state: str, transition: str | None) -> None:
    coverage.visited_states.add(state)
    if scenario.states[state].is_ending:
        coverage.visited_endings.add(state)
    if transition is not None:
        coverage.visited_transitions.add(transition)
