"""One meeting: takes the trainee's turns, answers as the client, keeps the transcript.

The TUI, `kohtaamo run` and `kohtaamo test` are thin shells over `Session`; see
docs/architecture.md for the contract.
"""

from __future__ import annotations

import copy
import inspect
import logging
import pickle
import random
import re
import time
import unicodedata
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from simulator.client import asking, hearing, premises
from simulator.client.choosing import STEPS
from simulator.client.machine import (
    TRUST,
    ClientMachine,
    clamp,
    grants_permission,
    heard_moves,
    machine_for,
)
from simulator.client.replies import Pool, ReplyPicker, entry_lines, reply_pool, same_words
from simulator.i18n import t
from simulator.language.base import Recognition, Recognizer
from simulator.language.leaving import detect as detect_leaving
from simulator.language.text import (
    MAX_CHARS,  # the recognizer reads no more of a turn
    sentences,
    tokens,
)
from simulator.moves import HARMFUL, QUESTIONS, mode_of
from simulator.safetext import clean_surrogates
from simulator.scenario.conditions import TURN, WORDS, word_count
from simulator.scenario.model import (
    ASKED_FOR,
    CONFIRM,
    DECLINES,
    OFFER_ANSWERS,
    UNDERSTOOD,
    LineGate,
    Scenario,
    State,
    Suggestion,
    Transition,
    Variant,
    visited,
)
from simulator.transcript import Transcript, TurnRecord

OnTurn = Callable[[Transcript, TurnRecord], None]

log = logging.getLogger("kohtaamo.session")


def said_once(first: str, then: str) -> str:
    """`first` said before `then`, as one reply: where `then` opens with the very sentence
    `first` ends on, it is said once ("Yes. Go on, then." before "Go on, then. As long as he
    stays home, I'm listening." was "Yes. Go on, then. Go on, then. As long as...", hen38 t15)."""
    ends, starts = sentences(first), sentences(then)

    def bare(sentence: str) -> str:
        return same_words(sentence.rstrip(".!?… "))

    if ends and starts and bare(ends[-1]) == bare(starts[0]):
        rest = then.split(starts[0], 1)[1].strip()
        return f"{first} {rest}" if rest else first
    return f"{first} {then}"


class SessionEnded(RuntimeError):
    """A turn was said after the meeting had ended."""


class ResumeError(ValueError):
    """A recorded meeting cannot be replayed on this scenario."""


@dataclass(frozen=True)
class ClientTurn:
    """What the client answered, and where that left the meeting."""

    text: str
    state: str
    variables: dict[str, float]
    ended: bool
    outcome: str | None
    thought: str
    cues: tuple[str, ...]
    record: TurnRecord | None  # None for the opening words
    #: False when the journal could not save this turn (a full disk): the meeting goes on in
    #: memory and the UI says so; `Session.save_error` holds why.
    saved: bool = True


def sanitize(text: str) -> str:
    """The trainee's words without control characters (a pasted escape must not reach a UI)."""
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" and ch != "\n" else ch for ch in text)
    # Lone surrogates (odd bytes through an API) cannot be journalled as UTF-8.
    return clean_surrogates(cleaned).strip()


def _takes(recognizer: Recognizer, name: str) -> bool:
    """Whether `recognizer.recognize` accepts the keyword `name` (a recognizer written before
    the context arguments existed still works)."""
    try:
        params = inspect.signature(recognizer.recognize).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


#: Words in a question short enough to lean on the sentence before it ("Yes or no?").
SHORT_QUESTION = 3
#: A question of at most this many words that points back ("Do you have those on you, or
#: roughly?") is asked of what the sentence before it named.
POINTING_QUESTION = 10


#: The kinds of question that ask for a time or an amount, which a move's entry line does not
#: tell (docs/format.md, "How a reply is chosen", step `holding`).
_FACT_KINDS = frozenset(
    {asking.WHEN, asking.WHAT_TIME, asking.OWN_FACT, asking.HOW_MUCH, asking.REMEMBER}
)
#: kinds whose holding answer the engine has lines for where a scenario wrote none
_ENGINE_HOLDING = {
    asking.WHAT_TIME: "session.client_what_time",
    asking.OWN_FACT: "session.client_own_fact",
}
#: The questions for a fact (a time, an amount, a memory, a yes or no): asked again after the
#: client's words went to another topic, they are answered or declined (step `asked_again`).
_FACT_QUESTIONS = _FACT_KINDS | {asking.YES_NO}
#: The moves that ask the client something: a question, or leave to say something.
_ASKING_MOVES = QUESTIONS | {hearing.PERMISSION}


def _entry_line_to_a_fact_question(turn: _Heard, kind: str) -> bool:
    """The turn moved the client on by a reaction with no words of its own (the new state's
    entry line is said) and asked for a time, an amount or a memory, which no entry line tells."""
    fired = turn.fired
    return (
        kind in _FACT_KINDS
        # a move's words may well tell a fact of the client's own life ("How old is she?" ->
        # "She's eight. Draws me pictures of dogs..."): a holding line before them took it back
        and kind != asking.OWN_FACT
        and fired is not None
        and not fired.reply
        and turn.after.id != turn.before.id
    )


#: When the words of a move and the answer before them are one thing said twice: the opening
#: sentence of the move's words (this many words or more) says this share of its words in the
#: answer, or the move's words say again this share of the answer's longer words (at least
#: this many of them, of this many letters or more).
OPENING_WORDS = 3
OPENING_SHARE = 0.75
RETOLD_WORD = 4
RETOLD_WORDS = 4
RETOLD_SHARE = 0.6


def _said_twice(entry: str, answer: str) -> bool:
    """Would `answer` then `entry` say one thing twice: the entry opening with what the answer
    said ("Sarin asiakkaiden jako auttais." after "Sarin asiakkaiden jako... se auttais.",
    hgt t14), or telling again the story the answer told ("The thing in the hospital. Danny
    found me. He said I was blue..." after "I went over. Danny found me blue...", the lead's
    tmux play of Lee, stop 41)?"""
    said = set(tokens(answer))
    opening = sentences(entry)
    words = tokens(opening[0]) if opening else []
    if len(words) >= OPENING_WORDS and sum(w in said for w in words) / len(words) >= OPENING_SHARE:
        return True
    told = {word for word in said if len(word) >= RETOLD_WORD}
    if len(told) < RETOLD_WORDS:
        return False
    again = set(tokens(entry))
    return sum(word in again for word in told) / len(told) >= RETOLD_SHARE


def _short(sentence: str) -> bool:
    return len(sentence.split()) <= SHORT_QUESTION


#: The id a turn records when the engine's default ended a meeting the worker left.
DEFAULT_LEAVE = "when_worker_leaves:default"
#: The client's words when the worker leaves a scenario that has no `when_worker_leaves`.
DEFAULT_LEAVE_KEYS = ("session.client_worker_left_1", "session.client_worker_left_2")


def default_leave(scenario: Scenario) -> Transition | None:
    """The engine's answer to a worker who takes leave where the scenario says nothing: the
    meeting ends at its neutral ending (else its poor one), never a good one, with the
    engine's lines. None when the scenario has no such ending (the turn goes on as read)."""
    for outcome in ("neutral", "poor"):
        target = next((sid for sid, s in scenario.states.items() if s.ending == outcome), None)
        if target is not None:
            lang = scenario.language
            return Transition(
                id=DEFAULT_LEAVE,
                sources=(),
                target=target,
                reply=tuple(t(key, lang) for key in DEFAULT_LEAVE_KEYS),
                note=t("session.left_default_note", lang),
                leaving=True,
            )
    return None


def leave_for(scenario: Scenario, state: State, moves: Sequence[str]) -> Transition | None:
    """How the meeting ends when the worker takes leave in `state`: the state's own
    `when_worker_leaves` (a closing state's may end well, but not on a blaming or dismissive
    goodbye), else the scenario's, else the engine's default."""
    own = state.leave
    if own is not None and own.target in scenario.states:
        good = scenario.states[own.target].ending == "good"
        if not (good and HARMFUL.intersection(moves)):
            return own
    return scenario.leave or default_leave(scenario)


#: How many steps (besides the goodbye) the way to a good ending may have for a goodbye to end
#: well because the meeting already took them (Session._work_done). No stored meeting's ending
#: changes with one, two or three (stop 44: every goodbye outside a closing state in 564
#: meetings replayed); two lets a meeting that kept Jere and agreed the split, both in earlier
#: states, end well from `choice_point` as from `options`.
DONE_STEPS = 2


def pick_variant(scenario: Scenario, seed: int) -> Variant | None:
    """The seed's variant, drawn by weight; None when the scenario has none."""
    variants = [v for v in scenario.client.variants if v.weight > 0]
    if not variants:
        return None
    # A stream of its own, so giving the variant explicitly replays the same replies.
    rng = random.Random(f"variant:{seed}")
    return rng.choices(variants, weights=[v.weight for v in variants])[0]


@dataclass(frozen=True)
class LineAbout:
    """Where a line's subject is written: the pool's line gates (`about:`) and the topics
    the reaction that gave the line is keyed on."""

    gates: Mapping[str, LineGate]
    keyed: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Heard:
    """One turn as the steps that choose the client's words read it (client/choosing.py): the
    line the reaction gives (empty until it is drawn), what the worker asked, and where the
    client stands."""

    said: str  # the worker's whole turn
    reply: str
    gates: LineAbout
    question: Recognition | None
    before: State
    after: State
    fired: Transition | None
    moves: frozenset[str]
    topics: Sequence[str]
    env: dict[str, float]
    asked: Sequence[str]
    #: the kind of content question the turn asks (asking.question_kind); None: none
    kind: str | None = None
    #: the turn ends asking what the client makes of what it proposed (Session._checks_proposal)
    checks: bool = False
    #: the turn ends checking what it said back ("...Is that right?"; Session._checks_said_back)
    said_back: bool = False
    #: the act the question asks for (hearing.asked_act)
    act: hearing.Asked = hearing.Asked(None, None)
    #: the worker's words that take leave ("" when none)
    leaving: str | None = None
    #: where the reaction's words come from
    pool: Pool | None = None

    @property
    def wanted(self) -> frozenset[str]:
        """The topics the question itself names."""
        return frozenset(self.question.topics) if self.question is not None else frozenset()


