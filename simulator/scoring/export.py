"""Debrief exports: Markdown, a self-contained HTML page and JSON.

Labels and reasons are rendered in `lang` (default: the transcript's language); what the
client, the worker and the scenario author wrote stays as written. The HTML page carries
its own CSS and an inline SVG chart, so a student can mail the single file to a trainer.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from simulator.i18n import t, variable_label
from simulator.moves import AXES, MODES
from simulator.scoring.model import Axis, Reason, Report, TurnAnalysis, number
from simulator.scoring.voice import rows as voice_rows
from simulator.transcript import Transcript

_SIGN = {1: "+", -1: "−", 0: "·"}


def _lang(report: Report, lang: str | None) -> str:
    return lang or report.language or "en"


def _s(key: str, lang: str, **values: object) -> str:
    return t(f"scoring.{key}", lang, **values)


def _formula_note(lang: str) -> str:
    from simulator.scoring.axes import CALIBRATION

    wl, wp, wa = (number(w, lang) for w in CALIBRATION.weights)
    return _s("formula_note", lang, wl=wl, wp=wp, wa=wa)


def _level(level: str, lang: str) -> str:
    return _s(f"level_{level}", lang)


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


def _axis_dict(axis: Axis, lang: str) -> dict[str, Any]:
    return {
        "value": axis.value,
        "level": axis.level,
        "level_label": _level(axis.level, lang),
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
        "partial": None
        if report.partial is None
        else {
            "reason": report.partial.text(lang),
            "overall_before": report.partial.values.get("raw"),
        },
        "client_feedback": [v.to_dict(lang) for v in report.voice],
        "axes": {a: _axis_dict(report.axis(a), lang) for a in AXES},
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


def _md_reasons(reasons: tuple[Reason, ...], lang: str) -> list[str]:
    return [f"- {_SIGN[r.sign]} {r.text(lang)}" for r in reasons]


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def to_markdown(
    report: Report, transcript: Transcript | None = None, lang: str | None = None
) -> str:
    lang = _lang(report, lang)
    out: list[str] = [
        f"# {_md_cell(_title(transcript, lang))}",
        "",
        f"## {_s('h_scores', lang)}",
        "",
    ]
    out += [
        f"| {_s('col_axis', lang)} | {_s('col_value', lang)} | {_s('col_level', lang)} |",
        "|---|---:|---|",
    ]
    for name in AXES:
        axis = report.axis(name)
        out.append(f"| {_s(f'axis_{name}', lang)} | {axis.value} | {_level(axis.level, lang)} |")
    out.append(
        f"| **{_s('overall', lang)}** | **{report.overall}** | "
        f"**{_level(report.overall_level, lang)}** |"
    )
    if report.partial is not None:
        out += ["", f"**{_s('level_partial', lang)}**: {report.partial.text(lang)}"]
    out += ["", f"_{_formula_note(lang)}_", ""]
    for name in AXES:
        out += [f"### {_s(f'axis_{name}', lang)}", ""]
        out += _md_reasons(report.axis(name).reasons, lang)
        out.append("")
    out += _md_voice(report, lang)

    out += [f"## {_s('h_profile', lang)}", ""]
    out += [f"| {_s('mode', lang)} | {_s('col_share', lang)} |", "|---|---:|"]
    for mode in MODES:
        out.append(f"| {_s(f'mode_{mode}', lang)} | {round(100 * report.profile[mode])} % |")
    out.append("")

    out += _md_miti(report, lang)
    out += _md_moments(report, lang)

    out += [f"## {_s('h_turns', lang)}", ""]
    for turn in report.turns:
        out += _md_turn(turn, lang)
    return "\n".join(out).rstrip() + "\n"


def _md_voice(report: Report, lang: str) -> list[str]:
    if not report.voice:
        return []
    out = [f"## {_s('h_client_voice', lang)}", ""]
    for question, answer, line, because in voice_rows(report.voice, lang):
        if question:
            out.append(f"- **{question}** {answer}: {_md_quote(line)}")
            if because:
                out.append(f"  _{because}_")
        else:
            out.append(f"- {_md_quote(line)}")
    out.append("")
    return out


def _md_miti(report: Report, lang: str) -> list[str]:
    miti = report.miti
    rq = miti["reflection_to_question"]
    open_pct = miti["percent_open_questions"]
    out = [f"## {_s('h_miti', lang)}", ""]
    out += [f"| | {_s('col_value', lang)} |", "|---|---:|"]
    rq_text = "–" if rq is None else number(float(rq), lang)
    out.append(f"| {_s('miti_rq', lang)} | {rq_text} ({_s('thr_' + miti['rq_threshold'], lang)}) |")
    out.append(
        f"| {_s('miti_cr', lang)} | {number(miti['percent_complex_reflections'], lang)} % "
        f"({_s('thr_' + miti['cr_threshold'], lang)}) |"
    )
    open_text = "–" if open_pct is None else f"{number(open_pct, lang)} %"
    out.append(f"| {_s('miti_open', lang)} | {open_text} |")
    out.append(f"| {_s('miti_adherent', lang)} | {miti['mi_adherent']} |")
    out.append(f"| {_s('miti_non_adherent', lang)} | {miti['mi_non_adherent']} |")
    out += ["", f"| | {_s('col_count', lang)} |", "|---|---:|"]
    for key, count in miti["counts"].items():
        out.append(f"| {_s('miti_c_' + key, lang)} | {count} |")
    out.append("")
    return out


def _turn_line(report: Report, index: int, lang: str) -> str:
    turn = report.turn(index)
    return (
        f"- {_s('turn_heading', lang, index=index)} ({_fmt_delta(turn.total, lang)}): "
        + _md_quote(turn.worker)
    )


def _md_moments(report: Report, lang: str) -> list[str]:
    m = report.moments
    out = [f"## {_s('h_moments', lang)}", ""]
    if m.best:
        out += [f"**{_s('best_turns', lang)}**", ""]
        out += [_turn_line(report, i, lang) for i in m.best]
        out.append("")
    if m.worst:
        out += [f"**{_s('worst_turns', lang)}**", ""]
        out += [_turn_line(report, i, lang) for i in m.worst]
        out.append("")
    if m.thoughts:
        out += [f"**{_s('thoughts', lang)}**", ""]
        for index, text in m.thoughts:
            out.append(f"- {_s('turn_heading', lang, index=index)}: _{_md_cell(text)}_")
        out.append("")
    if m.series:
        out += [f"**{_s('h_variables', lang)}**", ""]
        n = len(next(iter(m.series.values())))
        head = [_s("start", lang)] + [str(i) for i in range(1, n)]
        out.append("| | " + " | ".join(head) + " |")
        out.append("|---|" + "---:|" * n)
        for name, values in m.series.items():
            out.append(f"| {name} | " + " | ".join(number(v, lang) for v in values) + " |")
        out.append("")
    out.append(_s(f"ending_{m.ending}", lang) if m.ending else _s("not_ended", lang))
    if m.led_there:
        out.append(_s("led_there", lang, turns=", ".join(str(i) for i in m.led_there)))
    if report.cues.get("missed"):
        out.append(_s("cues_missed", lang, cues=", ".join(report.cues["missed"])))
    out.append("")
    return out


def _md_turn(turn: TurnAnalysis, lang: str) -> list[str]:
    out = [f"### {_s('turn_heading', lang, index=turn.index)}", ""]
    out.append(f"**{_s('worker', lang)}:** {_md_quote(turn.worker)}  ")
    if turn.reply:
        out.append(f"**{_s('client', lang)}:** {_md_quote(turn.reply)}  ")
    out.append(
        f"{_s('moves', lang)}: {_moves(turn.moves, lang)} · {_s('mode', lang)}: "
        f"{_mode(turn.mode, lang)}"
    )
    out.append("")
    for axis in AXES:
        eff = turn.effects[axis]
        if not eff.reasons:
            continue
        out.append(f"- **{_s(f'axis_{axis}', lang)} {_fmt_delta(eff.delta, lang)}**")
        out += ["  " + line for line in _md_reasons(eff.reasons, lang)]
    if turn.thought:
        out.append(f"- {_s('thought', lang)}: _{_md_cell(turn.thought)}_")
    if turn.note:
        out.append(f"- {_s('note', lang)}: {_md_cell(turn.note)}")
    if turn.better:
        out.append(f"- {_s('better', lang)}: {_md_quote(turn.better)}")
    out.append("")
    return out


# --- HTML --------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:54rem;margin:2rem auto;
padding:0 1rem;color:#1d2330;line-height:1.5}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d8dce6}
table{border-collapse:collapse;margin:.5rem 0}
td,th{padding:.25rem .6rem;border-bottom:1px solid #e6e8ef;text-align:left}td.n{text-align:right}
.bar{background:#e6e8ef;border-radius:3px;width:12rem;height:.8rem;display:inline-block}
.bar span{display:block;height:100%;border-radius:3px}
.good{background:#2e7d4f}.fair{background:#c98a12}.needs_practice{background:#b3403a}
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


def _html_reasons(reasons: tuple[Reason, ...], lang: str) -> str:
    css = {1: "plus", -1: "minus", 0: "info"}
    items = "".join(
        f'<li class="{css[r.sign]}">{_SIGN[r.sign]} {escape(r.text(lang))}</li>' for r in reasons
    )
    return f"<ul>{items}</ul>" if items else ""


def to_html(report: Report, transcript: Transcript | None = None, lang: str | None = None) -> str:
    lang = _lang(report, lang)
    title = escape(_title(transcript, lang))
    h: list[str] = [
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<h2>{escape(_s('h_scores', lang))}</h2><table>",
        f"<tr><th>{escape(_s('col_axis', lang))}</th><th>{escape(_s('col_value', lang))}</th>"
        f"<th></th><th>{escape(_s('col_level', lang))}</th></tr>",
    ]
    rows = [(f"axis_{a}", report.axis(a).value, report.axis(a).level) for a in AXES]
    rows.append(("overall", report.overall, report.overall_level))
    for key, value, level in rows:
        strong = key == "overall"
        label = escape(_s(key, lang))
        h.append(
            f"<tr><td>{'<b>' + label + '</b>' if strong else label}</td><td class=n>{value}</td>"
            f'<td><span class="bar"><span class="{level}" style="width:{value}%"></span>'
            f"</span></td><td>{escape(_level(level, lang))}</td></tr>"
        )
    h.append("</table>")
    if report.partial is not None:
        h.append(
            f"<p><b>{escape(_s('level_partial', lang))}</b>: "
            f"{escape(report.partial.text(lang))}</p>"
        )
    h.append(f'<p class="meta">{escape(_formula_note(lang))}</p>')
    for name in AXES:
        h.append(f"<h3>{escape(_s(f'axis_{name}', lang))}</h3>")
        h.append(_html_reasons(report.axis(name).reasons, lang))
    if report.voice:
        h.append(f"<h2>{escape(_s('h_client_voice', lang))}</h2><ul class=voice>")
        for question, answer, line, because in voice_rows(report.voice, lang):
            head = f"<b>{escape(question)}</b> {escape(answer)}: " if question else ""
            why = f'<br><span class="meta">{escape(because)}</span>' if because else ""
            h.append(f"<li>{head}<i>{escape(_quote(line))}</i>{why}</li>")
        h.append("</ul>")

    chart = _svg_chart(report, lang)
    if chart:
        h.append(f"<h2>{escape(_s('h_trust', lang))}</h2>{chart}")

    h.append(f"<h2>{escape(_s('h_profile', lang))}</h2><table>")
    for mode in MODES:
        share = round(100 * report.profile[mode])
        h.append(
            f"<tr><td>{escape(_s(f'mode_{mode}', lang))}</td><td class=n>{share} %</td>"
            f'<td><span class="bar"><span class="info" style="width:{share}%;'
            f'background:#1f5fa8"></span></span></td></tr>'
        )
    h.append("</table>")

    miti = report.miti
    rq = miti["reflection_to_question"]
    h.append(f"<h2>{escape(_s('h_miti', lang))}</h2><table>")
    summary = [
        (
            _s("miti_rq", lang),
            ("–" if rq is None else number(float(rq), lang))
            + f" ({_s('thr_' + miti['rq_threshold'], lang)})",
        ),
        (
            _s("miti_cr", lang),
            f"{number(miti['percent_complex_reflections'], lang)} % "
            f"({_s('thr_' + miti['cr_threshold'], lang)})",
        ),
        (
            _s("miti_open", lang),
            "–"
            if miti["percent_open_questions"] is None
            else f"{number(miti['percent_open_questions'], lang)} %",
        ),
        (_s("miti_adherent", lang), str(miti["mi_adherent"])),
        (_s("miti_non_adherent", lang), str(miti["mi_non_adherent"])),
    ]
    summary += [(_s("miti_c_" + k, lang), str(v)) for k, v in miti["counts"].items()]
    for label, value in summary:
        h.append(f"<tr><td>{escape(label)}</td><td class=n>{escape(value)}</td></tr>")
    h.append("</table>")

    m = report.moments
    h.append(f"<h2>{escape(_s('h_moments', lang))}</h2>")
    for key, indexes in (("best_turns", m.best), ("worst_turns", m.worst)):
        if indexes:
            items = "".join(
                f"<li>{escape(_s('turn_heading', lang, index=i))} "
                f"({escape(_fmt_delta(report.turn(i).total, lang))}): "
                f"{escape(_quote(report.turn(i).worker))}</li>"
                for i in indexes
            )
            h.append(f"<h3>{escape(_s(key, lang))}</h3><ul>{items}</ul>")
    if m.thoughts:
        items = "".join(
            f"<li>{escape(_s('turn_heading', lang, index=i))}: <i>{escape(text)}</i></li>"
            for i, text in m.thoughts
        )
        h.append(f"<h3>{escape(_s('thoughts', lang))}</h3><ul>{items}</ul>")
    ending = _s(f"ending_{m.ending}", lang) if m.ending else _s("not_ended", lang)
    h.append(f"<p><b>{escape(ending)}</b>")
    if m.led_there:
        h.append(" " + escape(_s("led_there", lang, turns=", ".join(map(str, m.led_there)))))
    if report.cues.get("missed"):
        h.append(" " + escape(_s("cues_missed", lang, cues=", ".join(report.cues["missed"]))))
    h.append("</p>")

    h.append(f"<h2>{escape(_s('h_turns', lang))}</h2>")
    for turn in report.turns:
        h.append(_html_turn(turn, lang))
    h.append("</body></html>\n")
    return "".join(h)


def _html_turn(turn: TurnAnalysis, lang: str) -> str:
    parts = [
        f'<div class="turn" id="turn-{turn.index}">'
        f"<h3>{escape(_s('turn_heading', lang, index=turn.index))}</h3>",
        f'<p class="say"><b>{escape(_s("worker", lang))}:</b> {escape(turn.worker)}</p>',
    ]
    if turn.reply:
        parts.append(
            f'<p class="say"><b>{escape(_s("client", lang))}:</b> {escape(turn.reply)}</p>'
        )
    parts.append(
        f'<p class="meta">{escape(_s("moves", lang))}: {escape(_moves(turn.moves, lang))} · '
        f"{escape(_s('mode', lang))}: {escape(_mode(turn.mode, lang))}</p>"
    )
    for axis in AXES:
        eff = turn.effects[axis]
        if eff.reasons:
            parts.append(
                f"<b>{escape(_s(f'axis_{axis}', lang))} {escape(_fmt_delta(eff.delta, lang))}</b>"
                + _html_reasons(eff.reasons, lang)
            )
    if turn.thought:
        parts.append(
            f'<p class="meta">{escape(_s("thought", lang))}: <i>{escape(turn.thought)}</i></p>'
        )
    if turn.note or turn.better:
        note = f"{escape(_s('note', lang))}: {escape(turn.note)}" if turn.note else ""
        better = (
            f"<br>{escape(_s('better', lang))}: {escape(_quote(turn.better))}"
            if turn.better
            else ""
        )
        parts.append(f'<p class="note">{note}{better}</p>')
    parts.append("</div>")
    return "".join(parts)
