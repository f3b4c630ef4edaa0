"""Credibility of the client: does it hear the student? (issue 14)

    python benchmarks/credibility.py                  # figures per scenario and overall
    python benchmarks/credibility.py --json           # the same as JSON
    python benchmarks/credibility.py --show ID        # a meeting as a judge reads it
    python benchmarks/credibility.py --template ID    # a judgement file to fill in (stdout)
    python benchmarks/credibility.py --changed hen9   # judged replies the engine now says otherwise

Replays the free-text meetings stored in benchmarks/credibility_data/meetings/ (the format
and how they are written: benchmarks/credibility_data/README.md) through `Session` with the
real recognizer, and reports per scenario:

- *fallback rate*: replies for which no transition fired (the client's "Hm." lines);
- *unrecognised rate*: turns with no recognised move (answered by `when_unrecognised`);
- *repeat rate*: replies word for word the same as an earlier reply of the meeting (the
  opening line included; spacing and case do not count);
- *misfit rate*: replies a second reader judged not to fit what the worker had just said,
  from benchmarks/credibility_data/judgements/. A judgement records the reply it judged; a
  reply that is now different (the scenario or engine changed) counts as *missing*, as does
  a turn nobody judged. Missing judgements are reported as missing, never as fits;
- *turns to the ending* and *which ending* (or "not ended" when the turns ran out).

The Done-when checks of issue 14 are printed at the end, over the meetings whose author is
not marked "not blind": repeats, misfits ≤ 5 %, fallbacks ≤ 5 %, every skilled meeting at
the good ending within 30 turns, no hurried one there.

The judge also labels each *worker* turn (`"worker_kind"`): `skilled` (listening, reflecting,
asking, respecting), `pushing` (hurrying, pushing, lecturing, blaming, brushing aside) or
`neutral` (neither: a greeting, a plain fact). Issue 12's free-text check is printed from
those labels against the mode the recognizer gave the turn: at most 10 % of pushing turns
read as encountering, at most 3 % of skilled turns read as blaming or rejecting. The label
belongs to the worker's words, so it stays valid when the client's replies change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.client.replies import same_words  # noqa: E402
from simulator.scenario.loader import load_library  # noqa: E402
from simulator.scenario.model import Scenario  # noqa: E402
from simulator.session import Session  # noqa: E402

DATA = Path(__file__).parent / "credibility_data"
MEETINGS = DATA / "meetings"
JUDGEMENTS = DATA / "judgements"
STYLES = ("skilled", "hurried")
#: the Done-when limits of issue 14
MAX_MISFITS = 0.05
MAX_FALLBACKS = 0.05
MAX_SKILLED_TURNS = 30
NOT_BLIND = "not blind"
#: the judge's labels of a worker turn, and issue 12's limits on how the recognizer reads them
WORKER_KINDS = ("skilled", "neutral", "pushing")
MAX_PUSHING_AS_ENCOUNTERING = 0.10
MAX_SKILLED_AS_HARSH = 0.03
HARSH_MODES = ("blaming", "rejecting")
#: The blind rounds (credibility_data/README.md, "Measured"): the engine commit each round's
#: writers wrote against -> the writers (a meeting id's name before its number). Holding a round
#: out of what a recognizer learns from measures it on new writers and judges.
ROUNDS = {
    "0b08e30": ("hen2", "hfa", "hfb"),
    "d7cc718": ("hen3", "hen4", "hfc", "hfd"),
    "56d146d": ("hen5", "hen6", "hfe", "hff"),
    "189357e": ("hen7", "hen8", "hfg", "hfh"),
    "43c89ad": ("hen9", "hen10", "hfi", "hfj"),
    "cabbe9e": ("hen11", "hen12", "hfk", "hfl"),
    "4bc3b13": ("hen13", "hen14", "hfm", "hfn"),
    "03e2b61": ("hen15", "hen16", "hfo", "hfp"),
    "dc17972": ("hen17", "hen18", "hfq", "hfr"),
    "3d68c0d": ("hen19", "hen20", "hfs", "hft"),
    "2f80339": ("hen21", "hen22", "hfu", "hfv"),
    "ea62896": ("hen23", "hen24", "hfw", "hfx"),
    "9351f3c": ("hen25", "hen26", "hfy", "hfz"),
    "6d6baad": ("hen27", "hen28", "hga", "hgb"),
    "26b2b05": ("hen29", "hen30", "hgc", "hgd"),
    "df78299": ("hen31", "hen32", "hge", "hgf"),
    "354c960": ("hen35", "hen36", "hgi", "hgj"),
    "50ca891": ("hen33", "hen34", "hgg", "hgh"),
    "ddcfd50": ("hen37", "hgk"),
    "58c1459": ("hen40", "hgn"),
    "9eff199": ("hen41", "hen42", "hgo", "hgp"),
    "d9172f3": ("hen44", "hen45", "hgr", "hgs"),
    "3c51175": ("hen46", "hen47", "hgt", "hgu"),
    "061438e": ("hen48", "hen49", "hgv", "hgw"),
    "7e75443": ("hen50", "hen51", "hgx", "hgy"),
    "4e3e697": ("hen52", "hen53", "hgz", "hha"),
    "f170ae5": ("hen58", "hen59", "hhf", "hhg"),
    "6ca7bf8": ("hen60", "hen61", "hen62", "hen63", "hhh", "hhi", "hhj", "hhk"),
    "61467d0": ("hen66", "hen67", "hen68", "hen69", "hhn", "hho", "hhp", "hhq"),
    "9eed2ab": ("hen70", "hen71", "hen72", "hen73", "hhr", "hhs", "hht", "hhu"),
    "7af87c8": ("hen74", "hen75", "hen76", "hen77", "hhv", "hhw", "hhx", "hhy"),
    "546a3fb": ("hen54", "hen55", "hen56", "hen57", "hhb", "hhc", "hhd", "hhe"),
    "52c532e": ("hen38", "hen39", "hgl", "hgm"),
}


@dataclass(frozen=True)
class Meeting:
    """One stored meeting: who wrote it, how, and the worker's turns in order."""

    id: str
    scenario: str
    seed: int
    variant: str | None
    style: str
    author: str
    turns: tuple[str, ...]
    path: Path

    @property
    def blind(self) -> bool:
        return NOT_BLIND not in self.author.lower()


