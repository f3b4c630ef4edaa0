"""The three axes, the encounter profile and the MITI-style summary.

Every number here is a rate or a share over the meeting's turns, never a raw count, so a
short and a long meeting of the same quality score alike. The formulas are documented in
docs/scoring.md; keep the two in step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from simulator.language.text import sentences
from simulator.moves import (
    MODES,
    NEEDS_READINESS,
    PUSHING,
    QUESTIONS,
    REFLECTIONS,
    SUPPORTING,
)
from simulator.scoring.model import Reason
from simulator.transcript import Transcript, TurnRecord

#: MITI 4.2.1 thresholds (fair, good): reflection-to-question ratio and complex share.
RQ_FAIR, RQ_GOOD = 1.0, 2.0
CR_FAIR, CR_GOOD = 0.40, 0.50

#: Moves that are often phrased as a question but are not coded as one.
QUESTION_LIKE = frozenset({"ask_permission", "seek_collaboration", "offer_options", "structuring"})
#: Without readiness flags: advice before the client has said this many words is premature.
CLIENT_WORDS_BEFORE_ADVICE = 40
#: A monologue: more words than this and more than MONOLOGUE_FACTOR x the client's last turn.
MONOLOGUE_MIN_WORDS = 40
MONOLOGUE_FACTOR = 3
#: A reflection or summary longer than this is a speech all the same (a 600-word "reflection"
#: leaves the client no room however much of their meaning it carries).
MONOLOGUE_REFLECTIVE_WORDS = 120
#: A cue is picked up if one of this many following trainee turns reflects or asks about it.
CUE_WINDOW = 2
#: Words that push back on what the client said ("but", "still", "why not"): coming back to a
#: stated choice's subject with one of them presses the choice even when the client's trust
#: happens not to fall at that turn.
PUSH_BACK_WORDS = frozenset(
    {"but", "still", "anyway", "even", "mutta", "silti", "kuitenkin", "edes", "miksi", "why"}
)
#: A "reflection" that tells the client what they have to do ("you need to take it once a
#: day", "sinun on noudatettava sääntöjä") is MITI's Persuade or unasked advice in a
#: reflection's clothes: the righting reflex. Read per sentence: a second-person (or "we")
#: necessity. Not a directive: a question ("what would you need?"), words in quotes (the
#: client's own), the necessity framed as the client's view ("you feel you have to",
#: "tuntuu, että sun pitää"), inference ("you must like it", "sen täytyy olla vaikeaa":
#: no subject of ours), the decision named as theirs ("a call you've got to make"), or a
#: necessity inside an embedded question or a clause of time or condition ("what you should
#: do", "when you have to think about it": it describes, it does not tell).
#:
#: The two languages' word lists say the same things (issue 13's language comparison,
#: `benchmarks/annomi_scores.py --compare-languages`): on the AnnoMI fold, read by the rule on
#: each utterance and its translation, they agreed on 16 turns and disagreed on 22 before
#: they were aligned, and agree on 28 and disagree on 7 now (the rest are translations that
#: say it another way). Aligned: an adverb or auxiliary between the subject and the necessity
#: ("you do need to", "you'll have to", "you probably need to": Finnish allowed two words
#: there already), prohibitions ("you shouldn't", as "sinun ei pitäisi"), the formal and
#: plural "teidän on lopetettava" (only "sinun on …-ttava" was read), the worker's own view
#: not excusing a directive in either language ("I think you need to", "mun mielestä sun
#: pitää": only the client's view does), "you know" as a filler no view of the client's,
#: "looks like" as "näyttää", "you mentioned" as "mainitsit".
_ADVERB_EN = (
    r"(?:really|just|definitely|probably|maybe|also|still|actually|certainly|obviously|"
    r"absolutely|simply|all|guys|both|do|will|would|kind of|kinda)"
)
DIRECTIVE = {
    "en": re.compile(
        rf"\b(?:you|you've|you'll|you'd|we|we've|we'll|we'd)(?:\s+{_ADVERB_EN}){{0,3}}\s+"
        r"(?:(?:have to|need to|must|should|ought to|have got to|got to|gotta|had better|"
        r"'d better|shouldn't|should not|mustn't|must not)"
        r"\b(?<!\byou got to)(?<!\bwe got to)"
        r"(?!\s+(?:be|like|love|miss|feel|know|have been)\b)"
        # "You shouldn't be drinking" tells; "you must be tired" infers (kept out above).
        r"|(?:should|shouldn't|should not)\s+be\s+\w+ing\b)",
        re.IGNORECASE,
    ),
    "fi": re.compile(
        r"\b(?:sun|sinun|sä|sinä|teidän|meidän|me)\b(?:\s+\w+){0,2}?\s+"
        r"(?:kyl\w*\s+|vaan\s+|vain\s+|oikeesti\s+|todella\s+)?"
        r"(?:täytyy|pitää|pitäis|pitäisi|kannattaa|kannattais|kannattaisi|tarttee|on pakko)\b"
        r"(?!\s+olla\b)|\b(?:sinun|sun|teidän|meidän) on \w+t[aä]v[aä]\b",
        re.IGNORECASE,
    ),
}
#: Words that make a necessity the client's own or their decision: then it is a reflection
#: (of their sense of obligation) or autonomy, not a directive. The client's view only: a
#: verb of thinking or saying counts with "you" as its subject ("you feel", "you said"), as
#: the Finnish verbs carry the person in their ending (tunnet, sanoit); impersonal framings
#: ("it sounds like", "kuulostaa") and the worker hearing the client ("I hear", "kuulen")
#: frame a reflection whoever speaks.
_YOU_ADVERB = (
    r"(?:\s+(?:really|just|also|still|kind of|kinda|do|don't|might|may|probably|actually|"
    r"already|have|had))*"
)
OWN_VIEW = {
    "en": re.compile(
        r"\b(?:sounds?|seems?|looks like|feels? like|thinks|feels|believes|says|tells|"
        r"hear|hearing|heard|call|decision|choice|up to you)\b"
        rf"|\byou(?:'re|'ve|'d)?{_YOU_ADVERB}\s+"
        r"(?:feel|feeling|think|thinking|believe|wonder|wondering|worried|afraid|sure|know|"
        r"realise|realize|realizing|decided|want|wanted|wanna|saying|said|told|mentioned|"
        r"mean)\b",
        re.IGNORECASE,
    ),
    "fi": re.compile(
        r"\b(?:tuntuu|tunnet|koet|ajattelet|ajattelit|mietit|uskot|kuulostaa|vaikuttaa|"
        r"vaikutat|näyttää|näytät|sanot|sanoit|sanoo|sanotaan|kuulen|kuulin|"
        r"mielestäsi|tiedät|päätit|haluat|mainitsit|"
        r"pelkäät|huolissasi|päätös|päätöksen|valinta|valintasi)\b"
        r"|\b(?:sun|sinun|teidän)\s+mielestä\b",
        re.IGNORECASE,
    ),
}
#: Just before the subject: an embedded question or a clause of time or condition, where a
#: necessity describes ("I'm not here to tell you what you should do", "how much you need to
#: do", "when you have to think about this") and does not tell.
_EMBEDDED = {
    "en": re.compile(
        r"\b(?:what|whether|which|when|whenever|if|how(?:\s+(?:much|many|often|long))?)\s*$", re.I
    ),
    "fi": re.compile(r"\b(?:mitä|miten|mikä|mitkä|kun|jos|kuinka(?:\s+\w+)?)\s*$", re.I),
}
#: "You know" as a filler ("So, you know, we need to…") is no view of the client's; the
#: Finnish fillers (tiedäthän, tiäksä) are not in OWN_VIEW to begin with.
_FILLER = {"en": re.compile(r"\byou know\b(?=\s*[,.?!—–-])|(?<=,)\s*you know\b", re.I)}
_QUOTED = re.compile(r"[\"“”«»][^\"“”«»]*[\"“”«»]")
#: Measurement switch for benchmarks/annomi_scores.py (on in the app).
READ_DIRECTIVES = True


def directs(text: str, lang: str) -> bool:
    """Does a sentence of `text` tell the client what they have to do (DIRECTIVE), not as
    their own view or decision (OWN_VIEW anywhere in the sentence, fillers aside), not asking,
    not inside an embedded question or a clause of time or condition?"""
    pattern, own = DIRECTIVE.get(lang), OWN_VIEW.get(lang)
    if pattern is None or own is None:
        return False
    filler, embedded = _FILLER.get(lang), _EMBEDDED.get(lang)
    for sentence in re.split(r"(?<=[.?!])\s+", _QUOTED.sub(" ", text)):
        if sentence.rstrip().endswith("?"):
            continue
        if own.search(filler.sub(" ", sentence) if filler else sentence):
            continue
        for match in pattern.finditer(sentence):
            if not (embedded and embedded.search(sentence[: match.start()])):
                return True
    return False


def as_scored(transcript: Transcript) -> tuple[Transcript, frozenset[int]]:
    """The transcript as the scorer codes it, and the turns recoded: a turn read as a
    reflection or summary that tells the client what they have to do counts as advice (the
    righting reflex), as MITI would code it, not as a reflection. The recognizer's own
    reading stays in the transcript the debrief shows."""
    if not READ_DIRECTIVES:
        return transcript, frozenset()
    from dataclasses import replace

    from simulator.moves import mode_of

    reflecting = REFLECTIONS | {"summary"}
    turns, recoded = [], set()
    for turn in transcript.turns:
        moves = turn.recognition.moves
        if reflecting.intersection(moves) and directs(turn.worker, transcript.language):
            kept = tuple(m for m in moves if m not in reflecting)
            moves = kept if "advice" in kept else (*kept, "advice")
            rec = replace(turn.recognition, moves=moves, mode=mode_of(moves))
            turn = replace(turn, recognition=rec)
            recoded.add(turn.index)
        turns.append(turn)
    if not recoded:
        return transcript, frozenset()
    return replace(transcript, turns=turns), frozenset(recoded)


#: What one slip (rushing, overriding, brushing aside) costs at least, however long the
#: meeting: rates alone let neutral turns around the slips water them down, so a long
#: interrogation with the same blunders scored better than a short one.
SLIP_COST = 0.07


@dataclass(frozen=True)
class Calibration:
    """The numbers fit on expert-rated practice (benchmarks/annomi_scores.py).

    Everything else in the formulas is fixed by MITI or by design; these few are chosen on
    the AnnoMI training fold (best AUC of high- vs low-quality transcripts, from a small grid:
    `GRID_SLIP`, `GRID_WEIGHTS`), and the benchmark cross-validates that choice.
    """

    #: What one slip costs at least on each axis, however long the meeting.
    slip_listening: float = SLIP_COST
    slip_pacing: float = SLIP_COST
    slip_autonomy: float = SLIP_COST
    #: Listening: each slip's share of the turns counts this many times (2 = a slip undoes
    #: its own turn and one more; pacing counts its findings twice the same way).
    listening_share: float = 2.0
    #: Weights of the overall score: listening, pacing, autonomy.
    weights: tuple[float, float, float] = (0.4, 0.3, 0.3)
    #: Honouring choices: the weighted share of overriding turns counts this many times
    #: (2 = as listening's slips and pacing's findings: an override undoes its own turn and
    #: one more).
    autonomy_share: float = 1.2
    #: Does affirming ("that took courage") count as supporting the client's choosing? MITI
    #: codes Affirm apart from Emphasizing Autonomy; it praises, it does not hand the choice.
    affirm_supports: bool = True
    #: `autonomy_share` for the turns after a stated choice. Not calibrated: AnnoMI has no stated
    #: choices. That part is a share over the few turns after the choice (often 3-6), each
    #: override there already weighs 1.5 and the part weighs 70 %, so it keeps the design
    #: value; at x2 one misread turn cost most of the axis in blind skilled meetings.
    after_choice_share: float = 1.2
    #: Pacing: the share of findings per turn counts this many times (2 = a finding undoes its
    #: own turn and one more, as listening's slips and honouring choices' overrides).
    pacing_share: float = 2.0
    #: Pacing: what a finding of form rather than of timing counts (`FORM_FINDINGS`: stacked
    #: questions, a long speech, an abrupt topic change, brushing aside, which listening
    #: already charges) against rushing the client (advice, information or a sensitive topic
    #: before they are ready, pushing past a stated choice), which counts 1. MITI codes none
    #: of the former as non-adherent; on AnnoMI they barely separate high from low practice.
    pacing_form: float = 1.0

    def describe(self) -> str:
        w = ", ".join(f"{x:g}" for x in self.weights)
        affirm = "counts" if self.affirm_supports else "does not count"
        return (
            f"listening slips x{self.listening_share:g}; "
            f"slip cost listening {self.slip_listening:g}, pacing {self.slip_pacing:g}, "
            f"autonomy {self.slip_autonomy:g}; overrides x{self.autonomy_share:g} "
            f"(x{self.after_choice_share:g} after a stated choice), "
            f"affirming {affirm} as support; pacing findings x{self.pacing_share:g}, "
            f"form findings count {self.pacing_form:g}; overall weights {w}"
        )


#: The shipped calibration: `fit_calibration` on all 84 AnnoMI training transcripts read by
#: the recognizer (what a user gets), out of fold. The fit lowered the per-slip floors from
#: 0.07 to 0.03: on real sessions they mostly charged long, good sessions for the
#: recognizer's misreadings. Both languages chose listening slips x3 and overrides x2; on
#: affirming they differed (English: counts, by 0.008 AUC; Finnish: does not, by 0.05, and
#: so did every Finnish fold and three English ones), and one calibration serves both, so
#: affirming does not count as support (docs/scoring.md). Pacing (issue 13, third round):
#: every fold of both languages let findings of form count 0 (stacked questions, long
#: speeches, topic jumps and brushing aside stay on the turns as tips), and nine of ten
#: counted the share of the other findings three times.
CALIBRATION = Calibration(
    slip_listening=0.03,
    slip_pacing=0.03,
    slip_autonomy=0.03,
    listening_share=3.0,
    weights=(0.3, 0.3, 0.4),
    autonomy_share=2.0,
    affirm_supports=False,
    pacing_share=3.0,
    pacing_form=0.0,
)
#: The per-slip floor stays above 0 by design: without it twenty neutral intake questions
#: around four blunders lift a poor meeting to fair (tests/test_scoring.py). On AnnoMI a
#: floor of 0 ranked slightly better (listening AUC +0.004, autonomy +0.015 on all 84).
GRID_SLIP: tuple[float, ...] = (0.07, 0.05, 0.03)
GRID_LISTENING_SHARE: tuple[float, ...] = (2.0, 1.0, 3.0)
GRID_AUTONOMY_SHARE: tuple[float, ...] = (1.2, 2.0)
GRID_AFFIRM_SUPPORTS: tuple[bool, ...] = (True, False)
GRID_PACING_SHARE: tuple[float, ...] = (2.0, 3.0)
GRID_PACING_FORM: tuple[float, ...] = (1.0, 0.5, 0.0)
GRID_WEIGHTS: tuple[tuple[float, float, float], ...] = (
    (0.4, 0.3, 0.3),
    (1 / 3, 1 / 3, 1 / 3),
    (0.5, 0.25, 0.25),
    (0.3, 0.4, 0.3),
    (0.3, 0.3, 0.4),
)

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    # Cached: the same replies are counted by several rules and re-scored by the TUI.
    return tuple(_WORD.findall(text.lower()))


def _stem(word: str) -> str:
    # Finnish inflects heavily; a shared prefix is a cheap, language-neutral match.
    return word[: max(4, len(word) - 2)]


@lru_cache(maxsize=4096)
def _sentence_words(text: str) -> tuple[tuple[str, ...], ...]:
    # the recognizer's own sentences: a phrase is read as the recognizer reads it
    return tuple(words(s) for s in sentences(text))


def touches(text: str, vocabulary: Iterable[str]) -> bool:
    """Does `text` hold a word starting like any word of `vocabulary`'s entries, a phrase's
    words each on its own? For what the CLIENT has talked about, where a hint is enough:
    "keener than the last one" has touched on "last time", so asking about it follows her."""
    tokens = words(text)
    return any(
        tok.startswith(_stem(part))
        for entry in vocabulary
        for part in words(entry)
        for tok in tokens
    )


def mentions(text: str, vocabulary: Iterable[str]) -> bool:
    """Does `text` name an entry of `vocabulary`: a word starting like it (lemmas or stems),
    and for a phrase every one of its words in one sentence, as the recognizer reads a
    scenario's phrases (language/topics.py)? For what the WORKER names (a cue picked up, a
    choice backed) and the client's words quoted for a cue: any one word was enough before,
    so the cue phrase "you were worried" was named by every "you" (the lead's tmux play,
    stop 41: "Farida told you ... (at the start: 'Thank you.')")."""
    sentences = _sentence_words(text)
    for entry in vocabulary:
        stems = [_stem(part) for part in words(entry)]
        if stems and any(
            all(any(tok.startswith(stem) for tok in tokens) for stem in stems)
            for tokens in sentences
        ):
            return True
    return False


def grade(x: float, fair: float, good: float) -> float:
    """Map a rate to 0..1 so that the fair threshold gives 0.6 and the good one 0.85."""
    if x <= 0:
        return 0.0
    if x < fair:
        return 0.6 * x / fair
    if x < good:
        return 0.6 + 0.25 * (x - fair) / (good - fair)
    return min(1.0, 0.85 + 0.15 * (x - good) / good)


def _clamp(x: float) -> float:
    return max(0.0, min(1.0, x))


def question_count(turn: TurnRecord) -> int:
    """Questions asked: question marks or question moves, whichever are more; a question mark
    that asks permission or the client's ideas is not a question (MITI), so "Can I check I
    got this right? ... Did I miss anything?" asks one."""
    moves = turn.recognition.moves
    marks = turn.worker.count("?") - sum(1 for m in set(moves) if m in QUESTION_LIKE)
    return max(marks, sum(1 for m in moves if m in QUESTIONS))


