"""AnnoMI training fold in Finnish: carry the labels over from the CSVs and check the files.

    python tools/annomi_fi.py show TID        # the English transcript, one line per utterance
    python tools/annomi_fi.py add DRAFT...    # merge translated drafts into tests/data/annomi_fi/
    python tools/annomi_fi.py validate        # translated transcripts complete, labels = CSV
    python tools/annomi_fi.py stats           # what is done, per register and MI quality

The translations are written by hand (see tests/data/annomi_fi/README.md); this script never
writes a label from anything but the source CSVs, so a translator cannot mistype one. A draft
is a text file:

    # transcript 17 spoken
    0	Suomenkielinen repliikki.
    1	...

one line per utterance id (tab or spaces after the id). `add` replaces the whole transcript in
its range file, so a transcript is either fully translated or absent.

The source is the AnnoMI training fold in ../shared/data/annomi/ (public domain; Wu et al.,
"Anno-MI: A Dataset of Expert-Annotated Counselling Dialogues", ICASSP 2022).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "annomi_fi"
REGISTERS = ("spoken", "written")
SUBTYPES = ("question", "reflection", "therapist_input")
# Files hold transcripts by id range so a landing touches few files and diffs stay readable.
RANGE = 20
FIELDS = (
    "transcript_id",
    "utterance_id",
    "interlocutor",
    "mi_quality",
    "topic",
    "text_en",
    "text_fi",
    "register",
    "main_therapist_behaviour",
    "client_talk_type",
    "question_subtype",
    "reflection_subtype",
    "therapist_input_subtype",
    "n_annotators",
)


def source_dir() -> Path | None:
    """The shared AnnoMI folder: $ANNOMI_DIR, else ../shared beside the clone, else /work/shared."""
    candidates = [os.environ.get("ANNOMI_DIR")] if os.environ.get("ANNOMI_DIR") else []
    candidates += [ROOT.parent / "shared" / "data" / "annomi", Path("/work/shared/data/annomi")]
    for c in candidates:
        p = Path(c)
        if (p / "AnnoMI-simple-train.csv").is_file() and (p / "AnnoMI-full-train.csv").is_file():
            return p
    return None


def _na(value: str) -> str | None:
    return None if value in ("", "n/a") else value


def _majority(votes: list[tuple[str, str, bool]]) -> str | None:
    """Most frequent subtype; a tie is settled first by the annotators who agree with the
    utterance's main behaviour, then by the lowest annotator id (never by label order, so no
    subtype is favoured)."""
    counts = Counter(v for v, _, _ in votes)
    best = max(counts.values())
    tied = [v for v, n in counts.items() if n == best]
    if len(tied) == 1:
        return tied[0]
    agreeing = Counter(v for v, _, agrees in votes if agrees and v in tied)
    if agreeing:
        top = max(agreeing.values())
        tied = [v for v in tied if agreeing.get(v, 0) == top]
        if len(tied) == 1:
            return tied[0]
    return min((int(a), v) for v, a, _ in votes if v in tied)[1]


def load_labels(src: Path) -> dict[int, list[dict]]:
    """Per transcript, the utterances in order with every label column built from the CSVs.

    The 4-way behaviour and client talk type come from the simple file (they equal the majority
    over annotators there). A subtype is filled when at least half of the utterance's annotators
    mark it present (one annotator for most utterances, ten for 230), with the majority subtype.
    """
    full: dict[tuple[str, str], list[dict]] = defaultdict(list)
    with open(src / "AnnoMI-full-train.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            full[(row["transcript_id"], row["utterance_id"])].append(row)
    out: dict[int, list[dict]] = defaultdict(list)
    with open(src / "AnnoMI-simple-train.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            annotators = full[(row["transcript_id"], row["utterance_id"])]
            rec = {
                "transcript_id": int(row["transcript_id"]),
                "utterance_id": int(row["utterance_id"]),
                "interlocutor": row["interlocutor"],
                "mi_quality": row["mi_quality"],
                "topic": row["topic"].strip(),
                "text_en": row["utterance_text"],
                "main_therapist_behaviour": _na(row["main_therapist_behaviour"]),
                "client_talk_type": _na(row["client_talk_type"]),
                "n_annotators": len(annotators),
            }
            for kind in SUBTYPES:
                votes = [
                    (
                        a[f"{kind}_subtype"],
                        a["annotator_id"],
                        a["main_therapist_behaviour"] == row["main_therapist_behaviour"],
                    )
                    for a in annotators
                    if a[f"{kind}_exists"] == "True"
                ]
                present = votes and 2 * len(votes) >= len(annotators)
                rec[f"{kind}_subtype"] = _majority(votes) if present else None
            out[rec["transcript_id"]].append(rec)
    for utts in out.values():
        utts.sort(key=lambda r: r["utterance_id"])
    return dict(out)


def range_file(tid: int) -> Path:
    lo = (tid - 1) // RANGE * RANGE + 1
    return OUT / f"t{lo:03d}-t{lo + RANGE - 1:03d}.jsonl"


def read_files(out: Path = OUT) -> dict[Path, list[dict]]:
    files = {}
    for path in sorted(out.glob("t*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            files[path] = [json.loads(line) for line in fh if line.strip()]
    return files


def read_draft(path: Path) -> tuple[int, str, dict[int, str]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    head = lines[0].split()
    if len(head) != 4 or head[:2] != ["#", "transcript"] or head[3] not in REGISTERS:
        raise SystemExit(f"{path}: first line must be '# transcript N spoken|written'")
    texts: dict[int, str] = {}
    for n, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        uid, _, text = line.strip().partition(" ") if "\t" not in line else line.partition("\t")
        uid, text = int(uid.strip()), text.strip()
        if uid in texts:
            raise SystemExit(f"{path}:{n}: utterance {uid} twice")
        if not text:
            raise SystemExit(f"{path}:{n}: utterance {uid} has no translation")
        texts[uid] = text
    return int(head[2]), head[3], texts


def add(drafts: list[Path], labels: dict[int, list[dict]]) -> None:
    files = read_files()
    for draft in drafts:
        tid, register, texts = read_draft(draft)
        source = labels[tid]
        missing = [r["utterance_id"] for r in source if r["utterance_id"] not in texts]
        extra = sorted(set(texts) - {r["utterance_id"] for r in source})
        if missing or extra:
            raise SystemExit(f"{draft}: transcript {tid} missing {missing} extra {extra}")
        recs = [
            {k: {**r, "text_fi": texts[r["utterance_id"]], "register": register}[k] for k in FIELDS}
            for r in source
        ]
        path = range_file(tid)
        kept = [r for r in files.get(path, []) if r["transcript_id"] != tid]
        files[path] = sorted(kept + recs, key=lambda r: (r["transcript_id"], r["utterance_id"]))
        print(f"transcript {tid}: {len(recs)} utterances ({register}) -> {path.name}")
    OUT.mkdir(parents=True, exist_ok=True)
    for path, recs in files.items():
        with open(path, "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def validate(labels: dict[int, list[dict]], out: Path = OUT) -> list[str]:
    """Problems in the shipped files (empty list = valid): each translated transcript complete,
    each utterance once, every label and the English text equal to the CSVs, a Finnish text and
    one register per transcript, each transcript in its range file."""
    problems: list[str] = []
    seen: dict[int, list[dict]] = defaultdict(list)
    for path, recs in read_files(out).items():
        for r in recs:
            if set(r) != set(FIELDS):
                problems.append(
                    f"{path.name}: {r.get('transcript_id')}/{r.get('utterance_id')} "
                    f"fields {sorted(set(r) ^ set(FIELDS))}"
                )
                continue
            if range_file(r["transcript_id"]).name != path.name:
                problems.append(f"{path.name}: transcript {r['transcript_id']} in the wrong file")
            seen[r["transcript_id"]].append(r)
    for tid, recs in sorted(seen.items()):
        if tid not in labels:
            problems.append(f"transcript {tid} is not in the training fold")
            continue
        source = {r["utterance_id"]: r for r in labels[tid]}
        ids = Counter(r["utterance_id"] for r in recs)
        for uid, n in ids.items():
            if n > 1:
                problems.append(f"transcript {tid}: utterance {uid} appears {n} times")
            if uid not in source:
                problems.append(f"transcript {tid}: utterance {uid} not in the source")
        for uid in source:
            if uid not in ids:
                problems.append(f"transcript {tid}: utterance {uid} missing")
        if len({r["register"] for r in recs}) != 1 or recs[0]["register"] not in REGISTERS:
            problems.append(f"transcript {tid}: register {sorted({r['register'] for r in recs})}")
        for r in recs:
            src = source.get(r["utterance_id"])
            if src is None:
                continue
            for k, v in src.items():
                if r[k] != v:
                    problems.append(f"transcript {tid}/{r['utterance_id']}: {k} {r[k]!r} != {v!r}")
            if not isinstance(r["text_fi"], str) or not r["text_fi"].strip():
                problems.append(f"transcript {tid}/{r['utterance_id']}: no Finnish text")
            elif r["text_fi"].strip() == r["text_en"].strip() and len(r["text_en"]) > 12:
                problems.append(f"transcript {tid}/{r['utterance_id']}: text_fi is the English")
        order = [r["utterance_id"] for r in recs]
        if order != sorted(order):
            problems.append(f"transcript {tid}: utterances out of order")
    return problems


def stats(labels: dict[int, list[dict]]) -> dict:
    done: Counter = Counter()
    tids: dict[tuple, set] = defaultdict(set)
    for recs in read_files().values():
        for r in recs:
            for key in (
                ("all",),
                (r["register"],),
                (r["mi_quality"],),
                (r["interlocutor"],),
                (r["register"], r["mi_quality"]),
            ):
                done[key] += 1
                tids[key].add(r["transcript_id"])
    total = sum(len(v) for v in labels.values())
    return {
        "transcripts": {"/".join(k): len(v) for k, v in sorted(tids.items())},
        "utterances": {"/".join(k): n for k, n in sorted(done.items())},
        "fold": {"transcripts": len(labels), "utterances": total},
    }


def progress_table(labels: dict[int, list[dict]]) -> str:
    """Markdown table of what is translated, for the data folder's README."""
    done: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    tids: set[int] = set()
    for recs in read_files().values():
        for r in recs:
            for key in (
                (r["register"], r["mi_quality"]),
                (r["register"], "all"),
                ("all", r["mi_quality"]),
                ("all", "all"),
            ):
                done[key][1] += 1
                done[key][2] += r["interlocutor"] == "therapist"
            if r["transcript_id"] not in tids:
                tids.add(r["transcript_id"])
                for key in (
                    (r["register"], r["mi_quality"]),
                    (r["register"], "all"),
                    ("all", r["mi_quality"]),
                    ("all", "all"),
                ):
                    done[key][0] += 1
    fold_t = len(labels)
    fold_u = sum(len(v) for v in labels.values())
    rows = [
        "| register | MI quality | transcripts | utterances | of which therapist |",
        "|---|---|---:|---:|---:|",
    ]
    for reg in (*REGISTERS, "all"):
        for q in ("high", "low", "all"):
            t, u, th = done[(reg, q)]
            rows.append(f"| {reg} | {q} | {t} | {u} | {th} |")
    rows.append(
        f"\nOf the fold's {fold_t} transcripts and {fold_u} utterances: "
        f"{done[('all', 'all')][0]} transcripts, {done[('all', 'all')][1]} utterances "
        f"({100 * done[('all', 'all')][1] / fold_u:.0f} %)."
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("tid", type=int, nargs="+")
    sub.add_parser("add").add_argument("drafts", type=Path, nargs="+")
    sub.add_parser("validate")
    sub.add_parser("stats").add_argument(
        "--markdown", action="store_true", help="the progress table for the README"
    )
    args = ap.parse_args(argv)
    src = source_dir()
    if src is None:
        print(
            "AnnoMI training fold not found (../shared/data/annomi or $ANNOMI_DIR)", file=sys.stderr
        )
        return 2
    labels = load_labels(src)
    if args.cmd == "show":
        for tid in args.tid:
            utts = labels[tid]
            print(f"# transcript {tid} ({utts[0]['mi_quality']}; {utts[0]['topic']})")
            for r in utts:
                tag = {"therapist": "T", "client": "C"}[r["interlocutor"]]
                lab = r["main_therapist_behaviour"] or r["client_talk_type"]
                print(f"{r['utterance_id']}\t{tag} [{lab}] {r['text_en']}")
    elif args.cmd == "add":
        add(args.drafts, labels)
    elif args.cmd == "validate":
        problems = validate(labels)
        for p in problems:
            print(p)
        n = sum(len(v) for v in read_files().values())
        verdict = "INVALID" if problems else "valid"
        print(f"{verdict}: {n} utterances checked, {len(problems)} problems")
        return 1 if problems else 0
    elif args.cmd == "stats":
        print(progress_table(labels) if args.markdown else json.dumps(stats(labels), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
