"""Conversation: the meeting itself.

The Session does the work; this screen only shows it. Every turn runs in a thread worker
(recognition and the machine stay off the UI path) and is journaled by the Session's
`on_turn` callback before the reply is shown, so a crash never loses a turn.
"""

from __future__ import annotations

import errno
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from simulator import store
from simulator.i18n import t, variable_label
from simulator.language.detect import clearly_other_language
from simulator.moves import HARMFUL
from simulator.transcript import how_it_ended
from simulator.tui.app import Localized
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.widgets.bars import bar
from simulator.tui.widgets.chat import ChatLine, EndingBox
from simulator.tui.widgets.evidence import why
from simulator.tui.widgets.history_input import HistoryInput

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.session import ClientTurn, Session
    from simulator.transcript import Transcript, TurnRecord

#: Findings the coach words in its own lines (too early, cues): not repeated as slips.
COACH_SAYS_ITSELF = frozenset({"t_cue_missed", "t_cue_partly"}) | {
    f"t_early_{m}{kind}"
    for m in ("advice", "persuade", "confront", "give_information")
    for kind in ("", "_words", "_unreflected", "_unasked")
}

#: Variables the mood panel draws, in this order, when the scenario has them.
MOOD_VARIABLES = ("trust", "openness", "distress")


def typing_seconds(reply: str) -> float:
    """A natural pause before the client answers: longer replies take a little longer."""
    return min(2.2, 0.5 + 0.02 * len(reply))