def is_stacked(turn: TurnRecord) -> bool:
    return question_count(turn) >= 2


@dataclass
class Context:
    """What the scenario adds, if anything; empty in assess mode."""

    sensitive: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic id -> words
    topic_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cue_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cue_labels: dict[str, str] = field(default_factory=dict)
    choice_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    choice_labels: dict[str, str] = field(default_factory=dict)
    has_readiness: bool = False
    #: Turns (by index) taken after the client gave the worker leave to tell something: the
    #: engine remembers that permission for the rest of the meeting (Session), so
    #: information then is not "too early" however many turns later it comes.
    leave_given: frozenset[int] = frozenset()
    #: Turns read as reflections that the scorer counts as advice (`as_scored`).
    recoded: frozenset[int] = frozenset()

    @classmethod
    def build(cls, transcript: Transcript, scenario: object | None) -> Context:
        ctx = cls(
            has_readiness=any(t.state_before for t in transcript.turns),
            leave_given=leave_given(transcript, scenario),
        )
        if scenario is None:
            return ctx
        for topic in scenario.topics.values():
            ctx.topic_words[topic.id] = tuple(topic.words)
            if topic.sensitive:
                ctx.sensitive[topic.id] = tuple(topic.words)
        for cue in scenario.cues.values():
            ctx.cue_words[cue.id] = tuple(cue.words)
            ctx.cue_labels[cue.id] = cue.label
        for choice in scenario.choices.values():
            ctx.choice_words[choice.id] = tuple(choice.words)
            ctx.choice_labels[choice.id] = choice.label
        return ctx