@dataclass
class Reply:
    turn: int
    worker: str
    client: str
    fallback: bool
    unrecognised: bool
    repeat: bool
    mode: str | None = None  # the encounter mode the recognizer read in the worker's turn
    moves: tuple[str, ...] = ()  # the moves the recognizer read in the worker's turn
    verdict: bool | None = None  # True = fits, False = misfit, None = not judged (or stale)
    kind: str | None = None  # the judge's label of the worker's turn (WORKER_KINDS)


@dataclass
class Played:
    meeting: Meeting
    opening: str
    replies: list[Reply] = field(default_factory=list)
    outcome: str | None = None
    turns: int = 0
    unused: int = 0  # turns left over after the ending


def meeting_round(meeting_id: str) -> str:
    """The round (ROUNDS) a meeting was written in; a meeting outside them is a round of its
    writer's own ("hen", the first English writer; "c5en", written after reading the YAML)."""
    parts = meeting_id.rsplit("-", 2)
    writer = parts[1] if len(parts) == 3 and parts[2].isdigit() else meeting_id
    return next((name for name, writers in ROUNDS.items() if writer in writers), writer)


def read_meetings(folder: Path = MEETINGS, only: str | None = None) -> list[Meeting]:
    """The meetings stored in `folder`; with `only`, just the file of that id when there is one
    (a round's writers show their own meeting while others' files are being written)."""
    found = []
    paths = sorted(folder.glob("*.json"))
    if only is not None and (folder / f"{only}.json") in paths:
        paths = [folder / f"{only}.json"]
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from exc
        style = data["style"]
        if style not in STYLES:
            raise SystemExit(f"{path}: style must be one of {', '.join(STYLES)}, not {style!r}")
        turns = tuple(str(turn).strip() for turn in data["turns"] if str(turn).strip())
        found.append(
            Meeting(
                id=data.get("id") or path.stem,
                scenario=data["scenario"],
                seed=int(data["seed"]),
                variant=data.get("variant"),
                style=style,
                author=data["author"],
                turns=turns,
                path=path,
            )
        )
    ids = [m.id for m in found]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise SystemExit(f"meeting ids used twice: {', '.join(doubles)}")
    return found


