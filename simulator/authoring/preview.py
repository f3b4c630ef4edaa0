"""`kohtaamo preview`: a scenario as a play script in one self-contained HTML page.

For review with experience experts and colleagues who will never open the YAML: who the
client is, then each state as a scene (what the client says and thinks, the replies offered
to the student) followed by how the client reacts to what the worker does, with links
between the scenes and a diagram of the whole drawn as inline SVG. No scripts, no network,
no external files (a Content-Security-Policy says so), and every text from the scenario is
escaped, so a line like `<script>` is shown, never run.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from simulator.i18n import number, t

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario, State, Transition

BOX_W, BOX_H, GAP_X, GAP_Y, PAD = 170, 36, 70, 22, 12
OUTCOME_COLOURS = {"good": "#d5f0d5", "neutral": "#f6ecc4", "poor": "#f4d0d0"}

CSS = """
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;
line-height:1.45}
h1{margin-bottom:.2rem} .meta{color:#555;font-size:.95rem}
section.scene{border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem}
.line{margin:.3rem 0 .3rem 1.5rem} .who{font-variant:small-caps;font-weight:bold}
.thought{font-style:italic;color:#555;margin-left:1.5rem}
.direction{color:#444;font-family:sans-serif;font-size:.9rem}
.reaction{margin:.6rem 0 .6rem 1.5rem;padding-left:.6rem;border-left:3px solid #ddd}
.note{color:#35586b;font-size:.9rem} .better{color:#2f6b35;font-size:.9rem}
.ending-good{border-left-color:#5a5} .ending-neutral{border-left-color:#cb5}
.ending-poor{border-left-color:#c55}
ul.suggestions{font-family:sans-serif;font-size:.9rem}
svg{max-width:100%;height:auto;border:1px solid #eee;background:#fcfcfc}
svg text{font-family:sans-serif;font-size:12px}
code{font-size:.9em}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _anchor(state_id: str) -> str:
    return f"state-{state_id}"


def _link(state_id: str) -> str:
    return f'<a href="#{_anchor(state_id)}">{_e(state_id)}</a>'


def render(scenario: Scenario, lang: str | None = None) -> str:
    """The whole page; `lang` is the language of the headings (default: the scenario's)."""
    lang = lang or scenario.language

    def s(key: str, **values: object) -> str:
        return t(f"authoring.preview_{key}", lang, **values)

    client = scenario.client
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(scenario.language)}"><head><meta charset="utf-8">',
        # Nothing loads from anywhere: the page works offline and runs nothing.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(scenario.title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(scenario.title)}</h1>",
        '<p class="meta">'
        + _e(
            s(
                "meta",
                language=scenario.language,
                difficulty=scenario.difficulty,
                minutes=scenario.minutes or "–",
                file=scenario.path,
            )
        )
        + "</p>",
    ]
    if scenario.authors:
        parts.append(f'<p class="meta">{_e(s("authors"))}: {_e(", ".join(scenario.authors))}</p>')
    if scenario.reviewed_by:
        reviewed = ", ".join(scenario.reviewed_by)
        parts.append(f'<p class="meta">{_e(s("reviewed_by"))}: {_e(reviewed)}</p>')
    if scenario.content_notes:
        notes = ", ".join(scenario.content_notes)
        parts.append(f'<p class="meta"><strong>{_e(s("content_notes"))}:</strong> {_e(notes)}</p>')

    briefing = scenario.briefing
    parts += [f"<h2>{_e(s('briefing'))}</h2>", "<dl>"]
    for key, value in (
        ("setting", briefing.setting),
        ("background", briefing.background),
        ("goal", briefing.goal),
    ):
        if value:
            parts.append(f"<dt>{_e(s(key))}</dt><dd>{_e(value)}</dd>")
    voluntary = s("voluntary_yes" if briefing.voluntary else "voluntary_no")
    parts += [f"<dt>{_e(s('voluntary'))}</dt><dd>{_e(voluntary)}</dd>", "</dl>"]

    parts += [
        f"<h2>{_e(s('client', name=client.name))}</h2>",
        f"<p>{_e(client.persona)}</p>",
        f'<p class="direction">{_e(s("start_values"))}: '
        + _e(", ".join(f"{k} {number(v)}" for k, v in client.variables.items()))
        + "</p>",
    ]
    for variant in client.variants:
        changes = ", ".join(f"{k} {number(v)}" for k, v in variant.variables.items())
        parts.append(
            f'<p class="direction"><strong>{_e(s("variant"))} {_e(variant.id)}</strong>: '
            f"{_e(variant.description)}{' (' + _e(changes) + ')' if changes else ''}</p>"
        )

    parts += [f"<h2>{_e(s('diagram'))}</h2>", diagram(scenario)]
    parts.append(f"<h2>{_e(s('scenes'))}</h2>")
    parts.append(f'<p class="direction">{_e(s("start", state=scenario.start))}</p>')
    for state in scenario.states.values():
        parts += _scene(scenario, state, s)

    general = [tr for tr in scenario.reactions if not tr.sources]
    if general:
        parts += [f"<h2>{_e(s('reactions'))}</h2>", f"<p>{_e(s('reactions_intro'))}</p>"]
        parts += [_reaction(scenario, tr, s) for tr in general]
    if scenario.defaults or scenario.holding:
        # the holding answers by question kind and the yes/no to an offer are `defaults:` too
        parts += [f"<h2>{_e(s('defaults'))}</h2>", f"<p>{_e(s('defaults_intro'))}</p>"]
        parts += [_reaction(scenario, tr, s) for tr in (*scenario.defaults, *scenario.holding)]
    if scenario.fallback:
        parts += [f"<h2>{_e(s('fallback'))}</h2>"]
        parts += _lines(client.name, scenario.fallback)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _lines(name: str, lines: Iterable[str]) -> list[str]:
    return [f'<p class="line"><span class="who">{_e(name)}:</span> {_e(x)}</p>' for x in lines]


def _scene(scenario: Scenario, state: State, s) -> list[str]:  # noqa: ANN001
    ending = f" ending-{state.ending}" if state.ending else ""
    title = _e(state.id)
    if state.ending:
        title += f" — {_e(s('ending_' + state.ending))}"
    out = [
        f'<section class="scene{ending}" id="{_anchor(state.id)}">',
        f"<h3>{title}</h3>",
        f'<p class="direction">{_e(state.where.file)}:{state.where.line}</p>',
    ]
    if state.cues:
        out.append(f'<p class="direction">{_e(s("cues"))}: {_e(", ".join(state.cues))}</p>')
    out += _lines(scenario.client.name, state.say)
    if state.thought:
        out.append(f'<p class="thought">({_e(s("thinks"))}: {_e(state.thought)})</p>')
    if state.ready:
        out.append(f'<p class="direction">{_e(s("ready"))}: {_e(", ".join(state.ready))}</p>')
    if state.choice:
        out.append(f'<p class="direction">{_e(s("choice"))}: {_e(state.choice)}</p>')
    if state.suggestions:
        out.append(f'<p class="direction">{_e(s("suggestions"))}:</p><ul class="suggestions">')
        for suggestion in state.suggestions:
            moves = ", ".join(suggestion.moves)
            out.append(f"<li>{_e(suggestion.text)} <code>[{_e(moves)}]</code></li>")
        out.append("</ul>")
    own = [tr for tr in scenario.transitions_from(state.id)]
    if own:
        out.append(f'<p class="direction">{_e(s("when_worker"))}</p>')
        out += [_reaction(scenario, tr, s) for tr in own]
    if state.fallback:
        out.append(f'<p class="direction">{_e(s("otherwise"))}</p>')
        out += _lines(scenario.client.name, state.fallback)
    out.append("</section>")
    return out


def _reaction(scenario: Scenario, tr: Transition, s) -> str:  # noqa: ANN001
    from simulator.scenario.labels import label

    what = []
    if tr.unrecognised:
        what.append(_e(s("unrecognised")))
    elif tr.any_move:
        what.append(_e(s("any_move")))
    elif tr.moves:
        what.append("<code>" + _e(", ".join(tr.moves)) + "</code>")
    if tr.topics:
        what.append(_e(s("mentions", topics=", ".join(tr.topics))))
    if tr.condition_text:
        what.append(_e(s("if", condition=tr.condition_text)))
    head = " · ".join(what) or _e(s("any_turn"))
    out = [f'<div class="reaction"><p class="direction"><strong>{head}</strong>']
    if tr.effects:
        effects = ", ".join(
            f"{e.variable} {'=' if e.absolute else ('+' if e.amount > 0 else '')}{number(e.amount)}"
            for e in tr.effects
        )
        out.append(f" — {_e(effects)}")
    where = f"{label(tr.id)}, {tr.where.file}:{tr.where.line}"
    out.append(f' <span class="meta">({_e(where)})</span></p>')
    out += _lines(scenario.client.name, tr.reply)
    if tr.target:
        out.append(f'<p class="direction">→ {_e(s("goes_to"))} {_link(tr.target)}</p>')
    if tr.note:
        out.append(f'<p class="note">{_e(s("note"))}: {_e(tr.note)}</p>')
    if tr.better:
        out.append(f'<p class="better">{_e(s("better"))}: {_e(tr.better)}</p>')
    out.append("</div>")
    return "".join(out)


def diagram(scenario: Scenario) -> str:
    """The states as boxes in columns by distance from the start, arrows where a transition
    moves the client on; each box links to its scene. Drawn here, so no network is needed."""
    from simulator.authoring.lint import edges

    graph = edges(scenario, respect_conditions=False)
    # Global reactions with `go:` move the client from any state.
    for tr in scenario.reactions:
        if tr.target and tr.target in scenario.states and not tr.sources:
            for sid, state in scenario.states.items():
                if not state.is_ending and sid != tr.target:
                    graph.setdefault(sid, []).append((tr, tr.target))
    layer = {scenario.start: 0} if scenario.start in scenario.states else {}
    todo = list(layer)
    while todo:
        here = todo.pop(0)
        for _, target in graph.get(here, ()):
            if target not in layer:
                layer[target] = layer[here] + 1
                todo.append(target)
    deepest = max(layer.values(), default=0)
    for sid in scenario.states:  # unreachable states go in a column of their own
        layer.setdefault(sid, deepest + 1)
    columns: dict[int, list[str]] = {}
    for sid in scenario.states:
        columns.setdefault(layer[sid], []).append(sid)
    pos = {}
    for column, ids in columns.items():
        for row, sid in enumerate(ids):
            pos[sid] = (PAD + column * (BOX_W + GAP_X), PAD + row * (BOX_H + GAP_Y))
    width = PAD * 2 + (max(columns) + 1) * (BOX_W + GAP_X) - GAP_X if columns else 100
    height = PAD * 2 + max((len(v) for v in columns.values()), default=1) * (BOX_H + GAP_Y)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#777"/></marker></defs>',
    ]
    drawn = set()
    for sid, targets in graph.items():
        for _, target in targets:
            if (sid, target) in drawn or sid not in pos or target not in pos:
                continue
            drawn.add((sid, target))
            (x1, y1), (x2, y2) = pos[sid], pos[target]
            if x2 > x1:
                start, end = (x1 + BOX_W, y1 + BOX_H / 2), (x2, y2 + BOX_H / 2)
                path = f"M{start[0]},{start[1]} L{end[0]},{end[1]}"
            else:  # backwards or within a column: a curve below the boxes
                start, end = (x1 + BOX_W / 2, y1 + BOX_H), (x2 + BOX_W / 2, y2 + BOX_H)
                dip = max(y1, y2) + BOX_H + GAP_Y * 0.8
                path = f"M{start[0]},{start[1]} C{start[0]},{dip} {end[0]},{dip} {end[0]},{end[1]}"
            out.append(f'<path d="{path}" fill="none" stroke="#999" marker-end="url(#arrow)"/>')
    for sid, (x, y) in pos.items():
        state = scenario.states[sid]
        fill = OUTCOME_COLOURS.get(state.ending or "", "#e8eef6")
        stroke = "#333" if sid == scenario.start else "#889"
        out.append(
            f'<a href="#{_anchor(sid)}"><rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" '
            f'rx="6" fill="{fill}" stroke="{stroke}"/><text x="{x + BOX_W / 2}" '
            f'y="{y + BOX_H / 2 + 4}" text-anchor="middle">{_e(sid)}</text></a>'
        )
    out.append("</svg>")
    return "\n".join(out)