@dataclass
class TurnEvents:
    """Raw per-turn findings, before they are summed into axes."""

    listening: list[tuple[float, Reason]] = field(default_factory=list)
    pacing: list[tuple[float, Reason]] = field(default_factory=list)
    autonomy: list[tuple[float, Reason]] = field(default_factory=list)
    reflective: bool = False
    follows_lead: bool = False
    pacing_violations: int = 0  # pacing findings of every kind
    pacing_form: int = 0  # of them, findings of form (FORM_FINDINGS)
    supporting: bool = False  # supported the client's choosing (counts for autonomy)
    affirming: bool = False  # affirmed the client (engages with a choice, never presses it)
    violation_weight: float = 0.0
    choice_active: bool = False
    disrespect: bool = False  # brushed aside, blamed or rejected the client
    lecture: bool = False  # told the client what to do or think instead of listening
    unheard: bool = False  # overrode or passed over a stated choice without lecturing
    early: list[str] = field(default_factory=list)  # moves before the client was ready
    overrode: list[str] = field(default_factory=list)  # stated choices pushed aside (ids)
    passed_over: list[str] = field(default_factory=list)  # a choice just stated, ignored

    def add(self, axis: str, delta: float, key: str, **values: object) -> None:
        sign = 1 if delta > 0 else -1 if delta < 0 else 0
        getattr(self, axis).append((delta, Reason(key, dict(values), sign)))


