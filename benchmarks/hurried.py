"""A hurried, advice-giving, blaming worker in every bundled scenario: what do the scores say?

    python benchmarks/hurried.py

Issue 13 saw six of eight such free-text meetings get a "fair" listening score. Here each
bundled scenario is played in free text (read by the recognizer, as in the app) by a worker
who hurries: closed intake questions, advice and warnings before the client is ready, a
blaming remark, brushing a worry aside. Eight turns or until the meeting ends. Printed per
scenario: the three axes, the overall and their levels, and whether the meeting reached an
ending (a meeting that did not is shown as partial). Target: listening and overall "needs
practice" in every one.

Then the hurried meetings people wrote blind for the credibility benchmark
(benchmarks/credibility_data/meetings/*hurried*.json, the developer's own harness test left
out), replayed through Session as `benchmarks/credibility.py` plays them: the same figures
and levels per meeting.

Also: the pressing check. In the Finnish experience-expert scenario the client states that
her own story stays private; the worker then keeps asking for it. No axis may read 100.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.scenario.loader import load_scenario  # noqa: E402
from simulator.scoring import score  # noqa: E402
from simulator.scoring.model import level_of  # noqa: E402
from simulator.session import Session  # noqa: E402

HURRIED = {
    "en": [
        "Right, let's be quick. Name, date of birth, address?",
        "You need to sort this out now, before it gets worse.",
        "Why didn't you do something about it earlier?",
        "That's not really a problem, lots of people manage.",
        "You should sign up for the programme today.",
        "If you don't, things will only get worse for you, you know that.",
        "Do you have any income? Any debts? Anyone at home?",
        "OK, I'll put you down for it. Next time bring the papers.",
    ],
    "fi": [
        "No niin, mennään nopeasti. Nimi, syntymäaika, osoite?",
        "Sinun pitää hoitaa tämä nyt heti, ennen kuin se pahenee.",
        "Miksi et tehnyt asialle mitään aikaisemmin?",
        "Ei se mikään ongelma ole, moni pärjää ihan hyvin.",
        "Sinun kannattaa ilmoittautua ohjelmaan jo tänään.",
        "Jos et tee sitä, tilanne vain pahenee, tiedät sen itsekin.",
        "Onko sinulla tuloja? Velkoja? Ketään kotona?",
        "Selvä, merkitsen sinut. Ensi kerralla tuo paperit mukanasi.",
    ],
}


def hurried() -> list[tuple[str, object]]:
    out = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        session = Session(scenario, seed=1)
        for line in HURRIED[scenario.language]:
            session.say(line)
            if session.ended:
                break
        out.append((path.stem, score(session.transcript, scenario)))
    return out


def pressing():
    """Riikka states her story is hers; the worker keeps asking for it in free text."""
    path = ROOT / "scenarios" / "fi-kokemusasiantuntija-kehittamisryhma.yaml"
    scenario = load_scenario(path)
    test = next(t for t in scenario.tests if t.name.startswith("ohituksen korjaaminen"))
    session = Session(scenario, seed=test.seed or 0, variant=test.variant)
    for turn in test.turns:
        session.say(turn.say, moves=turn.moves or None)
        if session.transcript.turns[-1].choice_stated or session.ended:
            break
    for line in (
        "Mutta kertoisitko silti vähän omaa tarinaasi ryhmälle?",
        "Miksi et halua kertoa tarinaasi? Se auttaisi muita.",
        "Mitä jos kertoisit edes vähän siitä, mitä sinulle tapahtui?",
    ):
        if session.ended:
            break
        session.say(line)
    return score(session.transcript, scenario), session.transcript


def written_meetings() -> list[tuple[str, object]]:
    """The blind hurried meetings of the credibility benchmark, replayed and scored."""
    import json

    out = []
    folder = ROOT / "benchmarks" / "credibility_data" / "meetings"
    for path in sorted(folder.glob("*hurried*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "not blind" in str(data.get("author", "")).lower():
            continue  # the developer's harness test, not a blind meeting
        scenario = load_scenario(ROOT / "scenarios" / f"{data['scenario']}.yaml")
        session = Session(scenario, seed=int(data["seed"]), variant=data.get("variant"))
        for line in data["turns"]:
            if session.ended:
                break
            if str(line).strip():
                session.say(str(line).strip())
        out.append((str(data.get("id") or path.stem), score(session.transcript, scenario)))
    return out


def table(rows: list[tuple[str, object]]) -> int:
    """Print one line per meeting; the number whose listening and overall are below fair."""
    print(f"{'meeting':<52} {'listen':>6} {'pace':>5} {'choices':>7} {'overall':>8}  levels")
    needs = 0
    for name, r in rows:
        # The level the listening figure is in; a partial meeting shows no level word on
        # its axes ("partial, 4 turns"), so the figure's own level is what is checked here.
        heard = level_of(r.listening.value)
        shown = "" if r.partial is None else f" (shown: {r.listening.level}, {len(r.turns)} turns)"
        print(
            f"{name:<52} {r.listening.value:>6} {r.pacing.value:>5} {r.autonomy.value:>7} "
            f"{r.overall:>8}  {heard}/{r.overall_level}{shown}"
        )
        needs += heard == "needs_practice" and r.overall_level in ("needs_practice", "partial")
    print(f"listening and overall below fair: {needs} of {len(rows)}")
    return needs


def main() -> int:
    table(hurried())
    print("\nblind hurried meetings (credibility benchmark), replayed:")
    table(written_meetings())
    report, transcript = pressing()
    values = [report.axis(a).value for a in ("listening", "pacing", "autonomy")]
    said = {v.kind: v.answer for v in report.voice}
    print(
        f"\npressing a stated choice (Riikka, {len(transcript.turns)} turns): axes {values}, "
        f"overall {report.overall} ({report.overall_level}); "
        f"client: mattered={said.get('mattered')}, choice={said.get('choice')}; "
        f"no axis 100: {max(values) < 100}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
