"""The client's own feedback: did I feel heard, did my view matter, did it change what
happens (seed 002: feedback designed from the client's point of view).

Each answer (yes, partly, no) is read from what happened in the meeting, not from the axes:
the turns that reflected the client or brushed them aside, the cues picked up, the choices
the client stated and whether they were honoured or overridden, the ending reached and how
trust moved. The words are the scenario authors' (`client_feedback:` in the scenario, ideally
written with an experience expert) where they wrote them, else default lines; both in the
client's language (the scenario's), as the client spoke it in the meeting, whatever the UI's.
Every answer carries the facts it rests on, so it explains itself like the axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.scoring.axes import Context, CueTrack, TurnEvents
from simulator.scoring.model import Reason
from simulator.transcript import Transcript

QUESTIONS: tuple[str, ...] = ("heard", "mattered", "changed")


@dataclass(frozen=True)
class VoiceLine:
    """One thing the client says about the meeting."""

    kind: str  # heard | mattered | changed | ending | state | choice
    answer: str = ""  # yes | partly | no | open (questions); honoured | overridden (choice)
    authored: str = ""  # the authors' line, as written (scenario language)
    key: str = ""  # default line: an i18n key under scoring.
    values: dict[str, Any] = field(default_factory=dict)
    because: Reason | None = None  # the facts the answer rests on
    #: the client's language: default lines are said in it, as authored ones are (a Finnish
    #: client quoted in English under an English UI, beside authored Finnish lines in the next
    #: scenario, read as two clients); None (a typed-up meeting, no scenario) = the reader's
    voice_lang: str | None = None

    def text(self, lang: str) -> str:
        if self.authored:
            return self.authored
        from simulator.i18n import t

        return t(f"scoring.{self.key}", self.voice_lang or lang, **self.values)

    def to_dict(self, lang: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "answer": self.answer,
            "text": self.text(lang),
            "authored": bool(self.authored),
        }
        if self.because is not None:
            data["because"] = self.because.text(lang)
        return data


def client_voice(
    transcript: Transcript,
    scenario: Any,
    ctx: Context,
    events: Sequence[TurnEvents],
    cues: CueTrack,
) -> tuple[VoiceLine, ...]:
    """The client's feedback on this meeting, questions first, then the ending and moments."""
    written = getattr(scenario, "client_feedback", None) if scenario is not None else None
    voice_lang = getattr(scenario, "language", None) if scenario is not None else None
    answers: dict[str, dict[str, str]] = written.answers if written else {}
    n = len(events)
    if not n:
        return ()

    def line(question: str, answer: str, because: Reason) -> VoiceLine:
        authored = answers.get(question, {}).get(answer, "")
        return VoiceLine(
            question, answer, authored, f"cf_{question}_{answer}", {}, because, voice_lang
        )

    # Did I feel heard? Turns that gave my words back, against turns that brushed me aside,
    # blamed me, lectured or overrode what I had decided; and whether what I hinted at was
    # picked up. The same slips as the listening axis counts.
    reflected = sum(e.reflective for e in events)
    slips = sum(e.disrespect or e.lecture or e.unheard for e in events)
    cue_share = cues.credit / cues.total if cues.total else None
    if reflected and not slips and (cue_share is None or cue_share >= 0.5):
        heard = "yes"
    elif not reflected or slips > reflected or cue_share == 0 and slips:
        heard = "no"
    else:
        heard = "partly"
    facts: dict[str, object] = {"reflected": reflected, "slips": slips, "turns": n}
    if cues.total:
        # A float, so the reason writes it as the language does ("3,5/4" in Finnish).
        facts.update(picked=float(cues.credit), total=cues.total)
    key = "cfw_heard" if cues.total else "cfw_heard_no_cues"
    out = [line("heard", heard, Reason(key, facts))]

    # Did my view matter? With a stated choice: was it honoured or overridden. Without one:
    # was I asked and given options, or told.
    stated = _stated_choices(transcript)
    overridden = {c for e in events for c in e.overrode}
    supported = sum(e.supporting for e in events)
    lectured = sum(e.lecture for e in events)
    kept: list[str] = []
    if stated:
        # Passed over once (the next turn ignored it) but backed later counts as kept.
        passed = {c for e in events for c in e.passed_over}
        unbacked = {c for c in passed if not _repaired(c, transcript, events, "passed_over")}
        kept = [c for c in stated if c not in overridden and c not in unbacked]
        # Overridden, then backed after all (an apology, "it's your call"): partly.
        repaired = [
            c for c in stated if c not in kept and _repaired(c, transcript, events, "overrode")
        ]
        # One override among more turns that backed the client's choosing (a single misread or
        # slipped "I'll book it") leaves the view mattering partly, not "I was told what to do".
        overriding = sum(bool(e.overrode) for e in events)
        if len(kept) == len(stated):
            mattered = "yes"
        elif kept or len(kept) + len(repaired) == len(stated) or supported > overriding:
            mattered = "partly"
        else:
            mattered = "no"
        because = Reason(
            "cfw_mattered_choice",
            {"kept": len(kept), "stated": len(stated), "supported": supported},
        )
    else:
        if supported and not lectured:
            mattered = "yes"
        elif lectured > supported or (lectured and not supported):
            mattered = "no"
        else:
            mattered = "partly"
        because = Reason("cfw_mattered", {"supported": supported, "lectured": lectured})
    out.append(line("mattered", mattered, because))

    # Did it change what happens? The ending the meeting reached, and how trust moved.
    start = transcript.start_variables.get("trust")
    end = transcript.turns[-1].variables_after.get("trust") if transcript.turns else None
    # A pair reads as a change in the reader's language ("30 → 42,5" in Finnish).
    trust = (float(start), float(end)) if start is not None and end is not None else "–"
    outcome = transcript.outcome if transcript.ended else None
    changed = {"good": "yes", "neutral": "partly", "poor": "no"}.get(outcome or "", "open")
    # A typed-up conversation (`kohtaamo assess`) has no ending to tell what happens next.
    if transcript.scenario_id or transcript.start_state:
        out.append(line("changed", changed, Reason(f"cfw_changed_{changed}", {"trust": trust})))

    # The authors' words for the ending reached and for key moments.
    if written is not None:
        last_state = transcript.turns[-1].state_after if transcript.ended else ""
        ending = written.endings.get(last_state) or written.endings.get(outcome or "")
        if ending:
            out.append(VoiceLine("ending", outcome or "", ending))
        passed = list(dict.fromkeys(t.state_after for t in transcript.turns if t.state_after))
        for state in passed:
            if state in written.states and state != last_state:
                out.append(VoiceLine("state", state, written.states[state]))
    for choice in stated:
        side = "honoured" if choice in kept else "overridden"
        authored = written.choices.get(choice, {}).get(side, "") if written else ""
        label = ctx.choice_labels.get(choice, choice)
        out.append(
            VoiceLine(
                "choice", side, authored, f"cf_choice_{side}", {"choice": label}, None, voice_lang
            )
        )
    return tuple(out)


