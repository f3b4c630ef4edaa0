"""Debrief exports: Markdown, a self-contained HTML page and JSON.

Labels and reasons are rendered in `lang` (default: the transcript's language); what the
client, the worker and the scenario author wrote stays as written. The HTML page carries
its own CSS and an inline SVG chart, so a student can mail the single file to a trainer.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from simulator.i18n import number, t, variable_label
from simulator.moves import AXES, MODES
from simulator.scoring import partial_kind
from simulator.scoring.model import Axis, Report, TurnAnalysis
from simulator.scoring.voice import rows as voice_rows
from simulator.transcript import Transcript, how_it_ended

_SIGN = {1: "+", -1: "−", 0: "·"}


def _lang(report: Report, lang: str | None) -> str:
    return lang or report.language or "en"


def _s(key: str, lang: str, **values: object) -> str:
    return t(f"scoring.{key}", lang, **values)


def _formula_note(lang: str) -> str:
    from simulator.scoring.axes import CALIBRATION

    wl, wp, wa = (number(w, lang) for w in CALIBRATION.weights)
    return _s("formula_note", lang, wl=wl, wp=wp, wa=wa)


def _moves(moves: tuple[str, ...], lang: str) -> str:
    return ", ".join(_s(f"move_{m}", lang) for m in moves) or _s("none", lang)


def _mode(mode: str | None, lang: str) -> str:
    return _s(f"mode_{mode}", lang) if mode in MODES else _s("none", lang)


def _title(transcript: Transcript | None, lang: str) -> str:
    name = transcript.scenario_title if transcript and transcript.scenario_title else ""
    return _s("report_title", lang, title=name or _s("untitled", lang))


def _fmt_delta(delta: float, lang: str) -> str:
    if delta == 0:
        return "0"
    text = number(abs(float(delta)), lang)
    return f"+{text}" if delta > 0 else f"−{text}"


def _trust_key(report: Report) -> str | None:
    return report.moments.headline


# --- JSON --------------------------------------------------------------------


def _axis_dict(report: Report, axis: Axis, lang: str) -> dict[str, Any]:
    return {
        "value": axis.value,
        # "partial" in a partial meeting, read "partial, 4 turns": no level word
        "level": axis.level,
        "level_label": report.level_text(axis.level, lang),
        "components": axis.components,
        "reasons": [r.to_dict(lang) for r in axis.reasons],
    }


def _turn_dict(turn: TurnAnalysis, lang: str) -> dict[str, Any]:
    return {
        "index": turn.index,
        "worker": turn.worker,
        "client": turn.reply,
        "moves": list(turn.moves),
        "mode": turn.mode,
        "state_before": turn.state_before,
        "state_after": turn.state_after,
        "variables_after": turn.variables_after,
        "effects": {
            axis: {
                "delta": eff.delta,
                "reasons": [r.to_dict(lang) for r in eff.reasons],
            }
            for axis, eff in turn.effects.items()
        },
        "thought": turn.thought,
        "note": turn.note,
        "better": turn.better,
    }


def to_dict(report: Report, transcript: Transcript | None = None, lang: str | None = None) -> dict:
    lang = _lang(report, lang)
    m = report.moments
    data: dict[str, Any] = {
        "language": report.language,
        "scenario_id": transcript.scenario_id if transcript else "",
        "listening": report.listening.value,
        "pacing": report.pacing.value,
        "autonomy": report.autonomy.value,
        "overall": report.overall,
        "overall_level": report.overall_level,
        "overall_level_label": report.level_text(report.overall_level, lang, turns=False),
        "partial": None
        if report.partial is None
        else {
            "reason": report.partial.text(lang),
            "overall_before": report.partial.values.get("raw"),
            # stopped (Esc, a script that ran out), left (the worker's goodbye before the
            # work was done) or short (fewer than 4 turns)
            "kind": partial_kind(report),
        },
        # a meeting left short of a good ending: what was open, what went well (still_open.py)
        "still_open": None if report.still_open is None else report.still_open.to_dict(lang),
        "client_feedback": [v.to_dict(lang) for v in report.voice],
        "axes": {a: _axis_dict(report, report.axis(a), lang) for a in AXES},
        "profile": report.profile,
        "miti": report.miti,
        "cues": report.cues,
        "with_scenario": report.with_scenario,
        "moments": {
            "best": list(m.best),
            "worst": list(m.worst),
            "thoughts": [{"turn": i, "text": text} for i, text in m.thoughts],
            "series": {k: list(v) for k, v in m.series.items()},
            "ending": m.ending,
            "ending_state": m.ending_state,
            "led_there": list(m.led_there),
        },
        "turns": [_turn_dict(turn, lang) for turn in report.turns],
    }
    if transcript is not None:
        # What the engine did with each turn, for `kohtaamo class-report` reading handed-in
        # exports: the transition that fired (None: the engine's fallback), the cues let
        # slip in the reply, and when in the meeting it was said.
        records = {record.index: record for record in transcript.turns}
        for turn in data["turns"]:
            record = records.get(turn["index"])
            if record is not None:
                turn["transition"] = record.transition
                turn["cues_dropped"] = list(record.cues_dropped)
                turn["seconds"] = record.seconds
        data["scenario_title"] = transcript.scenario_title
        data["variant"] = transcript.variant
    return data


def to_json(report: Report, transcript: Transcript | None = None, lang: str | None = None) -> str:
    return json.dumps(to_dict(report, transcript, lang), ensure_ascii=False, indent=2)


# --- Markdown ----------------------------------------------------------------


#: Markdown's active characters: backslash-escaped so text from a scenario or a journal
#: stays text (no links, no emphasis, no table cells of its own).
_MD_ACTIVE = re.compile(r"([\\`*_\[\]()#!|~])")


def _md_text(text: str) -> str:
    """Text from a file or journal for Markdown: raw HTML (`<script>`, `onerror=`, an
    unclosed `<!--`) becomes entities, links and emphasis become plain characters."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_ACTIVE.sub(r"\\\1", text)