def read_judgements(folder: Path = JUDGEMENTS) -> dict[str, dict[int, tuple[str, bool]]]:
    """meeting id -> turn -> (the reply judged, fits?). Unfilled verdicts are left out."""
    found: dict[str, dict[int, tuple[str, bool]]] = {}
    for _path, data in judgement_files(folder):
        turns = found.setdefault(data["meeting"], {})
        for item in data["turns"]:
            if item.get("fits") is None:
                continue
            turns[int(item["turn"])] = (item["client"], bool(item["fits"]))
    return found


def read_worker_kinds(folder: Path = JUDGEMENTS) -> dict[str, dict[str, str]]:
    """meeting id -> the worker's words -> the judge's label. Unlabelled turns are left out."""
    found: dict[str, dict[str, str]] = {}
    for path, data in judgement_files(folder):
        kinds = found.setdefault(data["meeting"], {})
        for item in data["turns"]:
            kind = item.get("worker_kind")
            if kind is None:
                continue
            if kind not in WORKER_KINDS:
                raise SystemExit(
                    f"{path}: turn {item.get('turn')}: worker_kind must be one of "
                    f"{', '.join(WORKER_KINDS)}, not {kind!r}"
                )
            kinds[same_words(item["worker"])] = kind
    return found


def judgement_files(folder: Path) -> list[tuple[Path, dict]]:
    found = []
    for path in sorted(folder.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            # `--template ID > judgements/ID.json` makes the file before the template is in
            # it: a judge at work must not stop everyone else's run.
            print(f"{path}: empty - skipped (a judgement being written?)", file=sys.stderr)
            continue
        try:
            found.append((path, json.loads(text)))
        except json.JSONDecodeError as error:
            raise SystemExit(
                f"{path}:{error.lineno}:{error.colno}: not valid JSON ({error.msg})"
            ) from None
    return found


def play(meeting: Meeting, scenario: Scenario) -> Played:
    session = Session(scenario, seed=meeting.seed, variant=meeting.variant)
    played = Played(meeting, session.opening.text)
    said = {same_words(session.opening.text)}
    for index, worker in enumerate(meeting.turns, start=1):
        if session.ended:
            played.unused = len(meeting.turns) - index + 1
            break
        answer = session.say(worker)
        record = answer.record
        assert record is not None
        words = same_words(answer.text)
        played.replies.append(
            Reply(
                turn=index,
                worker=worker,
                client=answer.text,
                fallback=record.transition is None,
                unrecognised=not record.recognition.moves,
                repeat=words in said,
                mode=record.recognition.mode,
                moves=record.recognition.moves,
            )
        )
        said.add(words)
    played.outcome = session.outcome
    played.turns = session.turn
    session.close()
    return played


def judge(
    played: Played,
    judgements: dict[str, dict[int, tuple[str, bool]]],
    kinds: dict[str, dict[str, str]] | None = None,
) -> None:
    verdicts = judgements.get(played.meeting.id, {})
    labels = (kinds or {}).get(played.meeting.id, {})
    for reply in played.replies:
        judged = verdicts.get(reply.turn)
        if judged is not None and same_words(judged[0]) == same_words(reply.client):
            reply.verdict = judged[1]
        reply.kind = labels.get(same_words(reply.worker))


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figures(meetings: Iterable[Played]) -> dict[str, object]:
    meetings = list(meetings)
    replies = [r for p in meetings for r in p.replies]
    judged = [r for r in replies if r.verdict is not None]
    ended = [p for p in meetings if p.outcome]
    pushing = [r for r in replies if r.kind == "pushing"]
    skilled = [r for r in replies if r.kind == "skilled"]
    return {
        "meetings": len(meetings),
        "replies": len(replies),
        "fallback_rate": rate(sum(r.fallback for r in replies), len(replies)),
        "unrecognised_rate": rate(sum(r.unrecognised for r in replies), len(replies)),
        "repeat_rate": rate(sum(r.repeat for r in replies), len(replies)),
        "repeats": sum(r.repeat for r in replies),
        "misfit_rate": rate(sum(r.verdict is False for r in judged), len(judged)),
        "judged": len(judged),
        "missing_judgements": len(replies) - len(judged),
        "turns_to_ending": [p.turns for p in ended],
        "pushing_turns": len(pushing),
        "pushing_read_encountering": rate(
            sum(r.mode == "encountering" for r in pushing), len(pushing)
        ),
        "skilled_turns": len(skilled),
        "skilled_read_harsh": rate(sum(r.mode in HARSH_MODES for r in skilled), len(skilled)),
        "unlabelled_worker_turns": sum(r.kind is None for r in replies),
        "endings": {
            style: [p.outcome or "not ended" for p in meetings if p.meeting.style == style]
            for style in STYLES
        },
    }


def percent(value: object) -> str:
    return "–" if value is None else f"{100 * float(value):.1f} %"  # type: ignore[arg-type]


def report_lines(by_scenario: dict[str, list[Played]], everything: list[Played]) -> list[str]:
    out = [
        "scenario                                   meetings replies fallback unrecog repeat "
        "misfit (judged/missing)  turns to ending   endings"
    ]
    rows = [*by_scenario.items(), ("all", everything)]
    for name, played in rows:
        f = figures(played)
        turns = f["turns_to_ending"]
        endings = "; ".join(
            f"{style}: {', '.join(e)}"
            for style, e in f["endings"].items()
            if e  # type: ignore[union-attr]
        )
        out.append(
            f"{name:42} {f['meetings']:>8} {f['replies']:>7} {percent(f['fallback_rate']):>8} "
            f"{percent(f['unrecognised_rate']):>7} {percent(f['repeat_rate']):>6} "
            f"{percent(f['misfit_rate']):>7} ({f['judged']}/{f['missing_judgements']})"
            f"{'':>6} {','.join(map(str, turns)) or '–':16}  {endings}"
        )
    return out


def done_when(blind: list[Played]) -> list[str]:
    """Issue 14's Done-when, over blind meetings only."""
    if not blind:
        return ["Done when: no blind meetings yet (only 'not blind' ones): nothing to decide."]
    f = figures(blind)
    skilled = [p for p in blind if p.meeting.style == "skilled"]
    hurried = [p for p in blind if p.meeting.style == "hurried"]
    late = [p.meeting.id for p in skilled if p.outcome != "good" or p.turns > MAX_SKILLED_TURNS]
    too_good = [p.meeting.id for p in hurried if p.outcome == "good"]
    missing = f["missing_judgements"]
    misfit = f["misfit_rate"]

    def verdict(ok: bool | None) -> str:
        return "unknown" if ok is None else ("holds" if ok else "FAILS")

    pushed = f["pushing_read_encountering"]
    harsh = f["skilled_read_harsh"]
    unlabelled = f["unlabelled_worker_turns"]
    pushed_ok = None if pushed is None or unlabelled else pushed <= MAX_PUSHING_AS_ENCOUNTERING  # type: ignore[operator]
    harsh_ok = None if harsh is None or unlabelled else harsh <= MAX_SKILLED_AS_HARSH  # type: ignore[operator]

    misfit_ok = None if misfit is None or missing else misfit <= MAX_MISFITS  # type: ignore[operator]
    fallback_ok = f["fallback_rate"] is not None and f["fallback_rate"] <= MAX_FALLBACKS  # type: ignore[operator]
    return [
        f"Done when ({f['meetings']} blind meetings, {f['replies']} replies):",
        f"  word-for-word repeats: {f['repeats']} ({percent(f['repeat_rate'])}) – the engine "
        "repeats only when a pool and its exhausted lines are spent",
        f"  misfits ≤ 5 %: {percent(misfit)} over {f['judged']} judged, {missing} missing: "
        f"{verdict(misfit_ok)}",
        f"  fallbacks ≤ 5 %: {percent(f['fallback_rate'])}: {verdict(fallback_ok)}",
        f"  every skilled meeting good within {MAX_SKILLED_TURNS} turns: "
        f"{verdict(not late if skilled else None)}"
        + (f" (not: {', '.join(late)})" if late else ""),
        f"  no hurried meeting good: {verdict(not too_good if hurried else None)}"
        + (f" (good: {', '.join(too_good)})" if too_good else ""),
        f"Issue 12, the recognizer in these meetings ({unlabelled} worker turns unlabelled):",
        f"  pushing turns read as encountering ≤ 10 %: {percent(pushed)} of "
        f"{f['pushing_turns']}: {verdict(pushed_ok)}",
        f"  skilled turns read as blaming or rejecting ≤ 3 %: {percent(harsh)} of "
        f"{f['skilled_turns']}: {verdict(harsh_ok)}",
    ]


def show(played: Played) -> str:
    m = played.meeting
    lines = [f"# {m.id} ({m.scenario}, seed {m.seed}, variant {m.variant or 'by seed'})", ""]
    lines.append(f"0 client: {played.opening}")
    for reply in played.replies:
        lines.append(f"{reply.turn} worker: {reply.worker}")
        lines.append(f"{reply.turn} client: {reply.client}")
    if played.unused:
        lines.append(f"(the meeting ended; {played.unused} turn(s) left unsaid)")
    elif played.outcome:
        # A writer working line by line needs to know the meeting is over, not find out by
        # adding a line nobody answers.
        lines.append("(the meeting ended here)")
    return "\n".join(lines)


def changed(played: Played, judgements: dict[str, dict[int, tuple[str, bool]]]) -> list[str]:
    """The judged turns whose reply is now different: what the judge read and said, and what
    the client says now. After a change to the engine or the scenarios, a development
    meeting's changed replies are read again by hand: was a misfit mended, is a new one made?"""
    lines = []
    verdicts = judgements.get(played.meeting.id, {})
    for reply in played.replies:
        judged = verdicts.get(reply.turn)
        if judged is None or same_words(judged[0]) == same_words(reply.client):
            continue
        lines.append(
            f"{played.meeting.id} t{reply.turn} (was {'a fit' if judged[1] else 'a MISFIT'})"
        )
        lines.append(f"  worker: {reply.worker}")
        lines.append(f"  judged: {judged[0]}")
        lines.append(f"  now:    {reply.client}")
    return lines


def template(played: Played) -> str:
    return json.dumps(
        {
            "meeting": played.meeting.id,
            "judge": "",
            "turns": [
                {
                    "turn": r.turn,
                    "worker": r.worker,
                    "worker_kind": None,
                    "client": r.client,
                    "fits": None,
                    "why": "",
                }
                for r in played.replies
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("--show", metavar="ID", help="print one meeting as a judge reads it")
    parser.add_argument("--template", metavar="ID", help="print a judgement file to fill in")
    parser.add_argument(
        "--changed",
        metavar="PART",
        help="list judged replies that are now different, in meetings whose id contains PART",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="data folder")
    args = parser.parse_args(argv)

    scenarios, problems = load_library()
    if problems:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
    by_id = {s.id: s for s in scenarios}
    meetings = read_meetings(args.data / "meetings", args.show or args.template)
    judgements = read_judgements(args.data / "judgements")
    kinds = read_worker_kinds(args.data / "judgements")
    if args.changed is not None:
        meetings = [m for m in meetings if args.changed in m.id]
    wanted = args.show or args.template
    if wanted:
        meetings = [m for m in meetings if m.id == wanted]
        if not meetings:
            print(f"no meeting {wanted!r} in {args.data / 'meetings'}", file=sys.stderr)
            return 1
    played_all = []
    for meeting in meetings:
        scenario = by_id.get(meeting.scenario)
        if scenario is None:
            print(f"{meeting.path}: no bundled scenario {meeting.scenario!r}", file=sys.stderr)
            return 1
        played = play(meeting, scenario)
        judge(played, judgements, kinds)
        played_all.append(played)
    if args.show:
        print(show(played_all[0]))
        return 0
    if args.template:
        print(template(played_all[0]))
        return 0
    if args.changed is not None:
        found = [line for played in played_all for line in changed(played, judgements)]
        print("\n".join(found))
        print(f"{sum(1 for line in found if not line.startswith(' '))} judged replies now differ")
        return 0

    by_scenario: dict[str, list[Played]] = {}
    for played in played_all:
        by_scenario.setdefault(played.meeting.scenario, []).append(played)
    blind = [p for p in played_all if p.meeting.blind]
    if args.json:
        print(
            json.dumps(
                {
                    "scenarios": {k: figures(v) for k, v in sorted(by_scenario.items())},
                    "all": figures(played_all),
                    "blind": figures(blind),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print("\n".join(report_lines(dict(sorted(by_scenario.items())), played_all)))
    print()
    print("\n".join(done_when(blind)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
