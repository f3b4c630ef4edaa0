"""External-style validity check: do whole counselling transcripts of known quality score right?

    python benchmarks/external.py              # both languages
    python benchmarks/external.py --lang en    # one language

The data: `benchmarks/external_data/<lang>/*.jsonl`, one transcript per file, one JSON object
per line (`{"speaker": "worker" | "client", "text": ...}`), scored with no scenario through the
same code path as `kohtaamo assess FILE --lang LANG --json` (the CLI's `main`, in-process).

How the data was made: written on 2026-11-23 by a helper who had NOT read the scorer or the
recognizer (`simulator/scoring/`, `simulator/language/`, their lexicons or test corpora) and
treated `kohtaamo assess` as a black box; only README.md, docs/scoring.md and the domain notes
were read. The transcripts imitate AnnoMI-style transcribed motivational-interviewing sessions
(English: spoken style with fillers, back-channels, long counsellor turns; Finnish: transcribed
puhekieli) on alcohol, smoking, medication, diet, debt, parenting, child protection, income
support and loneliness. **They are not human-rated data**: the label is the writer's intent.
`hi_*` files were written as high-quality MI (reflections outnumber questions, complex
reflections, open questions, affirmations, autonomy support, permission before information);
`lo_*` as low-quality practice (righting reflex, unasked advice, warnings, closed-question
interrogation, confronting, labelling, dismissing); `mid_*` as mixed practice (printed, but left
out of the AUC). Both quality groups hold short (8-12 worker turns) and long (25-50) sessions, so
that length is not confounded with quality; `_short` / `_long` in the file name says which.
The data were written before the scorer was first run on them and not edited afterwards to
change a score.

Printed per language: the scores of every file; mean overall of high vs low; AUC per axis
(probability that a random high file outscores a random low one, ties count half); Spearman's
rho between overall and the number of worker turns within each quality group (should be near
0: the score should rest on what the worker did, not on how long the session was). Targets:
AUC >= 0.8 on every axis, |rho| well below 0.5. With 5-6 files per group rho is noisy.

Also printed (`--no-probe` skips it): a padding probe. Each short hi/lo file is scored again
with ten neutral intake exchanges (date of birth, address, GP... closed questions with short
answers) put in front of it. The worker did nothing better or worse in the original part, so
pacing and honouring choices should barely move; listening may drop a little (more questions).

    python benchmarks/external.py --turns lo_smoking   # per-turn readings of matching files

Exit status: 0 unless a file could not be scored (a crash).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # validity.py beside this script

import validity  # noqa: E402

from simulator.cli import main as kohtaamo_main  # noqa: E402

DATA = Path(__file__).parent / "external_data"
AXES = ("listening", "pacing", "autonomy", "overall")
AUC_TARGET = 0.8
RHO_LIMIT = 0.5


def assess(path: Path, lang: str) -> dict:
    """Scores of one transcript, exactly as `kohtaamo assess PATH --lang LANG --json` gives them."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = kohtaamo_main(["assess", str(path), "--lang", lang, "--json"])
    if code:
        raise RuntimeError(f"kohtaamo assess exited with {code}")
    return json.loads(out.getvalue())


def worker_stats(path: Path) -> tuple[int, int]:
    """Number of worker turns and worker words in a transcript."""
    turns = words = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("speaker") == "worker":
                turns += 1
                words += len(str(row.get("text", "")).split())
    return turns, words


