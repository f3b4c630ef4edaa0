"""What one turn did, judged once: the coach during the meeting and the debrief after it
both read this, so the two never disagree ("too early", a slip, a cue picked up or missed).

`judge(transcript, scenario)` gives one `TurnFeedback` per turn, from the same per-turn
analysis the axes are summed from (`axes.analyse_turns`, `axes.cue_tracking`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.scoring.axes import (
    Context,
    CueTrack,
    TurnEvents,
    analyse_turns,
    as_scored,
    cue_tracking,
)
from simulator.scoring.model import Reason
from simulator.transcript import Transcript


@dataclass(frozen=True)
class TurnFeedback:
    index: int
    #: Moves that came before the client was ready for them (the pacing rule: readiness
    #: flags; permission asked in this or the previous turn, or given by the client earlier
    #: in the meeting and remembered as the engine remembers it, exempts information).
    early: tuple[str, ...] = ()
    #: Told the client what to do or think instead of hearing them out.
    lectured: bool = False
    #: Brushed the client aside, blamed or rejected them.
    disrespect: bool = False
    #: Every finding against the turn, on any axis, as the debrief words it.
    slips: tuple[Reason, ...] = ()
    #: Every finding for the turn.
    credits: tuple[Reason, ...] = ()
    #: Cues (by label) this turn picked up fully, half (reflected without naming), or missed
    #: (the last turn that could have picked them up).
    cues_picked: tuple[str, ...] = ()
    cues_partly: tuple[str, ...] = ()
    cues_missed: tuple[str, ...] = ()
    #: Cues the client let slip in the reply to this turn (to be picked up next).
    cues_offered: tuple[str, ...] = ()

    @property
    def poor(self) -> bool:
        """The turn went against the client somehow (the coach then shows their thought)."""
        return bool(self.early or self.lectured or self.disrespect or self.slips)


#: An overridden choice is charged on listening and pacing as well as autonomy (axes.py);
#: in a turn's feedback it is one finding, said once, as the autonomy finding words it.
ECHOES = frozenset({"t_choice_unheard", "t_choice_pushed_past"})


def cue_label(ctx: Context, cue: str) -> str:
    return ctx.cue_labels.get(cue, cue)


def judge(transcript: Transcript, scenario: Any = None, live: bool = False) -> list[TurnFeedback]:
    """One feedback per turn of the transcript, in order. `live`: the meeting goes on, so a
    cue whose window is still open is not called missed yet."""
    seen, recoded = as_scored(transcript)
    ctx = Context.build(seen, scenario)
    ctx.recoded = recoded
    cues = cue_tracking(seen, ctx)
    return from_events(seen, ctx, analyse_turns(seen, ctx, cues), cues, live)


def from_events(
    transcript: Transcript,
    ctx: Context,
    events: list[TurnEvents],
    cues: CueTrack,
    live: bool = False,
) -> list[TurnFeedback]:
    """The same, from an analysis already made (`score` builds the report from it)."""
    still_open = {cue_label(ctx, c) for c in cues.unfinished} if live else set()
    out = []
    for turn, ev in zip(transcript.turns, events, strict=True):
        reasons = [
            r
            for axis in ("listening", "pacing", "autonomy")
            for _, r in getattr(ev, axis)
            if not (r.key == "t_cue_missed" and r.values.get("cue") in still_open)
        ]
        picked = cues.picked.get(turn.index, ())
        out.append(
            TurnFeedback(
                index=turn.index,
                early=tuple(ev.early),
                lectured=ev.lecture,
                disrespect=ev.disrespect,
                slips=_unique(r for r in reasons if r.sign < 0 and r.key not in ECHOES),
                credits=_unique(r for r in reasons if r.sign > 0),
                cues_picked=tuple(cue_label(ctx, c) for c, k in picked if k == 1),
                cues_partly=tuple(cue_label(ctx, c) for c, k in picked if k < 1),
                cues_missed=tuple(
                    label
                    for label in (cue_label(ctx, c) for c in cues.missed.get(turn.index, ()))
                    if label not in still_open
                ),
                cues_offered=tuple(cue_label(ctx, c) for c in turn.cues_dropped),
            )
        )
    return out


def last(transcript: Transcript, scenario: Any = None) -> TurnFeedback | None:
    """The feedback on the latest turn (the coach's view), None before the first turn."""
    if not transcript.turns:
        return None
    return judge(transcript, scenario, live=True)[-1]


def _unique(reasons: Any) -> tuple[Reason, ...]:
    # One sentence per finding: the same reason may be charged on two axes.
    seen: set[tuple[str, str]] = set()
    out = []
    for r in reasons:
        key = (r.key, repr(sorted(r.values.items())))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return tuple(out)
