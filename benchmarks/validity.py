"""Consistency of the scores: do the axes rank meetings of known quality in the right order?

A consistency check, not a validation: the "skilled" role-plays here were written from the
very moves the scorer rewards, so agreeing with them shows the formulas do what they say,
not that they track good practice. Validity is measured on expert-rated real sessions:
`python benchmarks/annomi_scores.py --cv` (docs/scoring.md).

    python benchmarks/validity.py            # all parts
    python benchmarks/validity.py --quick    # skip the scenario sessions

Three parts, each per language:
1. *coded*: the graded role-plays in benchmarks/validity_data/<lang>/ (rank 1 = most skilled,
   see validity_make.py) scored with the moves a human coder gave each worker line. This
   checks the scorer alone.
2. *recognized*: the same role-plays with the codes stripped, read by the recognizer
   (`simulator.language.get_recognizer`) as `kohtaamo assess` does. Skipped until it exists.
3. *scenario sessions*: every bundled scenario played through `Session`: its own scripted
   tests (intended order from the ending they were written to reach: good > neutral > poor)
   and menu-driven sessions in five styles (share of turns where the trainee picks the most
   skilled suggestion of the state: 100 %, 75 %, 50 %, 25 %, 0 %; two seeds each).

For each axis: Spearman's rho and Kendall's tau-b against the intended order (1 = perfect,
higher score for better practice) and pairwise agreement (share of pairs of different
intended quality that the axis orders the right way; ties count half). Also: every long
poor meeting must score below every short good one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.language.base import Recognition  # noqa: E402
from simulator.scoring import score  # noqa: E402
from simulator.scoring.meeting_files import build_transcript, parse_lines  # noqa: E402

DATA = Path(__file__).parent / "validity_data"
AXES = ("listening", "pacing", "autonomy", "overall")

# How skilled a suggested response is, judged from its moves alone (for picking menu items
# in the styled sessions; deliberately cruder than the scorer).
MOVE_VALUE = {
    "complex_reflection": 3,
    "summary": 3,
    "emphasize_autonomy": 3,
    "simple_reflection": 2,
    "open_question": 2,
    "affirmation": 2,
    "ask_permission": 2,
    "seek_collaboration": 2,
    "offer_options": 2,
    "offer_time": 2,
    "greeting": 1,
    "structuring": 1,
    "give_information": 0,
    "closed_question": 0,
    "advice": -2,
    "persuade": -3,
    "confront": -3,
    "dismiss": -3,
}


# --- statistics ------------------------------------------------------------------------


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    rx, ry = _ranks(x), _ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    concordant = discordant = ties_x = ties_y = 0
    n = len(x)
    for i in range(n):
        for j in range(i + 1, n):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denom = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denom if denom else 0.0


def pairwise(quality: Sequence[float], scores: Sequence[float]) -> float:
    agree = total = 0.0
    for i in range(len(quality)):
        for j in range(i + 1, len(quality)):
            if quality[i] == quality[j]:
                continue
            total += 1
            better, worse = (i, j) if quality[i] > quality[j] else (j, i)
            if scores[better] > scores[worse]:
                agree += 1
            elif scores[better] == scores[worse]:
                agree += 0.5
    return agree / total if total else 1.0


# --- the three parts ---------------------------------------------------------------------


def role_plays(lang: str) -> list[tuple[int, str, list]]:
    out = []
    for path in sorted((DATA / lang).glob("*.jsonl")):
        rank = int(path.name.split("_", 1)[0])
        out.append((rank, path.stem, parse_lines(path.read_text(encoding="utf-8"), str(path))))
    return out


def get_recognizer(lang: str):
    try:
        from simulator.language import get_recognizer as factory
    except ImportError:
        return None
    return factory(lang)


def score_role_plays(lang: str, recognized: bool) -> list[tuple[float, str, dict]] | None:
    recognizer = get_recognizer(lang) if recognized else None
    if recognized and recognizer is None:
        return None
    rows = []
    for rank, name, lines in role_plays(lang):
        if recognized:
            lines = [replace(line, moves=None, mode=None) for line in lines]
        report = score(build_transcript(lines, lang, recognizer))
        values = {a: report.axis(a).value for a in AXES[:3]} | {"overall": report.overall}
        rows.append((-rank, name, values))  # quality: higher is better
    return rows


class _Silent:
    """Reads nothing; used only when the recognizer has not landed and a line is unpinned."""

    def __init__(self, language: str) -> None:
        self.language = language

    def recognize(self, text, *, client_before="", topics=None):
        return Recognition(text)


def scenario_sessions(
    lang: str,
) -> tuple[list[tuple[float, str, dict]], list[tuple[float, str, dict]], list[str]]:
    """(menu sessions by style, scripted tests by intended ending, notes)."""
    from simulator.scenario.loader import load_scenario
    from simulator.session import Session

    rows: list[tuple[float, str, dict]] = []
    scripted: list[tuple[float, str, dict]] = []
    notes: list[str] = []
    recognizer = get_recognizer(lang) or _Silent(lang)
    for path in sorted((ROOT / "scenarios").glob("**/*.yaml")):
        scenario = load_scenario(path)
        if scenario.language != lang:
            continue
        outcome_quality = {"good": 3, "neutral": 2, "poor": 1}
        for test in scenario.tests:
            session = Session(
                scenario, recognizer=recognizer, seed=test.seed or 1, variant=test.variant
            )
            for turn in test.turns:
                if session.ended:
                    break
                session.say(turn.say, moves=list(turn.moves) if turn.moves else None)
            wanted = next((t.expect_ending for t in test.turns if t.expect_ending), None)
            if wanted is None:
                continue
            scripted.append(
                (outcome_quality[wanted], f"{scenario.id}: {test.name}", _values(session, scenario))
            )
        for skill in (1.0, 0.75, 0.5, 0.25, 0.0):
            for seed in (1, 2):
                session = _styled(Session, scenario, recognizer, skill, seed)
                rows.append(
                    (
                        skill * 3,
                        f"{scenario.id}: menu {round(skill * 100)} % seed {seed}",
                        _values(session, scenario),
                    )
                )
        notes.append(scenario.id)
    return rows, scripted, notes


def _values(session, scenario) -> dict:
    report = score(session.transcript, scenario)
    return {a: report.axis(a).value for a in AXES[:3]} | {"overall": report.overall}


def _styled(session_cls: Callable, scenario, recognizer, skill: float, seed: int):
    session = session_cls(scenario, recognizer=recognizer, seed=seed)
    # Error diffusion spreads the skilled picks evenly (75 %: best, best, worst, best, ...);
    # the seed shifts the phase so two seeds of one style differ.
    debt = 0.25 if seed % 2 else 0.0
    for _ in range(25):
        if session.ended:
            break
        options = session.suggestions()
        if not options:
            break
        ranked = sorted(
            range(len(options)), key=lambda i: -sum(MOVE_VALUE.get(m, 0) for m in options[i].moves)
        )
        debt += skill
        if debt >= 0.5:
            debt -= 1
            index = ranked[0]
        else:
            index = ranked[-1]
        session.choose(index)
    return session


# --- report ------------------------------------------------------------------------------


def summarise(title: str, rows: list[tuple[float, str, dict]], show: bool = True) -> dict:
    quality = [q for q, _, _ in rows]
    print(f"\n## {title} ({len(rows)} meetings)")
    if show:
        print(f"{'meeting':<60} " + " ".join(f"{a[:9]:>9}" for a in AXES))
        for _, name, values in sorted(rows, key=lambda r: -r[0]):
            print(f"{name[:60]:<60} " + " ".join(f"{values[a]:>9}" for a in AXES))
    figures = {}
    print(f"{'axis':<12} {'spearman':>9} {'kendall':>9} {'pairwise':>9}")
    for axis in AXES:
        scores = [v[axis] for _, _, v in rows]
        rho, tau, agree = (
            spearman(quality, scores),
            kendall_tau_b(quality, scores),
            pairwise(quality, scores),
        )
        figures[axis] = {
            "spearman": round(rho, 3),
            "kendall": round(tau, 3),
            "pairwise": round(agree, 3),
        }
        print(f"{axis:<12} {rho:>9.3f} {tau:>9.3f} {agree:>9.1%}")
    return figures


def long_short_pairs(rows: list[tuple[float, str, dict]]) -> bool:
    by_name = {name: values for _, name, values in rows}
    pairs = [
        ("02_skilled_short", "09_poor_long"),
        ("03_good_short", "08_advice_heavy_long"),
        ("02_skilled_short", "08_advice_heavy_long"),
        ("03_good_short", "09_poor_long"),
    ]
    ok = True
    for short, long in pairs:
        if short not in by_name or long not in by_name:
            continue
        for axis in AXES:
            if by_name[short][axis] <= by_name[long][axis]:
                ok = False
                print(
                    f"  ! {axis}: short-good {short} {by_name[short][axis]} <= "
                    f"long-poor {long} {by_name[long][axis]}"
                )
    print(f"long-poor below short-good on every axis: {'yes' if ok else 'NO'}")
    return ok


def speed() -> None:
    """Time scoring and exports of a 60-turn meeting (median of 20 runs, warm)."""
    from simulator.scoring import to_html, to_json, to_markdown

    lines = role_plays("en")[0][2]
    body = [line for line in lines if line.speaker == "worker"]
    replies = [line for line in lines if line.speaker == "client"]
    long_lines = []
    for i in range(60):
        long_lines += [body[i % len(body)], replies[i % len(replies)]]
    transcript = build_transcript(long_lines, "en")
    for turn in transcript.turns:
        turn.variables_after = {"trust": float(turn.index), "distress": 50.0}
    timings: dict[str, list[float]] = {"score": [], "exports": []}
    for _ in range(20):
        t0 = time.perf_counter()
        report = score(transcript)
        t1 = time.perf_counter()
        to_markdown(report, transcript, "en")
        to_html(report, transcript, "en")
        to_json(report, transcript, "en")
        t2 = time.perf_counter()
        timings["score"].append(t1 - t0)
        timings["exports"].append(t2 - t1)
    med = {k: sorted(v)[len(v) // 2] * 1000 for k, v in timings.items()}
    print(
        f"\n## speed: 60-turn meeting: score {med['score']:.1f} ms, "
        f"Markdown + HTML + JSON {med['exports']:.1f} ms (median of 20)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the scenario sessions")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    figures: dict = {}
    for lang in ("fi", "en"):
        coded = score_role_plays(lang, recognized=False)
        figures[f"{lang}/coded"] = summarise(f"{lang}: role-plays, human-coded moves", coded)
        long_short_pairs(coded)
        recognized = score_role_plays(lang, recognized=True)
        if recognized is None:
            print(f"\n## {lang}: role-plays, recognizer: skipped (no recognizer yet)")
        else:
            figures[f"{lang}/recognized"] = summarise(f"{lang}: role-plays, recognizer", recognized)
            long_short_pairs(recognized)
        if not args.quick:
            rows, scripted, notes = scenario_sessions(lang)
            if rows:
                figures[f"{lang}/menu"] = summarise(
                    f"{lang}: menu sessions by style ({'; '.join(notes)})", rows
                )
            if scripted:
                figures[f"{lang}/scripted"] = summarise(
                    f"{lang}: scenarios' own scripted tests, by the ending they were written for",
                    scripted,
                )
    speed()
    print(f"\n{time.perf_counter() - started:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