def leave_given(transcript: Transcript, scenario: object | None = None) -> frozenset[int]:
    """The turns after the client gave the worker leave to tell something, as the engine
    remembers it (`simulator.client.machine.grants_permission`): the worker asked permission
    and the client neither left nor took it badly (the transition cost trust). With the
    scenario the fired transition's own effects decide, as in the engine; from a journal
    alone, trust not falling on that turn. Only in a meeting played on a scenario's states:
    a typed-up conversation (`kohtaamo assess`) has no client to give leave, so there
    permission is MITI's (this or the previous turn, `permitted`)."""
    if not any(t.state_before for t in transcript.turns):
        return frozenset()
    from simulator.client.machine import grants_permission

    transitions = {tr.id: tr for tr in getattr(scenario, "transitions", ())}
    states = getattr(scenario, "states", {})
    for turn in transcript.turns:
        if turn.leaving or "ask_permission" not in turn.recognition.moves:
            continue
        fired = transitions.get(turn.transition or "")
        landed = states.get(turn.state_after)
        if landed is not None and (fired is not None or turn.transition is None):
            granted = grants_permission(turn.recognition.moves, fired, landed)
        else:
            before = turn.variables_before.get("trust")
            after = turn.variables_after.get("trust")
            fell = before is not None and after is not None and after < before
            granted = not turn.ended and not fell
        if granted:
            return frozenset(t.index for t in transcript.turns if t.index > turn.index)
    return frozenset()


def client_asked(turn: TurnRecord, previous: TurnRecord | None) -> bool:
    """Without the scenario's states (`kohtaamo assess`, AnnoMI): the client's last words
    asked something. Pacing reads that as the client asking for the advice; MITI codes advice
    the client asked for as persuading with permission. In a meeting played on a scenario the
    client's readiness is the scenario's states', not a question mark."""
    if turn.state_before:
        return False
    return "?" in (turn.client_before or (previous.reply if previous else ""))


def permitted(turn: TurnRecord, previous: TurnRecord | None) -> bool:
    """MITI's persuade with permission: the worker asked permission in the previous turn, or
    in this one before the advice (`asks_leave`), or, without the scenario's states, the
    client asked (`client_asked`). One rule for listening, pacing, honouring choices and the
    MITI counts."""
    if previous is not None and "ask_permission" in previous.recognition.moves:
        return True
    return asks_leave(turn.recognition.moves) or client_asked(turn, previous)


def permission_after_advice(moves: Sequence[str]) -> bool:
    """The turn asks permission only after its advice ("Try X. OK?"): agreement, not leave."""
    return (
        "advice" in moves
        and "ask_permission" in moves
        and "ask_permission" not in moves[: moves.index("advice")]
    )


def asks_leave(moves: Sequence[str]) -> bool:
    """The turn asks permission before any advice it gives, or prefaces the advice by leaving
    the choice to the client (MITI codes "You know him best. Maybe you could ask him first." as
    persuading with permission). Moves are in the order they were said: "Try X. OK?" asks
    agreement after the advice, not leave."""
    if "advice" not in moves:
        return "ask_permission" in moves
    return any(
        m in ("ask_permission", "emphasize_autonomy") for m in moves[: moves.index("advice")]
    )


def lectures(turn: TurnRecord, previous: TurnRecord | None) -> bool:
    """The righting reflex: the turn tells the client what to do or think (unasked advice,
    persuading, confronting) instead of hearing them out."""
    moves = set(turn.recognition.moves)
    return bool(moves & {"persuade", "confront"}) or (
        "advice" in moves and not permitted(turn, previous)
    )


def _pickup_credit(
    turn: TurnRecord, cue: str, ctx: Context, previous: TurnRecord | None = None
) -> float:
    """1 when the turn reflects or asks about the cue itself, 0.5 when it reflects (or
    affirms) the reply that carried the cue without naming it, else 0. A turn that lectures
    or brushes the client aside picks nothing up, however it names the cue ("Your daughter
    needs you sober" is no listening)."""
    rec = turn.recognition
    if lectures(turn, previous) or "dismiss" in rec.moves:
        return 0.0
    # Affirming what the client just disclosed acknowledges it, like a reflection does.
    reflects = any(m in REFLECTIONS or m in ("summary", "affirmation") for m in rec.moves)
    asks = any(m in QUESTIONS for m in rec.moves)
    if not (reflects or asks):
        return 0.0
    if cue in rec.topics or mentions(turn.worker, ctx.cue_words.get(cue, ())):
        return 1.0
    return 0.5 if reflects else 0.0


@dataclass
class CueTrack:
    picked: dict[int, list[tuple[str, float]]] = field(default_factory=dict)  # turn -> cues
    missed: dict[int, list[str]] = field(default_factory=dict)  # turn -> cues missed by then
    total: int = 0  # distinct cues the worker had a chance to pick up
    late: list[str] = field(default_factory=list)  # let slip only in the last reply
    #: Missed cues whose window the end of the transcript cut short: missed if the meeting
    #: is over, still open while it goes on (the coach does not call them missed yet).
    unfinished: set[str] = field(default_factory=set)
    credit: float = 0.0  # sum of pick-up credits (1 full, 0.5 partial)


def cue_tracking(transcript: Transcript, ctx: Context) -> CueTrack:
    """Which cues the worker picked up. Each distinct cue counts once.

    A cue dropped in the opening or in the reply to turn i may be picked up in the next
    CUE_WINDOW trainee turns (after any of the times it was dropped); the best pick-up
    counts. A cue never picked up is charged as missed to the last turn of its first window.
    """
    track = CueTrack()
    dropped: list[tuple[int, str]] = [(0, c) for c in transcript.opening_cues]
    for turn in transcript.turns:
        dropped.extend((turn.index, c) for c in turn.cues_dropped)
    by_index = {t.index: t for t in transcript.turns}
    best: dict[str, tuple[float, int]] = {}  # cue -> (credit, turn index)
    first_window_end: dict[str, int] = {}
    for after, cue in dropped:
        window = [by_index[i] for i in range(after + 1, after + 1 + CUE_WINDOW) if i in by_index]
        if not window:
            # Dropped in the last reply: nobody had the chance. Kept so the debrief can say
            # so, instead of "the client let slip no cues" after the coach showed one.
            if cue not in track.late:
                track.late.append(cue)
            continue
        if cue not in first_window_end and len(window) < CUE_WINDOW:
            track.unfinished.add(cue)
        first_window_end.setdefault(cue, window[-1].index)
        for turn in window:
            credit = _pickup_credit(turn, cue, ctx, by_index.get(turn.index - 1))
            if credit > best.get(cue, (0.0, 0))[0]:
                best[cue] = (credit, turn.index)
    track.total = len(first_window_end)
    track.late = [c for c in track.late if c not in first_window_end]
    for cue, end in first_window_end.items():
        credit, index = best.get(cue, (0.0, 0))
        if credit:
            track.picked.setdefault(index, []).append((cue, credit))
            track.credit += credit
        else:
            track.missed.setdefault(end, []).append(cue)
    return track


