"""Do the scores rank real practice the way experts do? AnnoMI, high vs low quality MI.

    python benchmarks/annomi_scores.py                 # the full report (about a minute)
    python benchmarks/annomi_scores.py --repeats 2 --boot 200   # quicker, noisier
    python benchmarks/annomi_scores.py --json out.json # also write every figure as JSON
    python benchmarks/annomi_scores.py --data DIR      # where AnnoMI-*-train.csv are

The data: the AnnoMI training fold in `../shared/data/annomi/` (84 transcripts of
motivational-interviewing demonstrations, 73 rated high-quality by experts, 11 low; the
experts also coded every counsellor utterance). The rest of AnnoMI is kept out of the
project for a later, blind measurement; this script never looks for it.

Each transcript is scored as `kohtaamo assess` would score it (no scenario) in two ways:

- **recognizer**: the counsellor's words only, read by the English recognizer. This is the
  figure that counts: it is what a user gets.
- **experts**: the experts' own utterance codes mapped to Kohtaamo's moves (see the domain
  notes: open/closed question, simple/complex reflection, information, advice, options,
  negotiation = seek_collaboration). This is the ceiling of the formulas: a perfect
  recognizer could not do better with these codes. AnnoMI has no codes for affirming,
  autonomy, permission, confronting or dismissing, so the ceiling of those parts is blind.

Method:

- **Cross-validation by transcript.** The scorer has a few calibrated numbers (the
  `Calibration` in `simulator/scoring/axes.py`: the overall weights and each axis' slip
  cost). They are chosen on the training folds only (a small grid, best training AUC), and
  the held-out fold is scored with them; nothing about a held-out transcript is seen while
  choosing. Stratified 5-fold (each fold keeps the 73:11 proportion), repeated with
  different splits; each transcript's held-out scores are averaged over the repeats and one
  AUC is computed on all 84 held-out scores. The shipped numbers are the same procedure fit
  on all 84 (printed as "fit on all").
- **AUC**: the probability that a random high-quality transcript outscores a random low
  one (ties half). 0.5 is chance.
- **95 % intervals**: bootstrap over transcripts (resampled within each class, so every
  replicate keeps 73 high and 11 low), percentile interval. With 11 low transcripts the
  intervals are wide; read them before the point figures.
- **Above length**: a paired bootstrap interval of AUC(axis) − AUC(length) ("minus
  length"): an interval above 0 means the axis ranks clearly better than length alone.
- **Length**: the number of counsellor turns. Its own AUC is printed (long sessions are
  more often high quality in AnnoMI), and for each axis the partial correlation with
  quality controlling for length (Pearson on ranks, i.e. partial Spearman): an axis that
  merely counted turns would fall to about 0 there. Also the Spearman correlation of each
  axis with length within the high-quality group.

Targets (issue 13): through the recognizer, CV overall AUC >= 0.85, listening >= 0.80, each
axis >= 0.70, each clearly above length alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.scoring import score  # noqa: E402
from simulator.scoring.reading import Line, build_transcript  # noqa: E402
from simulator.transcript import Transcript  # noqa: E402

AXES = ("listening", "pacing", "autonomy", "overall")
TARGETS = {"overall": 0.85, "listening": 0.80, "pacing": 0.70, "autonomy": 0.70}

# AnnoMI's fine subtypes in Kohtaamo's moves (domain notes).
SUBTYPE_MOVES = {
    ("question", "open"): "open_question",
    ("question", "closed"): "closed_question",
    ("reflection", "simple"): "simple_reflection",
    ("reflection", "complex"): "complex_reflection",
    ("therapist_input", "information"): "give_information",
    ("therapist_input", "advice"): "advice",
    ("therapist_input", "options"): "offer_options",
    ("therapist_input", "negotiation"): "seek_collaboration",
}


def data_dir(given: str | None) -> Path:
    """ROOT.parent/shared/data/annomi; from a git worktree, the main checkout's sibling."""
    if given:
        return Path(given)
    candidates = [ROOT.parent / "shared" / "data" / "annomi"]
    try:
        common = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--git-common-dir"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        main = (ROOT / common).resolve().parent
        candidates.append(main.parent / "shared" / "data" / "annomi")
    except (OSError, subprocess.CalledProcessError):
        pass
    for path in candidates:
        if (path / "AnnoMI-simple-train.csv").exists():
            return path
    raise SystemExit(
        f"AnnoMI training fold not found (looked in {', '.join(map(str, candidates))})"
    )


@dataclass
class Doc:
    id: str
    high: bool
    topic: str
    lines: list[tuple[str, str, tuple[str, ...]]]  # speaker, text, expert moves

    @property
    def worker_turns(self) -> int:
        # Consecutive utterances of one speaker are one turn, as `assess` joins them.
        turns, last = 0, None
        for speaker, _, _ in self.lines:
            if speaker == "worker" and last != "worker":
                turns += 1
            last = speaker
        return turns