def auc(high: list[float], low: list[float]) -> float:
    """P(random high > random low), ties count half (Mann-Whitney U / n1 n2)."""
    if not high or not low:
        return float("nan")
    wins = sum(1.0 if h > lo else 0.5 if h == lo else 0.0 for h in high for lo in low)
    return wins / (len(high) * len(low))


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rho (validity.py's); nan when there are too few or no spread."""
    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return float("nan")
    return validity.spearman(xs, ys)


def label(path: Path) -> tuple[str, str]:
    """(quality, length) from a name like hi_alcohol_long.jsonl."""
    parts = path.stem.split("_")
    quality = parts[0] if parts[0] in ("hi", "lo", "mid") else "?"
    length = parts[-1] if parts[-1] in ("short", "long") else "?"
    return quality, length


def run_language(lang: str) -> tuple[list[dict], bool]:
    """Score every file of one language and print the table and the figures."""
    rows: list[dict] = []
    crashed = False
    files = sorted((DATA / lang).glob("*.jsonl"))
    print(f"\n=== {lang}: {len(files)} transcripts ===")
    print(f"{'file':34} {'q':>3} {'turns':>5} {'words':>5}  list pace auto  overall")
    for path in files:
        quality, length = label(path)
        turns, words = worker_stats(path)
        try:
            scores = assess(path, lang)
        except Exception as exc:  # a crash: report it, keep going, exit non-zero at the end
            print(f"{path.name:34} CRASH: {type(exc).__name__}: {exc}")
            crashed = True
            continue
        row = {"file": path.name, "quality": quality, "length": length, "turns": turns}
        row["words"] = words
        row.update({axis: float(scores[axis]) for axis in AXES})
        rows.append(row)
        axes = " ".join(f"{row[a]:4.0f}" for a in AXES[:3])
        print(f"{path.name:34} {quality:>3} {turns:5d} {words:5d}  {axes}  {row['overall']:7.0f}")
    high = [r for r in rows if r["quality"] == "hi"]
    low = [r for r in rows if r["quality"] == "lo"]
    print(f"\n{lang}: high n={len(high)}, low n={len(low)} (mid files are not in the figures)")
    for name, group in (("high", high), ("low", low)):
        if group:
            by_len = {
                ln: statistics.fmean(r["overall"] for r in group if r["length"] == ln)
                for ln in ("short", "long")
                if any(r["length"] == ln for r in group)
            }
            parts = ", ".join(f"{ln} {v:.1f}" for ln, v in by_len.items())
            mean = statistics.fmean(r["overall"] for r in group)
            print(f"  mean overall {name:4}: {mean:5.1f}   ({parts})")
    print("  AUC (high > low):")
    for axis in AXES:
        value = auc([r[axis] for r in high], [r[axis] for r in low])
        flag = "" if value >= AUC_TARGET else f"   <-- below {AUC_TARGET}"
        print(f"    {axis:10} {value:5.2f}{flag}")
    print("  Spearman rho, overall vs worker turns (within group):")
    for name, group in (("high", high), ("low", low)):
        rho = spearman([r["turns"] for r in group], [r["overall"] for r in group])
        rho_w = spearman([r["words"] for r in group], [r["overall"] for r in group])
        flag = "   <-- strong" if abs(rho) >= RHO_LIMIT else ""
        print(f"    {name:4} n={len(group)}: turns {rho:+5.2f}  (worker words {rho_w:+5.2f}){flag}")
    return rows, crashed


#: neutral intake exchanges (worker, client) for the padding probe
INTAKE = {
    "en": [
        ("Can I take your date of birth?", "Twelfth of March, eighty-one."),
        ("And you're still at the same address?", "Yes."),
        ("Is that rented or your own?", "Rented."),
        ("Who else lives there with you?", "Just me and the kids."),
        ("Are you registered with a GP?", "Yes."),
        ("Any health problems we should know about?", "No."),
        ("Have you been to us before?", "No, never."),
        ("Is this the best number to reach you on?", "Yes, that's my mobile."),
        ("Are you okay with us sending letters to that address?", "Yeah, that's fine."),
        ("Did you bring any ID with you?", "My driving licence."),
    ],
    "fi": [
        ("Saisinko sun henkilötunnuksen?", "Se on kaks-nolla-nolla-kolme-kaheksankytyks."),
        ("Ja osote on edelleen sama?", "Joo."),
        ("Onks se vuokra-asunto?", "On."),
        ("Kuka siellä asuu sun kanssa?", "Mä ja lapset."),
        ("Onks sulla omalääkäri terveysasemalla?", "On."),
        ("Onks sulla jotain sairauksia, mitä meidän pitäis tietää?", "Ei oo."),
        ("Ootko käyny meillä aiemmin?", "En oo."),
        ("Onks tää numero paras, mistä sut tavottaa?", "Joo, se on mun kännykkä."),
        ("Käykö, että kirjeet tulee tohon osotteeseen?", "Käy."),
        ("Onks sulla henkilöllisyystodistus mukana?", "Ajokortti."),
    ],
}


def padding_probe(lang: str) -> None:
    """Score the short hi/lo files again with ten neutral intake exchanges in front."""
    pad = []
    for worker, client in INTAKE[lang]:
        pad += [{"speaker": "worker", "text": worker}, {"speaker": "client", "text": client}]
    print(f"  padding probe ({lang}): +10 neutral intake exchanges in front of each short file")
    print(f"    {'file':34} {'list':>9} {'pace':>9} {'auto':>9} {'overall':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((DATA / lang).glob("*_short.jsonl")):
            if label(path)[0] not in ("hi", "lo"):
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            rows = [json.loads(x) for x in lines if x.strip()]
            padded = Path(tmp) / path.name
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pad + rows)
            padded.write_text(text, encoding="utf-8")
            before, after = assess(path, lang), assess(padded, lang)
            cells = " ".join(f"{before[a]:3.0f}->{after[a]:3.0f}" for a in AXES)
            print(f"    {path.name:34} {cells}")


def show_turns(pattern: str) -> None:
    """Per-turn readings (moves, mode, effects on the axes) of the files whose name matches."""
    for lang in ("en", "fi"):
        for path in sorted((DATA / lang).glob(f"*{pattern}*.jsonl")):
            scores = assess(path, lang)
            head = " ".join(f"{a} {scores[a]}" for a in AXES)
            print(f"\n{lang}/{path.name}: {head}")
            for turn in scores.get("turns", []):
                effects = turn.get("effects", {})
                deltas = " ".join(
                    f"{ax[0]}{v['delta']:+g}" for ax, v in effects.items() if v["delta"]
                )
                keys = ", ".join(r["key"] for v in effects.values() for r in v["reasons"])
                moves = ",".join(turn.get("moves") or []) or "-"
                mode = turn.get("mode") or "-"
                print(f"{turn['index']:3} {moves:40} {mode:12} {deltas:18} {turn['worker']}")
                if keys:
                    print(f"{'':4}{keys}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("en", "fi"), help="one language only")
    parser.add_argument("--no-probe", action="store_true", help="skip the padding probe")
    parser.add_argument("--turns", metavar="PATTERN", help="per-turn readings of matching files")
    args = parser.parse_args(argv)
    if args.turns:
        show_turns(args.turns)
        return 0
    start = time.perf_counter()
    crashed = False
    for lang in [args.lang] if args.lang else ["en", "fi"]:
        _, failed = run_language(lang)
        crashed = crashed or failed
        if not args.no_probe:
            padding_probe(lang)
    print(f"\n{time.perf_counter() - start:.1f} s")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