def _repaired(choice: str, transcript: Transcript, events: Sequence[TurnEvents], how: str) -> bool:
    """A turn after the last override (or passing over: `how`) of `choice` that supported
    the client's choosing."""
    pairs = list(zip(transcript.turns, events, strict=True))
    marked = [i for i, (_, e) in enumerate(pairs) if choice in getattr(e, how)]
    if not marked:
        return False
    last = max(marked)
    return any(e.supporting and not e.overrode for _, e in pairs[last + 1 :])


def _stated_choices(transcript: Transcript) -> list[str]:
    """Choices the client stated with at least one turn left to honour them, in order."""
    found: list[str] = []
    for turn in transcript.turns:
        found.extend(turn.choices_active)
    return list(dict.fromkeys(found))


def rows(voice: Sequence[VoiceLine], lang: str) -> list[tuple[str, str, str, str]]:
    """(question, answer, line, because) per voice line, in `lang` (authored lines stay as
    written); question and answer are empty for the ending and key moments."""
    from simulator.i18n import t

    out = []
    for v in voice:
        if v.kind in QUESTIONS:
            question = t(f"scoring.cf_q_{v.kind}", lang)
            answer = t(f"scoring.cf_a_{v.answer}", lang)
        else:
            question = answer = ""
        because = v.because.text(lang) if v.because is not None else ""
        out.append((question, answer, v.text(lang), because))
    return out
