"""The skilled-replay gate for recognizer changes (issue 12).

    python benchmarks/skilled_replay.py                    # figures per language
    python benchmarks/skilled_replay.py --list             # and every misread labelled turn
    python benchmarks/skilled_replay.py --write before.json
    python benchmarks/skilled_replay.py --against before.json   # what changed since

Replays every free-text meeting in benchmarks/credibility_data/meetings/ (blind or not,
through `Session` with the real recognizer and the stored seed, as benchmarks/credibility.py
plays them) and prints, per language:

- *skilled turns read as blaming or rejecting*: of the worker turns the judge labelled
  `skilled`, how many the recognizer put in a harsh mode. A skilled student told they
  pushed learns the wrong thing, and their client stops opening up;
- *pushing turns read as encountering*: of the turns labelled `pushing`, how many were heard
  as listening;
- *skilled meetings at the good ending*: how many of the meetings written in the skilled
  style reach the good ending (a misread turn can lead the client elsewhere).

Issue 12's bounds are ≤ 3 % and ≤ 10 % for the first two. A recognizer change must not worsen
the skilled figures: run `--write` on the tree before the change and `--against` after it,
which lists every labelled turn whose mode changed and every meeting whose ending changed.
The labels are the judges' (benchmarks/credibility_data/judgements/); a turn nobody labelled
counts in neither figure. Meetings were written against earlier engines, so the client's later
lines may differ from what the writer saw: the worker's words are what is read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.credibility import (  # noqa: E402
    DATA,
    HARSH_MODES,
    Played,
    judge,
    play,
    read_judgements,
    read_meetings,
    read_worker_kinds,
)
from simulator.scenario.loader import load_library  # noqa: E402

LANGUAGES = ("fi", "en")


def replay(data: Path = DATA) -> dict[str, list[Played]]:
    """Every meeting played at the current engine, by the scenario's language."""
    scenarios, _problems = load_library()
    by_id = {s.id: s for s in scenarios}
    judgements = read_judgements(data / "judgements")
    kinds = read_worker_kinds(data / "judgements")
    out: dict[str, list[Played]] = {lang: [] for lang in LANGUAGES}
    for meeting in read_meetings(data / "meetings"):
        scenario = by_id.get(meeting.scenario)
        if scenario is None:
            raise SystemExit(f"{meeting.path}: no bundled scenario {meeting.scenario!r}")
        played = play(meeting, scenario)
        judge(played, judgements, kinds)
        out.setdefault(scenario.language, []).append(played)
    return out


def figures(played: list[Played]) -> dict[str, object]:
    replies = [r for p in played for r in p.replies]
    skilled = [r for r in replies if r.kind == "skilled"]
    pushing = [r for r in replies if r.kind == "pushing"]
    skilled_meetings = [p for p in played if p.meeting.style == "skilled"]
    hurried_meetings = [p for p in played if p.meeting.style == "hurried"]
    return {
        "skilled_turns": len(skilled),
        "skilled_read_harsh": sum(r.mode in HARSH_MODES for r in skilled),
        "pushing_turns": len(pushing),
        "pushing_read_encountering": sum(r.mode == "encountering" for r in pushing),
        "skilled_meetings": len(skilled_meetings),
        "skilled_good": sum(p.outcome == "good" for p in skilled_meetings),
        "hurried_meetings": len(hurried_meetings),
        "hurried_good": sum(p.outcome == "good" for p in hurried_meetings),
    }


def share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.1f} %)" if whole else f"{part} of 0"


def report(by_lang: dict[str, list[Played]]) -> list[str]:
    lines = []
    rows = [(lang, by_lang[lang]) for lang in by_lang] + [
        ("all", [p for v in by_lang.values() for p in v])
    ]
    for lang, played in rows:
        f = figures(played)
        lines += [
            f"{lang} ({len(played)} meetings):",
            "  skilled turns read as blaming or rejecting: "
            f"{share(f['skilled_read_harsh'], f['skilled_turns'])}   (issue 12: ≤ 3 %)",
            "  pushing turns read as encountering:         "
            f"{share(f['pushing_read_encountering'], f['pushing_turns'])}   (issue 12: ≤ 10 %)",
            "  skilled meetings at the good ending:        "
            f"{f['skilled_good']} of {f['skilled_meetings']}"
            f"   (hurried at the good ending: {f['hurried_good']} of {f['hurried_meetings']})",
        ]
    return lines


def misread(by_lang: dict[str, list[Played]]) -> list[str]:
    lines = []
    for lang, played in by_lang.items():
        for p in played:
            for r in p.replies:
                wrong = (r.kind == "skilled" and r.mode in HARSH_MODES) or (
                    r.kind == "pushing" and r.mode == "encountering"
                )
                if wrong:
                    lines.append(
                        f"{lang} {r.kind:8} -> {r.mode:12} {'+'.join(r.moves):40} "
                        f"{p.meeting.id} t{r.turn}: {r.worker}"
                    )
    return lines


def readings(by_lang: dict[str, list[Played]]) -> dict[str, object]:
    """What `--write` keeps: each labelled turn's reading and each meeting's ending."""
    return {
        "turns": {
            f"{p.meeting.id} t{r.turn}": {
                "kind": r.kind,
                "mode": r.mode,
                "moves": list(r.moves),
                "worker": r.worker,
            }
            for played in by_lang.values()
            for p in played
            for r in p.replies
        },
        "endings": {p.meeting.id: p.outcome or "not ended" for v in by_lang.values() for p in v},
    }


def against(before: dict, now: dict) -> list[str]:
    lines = []
    for key, turn in now["turns"].items():
        old = before["turns"].get(key)
        if old is None or old["worker"] != turn["worker"] or old["mode"] == turn["mode"]:
            continue
        lines.append(
            f"{turn['kind'] or 'unlabelled':10} {old['mode']} -> {turn['mode']} "
            f"({'+'.join(old['moves'])} -> {'+'.join(turn['moves'])}) {key}: {turn['worker']}"
        )
    for meeting, ending in now["endings"].items():
        old = before["endings"].get(meeting)
        if old is not None and old != ending:
            lines.append(f"ending {old} -> {ending}: {meeting}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list", action="store_true", help="list the misread labelled turns")
    parser.add_argument("--write", type=Path, metavar="FILE", help="keep the readings as JSON")
    parser.add_argument(
        "--against", type=Path, metavar="FILE", help="list what changed since --write FILE"
    )
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("--data", type=Path, default=DATA, help="data folder")
    args = parser.parse_args(argv)

    by_lang = replay(args.data)
    if args.json:
        out = {lang: figures(v) for lang, v in by_lang.items()}
        print(json.dumps(out, indent=2))
    else:
        print("\n".join(report(by_lang)))
    if args.list:
        print()
        print("\n".join(misread(by_lang)))
    if args.write:
        args.write.write_text(
            json.dumps(readings(by_lang), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    if args.against:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        changes = against(before, readings(by_lang))
        print()
        print(f"{len(changes)} changes since {args.against}:")
        print("\n".join(changes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