def _said_before(transcript: Transcript, turn: TurnRecord, previous: TurnRecord | None) -> str:
    """What the client said just before this turn (the opening before the first)."""
    return turn.client_before or (previous.reply if previous else transcript.opening)


def analyse_turns(
    transcript: Transcript,
    ctx: Context,
    cues: CueTrack | None = None,
    cal: Calibration = CALIBRATION,
) -> list[TurnEvents]:
    """Each turn's findings on the three axes: one pass per axis, then the one rule that
    charges all three (a stated choice overridden). Listening runs first: pacing and
    autonomy read whether a turn reflected (`TurnEvents.reflective`)."""
    events = [TurnEvents() for _ in transcript.turns]
    listening_events(transcript, ctx, events, cues or cue_tracking(transcript, ctx))
    pacing_events(transcript, ctx, events, cal)
    autonomy_events(transcript, ctx, events, cal)
    choice_slips(transcript, ctx, events)
    return events


def listening_events(
    transcript: Transcript, ctx: Context, events: Sequence[TurnEvents], cues: CueTrack
) -> None:
    """Reflections, open questions, cues picked up or missed; brushing aside, blaming,
    rejecting and lecturing as slips."""
    previous: TurnRecord | None = None
    for turn, ev in zip(transcript.turns, events, strict=True):
        rec = turn.recognition
        moves = set(rec.moves)
        if "complex_reflection" in moves:
            ev.add("listening", 1.0, "t_complex_reflection")
        elif "simple_reflection" in moves:
            ev.add("listening", 0.5, "t_simple_reflection")
        if "summary" in moves:
            ev.add("listening", 1.0, "t_summary")
        if "open_question" in moves:
            ev.add("listening", 0.5, "t_open_question")
        ev.reflective = bool(moves & (REFLECTIONS | {"summary"}))
        if turn.index in ctx.recoded:
            ev.add("listening", 0.0, "t_reflection_directs")
        for cue, credit in cues.picked.get(turn.index, ()):
            key = "t_cue_picked" if credit == 1 else "t_cue_partly"
            ev.add("listening", credit, key, cue=ctx.cue_labels.get(cue, cue))
        for cue in cues.missed.get(turn.index, ()):
            ev.add("listening", -1.0, "t_cue_missed", cue=ctx.cue_labels.get(cue, cue))
        if "dismiss" in moves:
            ev.add("listening", -1.0, "t_dismiss")
        if rec.mode in ("blaming", "rejecting"):
            ev.add("listening", -0.5, f"t_mode_{rec.mode}")
        ev.disrespect = "dismiss" in moves or rec.mode in ("blaming", "rejecting")
        # The righting reflex: telling the client what to do or think (unasked advice,
        # persuading, confronting) takes the place of hearing them out, so it is a listening
        # slip as well (MITI's empathy global is low when the clinician pursues their own
        # agenda). Evidence: benchmarks/annomi_scores.py.
        ev.lecture = lectures(turn, previous)
        if ev.lecture and not ev.disrespect:
            ev.listening.append((-0.5, Reason("t_lecture", {}, -1)))
        previous = turn


def pacing_events(
    transcript: Transcript,
    ctx: Context,
    events: Sequence[TurnEvents],
    cal: Calibration = CALIBRATION,
) -> None:
    """Rushing (advice, information or a sensitive topic before the client is ready), stacked
    questions, monologues, topic jumps, brushing aside; following the client's lead. A finding
    of form (FORM_FINDINGS) costs the turn `cal.pacing_form`, the others 1."""

    def form(ev: TurnEvents, key: str, **values: object) -> None:
        # Still a finding against the turn (the coach and the debrief name it), at its cost.
        ev.pacing.append((-cal.pacing_form, Reason(key, dict(values), -1)))
        ev.pacing_violations += 1
        ev.pacing_form += 1

    client_words = len(words(transcript.opening))
    # Everything the client has said so far: a sensitive topic they brought up themselves,
    # in any reply, is theirs to talk about (not only in the reply just before).
    client_said = transcript.opening
    previous: TurnRecord | None = None
    reflected_yet = False
    for turn, ev in zip(transcript.turns, events, strict=True):
        rec = turn.recognition
        moves = set(rec.moves)
        before = _said_before(transcript, turn, previous)
        allowed = permitted(turn, previous)
        for move, flag in NEEDS_READINESS.items():
            if move not in moves:
                continue
            if ctx.has_readiness:
                early = flag not in turn.ready
                reason = f"t_early_{move}"
                values: dict[str, object] = {"state": turn.state_before}
            elif move != "give_information":
                # Without the scenario's states: advice before the client has said much,
                # before the worker has reflected anything back (evoke before advising), or
                # neither asked for by the client nor offered with permission.
                values = {"words": client_words}
                if client_words < CLIENT_WORDS_BEFORE_ADVICE:
                    early, reason = True, f"t_early_{move}_words"
                elif not reflected_yet:
                    early, reason = True, f"t_early_{move}_unreflected"
                else:
                    # Asked for by the client or offered with permission (`permitted`).
                    early, reason = not allowed, f"t_early_{move}_unasked"
            else:
                early, reason, values = False, "", {}
            # Information after permission: asked in this or the previous turn (MITI), or
            # given by the client earlier in the meeting and remembered, as the engine does.
            informed = allowed or turn.index in ctx.leave_given
            if early and not (informed and move == "give_information"):
                ev.add("pacing", -1.0, reason, **values)
                ev.pacing_violations += 1
                ev.early.append(move)
        client_said += " " + before
        if ctx.has_readiness and ctx.sensitive and "disclosure" not in turn.ready:
            for topic in rec.topics:
                if topic in ctx.sensitive and not touches(client_said, ctx.sensitive[topic]):
                    ev.add("pacing", -1.0, "t_sensitive_early", topic=topic)
                    ev.pacing_violations += 1
        if is_stacked(turn):
            form(ev, "t_stacked", count=question_count(turn))
        worker_words = len(words(turn.worker))
        client_last = len(words(before))
        # A long reflection or summary gives the client's words back; only telling is a
        # monologue.
        telling = (
            bool(moves & (PUSHING | {"give_information"}))
            or not ev.reflective
            or worker_words > MONOLOGUE_REFLECTIVE_WORDS
        )
        if (
            telling
            and worker_words > MONOLOGUE_MIN_WORDS
            and worker_words > MONOLOGUE_FACTOR * max(client_last, 5)
        ):
            form(ev, "t_monologue", words=worker_words, client=client_last)
        if (
            ctx.topic_words
            and before
            and not ev.reflective
            and not moves
            & {
                "structuring",
                "ask_permission",
                "summary",
            }
        ):
            # A topic the client brought up in any earlier reply is theirs: going back to it
            # (a closing summary of the plan, "earlier you said...") follows the client.
            new = [
                tp
                for tp in rec.topics
                if tp in ctx.topic_words
                and not touches(client_said, ctx.topic_words[tp])
                and not (previous and tp in previous.recognition.topics)
            ]
            # Answering what the client just asked, or giving what the worker asked leave to
            # give, follows the client: the client opened the topic by asking for it.
            followed = "?" in before or (
                previous is not None and "ask_permission" in previous.recognition.moves
            )
            if new and previous is not None and not followed:
                form(ev, "t_topic_jump", topic=new[0])
        if "dismiss" in moves:
            # Brushing aside what the client just said pushes past them: the opposite of
            # following their lead (a listening slip as well, so a finding of form here).
            form(ev, "t_pushed_past")
        if "offer_time" in moves:
            ev.add("pacing", 1.0, "t_offer_time")
        # An open question built on the client's own words follows them too; advice or a
        # closed question that merely reuses a word of theirs does not.
        follows = ev.reflective or any(
            e.reflected and e.move == "open_question" for e in rec.evidence
        )
        if follows:
            ev.add("pacing", 0.5, "t_follows_lead")
        ev.follows_lead = follows or "offer_time" in moves

        client_words += len(words(turn.reply))
        reflected_yet = reflected_yet or ev.reflective
        previous = turn


