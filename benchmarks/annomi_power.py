"""How large a lead over length can the AnnoMI fold show? (issue 13: "clearly above length")

    python benchmarks/annomi_power.py            # English: the held-out scores of --cv
    python benchmarks/annomi_power.py --lang fi  # the Finnish translation
    python benchmarks/annomi_power.py --sims 0   # skip the simulation (seconds)

"Clearly above what length alone gives" is read as: the paired bootstrap 95 % interval of
AUC(axis) - AUC(length) lies above 0 (benchmarks/annomi_scores.py). With 73 high and 11 low
transcripts that interval is wide, and this script says how wide, three ways:

1. **The spread here.** For each axis' nested held-out scores (`annomi_scores.py --cv`, the
   cached readings), the point gap, the paired interval (the same resamples and seed as
   annomi_scores.py) and gap - lower bound: the lead an axis with this spread must show
   before its interval clears 0.
2. **How many low transcripts stand in the way.** The AUC is the mean, over the 11 low
   transcripts, of the share of high ones that outscore each; so one low transcript ranked
   right is worth up to 1/11 = 0.09 of AUC. The low transcripts the axis ranks worst are
   moved below every high one, one at a time, until the paired interval clears 0.
3. **Power.** Binormal scores with a given true AUC (length 0.76, the fold's), the axis
   correlated with length within each class as measured here, 73 + 11 drawn many times:
   how often does the paired interval exclude 0? (numpy; `--sims 0` skips it.)

Nothing here chooses anything: it reads the held-out scores the --cv benchmark reports.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import annomi_scores as bench  # noqa: E402

AXES = ("listening", "pacing", "autonomy", "overall")


def paired(axis: Sequence[float], length: Sequence[float], high: Sequence[bool], boot: int):
    return bench.bootstrap(
        lambda idx: (
            bench.auc([axis[i] for i in idx], [high[i] for i in idx])
            - bench.auc([length[i] for i in idx], [high[i] for i in idx])
        ),
        high,
        boot,
    )


def within_class_rank_correlation(x: Sequence[float], y: Sequence[float], high: Sequence[bool]):
    """Spearman of x and y within each class, averaged weighted by class size."""
    total = 0.0
    for cls in (True, False):
        idx = [i for i, h in enumerate(high) if h is cls]
        total += len(idx) * bench.spearman([x[i] for i in idx], [y[i] for i in idx])
    return total / len(high)


def power(true_auc: float, rho: float, sims: int, reps: int, seed: int = 1) -> float:
    """Share of simulated folds (73 high, 11 low; binormal; length AUC 0.76) whose paired
    bootstrap interval of AUC(axis) - AUC(length) lies above 0."""
    import numpy as np
    from scipy.stats import norm

    rng = np.random.default_rng(seed)
    n_high, n_low = 73, 11
    shift = np.sqrt(2) * np.array([norm.ppf(true_auc), norm.ppf(0.76)])
    cov = [[1.0, rho], [rho, 1.0]]

    def aucs(scores, hi, lo):
        p = np.take_along_axis(scores, hi, -1)[:, :, None]
        q = np.take_along_axis(scores, lo, -1)[:, None, :]
        return ((p > q) + 0.5 * (p == q)).mean(axis=(1, 2))

    cleared = 0
    for _ in range(sims):
        both = np.vstack(
            [
                rng.multivariate_normal(shift, cov, n_high),
                rng.multivariate_normal([0, 0], cov, n_low),
            ]
        )
        hi = rng.integers(0, n_high, (reps, n_high))
        lo = n_high + rng.integers(0, n_low, (reps, n_low))
        axis = np.broadcast_to(both[:, 0], (reps, n_high + n_low))
        length = np.broadcast_to(both[:, 1], (reps, n_high + n_low))
        diff = aucs(axis, hi, lo) - aucs(length, hi, lo)
        cleared += np.quantile(diff, 0.025) > 0
    return cleared / sims


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("en", "fi"), default="en")
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--sims", type=int, default=200, help="simulated folds per point")
    parser.add_argument("--data", help="folder with AnnoMI-simple-train.csv")
    args = parser.parse_args(argv)
    data = bench.data_dir(args.data)
    docs = bench.load(data)
    if args.lang == "fi":
        docs = bench.finnish(docs)
    held, _, _, _ = bench.cross_validate_retrained(docs, args.lang, bench.CACHE, data)
    high = [d.high for d in docs]
    length = [float(d.worker_turns) for d in docs]
    base = bench.auc(length, high)
    print(
        f"AnnoMI ({args.lang}), nested held-out scores: {sum(high)} high, "
        f"{len(high) - sum(high)} low; length alone AUC {base:.3f}; paired bootstrap "
        f"{args.boot} resamples, seed {bench.BOOT_SEED}"
    )
    print(
        f"{'axis':<10} {'AUC':>6} {'gap':>7} {'paired 95 %':>17} {'gap-lower':>9}  "
        "worst low transcripts ranked below every high one, one at a time: AUC (lower bound)"
    )
    rhos = []
    for a in AXES:
        scores = list(held[a])
        point = bench.auc(scores, high)
        lo, hi = paired(scores, length, high, args.boot)
        first_lo = lo
        rhos.append(within_class_rank_correlation(scores, length, high))
        steps, moved = [], []
        lows = [i for i, h in enumerate(high) if not h]
        while lo <= 0 and len(moved) < len(lows):
            # The low transcript that the most high ones fail to outscore.
            worst = max(
                (i for i in lows if i not in moved),
                key=lambda i: sum(
                    (scores[j] < scores[i]) + 0.5 * (scores[j] == scores[i])
                    for j, h in enumerate(high)
                    if h
                ),
            )
            moved.append(worst)
            scores[worst] = min(s for s, h in zip(scores, high, strict=True) if h) - 1
            lo_, _ = paired(scores, length, high, args.boot)
            steps.append(f"{docs[worst].id}: {bench.auc(scores, high):.3f} ({lo_:+.3f})")
            lo = lo_
        print(
            f"{a:<10} {point:>6.3f} {point - base:>+7.3f} "
            f"[{first_lo:+.3f}, {hi:+.3f}] {point - base - first_lo:>9.3f}  "
            + ("; ".join(steps) if steps else "already clear")
        )
    if args.sims:
        rho = sum(rhos) / len(rhos)
        print(
            f"\nPower: P(paired lower bound > 0) over {args.sims} simulated folds "
            f"(binormal, 73 + 11, length AUC 0.76, within-class rank correlation with "
            f"length {rho:.2f} as measured here, {args.boot // 2} resamples each)"
        )
        for true_auc in (0.86, 0.90, 0.93, 0.95, 0.97):
            share = power(true_auc, rho, args.sims, args.boot // 2)
            print(f"  true AUC {true_auc:.2f}: {share:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
