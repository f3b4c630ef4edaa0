"""The trainer's class report (`kohtaamo class-report`), headless.

Input is a class folder from `kohtaamo serve` (one data folder per nickname, journals under
`sessions/`) or JSON debriefs students handed in (`kohtaamo report --format json`). Every
meeting becomes the same dictionary the JSON export writes (scored here for journals), so
both inputs are read by one code path. Out come figures (`ClassReport`), CSV files and a
self-contained HTML page whose charts are inline SVG: nothing is fetched from anywhere.

Two judgements are the report's own and are defined here once:
- a turn **fell to fallback** when no transition of the state matched it: the scenario's
  `when_unrecognised` answer or, with no such line, the engine's default (transition None);
- a turn **misfired** when the scenario's reaction went against the encounter mode the turn
  was read as: a noticing or encountering turn after which trust fell, or a blaming or
  rejecting turn after which it rose. Both point authors at states to look at.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from simulator.i18n import t
from simulator.moves import AXES

MODES = ("blaming", "rejecting", "noticing", "encountering")
GOOD_MODES = ("noticing", "encountering")
POOR_MODES = ("blaming", "rejecting")
#: How many example turns a slip, a cue or a state shows at most.
EXAMPLES = 3


def c(key: str, lang: str, **values: object) -> str:
    return t(f"classroom.{key}", lang, **values)


# -- reading meetings ---------------------------------------------------------------------


@dataclass
class Meeting:
    nickname: str
    data: dict[str, Any]  # the JSON debrief (simulator.scoring.export.to_dict)
    started: str = ""  # ISO time when known (journals), else ""
    source: str = ""
    finished: bool = True

    @property
    def scenario(self) -> str:
        return self.data.get("scenario_id") or "?"

    @property
    def ending(self) -> str:
        if not self.finished:
            return "unfinished"
        if self.partial == "left":
            return "left"  # a goodbye before the work was done, not a neutral ending reached
        return self.data.get("moments", {}).get("ending") or "none"

    @property
    def partial(self) -> str:
        """Why this meeting's scores do not compare with meetings carried through: "stopped",
        "left" early or "short" (docs/scoring.md, the export's `partial.kind`); "" when
        they do. An export from before `kind` that is partial counts as stopped."""
        partial = self.data.get("partial")
        if not isinstance(partial, dict):
            return ""
        kind = partial.get("kind")
        return kind if isinstance(kind, str) and kind else "stopped"

    def axis(self, name: str) -> float:
        return float(self.data.get(name, 0.0))


def _score_journal(path: Path, lang: str, scenarios: dict[str, Any]) -> Meeting | None:
    from simulator import store
    from simulator.scoring import score
    from simulator.scoring.export import to_dict

    try:
        contents = store.load_journal(path)
    except (OSError, ValueError, KeyError):
        return None
    transcript = contents.transcript
    if not transcript.turns:
        return None  # opened and left: nothing to report
    scenario_path = transcript.scenario_path
    if scenario_path not in scenarios:
        scenarios[scenario_path] = _load_scenario(scenario_path)
    report = score(transcript, scenarios[scenario_path])
    return Meeting(
        nickname="",
        data=to_dict(report, transcript, lang),
        started=str(contents.header.get("started", "")),
        source=str(path),
        finished=contents.end is not None,
    )


def _load_scenario(path: str):  # -> Scenario | None
    if not path:
        return None
    try:
        from simulator.scenario.loader import load_scenario

        return load_scenario(path)
    except Exception:  # noqa: BLE001 - moved or edited: score from the transcript alone
        return None


def read_class(paths: list[Path], lang: str) -> tuple[list[Meeting], list[str]]:
    """Meetings from class folders, student folders or JSON exports; and what was skipped.

    A JSON export's nickname is its folder's name when it sits in a folder of its own inside
    the given folder (`handed-in/kettu/*.json`), else the file name up to the first dot
    (`kettu.json`, `kettu.2.json`)."""
    from simulator import classroom

    meetings: list[Meeting] = []
    skipped: list[str] = []
    scenarios: dict[str, Any] = {}
    for root in paths:
        if root.is_file():
            _read_json(root, root.name.split(".", 1)[0], meetings, skipped)
            continue
        if not root.is_dir():
            skipped.append(str(root))
            continue
        students = classroom.students(root)
        if (root / "sessions").is_dir():  # a single student's data folder
            students = [(root.name, root)]
        for nickname, home in students:
            for journal in sorted((home / "sessions").glob("*.jsonl")):
                meeting = _score_journal(journal, lang, scenarios)
                if meeting is not None:
                    meeting.nickname = nickname
                    meetings.append(meeting)
        for file in sorted(root.rglob("*.json")):
            if "sessions" in file.parts or file.name.startswith("."):
                continue
            inner = file.parent.relative_to(root).parts
            nickname = inner[0] if inner else file.name.split(".", 1)[0]
            served = root / nickname
            if inner and ((served / "sessions").is_dir() or (served / classroom.LOCK).exists()):
                continue  # a served student's own files (settings, caches)
            _read_json(file, nickname, meetings, skipped)
    meetings.sort(key=lambda m: (m.nickname, m.started, _in_order(m.source)))
    return meetings, skipped


def _in_order(source: str) -> list[object]:
    """A file's place among a student's handed-in files (which carry no start time):
    `kettu.json` first, then `kettu.2.json`, `kettu.3.json` ... `kettu.10.json`, numbers
    compared as numbers. Sorted as text, `kettu.2.json` came before `kettu.json` and
    `kettu.10.json` before `kettu.2.json`, so the axes over time ran out of order."""
    import re

    stem = source[: -len(".json")] if source.endswith(".json") else source
    if not re.search(r"\.\d+\Z", stem):
        stem += ".1"
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", stem)]


def _read_json(path: Path, nickname: str, meetings: list[Meeting], skipped: list[str]) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        skipped.append(str(path))
        return
    if not isinstance(data, dict) or "turns" not in data or "listening" not in data:
        skipped.append(str(path))  # not a debrief (settings, a cache, another tool's file)
        return
    meetings.append(Meeting(nickname=nickname, data=data, source=str(path)))


# -- figures --------------------------------------------------------------------------------


def fell_to_fallback(turn: dict[str, Any]) -> bool:
    if "transition" not in turn:
        return False  # an older export: unknown, not counted
    transition = turn["transition"]
    return transition is None or str(transition).startswith("when_unrecognised")


def misfired(turn: dict[str, Any], before: dict[str, float]) -> bool:
    after = turn.get("variables_after") or {}
    if "trust" not in after or "trust" not in before:
        return False
    change = after["trust"] - before["trust"]
    mode = turn.get("mode")
    return (mode in GOOD_MODES and change < 0) or (mode in POOR_MODES and change > 0)


@dataclass
class Example:
    nickname: str
    scenario: str
    turn: int
    worker: str
    client: str
    why: str = ""


@dataclass
class StateFigures:
    turns: int = 0
    fallback: int = 0
    misfired: int = 0
    examples: list[Example] = field(default_factory=list)


@dataclass
class ClassReport:
    meetings: list[Meeting]
    students: dict[str, list[Meeting]]
    profile: dict[str, float]  # mode -> share of the class's classified turns
    student_profiles: dict[str, dict[str, float]]
    slips: list[tuple[str, int, list[Example]]]  # reason key, count, examples
    cues: list[tuple[str, str, int, int]]  # scenario, cue, missed, offered
    states: list[tuple[str, str, StateFigures]]  # scenario, state, figures (worst first)


def build(meetings: list[Meeting]) -> ClassReport:
    students: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in meetings:
        students[meeting.nickname].append(meeting)
    mode_counts: Counter[str] = Counter()
    per_student: dict[str, Counter[str]] = defaultdict(Counter)
    slip_count: Counter[str] = Counter()
    slip_examples: dict[str, list[Example]] = defaultdict(list)
    cue_missed: Counter[tuple[str, str]] = Counter()
    cue_offered: Counter[tuple[str, str]] = Counter()
    states: dict[tuple[str, str], StateFigures] = defaultdict(StateFigures)
    for meeting in meetings:
        data = meeting.data
        cues = data.get("cues") or {}
        for kind in ("picked", "partly", "missed", "late"):
            for cue in cues.get(kind, ()):
                cue_offered[(meeting.scenario, cue)] += 1
                if kind == "missed":
                    cue_missed[(meeting.scenario, cue)] += 1
        series = (data.get("moments") or {}).get("series") or {}
        before = {name: values[0] for name, values in series.items() if values}
        for turn in data.get("turns", ()):
            mode = turn.get("mode")
            if mode in MODES:
                mode_counts[mode] += 1
                per_student[meeting.nickname][mode] += 1
            example = Example(
                meeting.nickname,
                meeting.scenario,
                int(turn.get("index", 0)),
                str(turn.get("worker", "")),
                str(turn.get("client", "")),
            )
            for effect in (turn.get("effects") or {}).values():
                for reason in effect.get("reasons", ()):
                    if reason.get("sign", 0) < 0:
                        key = str(reason.get("key", "?"))
                        slip_count[key] += 1
                        if len(slip_examples[key]) < EXAMPLES:
                            slip_examples[key].append(
                                Example(**{**example.__dict__, "why": str(reason.get("text"))})
                            )
            state = states[(meeting.scenario, str(turn.get("state_before") or "?"))]
            state.turns += 1
            fallback = fell_to_fallback(turn)
            wrong = misfired(turn, before)
            state.fallback += fallback
            state.misfired += wrong
            if (fallback or wrong) and len(state.examples) < EXAMPLES:
                state.examples.append(example)
            before = dict(turn.get("variables_after") or before)
    total = sum(mode_counts.values())
    return ClassReport(
        meetings=meetings,
        students=dict(sorted(students.items())),
        profile={m: (mode_counts[m] / total if total else 0.0) for m in MODES},
        student_profiles={
            nick: {m: (n[m] / sum(n.values()) if n else 0.0) for m in MODES}
            for nick, n in sorted(per_student.items())
        },
        slips=[(k, n, slip_examples[k]) for k, n in slip_count.most_common()],
        cues=sorted(
            ((s, cue, cue_missed[(s, cue)], n) for (s, cue), n in cue_offered.items()),
            key=lambda row: (-row[2], -row[2] / row[3], row[0], row[1]),
        ),
        states=sorted(
            ((s, st, f) for (s, st), f in states.items() if f.fallback or f.misfired),
            key=lambda row: (-(row[2].fallback + row[2].misfired) / row[2].turns, row[0], row[1]),
        ),
    )


# -- CSV ------------------------------------------------------------------------------------


def _cell(value: object) -> object:
    """A spreadsheet must not run a turn as a formula: text starting =, +, - or @ is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def to_csv(report: ClassReport, with_text: bool = True) -> dict[str, str]:
    """File name -> CSV text. Column names are stable identifiers (for spreadsheets and
    scripts); the HTML page carries the words in the trainer's language."""
    meetings = _csv(
        # "partial" last, so scripts reading the older columns by position still work.
        ["nickname", "started", "scenario", "ending", "turns", *AXES, "overall", *MODES]
        + ["partial"],
        [
            [
                m.nickname,
                m.started,
                m.scenario,
                m.ending,
                len(m.data.get("turns", ())),
                *(round(m.axis(a)) for a in AXES),
                m.data.get("overall", ""),
                *(round((m.data.get("profile") or {}).get(mode, 0.0), 3) for mode in MODES),
                m.partial,
            ]
            for m in report.meetings
        ],
    )

    def example_text(examples: list[Example]) -> str:
        return " | ".join(f"{e.nickname} #{e.turn}: {e.worker}" for e in examples)

    slips = _csv(
        ["slip", "count", "example_reason"] + (["example_turns"] if with_text else []),
        [
            [key, n, examples[0].why if examples else ""]
            + ([example_text(examples)] if with_text else [])
            for key, n, examples in report.slips
        ],
    )
    cues = _csv(
        ["scenario", "cue", "missed", "offered"],
        [[s, cue, missed, offered] for s, cue, missed, offered in report.cues],
    )
    states = _csv(
        ["scenario", "state", "turns", "fallback", "misfired"]
        + (["example_turns"] if with_text else []),
        [
            [s, state, f.turns, f.fallback, f.misfired]
            + ([example_text(f.examples)] if with_text else [])
            for s, state, f in report.states
        ],
    )
    return {"meetings.csv": meetings, "slips.csv": slips, "cues.csv": cues, "states.csv": states}


# -- HTML -----------------------------------------------------------------------------------

COLOURS = {"listening": "#2f6fdb", "pacing": "#d9822b", "autonomy": "#2a9d5c"}
MODE_COLOURS = {
    "blaming": "#c23b3b",
    "rejecting": "#e08a3c",
    "noticing": "#7fa7e0",
    "encountering": "#2a9d5c",
}
ENDING_COLOURS = {"good": "#2a9d5c", "neutral": "#b8a13a", "poor": "#c23b3b"}
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2230; max-width: 1100px;
  margin: 24px auto; padding: 0 16px; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #e6e8ef; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d8dbe5; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.partial { color: #8a8f9c; }
.note { color: #5b6272; } .turn { font-style: italic; } svg { display: block; margin: 6px 0; }
.student { margin: 12px 0 24px; }
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _axis(name: str, lang: str) -> str:
    return t(f"scoring.axis_{name}", lang)


def _mode(name: str, lang: str) -> str:
    return t(f"scoring.mode_{name}", lang)


def _ending(name: str, lang: str) -> str:
    return c(f"ending_{name}", lang)


def _svg_open(width: int, height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_e(label)}">'
    )


def _dot(colour: str, meeting: Meeting, opacity: float = 1.0) -> str:
    """A dot's paint: filled for a meeting carried through, hollow for a partial one."""
    if meeting.partial:
        return f'fill="#ffffff" stroke="{colour}" stroke-width="1.5"'
    return f'fill="{colour}"' + (f' fill-opacity="{opacity}"' if opacity < 1 else "")


def _partial_note(meeting: Meeting, lang: str) -> str:
    return f" · {c('partial_' + meeting.partial, lang)}" if meeting.partial else ""


def svg_over_time(meetings: list[Meeting], lang: str) -> str:
    """One student's three axes, meeting after meeting (a dot per meeting, lines between)."""
    width, height, left, top, bottom = 420, 150, 34, 10, 24
    plot_w, plot_h = width - left - 110, height - top - bottom
    n = len(meetings)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    parts = [_svg_open(width, height, c("h_over_time", lang))]
    for v in (0, 50, 75, 100):
        parts.append(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" '
            f'stroke="#e6e8ef"/><text x="{left - 4}" y="{y(v) + 4:.1f}" font-size="10" '
            f'text-anchor="end" fill="#5b6272">{v}</text>'
        )
    for i in range(n):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 6}" font-size="10" text-anchor="middle" '
            f'fill="#5b6272">{i + 1}</text>'
        )
    for rank, axis in enumerate(AXES):
        values = [m.axis(axis) for m in meetings]
        colour = COLOURS[axis]
        if n > 1:
            points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for i, (v, m) in enumerate(zip(values, meetings, strict=True)):
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" {_dot(colour, m)}><title>'
                f"{_e(_axis(axis, lang))} {v:.0f} · {_e(m.scenario)}{_partial_note(m, lang)}"
                "</title></circle>"
            )
        parts.append(
            f'<text x="{left + plot_w + 8}" y="{top + 12 + rank * 16}" font-size="11" '
            f'fill="{colour}">{_e(_axis(axis, lang))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_distribution(report: ClassReport, axis: str, lang: str) -> str:
    """Every meeting's score on one axis as a dot, a row per scenario, the median marked."""
    by_scenario: dict[str, list[Meeting]] = defaultdict(list)
    for m in report.meetings:
        by_scenario[m.scenario].append(m)
    rows = sorted(by_scenario)
    row_h, left, width, top = 26, 260, 720, 8
    plot_w = width - left - 20
    height = top + row_h * len(rows) + 26

    def x(v: float) -> float:
        return left + plot_w * max(0.0, min(100.0, v)) / 100

    parts = [_svg_open(width, height, c("h_distribution", lang, axis=_axis(axis, lang)))]
    for v, shade in ((50, "#fdf1e6"), (75, "#e8f5ec")):
        end = 75 if v == 50 else 100
        parts.append(
            f'<rect x="{x(v):.1f}" y="{top}" width="{x(end) - x(v):.1f}" '
            f'height="{row_h * len(rows)}" fill="{shade}"/>'
        )
    for v in (0, 25, 50, 75, 100):
        parts.append(
            f'<text x="{x(v):.1f}" y="{height - 8}" font-size="10" text-anchor="middle" '
            f'fill="#5b6272">{v}</text>'
        )
    for r, scenario in enumerate(rows):
        cy = top + row_h * r + row_h / 2
        meetings = by_scenario[scenario]
        parts.append(
            f'<text x="{left - 8}" y="{cy + 4:.1f}" font-size="11" text-anchor="end">'
            f"{_e(scenario)} (n={len(meetings)})</text>"
        )
        for i, m in enumerate(sorted(meetings, key=lambda m: m.axis(axis))):
            jitter = ((i % 5) - 2) * 2.5
            v = m.axis(axis)
            parts.append(
                f'<circle cx="{x(v):.1f}" cy="{cy + jitter:.1f}" r="4" '
                f"{_dot(COLOURS[axis], m, 0.6)}><title>{v:.0f}{_partial_note(m, lang)}"
                "</title></circle>"
            )
        # The median of meetings carried through: a few kind turns and a goodbye describe
        # a few turns and must not lift (or sink) where the class stands.
        values = [m.axis(axis) for m in meetings if not m.partial]
        if not values:
            continue
        mid = median(values)
        parts.append(
            f'<line x1="{x(mid):.1f}" y1="{cy - 10:.1f}" x2="{x(mid):.1f}" y2="{cy + 10:.1f}" '
            f'stroke="#1d2230" stroke-width="2"><title>{_e(c("median", lang))} {mid:.0f}'
            "</title></line>"
        )
    parts.append("</svg>")
    return "".join(parts)


def svg_profile(profile: dict[str, float], lang: str, width: int = 520) -> str:
    """The encounter-mode profile as one stacked bar."""
    height = 22
    parts = [_svg_open(width, height, c("h_profile", lang))]
    at = 0.0
    for mode in MODES:
        share = profile.get(mode, 0.0)
        if share <= 0:
            continue
        w = width * share
        parts.append(
            f'<rect x="{at:.1f}" y="0" width="{w:.1f}" height="{height}" '
            f'fill="{MODE_COLOURS[mode]}"><title>{_e(_mode(mode, lang))} '
            f"{share * 100:.0f} %</title></rect>"
        )
        label = f"{_mode(mode, lang)} {share * 100:.0f} %"
        if w > 8 + 6.5 * len(label):  # only where it fits (11 px text): 'noticing 16' was cut
            parts.append(
                f'<text x="{at + 4:.1f}" y="15" font-size="11" fill="#fff">{_e(label)}</text>'
            )
        at += w
    parts.append("</svg>")
    return "".join(parts)


def _examples(examples: list[Example], lang: str, with_text: bool) -> str:
    if not with_text or not examples:
        return ""
    items = "".join(
        f'<li><span class="note">{_e(e.nickname)} · {_e(e.scenario)} · '
        f'{_e(c("turn_n", lang, n=e.turn))}</span><br><span class="turn">'
        f"{_e(c('said', lang))}: “{_e(e.worker)}”</span>"
        + (f"<br>{_e(c('client_said', lang))}: “{_e(e.client)}”" if e.client else "")
        + "</li>"
        for e in examples
    )
    return f"<ul>{items}</ul>"


def to_html(report: ClassReport, lang: str, title: str = "", with_text: bool = True) -> str:
    title = title or c("report_title", lang)
    out = [
        f'<!DOCTYPE html><html lang="{_e(lang)}"><head><meta charset="utf-8">',
        # No scripts, no outside requests: the page opens from a USB stick or an email.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="note">{_e(c("summary_line", lang, students=len(report.students), meetings=len(report.meetings)))}</p>',  # noqa: E501
    ]
    if not with_text:
        out.append(f'<p class="note">{_e(c("no_text_note", lang))}</p>')
    if not report.meetings:
        out.append(f"<p>{_e(c('nothing', lang))}</p></body></html>")
        return "".join(out)

    # Students
    out.append(f"<h2>{_e(c('h_students', lang))}</h2>")
    out.append(
        "<table><tr>"
        + "".join(
            f"<th>{_e(h)}</th>"
            for h in (
                c("col_student", lang),
                c("col_meetings", lang),
                c("col_endings", lang),
                *(_axis(a, lang) + " " + c("latest", lang) for a in AXES),
            )
        )
        + "</tr>"
    )
    for nick, meetings in report.students.items():
        endings = Counter(m.ending for m in meetings)
        ending_text = ", ".join(f"{_ending(k, lang)} {n}" for k, n in sorted(endings.items()))
        # The latest meeting carried through; a partial one only when there is no other,
        # and then marked (its scores describe a few turns).
        complete = [m for m in meetings if not m.partial]
        last = complete[-1] if complete else meetings[-1]
        mark = f" ({c('partial', lang)})" if last.partial else ""
        out.append(
            f"<tr><td>{_e(nick)}</td><td class='n'>{len(meetings)}</td><td>{_e(ending_text)}</td>"
            + "".join(f"<td class='n'>{last.axis(a):.0f}{_e(mark)}</td>" for a in AXES)
            + "</tr>"
        )
    out.append("</table>")
    for nick, meetings in report.students.items():
        out.append(f'<div class="student"><h3>{_e(nick)}</h3>')
        out.append(svg_over_time(meetings, lang))
        out.append(
            "<table><tr>"
            + "".join(
                f"<th>{_e(h)}</th>"
                for h in (
                    "#",
                    c("col_started", lang),
                    c("col_scenario", lang),
                    c("col_ending", lang),
                    c("col_turns", lang),
                    *(_axis(a, lang) for a in AXES),
                )
            )
            + "</tr>"
        )
        for i, m in enumerate(meetings, 1):
            out.append(
                f"<tr><td class='n'>{i}</td><td>{_e(m.started[:16].replace('T', ' ') or '–')}</td>"
                f"<td>{_e(m.scenario)}</td><td>{_e(_ending(m.ending, lang))}"
                f"{_e(_partial_note(m, lang))}</td>"
                f"<td class='n'>{len(m.data.get('turns', ()))}</td>"
                + "".join(
                    f"<td class='n{' partial' if m.partial else ''}'>{m.axis(a):.0f}"
                    # a partial meeting's figure is marked, never read as a level
                    f"{_e(' (' + c('partial', lang) + ')') if m.partial else ''}</td>"
                    for a in AXES
                )
                + "</tr>"
            )
        out.append("</table>")
        out.append(svg_profile(report.student_profiles.get(nick, {}), lang, width=420))
        out.append("</div>")

    # Class distributions
    out.append(f"<h2>{_e(c('h_class', lang))}</h2>")
    out.append(f'<p class="note">{_e(c("distribution_note", lang))}</p>')
    for axis in AXES:
        out.append(f"<h3>{_e(_axis(axis, lang))}</h3>")
        out.append(svg_distribution(report, axis, lang))
    out.append(f"<h3>{_e(c('h_endings', lang))}</h3><table><tr>")
    out.append(f"<th>{_e(c('col_scenario', lang))}</th>")
    kinds = ("good", "neutral", "poor", "left", "none", "unfinished")
    out.append("".join(f"<th>{_e(_ending(k, lang))}</th>" for k in kinds) + "</tr>")
    by_scenario: dict[str, Counter[str]] = defaultdict(Counter)
    for m in report.meetings:
        by_scenario[m.scenario][m.ending] += 1
    for scenario, counts in sorted(by_scenario.items()):
        out.append(
            f"<tr><td>{_e(scenario)}</td>"
            + "".join(f"<td class='n'>{counts[k]}</td>" for k in kinds)
            + "</tr>"
        )
    out.append("</table>")

    # Encounter modes
    out.append(f"<h2>{_e(c('h_profile', lang))}</h2>")
    out.append(f'<p class="note">{_e(c("profile_note", lang))}</p>')
    out.append(svg_profile(report.profile, lang))
    out.append(
        "<table><tr>"
        + "".join(f"<th>{_e(_mode(m, lang))}</th>" for m in MODES)
        + "</tr><tr>"
        + "".join(f"<td class='n'>{report.profile[m] * 100:.0f} %</td>" for m in MODES)
        + "</tr></table>"
    )

    # Slips
    out.append(f"<h2>{_e(c('h_slips', lang))}</h2>")
    if not report.slips:
        out.append(f"<p>{_e(c('none_found', lang))}</p>")
    else:
        out.append(
            f"<table><tr><th>{_e(c('col_slip', lang))}</th><th>{_e(c('col_count', lang))}</th></tr>"
        )
        for key, n, examples in report.slips[:12]:
            why = examples[0].why if examples else key
            out.append(
                f"<tr><td>{_e(why)}{_examples(examples, lang, with_text)}</td>"
                f"<td class='n'>{n}</td></tr>"
            )
        out.append("</table>")

    # Cues
    out.append(f"<h2>{_e(c('h_cues', lang))}</h2>")
    missed = [row for row in report.cues if row[2]]
    if not missed:
        out.append(f"<p>{_e(c('none_found', lang))}</p>")
    else:
        out.append(
            "<table><tr>"
            + "".join(
                f"<th>{_e(h)}</th>"
                for h in (
                    c("col_scenario", lang),
                    c("col_cue", lang),
                    c("col_missed", lang),
                )
            )
            + "</tr>"
        )
        for scenario, cue, n, offered in missed[:15]:
            out.append(
                f"<tr><td>{_e(scenario)}</td><td>{_e(cue)}</td>"
                f"<td class='n'>{n} / {offered}</td></tr>"
            )
        out.append("</table>")

    # For authors
    out.append(f"<h2>{_e(c('h_authors', lang))}</h2>")
    out.append(f'<p class="note">{_e(c("authors_note", lang))}</p>')
    if not report.states:
        out.append(f"<p>{_e(c('none_found', lang))}</p>")
    else:
        out.append(
            "<table><tr>"
            + "".join(
                f"<th>{_e(h)}</th>"
                for h in (
                    c("col_scenario", lang),
                    c("col_state", lang),
                    c("col_turns", lang),
                    c("col_fallback", lang),
                    c("col_misfired", lang),
                )
            )
            + "</tr>"
        )
        for scenario, state, f in report.states[:20]:
            out.append(
                f"<tr><td>{_e(scenario)}</td><td>{_e(state)}"
                f"{_examples(f.examples, lang, with_text)}</td>"
                f"<td class='n'>{f.turns}</td><td class='n'>{f.fallback}</td>"
                f"<td class='n'>{f.misfired}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>\n")
    return "".join(out)