def autonomy_events(
    transcript: Transcript,
    ctx: Context,
    events: Sequence[TurnEvents],
    cal: Calibration = CALIBRATION,
) -> None:
    """Supporting the client's choices (autonomy, permission, options, collaboration,
    affirming) and overriding them (persuading, confronting, unasked advice, pressing a
    stated choice, passing over one just stated)."""
    previous: TurnRecord | None = None
    choice_just_stated: str | None = None
    for turn, ev in zip(transcript.turns, events, strict=True):
        rec = turn.recognition
        moves = set(rec.moves)
        allowed = permitted(turn, previous)
        active = tuple(turn.choices_active)
        ev.choice_active = bool(active)
        label = ctx.choice_labels.get(active[-1], active[-1]) if active else ""
        if permission_after_advice(rec.moves):
            # "Try X. OK?" asks agreement after the advice, not leave: no support, and the
            # turn says why its advice still counts as unasked.
            moves.discard("ask_permission")
            ev.add("autonomy", 0.0, "t_permission_after")
        for move in ("emphasize_autonomy", "ask_permission", "offer_options", "seek_collaboration"):
            if move in moves:
                key = f"t_{move}_choice" if active else f"t_{move}"
                ev.add("autonomy", 1.0, key, choice=label)
        ev.affirming = "affirmation" in moves
        supporting = SUPPORTING if cal.affirm_supports else SUPPORTING - {"affirmation"}
        if ev.affirming and cal.affirm_supports:
            ev.add("autonomy", 0.5, "t_affirmation")
        ev.supporting = bool(moves & supporting)
        weight = 1.5 if active else 1.0
        for move in ("persuade", "confront"):
            if move in moves:
                key = f"t_{move}_choice" if active else f"t_{move}"
                ev.add("autonomy", -weight, key, choice=label)
                ev.violation_weight += weight
                if active:
                    ev.overrode.append(active[-1])
        if "advice" in moves and not allowed:
            key = "t_advice_choice" if active else "t_advice_unasked"
            ev.add("autonomy", -weight, key, choice=label)
            ev.violation_weight += weight
            if active:
                ev.overrode.append(active[-1])
        # Pressing a stated choice: coming back to its subject (its words) without reflecting
        # or supporting it, when the client's trust falls or the turn pushes back ("Why won't
        # you tell your story?" after she said her story is hers). Reads as a plain question,
        # overrides all the same.
        trust_before = turn.variables_before.get("trust")
        trust_after = turn.variables_after.get("trust")
        fell = trust_before is not None and trust_after is not None and trust_after < trust_before
        pushing_back = bool(set(words(turn.worker)) & PUSH_BACK_WORDS)
        if (
            active
            and (fell or pushing_back)
            and not (ev.reflective or ev.supporting or ev.affirming or ev.overrode)
        ):
            for choice in active:
                if mentions(turn.worker, ctx.choice_words.get(choice, ())):
                    name = ctx.choice_labels.get(choice, choice)
                    ev.add("autonomy", -weight, "t_choice_pressed", choice=name)
                    ev.violation_weight += weight
                    ev.overrode.append(choice)
                    break
        if choice_just_stated:
            engaged = (
                ev.reflective
                or ev.supporting
                or ev.affirming
                or choice_just_stated in rec.topics
                or mentions(turn.worker, ctx.choice_words.get(choice_just_stated, ()))
            )
            if not engaged:
                name = ctx.choice_labels.get(choice_just_stated, choice_just_stated)
                ev.add("autonomy", -1.0, "t_choice_ignored", choice=name)
                ev.violation_weight += 1.0
                ev.passed_over.append(choice_just_stated)
        choice_just_stated = turn.choice_stated
        previous = turn


def choice_slips(transcript: Transcript, ctx: Context, events: Sequence[TurnEvents]) -> None:
    """A stated choice overridden (argued against, pressed or passed over) is a slip on
    every axis: the worker did not take in what the client decided (listening) and pushed on
    past it (pacing) as well as overriding it (autonomy), so no axis of such a meeting reads
    100. Lecturing and brushing aside are charged already."""
    for turn, ev in zip(transcript.turns, events, strict=True):
        moves = set(turn.recognition.moves)
        overridden = ev.overrode or ev.passed_over
        if overridden:
            name = ctx.choice_labels.get(overridden[0], overridden[0])
            if not (ev.lecture or ev.disrespect):
                ev.add("listening", -0.5, "t_choice_unheard", choice=name)
                ev.unheard = True
            if "dismiss" not in moves:
                ev.add("pacing", -1.0, "t_choice_pushed_past", choice=name)
                ev.pacing_violations += 1


# --- axes ------------------------------------------------------------------