class Session:
    """A meeting with the scenario's client."""

    def __init__(
        self,
        scenario: Scenario,
        recognizer: Recognizer | None = None,
        seed: int | None = None,
        variant: str | None = None,
        on_turn: OnTurn | None = None,
    ) -> None:
        self.scenario = scenario
        self._recognizer = recognizer
        self.on_turn = on_turn
        #: Why the last turn could not be journalled; None while every turn is saved.
        self.save_error: OSError | None = None
        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        self.seed = seed
        self.variant = self._find_variant(variant) if variant else pick_variant(scenario, seed)

        v = self.variant
        variables, thresholds = scenario.client.start(v)
        self._variables = {k: clamp(float(x)) for k, x in variables.items()}
        self._thresholds = {k: float(x) for k, x in thresholds.items()}

        self._word_lists = scenario.word_lists()
        # The words of the topics the scenario's `answers:` are keyed on: looked for in the
        # question a turn asks, not in the whole turn (see _asked_topics).
        answered = {topic for answer in scenario.answers for topic in answer.topics}
        self._answer_words = {k: v for k, v in self._word_lists.items() if k in answered}
        # What each line the client says is about (the scenario's topic, cue and choice ids
        # it names), read once per line; and a line held back because it did not answer the
        # turn it was meant for, with the state it belongs to (see _step_held_line).
        self._abouts: dict[str, frozenset[str]] = {}
        self._held: tuple[str, str, frozenset[str]] | None = None
        # The words of the worker's turn that got the client's first request to say it again
        # (None while the client asked for nothing; step `request_met`), and the topics of
        # questions the client's words passed over (step `asked_again`).
        self._asked_again_at: int | None = None
        self._request_met = False
        self._passed_over: set[str] = set()
        self._machine: ClientMachine = machine_for(scenario)
        self._model = self._machine.attach()
        # The machine is shared and cached; let go of this session's model when it is dropped.
        self._release = weakref.finalize(self, self._machine.detach, self._model)
        self._picker = ReplyPicker(random.Random(seed), scenario.language)
        self._started = time.monotonic()
        self._turn = 0
        self._state = scenario.start

        start = scenario.states[scenario.start]
        words = self._picker.pick(
            f"say:{start.id}",
            entry_lines(scenario, v, start.id),
            exhausted=(start.exhausted, scenario.exhausted),
        )
        self._choices: list[str] = [start.choice] if start.choice else []
        # Choices the client came to (a state entered, a reaction that fired) but has not
        # said yet: its line was passed over for an answer, or another reply took its place.
        # A choice counts as stated once the client says it (see _voiced_choice).
        self._unsaid_choices: list[str] = []
        self._choice_lines: dict[str, tuple[str, ...]] = {}
        # What the meeting has touched so far (topics the worker raised, cues the client
        # dropped, choices stated): reply lines with `touched:` refer back to these.
        # and the states the client has stood in (`untouched:` names them: a line for before
        # something was settled is not said once the meeting has passed through it)
        self._touched: set[str] = {*start.cues, *self._choices, visited(start.id)}
        # The client gave the worker leave to tell something (docs/format.md, "Permission
        # remembered"); it follows from the turns, so a resumed meeting has it again.
        self._permission = False
        self._last_words = words
        # The turn is read in its context: the client's turn before their last one and the
        # worker's own previous turn (a reflection re-says what the client said, a push
        # repeats the worker's). Both follow from the transcript, so a resumed meeting that
        # replays its turns has them again without any new journal field.
        self._client_earlier = ""
        self._worker_before = ""
        self.transcript = Transcript(
            language=scenario.language,
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            scenario_path=scenario.path,
            variant=v.id if v else None,
            seed=seed,
            opening=words,
            opening_cues=start.cues,
            start_state=start.id,
            start_variables=dict(self._variables),
        )
        self.opening = ClientTurn(
            text=words,
            state=start.id,
            variables=dict(self._variables),
            ended=start.is_ending,
            outcome=start.ending,
            thought=start.thought,
            cues=start.cues,
            record=None,
        )

    def _find_variant(self, variant_id: str) -> Variant:
        for v in self.scenario.client.variants:
            if v.id == variant_id:
                return v
        known = ", ".join(v.id for v in self.scenario.client.variants) or "-"
        raise ValueError(
            t(
                "session.unknown_variant",
                None,
                scenario=self.scenario.id,
                variant=variant_id,
                known=known,
            )
        )

    # -- what the meeting looks like now ------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    @property
    def variables(self) -> dict[str, float]:
        return dict(self._variables)

    @property
    def turn(self) -> int:
        """Trainee turns taken so far."""
        return self._turn

    @property
    def ended(self) -> bool:
        return self.scenario.states[self.state].is_ending

    @property
    def outcome(self) -> str | None:
        return self.scenario.states[self.state].ending

    def suggestions(self) -> tuple[Suggestion, ...]:
        """Menu mode: what the current state offers the trainee to say."""
        if self.ended:
            return ()
        return self.scenario.states[self.state].suggestions

    # -- taking turns ---------------------------------------------------------------

    def say(
        self,
        text: str,
        moves: Sequence[str] | None = None,
        recognition: Recognition | None = None,
    ) -> ClientTurn:
        """The trainee says `text`; `moves` pins the reading, `recognition` replaces it."""
        return self._take_turn(text, moves, recognition, via_menu=False)

    def leaving(self, text: str) -> str:
        """The words of `text` that take leave, were it the next turn ("" when none)."""
        found = detect_leaving(
            sanitize(text), self.scenario.language, self._turn + 1, (self.scenario.client.name,)
        )
        return found.words if found else ""

    def choose(self, index: int) -> ClientTurn:
        """Menu mode: say suggestion `index` (0-based) of the current state."""
        options = self.suggestions()
        if not 0 <= index < len(options):
            self._refuse_if_ended()
            raise IndexError(
                t(
                    "session.no_suggestion",
                    None,
                    index=index + 1,
                    state=self.state,
                    count=len(options),
                )
            )
        chosen = options[index]
        return self._take_turn(chosen.text, chosen.moves, None, via_menu=True)

    def copy(self) -> Session:
        """A Session standing where this one stands, as if it had taken the same turns, and
        journalling nothing (`kohtaamo questions` asks every question in a copy of a path's
        session: replaying the path each time was a third of its run).

        What a meeting has been through lives in the attributes and the machine model's
        state: every attribute a fresh Session of the same scenario, seed and variant does not
        have already (the same object, or an equal one: the scenario, the recognizer, the word
        lists) is copied, not shared (the words said, the picker's draws, the touched topics,
        the transcript...), except the machine model, which is the copy's own and is stood in
        the same state. Generic on purpose: a field added later is copied too
        (tests/test_question_bank.py holds copies to replayed sessions)."""
        from simulator.client.machine import ClientModel

        fresh = Session(
            self.scenario,
            recognizer=self._recognizer,
            seed=self.seed,
            variant=self.variant.id if self.variant else None,
        )
        own = vars(fresh)
        differ = {}
        for name, value in vars(self).items():
            if name == "on_turn" or isinstance(value, ClientModel | weakref.finalize):
                continue  # the copy's own place in the shared machine; no journal
            mine = own.get(name, differ)  # (a sentinel no attribute holds)
            if value is not mine and value != mine:
                differ[name] = value
        try:  # a third of deepcopy's time (the picker's random state, the transcript)
            copied = pickle.loads(pickle.dumps(differ, pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, AttributeError):
            copied = copy.deepcopy(differ)
        own.update(copied)
        fresh._machine.put(fresh._model, self.state)
        return fresh

    def close(self) -> None:
        """Release this session's place in the shared machine (also done when it is dropped)."""
        self._release()

    def _ends_well(self, leave: Transition | None) -> bool:
        target = self.scenario.states.get(leave.target or "") if leave is not None else None
        return target is not None and target.ending == "good"

    def _work_done(
        self, state: State, heard: Recognition, variables: Mapping[str, float]
    ) -> Transition | None:
        """A goodbye outside a closing state, where the work was already done: the closing
        state's own `when_worker_leaves`. The way to a good ending from `state` (the one the
        debrief would name, simulator/scoring/still_open.py) waits only for steps this meeting
        already took: a turn read as one of the step's moves (and about one of its topics)
        that the client took up, its conditions holding now. A supervisor who agreed the
        split of the clients at turn 10, in an earlier state, and then kept Jere and booked
        supervision, is not told at turn 16 that the meeting led nowhere. Never for a
        goodbye read as blaming, dismissive or persuading. None otherwise."""
        from simulator.scoring.still_open import UNKIND_MODES, route_to_good

        if HARMFUL.intersection(heard.moves) or heard.mode in UNKIND_MODES:
            return None
        scenario = self.scenario
        env = {
            **self._thresholds,
            **variables,
            TURN: float(self._turn + 1),  # as the debrief reads it: the turn that did not come
            WORDS: 0.0,
        }
        route = route_to_good(scenario, state.id, env)
        if not route or not route[-1].step.goodbye:
            return None
        steps = route[:-1]
        if not steps or len(steps) > DONE_STEPS or not all(leg.met for leg in steps):
            return None
        if not all(self._took(leg.transition, leg.step.moves) for leg in steps):
            return None
        closing = scenario.states[route[-1].state]
        leave = leave_for(scenario, closing, heard.moves)
        return leave if self._ends_well(leave) else None

    def _took(self, transition: Transition, moves: Sequence[str]) -> bool:
        """Did an earlier turn of this meeting take this step: read as one of `moves` and about
        one of the transition's topics, answered by a reaction (not a fallback) that did not
        cost trust or openness, with no blame, brush-off or push in the turn? A turn the
        client refused ("Jere toiselle" costs his trust) took nothing."""
        if transition.any_move or not transition.topics:
            # a step keyed on moves alone waits for a turn in its own state ("So what now?"
            # answered by a summary there), not for a summary at turn 3
            return False
        scenario = self.scenario
        fired = {
            tr.id: tr for tr in (*scenario.transitions, *scenario.reactions, *scenario.defaults)
        }
        for record in self.transcript.turns:
            read = record.recognition
            if not set(moves).intersection(read.moves):
                continue
            if not set(transition.topics).intersection(read.topics):
                continue
            if HARMFUL.intersection(read.moves):
                continue
            if record.transition is None or hearing.costs(fired.get(record.transition)):
                continue
            return True
        return False

    def _refuse_if_ended(self) -> None:
        if self.ended:
            raise SessionEnded(t("session.ended", None, outcome=self.outcome))

    def _recognize(
        self, text: str, moves: Sequence[str] | None, recognition: Recognition | None
    ) -> Recognition:
        if recognition is not None:
            return recognition
        heard = text[:MAX_CHARS]
        recognizer = self._get_recognizer(needed=moves is None)
        if recognizer is None:
            return Recognition(text=text, moves=tuple(moves or ()))
        context = {"client_earlier": self._client_earlier, "worker_before": self._worker_before}
        try:
            read = recognizer.recognize(
                heard,
                client_before=self._last_words,
                topics=self._word_lists,
                **{k: v for k, v in context.items() if _takes(recognizer, k)},
            )
        except Exception:
            # The safety net is the Session's, not the recognizer's: the meeting goes on with
            # no moves read, and what went wrong is logged for whoever looks into it.
            log.exception("the recognizer failed on a turn; read as no moves")
            read = Recognition(text=heard)
        if moves is None:
            return replace(read, text=text)  # the transcript keeps every word said
        # Pinned moves replace the recognised ones; topics are still read from the words, so
        # a pinned test turn can open a topic-gated transition. The mode follows the pinned
        # moves (one rule, moves.mode_of): a menu turn's mode must not contradict its moves.
        pinned = tuple(moves)
        return Recognition(
            text=text,
            moves=pinned,
            mode=mode_of(pinned),
            topics=read.topics,
            evidence=tuple(e for e in read.evidence if e.move in pinned),
        )

    def _get_recognizer(self, needed: bool) -> Recognizer | None:
        if self._recognizer is None:
            try:
                from simulator.language import get_recognizer
            except ImportError:
                if needed:
                    raise
                return None
            self._recognizer = get_recognizer(self.scenario.language)
        return self._recognizer

    def _take_turn(
        self,
        text: str,
        moves: Sequence[str] | None,
        recognition: Recognition | None,
        via_menu: bool,
        leaving: str | None = None,
    ) -> ClientTurn:
        """One turn; `leaving` replays the leave-taking a journal recorded (None: read it)."""
        self._refuse_if_ended()
        text = sanitize(text)
        if leaving is None:
            leaving = self.leaving(text)
        heard = self._recognize(text, moves, recognition)
        scenario = self.scenario
        self._turn += 1
        before = scenario.states[self.state]
        variables_before = dict(self._variables)
        env = {
            **self._thresholds,
            **self._variables,
            TURN: float(self._turn),
            WORDS: float(word_count(text)),
        }

        turn = None
        reacting = heard_moves(heard.moves)
        # What the client came into this state to say and has not said yet (see _unsaid_entry)
        unsaid = self._unsaid_entry(before)
        # A permission given earlier carries information on past a state, its words unsaid
        # (react_after_permission): not while the client has yet to say what it came here to
        # ("There's... also a loan.": the loan untold, the decision about it came to unsaid).
        if self._permission and unsaid is None:
            turn = self._machine.react_after_permission(
                self._model, reacting, heard.topics, env, self._variables
            )
        if turn is None:
            turn = self._machine.react(self._model, reacting, heard.topics, env, self._variables)
        if leaving:
            # The worker takes leave. Where the scenario's own reactions did not end the
            # meeting ("Goodbye" read as no move, "See you Thursday" as structuring) it ends
            # now, as `when_worker_leaves` says; where they ended it well, a closing state's
            # own `when_worker_leaves` still gives the client's words for the goodbye. An
            # ending short of good that the scenario chose (a dismissive goodbye) stands. What
            # the turn would otherwise have done (effects, cues) does not happen: the client
            # is answering a goodbye.
            landed = scenario.states[self._machine.state_of(self._model)]
            leave = None
            if not landed.is_ending:
                # The turn itself took the client on to a state with its own leave-taking
                # ("So: the claim today, the advance, and you ring the landlord. See you
                # Thursday." agrees the plan and says goodbye in one breath): that state
                # answers the goodbye, as it would have on the next turn.
                moved_on = landed.id != before.id and landed.leave is not None
                leave = leave_for(scenario, landed if moved_on else before, heard.moves)
                if not self._ends_well(leave):
                    leave = self._work_done(before, heard, variables_before) or leave
            elif landed.ending == "good" and self._ends_well(before.leave):
                leave = before.leave
            if leave is not None and leave.target is not None:
                self._machine.put(self._model, leave.target)
                turn.fired, turn.variables = leave, variables_before
                turn.cues, turn.choice = [], None
        fired = turn.fired
        self._state = self._machine.state_of(self._model)
        after = scenario.states[self._state]
        self._variables = dict(turn.variables)
        if not leaving and grants_permission(heard.moves, fired, after):
            self._permission = True

        pool = reply_pool(scenario, self.variant, fired, before, after)
        # Line gates read the variables after this turn's effects: the client warms up now.
        question = self._read_question(text, reacting)
        if after.id == before.id or not self._checks_said_back(text):
            # a check of what was said back ("So: Mia, the nurse. Fair?") asks for a yes
            reacting = self._with_the_question(reacting, question, text)
        checks = question is not None and self._checks_proposal(text, reacting)
        if checks and question is not None:
            # "...puhumaan unesta. Miltä kuulostaa?" asks about the plan, not about sleep
            question = replace(question, topics=())
        # a reaction keyed on topics is about them: its lines are ("Beans, mostly." answers
        # a turn about food, whatever other words the line has)
        keyed = fired.topics if fired is not None and pool.key == f"reply:{fired.id}" else ()
        heard_turn = _Heard(
            said=text,
            reply="",
            gates=LineAbout(pool.gates, keyed),
            question=question,
            before=before,
            after=after,
            fired=fired,
            moves=reacting,
            topics=heard.topics,
            env=env,
            asked=self._asked_topics(question, reacting),
            kind=(
                asking.question_kind(question.text, text, scenario.language)
                if question is not None
                else None
            ),
            checks=checks,
            said_back=(
                question is not None
                and not checks
                and not reacting.isdisjoint(hearing.SAYING_BACK)
                and self._checks_said_back(text)
            ),
            act=(
                hearing.asked_act(question.moves, word_count(question.text))
                if question is not None
                else hearing.Asked(None, None)
            ),
            leaving=leaving,
            pool=pool,
        )
        reply = self._choose_words(heard_turn)
        if (
            unsaid is not None
            and after.id != before.id
            and not after.is_ending
            and not leaving
            and not hearing.costs(fired)
            and unsaid not in reply
            and (
                self._says_choice(before.choice, unsaid)
                if before.choice
                else bool(turn.choice) and self._says_choice(turn.choice, reply)
            )
        ):
            # The client moves on with a decision it came to in the last state still unsaid,
            # or states a decision about what it came there to tell and has not told ("I'll
            # sort the loan out myself" about a loan never mentioned): it says that first,
            # then the words of the move. A disclosure passed over is not stitched to any
            # move: on the stored meetings its news had mostly been told in other words, or
            # its words belonged to their moment ("Istukaa. Kahvia?" a turn after sitting).
            reply = said_once(unsaid, reply)
        self._note_what_was_answered(heard_turn, reply)

        cues = turn.cues
        choices_before = tuple(self._choices)
        choice = self._voiced_choice(turn.choice, reply)
        self._touched.update(heard.topics, cues, (choice,) if choice else (), (visited(after.id),))

        record = TurnRecord(
            index=self._turn,
            worker=text,
            recognition=heard,
            reply=reply,
            client_before=self._last_words,
            via_menu=via_menu,
            state_before=before.id,
            state_after=after.id,
            transition=fired.id if fired else None,
            variables_before=variables_before,
            variables_after=dict(self._variables),
            ready=before.ready,
            cues_dropped=tuple(cues),
            choice_stated=choice,
            choices_active=choices_before,
            thought=after.thought,
            note=fired.note if fired else "",
            better=fired.better if fired else "",
            ended=after.is_ending,
            outcome=after.ending,
            seconds=round(time.monotonic() - self._started, 3),
            leaving=leaving,
        )
        self._client_earlier = self._last_words
        self._worker_before = text
        self._last_words = reply
        self.transcript.turns.append(record)
        if after.is_ending:
            self.close()
        saved = self._save(record)
        return ClientTurn(
            text=reply,
            state=after.id,
            variables=dict(self._variables),
            ended=after.is_ending,
            outcome=after.ending,
            thought=after.thought,
            cues=record.cues_dropped,
            record=record,
            saved=saved,
        )

    def _unsaid_entry(self, state: State) -> str | None:
        """The entry line of `state` the client passed over for an answer when it came here
        and still holds (step `held_line`), where it tells something new: a topic none of the
        client's words so far named (a disclosure), or a choice not yet stated. None: no such
        line (a line whose news the client told in other words is no longer news)."""
        held = self._held
        if held is None or held[1] != state.id:
            return None
        line = held[0]
        if line not in entry_lines(self.scenario, self.variant, state.id):
            return None
        if state.choice in self._unsaid_choices and self._says_choice(state.choice, line):
            return line
        # new to the worker too: a topic the worker named was told in other words, or known
        told = {*self._touched, *self._named_in(self.transcript.opening)}
        for turn in self.transcript.turns:
            told |= self._named_in(turn.reply)
        return line if held[2] - told else None

    def _voiced_choice(self, came_to: str | None, reply: str) -> str | None:
        """The choice the client states with `reply`, if any. The machine states a choice when
        the client comes to it (a state entered, a reaction that fired), but the words that
        say it may have been passed over for an answer ("Okay. That works." to "Shall we start
        with the claim?") or never drawn (information answered on the way through): the debrief
        must not credit the worker with respecting, nor fault them for passing over, a decision
        the client never voiced. A choice counts as stated when the reply says a line written
        to state it (a `say` line of a state with that `choice`, a `reply` line of a reaction
        with it), or names it in its words ("Interpreter... No. No, thank you."), in this reply
        or an earlier one; until then it waits, and a held line that states it states it when
        it is said."""
        if came_to and came_to not in self._unsaid_choices:
            if came_to not in self._choices:
                self._unsaid_choices.append(came_to)
            elif self._says_choice(came_to, reply):
                return came_to  # said again, in so many words
        stated = None
        for choice in tuple(self._unsaid_choices):
            if self._says_choice(choice, reply) or self._said_earlier(choice):
                self._unsaid_choices.remove(choice)
                self._choices.append(choice)
                stated = stated or choice
        return stated

    def _says_choice(self, choice: str, reply: str) -> bool:
        """Does `reply` say `choice`: a line written to state it, or its words."""
        if not reply:
            return False
        lines = self._choice_lines.get(choice)
        if lines is None:
            # Lines written to state it: a state's `say` (and its stays' lines) or a
            # reaction's `reply` with that `choice`, a reply of a reaction keyed on it
            # ("English, please. Slowly. I can." asked about an interpreter) and a line the
            # authors marked `about:` it. Not a line that only refers back to it
            # (`touched:`): that one presumes it was said.
            scenario = self.scenario
            found: list[str] = []
            for state in scenario.states.values():
                if state.choice == choice:
                    # its entry lines, and the lines of its stays: written for a client who
                    # holds to the decision ("I got myself into it. I'll get myself out.")
                    found += entry_lines(scenario, self.variant, state.id)
                    found += [
                        line
                        for stay in scenario.transitions_from(state.id)
                        if stay.target in (None, state.id) and not stay.is_default
                        for line in stay.reply
                    ]
                found += [line for line, gate in state.gates.items() if choice in gate.about]
            for reaction in (*scenario.transitions, *scenario.reactions, *scenario.answers):
                if reaction.choice == choice or choice in reaction.topics:
                    found += reaction.reply
                else:
                    found += [line for line, g in reaction.gates.items() if choice in g.about]
            lines = self._choice_lines[choice] = tuple(dict.fromkeys(found))
        if any(line and line in reply for line in lines):
            return True
        return choice in self._named_in(reply)

    def _said_earlier(self, choice: str) -> bool:
        """Has the client said `choice` in an earlier reply (or the opening)."""
        earlier = (self.transcript.opening, *(turn.reply for turn in self.transcript.turns))
        return any(self._says_choice(choice, reply) for reply in earlier)

    def _read_question(self, text: str, moves: frozenset[str]) -> Recognition | None:
        """The question the turn asks, read on its own: the sentences that end in a question
        mark (the last sentence when none does and the turn was read as asking). "This is the
        carer's assessment for Derek. Did you bring his discharge papers?" asks about the
        papers, not about Derek; "Forty quid and skipping meals, I'm glad you said. Would it
        be okay if I told you about a couple of things?" asks leave. None: no question."""
        parts = sentences(text[:MAX_CHARS])
        recognizer = self._get_recognizer(needed=False)
        if recognizer is None or not parts:
            return None
        asked_at = [at for at, part in enumerate(parts) if part.rstrip().endswith("?")]
        if not asked_at:
            if moves.isdisjoint(_ASKING_MOVES):
                return None
            asked_at = [len(parts) - 1]

        def read(indexes: Sequence[int]) -> Recognition | None:
            question = " ".join(parts[at] for at in sorted(set(indexes)))
            try:
                return recognizer.recognize(question, topics=self._word_lists)
            except Exception:
                log.exception("the recognizer failed on a question; no topic read")
                return None

        found = read(asked_at)
        if found is not None and not found.topics:
            # A short question that names nothing points back at the sentence before it
            # ("I just need the documents. Yes or no?"); "Is Omar alone?" names its own.
            # A check of what was just said ("Is that right?", "Sound alright?", "Miltä
            # kuulostaa?") asks what the client makes of it, not about what it named.
            language = self.scenario.language
            before = [
                at - 1
                for at in asked_at
                if at
                and (
                    _short(parts[at])
                    # "...your bank details and the date of your last shift. Do you have
                    # those on you?" asks about what the sentence before named (hen31 t13)
                    or (
                        len(parts[at].split()) <= POINTING_QUESTION
                        and asking.points_back(parts[at], language)
                        # a question for a fact; "Would either of those be something you'd
                        # want?" asks which, and its answer is not about what they were for
                        and asking.question_kind(parts[at], text, language)
                        not in (None, asking.EITHER_OR)
                    )
                )
                and not asking.checks_proposal(parts[at], language)
                and not asking.checks_said_back(parts[at], language)
            ]
            if before:
                wider = read([*asked_at, *before])
                if wider is not None:
                    found = replace(found, topics=wider.topics)
        return found

    def _with_the_question(
        self, moves: frozenset[str], question: Recognition | None, text: str
    ) -> frozenset[str]:
        """The moves the client's words answer: where the turn ends in a question mark but the
        whole turn was read as no question ("I just have to get this done. What about the
        rent, how much do you owe the landlord?" read as advice), the question's own moves,
        read on its sentence alone, are added, so the steps that answer a question hear it.
        The reaction that fired is not changed: the turn still does what it was read as. Where
        the turn moves the client on, the answer comes before the words of the move (step
        `answer_before_move`): passed over for them, the question went unheard (hgc t15)."""
        if (
            question is None
            or not text.rstrip().endswith("?")
            or not moves.isdisjoint(_ASKING_MOVES)
        ):
            return moves
        asked = frozenset(question.moves) & _ASKING_MOVES
        if not asked and self._asks_openly(question.text):
            # "What would help you most right now?", "Mitä te itse toivoisitte?": read as
            # seeking collaboration only, but a question for the client's own answer; without
            # the question, `answers:` never fired and `defaults: seek_collaboration` ("Let
            # me have a think.") passed it over (client30's `kohtaamo questions` gaps).
            asked = frozenset({hearing.OPEN})
        return moves | asked

    def _asks_openly(self, question: str) -> bool:
        """Does the question's own sentence ask openly by its form (an asking word)?"""
        form = getattr(self._get_recognizer(needed=False), "question_form", None)
        parts = sentences(question)
        return form is not None and bool(parts) and form(parts[-1]) == "open"

    def _checks_proposal(self, text: str, moves: frozenset[str]) -> bool:
        """The turn puts something to the client (a plan, options, leave, information) and
        ends by asking what they make of it ("...and a kit now. Sound alright?", "Mitä
        mieltä?"): answered yes or no as an offer is (step `offer`), not with the state's next
        line nor with an answer about a topic the proposal names."""
        parts = sentences(text[:MAX_CHARS])
        return (
            len(parts) > 1
            and not moves.isdisjoint(hearing.PROPOSING)
            and asking.checks_proposal(parts[-1], self.scenario.language)
        )

    def _checks_said_back(self, text: str) -> bool:
        """The turn says something and ends by only checking it ("So you go to work at five,
        and Omar gets up alone. Is that right?", "Ymmärsinkö oikein?"): yes first (step
        `said_back`), where the turn was read as saying back (a reflection, a summary); what
        the school's letter says, checked, asks the client's view and gets no yes."""
        parts = sentences(text[:MAX_CHARS])
        return len(parts) > 1 and asking.checks_said_back(parts[-1], self.scenario.language)

    def _asked_topics(self, question: Recognition | None, moves: frozenset[str]) -> tuple[str, ...]:
        """The topics of the question the turn asks, among those the scenario's `answers:`
        are keyed on; a topic named anywhere in a long turn would have the client answer a
        question nobody asked."""
        if question is None or not self._answer_words or moves.isdisjoint(QUESTIONS):
            return ()
        return tuple(t for t in question.topics if t in self._answer_words)

    def about(self, line: str, given: LineAbout | None = None) -> frozenset[str]:
        """What a line of the client's is about (hearing.line_about): its `about:`, else the
        topics of the reaction it belongs to, else the scenario's topic, cue and choice ids
        whose words it names ("Sundays are good. Mia." is about `daughter`)."""
        given = given or LineAbout({})
        return hearing.line_about(line, given.gates, given.keyed, self._named_in)[0]

    def _named_in(self, line: str) -> frozenset[str]:
        """The scenario's topic, cue and choice ids whose words `line` names, read once."""
        found = self._abouts.get(line)
        if found is None:
            recognizer = self._get_recognizer(needed=False)
            found = frozenset()
            if recognizer is not None:
                try:
                    found = frozenset(recognizer.recognize(line, topics=self._word_lists).topics)
                except Exception:
                    log.exception("the recognizer failed on a client line; read as about nothing")
            self._abouts[line] = found
        return found

    def _choose_words(self, turn: _Heard) -> str:
        """The client's words for the turn: the steps of simulator/client/choosing.py in
        order, the first that gives a line deciding. The reaction that fired stands (effects,
        progress); only its words may give way."""
        for step in STEPS:
            if step.before_draw:
                line = getattr(self, f"_step_{step.name}")(turn)
                if line is not None:
                    return line
        pool = turn.pool
        assert pool is not None
        turn = replace(
            turn,
            reply=self._picker.pick(
                pool.key,
                pool.lines,
                pool.gates,
                {**turn.env, **self._variables},
                self._touched,
                pool.exhausted,
                turn.topics,
                lambda line: self.about(line, LineAbout(pool.gates)),
                self._presumes_unmade(turn),
            ),
        )
        for step in STEPS:
            if not step.before_draw:
                line = getattr(self, f"_step_{step.name}")(turn)
                if line is not None:
                    return line
        return turn.reply

    def _presumes_unmade(self, turn: _Heard) -> Callable[[str], bool]:
        """Does a line presume what the turn did not do (simulator/client/premises.py): complain
        of not being heard, press for an answer or ask the client's last question again right
        after the turn answered it. The turn is read sentence by sentence once, and only for a
        line that presumes something."""
        language = self.scenario.language
        earlier = self._last_words
        read: list[premises.Read] = []

        def by_sentence() -> list[premises.Read]:
            if not read:
                recognizer = self._get_recognizer(needed=False)
                for part in sentences(turn.said[:MAX_CHARS]):
                    moves: frozenset[str] = frozenset()
                    if recognizer is not None:
                        try:
                            moves = frozenset(recognizer.recognize(part).moves)
                        except Exception:
                            log.exception("the recognizer failed on a sentence; read as no move")
                    read.append((moves, part))
            return read

        def unfit(line: str) -> bool:
            return premises.unmade(line, earlier, turn.said, by_sentence, language) is not None

        return unfit

    def _note_what_was_answered(self, turn: _Heard, reply: str) -> None:
        """Remember what the client left unanswered: a request to say it again still open
        (step `request_met`), the topics of a question its words passed over (step
        `asked_again`)."""
        language = self.scenario.language
        if asking.asks_again(reply, language):
            if self._asked_again_at is None:
                self._asked_again_at = word_count(turn.said)
        elif not self._request_met:
            self._asked_again_at = None
        # while the worker keeps it short, the request stays met
        self._request_met = False
        wanted = turn.wanted
        if turn.leaving or turn.after.is_ending:
            self._passed_over.clear()
            return
        if not wanted or turn.kind not in _FACT_QUESTIONS:
            return
        spoken = self.about(reply, turn.gates) | self._named_in(reply)
        self._passed_over -= spoken
        if spoken and not spoken & wanted:
            # the words went to another topic ("I'll tell her when it's sorted." to "Do you
            # have your bank details?"); a yes, a maybe or a holding answer passes nothing over
            self._passed_over |= wanted

    def _step_request_met(self, turn: _Heard) -> str | None:
        """Step `request_met`: the client asked the worker to say it again, slower or shorter
        ("Wait, wait. Too fast. Again, short?"), the worker did ("Sorry. Omar is late. Many
        mornings.": fewer words than the turn that got the request), and the line would ask
        again: the client takes it as done (`defaults: understood`, else the engine's "Okay.
        That I understand.") instead of asking a third time (hen31 t6-t8). A turn as long
        as the one that got the request gets the request again."""
        language = self.scenario.language
        if (
            self._asked_again_at is None
            # an ending's words stand ("Oh. Finish? ...I don't understand what happens now.")
            or turn.after.is_ending
            or not asking.asks_again(turn.reply, language)
            or word_count(turn.said) >= self._asked_again_at
        ):
            return None
        # where the turn moves the client on, the move's words only repeat the request: dropped
        line = self._own_or_engine(UNDERSTOOD, "session.client_understood", 3, turn.env)
        if line is not None:
            self._request_met = True
        return line

    def _step_asked_again(self, turn: _Heard) -> str | None:
        """Step `asked_again`: the worker asks again about a topic the client's words passed
        over on an earlier turn ("Do you have your bank details with you?" after "Sort of.
        Why?"), and the line would pass it over once more: the client's answer about it,
        else the answer's `exhausted:` line (all of it was said), else `defaults: declines`
        (else the engine's "I'd rather not go into that right now."): a refusal in character,
        never a third topic. Where the turn moved the client on, the words of the move
        follow."""
        again = tuple(sorted(turn.wanted & self._passed_over))
        if (
            not again
            or turn.leaving
            or turn.question is None
            or turn.after.id != turn.before.id
            or turn.kind not in _FACT_QUESTIONS
        ):
            return None
        spoken = self.about(turn.reply, turn.gates) | self._named_in(turn.reply)
        if (spoken & set(again) or not spoken) and turn.fired is not None:
            return None
        moves = turn.moves | QUESTIONS
        line = self._first_answer(turn.before, moves, again, turn.env, again)
        if line is None:
            answers = self._machine.answers_to(turn.before.id, moves, again, turn.env, again)
            line = self._told_already(answers, turn.env) if answers else None
        if line is None:
            line = self._own_or_engine(DECLINES, "session.client_declines", 2, turn.env)
        if line is None:
            return None
        if self.about(turn.reply, turn.gates):
            self._hold(turn)
        return line

    def _own_or_engine(
        self, key: str, engine: str, count: int, env: dict[str, float]
    ) -> str | None:
        """The first unsaid line of the scenario's `defaults:` answer `key` where it wrote
        one, else of the engine's own lines `<engine>_1` ... `<engine>_<count>` (i18n)."""
        now = {**env, **self._variables}
        own = self._holding_for(key)
        if own is not None:
            return self._picker.take_first(own.reply, own.gates, now, self._touched)
        language = self.scenario.language
        lines = tuple(t(f"{engine}_{n}", language) for n in range(1, count + 1))
        return self._picker.take_first(lines, {}, now, set())

    def _step_answer_instead(self, turn: _Heard) -> str | None:
        if turn.checks or turn.said_back:
            # a check asks for a yes to what was said (steps `offer`, `said_back`), not for
            # what the client has to say about a topic the turn named
            return None
        return self._answer_instead(
            turn.before,
            turn.fired,
            turn.moves,
            self._answer_topics(turn),
            turn.env,
            turn.leaving,
            turn.asked,
            proposal=turn.act.act is not None,
        )

    def _step_answer_before_move(self, turn: _Heard) -> str | None:
        fired, pool = turn.fired, turn.pool
        if (
            turn.leaving
            or turn.said_back
            or fired is None
            or pool is None
            or turn.after.id == turn.before.id
            or pool.key not in (f"say:{turn.after.id}", f"reply:{fired.id}")
        ):
            return None
        topics, asked = self._answer_topics(turn), turn.asked
        if turn.question is not None and (turn.checks or turn.act.act is not None):
            # A plan, leave or options asked, or a proposal checked ("...mä järjestän sulle
            # kirjausaikaa työpäivään. Käykö?", "Sovitaanko, että käydään tilanne läpi taas
            # ensi perjantaina?"), asks about what its own sentence names: an answer about a
            # topic named before it ("Sarin asiakkaiden jako... se auttais.") passes it over,
            # and the words of the move take the proposal up themselves (hgi t13, hgk t12).
            topics = tuple(turn.question.topics)
            asked = tuple(t for t in asked if t in topics)
        question = self._question_topics(turn)
        if fired.topics and not set(fired.topics).isdisjoint(question):
            # The move was keyed on what the worker asked about: its line is the answer,
            # unless a specific question also asks about something the move is not keyed on
            # ("Has anything come in since the agency stopped, any savings?" moving on the
            # job): the answer about that first.
            rest = tuple(t for t in question if t not in fired.topics)
            if not rest or turn.kind is None:
                return None
            topics, asked = rest, tuple(t for t in asked if t in rest)
            answer = self._first_answer(
                turn.before, turn.moves, topics, turn.env, asked, proposal=turn.checks, peek=True
            )
            if answer is None or not self._named_in(answer).isdisjoint(fired.topics):
                # an answer that tells what the move is keyed on ("Five weeks ago. The shifts
                # just stopped.") and the move's words would tell it twice
                return None
        line = self._answer_first(
            turn.before,
            turn.moves,
            topics,
            turn.env,
            turn.reply,
            asked,
            fired,
            turn.reply not in pool.lines,
            proposal=turn.checks,
        )
        return None if line == turn.reply else line

    def _question_topics(self, turn: _Heard) -> Sequence[str]:
        """What the turn asks about: the topics the client has answers for that its question
        names, else all its question names, else (no question, or one naming nothing) the
        whole turn's. A move keyed on a topic named before the question ("...no warning
        from the agency. Is that what the landlord's letter is about?") does not answer it."""
        question = turn.question
        return turn.asked or (question.topics if question is not None else ()) or turn.topics

    def _answer_topics(self, turn: _Heard) -> Sequence[str]:
        """The topics an answer to the turn's question is keyed on. A specific question (a
        time, an amount, a reason, a yes or no about a fact, a choice: asking.question_kind)
        or an offer asks about what it names, and only that ("...and meanwhile the rent kept
        coming. How long has it been now?" asks no more about the rent; "...how much rent you
        pay. Do you want to tell me and I type, or would you rather fill it in yourself?"
        asks which): an answer about a topic named before it would pass the question over.
        An open question whose own sentence names a topic the client has an answer for is about
        that ("...Your husband works at night. Where are you in the morning?"); any other
        question is about what the whole turn named."""
        question = turn.question
        if question is None:
            return turn.topics
        language = self.scenario.language
        if turn.kind is None and not asking.offers(question.text, language):
            # An open question whose own sentence names what it asks about ("I don't hear
            # it as complaining... What keeps you up?", "Your husband works at night. ...
            # Where are you in the morning?") is answered about that, not about a topic the
            # turn named before it; one that names nothing, is short ("Then tell me.", "Any
            # of those?") or points back ("Mitä te itse siitä ajattelette?") asks about what
            # the turn said before it. Where the client has nothing left to say about what
            # the question names, the turn's other topics still give it words.
            parts = sentences(question.text)
            own = tuple(question.topics)
            if (
                own
                and parts
                and not _short(parts[-1])
                and not asking.points_back(question.text, language)
                and self._first_answer(
                    turn.before, turn.moves, own, turn.env, turn.asked, peek=True
                )
                is not None
            ):
                return own
            return turn.topics
        return tuple(question.topics)

    def _step_asked_for(self, turn: _Heard) -> str | None:
        """Step `asked_for`: a request put to the client ("Okay, can you just pass them over
        then, I need the discharge date and his GP for the form.") is read as advice or as
        information, and the reaction's line answers that ("When I want advice I'll ask for
        it.", hen51 t2, a misfit to all three judges; "Right. I didn't know that." to "I'll need
        a few details - your name and date of birth..."). The client gives it or says it will.
        Only where it stays (a move's entry line is news that stands) and nothing in the turn
        blames, brushes aside or pushes: the reaction keeps its effects."""
        if (
            turn.leaving
            or turn.after.id != turn.before.id
            or turn.moves & HARMFUL
            or not asking.asks_for(turn.said, self.scenario.language)
        ):
            return None
        return self._own_or_engine(ASKED_FOR, "session.client_gives", 3, turn.env)

    def _step_hurt_or_leaving(self, turn: _Heard) -> str | None:
        return turn.reply if self._line_stands_hurt_or_leaving(turn.fired, turn.leaving) else None

    def _step_the_act(self, turn: _Heard) -> str | None:
        if turn.kind == asking.EITHER_OR and turn.act.act == "permission":
            # "Haluutko että mä kirjaan sen sopimukseen, vai sovitaanko suullisesti?" asks
            # which, not leave: step `offer` answered it or left the line that goes along
            # ("Okei. Ja se palkkio..."); leave's "Joo, okei." picks no side
            return None
        if not self._takes_the_act(turn, turn.act):
            return None
        return self._held_for(turn, self._answer_to_the_act(turn, turn.act))

    def _step_the_question(self, turn: _Heard) -> str | None:
        if self._takes_the_act(turn, turn.act):
            return None
        return self._held_for(turn, self._answer_to_the_question(turn))

    def _step_the_reflection(self, turn: _Heard) -> str | None:
        """A turn that says back what the client told and asks nothing ("Two goes at rehab is
        trying hard. It sounds like people have judged you for it."), where the client stays,
        the reaction has no reason of its own and its line was written about something else
        (its `about:` or its reaction's `topics`): the client's answer about what the turn
        named, and the line waits for a turn it fits. Not a topic the client's last words
        named: said back, its answer would tell it twice."""
        fired = turn.fired
        if (
            turn.question is not None
            or turn.leaving
            or not turn.topics
            or turn.moves.isdisjoint(hearing.SAYING_BACK)
            or not turn.moves.isdisjoint(hearing.PROPOSING)
            or turn.after.id != turn.before.id
            or fired is None
            or not set(fired.topics).isdisjoint(turn.topics)
            or fired.condition is not None
            or hearing.costs(fired)
        ):
            return None
        about, source = hearing.line_about(
            turn.reply, turn.gates.gates, turn.gates.keyed, self._named_in
        )
        if source == "words" or not about or about & set(turn.topics):
            return None
        told = self._named_in(self._last_words)
        topics = tuple(t for t in turn.topics if t not in told)
        if not topics:
            return None
        now = {**turn.env, **self._variables}
        for answer in self._machine.answers_to(
            turn.before.id, turn.moves, topics, turn.env, topics, reflecting=True
        ):
            if answer is fired:
                continue
            line = self._picker.take_first(answer.reply, answer.gates, now, self._touched)
            if line is not None:
                return self._held_for(turn, line)
        return None

    def _step_holding(self, turn: _Heard) -> str | None:
        return None if self._takes_the_act(turn, turn.act) else self._holding_answer(turn)

    def _step_last_question(self, turn: _Heard) -> str | None:
        return None if turn.act.act is not None else self._answer_to_the_last_question(turn)

    def _held_for(self, turn: _Heard, answer: str | None) -> str | None:
        """The state's line passed over for `answer` waits for a turn it fits."""
        if answer is not None:
            self._hold(turn)
        return answer

    def _line_stands_hurt_or_leaving(self, fired: Transition | None, leaving: str | None) -> bool:
        """Step `hurt_or_leaving`: the worker takes leave, or the reaction hurts (it costs trust or
        openness): its line is what the client says, question or not, and nothing waits."""
        if leaving or hearing.costs(fired):
            self._held = None
            return True
        return False

    def _step_written_for_the_act(self, turn: _Heard) -> str | None:
        """Step `written_for_the_act`: the reaction was written for the act the question asks (or
        ends the meeting): its line stands. A plan or leave asked where the client is making plans
        ("Sopiiko se, että nähdään kahden viikon päästä?") is agreed to first, then the line
        follows. None: the rule does not decide."""
        act = turn.act
        if not (
            turn.after.is_ending or (act.act is not None and hearing.keyed_on(turn.fired, act))
        ):
            return None
        if turn.after.id != turn.before.id:
            self._held = None
        leave = self._leave_before_the_plan(turn)
        if leave is not None:
            return leave
        ending_answer = self._answer_before_the_ending(turn)
        if ending_answer is not None:
            return said_once(ending_answer, turn.reply)
        lang = self.scenario.language
        if (
            (act.act == "plan" and "planning" in turn.before.ready)
            or self._time_put_at_the_end(turn)
        ) and not (
            # a line that opens on yes or goes along agrees itself: "Okei. Sopii." before
            # "Joo. Niin just. Sovittu..." stacked agreement from two sources (hhh t15)
            asking.opens_on_yes_or_no(turn.reply, lang)
            or asking.answers_by_itself(turn.reply, lang)
        ):
            agreed = self._default_line(hearing.PLAN, turn.env)
            if agreed is not None:
                return said_once(agreed, turn.reply)
        return turn.reply

    def _time_put_at_the_end(self, turn: _Heard) -> bool:
        """A day or an hour put to the client yes or no as the meeting ends well ("...sopisko
        sulle ... tiistaina kello kymmenen?"), its goodbye naming no time: the time is agreed
        before the goodbye ("Kiitos... Moi sitten." alone passed it over, hhh t17)."""
        question, lang = turn.question, self.scenario.language
        return (
            question is not None
            and turn.after.ending == "good"
            and not turn.leaving
            and asking.puts_time(question.text, lang)
            # "mikä yks asia ensi viikolla tekis...?" asks, it puts no time
            and not any(self._asks_openly(part) for part in re.split(r"[:,]", question.text))
            and not asking.names_time(turn.reply, lang)
        )

    def _leave_before_the_plan(self, turn: _Heard) -> str | None:
        """Leave asked, alone, where the client is making plans ("Saanko kysyä vielä yhden
        asian?", "Can I ask one more thing?"), read by a reaction that agrees the plan and
        moves on to the next state's opening words ("Joo. Niin just. Sovittu..."): asking
        leave agrees nothing. The client gives leave (`defaults: ask_permission`) and the
        opening words wait for a turn they fit (step `held_line`). None: not such a turn, or
        no line to give."""
        fired, pool, question = turn.fired, turn.pool, turn.question
        lang = self.scenario.language
        if (
            turn.act.act != "permission"
            # the leave question alone, about nothing named, offering nothing: "Can I see the
            # letter?", "Can I tell you what the help could be?" or a plan put before it
            # ("...Käykö että selvitän sen?") are answered by the move's words
            or question is None
            or question.topics
            or turn.topics
            or len(sentences(turn.said[:MAX_CHARS])) > 1
            or turn.kind is not None
            or asking.offers(question.text, lang)
            or asking.offers_to_tell(question.text, lang)
            or turn.after.is_ending
            or turn.after.id == turn.before.id
            or "planning" not in turn.before.ready
            or fired is None
            or hearing.PLAN not in fired.moves
            or pool is None
            or pool.key != f"say:{turn.after.id}"
        ):
            return None
        given = self._default_line(hearing.PERMISSION, turn.env)
        if given is not None:
            self._hold(turn)
        return given

    def _answer_before_the_ending(self, turn: _Heard) -> str | None:
        """The turn ends the meeting and asks about something the ending's words do not
        speak to ("Yes. Exactly right. And the boys and the hat - what do we do?" -> "Thank
        you. Really. I was so afraid to come."): the client's answer about it first, read for
        any question (the recognizer may read "what do we do?" as closed), then the
        ending's words. None: no such question, or no answer left."""
        wanted = turn.wanted
        if (
            not turn.after.is_ending
            or turn.leaving
            or not wanted
            or turn.moves.isdisjoint(QUESTIONS)
            or self.about(turn.reply, turn.gates) & wanted
        ):
            return None
        topics = tuple(sorted(wanted))
        return self._first_answer(turn.before, turn.moves | QUESTIONS, topics, turn.env, topics)

    def _takes_the_act(self, turn: _Heard, act: hearing.Asked) -> bool:
        """Does step `the_act` decide: the question asks leave, a plan or an offer, and the line is
        not the scenario's own `defaults:` answer to that act."""
        if act.act is None:
            return False
        default = hearing.default_for(self.scenario, act.move)
        return not (default is not None and turn.reply in default.reply)

    def _answer_to_the_act(self, turn: _Heard, act: hearing.Asked) -> str | None:
        """Step `the_act`: the question asks leave, a plan or an offer, and the line was written for
        another act: the client's answer to the question's topic, else the scenario's
        `defaults:` line for the act ("Would it be okay if I told you about a couple of
        things?" -> "Yeah, okay.", not "Beans, mostly."). None: neither is left to say."""
        return self._first_answer(
            turn.before, turn.moves, turn.topics, turn.env, turn.asked, proposal=True
        ) or self._default_line(act.move, turn.env)

    def _answer_to_the_question(self, turn: _Heard) -> str | None:
        """Step `the_question`: a question about something (its own topics) that the line does not
        speak to: the answer to what it names ("Who's with the kids in the evenings, while you're at
        work?" is asked about the evenings, not the work); where the client has none and a stay's
        marked disclosure would answer an open question about something else, the `open_question`
        default that takes up the question. A reaction keyed on the question's topic, or one for any
        turn on a condition ("Too fast. Again, short?" after a long turn) has a reason of its own:
        its line stands (None)."""
        question, fired = turn.question, turn.fired
        wanted = turn.wanted
        if (
            question is None
            or not wanted
            or (fired and wanted & set(fired.topics))
            or (fired and fired.condition is not None and not fired.topics)
        ):
            return None
        about = self.about(turn.reply, turn.gates)  # read only here: a line is read once
        uncovered = tuple(sorted(wanted - about))
        replaced = None
        if uncovered and (not (about & wanted) or fired is None or not fired.topics):
            replaced = self._first_answer(
                turn.before, turn.moves, uncovered, turn.env, uncovered, fired
            )
        if (
            replaced is None
            and self._authored_about(turn.reply, turn.gates)
            and not (about & wanted)
            and self._open_question(question)
            and fired is not None
            and not fired.topics
            and turn.after.id == turn.before.id
        ):
            # a stay for any listening turn would voice the next disclosure instead
            replaced = self._default_line(hearing.OPEN, turn.env)
        return replaced

    def _step_offer(self, turn: _Heard) -> str | None:
        """Step `offer`: the question offers something the worker would do, or asks if it would
        help ("do you want me to send one, or leave it?", "auttaisko se?"): the client says
        yes or no first, by its state and trust: the scenario's `defaults: offer_yes` while
        its `if` holds, else `offer_no`. Offered an either/or ("Haluutko että käydään ne läpi
        nyt vai luet rauhassa kotona?") it answers the choice first with its
        `defaults: question_either_or` line. Where the turn moved the client on, the words of
        the move follow; in a stay the answer is the reply, and a line about something
        waits for a turn it fits. None: no offer, or no unsaid answer line."""
        question = turn.question
        either = turn.kind == asking.EITHER_OR
        language = self.scenario.language
        if question is None or not (
            either or turn.checks or asking.offers(question.text, language)
        ):
            return None
        moved = turn.after.id != turn.before.id or turn.after.is_ending
        if turn.checks and (moved or self._written_for_a_proposal(turn.fired, turn.moves)):
            # the words of a move the proposal brought about ("So someone in the mornings, and
            # you'll ring me") and a reaction written for the plan, the options or the leave
            # asked ("Thursday's fine.", "Okei. Katotaan.") take it up themselves
            return None
        picks_no_side = (
            self._bare_opening(turn.reply, turn.topics)
            if either and moved and not turn.after.choice
            else ""
        )
        if (
            moved
            and not picks_no_side
            and (
                turn.after.choice
                or (
                    asking.answers_by_itself(turn.reply, self.scenario.language)
                    # an ending's "Right. I'll take that kit." goes along but picks no side of
                    # "shall I tell the nurse, or will you?" (hen31 t15): the client's own answer
                    # to the choice first (a stock "Either." adds nothing to a "Yeah.")
                    and not (either and turn.after.is_ending and self._own_choice(turn))
                )
            )
        ):
            # the state entered states the client's own decision ("And I'm not going to some
            # debt advice place."), or its words already go along with the worker or turn
            # them down: a yes or no before them would contradict or repeat them
            return None
        answer = (
            # the client's own answer to what the choice is about ("...vai haluatteko kertoa
            # ite?" -> "Mä kerron Marjalle itse"), else the scenario's line for any choice; an
            # either/or asks, however else the turn was read ("Saanko kertoa...": permission)
            self._first_answer(
                turn.before, turn.moves | QUESTIONS, question.topics, turn.env, question.topics
            )
            or self._holding_line(asking.EITHER_OR, turn.env)
            if either
            else self._proposal_answer(turn)
            or self._offer_line(
                turn.env, telling=asking.offers_to_tell(question.text, self.scenario.language)
            )
        )
        if answer is None:
            return None
        if moved:
            self._held = None
            if picks_no_side:
                # "Yeah." or "Joo, käy." to "...yourself, or shall I email it?" picks no side
                # (hen60 t17, hhh t10): the client's pick says it in their place
                rest = turn.reply[len(picks_no_side) :].strip()
                return f"{answer} {rest}" if rest else answer
            return said_once(answer, turn.reply)
        if self.about(turn.reply, turn.gates):
            self._hold(turn)
        return answer

    def _bare_opening(self, line: str, topics: Sequence[str]) -> str:
        """The line's opening sentence where it only says yes ("Yeah.", "Joo, käy.") and what
        follows speaks of nothing the turn named (no side picked there either: "Joo. Eli mä
        soitan Tiinalle..." picks in its second sentence); "" otherwise."""
        said = sentences(line)
        lang = self.scenario.language
        if (
            len(said) < 2
            or said[0] not in line
            or len(said[0].split()) > 2
            or not asking.opens_on_yes_or_no(said[0], lang)
        ):
            return ""
        first = line[: line.index(said[0]) + len(said[0])]
        if self._named_in(line[len(first) :]) & set(topics):
            return ""
        return first

    def _step_proposal(self, turn: _Heard) -> str | None:
        """Step `proposal`: something to do together put to the client, yes or no ("Shall we
        make a start on the form, and you tell me if anything's unclear?"), where the client
        stays and the line would pass it over: a line neither written for a proposal nor
        going along with it or turning it down ("It's money, mostly.", hen50 t7, a misfit to
        all three judges). The client says yes or no as to an offer (`defaults: offer_yes`,
        `offer_no`); the line waits for a turn it fits. A line that takes it up ("Okay. That
        works.") is said as it is. None: the rule does not decide."""
        question, fired = turn.question, turn.fired
        language = self.scenario.language
        if turn.after.id != turn.before.id:
            return self._yes_before_the_move(turn)
        if (
            question is None
            or turn.leaving
            or not asking.proposes(question.text, language)
            or turn.after.id != turn.before.id
            or turn.after.is_ending
            or fired is None
            or hearing.costs(fired)
            or self._written_for_a_proposal(fired, turn.moves)
            or asking.answers_by_itself(turn.reply, language)
            or asking.opens_on_yes_or_no(turn.reply, language, maybe=True)
        ):
            return None
        # while the client would say yes to an offer, it agrees as to a plan ("Okay. That
        # works."): the offer's "Yes please" thanks for a service nobody offered
        yes = self._holding_for(OFFER_ANSWERS[0])
        now = {**turn.env, **self._variables}
        agrees = yes is None or yes.condition is None or yes.condition.evaluate(now)
        answer = (self._default_line(hearing.PLAN, turn.env) if agrees else None) or (
            self._offer_line(turn.env)
        )
        if answer is not None and self.about(turn.reply, turn.gates):
            self._hold(turn)
        return answer

    def _yes_before_the_move(self, turn: _Heard) -> str | None:
        """Step `proposal` as the client moves on: the turn ends putting something to it yes
        or no (a plan checked, an offer, a day, an invitation: asking.asks_to_go_along), and the
        new state's opening words, said alone, pass it over for something else ("Is that
        okay?" -> "So. The claim. And the rent. What can actually happen this week?", "Would
        it help if we started your claim today?" -> "The landlord's letter's in my bag...").
        Once it would take an offer (`defaults: offer_yes`'s `if`), the client says a short
        yes first, then those words. Words that answer by themselves (yes, no, maybe, going
        along, a sound that takes the question in), take up what the turn named, or state the
        client's own decision are said as they are: a yes before them would contradict or
        repeat them; so are the client's first state's words."""
        fired, pool = turn.fired, turn.pool
        language = self.scenario.language
        parts = sentences(turn.said[:MAX_CHARS])
        if (
            turn.leaving
            # the client's first words of the meeting take it on: "Kuka sen ilmotuksen teki?"
            # to "...Sopiiko?" agrees to nothing yet (hgx t1, hhh t1), nor "Ihan normi viikko."
            # to moving a client the worker put before asking anything (hfj t2)
            or turn.before.id == self.scenario.start
            or fired is None
            or pool is None
            or turn.after.is_ending
            or turn.after.choice
            or turn.said_back
            or hearing.costs(fired)
            or pool.key != f"say:{turn.after.id}"
            or not parts
            or not asking.asks_to_go_along(parts[-1], language)
            or asking.answers_on_its_own(turn.reply, language)
            # an opening that names what the turn put takes it up ("Eli ranneke ja
            # lenkkiapu."); a loan named later is news ("There's... also a loan. ...the rent")
            or self._named_in(sentences(turn.reply)[0] if sentences(turn.reply) else "")
            & set(turn.topics)
        ):
            return None
        # a guarded client agrees to nothing yet; a yes before its words would
        warm = self._holding_for(OFFER_ANSWERS[0])
        now = {**turn.env, **self._variables}
        if warm is not None and warm.condition is not None and not warm.condition.evaluate(now):
            return None
        return said_once(t("session.client_goes_along", language), turn.reply)

    def _own_choice(self, turn: _Heard) -> bool:
        """Has the client an answer of its own, not yet said, to the either/or asked."""
        question = turn.question
        assert question is not None
        return (
            self._first_answer(
                turn.before,
                turn.moves | QUESTIONS,
                question.topics,
                turn.env,
                question.topics,
                peek=True,
            )
            is not None
        )

    def _step_said_back(self, turn: _Heard) -> str | None:
        """Step `said_back`: the worker said back what it heard and checks it ("...He does not
        want to come. Did I understand right?"): the client says yes first (`defaults:
        confirm`, else the engine's short yes), then its line; a line that already opens on
        yes or no, or goes along, says it itself. Said alone where the line is a stock answer
        for another move, a waiting line or a bare maybe ("Um. Not sure. Why?" after a yes
        would take it back). None: the rule does not decide."""
        if not turn.said_back or turn.leaving:
            return None
        language = self.scenario.language
        if asking.opens_on_yes_or_no(turn.reply, language) or asking.answers_by_itself(
            turn.reply, language
        ):
            return None
        now = {**turn.env, **self._variables}
        own = self._holding_for(CONFIRM)
        yes = (
            self._picker.take_first(own.reply, own.gates, now, self._touched)
            if own is not None
            else None
        ) or self._picker.take_first(
            tuple(t(f"session.client_confirms_{n}", language) for n in (1, 2)), {}, now, set()
        )
        if yes is None:
            return None
        fired, pool = turn.fired, turn.pool
        stock = (
            fired is None
            or fired.is_default
            or (pool is not None and turn.reply not in pool.lines)
            or asking.bare(turn.reply, language)
        )
        if stock:
            if self.about(turn.reply, turn.gates) and turn.after.id == turn.before.id:
                self._hold(turn)
            return yes
        return said_once(yes, turn.reply)

    def _proposal_answer(self, turn: _Heard) -> str | None:
        """Asked what they make of what was put to them, the client's own answer written for
        it in this state ("Sarin asiakkaiden jako... se auttais."), if any is left."""
        if not turn.checks:
            return None
        return self._first_answer(turn.before, turn.moves, turn.topics, turn.env, (), proposal=True)

    @staticmethod
    def _written_for_a_proposal(fired: Transition | None, moves: frozenset[str]) -> bool:
        return (
            fired is not None
            and not fired.any_move
            and not hearing.PROPOSING.isdisjoint(moves & set(fired.moves))
        )

    def _offer_line(self, env: dict[str, float], telling: bool = False) -> str | None:
        """The first unsaid line of `defaults: offer_yes` while its condition holds (always
        for an offer to tell or explain something: the client wants to know), else of
        `offer_no`; None when the scenario wrote neither or the one that applies is said."""
        now = {**env, **self._variables}
        for key in OFFER_ANSWERS:
            answer = self._holding_for(key)
            if answer is None:
                continue
            if answer.condition is not None and not telling and not answer.condition.evaluate(now):
                continue
            return self._picker.take_first(answer.reply, answer.gates, now, self._touched)
        return None

    def _holding_for(self, key: str) -> Transition | None:
        return next((h for h in self.scenario.holding if key in h.moves), None)

    def _holding_line(self, key: str, env: dict[str, float]) -> str | None:
        """The first unsaid line of the `defaults:` holding answer `key` while its `if`
        holds; None when the scenario wrote none or all are said."""
        holding = self._holding_for(key)
        if holding is None:
            return None
        now = {**env, **self._variables}
        if holding.condition is not None and not holding.condition.evaluate(now):
            return None
        return self._picker.take_first(holding.reply, holding.gates, now, self._touched)

    def _holding_answer(self, turn: _Heard) -> str | None:
        """Step `holding`: a content question the client has no scripted answer for ("When was your
        last shift, roughly?", "What makes it hard to tell her?", "What do you remember of
        it?", "Have you got those with you?") gets the scenario's holding answer for the
        question's kind (`defaults: question_when`, ...), where the line the reaction gives
        would pass the question over: a line about something the question does not name, a
        stock line for another move, or a fallback. The kind is read from the question
        sentence and the whole turn (simulator/client/asking.py): a turn that invites the
        client on asks nothing specific. A reaction keyed on the question's topic or with a
        reason of its own (a condition) is said as it is. In a stay the line waits (held);
        a move's words follow the answer. None: the rule does not decide."""
        question, fired = turn.question, turn.fired
        if question is None:
            return None
        kind = turn.kind
        if kind is None:
            return None
        # a move's entry line: the condition gates the move, it is no reason for the words
        if fired is not None and (
            (fired.condition is not None and not _entry_line_to_a_fact_question(turn, kind))
            or (turn.wanted & set(fired.topics))
        ):
            return None
        if not self._passes_over(turn, kind):
            return None
        if kind == asking.EITHER_OR and turn.after.id != turn.before.id and turn.after.choice:
            # the state entered states the client's own decision ("And I'm not going to some
            # debt advice place."): that answers the choice, and "Whatever's easiest. I don't
            # mind." before it would contradict it (hen49 t16; step `offer` does the same)
            return None
        # an either/or asks whatever else the turn was read as ("Mitä sä ajattelet, riittääkö
        # se vai haluutko tietää jotain tarkemmin?" read as praise and information): where its
        # sentence names a topic the client has an answer for, that answer, not the stock
        # "Kumpi vaan. Mulle käy kumpikin." (hgc t4)
        moves = turn.moves | QUESTIONS if kind == asking.EITHER_OR else turn.moves
        answers = (
            self._machine.answers_to(turn.before.id, moves, turn.wanted, turn.env, turn.wanted)
            if turn.wanted
            else []
        )
        line = None
        if answers and kind == asking.EITHER_OR:
            line = self._first_answer(turn.before, moves, turn.wanted, turn.env, turn.wanted)
        # The client has answers about what the question names and has said them all
        # ("five weeks ago", twice): "Don't remember exactly" would take them back, and the
        # state's next line would pass the question over; it says it has told that already.
        if line is None and answers:
            line = self._told_already(answers, turn.env)
        if line is None and not answers:
            line = (
                self._own_or_engine(kind, _ENGINE_HOLDING[kind], 3, turn.env)
                if kind in _ENGINE_HOLDING
                else self._holding_line(kind, turn.env)
            )
        if line is None:
            return None
        if turn.after.id != turn.before.id:
            return said_once(line, turn.reply)
        if self.about(turn.reply, turn.gates):
            self._hold(turn)
        return line

    def _told_already(self, answers: Sequence[Transition], env: dict[str, float]) -> str | None:
        """The client has said every line of its answers to the question: the first unsaid
        `exhausted:` line of the best answer, else of the scenario ("I've said what I've got
        to say about that. What is it you want to ask me?"); None when those are said too."""
        now = {**env, **self._variables}
        for lines in (answers[0].exhausted, self.scenario.exhausted):
            line = self._picker.take_first(lines, answers[0].gates, now, self._touched)
            if line is not None:
                return line
        return None

    def _passes_over(self, turn: _Heard, kind: str) -> bool:
        """Would the reaction's line pass the question over: a fallback, a stock `defaults:`
        line for another move, or a line about something the question does not name, from
        a reaction not written for questions alone (a stay keyed only on `open_question`,
        "No... mä teen iltavuoroja. Ehkä siitä.", answers the question its authors had in
        mind). A yes/no question keeps the client's own yes/no hedge (`defaults:
        closed_question`) and a line that opens on yes or no ("Joo. Mä vähän jännitän...")."""
        fired = turn.fired
        if fired is None:
            return True
        if kind == asking.YES_NO and (
            asking.opens_on_yes_or_no(turn.reply, self.scenario.language)
            or "closed_question" in fired.moves
        ):
            return False
        if fired.is_default or (fired.reply and turn.reply not in fired.reply):
            # a stock line for another move, or the pool's `exhausted:` line ("Yeah. That's
            # about it.") said to "What would your way look like?"
            return True
        if _entry_line_to_a_fact_question(turn, kind):
            # a move's entry line opens what comes next and tells no time or amount ("I just
            # need the amount for the form. How much?" -> "Okay. Which bits do I fill in?");
            # one said to "why" or yes/no often is the answer ("Why is he tired?" -> "I work
            # cleaning. I start five o'clock..."), and a hedge before it would take it back
            return True
        if kind in _FACT_KINDS and asking.opens_on_yes_or_no(
            turn.reply, self.scenario.language, maybe=True
        ):
            # a line written for yes/no questions tells no amount: "So how much is it?" ->
            # "Um. Yeah, I think so." passed it over
            return True
        if not fired.any_move and fired.moves and set(fired.moves) <= QUESTIONS:
            return False
        about = self.about(turn.reply, turn.gates)
        if about & turn.wanted:
            return False
        # A stay written for listening turns (reflections, affirmations) says its next line
        # whatever it is asked: "What makes it hard to tell her?" -> "I cried in the
        # chemist's last week." A yes/no question is answered by such a line only when it
        # names something else (its words are read as about nothing: "Yeah, it's been hard").
        listening = not fired.any_move and not set(fired.moves) <= QUESTIONS
        return bool(about) or (
            kind != asking.YES_NO and listening and turn.after.id == turn.before.id
        )

    def _answer_to_the_last_question(self, turn: _Heard) -> str | None:
        """Step `last_question`: the turn ends on an open question ("Fair enough. Straight then: ...
        What's the hardest part?"), and the stay that fired was written for the listening earlier in
        the turn (keyed on reflections or praise alone, none of them read in the question) with a
        bare yes, no or maybe (asking.bare): its line answers the praise ("Maybe. We'll see."), not
        the question. The client says the state's own line for such a question (the first stay keyed
        on a move the question has, not on a topic it does not name), else its `answers:` for what
        the question names, else `defaults: open_question`. The reaction keeps its effects. None:
        the rule does not decide."""
        question, fired = turn.question, turn.fired
        if (
            question is None
            or fired is None
            or hearing.OPEN not in question.moves
            # a short question is open too ("What happened?", "How come?"); only a check of
            # what was put ("Sound alright?") asks the client to go on
            or asking.checks_proposal(question.text, self.scenario.language)
            or not sentences(turn.said[:MAX_CHARS])[-1].rstrip().endswith("?")
            or turn.after.id != turn.before.id
            or fired.any_move
            or fired.is_default
            or fired.topics
            or fired.condition is not None
            or not fired.reply
            or turn.reply not in fired.reply
            or not set(fired.moves) <= hearing.LISTENING
            or not set(question.moves).isdisjoint(fired.moves)
            # a line for the reflection may well answer "Would you tell me about that?"
            or not asking.bare(turn.reply, self.scenario.language)
        ):
            return None
        now = {**turn.env, **self._variables}
        asked = set(question.moves)
        for stay in self.scenario.transitions_from(turn.before.id):
            if (
                stay is fired
                or stay.target not in (None, turn.before.id)
                or not stay.reply
                or stay.any_move
                or asked.isdisjoint(stay.moves)
                or (stay.topics and turn.wanted.isdisjoint(stay.topics))
                or hearing.costs(stay)
                or (stay.condition is not None and not stay.condition.evaluate(now))
            ):
                continue
            # a line that refers back to what the meeting touched answers "What happened?"
            # about it; a stock line for any question comes after
            lines = sorted(
                stay.reply, key=lambda line: not (line in stay.gates and stay.gates[line].refers)
            )
            line = self._picker.take_first(lines, stay.gates, now, self._touched)
            if line is not None:
                return line
        return self._first_answer(
            turn.before, turn.moves, turn.topics, turn.env, turn.asked, fired
        ) or self._default_line(hearing.OPEN, turn.env)

    def _step_choice_agreed(self, turn: _Heard) -> str | None:
        """Step `choice_agreed`: the worker has just agreed to a choice the client stated, and the
        stay's line would state it again: the `defaults:` line that takes it as agreed."""
        gate = turn.gates.gates.get(turn.reply)
        if (
            turn.after.id == turn.before.id
            and gate is not None
            and hearing.restates(gate.refers, self._choices, turn.topics, turn.moves)
        ):
            return self._default_line(hearing.AGREED, turn.env)
        return None

    def _hold(self, turn: _Heard) -> None:
        """The state's words passed over wait for a turn they fit (step `held_line`). A bare
        yes, no or maybe answered the turn it was drawn for and waits for none: said later
        ("Maybe. We'll see." to "Where do you fit in, in all that?", hen40 t4) it agrees to
        what nobody put."""
        if asking.bare(turn.reply, self.scenario.language):
            self._held = None
            return
        self._held = (turn.reply, turn.after.id, self.about(turn.reply, turn.gates))

    def _step_held_line(self, turn: _Heard) -> str:
        """Step `held_line`: a line held back in this state is said to a question about what it is
        about ("Does that sound like what you'd want?" about the bracelet the turn named),
        or to a turn that invites the client on and asks about nothing else ("Go on.", a
        reflection) where the stay that fired is not keyed on a topic the turn names.
        Otherwise it still waits, and the reaction's own line is said."""
        held, self._held = self._held, None
        before, after = turn.before, turn.after
        if held is not None and held[1] == before.id == after.id and turn.act.act is None:
            wanted = turn.wanted
            named = wanted or (set(turn.topics) if turn.question is not None else set())
            # a specific question ("How much are you using?") is not an invitation
            inviting = not turn.moves.isdisjoint(hearing.INVITING) and turn.kind is None
            # a stay keyed on a topic the turn names answers it with its own line ("...if
            # you want to, I'd like to hear it" about what happened before)
            keyed = turn.fired is not None and not set(turn.fired.topics).isdisjoint(turn.topics)
            # a line that opens on yes or no agrees with (or turns down) what it was drawn for:
            # it waits for a turn about that, not for any invitation ("Yes. All night. I read
            # the letter again and again." to "English, or Arabic on the phone? What do you
            # want?", hen41 t3)
            agreeing = asking.opens_on_yes_or_no(held[0], self.scenario.language)
            if held[2] & named or (inviting and not wanted and not keyed and not agreeing):
                return held[0]
        if held is not None and held[1] == after.id and after.id == before.id:
            self._held = held  # not this turn: it still waits
        return turn.reply

    def _authored_about(self, line: str, given: LineAbout) -> bool:
        """Did the authors say what the line is about (its `about:`): a disclosure they
        marked, which waits for a question about it (the words a line names are too loose a
        reading to pass a line over for a stock answer: "Miltä teidän arki näyttää?" names
        the children, and "No... mä teen iltavuoroja." answers it)."""
        return hearing.line_about(line, given.gates, given.keyed, self._named_in)[1] == "about"

    @staticmethod
    def _open_question(question: Recognition) -> bool:
        """An open question of its own ("What scared you most about it?"), not a tag."""
        return hearing.OPEN in question.moves and word_count(question.text) > hearing.TAG_WORDS

    def _default_line(self, move: str | None, env: dict[str, float]) -> str | None:
        """The first unsaid line of the scenario's `defaults:` answer to `move`."""
        default = hearing.default_for(self.scenario, move)
        if default is None:
            return None
        return self._picker.take_first(
            default.reply, default.gates, {**env, **self._variables}, self._touched
        )

    def _answer_instead(
        self,
        before: State,
        fired: Transition | None,
        moves: frozenset[str],
        topics: Sequence[str],
        env: dict[str, float],
        leaving: str | None,
        asked: Sequence[str] = (),
        proposal: bool = False,
    ) -> str | None:
        """The answer to what the worker asked, where the client stays and the line that would
        answer is not about it: "The teacher sees Omar is late. How is Omar at home?" fired
        the stay line for reflections ("Yes... Thank you for saying."), "Who's Karen?" the
        state's next disclosure ("I'm trying to say it."), "Do you have naloxone on you?" the
        fallback. The reaction that fired still stands (its effects, its record); only the
        words answer the question. None: no such answer, or all of it has been said."""
        if (
            leaving
            or (fired is not None and fired.target is not None)
            or (fired is not None and not fired.reply)
            # keyed on what the worker asked about (the question's own topics where it names
            # one: "A trial shift, nice one. What time do you need to leave?" asks the time)
            or (fired is not None and not set(fired.topics).isdisjoint(asked or topics))
            # a reaction with a reason of its own ("Too fast. Again, short?" after a long
            # turn, a reaction that costs trust) is what the client says, question or not
            or (fired is not None and fired.condition is not None)
            or (fired is not None and hearing.costs(fired))
        ):
            return None
        # The fired stay may itself be among the answers, keyed on a topic the turn named but
        # not on the question's own: the answer to the question comes from the next one.
        return self._first_answer(before, moves, topics, env, asked, skip=fired, proposal=proposal)

    def _answer_first(
        self,
        before: State,
        moves: frozenset[str],
        topics: Sequence[str],
        env: dict[str, float],
        entry: str,
        asked: Sequence[str] = (),
        fired: Transition | None = None,
        spent: bool = False,
        proposal: bool = False,
    ) -> str:
        """The reply to a question that also moved the client on: the answer the client has to
        the question, then the words of the move. Entry lines open what comes next and
        answer no particular question; said alone after "How long's it been now?" they pass
        the question over. No answer (none authored, or all said) leaves the line alone: a
        line never comes back to answer a question; nor does a move that cost trust get one
        (the client is hurt: "Just tätä mä pelkäsin", not "Ihan hyvin" first). Where the
        entry's lines are `spent` the entry is a waiting line ("Mä kerroin jo. Mitäs
        sitten?"): after an answer it would take the answer back, so the answer is said alone."""
        if fired is not None and any(e.variable == TRUST and e.amount < 0 for e in fired.effects):
            return entry
        line = self._first_answer(before, moves, topics, env, asked, proposal=proposal, peek=True)
        if line is None:
            return entry
        told = self._named_in(entry)
        if not spent and _said_twice(entry, line):
            # The words of the move say what the answer says (a double clause, a story told
            # twice): they answer the question themselves, and are said alone.
            return entry
        if (
            not spent
            and told
            and told <= self._named_in(line)
            and not self.scenario.states[self._state].is_ending
            # words that take up what the worker put ("Right. I'll take that kit.") answer
            # the turn themselves
            and not asking.answers_by_itself(entry, self.scenario.language)
        ):
            # The words of the move name nothing the answer has not just told ("Mia's my
            # girl... I see her Sundays." then "...Sundays I see my daughter, Mia."): said
            # after it they tell it twice. The answer is said; the entry waits for a turn
            # it fits (step `held_line`).
            self._held = (entry, self._state, told)
            spent = True
        self._picker.record(line)
        return line if spent else f"{line} {self._without_second_yes(line, entry)}"

    def _without_second_yes(self, answer: str, entry: str) -> str:
        """The words of the move without their opening yes where the answer has just opened
        on the same word: "Joo, kerro vaan. ...? Joo, käy. Ja mulla on..." agreed twice in
        one breath (hhn t10, judged a misfit by all three)."""
        opening = self._bare_opening(entry, ())
        if not opening or not asking.opens_on_yes_or_no(answer, self.scenario.language):
            return entry

        def first_word(text: str) -> str:
            found = re.search(r"\w+", same_words(text))
            return found.group(0) if found else ""

        if first_word(opening) != first_word(answer):
            return entry
        return entry[len(opening) :].strip()

    def _first_answer(
        self,
        before: State,
        moves: frozenset[str],
        topics: Sequence[str],
        env: dict[str, float],
        asked: Sequence[str],
        skip: Transition | None = None,
        proposal: bool = False,
        peek: bool = False,
    ) -> str | None:
        """The first unsaid line of the best answer the client has to the turn's question
        (recorded as said unless `peek`), or None when every answer is said or none is
        authored. Asked
        what they make of a `proposal`, only an answer written for what was put to them
        ("Sarin asiakkaiden jako... se auttais.", keyed on options) answers: one keyed on a
        question about a topic the proposal named ("Huonosti. Herään neljältä") does not."""
        answers = [
            answer
            for answer in self._machine.answers_to(before.id, moves, topics, env, asked)
            if answer is not skip
            and not (proposal and not self._written_for_a_proposal(answer, moves))
        ]
        # An answer line that tells again what the client told in other words ("Yksin. Elsa
        # kuoli kaks vuotta sitten." after "Elsa... Se kuoli kaks vuotta sitten
        # maaliskuussa.", hgl t7) would tell it as new: another answer is said while there is
        # one; else it is, rather than a line that passes the question over.
        for sentence_wise in (True, False):
            for answer in answers:
                line = self._picker.take_first(
                    answer.reply,
                    answer.gates,
                    {**env, **self._variables},
                    self._touched,
                    peek,
                    sentence_wise=sentence_wise,
                )
                if line is not None:
                    return line
        return None

    def _save(self, record: TurnRecord) -> bool:
        """Hand the turn to `on_turn` (the journal); False, with `save_error`, if it failed.

        The turn has happened either way: the meeting stays in memory, and the journal
        writes every turn it missed at its next successful write (once there is space).
        """
        if self.on_turn is None:
            return True
        try:
            self.on_turn(self.transcript, record)
        except OSError as error:
            self.save_error = error
            return False
        self.save_error = None
        return True

    # -- picking up an interrupted meeting ----------------------------------------------

    @classmethod
    def resume(
        cls,
        scenario: Scenario,
        transcript: Transcript,
        recognizer: Recognizer | None = None,
        on_turn: OnTurn | None = None,
    ) -> Session:
        """Rebuild a meeting by replaying its recorded turns with their recorded readings."""
        if transcript.scenario_id and transcript.scenario_id != scenario.id:
            raise ResumeError(
                t(
                    "session.resume_wrong_scenario",
                    None,
                    recorded=transcript.scenario_id,
                    scenario=scenario.id,
                )
            )
        session = cls(scenario, recognizer, seed=transcript.seed, variant=transcript.variant)
        for record in transcript.turns:
            session._take_turn(
                record.worker,
                None,
                record.recognition,
                via_menu=record.via_menu,
                leaving=record.leaving,
            )
            if session.state != record.state_after:
                raise ResumeError(
                    t(
                        "session.resume_mismatch",
                        None,
                        turn=record.index,
                        expected=record.state_after,
                        actual=session.state,
                    )
                )
        # Keep the recorded words and timings; the clock continues where the meeting paused.
        session.transcript = transcript
        if transcript.opening:
            session.opening = replace(session.opening, text=transcript.opening)
        if transcript.turns:
            session._last_words = transcript.turns[-1].reply
            session._started = time.monotonic() - transcript.turns[-1].seconds
        elif transcript.opening:
            session._last_words = transcript.opening
        session.on_turn = on_turn
        return session
