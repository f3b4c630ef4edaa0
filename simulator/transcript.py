"""What a meeting leaves behind: the transcript, turn by turn.

The Session writes it, the store journals it, the scorer reads it. For a transcript typed
up by hand (`kohtaamo assess`) only the texts and recognitions are filled; the scenario
fields stay empty and the scorer falls back to what the transcript itself shows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from simulator.i18n import t
from simulator.language.base import Evidence, Recognition


@dataclass
class TurnRecord:
    """One trainee turn and the client's answer to it."""

    index: int  # 1-based turn number
    worker: str  # what the trainee said
    recognition: Recognition
    reply: str  # what the client answered
    client_before: str = ""  # the client's words the trainee was answering
    via_menu: bool = False  # chosen from the suggested responses
    state_before: str = ""
    state_after: str = ""
    transition: str | None = None  # id of the transition that fired; None = fallback
    variables_before: dict[str, float] = field(default_factory=dict)
    variables_after: dict[str, float] = field(default_factory=dict)
    ready: tuple[str, ...] = ()  # readiness flags of state_before
    cues_dropped: tuple[str, ...] = ()  # cues the client let slip in this reply
    choice_stated: str | None = None  # a choice the client stated in this reply
    choices_active: tuple[str, ...] = ()  # choices stated before this turn
    thought: str = ""  # the client's inner thought after this turn
    note: str = ""  # trainer's note of the transition
    better: str = ""  # better example of the transition
    ended: bool = False
    outcome: str | None = None
    seconds: float = 0.0  # since the meeting began
    #: the worker's words read as taking leave ("" when the turn did not take leave)
    leaving: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["recognition"] = self.recognition.to_dict()
        if not self.leaving:
            del data["leaving"]  # journals and exports of other turns stay as they were
        return data

    @classmethod
    def from_dict(cls, data: dict) -> TurnRecord:
        data = dict(data)
        rec = data.pop("recognition")
        recognition = Recognition(
            text=rec.get("text", ""),
            moves=tuple(rec.get("moves", ())),
            mode=rec.get("mode"),
            topics=tuple(rec.get("topics", ())),
            evidence=tuple(
                Evidence(
                    move=e["move"],
                    words=tuple(e.get("words", ())),
                    reflected=tuple(e.get("reflected", ())),
                    reason=e.get("reason", ""),
                )
                for e in rec.get("evidence", ())
            ),
        )
        for key in ("ready", "cues_dropped", "choices_active"):
            data[key] = tuple(data.get(key, ()))
        known = cls.__dataclass_fields__
        return cls(recognition=recognition, **{k: v for k, v in data.items() if k in known})


@dataclass
class Transcript:
    language: str
    scenario_id: str = ""
    scenario_title: str = ""
    scenario_path: str = ""
    variant: str | None = None
    seed: int | None = None
    opening: str = ""  # the client's first words
    opening_cues: tuple[str, ...] = ()
    start_state: str = ""
    start_variables: dict[str, float] = field(default_factory=dict)
    turns: list[TurnRecord] = field(default_factory=list)

    @property
    def ended(self) -> bool:
        return bool(self.turns) and self.turns[-1].ended

    @property
    def outcome(self) -> str | None:
        return self.turns[-1].outcome if self.turns else None

    def lines(self) -> list[dict[str, str]]:
        """The conversation as `{"speaker": "worker"|"client", "text": ...}` lines."""
        out = [{"speaker": "client", "text": self.opening}] if self.opening else []
        for turn in self.turns:
            out.append({"speaker": "worker", "text": turn.worker})
            if turn.reply:
                out.append({"speaker": "client", "text": turn.reply})
        return out

    def header(self) -> dict:
        """Everything but the turns (the first line of a journal)."""
        data = asdict(self)
        data.pop("turns")
        data["opening_cues"] = list(self.opening_cues)
        return data

    def to_dict(self) -> dict:
        data = self.header()
        data["turns"] = [t.to_dict() for t in self.turns]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Transcript:
        data = dict(data)
        turns = [TurnRecord.from_dict(t) for t in data.pop("turns", ())]
        data["opening_cues"] = tuple(data.get("opening_cues", ()))
        known = cls.__dataclass_fields__
        return cls(turns=turns, **{k: v for k, v in data.items() if k in known})


def client_lines(transcript: Transcript) -> list[tuple[int, str]]:
    """What the client said, with the turn it answered (0: the opening), in order."""
    lines = [(0, transcript.opening)] if transcript.opening else []
    lines += [(turn.index, turn.reply) for turn in transcript.turns if turn.reply]
    return lines


def how_it_ended(transcript: Transcript, lang: str | None = None) -> str:
    """One sentence on a meeting the worker ended by taking leave ("You left the meeting at
    turn 4 ... before the work was done"); "" for a meeting that ended otherwise or not yet."""
    last = transcript.turns[-1] if transcript.turns else None
    if last is None or not last.ended or not last.leaving:
        return ""
    key = "session.left_closing" if last.outcome == "good" else "session.left_early"
    return t(key, lang, turn=last.index, words=as_typed(last.worker, last.leaving))


def left_early(transcript: Transcript) -> bool:
    """Whether the worker took leave before the work was done: the meeting ended on their
    goodbye short of a good ending (a goodbye from a closing state ends well and is a
    meeting carried through)."""
    last = transcript.turns[-1] if transcript.turns else None
    return bool(last and last.ended and last.leaving and last.outcome != "good")


def as_typed(text: str, words: str) -> str:
    """`words` as the worker typed them in `text`: the leave-taking reader records its words
    in lower case ("see you thursday"), the debrief quotes the worker ("see you Thursday").
    The words as recorded when they cannot be found (a journal edited by hand)."""
    from simulator.language.text import _TOKEN

    want = words.split()
    if not want:
        return words
    found = [
        (m.start(), m.end(), m.group(0).lower().replace("\u2019", "'"))
        for m in _TOKEN.finditer(text)
    ]
    for i in range(len(found) - len(want) + 1):
        if [f[2] for f in found[i : i + len(want)]] == want:
            return " ".join(text[found[i][0] : found[i + len(want) - 1][1]].split())
    return words
