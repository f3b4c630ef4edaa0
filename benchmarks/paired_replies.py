"""Paired blind judging of what an engine change alters in the stored meetings (issue 14).

    python benchmarks/paired_replies.py dump ENGINE_ROOT OUT.json      # replay with one engine tree
    python benchmarks/paired_replies.py make BEFORE.json AFTER.json DIR  # items for the judges
    python benchmarks/paired_replies.py score DIR                      # what the judges said

`credibility.py` counts a reply that an engine change alters as *missing*: the judged misfit it
replaced disappears from the count whatever the new words are, so the misfit rate over stored
meetings falls with any change. This benchmark asks instead. `dump` replays every stored meeting
with the engine tree at ENGINE_ROOT (a checkout of any commit; run it with a Python that has the
dependencies) and writes its replies. `make` takes two dumps and, per meeting, the FIRST reply
that differs: everything said before it is the same, so the worker's line was written to the same
meeting and both replies answer it. It writes, per language, `items_<lang>.md` (the last four
exchanges, the worker's line and the two replies as A and B in a seeded random order, with no
sign of which is new), `answers_<lang>.json` (a template: `A_fits`, `B_fits`, `better`, `why`) and
`key.json` (which letter is the new engine's, and the first judges' verdicts on the old reply).
Judges who never see the key fill the answers in and save them as `judged_<lang>.json`; `score`
prints, per language: how often the new and the old reply fit, which one the judges preferred,
and the replies the change broke (old fits, new does not).

Later differences in a meeting are left out: after the first changed reply the stored worker
lines answer words the client no longer says. The stop-43 judging is in
credibility_data/paired/61467d0/ (README.md there).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

DATA = Path(__file__).parent / "credibility_data"
CONTEXT_EXCHANGES = 4


def dump(root: Path, out: Path) -> int:
    """Replay every stored meeting with the engine tree at `root`, in this process: `root` goes
    first on the import path and an editable install of another tree is set aside."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
    sys.path[:0] = [str(root), str(root / "benchmarks")]
    for name in [n for n in sys.modules if n == "simulator" or n.startswith("simulator.")]:
        del sys.modules[name]
    sys.modules.pop("credibility", None)
    import credibility  # noqa: PLC0415 - the tree's own, imported after the path is set

    if not credibility.__file__.startswith(str(root)):
        raise SystemExit(f"{credibility.__file__} is not under {root}")
    scenarios, _ = credibility.load_library()
    by_id = {s.id: s for s in scenarios}
    replies = {}
    for meeting in credibility.read_meetings(DATA / "meetings"):
        played = credibility.play(meeting, by_id[meeting.scenario])
        replies[meeting.id] = {
            "outcome": played.outcome,
            "replies": [[r.turn, r.worker, r.client] for r in played.replies],
        }
    out.write_text(json.dumps(replies, ensure_ascii=False), encoding="utf-8")
    print(f"{len(replies)} meetings replayed with {root}")
    return 0


