"""Do the scores rank real practice the way experts do? AnnoMI, high vs low quality MI.

    python benchmarks/annomi_scores.py                 # the full report (about a minute)
    python benchmarks/annomi_scores.py --repeats 2 --boot 200   # quicker, noisier
    python benchmarks/annomi_scores.py --json out.json # also write every figure as JSON
    python benchmarks/annomi_scores.py --data DIR      # where AnnoMI-*-train.csv are
    python benchmarks/annomi_scores.py --cv            # recognizer retrained per fold (honest)
    python benchmarks/annomi_scores.py --cv --lang fi  # the same on the Finnish translation
    python benchmarks/annomi_scores.py --compare-languages [--top N] [--axes listening,autonomy]
        # per transcript the English and Finnish held-out scores side by side, per kind how
        # often an aligned turn counts for the scorer in one language's reading only (and
        # which reading the experts' codes back), and the
        # Finnish turns read differently from their English originals, ranked by what
        # reading each as in English would give the Finnish AUC (the cached --cv readings)

`--cv` is the honest figure. The recognizer's learned gate (tools/train_recognizer.py) was
trained on this very fold, so reading it with the shipped recognizer is optimistic. With
`--cv`, for each of five transcript folds (the split of benchmarks/annomi_cv.py) the gate is
trained again without the fold's transcripts (neither the English ones nor their Finnish
translations in tests/data/annomi_fi/), that recognizer reads every transcript, the
calibration is chosen on the other four folds' transcripts only, and the fold's transcripts
are scored with both: nothing about a held-out transcript, its codes or its rating is seen
before it is scored. (The recognizer's other learned part, the second opinion in
simulator/language/learned/<lang>.json, is trained on the project's own corpora only, never
on AnnoMI, so it is kept as shipped. The cue rules were written by people who had read
AnnoMI; that cannot be undone by retraining and is why the withheld part of AnnoMI remains the
test that counts.) Each fold's readings are cached under benchmarks/.cache/ (gitignored),
keyed by a hash of the recognizer's code, data and training script: a rerun after a
recognizer change trains again, a rerun without one takes seconds.

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
import hashlib
import json
import math
import pickle
import random
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.scoring import score  # noqa: E402
from simulator.scoring.meeting_files import Line, build_transcript  # noqa: E402
from simulator.transcript import Transcript, TurnRecord  # noqa: E402

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
    uids: list[int] = field(default_factory=list)  # AnnoMI's utterance id of each line

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
        doc.uids.append(int(row["utterance_id"]))
    return list(docs.values())


def finnish(docs: Sequence[Doc]) -> list[Doc]:
    """The transcripts translated in full in tests/data/annomi_fi/, with the same experts'
    codes and ratings (benchmarks/annomi_cv.py reads the translation the same way)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from annomi_cv import load_annomi, load_annomi_fi

    texts = {
        script["id"]: {t["uid"]: t["text"] for t in script["turns"]}
        for script in load_annomi_fi(load_annomi())
    }
    out = []
    for doc in docs:
        if doc.id not in texts:
            continue
        lines = [
            (speaker, texts[doc.id][uid].strip(), moves)
            for (speaker, _, moves), uid in zip(doc.lines, doc.uids, strict=True)
        ]
        out.append(Doc(doc.id, doc.high, doc.topic, lines, list(doc.uids)))
    return out


def transcripts(
    docs: Sequence[Doc], source: str, lang: str = "en", recognizer: object | None = None
) -> list[Transcript]:
    """Each doc as `assess` reads it: through the recognizer (the shipped one unless one is
    given), or with the experts' codes."""
    if source == "recognizer" and recognizer is None:
        from simulator.language import get_recognizer

        recognizer = get_recognizer(lang)
    out = []
    for doc in docs:
        lines = [
            Line(s, t, moves if source == "experts" and s == "worker" else None)
            for s, t, moves in doc.lines
        ]
        out.append(build_transcript(lines, lang, recognizer if source == "recognizer" else None))
    return out


# --- the recognizer retrained per fold (--cv) ----------------------------------------------

CACHE = ROOT / "benchmarks" / ".cache" / "annomi_scores"
#: What the retrained recognizer's readings depend on: a change to any of these trains again.
FINGERPRINT = (
    "simulator/language",
    "simulator/moves.py",
    "simulator/scoring/meeting_files.py",
    "tools/train_recognizer.py",
    "benchmarks/annomi_cv.py",
    "tests/data/annomi_fi",
)


