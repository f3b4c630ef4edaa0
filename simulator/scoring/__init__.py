"""Scoring and debrief: how well the trainee listened, kept to the client's pace and
honoured the client's choices, turn by turn and why.

`score(transcript, scenario=None) -> Report`. Pure and fast: no I/O, no recognizer calls.
Exports live in `simulator.scoring.export` (`to_markdown`, `to_html`, `to_json`) and are
re-exported here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from simulator.moves import AXES
from simulator.scoring.model import (
    Axis,
    Moments,
    Reason,
    Report,
    TurnAnalysis,
    TurnEffect,
    headline_variable,
    level_of,
)
from simulator.transcript import Transcript, as_typed, left_early

__all__ = [
    "AXES",
    "Axis",
    "Moments",
    "Reason",
    "Report",
    "TurnAnalysis",
    "TurnEffect",
    "WEIGHTS",
    "partial_kind",
    "score",
    "to_html",
    "to_json",
    "to_markdown",
]


def _weights() -> dict[str, float]:
    from simulator.scoring.axes import CALIBRATION

    return dict(zip(AXES, CALIBRATION.weights, strict=True))


#: A meeting stopped before its ending, or shorter than this many turns, is partial: its
#: overall counts only the share of a full meeting it covered (turns / FULL_TURNS) and stays
#: below PARTIAL_CAP, so four kind turns and Esc never outrank a meeting carried through.
SHORT_TURNS = 4
FULL_TURNS = 12
PARTIAL_CAP = 49

#: Weights of the overall score (docs/scoring.md; fit on AnnoMI, see axes.Calibration).
WEIGHTS: dict[str, float] = _weights()


def score(transcript: Transcript, scenario: Any = None, calibration: Any = None) -> Report:
    """Score a meeting. `scenario` adds topic sensitivity, cue and choice names;
    `calibration` (an `axes.Calibration`) replaces the shipped numbers (benchmarks only)."""
    from simulator.scoring.axes import (
        CALIBRATION,
        Context,
        analyse_turns,
        as_scored,
        autonomy_axis,
        cue_tracking,
        encounter_profile,
        listening_axis,
        miti_summary,
        pacing_axis,
    )

    cal = calibration or CALIBRATION
    weights = dict(zip(AXES, cal.weights, strict=True))
    # Scored as MITI would code it (a "reflection" that tells the client what to do is
    # advice); the turns shown keep the recognizer's own reading.
    seen, recoded = as_scored(transcript)
    ctx = Context.build(seen, scenario)
    ctx.recoded = recoded
    miti = miti_summary(seen)
    profile = encounter_profile(seen)
    if not transcript.turns:
        empty = Axis(0, level_of(0), (Reason("r_no_turns", {}, 0),))
        return Report(
            transcript.language, empty, empty, empty, 0, level_of(0), profile, miti, (), Moments()
        )

    from simulator.scoring.feedback import from_events
    from simulator.scoring.voice import client_voice

    cues = cue_tracking(seen, ctx)
    events = analyse_turns(seen, ctx, cues, cal)
    feedback = from_events(seen, ctx, events, cues)
    axes: dict[str, Axis] = {}
    computed = {
        "listening": listening_axis(seen, events, miti, cues, cal, ctx.cue_labels),
        "pacing": pacing_axis(seen, events, ctx, cal),
        "autonomy": autonomy_axis(events, cal),
    }
    for name, (value, components, reasons) in computed.items():
        rounded = round(value)
        axes[name] = Axis(rounded, level_of(rounded), tuple(reasons), components)
    overall = round(sum(weights[a] * axes[a].value for a in AXES))
    n = len(transcript.turns)
    in_scenario = bool(transcript.scenario_id or transcript.start_state)
    stopped = in_scenario and not transcript.ended
    # A goodbye before the work was done ends the meeting (a neutral or poor ending), but
    # the meeting is no more finished than one stopped with Esc: four kind turns and "See
    # you Thursday" scored 88, "good", above meetings carried through.
    left = left_early(transcript)
    partial = None
    if stopped or left or n < SHORT_TURNS:
        coverage = min(1.0, n / FULL_TURNS)
        shown = min(PARTIAL_CAP, round(overall * coverage))
        kind = "left" if left else "stopped" if stopped else "short"
        key = "r_partial_" + {"stopped": "unfinished"}.get(kind, kind)
        if n >= FULL_TURNS and kind != "short":
            key += "_long"
        last = transcript.turns[-1]
        words = as_typed(last.worker, last.leaving) if left else ""
        partial = Reason(
            key,
            {
                "turns": n,
                "full": FULL_TURNS,
                "raw": overall,
                "overall": shown,
                "words": words,
                "kind": kind,
            },
            -1,
        )
        overall = shown
        # Each axis keeps its figure but loses its level word: "Honouring choices 100 —
        # partial, 4 turns", never "100 good" for four kind turns and Esc (docs/scoring.md).
        axes = {name: replace(axis, level="partial") for name, axis in axes.items()}

    turns = []
    for turn, ev, said in zip(transcript.turns, events, feedback, strict=True):
        effects = {
            axis: TurnEffect(
                round(sum(d for d, _ in getattr(ev, axis)), 2),
                tuple(r for _, r in getattr(ev, axis)),
            )
            for axis in AXES
        }
        turns.append(
            TurnAnalysis(
                index=turn.index,
                worker=turn.worker,
                reply=turn.reply,
                moves=tuple(turn.recognition.moves),
                mode=turn.recognition.mode,
                effects=effects,
                state_before=turn.state_before,
                state_after=turn.state_after,
                variables_after=dict(turn.variables_after),
                thought=turn.thought,
                note=turn.note,
                better=turn.better,
                feedback=said,
            )
        )
    cue_summary = {
        "total": cues.total,
        "credit": cues.credit,
        "picked": [ctx.cue_labels.get(c, c) for v in cues.picked.values() for c, k in v if k == 1],
        "partly": [ctx.cue_labels.get(c, c) for v in cues.picked.values() for c, k in v if k < 1],
        "missed": [ctx.cue_labels.get(c, c) for v in cues.missed.values() for c in v],
        # Let slip only in the last reply: shown, but nobody had the chance to pick them up.
        "late": [ctx.cue_labels.get(c, c) for c in cues.late],
    }
    from simulator.scoring.still_open import still_open

    return Report(
        language=transcript.language,
        listening=axes["listening"],
        pacing=axes["pacing"],
        autonomy=axes["autonomy"],
        overall=overall,
        overall_level="partial" if partial else level_of(overall),
        profile=profile,
        miti=miti,
        turns=tuple(turns),
        moments=_moments(transcript, turns),
        cues=cue_summary,
        with_scenario=scenario is not None or ctx.has_readiness,
        voice=client_voice(seen, scenario, ctx, events, cues),
        partial=partial,
        still_open=still_open(transcript, scenario, cues, ctx, seen),
    )


def partial_kind(report: Report) -> str:
    """Why a meeting's scores do not compare with meetings carried through: "stopped" (Esc, a
    script that ran out), "left" (the worker's goodbye before the work was done) or "short"
    (fewer than SHORT_TURNS turns); "" for a meeting carried through."""
    return str(report.partial.values.get("kind", "")) if report.partial else ""


def _moments(transcript: Transcript, turns: list[TurnAnalysis]) -> Moments:
    ranked = sorted(turns, key=lambda t: (-t.total, t.index))
    best = tuple(t.index for t in ranked if t.total > 0)[:3]
    worst = tuple(t.index for t in sorted(turns, key=lambda t: (t.total, t.index)) if t.total < 0)
    if left_early(transcript):
        # The goodbye scored nothing on the axes, yet it is the turn that cost the ending: a
        # student saw "Weakest turns: –" under "you left before the work was done".
        gone = transcript.turns[-1].index
        worst = (gone, *(i for i in worst if i != gone))
    thoughts: list[tuple[int, str]] = []
    for turn in transcript.turns:
        if turn.thought and (not thoughts or thoughts[-1][1] != turn.thought):
            thoughts.append((turn.index, turn.thought))
    names: list[str] = list(transcript.start_variables)
    for turn in transcript.turns:
        names.extend(v for v in turn.variables_after if v not in names)
    series: dict[str, tuple[float, ...]] = {}
    for name in names:
        values = [transcript.start_variables.get(name)]
        values += [t.variables_after.get(name) for t in transcript.turns]
        filled: list[float] = []
        for v in values:
            filled.append(float(v) if v is not None else (filled[-1] if filled else 0.0))
        series[name] = tuple(filled)
    led_there: tuple[int, ...] = ()
    if series:
        line = series[headline_variable(series)]
        moved = [(abs(line[i + 1] - line[i]), t.index) for i, t in enumerate(transcript.turns)]
        top = sorted((m for m in moved if m[0] > 0), key=lambda m: (-m[0], m[1]))[:3]
        led_there = tuple(sorted(i for _, i in top))
    last = transcript.turns[-1] if transcript.turns else None
    return Moments(
        best=best,
        worst=worst[:3],
        thoughts=tuple(thoughts),
        series=series,
        ending=transcript.outcome if transcript.ended else None,
        ending_state=last.state_after if last and transcript.ended else "",
        led_there=led_there,
    )


def to_markdown(report: Report, transcript: Transcript, lang: str | None = None) -> str:
    from simulator.scoring.export import to_markdown as _md

    return _md(report, transcript, lang)


def to_html(report: Report, transcript: Transcript, lang: str | None = None) -> str:
    from simulator.scoring.export import to_html as _html

    return _html(report, transcript, lang)


def to_json(report: Report, transcript: Transcript | None = None, lang: str | None = None) -> str:
    from simulator.scoring.export import to_json as _json

    return _json(report, transcript, lang)