def miti_summary(transcript: Transcript) -> dict:
    counts = {
        "giving_information": 0,
        "persuade": 0,
        "persuade_with_permission": 0,
        "open_question": 0,
        "closed_question": 0,
        "simple_reflection": 0,
        "complex_reflection": 0,
        "summary": 0,
        "affirm": 0,
        "seeking_collaboration": 0,
        "emphasizing_autonomy": 0,
        "confront": 0,
    }
    previous: TurnRecord | None = None
    for turn in transcript.turns:
        moves = turn.recognition.moves
        move_set = set(moves)
        counts["giving_information"] += "give_information" in move_set
        pushes = ("persuade" in move_set) + ("advice" in move_set)
        key = "persuade_with_permission" if permitted(turn, previous) else "persuade"
        counts[key] += pushes
        # A turn with two question marks asks two questions, however the recognizer read it;
        # but MITI codes asking permission or for the client's ideas as Seeking
        # Collaboration, not as questions, so their question marks are not counted again.
        opens = sum(1 for m in moves if m == "open_question")
        closes = sum(1 for m in moves if m == "closed_question")
        extra = max(0, turn.worker.count("?") - opens - closes)
        if move_set & QUESTION_LIKE:
            extra = 0
        counts["open_question"] += opens
        counts["closed_question"] += closes + extra
        for move in ("simple_reflection", "complex_reflection", "summary", "confront"):
            counts[move] += sum(1 for m in moves if m == move)
        counts["affirm"] += "affirmation" in move_set
        counts["seeking_collaboration"] += "seek_collaboration" in move_set
        counts["emphasizing_autonomy"] += ("emphasize_autonomy" in move_set) + (
            "offer_options" in move_set
        )
        previous = turn
    questions = counts["open_question"] + counts["closed_question"]
    # MITI codes a summary as a (usually complex) reflection.
    complex_ = counts["complex_reflection"] + counts["summary"]
    reflections = counts["simple_reflection"] + complex_
    rq = reflections / questions if questions else (float("inf") if reflections else 0.0)
    pct_cr = complex_ / reflections if reflections else 0.0
    adherent = counts["affirm"] + counts["seeking_collaboration"] + counts["emphasizing_autonomy"]
    non_adherent = counts["confront"] + counts["persuade"]

    def reached(value: float, fair: float, good: float) -> str:
        return "good" if value >= good else "fair" if value >= fair else "below"

    return {
        "counts": counts,
        "questions": questions,
        "reflections": reflections,
        "reflection_to_question": None if rq == float("inf") else round(rq, 2),
        "percent_complex_reflections": round(100 * pct_cr, 1),
        "percent_open_questions": round(100 * counts["open_question"] / questions, 1)
        if questions
        else None,
        "mi_adherent": adherent,
        "mi_non_adherent": non_adherent,
        "rq_threshold": reached(rq, RQ_FAIR, RQ_GOOD),
        "cr_threshold": reached(pct_cr, CR_FAIR, CR_GOOD) if reflections else "below",
    }


def _weighted(components: dict[str, tuple[float, float]]) -> tuple[float, dict[str, float]]:
    total_w = sum(w for w, _ in components.values())
    value = sum(w * v for w, v in components.values()) / total_w if total_w else 0.0
    return 100 * value, {k: round(v, 3) for k, (_, v) in components.items()}


def listening_axis(
    transcript: Transcript,
    events: Sequence[TurnEvents],
    miti: dict,
    cues: CueTrack,
    cal: Calibration = CALIBRATION,
    ctx_labels: dict[str, str] | None = None,
) -> tuple[float, dict[str, float], list[Reason]]:
    n = len(events)
    ctx_labels = ctx_labels or {}
    questions, reflections = miti["questions"], miti["reflections"]
    rq = reflections / questions if questions else (RQ_GOOD * 1.5 if reflections else 0.0)
    cr = miti["percent_complex_reflections"] / 100
    reflective = sum(e.reflective for e in events) / n
    slips = sum(e.disrespect or e.lecture or e.unheard for e in events)
    comps: dict[str, tuple[float, float]] = {
        "reflection_to_question": (0.30, grade(rq, RQ_FAIR, RQ_GOOD)),
        "complex_reflections": (0.15, grade(cr, CR_FAIR, CR_GOOD)),
        "reflective_turns": (0.25, grade(reflective, 0.3, 0.5)),
    }
    if questions:
        comps["open_questions"] = (0.10, miti["counts"]["open_question"] / questions)
    if cues.total:
        comps["cues"] = (0.20, cues.credit / cues.total)
    value, shown = _weighted(comps)
    # A turn that brushes the client aside, blames, rejects or lectures them undoes the
    # listening around it, so that share (or a floor per slip, whichever costs more) scales
    # the axis down.
    slip_share = slips / n
    floor = cal.slip_listening * slips
    cut = min(1.0, max(cal.listening_share * slip_share, floor))
    value *= 1 - cut
    shown["not_dismissive"] = round(1 - cut, 3)
    rq_text = "–" if not questions and reflections else round(rq, 1)
    reasons = [
        Reason(
            f"r_rq_{miti['rq_threshold']}",
            {"rq": rq_text, "r": reflections, "q": questions},
            1 if rq >= RQ_FAIR else -1,
        ),
        Reason(
            f"r_cr_{miti['cr_threshold']}",
            {"pct": round(100 * cr)},
            1 if cr >= CR_FAIR else -1,
        ),
        Reason("r_reflective", {"pct": round(100 * reflective)}, 1 if reflective >= 0.3 else -1),
    ]
    if questions:
        share = miti["counts"]["open_question"] / questions
        reasons.append(Reason("r_open", {"pct": round(100 * share)}, 1 if share >= 0.5 else -1))
    if cues.total:
        picked = float(cues.credit)
        sign = 1 if cues.credit >= cues.total / 2 else -1
        reasons.append(Reason("r_cues", {"picked": picked, "total": cues.total}, sign))
    else:
        if cues.late:
            # The coach showed these cues; the client let them slip in the last reply.
            names = ", ".join(ctx_labels.get(c, c) for c in cues.late)
            reasons.append(Reason("r_cues_late", {"cues": names}, 0))
        else:
            reasons.append(Reason("r_no_cues", {}, 0))
    if slips:
        # Shares as shares, floors as floors: the sentence names which one applied.
        values = {
            "count": slips,
            "turns": n,
            "pct": round(100 * slip_share),
            "cut": round(100 * cut),
            "times": cal.listening_share,
        }
        floored = floor > cal.listening_share * slip_share
        if cut >= 1 and not floored:
            # "4 of 6 turns (67%) ... 2 x that share (100%)" would not add up: say that twice
            # the share takes all of it.
            reasons.append(Reason("r_disrespect_all", values, -1))
            return value, shown, reasons
        if not floored and round(cal.listening_share * values["pct"]) != values["cut"]:
            # "1 of 19 turns (5%) ... scaled down by 2 x that share (11%)" reads as a sum
            # gone wrong; one decimal (5.3%) makes the figures add up.
            values["pct"] = round(100 * slip_share, 1)
        if floored:
            values["cost"] = round(100 * cal.slip_listening)
            reasons.append(Reason("r_disrespect_floor", values, -1))
        else:
            reasons.append(Reason("r_disrespect", values, -1))
    return value, shown, reasons


