"""Choosing the client's words: varied, reproducible, never silent, never parroting.

Rules (docs/format.md, "How the client chooses its words"):
- no line is said twice in one meeting while its pool still has a line not yet said, nor
  almost word for word (`near_repeat`), save a `touched:` line, the authors' retelling;
- a line may carry a gate (`if:` on the variables after the turn, `touched:` topics or cues
  raised on an earlier turn); only lines whose gate holds are said, and a line that refers
  back to something touched is preferred over a plain one, unless the worker's turn raised
  other topics: then a line referring back to one of those comes first, plain lines next, and
  a line referring back to something else last (it would answer a turn late), save one that
  takes the place of a plain line about what it refers back to (the plain line would tell
  as new what the meeting already touched or what the worker said);
- when every fitting line has been said, the client says so in character: the authored
  `exhausted:` lines (transition, else state, else scenario); the built-in ones in the
  scenario's language only when the authors wrote none for the pool; only when those are
  spent too does a line come back, the one said longest ago.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import NamedTuple

from simulator.language.text import sentences, tokens
from simulator.scenario.model import LineGate, Scenario, State, Transition, Variant

#: Built-in in-character lines for a scenario that gives no fallback at all (session.yaml).
BUILTIN_FALLBACK_KEYS = (
    "session.client_fallback_1",
    "session.client_fallback_2",
    "session.client_fallback_3",
    "session.client_fallback_4",
)
#: Built-in lines for a pool that has run dry: the client shows it is waiting for something.
BUILTIN_EXHAUSTED_KEYS = (
    "session.client_exhausted_1",
    "session.client_exhausted_2",
    "session.client_exhausted_3",
    "session.client_exhausted_4",
)


class Pool(NamedTuple):
    """Where a reply comes from: a key (for the record), its lines, their gates, and the
    authored lines for when it has run dry, most specific first (transition, state, scenario)."""

    key: str
    lines: tuple[str, ...]
    gates: Mapping[str, LineGate] = {}
    exhausted: tuple[tuple[str, ...], ...] = ()


def same_words(line: str) -> str:
    """The line as compared for word-for-word repeats (spacing and case do not count)."""
    return " ".join(line.split()).casefold()


#: Words in a run of a line that, said again in another line, are the same words said again:
#: "I've never had to ask for anything before" is three runs of four of one run said before;
#: "Okay. Thank you." is no run.
NEAR_RUN = 4
#: A line with at least this share of its words in runs said before is said again almost word
#: for word ("A kit? Had one once. Lost it, or someone had it. ...Maybe later." after "Had a
#: kit once. Lost it, or someone had it. ...Maybe later."): it counts as said (issue 14).
NEAR_SHARE = 0.6


def word_runs(words: Sequence[str]) -> set[tuple[str, ...]]:
    """The runs of NEAR_RUN words of a line, as tokens (punctuation and case do not count)."""
    return {tuple(words[at : at + NEAR_RUN]) for at in range(len(words) - NEAR_RUN + 1)}


def share_said(words: Sequence[str], said: Collection[tuple[str, ...]]) -> float:
    """The share of `words` that stand in a run of NEAR_RUN words found in `said`."""
    covered = [False] * len(words)
    for at in range(len(words) - NEAR_RUN + 1):
        if tuple(words[at : at + NEAR_RUN]) in said:
            covered[at : at + NEAR_RUN] = [True] * NEAR_RUN
    return sum(covered) / len(words) if words else 0.0


def near_repeat(line: str, said: Collection[tuple[str, ...]]) -> bool:
    """Would `line` say again almost word for word what the runs `said` hold."""
    words = tokens(line)
    return len(words) >= NEAR_RUN and share_said(words, said) >= NEAR_SHARE


def retells(line: str, said: Collection[tuple[str, ...]]) -> bool:
    """Does one sentence of `line` tell again almost word for word what the runs `said` hold
    ("Yksin. Elsa kuoli kaks vuotta sitten. Nappi on seurana." after "Elsa... Se kuoli kaks
    vuotta sitten maaliskuussa."): the fact, told as new, in a line about something else."""
    return any(near_repeat(sentence, said) for sentence in sentences(line))


class ReplyPicker:
    """Picks one line from a pool by the rules above.

    All randomness comes from the `random.Random` given, and exactly one number is drawn per
    pick, so a seed replays a meeting exactly whichever pools were used.
    """

    def __init__(self, rng: random.Random, lang: str = "en") -> None:
        self._rng = rng
        self._lang = lang
        self._said: dict[str, int] = {}  # same_words(line) -> when it was last said
        self._runs: dict[tuple[str, ...], int] = {}  # a run of words -> when it was last said
        self._count = 0
        self._last_said = ""

    def said_before(
        self,
        line: str,
        gate: LineGate | None = None,
        pool: Sequence[str] = (),
        sentence_wise: bool = False,
    ) -> bool:
        """Was `line` said, word for word or almost (NEAR_SHARE of its words in runs said
        before). A line that refers back to what the meeting touched (`touched:`: "Like I
        said, Flat 4, 18 Weaver Street." after "Flat 4, 18 Weaver Street. It's a studio.")
        is the authors' second telling, said again on purpose; but not of a line written
        after it in its `pool`: that is another version of the same telling ("It's just...
        days. ... Sundays with Mia" for when Mia was named, "...Sundays I see my daughter,
        Mia." next), and the client has told it. `sentence_wise`: a line one of whose
        sentences `retells` what was said counts as said too (an answer's fact, told as new
        after the client told it in other words)."""
        if same_words(line) in self._said:
            return True
        if gate is None or not gate.touched:
            return near_repeat(line, self._runs) or (sentence_wise and retells(line, self._runs))
        at = pool.index(line) if line in pool else len(pool)
        versions = [other for other in pool[at + 1 :] if same_words(other) in self._said]
        return near_repeat(line, {run for v in versions for run in word_runs(tokens(v))})

    def _when(self, line: str) -> int:
        """When `line` was last said, or the words it says again (-1: never)."""
        exact = self._said.get(same_words(line))
        if exact is not None:
            return exact
        words = tokens(line)
        if not near_repeat(line, self._runs):
            return -1
        return max(self._runs.get(run, -1) for run in word_runs(words))

    def take_first(
        self,
        lines: Sequence[str],
        gates: Mapping[str, LineGate],
        env: Mapping[str, float],
        touched: Collection[str],
        peek: bool = False,
        sentence_wise: bool = False,
    ) -> str | None:
        """The first line of `lines` not yet said whose gate holds, recorded as said (not
        while `peek`: the caller may yet not say it); None when there is none. Draws no
        random number: a line added to a reply (an answer said before the reply proper)
        leaves the meeting's random stream as it was."""
        for line in lines:
            gate = gates.get(line)
            if not self.said_before(line, gate, lines, sentence_wise) and fits(gate, env, touched):
                if not peek:
                    self.record(line)
                return line
        return None

    def record(self, line: str) -> None:
        """Note `line` as said now: it is not said again while the pool has others."""
        self._count += 1
        self._said[same_words(line)] = self._count
        for run in word_runs(tokens(line)):
            self._runs[run] = self._count
        self._last_said = line

    def pick(
        self,
        pool_key: str,
        lines: Sequence[str],
        gates: Mapping[str, LineGate] | None = None,
        env: Mapping[str, float] | None = None,
        touched: Collection[str] = (),
        exhausted: Sequence[Sequence[str]] = (),
        now: Collection[str] = (),
        about: Callable[[str], Collection[str]] | None = None,
        unfit: Callable[[str], bool] | None = None,
    ) -> str:
        """One line of `lines`; `exhausted` holds tiers of lines for when `lines` is spent;
        `now` names the topics the worker's turn raised (a line referring back to one of
        them fits best, one referring back to something else fits least); `about` reads
        what a line without `about:` is about (the topics its words name); `unfit` tells a
        line whose premise the turn did not make (simulator/client/premises.py): drawn, it
        gives way to the next candidate that does not presume, said only where all do."""
        if not lines:
            return ""
        gates = gates or {}
        fitting = [line for line in lines if fits(gates.get(line), env, touched, now)]
        if not fitting:
            # Every line is gated and none holds: an authoring slip; any line beats silence.
            fitting = [line for line in lines if line not in gates] or list(lines)
        fresh = [line for line in fitting if not self.said_before(line, gates.get(line), lines)]
        referring = [line for line in fresh if line in gates and gates[line].refers]
        if now:
            # The worker is talking about something: "Like I said, it's the nights" answers
            # a turn about the nights, and sounds a turn late after one about the rent.
            on_topic = [line for line in referring if set(gates[line].refers) & set(now)]
            elsewhere = [line for line in referring if line not in on_topic]
            plain = [line for line in fresh if line not in elsewhere]

            # A line that refers back to what came up (`touched:`) or says back what the
            # worker said or granted (`heard:`, "Sun ei tarvii kertoa sun omaa tarinaa") is
            # the authors' second telling: a plain line about the same thing would tell it as
            # new ("Mä teen iltavuoroja..." after the shifts were talked over), whatever else
            # this turn names. It takes that line's place.
            def came_up(line: str) -> set[str]:
                gate = gates[line]
                return {n for n in gate.touched if n in touched} | {
                    n for n in gate.heard if n in touched or n in now
                }

            def subject(line: str) -> set[str]:
                gate = gates.get(line)
                if gate is not None and gate.about:
                    return set(gate.about)
                return set(about(line)) if about is not None else set()

            retold = {line: came_up(line) for line in elsewhere}
            as_new = [
                line
                for line in plain
                if (line not in gates or not gates[line].refers)
                and any(names & subject(line) for names in retold.values())
            ]
            if as_new:
                told = set().union(*(subject(line) for line in as_new))
                plain = [line for line in plain if line not in as_new] + [
                    line for line, names in retold.items() if names & told
                ]
            candidates = on_topic or plain or fresh
        else:
            candidates = referring or fresh
        if not candidates:
            # The engine's own lines only for a scenario that wrote none for this pool: where
            # the authors gave the client words for running dry, a generic engine line ("We've
            # been over this...") would break the character. Their line said longest ago
            # comes back instead (below).
            authored = any(tier for tier in exhausted)
            builtin = () if authored else (builtin_exhausted(self._lang),)
            for tier in (*exhausted, *builtin):
                candidates = [line for line in tier if not self.said_before(line)]
                if candidates:
                    break
        if not candidates:
            # Everything has been said: the line said longest ago, never the one just said.
            spent = [*dict.fromkeys([*fitting, *(line for tier in exhausted for line in tier)])]
            others = [line for line in spent if same_words(line) != same_words(self._last_said)]
            spent = others or spent
            oldest = min(self._when(line) for line in spent)
            candidates = [line for line in spent if self._when(line) == oldest]
        # Always draw, even from a single line, so the random stream does not depend on
        # which pools happened to have one line.
        at = self._rng.randrange(len(candidates))
        if unfit is not None:
            # the line drawn presumes what the turn did not do: the next one that does not,
            # in the pool's order, so that a turn no line presumes about draws as before
            order = candidates[at:] + candidates[:at]
            at = candidates.index(next((c for c in order if not unfit(c)), candidates[at]))
        line = candidates[at]
        self.record(line)
        return line


def fits(
    gate: LineGate | None,
    env: Mapping[str, float] | None,
    touched: Collection[str],
    now: Collection[str] = (),
) -> bool:
    if gate is None:
        return True
    try:
        return gate.holds(env or {}, touched, now)
    except (KeyError, TypeError):
        return False  # a name the env lacks (an isolated picker test): the gate cannot hold


def entry_lines(scenario: Scenario, variant: Variant | None, state_id: str) -> tuple[str, ...]:
    """The state's entry lines; a variant's `say` replaces them."""
    if variant is not None and state_id in variant.say:
        return tuple(variant.say[state_id])
    return scenario.states[state_id].say


def fallback_pool(scenario: Scenario, state: State, lang: str) -> Pool:
    """The lines for a turn nothing matched: the state's, else the scenario's, else built-in."""
    exhausted = (state.exhausted, scenario.exhausted)
    if state.fallback:
        return Pool(f"fallback:{state.id}", state.fallback, state.gates, exhausted)
    if scenario.fallback:
        return Pool("fallback", scenario.fallback, scenario.fallback_gates, exhausted)
    return Pool("fallback:builtin", builtin_fallback(lang), {}, exhausted)


def builtin_fallback(lang: str) -> tuple[str, ...]:
    from simulator.i18n import t

    return tuple(t(key, lang) for key in BUILTIN_FALLBACK_KEYS)


def builtin_exhausted(lang: str) -> tuple[str, ...]:
    from simulator.i18n import t

    return tuple(t(key, lang) for key in BUILTIN_EXHAUSTED_KEYS)


def reply_pool(
    scenario: Scenario,
    variant: Variant | None,
    fired: Transition | None,
    before: State,
    after: State,
) -> Pool:
    """Where the reply comes from: the transition's reply, the target's entry lines, fallback."""
    lang = scenario.language
    if fired is not None:
        if fired.reply:
            exhausted = (fired.exhausted, before.exhausted, scenario.exhausted)
            return Pool(f"reply:{fired.id}", fired.reply, fired.gates, exhausted)
        if fired.target is not None:
            lines = entry_lines(scenario, variant, after.id)
            if lines:
                gates = after.gates if lines is after.say else {}  # a variant's say: plain
                return Pool(f"say:{after.id}", lines, gates, (after.exhausted, scenario.exhausted))
    return fallback_pool(scenario, before if fired is None else after, lang)