class ConversationScreen(Localized, Screen[None]):
    #: The client is answering (or the meeting opening): a turn typed now waits for it.
    busy: reactive[bool] = reactive(True, init=False)
    #: The meeting has ended (or was closed): nothing more is said.
    finished: reactive[bool] = reactive(False, init=False)
    #: The coach's notes on the last turn (practice mode).
    hints: reactive[Text] = reactive(Text, init=False)

    BINDINGS = [
        # Escape, not ctrl+e: the input keeps its usual end-of-line key.
        Binding("escape", "end_meeting", "tui.key_end"),
        # After the ending the same key opens the debrief, and the footer must say so.
        Binding("escape", "open_debrief", "tui.key_debrief"),
        Binding("ctrl+p", "command_palette", "tui.key_palette", show=False),
    ] + [Binding(str(n), f"choose({n - 1})", "tui.key_choose", show=False) for n in range(1, 10)]

    def __init__(
        self,
        scenario: Scenario,
        mode: str = "practice",
        input_mode: str = "free",
        resume_from: tuple[Path, Transcript] | None = None,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.mode = mode
        self.input_mode = input_mode
        self.resume_from = resume_from
        self.session: Session | None = None
        self.journal: store.Journal | None = None
        self._offset = 0.0
        self._started = 0.0
        #: Turns whose answer is on the screen: the status line counts these, not the
        #: session's, which counts a turn while the client is still "typing" its answer.
        self._answered_turns = 0

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        with Horizontal(id="meeting"):
            yield VerticalScroll(id="messages")
            if self.practice:
                with Vertical(id="coach"):
                    yield Static("", id="mood", markup=False)
                    yield Static(self.hints, id="hints", markup=False)
        yield Static("", id="typing", markup=False)
        if self.input_mode == "menu":
            yield Static("", id="menu-note", markup=False)
            yield OptionList(id="menu")
        # In menu mode too: where a state offers no suggestions the student types instead.
        yield HistoryInput(placeholder=self.tr("say_placeholder"), id="say")
        yield Footer()

    async def recompose(self) -> None:
        said = self.query_one(HistoryInput).said
        await super().recompose()
        self.query_one(HistoryInput).said = said
        if self.session is not None:
            turns = self.session.transcript.turns
            self._coach(turns[-1] if turns else None)  # the hints in the new language
            self._show_transcript()
            self._refresh_panels()
        self._show_input()  # the new input takes the focus back

    def on_mount(self) -> None:
        self.query_one("#messages", VerticalScroll).anchor()
        self._started = self.app.clock()
        self.set_interval(1.0, self._tick)
        self._tick()
        self._show_input()
        self.open_session()

    # -- starting or resuming ---------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False)
    def open_session(self) -> None:
        from simulator.session import Session

        meta = {"mode": self.mode, "input": self.input_mode}
        try:
            if self.resume_from is not None:
                path, transcript = self.resume_from
                journal = store.Journal.reopen(path)
                session = Session.resume(self.scenario, transcript, on_turn=journal.append)
            else:
                session = Session(self.scenario, seed=self.app.seed)
                journal = store.Journal.start(session.transcript, meta, self.app.home)
                session.on_turn = journal.append
        except (ValueError, OSError) as error:
            reason = str(error)
            unwritable = (errno.EROFS, errno.EACCES, errno.EPERM)
            if isinstance(error, OSError) and error.errno in unwritable:
                # A read-only data folder or one without write permission: say where and why,
                # and what to do, not a bare OS message (nothing was started or lost).
                reason = self.tr(
                    "history_unwritable", path=str(self.app.home), reason=error.strerror
                )
            self.app.call_from_thread(self._failed, reason)
            return
        self.app.call_from_thread(self._opened, session, journal)

    def _failed(self, reason: str) -> None:
        if not self.is_attached:  # the screen was closed while the worker ran
            return
        self.notify(self.tr("meeting_failed", reason=reason), severity="error", timeout=10)
        self.dismiss()

    def _opened(self, session: Session, journal: store.Journal) -> None:
        if not self.is_attached:  # the screen was closed while the worker ran
            return
        self.session = session
        self.journal = journal
        turns = session.transcript.turns
        field = self.query_one(HistoryInput)  # a resumed meeting: ↑ walks what was said
        for turn in turns:
            if not turn.via_menu:
                field.remember(turn.worker)
        self._offset = turns[-1].seconds if turns else 0.0
        self._answered_turns = session.turn
        self._show_transcript()
        if turns:
            self._coach(turns[-1])
        else:
            self._coach(None)
        self._refresh_panels()
        self.busy = False
        if session.ended:
            self._meeting_over()

    def _show_transcript(self) -> None:
        assert self.session is not None
        messages = self.query_one("#messages", VerticalScroll)
        messages.remove_children()
        name = self.scenario.client.name
        you = self.tr("you")
        lines = self.session.transcript.lines()
        messages.mount_all(
            ChatLine(line["speaker"], name if line["speaker"] == "client" else you, line["text"])
            for line in lines
        )
        if self.finished:
            self._mount_ending()

    # -- taking turns -------------------------------------------------------------------

    @on(Input.Submitted, "#say")
    def _submitted(self, event: Input.Submitted) -> None:
        self._say_what_is_typed(pressed=True)

    def _say_what_is_typed(self, pressed: bool = False) -> None:
        field = self.query_one(HistoryInput)
        text = field.value.strip()
        if self.finished:
            # Typed while the client gave the last answer: not said, and the student is told
            # so; Enter in the empty field opens the debrief.
            if text:
                field.value = ""
                self.notify(self.tr("ended_not_said"), timeout=8)
            elif pressed:
                self._debrief()
            return
        if not text or self.session is None:
            return
        if self.busy:
            # Enter while the client is still answering (or the meeting still opening): the
            # turn goes as soon as the client has finished, as a student expects.
            self.waiting_to_say = True
            return
        field.remember(text)
        if clearly_other_language(text, self.scenario.language):
            # Not a turn: the client would not understand it. The words stay in the field.
            language = self.tr(f"lang_{self.scenario.language}_speaks")
            self.notify(self.tr("other_language", name=self.scenario.client.name, lang=language))
            return
        field.value = ""
        self._said(text)
        self.take_turn(text, None)

    waiting_to_say = False

    @on(OptionList.OptionSelected, "#menu")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index)

    def action_choose(self, index: int) -> None:
        if self.input_mode != "menu" or self.busy or self.session is None or self.finished:
            return
        options = self.session.suggestions()
        if not 0 <= index < len(options):
            return
        self._said(options[index].text)
        self.take_turn(None, index)

    def _said(self, text: str) -> None:
        self.query_one("#messages", VerticalScroll).mount(ChatLine("worker", self.tr("you"), text))
        self.busy = True

    @work(thread=True, exclusive=True, exit_on_error=False)
    def take_turn(self, text: str | None, index: int | None) -> None:
        assert self.session is not None
        try:
            turn = self.session.say(text) if index is None else self.session.choose(index)
        except Exception as error:  # noqa: BLE001 - shown to the user, the meeting goes on
            self.app.call_from_thread(self._turn_failed, str(error) or type(error).__name__)
            return
        self.app.call_from_thread(self._answered, turn)

    def _turn_failed(self, reason: str) -> None:
        if not self.is_attached:  # the screen was closed while the worker ran
            return
        messages = self.query_one("#messages", VerticalScroll)
        if messages.children:
            messages.children[-1].remove()
        self.notify(self.tr("turn_failed", reason=reason), severity="error", timeout=10)
        self.busy = False

    def _answered(self, turn: ClientTurn) -> None:
        if not self.is_attached:  # the screen was closed while the worker ran
            return
        if not turn.saved and self.session is not None:
            # Said plainly: the turn happened, but only in memory until the disk has room.
            error = self.session.save_error
            reason = (error.strerror or str(error)) if error else ""
            self.notify(self.tr("turn_not_saved", reason=reason), severity="error", timeout=15)
        if self.app.settings.get("typing_pause", True):
            typing = self.query_one("#typing", Static)
            typing.update(self.tr("typing", name=self.scenario.client.name))
            self.set_timer(typing_seconds(turn.text), lambda: self._reply(turn))
        else:
            self._reply(turn)

    def _reply(self, turn: ClientTurn) -> None:
        if not self.is_attached:  # the screen was closed while the worker ran
            return
        self.query_one("#typing", Static).update("")
        self.query_one("#messages", VerticalScroll).mount(
            ChatLine("client", self.scenario.client.name, turn.text)
        )
        if self.session is not None:
            self._answered_turns = self.session.turn
        if turn.record is not None:
            self._coach(turn.record)
        self._refresh_panels()
        self.busy = False
        if turn.ended:
            self._meeting_over()

    # -- what the trainee sees around the conversation ------------------------------------

    def watch_busy(self, busy: bool) -> None:
        if not busy and self.waiting_to_say:
            self.waiting_to_say = False
            self.call_later(self._say_what_is_typed)
        self._show_input()

    def watch_finished(self) -> None:
        if self.is_attached:  # not when set on the way out (the debrief replaces the screen)
            self._show_input()
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Escape has two meanings; a hidden one lets the key fall through to the other.
        if action == "end_meeting":
            return not self.finished
        if action == "open_debrief":
            return self.finished
        return True

    def watch_hints(self, hints: Text) -> None:
        if self.practice:
            self.query_one("#hints", Static).update(hints)

    def _show_input(self) -> None:
        """The field or the menu, open or closed and focused, as `busy` and `finished` say."""
        field = self.query_one(HistoryInput)
        if not self.typing_instead:
            field.display = False
            menu = self.query_one("#menu", OptionList)
            menu.disabled = self.busy or self.finished
            if not menu.disabled:
                menu.focus()
            return
        # The field stays open while the client answers: a student who types ahead keeps
        # the words (Enter waits for the answer). A disabled field lost them, and the keys
        # went to the screen's bindings instead ('?' opened Help). After the ending too: a
        # student still typing when the last answer lands types on into the field, not into
        # the Debrief button and then the debrief ('?' Help, Enter mid-sentence skipping the
        # last answer, 'x' a download); Enter in the empty field opens the debrief.
        field.display = True
        field.disabled = False
        if self.finished:
            field.placeholder = self.tr("ended_placeholder")
        field.focus()

    @property
    def typing_instead(self) -> bool:
        """Free text, or suggested responses in a state that has none to offer."""
        if self.input_mode != "menu":
            return True
        return bool(self.session and not self.session.ended and not self.session.suggestions())

    def _tick(self) -> None:
        turns = self._answered_turns
        seconds = int(self._offset + self.app.clock() - self._started)
        elapsed = f"{seconds // 60:02d}:{seconds % 60:02d}"
        status = self.tr(
            "status",
            title=self.scenario.title,
            turn=turns,
            elapsed=elapsed,
            mode=self.tr(f"mode_{self.mode}"),
        )
        # One line of fixed height: the clock's tick needs no new layout of the screen
        # (a full layout every second was most of an idle tab's CPU under `serve`).
        self.query_one("#status", Static).update(status, layout=False)

    def _refresh_panels(self) -> None:
        self._tick()
        if self.input_mode == "menu":
            typing = self.typing_instead
            menu = self.query_one("#menu", OptionList)
            menu.display = not typing
            note = self.query_one("#menu-note", Static)
            note.display = typing
            note.update(self.tr("menu_none", name=self.scenario.client.name))
            menu.clear_options()
            if self.session is not None and not self.finished:
                menu.add_options(
                    Option(Text(f"{n}. {s.text}"), id=str(n))
                    for n, s in enumerate(self.session.suggestions(), start=1)
                )
                if menu.option_count:
                    menu.highlighted = 0
        if self.practice and self.session is not None:
            self.query_one("#mood", Static).update(self._mood())

    def _mood(self) -> Text:
        assert self.session is not None
        values = self.session.variables
        names = [v for v in MOOD_VARIABLES if v in values] or list(values)[:3]
        text = Text()
        for name in names:
            label = variable_label(name, self.app.lang)
            text.append(f"{label:<10}", style="bold")
            text.append(f"{bar(values[name])} {values[name]:3.0f}\n")
        return text

    def _coach(self, record: TurnRecord | None) -> None:
        """Live hints from what just happened (practice mode only; assessed shows nothing)."""
        if not self.practice:
            return
        assert self.session is not None
        name = self.scenario.client.name
        tr = self.tr
        lang = self.app.lang
        hints = Text()
        hints.append(tr("coach") + "\n", style="bold underline")
        if getattr(self.app, "watch", False):
            # `play --watch` is the author's seat: where the script is and what fired, to
            # find in the file.
            hints.append(self._trainer_view(record) + "\n", style="dim")
        if record is None:
            hints.append(tr("coach_start", name=name) + "\n")
            cues = self.session.transcript.opening_cues
        else:
            moves = record.recognition.moves
            read = ", ".join(t(f"scoring.move_{m}", lang) for m in moves) or tr("coach_no_moves")
            hints.append(tr("coach_read") + " ", style="bold")
            hints.append(read + "\n")
            hints.append(why(record.recognition, lang, name))
            if record.recognition.mode:
                hints.append(tr("coach_mode") + " ", style="bold")
                hints.append(t(f"scoring.mode_{record.recognition.mode}", lang) + "\n")
            trust_before = record.variables_before.get("trust")
            trust_after = record.variables_after.get("trust")
            dropped = (
                trust_before is not None and trust_after is not None and trust_after < trust_before
            )
            # The scorer's own judgement of this turn, so the coach and the debrief agree
            # (permission asked makes information timely; a lecture picks up no cue).
            from simulator.scoring import feedback

            said = feedback.last(self.session.transcript, self.scenario)
            poor = dropped or bool(HARMFUL.intersection(moves)) or bool(said and said.poor)
            if record.note:
                hints.append("\n" + record.note + "\n", style="italic")
            if said and said.early:
                hints.append("\n" + tr("coach_too_early", name=name) + "\n")
            # The scorer's findings against this very turn (a monologue, stacked questions,
            # a brush-off…), worded as the debrief words them.
            slips = [r for r in (said.slips if said else ()) if r.key not in COACH_SAYS_ITSELF]
            if slips:
                hints.append("\n" + tr("coach_slips") + "\n", style="bold")
                for reason in slips:
                    hints.append("• " + reason.text(lang) + "\n")
            if said and said.cues_picked:
                hints.append("\n" + tr("coach_cue_picked") + " ", style="bold")
                hints.append(", ".join(said.cues_picked) + "\n")
            if said and said.cues_missed:
                hints.append("\n" + tr("coach_cue_missed") + " ", style="bold")
                hints.append(", ".join(said.cues_missed) + "\n")
            if poor and record.thought:
                hints.append("\n" + tr("coach_thought", name=name) + "\n", style="bold")
                hints.append(f"“{record.thought}”\n", style="italic")
            if poor and record.better:
                hints.append("\n" + tr("coach_better") + "\n", style="bold")
                hints.append(record.better + "\n")
            cues = record.cues_dropped
        labels = [self.scenario.cues[c].label for c in cues if c in self.scenario.cues]
        if labels:
            hints.append("\n" + tr("coach_cues", name=name) + "\n", style="bold")
            hints.append(", ".join(labels) + "\n")
        if self.session is not None and not self.session.ended:
            # Said when it is news (at the start, or when the client has just stepped back
            # from being ready), not under every turn.
            ready = self.scenario.states[self.session.state].ready
            was_ready = True if record is None else "advice" in record.ready
            if "advice" not in ready and was_ready:
                hints.append("\n" + tr("coach_not_ready", name=name) + "\n", style="dim")
        self.hints = hints

    def _trainer_view(self, record: TurnRecord | None) -> str:
        from simulator.scenario.labels import located

        assert self.session is not None
        state = self.scenario.states.get(self.session.state)
        where = f"{state.where.file}:{state.where.line}" if state else self.scenario.path
        text = self.tr("watch_state", state=self.session.state, where=where)
        if record is not None:
            fired = located(self.scenario, record.transition) or self.tr("watch_fallback")
            text += "\n" + self.tr("watch_fired", transition=fired)
        return text

    # -- ending -------------------------------------------------------------------------

    def _meeting_over(self) -> None:
        self.finished = True
        self.busy = False
        self._refresh_panels()
        self._mount_ending()
        self.close_journal("ended")

    def _mount_ending(self) -> None:
        assert self.session is not None
        outcome = self.session.outcome or "neutral"
        messages = self.query_one("#messages", VerticalScroll)
        if messages.query("#ending"):
            return
        said = self.tr(f"ended_{outcome}")
        # A meeting the student ended by taking leave says so: closed, or left early.
        left = how_it_ended(self.session.transcript, self.app.lang)
        messages.mount(
            EndingBox(
                f"{said} {left}" if left else said,
                self.tr("open_debrief"),
                focus_button=not self.typing_instead,  # else the field keeps it (_show_input)
            )
        )

    def close_journal(self, reason: str) -> None:
        """Write the end line with the axis scores (the history index shows them).

        On a thread of its own that holds the journal, transcript, scenario and data folder
        themselves, not the screen or the app: the screen is replaced by the debrief at once
        (and `self.app` of a removed screen raised NoActiveAppError, swallowed, leaving an
        ended meeting unfinished when two app instances shared a data folder). Not a
        daemon, so the line is written even if the app quits right after.
        """
        if self.journal is None or self.session is None:
            return
        import threading

        job = partial(
            end_meeting, self.journal, self.session.transcript, self.scenario, reason,
            self.app.home,
        )  # fmt: skip
        threading.Thread(target=job, name="kohtaamo-end-line").start()

    @on(Button.Pressed, "#to-debrief")
    def _to_debrief(self) -> None:
        self._debrief()

    def _debrief(self) -> None:
        assert self.session is not None
        self.app.open_debrief(
            self.session.transcript,
            self.scenario,
            session_id=self.journal.id if self.journal else "",
            replace_screen=True,
        )

    def leave_for_debrief(self) -> None:
        """End the meeting here (if it has not ended) and open its debrief."""
        if self.session is None:
            return
        if not self.finished:
            self.finished = True
            self.close_journal("closed")
        self._debrief()

    def action_open_debrief(self) -> None:
        if self.session is not None:
            self._debrief()

    def action_end_meeting(self) -> None:
        if self.session is None:
            return
        if self.finished:
            self._debrief()
            return

        def answered(yes: bool | None) -> None:
            if yes and not self.finished:
                self.leave_for_debrief()

        self.app.push_screen(ConfirmScreen(self.tr("confirm_end")), answered)

    def palette_commands(self) -> list[SystemCommand]:
        return [SystemCommand(self.tr("cmd_end"), self.tr("cmd_end_help"), self.action_end_meeting)]


def end_meeting(
    journal: store.Journal, transcript: Transcript, scenario: Scenario, reason: str, home: Path
) -> None:
    """Score the meeting and write its end line (see ConversationScreen.close_journal)."""
    from simulator.scoring import partial_kind, score

    partial = ""
    try:
        report = score(transcript, scenario)
        scores = {
            "listening": report.listening.value,
            "pacing": report.pacing.value,
            "autonomy": report.autonomy.value,
            "overall": report.overall,
        }
        # History marks it and leaves it out of the progress chart (docs/scoring.md).
        partial = partial_kind(report)
    except Exception:  # noqa: BLE001 - the end line matters more than the scores
        scores = {}
    with suppress(OSError):  # a full disk: the journal stays resumable, as interrupted
        journal.end(transcript, scores, reason=reason, home=home, partial=partial)