def _md_cell(text: str) -> str:
    return _md_text(text).replace("\n", " ")


def _md_quote(text: str) -> str:
    return _quote(_md_text(text))


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def to_markdown(
    report: Report, transcript: Transcript | None = None, lang: str | None = None
) -> str:
    return _render("report.md.j2", report, transcript, _lang(report, lang)).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:54rem;margin:2rem auto;
padding:0 1rem;color:#1d2330;line-height:1.5}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d8dce6}
table{border-collapse:collapse;margin:.5rem 0}
td,th{padding:.25rem .6rem;border-bottom:1px solid #e6e8ef;text-align:left}td.n{text-align:right}
.bar{background:#e6e8ef;border-radius:3px;width:12rem;height:.8rem;display:inline-block}
.bar span{display:block;height:100%;border-radius:3px}
.good{background:#2e7d4f}.fair{background:#c98a12}.needs_practice{background:#b3403a}.partial{background:#8a8f9c}
.plus{color:#2e7d4f}.minus{color:#b3403a}.info{color:#5b6272}
.turn{border-left:3px solid #d8dce6;padding:.2rem 0 .2rem .8rem;margin:1rem 0}
.say{margin:.1rem 0}.meta{color:#5b6272;font-size:.9rem}ul{margin:.3rem 0}
.note{background:#f3f5f9;padding:.3rem .6rem;border-radius:4px}
"""

_COLOURS = ("#1f5fa8", "#c98a12", "#7a4fa0", "#2e7d4f", "#b3403a")


def _spread(positions: list[float], gap: float) -> list[float]:
    """Label positions moved apart just enough that no two are closer than `gap` (lines
    ending at similar values would otherwise print their labels on top of each other)."""
    order = sorted(range(len(positions)), key=positions.__getitem__)
    placed = list(positions)
    for before, current in zip(order, order[1:], strict=False):
        placed[current] = max(placed[current], placed[before] + gap)
    return placed


def _svg_chart(report: Report, lang: str) -> str:
    series = report.moments.series
    key = _trust_key(report)
    if not key:
        return ""
    width, height, left, right, top, bottom = 640, 260, 40, 110, 12, 34
    n = len(series[key])
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(_s("h_trust", lang))}">'
    ]
    for v in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + plot_w}" y2="{y(v):.1f}" '
            f'stroke="#e6e8ef"/><text x="{left - 6}" y="{y(v) + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#5b6272">{v}</text>'
        )
    step = max(1, (n - 1) // 12)
    for i in range(0, n, step):
        label = _s("start", lang) if i == 0 else str(i)
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle" fill="#5b6272">{escape(label)}</text>'
        )
    names = [key] + [k for k in series if k != key]
    names = names[: len(_COLOURS)]
    label_y = _spread([y(series[name][-1]) + 4 for name in names], gap=14)
    for rank, name in enumerate(names):
        values = series[name]
        label = variable_label(name, lang)
        colour = _COLOURS[rank]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        stroke = 3 if name == key else 1.5
        dash = "" if name == key else ' stroke-dasharray="5 3"'
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="{stroke}"{dash}/>'
        )
        if name == key:
            for i, v in enumerate(values):
                parts.append(
                    f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                    f"<title>{escape(label)} {number(v, lang)}</title></circle>"
                )
        parts.append(
            f'<text x="{left + plot_w + 8}" y="{label_y[rank]:.1f}" font-size="12" '
            f'fill="{colour}">{escape(label)} {number(values[-1], lang)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def to_html(report: Report, transcript: Transcript | None = None, lang: str | None = None) -> str:
    return _render("report.html.j2", report, transcript, _lang(report, lang))


# --- rendering from to_dict, one template per format ---------------------------------------

_TEMPLATES = Path(__file__).with_name("templates")


@cache
def _environment() -> Any:
    """Jinja2, imported when a report is first exported (the app and `check` never pay
    for it). No autoescape: each template escapes what came from a file or journal with
    the filter made for its format (html.escape for HTML, backslashes for Markdown)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )

    def in_lang(function: Any) -> Any:  # a filter in the language being rendered
        return jinja2.pass_context(lambda context, value: function(value, context["lang"]))

    environment.filters.update(
        md_text=_md_text,
        md_cell=_md_cell,
        md_quote=_md_quote,
        quote=_quote,
        h=escape,
        round_half_even=round,
        delta=in_lang(_fmt_delta),
        moves=in_lang(lambda moves, lang: _moves(tuple(moves), lang)),
        mode=in_lang(_mode),
        num=in_lang(number),
    )
    return environment


def _render(name: str, report: Report, transcript: Transcript | None, lang: str) -> str:
    """Render template `name` from `to_dict` and the few things a page shows that the
    JSON does not hold (turn totals for the moments, the client's feedback rows, the chart)."""
    data = to_dict(report, transcript, lang)
    template = _environment().get_template(name)
    return template.render(
        d=data,
        s=lambda key, **values: _s(key, lang, **values),
        s_open=lambda key: t(f"session.{key}", lang),
        lang=lang,
        title=_title(transcript, lang),
        formula=_formula_note(lang),
        voice=list(voice_rows(report.voice, lang)),
        totals={turn.index: turn.total for turn in report.turns},
        turns={turn["index"]: turn for turn in data["turns"]},
        chart=_svg_chart(report, lang),
        # A meeting the worker ended by taking leave: closed, or left early (session.yaml).
        left=how_it_ended(transcript, lang) if transcript is not None else "",
        css=_CSS,
        AXES=AXES,
        MODES=MODES,
        SIGN=_SIGN,
        CSS_CLASS={1: "plus", -1: "minus", 0: "info"},
    )