def _expert_moves(rows: list[dict]) -> tuple[str, ...]:
    """The majority of the annotators' codes for one utterance, as moves."""
    moves: list[str] = []
    for group in ("reflection", "question", "therapist_input"):
        said = [r for r in rows if r[f"{group}_exists"] == "True"]
        main = Counter(r["main_therapist_behaviour"] for r in rows).most_common(1)[0][0]
        if 2 * len(said) > len(rows) or (2 * len(said) == len(rows) and main == group):
            subtype = Counter(r[f"{group}_subtype"] for r in said).most_common(1)[0][0]
            move = SUBTYPE_MOVES.get((group, subtype))
            if move:
                moves.append(move)
    return tuple(moves)


def load(path: Path) -> list[Doc]:
    full: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with open(path / "AnnoMI-full-train.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            full[(row["transcript_id"], row["utterance_id"])].append(row)
    docs: dict[str, Doc] = {}
    with open(path / "AnnoMI-simple-train.csv", encoding="utf-8") as handle:
        rows = sorted(
            csv.DictReader(handle), key=lambda r: (int(r["transcript_id"]), int(r["utterance_id"]))
        )
    for row in rows:
        tid = row["transcript_id"]
        doc = docs.setdefault(tid, Doc(tid, row["mi_quality"] == "high", row["topic"], []))
        speaker = "worker" if row["interlocutor"] == "therapist" else "client"
        moves = _expert_moves(full[(tid, row["utterance_id"])]) if speaker == "worker" else ()
        doc.lines.append((speaker, row["utterance_text"].strip(), moves))
    return list(docs.values())


def transcripts(docs: Sequence[Doc], source: str) -> list[Transcript]:
    """Each doc as `assess` reads it: through the recognizer, or with the experts' codes."""
    recognizer = None
    if source == "recognizer":
        from simulator.language import get_recognizer

        recognizer = get_recognizer("en")
    out = []
    for doc in docs:
        lines = [
            Line(s, t, moves if source == "experts" and s == "worker" else None)
            for s, t, moves in doc.lines
        ]
        out.append(build_transcript(lines, "en", recognizer))
    return out


# --- statistics ---------------------------------------------------------------------------


def auc(scores: Sequence[float], high: Sequence[bool]) -> float:
    pos = [s for s, h in zip(scores, high, strict=True) if h]
    neg = [s for s, h in zip(scores, high, strict=True) if not h]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    mx, my = statistics.fmean(x), statistics.fmean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(ranks(x), ranks(y))


def partial_spearman(x: Sequence[float], y: Sequence[float], z: Sequence[float]) -> float:
    """Correlation of x and y with z held constant (on ranks)."""
    rxy, rxz, ryz = spearman(x, y), spearman(x, z), spearman(y, z)
    denom = math.sqrt(max(1e-12, (1 - rxz**2) * (1 - ryz**2)))
    return (rxy - rxz * ryz) / denom


def bootstrap(
    stat: Callable[[list[int]], float], high: Sequence[bool], reps: int, seed: int = 13
) -> tuple[float, float]:
    """95 % percentile interval of stat(indices), resampling within each class."""
    rng = random.Random(seed)
    pos = [i for i, h in enumerate(high) if h]
    neg = [i for i, h in enumerate(high) if not h]
    values = sorted(
        stat([rng.choice(pos) for _ in pos] + [rng.choice(neg) for _ in neg]) for _ in range(reps)
    )
    return values[int(0.025 * reps)], values[min(reps - 1, int(0.975 * reps))]


def folds(high: Sequence[bool], k: int, seed: int) -> list[list[int]]:
    """Stratified k folds of transcript indices."""
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    for cls in (True, False):
        members = [i for i, h in enumerate(high) if h is cls]
        rng.shuffle(members)
        for n, i in enumerate(members):
            out[n % k].append(i)
    return out


# --- scoring with a calibration -------------------------------------------------------------


def scores_of(trs: Sequence[Transcript], calibration: object | None) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {a: [] for a in AXES}
    for tr in trs:
        report = score(tr, calibration=calibration) if calibration is not None else score(tr)
        for a in AXES:
            out[a].append(float(getattr(report, a).value if a != "overall" else report.overall))
    return out


def fit(trs: Sequence[Transcript], high: Sequence[bool]) -> object | None:
    """Choose the calibrated numbers on these transcripts only (see the module docstring)."""
    try:
        from simulator.scoring.axes import fit_calibration
    except ImportError:  # a scorer without calibrated numbers: nothing to fit
        return None
    return fit_calibration(list(trs), list(high), auc)


def cross_validate(
    trs: Sequence[Transcript], high: Sequence[bool], repeats: int, k: int = 5
) -> dict[str, list[float]]:
    """Each transcript's held-out scores, averaged over `repeats` stratified k-fold splits."""
    sums: dict[str, list[float]] = {a: [0.0] * len(trs) for a in AXES}
    for r in range(repeats):
        for fold in folds(high, k, seed=r):
            held = set(fold)
            train = [i for i in range(len(trs)) if i not in held]
            calibration = fit([trs[i] for i in train], [high[i] for i in train])
            got = scores_of([trs[i] for i in fold], calibration)
            for a in AXES:
                for i, v in zip(fold, got[a], strict=True):
                    sums[a][i] += v / repeats
    return sums


def evaluate(
    name: str, trs: Sequence[Transcript], docs: Sequence[Doc], repeats: int, boot: int
) -> dict:
    high = [d.high for d in docs]
    length = [float(d.worker_turns) for d in docs]
    t0 = time.perf_counter()
    held = cross_validate(trs, high, repeats)
    calibration = fit(trs, high)
    whole = scores_of(trs, calibration)
    result: dict = {"source": name, "axes": {}, "seconds": 0.0}
    label = [1.0 if h else 0.0 for h in high]
    for a in AXES:
        cv = held[a]
        lo, hi = bootstrap(
            lambda idx, cv=cv: auc([cv[i] for i in idx], [high[i] for i in idx]), high, boot
        )
        hi_idx = [i for i, h in enumerate(high) if h]
        # Paired: the same resampled transcripts for the axis and for length alone.
        dlo, dhi = bootstrap(
            lambda idx, cv=cv: (
                auc([cv[i] for i in idx], [high[i] for i in idx])
                - auc([length[i] for i in idx], [high[i] for i in idx])
            ),
            high,
            boot,
        )
        result["axes"][a] = {
            "minus_length_95": [round(dlo, 3), round(dhi, 3)],
            "cv_auc": round(auc(cv, high), 3),
            "cv_auc_95": [round(lo, 3), round(hi, 3)],
            "fit_all_auc": round(auc(whole[a], high), 3),
            "spearman_quality": round(spearman(cv, label), 3),
            "partial_quality_given_length": round(partial_spearman(cv, label, length), 3),
            "spearman_length_in_high": round(
                spearman([cv[i] for i in hi_idx], [length[i] for i in hi_idx]), 3
            ),
            "mean_high": round(statistics.fmean(cv[i] for i in hi_idx), 1),
            "mean_low": round(
                statistics.fmean(v for v, h in zip(cv, high, strict=True) if not h), 1
            ),
        }
    result["seconds"] = round(time.perf_counter() - t0, 1)
    result["calibration"] = getattr(calibration, "describe", lambda: None)()
    return result


def length_alone(docs: Sequence[Doc], boot: int) -> dict:
    high = [d.high for d in docs]
    length = [float(d.worker_turns) for d in docs]
    lo, hi = bootstrap(
        lambda idx: auc([length[i] for i in idx], [high[i] for i in idx]), high, boot
    )
    return {"auc": round(auc(length, high), 3), "auc_95": [round(lo, 3), round(hi, 3)]}


def report(results: list[dict], length: dict, n_high: int, n_low: int) -> str:
    out = [
        f"AnnoMI training fold: {n_high} high, {n_low} low transcripts",
        f"length alone (counsellor turns): AUC {length['auc']:.2f} "
        f"[{length['auc_95'][0]:.2f}, {length['auc_95'][1]:.2f}]",
        "",
    ]
    for res in results:
        out.append(f"== {res['source']} ({res['seconds']} s)")
        out.append(
            f"{'axis':<10} {'CV AUC':>6} {'95 % interval':>14} {'fit-all':>7} "
            f"{'partial|len':>11} {'rho len|high':>12} {'mean hi/lo':>11} "
            f"{'minus length':>14}  target"
        )
        for a in AXES:
            r = res["axes"][a]
            target = TARGETS[a]
            ok = "ok" if r["cv_auc"] >= target and r["cv_auc"] > length["auc"] else "MISSED"
            if res["source"] != "recognizer":
                ok = ""
            out.append(
                f"{a:<10} {r['cv_auc']:>6.2f} [{r['cv_auc_95'][0]:.2f}, {r['cv_auc_95'][1]:.2f}]"
                f"{r['fit_all_auc']:>9.2f} {r['partial_quality_given_length']:>11.2f} "
                f"{r['spearman_length_in_high']:>12.2f} "
                f"{r['mean_high']:>5.1f}/{r['mean_low']:<5.1f}"
                f" [{r['minus_length_95'][0]:+.2f}, {r['minus_length_95'][1]:+.2f}]"
                f"  >= {target:.2f} {ok}"
            )
        if res.get("calibration"):
            out.append(f"calibration fit on all: {res['calibration']}")
        out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="folder with AnnoMI-simple-train.csv and -full-train.csv")
    parser.add_argument("--repeats", type=int, default=5, help="cross-validation repeats")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap replicates")
    parser.add_argument("--source", choices=("recognizer", "experts", "both"), default="both")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    docs = load(data_dir(args.data))
    sources = ("recognizer", "experts") if args.source == "both" else (args.source,)
    results = [
        evaluate(src, transcripts(docs, src), docs, args.repeats, args.boot) for src in sources
    ]
    length = length_alone(docs, args.boot)
    n_high = sum(d.high for d in docs)
    print(report(results, length, n_high, len(docs) - n_high))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"length": length, "results": results}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
