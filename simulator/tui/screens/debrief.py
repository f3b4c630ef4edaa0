"""Debrief: the three axes, the encounter profile, trust over time, key moments, the
client's thoughts, the ending, and every turn with its analysis.

Labels come from the scorer's own strings (`scoring.*`), so the app and the exported
report always say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Footer,
    OptionList,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from simulator import store
from simulator.i18n import t, variable_label
from simulator.moves import AXES, MODES
from simulator.transcript import how_it_ended
from simulator.tui.app import Localized
from simulator.tui.widgets.bars import bar
from simulator.tui.widgets.evidence import why

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.scoring.model import Report
    from simulator.transcript import Transcript, TurnRecord

SIGN = {1: "+", -1: "−", 0: "·"}


class DebriefScreen(Localized, Screen[None]):
    BINDINGS = [
        Binding("x", "export", "tui.key_export"),
        Binding("n", "turn(1)", "tui.key_next_turn", show=False),
        Binding("p", "turn(-1)", "tui.key_prev_turn", show=False),
        Binding("escape", "close", "tui.key_close"),
        # The tabs answer the keys a student tries first, wherever the focus is.
        Binding("tab,right", "switch_tab(1)", "tui.key_next_tab", show=False),
        Binding("shift+tab,left", "switch_tab(-1)", "tui.key_prev_tab", show=False),
        # The focus sits on the tab strip, which does not scroll: without these the summary
        # of a long meeting could be read only with a mouse wheel (a tester's tmux play).
        # On the turns tab the turn list has the focus and takes up and down itself.
        Binding("down", "scroll('down')", show=False),
        Binding("up", "scroll('up')", show=False),
        Binding("pagedown,space", "scroll('page_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("end", "scroll('end')", show=False),
        Binding("home", "scroll('home')", show=False),
    ]

    def __init__(
        self, transcript: Transcript, scenario: Scenario | None, session_id: str = ""
    ) -> None:
        super().__init__()
        self.transcript = transcript
        self.scenario = scenario
        self.session_id = session_id
        self.report: Report | None = None

    def s(self, key: str, **values: object) -> str:
        """A label from the scorer's strings, in the UI language."""
        return t(f"scoring.{key}", self.app.lang, **values)

    def compose(self) -> ComposeResult:
        title = self.transcript.scenario_title or self.s("untitled")
        yield Static(Text(self.tr("debrief_title", title=title)), id="screen-title")
        with TabbedContent(id="debrief-tabs"):
            with TabPane(self.tr("tab_summary"), id="tab-summary"), VerticalScroll():
                yield Static(self.tr("loading"), id="summary", markup=False)
                yield Static("", id="trust-label", markup=False)
                yield Sparkline([], id="trust-line")
            with TabPane(self.tr("tab_moments"), id="tab-moments"), VerticalScroll():
                yield Static("", id="moments", markup=False)
            with TabPane(self.tr("tab_turns"), id="tab-turns"), Horizontal():
                yield OptionList(id="turn-list")
                with VerticalScroll(id="turn-detail-scroll"):
                    yield Static("", id="turn-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.report is None:
            self.compute()
        else:
            self._show()

    async def recompose(self) -> None:
        await super().recompose()
        if self.report is not None:
            self._show()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def compute(self) -> None:
        from simulator.scoring import score

        report = score(self.transcript, self.scenario)
        self.app.call_from_thread(self._scored, report)

    def _scored(self, report: Report) -> None:
        self.report = report
        self._show()

    def _show(self) -> None:
        assert self.report is not None
        self.query_one("#summary", Static).update(self._summary())
        series = self._trust_series()
        if series:
            name, values = series
            label = variable_label(name, self.app.lang)
            self.query_one("#trust-label", Static).update(
                Text(
                    self.tr("trust_over_time", name=label)
                    + "  "
                    + " → ".join(f"{v:.0f}" for v in values),
                    style="bold",
                )
            )
            self.query_one("#trust-line", Sparkline).data = list(values)
        self.query_one("#moments", Static).update(self._moments())
        turns = self.query_one("#turn-list", OptionList)
        turns.clear_options()
        turns.add_options(
            Option(Text(f"{a.index:>2}. {a.worker}", overflow="ellipsis", no_wrap=True))
            for a in self.report.turns
        )
        if self.report.turns:
            turns.highlighted = 0
            self._show_turn(0)
        else:
            self.query_one("#turn-detail", Static).update(self.tr("no_turns"))

    def _trust_series(self) -> tuple[str, tuple[float, ...]] | None:
        assert self.report is not None
        series = self.report.moments.series
        if not series:
            return None
        name = self.report.moments.headline
        return (name, series[name]) if name else None

    # -- the three tabs -------------------------------------------------------------------

    def _summary(self) -> Text:
        report = self.report
        assert report is not None
        text = Text()
        ending = report.moments.ending
        text.append(self.s(f"ending_{ending}") if ending else self.s("not_ended"), style="bold")
        left = how_it_ended(self.transcript, self.app.lang)
        if left:
            text.append("\n" + left)
        self._still_open(text, indent="")
        text.append("\n\n")
        for axis in AXES:
            value = getattr(report, axis)
            text.append(f"{self.s('axis_' + axis):<22}", style="bold")
            text.append(f"{bar(value.value, 20)} {value.value:3d}  ")
            label = report.level_text(value.level, self.app.lang)
            text.append(label + "\n", style=_level_style(value.level))
            for reason in value.reasons:
                text.append(f"   {SIGN.get(reason.sign, '·')} {reason.text(self.app.lang)}\n")
        text.append(f"\n{self.s('overall'):<22}", style="bold")
        text.append(f"{bar(report.overall, 20)} {report.overall:3d}  ")
        text.append(report.level_text(report.overall_level, self.app.lang, turns=False) + "\n")
        if report.partial is not None:
            text.append(f"   {SIGN[-1]} {report.partial.text(self.app.lang)}\n")
        text.append("\n")
        if report.voice:
            # The client's own feedback beside the scores (seed 002); the authors' lines
            # stay as written, the defaults follow the UI language.
            from simulator.scoring.voice import rows

            name = self.scenario.client.name if self.scenario else self.s("client")
            text.append(f"{self.s('h_client_voice')} ({name})\n", style="bold")
            for question, answer, line, because in rows(report.voice, self.app.lang):
                if question:
                    text.append(f"  {question} ", style="bold")
                    text.append(f"{answer}\n", style=_answer_style(answer, self.app.lang))
                text.append(f"    “{line}”\n", style="italic")
                if because:
                    text.append(f"    {because}\n", style="dim")
            text.append("\n")
        text.append(self.s("h_profile") + "\n", style="bold")
        for mode in MODES:
            share = report.profile.get(mode, 0.0)
            text.append(f"  {self.s('mode_' + mode):<20}{bar(share * 100, 20)} {share:4.0%}\n")
        text.append("\n")
        return text

    def _moments(self) -> Text:
        report = self.report
        assert report is not None
        by_index = {a.index: a for a in report.turns}
        text = Text()
        for heading, indexes in (
            (self.s("best_turns"), report.moments.best),
            (self.s("worst_turns"), report.moments.worst),
        ):
            text.append(heading + "\n", style="bold underline")
            if not indexes:
                text.append("  " + self.s("none") + "\n")
            for index in indexes:
                turn = by_index.get(index)
                if turn is None:
                    continue
                text.append(f"  {self.tr('turn_label', n=index)}: ", style="bold")
                text.append(f"“{turn.worker}”\n")
                self._note_and_better(text, turn, indent="    ", style="italic")
            text.append("\n")
        text.append(self.s("thoughts") + "\n", style="bold underline")
        name = self.scenario.client.name if self.scenario else ""
        for index, thought in report.moments.thoughts:
            where = self.tr("turn_label", n=index) if index else self.s("start")
            text.append(f"  {where}: ", style="bold")
            text.append(f"{name + ': ' if name else ''}“{thought}”\n")
        if not report.moments.thoughts:
            text.append("  " + self.s("none") + "\n")
        missed = report.cues.get("missed") if report.cues else None
        if missed:
            # The string carries the cues itself: as a bare heading it read "Cues missed: {cues}."
            text.append("\n" + self.s("cues_missed", cues=", ".join(missed)) + "\n", style="bold")
        text.append("\n" + self.tr("the_ending") + "\n", style="bold underline")
        ending = report.moments.ending
        text.append("  " + (self.s(f"ending_{ending}") if ending else self.s("not_ended")) + "\n")
        left = how_it_ended(self.transcript, self.app.lang)
        if left:
            text.append("  " + left + "\n")
        if self.transcript.turns and ending:
            text.append("  " + self.transcript.turns[-1].reply + "\n", style="italic")
        self._still_open(text, indent="  ")
        return text

    def _still_open(self, text: Text, indent: str) -> None:
        """A meeting left short of a good ending: what was still open, in the scenario's
        own terms, and what went well in how the worker closed."""
        from simulator.scoring.still_open import as_text

        assert self.report is not None
        for line in as_text(self.report.still_open, self.app.lang, "  "):
            head = not line.startswith("  ")
            text.append("\n" + indent + line, style="bold" if head else "")
        if self.report.still_open is not None and indent:
            text.append("\n")

    @on(OptionList.OptionHighlighted, "#turn-list")
    def _turn_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_turn(event.option_index)

    def _show_turn(self, position: int) -> None:
        report = self.report
        if report is None or not 0 <= position < len(report.turns):
            return
        turn = report.turns[position]
        record = self.transcript.turns[position] if position < len(self.transcript.turns) else None
        name = self.scenario.client.name if self.scenario else self.s("client")
        text = Text()
        text.append(self.tr("turn_label", n=turn.index) + "\n\n", style="bold underline")
        if record is not None and record.client_before:
            text.append(f"{name}: ", style="bold")
            text.append(record.client_before + "\n")
        text.append(f"{self.s('worker')}: ", style="bold")
        text.append(turn.worker + "\n")
        text.append(f"{name}: ", style="bold")
        text.append(turn.reply + "\n\n")
        moves = ", ".join(self.s(f"move_{m}") for m in turn.moves) or self.s("none")
        text.append(f"{self.s('moves')}: ", style="bold")
        text.append(moves + "\n")
        if record is not None:
            text.append(why(record.recognition, self.app.lang, name))
        mode = self.s(f"mode_{turn.mode}") if turn.mode in MODES else self.s("none")
        text.append(f"{self.s('mode')}: ", style="bold")
        text.append(mode + "\n")
        for axis in AXES:
            effect = turn.effects.get(axis)
            if effect is None or (not effect.delta and not effect.reasons):
                continue
            text.append(f"{self.s('axis_' + axis)} {effect.delta:+g}\n", style="bold")
            for reason in effect.reasons:
                text.append(f"  {SIGN.get(reason.sign, '·')} {reason.text(self.app.lang)}\n")
        if turn.thought:
            text.append(f"\n{self.s('thought')}: ", style="bold")
            text.append(f"“{turn.thought}”\n")
        self._note_and_better(text, turn, indent="", style="bold")
        self.query_one("#turn-detail", Static).update(text)

    def _note_and_better(self, text: Text, turn: TurnRecord, indent: str, style: str) -> None:
        """The scenario's trainer note and better example for a turn, where it has them."""
        for key, value in (("note", turn.note), ("better", turn.better)):
            if value:
                text.append(f"{indent}{self.s(key)}: ", style=style)
                text.append(value + "\n")

    def action_switch_tab(self, step: int) -> None:
        tabs = self.query_one("#debrief-tabs", TabbedContent)
        panes = [pane.id for pane in tabs.query(TabPane)]
        position = panes.index(tabs.active) if tabs.active in panes else 0
        tabs.active = panes[(position + step) % len(panes)] or panes[0]
        if tabs.active == "tab-turns":
            self.query_one("#turn-list", OptionList).focus()

    def action_scroll(self, where: str) -> None:
        """Scroll the open tab's text (the turn's detail on the turns tab)."""
        tabs = self.query_one("#debrief-tabs", TabbedContent)
        pane = tabs.get_pane(tabs.active) if tabs.active else None
        if pane is None:
            return
        scroll = next(iter(pane.query(VerticalScroll).results()), None)
        if scroll is not None:
            getattr(scroll, f"scroll_{where}")(animate=False)

    def action_turn(self, step: int) -> None:
        tabs = self.query_one("#debrief-tabs", TabbedContent)
        tabs.active = "tab-turns"
        turns = self.query_one("#turn-list", OptionList)
        if not turns.option_count:
            return
        current = turns.highlighted or 0
        turns.highlighted = max(0, min(turns.option_count - 1, current + step))

    # -- export and leaving ---------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def action_export(self) -> None:
        if self.report is None:
            return
        from simulator.scoring import to_html, to_markdown

        folder = store.private_dir(self.app.home / "exports")
        stem = self.session_id or self.transcript.scenario_id or "debrief"
        written = []
        try:
            for suffix, render in ((".md", to_markdown), (".html", to_html)):
                path = folder / f"{stem}{suffix}"
                store.write_private(path, render(self.report, self.transcript, self.app.lang))
                written.append(str(path))
        except OSError as error:
            self.app.call_from_thread(
                self.notify, self.tr("export_failed", reason=str(error)), severity="error"
            )
            return
        if self.app.is_web:
            # In a browser (`kohtaamo serve`) the files stay on the serving machine: the
            # HTML page goes to the student as a download. One file only: a browser lets a
            # keypress open one download, and the page holds everything the Markdown does.
            self.app.call_from_thread(self._deliver, written[-1])
            return
        self.app.call_from_thread(
            self.notify, self.tr("exported", paths="\n".join(written)), timeout=10
        )

    def _deliver(self, path: str) -> None:
        from simulator.i18n import t

        # Named by the scenario as well as the meeting: a student keeps several of these in
        # one downloads folder, and "20261205T121303-116037.html" says nothing of which.
        name = path.rsplit("/", 1)[-1]
        scenario_id = self.transcript.scenario_id
        if scenario_id and not name.startswith(scenario_id):
            name = f"{scenario_id}-{name}"
        self.app.deliver_text(path, save_filename=name, mime_type="text/html", encoding="utf-8")
        self.notify(t("classroom.export_sent", self.app.lang, name=name), timeout=10)

    def action_close(self) -> None:
        # Back to where the trainee came from: the library, the file's briefing or history.
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(self.tr("cmd_export"), self.tr("cmd_export_help"), self.action_export)
        ]


def _answer_style(answer: str, lang: str) -> str:
    styles = {"yes": "bold green", "partly": "bold yellow", "no": "bold red", "open": "bold"}
    return next((v for k, v in styles.items() if t(f"scoring.cf_a_{k}", lang) == answer), "bold")


def _level_style(level: str) -> str:
    # A partial meeting's axes carry no level: no colour claims good or poor either.
    return {"good": "bold green", "fair": "bold yellow", "partial": "bold"}.get(level, "bold red")