def first_judgements() -> dict[tuple[str, int, str], bool]:
    """The first judges' verdict per (meeting, turn, reply judged)."""
    verdicts = {}
    for path in sorted((DATA / "judgements").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for turn in data.get("turns", []):
            if turn.get("fits") is not None:
                verdicts[(data["meeting"], turn["turn"], turn["client"])] = turn["fits"]
    return verdicts


def pairs(before: dict, after: dict, seed: int = 4343) -> tuple[dict[str, list], dict[str, dict]]:
    """Per language, the first differing reply of each meeting as an item; and the key."""
    rng = random.Random(seed)
    judged = first_judgements()
    items: dict[str, list] = {"en": [], "fi": []}
    key: dict[str, dict] = {}
    for meeting in sorted(before):
        old = before[meeting]["replies"]
        new = after.get(meeting, {}).get("replies", [])
        for index, (was, now) in enumerate(zip(old, new, strict=False)):
            if was[2] == now[2]:
                continue
            lang = "fi" if meeting.startswith("fi-") else "en"
            item = f"{lang}{len(items[lang]) + 1:03d}"
            new_is_a = rng.random() < 0.5
            context = [(r[1], r[2]) for r in old[max(0, index - CONTEXT_EXCHANGES) : index]]
            a, b = (now[2], was[2]) if new_is_a else (was[2], now[2])
            items[lang].append((item, meeting, context, was[1], a, b))
            key[item] = {
                "meeting": meeting,
                "turn": was[0],
                "new": "A" if new_is_a else "B",
                "old": was[2],
                "new_reply": now[2],
                "old_judged_fits": judged.get((meeting, was[0], was[2])),
            }
            break
    return items, key


def scenario_of(meeting: str) -> str:
    for style in ("-skilled-", "-hurried-"):
        if style in meeting:
            return meeting.split(style)[0]
    return meeting


def make(before_path: Path, after_path: Path, folder: Path, seed: int) -> int:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    items, key = pairs(before, after, seed)
    folder.mkdir(parents=True, exist_ok=True)
    for lang, rows in items.items():
        lines = [f"# Paired replies ({lang}), {len(rows)} items\n"]
        for item, meeting, context, worker, a, b in rows:
            lines.append(f"## {item} · scenario {scenario_of(meeting)}\n")
            lines += [f"- WORKER: {w}\n- CLIENT: {c}" for w, c in context]
            lines.append(f"\n**WORKER (now): {worker}**\n\n- **A:** {a}\n- **B:** {b}\n")
        (folder / f"items_{lang}.md").write_text("\n".join(lines), encoding="utf-8")
        template = [
            {"id": r[0], "A_fits": None, "B_fits": None, "better": None, "why": ""} for r in rows
        ]
        (folder / f"answers_{lang}.json").write_text(
            json.dumps(template, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    (folder / "key.json").write_text(
        json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print({lang: len(rows) for lang, rows in items.items()})
    return 0


def tally(answers: list[dict], key: dict[str, dict]) -> dict[str, object]:
    """How the judges found the new and the old reply of each item."""
    counts = {"items": 0, "new_fits": 0, "old_fits": 0, "new_better": 0, "old_better": 0, "same": 0}
    broke, mended = [], []
    for answer in answers:
        entry = key[answer["id"]]
        new = entry["new"]
        old = "B" if new == "A" else "A"
        new_fits, old_fits = bool(answer[f"{new}_fits"]), bool(answer[f"{old}_fits"])
        counts["items"] += 1
        counts["new_fits"] += new_fits
        counts["old_fits"] += old_fits
        better = answer.get("better")
        counts["new_better" if better == new else "old_better" if better == old else "same"] += 1
        if old_fits and not new_fits:
            broke.append((entry["meeting"], entry["turn"], answer.get("why", "")))
        if new_fits and not old_fits:
            mended.append((entry["meeting"], entry["turn"]))
    return {**counts, "broke": broke, "mended": mended}


def score(folder: Path) -> int:
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    total: dict[str, int] = {}
    for path in sorted(folder.glob("judged_*.json")):
        found = tally(json.loads(path.read_text(encoding="utf-8")), key)
        lang = path.stem.removeprefix("judged_")
        print(
            f"{lang}: {found['items']} items; new fits {found['new_fits']}, old fits "
            f"{found['old_fits']}; judges preferred new {found['new_better']}, old "
            f"{found['old_better']}, same {found['same']}; mended {len(found['mended'])}, "
            f"broke {len(found['broke'])}"
        )
        for meeting, turn, why in found["broke"]:
            print(f"  broke {meeting} t{turn}: {why}")
        for name in ("items", "new_fits", "old_fits", "new_better", "old_better", "same"):
            total[name] = total.get(name, 0) + found[name]
    print("all:", total)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("dump", help="replay the stored meetings with one engine tree")
    one.add_argument("root", type=Path)
    one.add_argument("out", type=Path)
    two = commands.add_parser("make", help="items for the judges from two dumps")
    two.add_argument("before", type=Path)
    two.add_argument("after", type=Path)
    two.add_argument("folder", type=Path)
    two.add_argument("--seed", type=int, default=4343)
    three = commands.add_parser("score", help="what the judges said")
    three.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.root.resolve(), args.out)
    if args.command == "make":
        return make(args.before, args.after, args.folder, args.seed)
    return score(args.folder)


if __name__ == "__main__":
    sys.exit(main())