def fingerprint(lang: str, data: Path) -> str:
    digest = hashlib.sha256(lang.encode())
    paths: list[Path] = []
    for name in FINGERPRINT:
        path = ROOT / name
        paths += sorted(path.rglob("*")) if path.is_dir() else [path]
    # The blind sets are never opened, not even to hash them (the recognizer is not trained on
    # them, so they cannot change its readings); recognizer_blind/ is the former blind set the
    # training reads.
    for corpus in sorted((ROOT / "tests" / "data").glob("recognizer*")):
        if corpus.name == "recognizer_blind" or not corpus.name.startswith("recognizer_blind"):
            paths += sorted(corpus.glob("*.jsonl"))
    paths += sorted(data.glob("AnnoMI-*-train.csv"))
    for path in paths:
        if path.is_file() and path.suffix in (".py", ".json", ".jsonl", ".yaml", ".csv"):
            digest.update(str(path.relative_to(path.anchor)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cv_folds(docs: Sequence[Doc]) -> list[list[str]]:
    """The recognizer's own cross-validation split (benchmarks/annomi_cv.py: five folds, high
    and low dealt out after a seeded shuffle), as transcript ids."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from annomi_cv import folds as recognizer_folds

    return recognizer_folds([{"id": d.id, "quality": "high" if d.high else "low"} for d in docs])


def read_without(
    docs: Sequence[Doc], lang: str, exclude: Sequence[str], cache: Path, key: str
) -> dict[str, Transcript]:
    """`docs` read by a recognizer whose gate never saw the transcripts `exclude` (trained
    again, or taken from the cache), by transcript id."""
    name = hashlib.sha256(",".join(sorted(exclude, key=int)).encode()).hexdigest()[:12]
    path = cache / f"{lang}-{key}-{name}.pickle"
    by_id: dict[str, Transcript] = {}
    if path.exists():
        with path.open("rb") as handle:
            by_id = pickle.load(handle)
        if all(d.id in by_id for d in docs):
            return {d.id: by_id[d.id] for d in docs}
    sys.path.insert(0, str(ROOT / "tools"))
    from train_recognizer import recognizer_trained_without

    t0 = time.perf_counter()
    recognizer = recognizer_trained_without(lang, set(exclude))
    trained = time.perf_counter() - t0
    read = transcripts(docs, "recognizer", lang, recognizer)
    print(
        f"  gate trained without {len(exclude)} transcripts in {trained:.0f} s, "
        f"{len(docs)} read in {time.perf_counter() - t0 - trained:.0f} s",
        file=sys.stderr,
    )
    by_id.update({d.id: tr for d, tr in zip(docs, read, strict=True)})
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(by_id, handle)
    return {d.id: by_id[d.id] for d in docs}


def cross_validate_retrained(
    docs: Sequence[Doc], lang: str, cache: Path, data: Path
) -> tuple[dict[str, list[float]], dict[str, list[float]], list[str], list[Transcript]]:
    """Held-out scores with the recognizer retrained per fold (see `nested_run`)."""
    run = nested_run(docs, lang, cache, data)
    return run.nested, run.shipped, run.chosen, run.read


@dataclass
class NestedRun:
    """What `nested_run` gives: held-out scores (nested and shipped calibration, in the
    order of the docs), each fold's choice described, every transcript's out-of-fold reading
    (in the order of the docs) and the calibration its fold chose, by transcript id."""

    nested: dict[str, list[float]]
    shipped: dict[str, list[float]]
    chosen: list[str]
    read: list[Transcript]
    calibration_of: dict[str, object]


def nested_run(docs: Sequence[Doc], lang: str, cache: Path, data: Path) -> NestedRun:
    """Held-out scores with the recognizer retrained per fold.

    Outer: fold k is read by a gate trained without fold k. Inner (nested): the calibration
    for fold k is chosen on the other folds, each of them read by a gate trained without
    fold k *and* itself, so the choice rests on readings as out-of-sample as fold k's own
    (a gate reading transcripts it was trained on reads them too well, and would favour the
    components that lean on its reading).
    """
    high = [d.high for d in docs]
    key = fingerprint(lang, data)
    split = [[t for t in fold if t in {d.id for d in docs}] for fold in cv_folds(docs)]
    split = [fold for fold in split if fold]
    by_id = {d.id: d for d in docs}
    index = {d.id: i for i, d in enumerate(docs)}
    nested: dict[str, list[float]] = {a: [0.0] * len(docs) for a in AXES}
    shipped: dict[str, list[float]] = {a: [0.0] * len(docs) for a in AXES}
    outer: dict[str, Transcript] = {}
    chosen = []
    calibration_of: dict[str, object] = {}
    for k, fold in enumerate(split):
        held = [index[t] for t in fold]
        outer.update(read_without([by_id[t] for t in fold], lang, fold, cache, key))
        inner: dict[str, Transcript] = {}
        for j, other in enumerate(split):
            if j != k:
                # The gate without folds k and j reads both: fold j here, fold k when j is
                # the held-out fold (one training per pair, not two).
                pair = sorted(fold + other, key=int)
                both = read_without([by_id[t] for t in pair], lang, pair, cache, key)
                inner.update({t: both[t] for t in other})
        train = [d.id for d in docs if d.id in inner]
        calibration = fit([inner[t] for t in train], [high[index[t]] for t in train])
        chosen.append(getattr(calibration, "describe", lambda: "")())
        calibration_of.update(dict.fromkeys(fold, calibration))
        for target, cal in ((nested, calibration), (shipped, None)):
            got = scores_of([outer[t] for t in fold], cal)
            for a in AXES:
                for i, v in zip(held, got[a], strict=True):
                    target[a][i] = v
    return NestedRun(nested, shipped, chosen, [outer[d.id] for d in docs], calibration_of)


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


#: The bootstrap's seed: every interval (and each paired "minus length" one) is drawn from the
#: same resamples, so a rerun on the same scores prints the same intervals.
BOOT_SEED = 13


def bootstrap(
    stat: Callable[[list[int]], float], high: Sequence[bool], reps: int, seed: int = BOOT_SEED
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


def logistic(columns: Sequence[Sequence[float]], y: Sequence[float]) -> tuple[list[float], float]:
    """Logistic regression by Newton's method (intercept added, a whisper of ridge so that a
    separable resample still converges): (coefficients without the intercept, log-likelihood)."""
    n, k = len(y), len(columns) + 1
    rows = [[1.0, *(c[i] for c in columns)] for i in range(n)]
    beta = [0.0] * k
    loglik = 0.0
    for _ in range(50):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        loglik = 0.0
        for row, target in zip(rows, y, strict=True):
            z = sum(b * x for b, x in zip(beta, row, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            loglik += math.log(p if target else 1 - p)
            for a in range(k):
                grad[a] += (target - p) * row[a]
                for b in range(k):
                    hess[a][b] += p * (1 - p) * row[a] * row[b]
        for a in range(1, k):
            grad[a] -= 1e-3 * beta[a]
            hess[a][a] += 1e-3
        step = _solve(hess, grad)
        beta = [b + d for b, d in zip(beta, step, strict=True)]
        if max(abs(d) for d in step) < 1e-8:
            break
    return beta[1:], loglik


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (k is 2 or 3 here)."""
    k = len(b)
    m = [row[:] + [v] for row, v in zip(a, b, strict=True)]
    for col in range(k):
        pivot = max(range(col, k), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, k):
            f = m[r][col] / m[col][col]
            m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    out = [0.0] * k
    for r in range(k - 1, -1, -1):
        out[r] = (m[r][k] - sum(m[r][c] * out[c] for c in range(r + 1, k))) / m[r][r]
    return out


def zscores(values: Sequence[float]) -> list[float]:
    mean = statistics.fmean(values)
    sd = statistics.pstdev(values) or 1.0
    return [(v - mean) / sd for v in values]


def beyond_length(axis: Sequence[float], length: Sequence[float], high: Sequence[bool]) -> dict:
    """Does the axis tell high from low once length is known? Logistic regression of quality
    on log(length) and the axis (both standardised): the axis' coefficient (log-odds per
    standard deviation) and the likelihood-ratio test against length alone."""
    y = [1.0 if h else 0.0 for h in high]
    z_len = zscores([math.log(v) for v in length])
    z_axis = zscores(axis)
    _, alone = logistic([z_len], y)
    (_, coef), both = logistic([z_len, z_axis], y)
    lr = max(0.0, 2 * (both - alone))
    return {"coef_per_sd": round(coef, 2), "lr_p": round(math.erfc(math.sqrt(lr / 2)), 4)}


def summarise(
    name: str,
    held: dict[str, list[float]],
    docs: Sequence[Doc],
    boot: int,
    whole: dict[str, list[float]] | None = None,
) -> dict:
    """The figures of one set of held-out scores (see the module docstring)."""
    high = [d.high for d in docs]
    length = [float(d.worker_turns) for d in docs]
    label = [1.0 if h else 0.0 for h in high]
    hi_idx = [i for i, h in enumerate(high) if h]
    result: dict = {"source": name, "axes": {}}
    for a in AXES:
        cv = held[a]
        lo, hi = bootstrap(
            lambda idx, cv=cv: auc([cv[i] for i in idx], [high[i] for i in idx]), high, boot
        )
        # Paired: the same resampled transcripts for the axis and for length alone.
        dlo, dhi = bootstrap(
            lambda idx, cv=cv: (
                auc([cv[i] for i in idx], [high[i] for i in idx])
                - auc([length[i] for i in idx], [high[i] for i in idx])
            ),
            high,
            boot,
        )
        plo, phi = bootstrap(
            lambda idx, cv=cv: partial_spearman(
                [cv[i] for i in idx], [label[i] for i in idx], [length[i] for i in idx]
            ),
            high,
            boot,
        )
        result["axes"][a] = {
            "minus_length_95": [round(dlo, 3), round(dhi, 3)],
            "cv_auc": round(auc(cv, high), 3),
            "cv_auc_95": [round(lo, 3), round(hi, 3)],
            "fit_all_auc": round(auc(whole[a], high), 3) if whole else None,
            "spearman_quality": round(spearman(cv, label), 3),
            "partial_quality_given_length": round(partial_spearman(cv, label, length), 3),
            "partial_95": [round(plo, 3), round(phi, 3)],
            "logistic_with_length": beyond_length(cv, length, high),
            "spearman_length_in_high": round(
                spearman([cv[i] for i in hi_idx], [length[i] for i in hi_idx]), 3
            ),
            "mean_high": round(statistics.fmean(cv[i] for i in hi_idx), 1),
            "mean_low": round(
                statistics.fmean(v for v, h in zip(cv, high, strict=True) if not h), 1
            ),
        }
    return result


def evaluate(
    name: str, trs: Sequence[Transcript], docs: Sequence[Doc], repeats: int, boot: int
) -> dict:
    """The calibration cross-validated over fixed readings (the shipped recognizer's, or the
    experts' codes)."""
    high = [d.high for d in docs]
    t0 = time.perf_counter()
    held = cross_validate(trs, high, repeats)
    calibration = fit(trs, high)
    result = summarise(name, held, docs, boot, scores_of(trs, calibration))
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


def report(
    results: list[dict], length: dict, n_high: int, n_low: int, lang: str, boot: int = 1000
) -> str:
    out = [
        f"AnnoMI training fold ({lang}): {n_high} high, {n_low} low transcripts",
        f"length alone (counsellor turns): AUC {length['auc']:.2f} "
        f"[{length['auc_95'][0]:.2f}, {length['auc_95'][1]:.2f}]",
        f"95 % intervals: percentile bootstrap over transcripts within class, {boot} resamples, "
        f"seed {BOOT_SEED}; 'minus length' is the paired interval of AUC(axis) - AUC(length) "
        "on the same resamples (above 0: clearly better than length alone); 'partial rho' is "
        "the Spearman correlation with quality holding length constant.",
        "",
    ]
    for res in results:
        seconds = f" ({res['seconds']} s)" if "seconds" in res else ""
        out.append(f"== {res['source']}{seconds}")
        if res.get("note"):
            out.append(res["note"])
        out.append(
            f"{'axis':<10} {'AUC':>5} {'95 % interval':>13} {'minus length':>14} "
            f"{'partial rho [95 %]':>21} {'logit/sd':>8} {'LR p':>6} {'fit-all':>7} "
            f"{'rho len|hi':>10} {'mean hi/lo':>11}  target"
        )
        for a in AXES:
            r = res["axes"][a]
            target = TARGETS[a]
            clear = r["minus_length_95"][0] > 0
            met = r["cv_auc"] >= target
            ok = "ok" if met and clear else "met, not clearly above length" if met else "MISSED"
            if not res["source"].startswith("recognizer"):
                ok = ""
            fit_all = f"{r['fit_all_auc']:.2f}" if r["fit_all_auc"] is not None else "-"
            logit = r["logistic_with_length"]
            out.append(
                f"{a:<10} {r['cv_auc']:>5.2f} [{r['cv_auc_95'][0]:.2f}, {r['cv_auc_95'][1]:.2f}]"
                f" [{r['minus_length_95'][0]:+.2f}, {r['minus_length_95'][1]:+.2f}]"
                f" {r['partial_quality_given_length']:>6.2f} "
                f"[{r['partial_95'][0]:+.2f}, {r['partial_95'][1]:+.2f}]"
                f" {logit['coef_per_sd']:>8.2f} {logit['lr_p']:>6.3f} {fit_all:>7}"
                f" {r['spearman_length_in_high']:>10.2f} "
                f"{r['mean_high']:>5.1f}/{r['mean_low']:<5.1f}"
                f"  >= {target:.2f} {ok}"
            )
        if res.get("calibration"):
            out.append(f"calibration fit on all (not validation): {res['calibration']}")
        for i, chosen in enumerate(res.get("chosen", ()), 1):
            out.append(f"fold {i} chose: {chosen}")
        out.append("")
    return "\n".join(out)


# --- English and Finnish side by side (--compare-languages) --------------------------------

#: What each axis rests on in a turn, as the scorer codes it (`turn_tags`): a turn whose tags
#: for an axis differ between the languages was read differently where it matters to that axis.
AXIS_TAGS = {
    "listening": ("reflection", "summary", "open question", "closed question", "SLIP"),
    "pacing": ("EARLY", "follows", "SLIP"),
    "autonomy": ("support", "OVERRIDE"),
}


def turn_tags(transcript: Transcript) -> list[dict[str, set[str]]]:
    """Per turn and axis, what the scorer counted (shipped calibration; `as_scored` first):
    reflections, questions, slips (lecture: unasked advice, persuading, confronting; brushing
    aside, blaming), early advice, following the client's lead, support, overrides."""
    from simulator.scoring.axes import Context, analyse_turns, as_scored, cue_tracking

    seen, recoded = as_scored(transcript)
    ctx = Context.build(seen, None)
    ctx.recoded = recoded
    events = analyse_turns(seen, ctx, cue_tracking(seen, ctx))
    out = []
    for turn, ev in zip(seen.turns, events, strict=True):
        moves = set(turn.recognition.moves)
        listening = {m.replace("_", " ") for m in moves if m.endswith(("question", "summary"))}
        if moves & {"simple_reflection", "complex_reflection"}:
            listening.add("reflection")
        slip = {
            "SLIP lecture" if ev.lecture else "",
            "SLIP brushed aside/blamed" if ev.disrespect else "",
        } - {""}
        out.append(
            {
                "listening": listening | slip,
                "pacing": {f"EARLY {m}" for m in ev.early}
                | ({"follows lead"} if ev.follows_lead else set()),
                "autonomy": ({"support"} if ev.supporting else set())
                | ({f"OVERRIDE {ev.violation_weight:g}"} if ev.violation_weight else set()),
            }
        )
    return out


def pairs_lost(scores: Sequence[float], high: Sequence[bool]) -> list[float]:
    """Per transcript, the high-low pairs it stands in wrong order in (ties half): for a low
    one the high ones that do not outscore it, for a high one the low ones it does not
    outscore. Either class's sum is the misordered pairs, so AUC = 1 - sum / (highs x lows)."""
    out = []
    for s, h in zip(scores, high, strict=True):
        others = [o for o, oh in zip(scores, high, strict=True) if oh is not h]
        worse = [(o > s) if h else (o < s) for o in others]
        out.append(sum(worse) + 0.5 * sum(o == s for o in others))
    return out


@dataclass
class Swap:
    """One Finnish turn read as the English recognizer read its original: what the Finnish
    transcript's axis would score, and the Finnish AUC if only this turn changed."""

    doc: Doc
    index: int  # turn number (1-based)
    axis: str
    before: float
    after: float
    auc_gain: float
    fi: TurnRecord
    en: TurnRecord
    experts: tuple[str, ...]
    tags_fi: str  # what the scorer counted for the axis in each language's reading
    tags_en: str


def _expert_turns(doc: Doc) -> list[tuple[str, ...]]:
    """The experts' codes of each worker turn (utterances joined as `build_transcript` joins
    them; the opening's client lines are no turn)."""
    out: list[tuple[str, ...]] = []
    last = None
    for speaker, _, moves in doc.lines:
        if speaker == "worker":
            if last == "worker":
                out[-1] = out[-1] + moves
            else:
                out.append(moves)
        last = speaker
    return out


def _worker_texts(doc: Doc) -> list[str]:
    """Each worker turn's words (utterances joined as `build_transcript` joins them)."""
    out: list[str] = []
    last = None
    for speaker, text, _ in doc.lines:
        if speaker == "worker":
            if last == "worker":
                out[-1] = f"{out[-1]} {text}"
            else:
                out.append(text)
        last = speaker
    return out


def directive_agreement(en_docs: Sequence[Doc], fi_docs: Sequence[Doc]) -> list[str]:
    """The scorer's one word-list rule (`axes.directs`: a "reflection" that tells the client
    what to do counts as advice) on every worker turn and its translation, whatever the
    recognizer read: where it fires in one language only, the scorer reads the same words
    differently."""
    from simulator.scoring.axes import directs

    both, rows = 0, []
    for en, fi in zip(en_docs, fi_docs, strict=True):
        for text_en, text_fi in zip(_worker_texts(en), _worker_texts(fi), strict=True):
            said_en, said_fi = directs(text_en, "en"), directs(text_fi, "fi")
            both += said_en and said_fi
            if said_en != said_fi:
                rows.append(
                    f"  {'en' if said_en else 'fi'} only, {en.id} ({'high' if en.high else 'low'})"
                    f": en: {text_en[:160]} | fi: {text_fi[:160]}"
                )
    return [
        "The directive rule (axes.directs) on each worker turn and its translation: "
        f"both {both}, English only {sum(r.startswith('  en') for r in rows)}, "
        f"Finnish only {sum(r.startswith('  fi') for r in rows)}",
        *rows,
    ]


#: What the scorer counts of a turn, as `turn_tags` names it, and the experts' code that
#: decides which language read it right (None: AnnoMI does not code it).
KINDS: dict[str, tuple[Callable[[dict[str, set[str]]], bool], frozenset[str] | None]] = {
    "reflection": (
        lambda t: bool(t["listening"] & {"reflection", "summary"}),
        frozenset({"simple_reflection", "complex_reflection"}),
    ),
    "open question": (lambda t: "open question" in t["listening"], frozenset({"open_question"})),
    "closed question": (
        lambda t: "closed question" in t["listening"],
        frozenset({"closed_question"}),
    ),
    "lecture (slip)": (lambda t: "SLIP lecture" in t["listening"], None),
    "brushed aside/blamed (slip)": (
        lambda t: "SLIP brushed aside/blamed" in t["listening"],
        None,
    ),
    "early advice (pacing)": (lambda t: any(x.startswith("EARLY") for x in t["pacing"]), None),
    "support (choices)": (lambda t: "support" in t["autonomy"], None),
    "override (choices)": (
        lambda t: any(x.startswith("OVERRIDE") for x in t["autonomy"]),
        None,
    ),
}


def reading_kinds(
    fi_docs: Sequence[Doc], fi_reads: Sequence[Transcript], en_reads: Sequence[Transcript]
) -> list[str]:
    """How often an aligned turn counts for the scorer in one language's reading and not in
    the other's, per kind (`KINDS`), in high and low transcripts, and where the experts code
    the kind, which reading their code backs."""
    count: Counter[tuple[str, str, str]] = Counter()
    for doc, fi_tr, en_tr in zip(fi_docs, fi_reads, en_reads, strict=True):
        if len(fi_tr.turns) != len(en_tr.turns):
            continue
        experts = _expert_turns(doc)
        quality = "high" if doc.high else "low"
        for k, (tf, te) in enumerate(zip(turn_tags(fi_tr), turn_tags(en_tr), strict=True)):
            codes = set(experts[k]) if k < len(experts) else set()
            for kind, (counted, coded) in KINDS.items():
                in_fi, in_en = counted(tf), counted(te)
                if in_fi == in_en:
                    continue
                side = "fi only" if in_fi else "en only"
                count[(kind, side, quality)] += 1
                if coded is not None:
                    backs = "fi right" if bool(codes & coded) == in_fi else "en right"
                    count[(kind, side, backs)] += 1
    out = [
        "Aligned turns one language's reading counts and the other's does not (what the scorer "
        "counts, as in the turn lists below): high / low transcripts; where the experts code "
        "the kind, the turns their code backs the Finnish / the English reading on.",
        f"  {'kind':<28} {'side':<8} {'high':>5} {'low':>4}   experts back fi / en",
    ]
    for kind, (_, coded) in KINDS.items():
        for side in ("fi only", "en only"):
            high, low = count[(kind, side, "high")], count[(kind, side, "low")]
            backed = (
                f"{count[(kind, side, 'fi right')]:>4} / {count[(kind, side, 'en right')]:<4}"
                if coded is not None
                else "   (not coded)"
            )
            out.append(f"  {kind:<28} {side:<8} {high:>5} {low:>4}   {backed}")
    return out


def compare_languages(
    docs: Sequence[Doc], cache: Path, data: Path, top: int, axes: Sequence[str]
) -> str:
    """Per transcript and axis the English and Finnish held-out scores side by side (nested,
    recognizer retrained per fold), the transcripts whose Finnish scores cost the Finnish AUC
    most against the English ones, their aligned worker turns read differently where the axis
    looks (text fi / text en / moves fi / moves en / the experts' codes), and the Finnish
    readings ranked by what reading that one turn as in English would give the Finnish AUC.

    The Finnish fold translates the same transcripts utterance by utterance, so the turns
    align one to one and a per-transcript gap is a difference of reading (or a scoring rule
    that reads one language differently), never of practice.
    """
    from dataclasses import replace

    from simulator.scoring import score as score_with

    fi_docs = finnish(docs)
    en_docs = [d for d in docs if d.id in {f.id for f in fi_docs}]
    runs = {
        "en": nested_run(en_docs, "en", cache, data),
        "fi": nested_run(fi_docs, "fi", cache, data),
    }
    high = [d.high for d in fi_docs]
    n_high, n_low = sum(high), len(high) - sum(high)
    value = {
        a: (lambda r, a=a: float(getattr(r, a).value if a != "overall" else r.overall))
        for a in AXES
    }
    out = [
        f"English and Finnish AnnoMI side by side: {n_high} high, {n_low} low transcripts, "
        "held-out scores (gates retrained per fold, calibration nested).",
        "AUC (en / fi): "
        + ", ".join(
            f"{a} {auc(runs['en'].nested[a], high):.3f} / {auc(runs['fi'].nested[a], high):.3f}"
            for a in AXES
        ),
        "",
        "Per transcript: en / fi per axis; 'lost' = high-low pairs the transcript stands in "
        "wrong order in (en / fi; ties half).",
        f"{'id':>4} {'q':<4} {'turns':>5}  " + "  ".join(f"{a[:9]:>9} {'lost':>9}" for a in AXES),
    ]
    lost = {
        (lang, a): pairs_lost(runs[lang].nested[a], high) for lang in ("en", "fi") for a in AXES
    }
    order = sorted(range(len(fi_docs)), key=lambda i: (fi_docs[i].high, int(fi_docs[i].id)))
    for i in order:
        d = fi_docs[i]
        cells = []
        for a in AXES:
            en_v, fi_v = runs["en"].nested[a][i], runs["fi"].nested[a][i]
            cells.append(
                f"{en_v:>4.0f}/{fi_v:<4.0f} {lost[('en', a)][i]:>4g}/{lost[('fi', a)][i]:<4g}"
            )
        out.append(
            f"{d.id:>4} {'high' if d.high else 'low':<4} {d.worker_turns:>5}  " + "  ".join(cells)
        )

    out += ["", *reading_kinds(fi_docs, runs["fi"].read, runs["en"].read)]
    out += ["", *directive_agreement(en_docs, fi_docs)]
    reads = {
        lang: {
            d.id: tr
            for d, tr in zip(fi_docs if lang == "fi" else en_docs, runs[lang].read, strict=True)
        }
        for lang in runs
    }
    swaps: dict[str, list[Swap]] = {a: [] for a in axes}
    for i, d in enumerate(fi_docs):
        fi_tr, en_tr = reads["fi"][d.id], reads["en"][d.id]
        if len(fi_tr.turns) != len(en_tr.turns):
            out.append(f"! {d.id}: {len(fi_tr.turns)} Finnish turns, {len(en_tr.turns)} English")
            continue
        cal = runs["fi"].calibration_of[d.id]
        tags_fi, tags_en = turn_tags(fi_tr), turn_tags(en_tr)
        experts = _expert_turns(d)
        base = score_with(fi_tr, calibration=cal)
        for k, (tf, te) in enumerate(zip(tags_fi, tags_en, strict=True)):
            differ = [a for a in axes if tf[a] != te[a]]
            if not differ:
                continue
            turns = list(fi_tr.turns)
            turns[k] = replace(turns[k], recognition=en_tr.turns[k].recognition)
            swapped = score_with(replace(fi_tr, turns=turns), calibration=cal)
            for a in differ:
                before, after = value[a](base), value[a](swapped)
                scores = list(runs["fi"].nested[a])
                scores[i] = after
                gain = auc(scores, high) - auc(runs["fi"].nested[a], high)
                swaps[a].append(
                    Swap(
                        d,
                        k + 1,
                        a,
                        before,
                        after,
                        gain,
                        fi_tr.turns[k],
                        en_tr.turns[k],
                        experts[k] if k < len(experts) else (),
                        ", ".join(sorted(tf[a])) or "nothing counted",
                        ", ".join(sorted(te[a])) or "nothing counted",
                    )
                )

    def show(sw: Swap, indent: str = "    ") -> list[str]:
        return [
            f"{indent}turn {sw.index}: {sw.axis} {sw.before:.0f} -> {sw.after:.0f} read as in "
            f"English (Finnish AUC {sw.auc_gain:+.4f})",
            f"{indent}  fi: {sw.fi.worker[:300]}",
            f"{indent}  en: {sw.en.worker[:300]}",
            f"{indent}  moves fi: {' '.join(sw.fi.recognition.moves) or '-'}  [{sw.tags_fi}]",
            f"{indent}  moves en: {' '.join(sw.en.recognition.moves) or '-'}  [{sw.tags_en}]",
            f"{indent}  experts: {' '.join(sw.experts) or '-'}",
        ]

    for a in axes:
        extra = [lost[("fi", a)][i] - lost[("en", a)][i] for i in range(len(fi_docs))]
        worst = sorted(range(len(fi_docs)), key=lambda i: -extra[i])[:top]
        out += [
            "",
            f"== {a}: the transcripts the Finnish reading costs most (pairs lost fi - en), and "
            "their turns read differently where this axis looks, by what reading the turn as in "
            "English gives the transcript",
        ]
        for i in worst:
            if extra[i] <= 0:
                break
            d = fi_docs[i]
            out.append(
                f"  {d.id} ({'high' if d.high else 'low'}): en {runs['en'].nested[a][i]:.0f} "
                f"fi {runs['fi'].nested[a][i]:.0f}; pairs lost en {lost[('en', a)][i]:g}, "
                f"fi {lost[('fi', a)][i]:g}"
            )
            mine = [s for s in swaps[a] if s.doc.id == d.id]
            toward = 1 if not d.high else -1  # the English reading should move it this way
            mine.sort(key=lambda s: toward * (s.after - s.before))
            for sw in mine[:top]:
                out += show(sw)
        ranked = sorted(swaps[a], key=lambda s: -s.auc_gain)
        out += [
            "",
            f"== {a}: Finnish turns ranked by the Finnish AUC gained if that one turn were read "
            "as the English recognizer read its original (nested calibration of its fold; a "
            "gain only where the English reading is the right one: see the experts' codes)",
        ]
        for sw in [s for s in ranked if s.auc_gain > 0][: 3 * top]:
            out.append(f"  {sw.doc.id} ({'high' if sw.doc.high else 'low'})")
            out += show(sw)
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="folder with AnnoMI-simple-train.csv and -full-train.csv")
    parser.add_argument("--repeats", type=int, default=5, help="cross-validation repeats")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap replicates")
    parser.add_argument("--source", choices=("recognizer", "experts", "both"), default="both")
    parser.add_argument("--lang", choices=("en", "fi"), default="en")
    parser.add_argument(
        "--cv", action="store_true", help="retrain the recognizer without each held-out fold"
    )
    parser.add_argument("--cache", type=Path, default=CACHE, help="where --cv keeps readings")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--compare-languages",
        action="store_true",
        help="English and Finnish held-out scores per transcript side by side, and the "
        "Finnish readings that cost the Finnish figures most (implies --cv)",
    )
    parser.add_argument("--top", type=int, default=5, help="with --compare-languages: how many")
    parser.add_argument(
        "--axes",
        default="listening,autonomy",
        help="with --compare-languages: the axes whose turns to compare (comma-separated)",
    )
    args = parser.parse_args(argv)
    data = data_dir(args.data)
    docs = load(data)
    if args.compare_languages:
        axes = [a.strip() for a in args.axes.split(",") if a.strip()]
        unknown = [a for a in axes if a not in AXIS_TAGS]
        if unknown:
            parser.error(f"--axes: {unknown[0]} is not one of {', '.join(AXIS_TAGS)}")
        print(compare_languages(docs, args.cache, data, args.top, axes))
        return 0
    if args.lang == "fi":
        docs = finnish(docs)
        if not docs or all(d.high for d in docs) or not any(d.high for d in docs):
            raise SystemExit("the Finnish translation has too few transcripts of each kind")
    sources = ("recognizer", "experts") if args.source == "both" else (args.source,)
    results = []
    for src in sources:
        if src == "recognizer" and args.cv:
            t0 = time.perf_counter()
            nested, shipped, chosen, read = cross_validate_retrained(
                docs, args.lang, args.cache, data
            )
            res = summarise(
                "recognizer retrained per fold, calibration nested", nested, docs, args.boot
            )
            res["chosen"] = chosen
            res["note"] = (
                "Cross-validated: each fold read by a gate trained without it; its calibration "
                "chosen on the other folds, read by gates trained without them and the fold."
            )
            # What shipping would use: the same choice on every out-of-fold reading (this is
            # a fit, not a validation; the figures above validate the procedure).
            res["calibration"] = getattr(
                fit(read, [d.high for d in docs]), "describe", lambda: None
            )()
            res["seconds"] = round(time.perf_counter() - t0, 1)
            results.append(res)
            res = summarise(
                "recognizer retrained per fold, shipped calibration", shipped, docs, args.boot
            )
            res["note"] = (
                "The reading is cross-validated; the shipped calibration is not (it was fit on "
                "all 84)."
            )
            results.append(res)
        else:
            name = src if src == "experts" else "recognizer as shipped (trained on this fold)"
            results.append(
                evaluate(name, transcripts(docs, src, args.lang), docs, args.repeats, args.boot)
            )
    length = length_alone(docs, args.boot)
    n_high = sum(d.high for d in docs)
    print(report(results, length, n_high, len(docs) - n_high, args.lang, args.boot))
    if args.json:
        figures = {
            "length": length,
            "bootstrap": {"resamples": args.boot, "seed": BOOT_SEED},
            "results": results,
        }
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