def pacing_axis(
    transcript: Transcript,
    events: Sequence[TurnEvents],
    ctx: Context,
    cal: Calibration = CALIBRATION,
) -> tuple[float, dict[str, float], list[Reason]]:
    n = len(events)
    form = sum(e.pacing_form for e in events)
    rushing = sum(e.pacing_violations for e in events) - form
    # A finding of form counts `cal.pacing_form` (its turn shows that cost), rushing 1.
    count = rushing + cal.pacing_form * form
    violations = count / n
    lead = sum(e.follows_lead for e in events) / n
    worker_w = sum(len(words(t.worker)) for t in transcript.turns)
    # Exchanges only: the client's opening words would weigh more in short meetings.
    client_w = sum(len(words(t.reply)) for t in transcript.turns)
    share = worker_w / (worker_w + client_w) if worker_w + client_w else 0.0
    comps = {
        "no_rushing": (
            0.60,
            _clamp(1 - max(cal.pacing_share * violations, cal.slip_pacing * count)),
        ),
        "follows_lead": (0.25, min(1.0, lead / 0.4)),
        "talk_share": (0.15, _clamp((0.8 - share) / 0.3)),
    }
    value, shown = _weighted(comps)
    if cal.pacing_form == 1:
        said = Reason(
            "r_violations",
            {"per10": float(round(10 * violations, 1))},
            1 if violations == 0 else -1,
        )
    else:
        # Said apart, each with its own rate, so the figures add up to what was charged.
        kind = "r_violations_form" if cal.pacing_form else "r_violations_form_free"
        said = Reason(
            kind if form else "r_violations_rushing",
            {
                "per10": float(round(10 * rushing / n, 1)),
                "form10": float(round(10 * form / n, 1)),
                "weight": cal.pacing_form,
            },
            1 if count == 0 else -1,
        )
    reasons = [
        said,
        Reason("r_lead", {"pct": round(100 * lead)}, 1 if lead >= 0.3 else -1),
        Reason("r_talk", {"pct": round(100 * share)}, 1 if share <= 0.5 else -1),
        Reason("r_readiness" if ctx.has_readiness else "r_no_readiness", {}, 0),
    ]
    return value, shown, reasons


def _autonomy_part(events: Sequence[TurnEvents], cal: Calibration, share: float) -> float:
    n = len(events)
    support = sum(e.supporting for e in events) / n
    weight = sum(e.violation_weight for e in events)
    cut = max(share * weight / n, cal.slip_autonomy * weight)
    return _clamp(0.65 + 0.35 * min(1.0, support / 0.2) - cut)


def autonomy_axis(
    events: Sequence[TurnEvents], cal: Calibration = CALIBRATION
) -> tuple[float, dict[str, float], list[Reason]]:
    n = len(events)
    whole = _autonomy_part(events, cal, cal.autonomy_share)
    after = [e for e in events if e.choice_active]
    support = sum(e.supporting for e in events)
    against = sum(1 for e in events if e.violation_weight)
    reasons = [
        Reason(
            "r_support_affirm" if cal.affirm_supports else "r_support",
            {"count": support, "pct": round(100 * support / n)},
            1 if support else 0,
        ),
        Reason(
            "r_against", {"count": against, "pct": round(100 * against / n)}, -1 if against else 1
        ),
    ]
    if after:
        after_part = _autonomy_part(after, cal, cal.after_choice_share)
        value = 100 * (0.7 * after_part + 0.3 * whole)
        shown = {"after_choice": round(after_part, 3), "whole_meeting": round(whole, 3)}
        reasons.append(Reason("r_choice", {"turns": len(after)}, 0))
    else:
        value = 100 * whole
        shown = {"whole_meeting": round(whole, 3)}
        reasons.append(Reason("r_no_choice", {}, 0))
    return value, shown, reasons


def encounter_profile(transcript: Transcript) -> dict[str, float]:
    modes = [t.recognition.mode for t in transcript.turns if t.recognition.mode in MODES]
    if not modes:
        return {m: 0.0 for m in MODES}
    return {m: round(modes.count(m) / len(modes), 3) for m in MODES}


# --- calibration ---------------------------------------------------------------------------


def fit_calibration(
    transcripts: Sequence[Transcript],
    high: Sequence[bool],
    auc: Callable[[Sequence[float], Sequence[bool]], float],
) -> Calibration:
    """The calibration that ranks these transcripts best (high above low quality).

    Each axis' numbers are chosen for that axis' AUC (listening: slip cost and how many times
    the slip share counts; pacing: slip cost, how many times the findings' share counts and
    what a finding of form counts; honouring choices: slip cost, how many times
    the override share counts and whether affirming counts as support), then the overall
    weights for the overall AUC; ties keep the earlier grid entry (the design default). The
    transcripts are scored exactly as `score` scores them (`as_scored` first). Used by
    benchmarks/annomi_scores.py on training folds only.
    """
    prepared: dict[bool, list] = {}
    for affirm in GRID_AFFIRM_SUPPORTS:
        cal = Calibration(affirm_supports=affirm)
        rows = []
        for raw in transcripts:
            tr, recoded = as_scored(raw)
            ctx = Context.build(tr, None)
            ctx.recoded = recoded
            cues = cue_tracking(tr, ctx)
            events = analyse_turns(tr, ctx, cues, cal)
            rows.append((tr, ctx, events, miti_summary(tr), cues))
        prepared[affirm] = rows

    def axis_values(cal: Calibration, axis: str) -> list[float]:
        out = []
        for tr, ctx, events, miti, cues in prepared[cal.affirm_supports]:
            if axis == "listening":
                out.append(round(listening_axis(tr, events, miti, cues, cal)[0]))
            elif axis == "pacing":
                out.append(round(pacing_axis(tr, events, ctx, cal)[0]))
            else:
                out.append(round(autonomy_axis(events, cal)[0]))
        return out

    grids: dict[str, list[dict]] = {
        "listening": [
            {"slip_listening": slip, "listening_share": times}
            for slip in GRID_SLIP
            for times in GRID_LISTENING_SHARE
        ],
        "pacing": [
            {"slip_pacing": slip, "pacing_share": times, "pacing_form": form}
            for form in GRID_PACING_FORM
            for times in GRID_PACING_SHARE
            for slip in GRID_SLIP
        ],
        "autonomy": [
            {"slip_autonomy": slip, "autonomy_share": times, "affirm_supports": affirm}
            for affirm in GRID_AFFIRM_SUPPORTS
            for times in GRID_AUTONOMY_SHARE
            for slip in GRID_SLIP
        ],
    }
    chosen: dict[str, object] = {}
    values: dict[str, list[float]] = {}
    for axis, grid in grids.items():
        best = None
        for params in grid:
            got = axis_values(Calibration(**params), axis)
            fit = auc(got, high)
            if best is None or fit > best[0] + 1e-9:
                best = (fit, params, got)
        assert best is not None
        chosen.update(best[1])
        values[axis] = best[2]
    best_w = None
    for weights in GRID_WEIGHTS:
        overall = [
            round(
                sum(
                    w * values[a][i]
                    for w, a in zip(weights, ("listening", "pacing", "autonomy"), strict=True)
                )
            )
            for i in range(len(transcripts))
        ]
        fit = auc(overall, high)
        if best_w is None or fit > best_w[0] + 1e-9:
            best_w = (fit, weights)
    assert best_w is not None
    return Calibration(weights=best_w[1], **chosen)
