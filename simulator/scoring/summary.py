"""A plain-text summary of a report for the terminal (`kohtaamo assess`)."""

from __future__ import annotations

from simulator.i18n import number, t
from simulator.moves import AXES, MODES
from simulator.scoring.model import Report
from simulator.scoring.voice import rows as voice_rows

_SIGN = {1: "+", -1: "-", 0: "·"}


def to_text(report: Report, lang: str) -> str:
    def s(key: str, **values: object) -> str:
        return t(f"scoring.{key}", lang, **values)

    width = max(len(s(f"axis_{a}")) for a in (*AXES,)) + 2
    width = max(width, len(s("overall")) + 2)
    out: list[str] = []
    for name in AXES:
        axis = report.axis(name)
        level = report.level_text(axis.level, lang)
        out.append(f"{s(f'axis_{name}'):<{width}}{axis.value:>3}  {level}")
        out += [f"    {_SIGN[r.sign]} {r.text(lang)}" for r in axis.reasons]
    overall = report.level_text(report.overall_level, lang, turns=False)
    out.append(f"{s('overall'):<{width}}{report.overall:>3}  {overall}")
    if report.partial is not None:
        out.append(f"    {_SIGN[-1]} {report.partial.text(lang)}")
    if report.still_open is not None:
        from simulator.scoring.still_open import as_text

        out += [f"    {line}" for line in as_text(report.still_open, lang, "  ")]
    out.append("")
    if report.voice:
        out.append(f"{s('h_client_voice')}:")
        for question, answer, line, because in voice_rows(report.voice, lang):
            out.append(f"    {question} {answer}: “{line}”" if question else f"    “{line}”")
            if because:
                out.append(f"      ({because})")
        out.append("")
    shares = ", ".join(f"{s(f'mode_{m}')} {round(100 * report.profile[m])} %" for m in MODES)
    out.append(f"{s('h_profile')}: {shares}")
    miti = report.miti
    rq = miti["reflection_to_question"]
    open_pct = miti["percent_open_questions"]
    out.append(f"{s('h_miti')}:")
    rq_text = "–" if rq is None else number(float(rq), lang)
    out.append(f"    {s('miti_rq')}: {rq_text} ({s('thr_' + miti['rq_threshold'])})")
    out.append(
        f"    {s('miti_cr')}: {number(miti['percent_complex_reflections'], lang)} % "
        f"({s('thr_' + miti['cr_threshold'])})"
    )
    open_text = "–" if open_pct is None else f"{number(open_pct, lang)} %"
    out.append(f"    {s('miti_open')}: {open_text}")
    out.append(
        f"    {s('miti_adherent')}: {miti['mi_adherent']}, "
        f"{s('miti_non_adherent')}: {miti['mi_non_adherent']}"
    )
    counts = ", ".join(f"{s('miti_c_' + k)} {v}" for k, v in miti["counts"].items() if v)
    if counts:
        out.append(f"    {counts}")
    return "\n".join(out) + "\n"
