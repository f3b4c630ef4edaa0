"""Train the recognizer's learned parts (simulator/language/learned/<lang>.json, <lang>-gate.json).

    python tools/train_recognizer.py [--lang fi|en] [--dry-run] [--gate-only | --push-only]
                                     [--reselect]

Two learned parts are written; see also docs/recognizer.md.

**The gate** (`<lang>-gate.json`, simulator/language/gate.py): a multinomial logistic model of
which of AnnoMI's four behaviours a turn is (question / reflection / the worker's input /
other), and one per group for which move of it (open/closed; simple/complex/summary;
information/advice/options/collaboration). Trained with scikit-learn (a development
dependency: `pip install -e '.[train]'`) on real counselling talk — the AnnoMI training fold
(`../shared/data/annomi/`, Wu et al., ICASSP 2022, public domain), its Finnish translation
(`tests/data/annomi_fi/`, as far as written) — and on the project's own development corpora,
the four classes of their moves given by domain.md's mapping. Each turn is read in its
context (client's last two turns, worker's previous turn) together with the rules' reading.
`benchmarks/annomi_cv.py --train` calls `recognizer_trained_without` here to cross-validate it
by transcript.

**The second opinion** (`<lang>.json`):
a development script: the app never trains. For each language and each move it fits a
logistic model over the turn's features (`simulator.language.learned.features`, read the
way the rules read: fillers out, colloquial forms normalised, Snowball stems).

Which moves get a model, and at what confidence it may add one, was decided on development
sets (`SELECTION`, `recognizer_dev5/` to `recognizer_dev7/`) while the cue rules had not been
tuned on them: models trained on the other corpora were tried beside the rules there, and a
move kept its model only if rules + model read it clearly better than the rules alone. That
choice is pinned (`SECOND_OPINION`, with the figures it was made on): the rules have been
tuned on those sets since, so choosing again now would be in-sample and would change what
ships. The chosen models are trained on all the corpora (`TRAINING` and `SELECTION`) and
written out; this writes the shipped `en.json` and `fi.json` byte for byte
(`tools/check_learned.py` checks). `--reselect` runs the choice again with today's rules.

Never read here: the held-out split and the blind sets (`recognizer_blind2`, `..._blind3` and
every later `recognizer_blind*` folder), which measure the result.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.language.learned import LEARNED_DIR, MoveModel, load_learned, sigmoid  # noqa: E402
from simulator.language.recognizer import RuleRecognizer  # noqa: E402
from simulator.moves import MOVES, QUESTIONS  # noqa: E402

DATA = ROOT / "tests" / "data"
EPOCHS = 30
RATE = 0.2
L2 = 1e-4
THRESHOLDS = (0.6, 0.7, 0.8, 0.9)
MIN_GAIN = 0.04  # F1 a model must add on the selection set to be kept
MIN_SUPPORT = 8  # turns with the move in the selection set, to judge it at all
PRUNE = 0.2  # smaller weights are left out of the shipped file


# Whether a turn asks, and openly or not, is a matter of form the rules read from question
# words, clitics and word order; a bag of words cannot, so questions get no model.
LEARNABLE = [m for m in MOVES if m not in QUESTIONS]
TRAINING = ["dev", "blind1", "dev2", "dev3", "dev4"]
SELECTION = ["dev5", "dev6", "dev7"]
#: The moves that have a second opinion, as shipped: move -> (threshold, F1 on SELECTION of the
#: rules alone, of rules and model together). `select` made this choice at cdb2771 (2026-12-02)
#: with the rules of that commit (the script at cb7c2d1 still wrote en.json and fi.json byte
#: for byte). The choice depends on how the rules read SELECTION, not only on the corpora and
#: the seed, and the rules have changed a good deal since: choosing again with the rules at
#: f92b7e2 (2026-12-06, `--reselect --dry-run`) would drop English advice (0.67 -> 0.70, +0.03
#: < MIN_GAIN) and store other figures (en persuade 0.51 -> 0.63, confront 0.40 -> 0.49;
#: Finnish the same nine moves at the same thresholds), and development sets 5-7 are no longer
#: sets the rules were never worked against. Pinned, so that training writes what ships; the
#: weights themselves retrain byte for byte (corpora and features unchanged). A new choice
#: needs sets the rules were not worked on, and then a new pin.
SECOND_OPINION: dict[str, dict[str, tuple[float, float, float]]] = {
    "en": {
        "structuring": (0.6, 0.6, 0.771),
        "complex_reflection": (0.6, 0.502, 0.565),
        "summary": (0.6, 0.722, 0.821),
        "affirmation": (0.7, 0.567, 0.711),
        "emphasize_autonomy": (0.6, 0.689, 0.738),
        "seek_collaboration": (0.7, 0.452, 0.639),
        "offer_options": (0.6, 0.621, 0.75),
        "give_information": (0.6, 0.424, 0.564),
        "advice": (0.6, 0.649, 0.701),
        "persuade": (0.6, 0.576, 0.646),
        "confront": (0.6, 0.377, 0.483),
        "dismiss": (0.6, 0.667, 0.74),
    },
    "fi": {
        "structuring": (0.6, 0.59, 0.656),
        "complex_reflection": (0.8, 0.639, 0.685),
        "summary": (0.6, 0.733, 0.831),
        "affirmation": (0.6, 0.564, 0.634),
        "give_information": (0.7, 0.642, 0.685),
        "persuade": (0.6, 0.613, 0.656),
        "confront": (0.6, 0.364, 0.481),
        "dismiss": (0.8, 0.655, 0.71),
        "offer_time": (0.8, 0.82, 0.862),
    },
}


def corpus(lang: str, names: list[str]) -> list[dict]:
    """The labelled turns of the named corpora ("dev": the tuning split, "blind1": the former
    blind set, "devN": tests/data/recognizer_devN/, "trainN": tests/data/recognizer_trainN/,
    as many turns as TRAIN_TURNS pins)."""
    items = []
    for name in names:
        if name == "dev":
            path = DATA / "recognizer" / f"{lang}_dev.jsonl"
        else:
            path = DATA / ("recognizer_blind" if name == "blind1" else f"recognizer_{name}")
            path = path / f"{lang}.jsonl"
        with path.open(encoding="utf-8") as handle:  # a missing corpus is an error, not less data
            read = [json.loads(line) for line in handle if line.strip()]
        pinned_turns = TRAIN_TURNS[lang].get(name)
        if pinned_turns is not None:
            if len(read) < pinned_turns:
                raise SystemExit(f"{path}: {len(read)} turns, {pinned_turns} pinned")
            read = read[:pinned_turns]
        items += read
    return items


def turn_context(it: dict) -> dict[str, str]:
    """A labelled turn's context as the Session gives it to `recognize`: the client's last
    line, the client's line before it and the worker's previous turn. A corpus line's
    `context` holds the lines before `client_before`, oldest first, as strings (the training
    corpora: worker and client in turn, the worker's last) or as {"speaker", "text"} (the
    development sets); a line's own `client_earlier` / `worker_before` wins."""
    earlier = list(it.get("context") or [])
    if all(isinstance(line, str) for line in earlier):
        worker = earlier[-1] if earlier else ""
        client = earlier[-2] if len(earlier) >= 2 else ""
    else:
        said = [line for line in earlier if isinstance(line, dict)]
        worker = next(
            (x.get("text", "") for x in reversed(said) if x.get("speaker") == "worker"), ""
        )
        client = next(
            (x.get("text", "") for x in reversed(said) if x.get("speaker") == "client"), ""
        )
    return {
        "client_before": it.get("client_before", ""),
        "client_earlier": it.get("client_earlier", client),
        "worker_before": it.get("worker_before", worker),
    }


#: Whether the push head of a language learns a labelled corpus turn in the context the app
#: reads it in (`turn_context`: the client's two last lines, the worker's turn before) or with
#: the client's last line only, as every model before ctx33 did. The latter taught both push
#: heads that a turn with context does not push, since only their meeting turns (all kind)
#: carried context (English since push33 gave it the meetings: ctx33en).
#: benchmarks/push_heldout.py `--train-context` measures either. The group and subtype models
#: learn the corpora the old way (GATE_IN_CONTEXT) until a retrain with context is measured.
PUSH_IN_CONTEXT: dict[str, bool] = {"en": True, "fi": True}
GATE_IN_CONTEXT = False


def corpus_turn(it: dict) -> dict[str, str]:
    """The text and context a labelled corpus turn is learned from (its full context: a
    model read `without_context` of it where PUSH_IN_CONTEXT / GATE_IN_CONTEXT say so)."""
    return {"text": it["text"], **turn_context(it)}


def without_context(turn: dict) -> dict:
    """A labelled corpus turn with the client's last line only (AnnoMI and meeting turns
    keep theirs: they always carried it)."""
    if turn.get("corpus") in (None, MEETINGS) or "transcript" in turn:
        return turn
    return {k: v for k, v in turn.items() if k not in ("client_earlier", "worker_before")}


def train(rows: list[set[str]], labels: list[int]) -> tuple[float, dict[str, float]]:
    """Logistic regression by stochastic gradient descent, seeded: the same data gives the
    same weights."""
    weights: dict[str, float] = defaultdict(float)
    bias = 0.0
    order = list(range(len(rows)))
    shuffle = random.Random(1)
    for _ in range(EPOCHS):
        shuffle.shuffle(order)
        for i in order:
            error = sigmoid(bias + sum(weights[f] for f in rows[i])) - labels[i]
            bias -= RATE * error
            for f in rows[i]:
                weights[f] -= RATE * (error + L2 * weights[f])
    return bias, dict(weights)


def f1(counts: Counter) -> float:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def select(lang: str, rules: RuleRecognizer) -> dict[str, dict]:
    """Moves whose model, trained without the selection set, reads it better beside the rules."""
    base = corpus(lang, TRAINING)
    held = corpus(lang, SELECTION)
    rows = [rules.learned_features(it["text"]) for it in base]
    held_rows = [rules.learned_features(it["text"]) for it in held]
    ruled = [
        set(rules.recognize(it["text"], client_before=it.get("client_before", "")).moves)
        for it in held
    ]
    chosen = {}
    for move in LEARNABLE:
        support = sum(move in it["moves"] for it in held)
        if support < MIN_SUPPORT:
            continue
        bias, weights = train(rows, [int(move in it["moves"]) for it in base])
        model = MoveModel(bias=bias, weights=weights, threshold=0.0)
        probs = [model.probability(r) for r in held_rows]
        alone = Counter()
        for got, it in zip(ruled, held, strict=True):
            alone[_cell(move in got, move in it["moves"])] += 1
        best = (f1(alone), None)
        for threshold in THRESHOLDS:
            both = Counter()
            for got, p, it in zip(ruled, probs, held, strict=True):
                both[_cell(move in got or p >= threshold, move in it["moves"])] += 1
            if f1(both) > best[0]:
                best = (f1(both), threshold)
        gain = best[0] - f1(alone)
        print(f"  {lang} {move:20} rules {f1(alone):.2f}  with model {best[0]:.2f}  ({support})")
        if best[1] is not None and gain >= MIN_GAIN:
            chosen[move] = {"threshold": best[1], "rules_f1": f1(alone), "with_model_f1": best[0]}
    return chosen


def _cell(have: bool, want: bool) -> str:
    return "tp" if have and want else "fp" if have else "fn" if want else "tn"


def pinned(lang: str) -> dict[str, dict]:
    """The shipped choice (SECOND_OPINION) in the form `select` gives it."""
    return {
        move: {"threshold": threshold, "rules_f1": alone, "with_model_f1": both}
        for move, (threshold, alone, both) in SECOND_OPINION[lang].items()
    }


def second_opinion(lang: str, chosen: dict[str, dict] | None = None) -> dict:
    """`<lang>.json` as a dict: the chosen moves' models (the pinned choice when `chosen` is
    None), trained on TRAINING and SELECTION together."""
    rules = RuleRecognizer(lang, learned=False)
    items = corpus(lang, [*TRAINING, *SELECTION])
    rows = [rules.learned_features(it["text"]) for it in items]
    moves = {}
    for move, picked in (pinned(lang) if chosen is None else chosen).items():
        bias, weights = train(rows, [int(move in it["moves"]) for it in items])
        kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}
        moves[move] = {
            "threshold": picked["threshold"],
            "bias": round(bias, 4),
            "weights": kept,
            "selection": {k: round(v, 3) for k, v in picked.items() if k != "threshold"},
        }
    return {
        "language": lang,
        "trained_on": {
            "corpora": [*TRAINING, *SELECTION],
            "selected_on": SELECTION,
            "turns": len(items),
        },
        "features": "simulator.language.learned.features",
        "moves": moves,
    }


def learned_text(data: dict) -> str:
    """A learned file's text as shipped (compact JSON, one line)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# -- the gate ----------------------------------------------------------------------------------

#: Own corpora the gate learns from (never the validation split nor a blind set). Adding
#: recognizer_dev9 (2026-12-05) read AnnoMI CV 0.670 -> 0.669 (en), 0.665 -> 0.668 (fi), dev9
#: half against half -0.004..+0.012, and broke "Sign here, please." and "Excuse me, is this room
#: free?": left out (docs/recognizer.md).
#: 2026-12-05 evening (issue 12, the wide group model): leaving blind1 (the former blind set,
#: a development set since 2026-11-23) out was tried: the push head, retrained without it,
#: then read "Shouldn't you just leave him?" as blame (0.50), and dev9-11 read 0.001-0.002
#: worse in Finnish. Kept: no new corpus, no set measured blind since, goes in.
GATE_CORPORA = ["dev", "blind1", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8"]
#: Development sets 9-13 (blind sets 4-8, each written by helpers who never read the
#: recognizer and measured once before it became a development set): the corpora added to
#: GATE_CORPORA, per language, and which part of the gate learns from them.
#: 2026-12-05 night (issue 12, recog8). Finnish: the sets train the group and subtype models
#: only (GROUP_ONLY), not the push head. Leave one set out (`python
#: benchmarks/recognizer_loso.py --lang fi`), 18-move macro-F1 per held-out set dev9..dev13
#: +0.009 / +0.005 / +0.009 / +0.000 / +0.005 (mean 0.654 -> 0.659); pushing read as
#: encountering 197 -> 172 of 668, encountering read as harsh 13 -> 13 of 1145. Replaying the
#: free-text meetings (`python benchmarks/skilled_replay.py`) skilled turns read as harsh stay
#: 11 (of 358 -> 356), skilled meetings at the good ending 18 -> 18 of 24. With the sets in the
#: push head too (as bdf5769 had it, reverted in cabbe9e) the replay read 29 of 348 skilled
#: Finnish turns as harsh and 14 of 24 skilled meetings reached the good ending: the push head
#: trained on the sets is what reads listening as pushing.
#: English: no set added. With the sets in the push head only and blame at 0.8 (bdf5769's
#: English) the replay read skilled turns as harsh 34 of 490 -> 40 of 478 and the good ending
#: 29 -> 24 of 35; with them in the group model only 33 of 490, but 28 of 35 good endings.
#: 2026-12-06 (issue 12, recog11): the Finnish push head learns from development sets 9-17
#: (dev14-17 only there, PUSH_ONLY; the group model still reads dev9-13) together with the
#: kind turns of the free-text meetings (PUSH_MEETINGS), at confidence 0.5 (PUSH_THRESHOLD).
#: The sets alone cost what they cost before in real talk; the meetings take that back.
NEW_SETS = ["dev9", "dev10", "dev11", "dev12", "dev13"]
LATER_SETS = ["dev14", "dev15", "dev16", "dev17"]
#: Development sets 18-20 (blind sets 13-15), development data since 2026-12-06.
LATEST_SETS = ["dev18", "dev19", "dev20"]
#: Training corpora (tests/data/recognizer_train1/ ... _train4/): written 2026-12-06 in the
#: development sets' format by helpers who never read the recognizer, to be learned from and
#: never measured on (so no figure is ever read on them; no blind set is among them).
#: train56 (2026-12-06) measured both push heads with train5-6 and dev21 added (held out as the
#: app reads, train1-6 and dev9-21 each out of every head: mean macro-F1 fi 0.6454 -> 0.6459,
#: en 0.5953 -> 0.5987) and shipped neither: the English head read the goodbye "I have to go
#: now, see you Thursday." as persuade in context, the Finnish one read per turn more slowly
#: (p99 +11-13 %) for a gain within noise (docs/recognizer.md, "Measured").
TRAIN_CORPORA = ["train1", "train2", "train3", "train4"]
#: How many turns of a training corpus (its first) the gate learns from, per language, when
#: pinned: a corpus may grow after weights are trained on it, and the shipped weights must
#: still rebuild from the tree. Not pinned: the whole corpus.
TRAIN_TURNS: dict[str, dict[str, int]] = {
    "en": {"train1": 968, "train2": 1023, "train3": 939, "train4": 920},
    "fi": {"train1": 1050, "train2": 964, "train3": 852, "train4": 992},
}
#: 2026-12-06 (issue 12, push33): both push heads learn from the training corpora and every
#: development set (dev16 is Finnish only) besides the meetings; the group and subtype models
#: read none of them (PUSH_ONLY) and stay as they shipped. Figures at PUSH_MEETINGS.
_EN_SETS = [s for s in [*NEW_SETS, *LATER_SETS, *LATEST_SETS] if s != "dev16"]
GATE_EXTRA: dict[str, list[str]] = {
    "fi": [*NEW_SETS, *LATER_SETS, *LATEST_SETS, *TRAIN_CORPORA],
    "en": [*_EN_SETS, *TRAIN_CORPORA],
}
#: Corpora only the push head learns from (the group and subtype models do not read them),
#: and corpora the push head does not learn from (only the group and subtype models do).
PUSH_ONLY: dict[str, frozenset[str]] = {
    "en": frozenset([*_EN_SETS, *TRAIN_CORPORA]),
    "fi": frozenset([*LATER_SETS, *LATEST_SETS, *TRAIN_CORPORA]),
}
GROUP_ONLY: dict[str, frozenset[str]] = {"en": frozenset(), "fi": frozenset()}
#: The judged worker turns of the free-text meetings (benchmarks/credibility_data): real talk
#: to the bundled clients, each labelled by its judge skilled, neutral or pushing. The push
#: head alone reads them (they carry no move), from the rounds PUSH_MEETINGS names per language
#: (`credibility.ROUNDS`; named, so that a round written later is not learned from unseen):
#: skilled and neutral turns as turns that push in none of the three ways (MEETING_NEGATIVE);
#: a pushing turn says only that it pushes, not how, so it is not read.
#: 2026-12-06 (issue 12, recog11), tried and not shipped. English, the push head trained on
#: development sets 9-17 (no English dev16) and the meetings' skilled and neutral turns, held
#: out (`python benchmarks/push_heldout.py --lang en`: each set left out of the head, each
#: round of meetings left out of it and replayed; group model as shipped), shipped -> sets only
#: -> sets and meetings: dev9-17 mean 18-move macro-F1 0.608 -> 0.621 -> 0.622, confront /
#: persuade / dismiss recall .25/.38/.56 -> .35/.54/.64 -> .37/.54/.64, pushing read as
#: encountering 264 -> 218 -> 217 of 1039, but encountering read as harsh 55 -> 68 -> 68 of
#: 1593; the 11 rounds of meetings: skilled turns read as harsh 52 of 749 -> 90 of 724 -> 44 of
#: 749, pushing read as encountering 39 of 220 -> 23 of 181 -> 39 of 218, skilled meetings at
#: the good ending 39 -> 29 -> 39 of 44 (meetings alone: dev 0.608, skilled as harsh 43 of
#: 749). So the meetings undo the sets' cost in real talk, but add no push heard there, and the
#: look-alike sets still pay 13 kind turns read as harsh; the head trained on everything read
#: "So you didn't choose to come, you've been sent." (a reflection) as blame (0.70) and lost
#: the dismiss of "It will be better once you're working." (0.59 -> 0.42). Pseudo-labels for
#: the pushing turns (the likeliest push of the head trained without them, at 0.2 or more)
#: read the same (0.621; meetings 36 of 218 pushing as encountering, 44 of 749 skilled as
#: harsh).
#: Finnish, the same held out (`python benchmarks/push_heldout.py --lang fi --push-at 0.5`),
#: shipped (dev..dev8, at 0.4) -> sets only -> sets and meetings -> sets and meetings at 0.5
#: (shipped): dev9-17 mean macro-F1 0.651 -> 0.674 -> 0.674 -> 0.671, confront / persuade /
#: dismiss recall .31/.33/.43 -> .49/.55/.68 -> .47/.55/.67 -> .43/.50/.62, pushing read as
#: encountering 241 -> 150 -> 154 -> 180 of 1246, encountering read as harsh 31 -> 44 -> 40 ->
#: 32 of 1950; the 10 rounds of meetings: skilled turns read as harsh 19 of 602 -> 43 of 604
#: -> 16 of 602 -> 16 of 602, pushing read as encountering 76 of 254 -> 45 of 226 -> 78 of 253
#: -> 79 of 253, skilled meetings at the good ending 33 -> 24 -> 33 -> 33 of 40. The meetings
#: hear no more pushes (their kind turns teach the head what real kind talk looks like, not
#: what a real push does), but the sets' gain on new writers' sets now costs one kind turn
#: there and none in the meetings.
#: Out of context "Ne muut asiat saa odottaa, tää on nyt tärkeintä." now reads as dismiss
#: (0.69; tests/test_recognizer.py marks it).
#: English again (recog12en, 2026-12-06, landed as c893dc5 and reverted): sets and meetings
#: (rounds "hen" and the ten above), held out (`push_heldout.py --lang en --config both
#: --push-at 0.6,0.7`), shipped -> at 0.5 -> 0.6 -> 0.7: dev9-17 mean macro-F1 0.608 -> 0.622
#: -> 0.619 -> 0.618, pushing read as encountering 264 -> 217 -> 232 -> 244 of 1039,
#: encountering read as harsh 55 -> 68 -> 59 -> 55 of 1593; 11 rounds (the same at each):
#: skilled read as harsh 50 -> 43 of 749, skilled good endings 39 -> 38 of 44. At 0.6 dev18
#: read 0.544 -> 0.561 (pushing as encountering 39 -> 28 of 127, kind as harsh 6 -> 6 of 199),
#: but the nested AnnoMI score CV (`annomi_scores.py --cv --lang en`) put pacing 0.93 -> 0.92
#: with its interval over length +0.03 -> -0.01 (no longer clearly above length), and one
#: skilled good ending fewer: reverted. It also read "So you didn't choose to come, you've been
#: sent." as confront (0.70) and lost the dismiss of "It will be better once you're working."
#: English again (recog13en, 2026-12-06), at 0.7 with dev18 among the sets, at 1901462's rules,
#: held out (`push_heldout.py --lang en --config both --push-at 0.7`, dev18 added to the sets):
#: shipped -> at 0.5 -> at 0.7: dev9-18 mean macro-F1 0.603 -> 0.618 -> 0.612, encountering
#: read as harsh 52 -> 61 -> 51 of 1792; 12 rounds: skilled read as harsh 30 -> 22 -> 22 of
#: 810, skilled good endings 43 -> 42 -> 42 of 48 (189357e again). Conditions set beforehand
#: asked for no good ending lost: not shipped.
#: English again (recog14en, 2026-12-06), with the training corpora (TRAIN_CORPORA; train1's
#: first 454 turns), dev9-19 and the meetings of "hen" and the rounds up to 3d68c0d, the
#: group model retrained on today's rules (`push_heldout.py --lang en --config
#: base,train,both,train+both --push-at 0.6,0.7 --held-rounds 2f80339,ea62896 --group-from
#: DIR`): dev9-19 mean macro-F1 shipped 0.598 -> train+both 0.615 at 0.5, 0.611 at 0.7 (every
#: set up, +0.004..+0.020), pushing read as encountering 349 -> 258 / 308 of 1320, encountering
#: read as harsh 60 -> 83 / 62 of 2016; replayed at 0.7, the held-out rounds 2f80339 and
#: ea62896: skilled good endings 8 -> 7 of 8 (the retrained group model's), pushing read as
#: encountering 11 -> 12 of 41; all rounds 54 -> 52 of 59. Conditions set beforehand: not
#: shipped (docs/recognizer.md).
#: Finnish again (recog14fi, 2026-12-06), the head trained on dev9-19 and the training corpora
#: recognizer_train1-4 (3,372 turns written to be learned from, never measured) besides the ten
#: older rounds, held out (`push_heldout.py --lang fi --config recipe,train+both --held-rounds
#: 2f80339,ea62896`), the shipped recipe retrained without the held-out set -> with them:
#: dev9-19 mean macro-F1 0.659 -> 0.666, pushing read as encountering 238 -> 208 of 1542,
#: encountering read as harsh 46 -> 50 of 2405; rounds 2f80339 and ea62896 unchanged (pushing
#: as encountering 26 of 78, skilled as harsh 4 of 126, good endings 8 of 8). Conditions set
#: beforehand asked for +0.010 and at most 3 more kind turns read as harsh: not shipped.
#: Shipped (push33, 2026-12-06, `train_recognizer.py --push-only`; the group and subtype
#: models stay as they shipped): both heads on the training corpora, dev9-20 and every round
#: up to 9351f3c, English at 0.7. Held out (`push_heldout.py --config train+both --held-rounds
#: 9351f3c,ea62896`, each set out of every head): dev9-20 mean macro-F1 en 0.594 -> 0.610
#: (shipped), fi 0.658 -> 0.665 (the shipped recipe retrained without the set), pushing read
#: as encountering en 408 -> 337 of 1465, fi 286 -> 254 of 1706, encountering read as harsh
#: en 70 -> 77 of 2243, fi 52 -> 50 of 2630. Leaving one training corpus (one writer) out
#: (`--sets train1,train2,train3,train4`): en 0.563 -> 0.581, fi 0.636 -> 0.643.
#: Finnish since ctx33 (2026-12-06): the head learns the corpora in context (PUSH_IN_CONTEXT),
#: at 0.6; held out and read as the app reads (`push_heldout.py --lang fi --config train+both
#: --held-rounds 9351f3c,ea62896 --sets train1,...,dev20 --context app`), train1-4 and dev9-20
#: mean macro-F1 0.633 -> 0.652, pushing read as encountering 825 -> 618 of 3,165,
#: encountering read as harsh 85 -> 102 of 4,574 (docs/recognizer.md).
#: English since ctx33en (2026-12-06): in context too, still at 0.7 (0.6 read 26 more kind
#: turns as harsh, 21 allowed); held out and read as the app reads (`--lang en`, the same
#: sets), mean macro-F1 0.585 -> 0.600, pushing read as encountering 913 -> 713 of 2,940,
#: encountering read as harsh 133 -> 148 of 4,208; read the old way 0.602 -> 0.599.
MEETINGS = "meetings"
MEETING_NEGATIVE = ("skilled", "neutral")
_ROUNDS_TO_9351F3C = (
    "0b08e30",
    "d7cc718",
    "56d146d",
    "189357e",
    "43c89ad",
    "cabbe9e",
    "4bc3b13",
    "03e2b61",
    "dc17972",
    "3d68c0d",
    "2f80339",
    "ea62896",
    "9351f3c",
)
PUSH_MEETINGS: dict[str, tuple[str, ...]] = {
    "en": ("hen", *_ROUNDS_TO_9351F3C),
    "fi": _ROUNDS_TO_9351F3C,
}


def gate_corpora(lang: str) -> list[str]:
    """The own corpora the gate of `lang` learns from."""
    return [*GATE_CORPORA, *GATE_EXTRA[lang]]


#: Weight of one own-corpus turn beside one AnnoMI turn, the inverse regularisation strength,
#: and the confidence the gate needs to add a move (GATE_THRESHOLD) and to drop one the rules
#: read (GATE_DROP). Chosen by measurement (2026-12-05, benchmarks/annomi_cv.py --train and
#: development sets 5-7 with the gate trained without them): AnnoMI CV 4-way macro-F1 0.687 /
#: 0.682 / 0.684 / 0.695 for own weight 1.0 / 1.0 / 0.5 / 0.3 at C 1 / 0.3 / 0.3 / 0.1; on
#: dev5-7 weight 0.5 and C 0.3 read 18-move macro-F1 +0.00 (en) / +0.01 (fi) over no gate at
#: threshold 0.5-0.7. Dropping only at 0.7 costs AnnoMI 0.003 and keeps "Sign here, please."
#: and "no rush, we can think it through together" as the rules read them.
#: 2026-12-05 later (issue 12, relaxing the rules' overrides; `python benchmarks/annomi_cv.py
#: --train [--lang fi]`, and recognizer_dev9 read with the shipped gate): adding at 0.4 and
#: dropping at 0.5 (0.7 still when the gate reads "none of the three", GatedRecognizer.drop_other,
#: so "Sign here, please." and "Mä suosittelisin laastareita." keep their input) read AnnoMI
#: 4-way macro-F1 0.655 -> 0.670 (en), 0.659 -> 0.665 (fi); dev9 18-move macro-F1 0.675 -> 0.675
#: (en), 0.680 -> 0.682 (fi). Also tried: adding at 0.3 (+0.001), dropping at 0.4 (dev9 en mode
#: -0.2 pt), no exception for a reflection of two client words (+0.002 AnnoMI; "Sä et jaksa
#: kouluun. Kerro..." then loses its reflection), a question beside a reflection in a "?" turn
#: (+0.003; "So you haven't been sleeping?" then asks).
#: 2026-12-05 evening, the wide group model (GROUP_C, GROUP_MIN; `wide_features`), decide_at
#: 0.5: AnnoMI CV 4-way macro-F1 / 18-move macro-F1 mean of dev9, dev10, dev11 (the gate
#: before: en 0.677 / 0.641, fi 0.673 / 0.681), adding at / dropping at (blind1 out, features
#: seen twice: en 0.40/0.50 0.685 / 0.640, 0.45/0.45 0.678 / 0.644, 0.50/0.50 0.665 / 0.647;
#: fi 0.40/0.50 0.682 / 0.679, 0.50/0.50 0.669 / 0.683); as shipped (blind1 in, GROUP_MIN 5,
#: reflect_beside_counsel 0.5): en 0.40/0.45 0.685 / 0.642, 0.42/0.45 0.683 / 0.642,
#: 0.45/0.45 0.679 / 0.643; fi 0.40/0.45 0.689 / 0.681, 0.42/0.45 0.684 / 0.681,
#: 0.45/0.45 0.680 / 0.683. Chosen: better than before on both, in each language; en 0.42
#: rather than 0.40, which added a reflection (0.41) to "This hour is about what you and Derek
#: need, and nothing gets decided without you." With reflect_beside_counsel 0.6: en 0.682 /
#: 0.6415, fi 0.680 / 0.683.
OWN_WEIGHT = 0.5
GATE_C = 0.3
GATE_THRESHOLD = {"en": 0.42, "fi": 0.45}
GATE_DROP = 0.45  # 0.7 when the gate reads "other": see GatedRecognizer.drop_other
#: The push head (confront / persuade / dismiss; GatedRecognizer._pushed): its C and the
#: confidence it needs to add a move, per language. Chosen 2026-12-05 on recognizer_dev9 (not
#: in its training data then) with the head trained on GATE_CORPORA: en C 0.3 / 1 / 3 at 0.5
#: read 18-move macro-F1 0.680 / 0.681 / 0.680 (0.675 without the head); at C 1, thresholds
#: 0.3 / 0.4 / 0.5 / 0.6 read en 0.684 / 0.680 / 0.681 / 0.680 with encountering turns read as
#: blaming or rejecting 12 / 11 / 9 / 9 of 260 (9 without), fi 0.697 / 0.696 / 0.687 / 0.687
#: with 5 / 2 / 1 / 1 of 307 (1 without). AnnoMI CV unchanged (en 0.670 -> 0.670, fi 0.665).
PUSH_C = 1.0
#: The group model (which of the four) reads `wide_features` too, TF-IDF weighted and
#: length-normalised, at this C (gate alone on AnnoMI CV, recog5 0adb6ad: C 1 / 3 / 10 read
#: en 0.713 / 0.719 / 0.712; fi 0.732 at C 3).
GROUP_C = 3.0
#: Features seen fewer times are left out of the group model: loading its index is most of
#: what the wide model adds to building a recognizer (fi: 65,000 features at 2, 46,000 at 3,
#: about 29,000 at 5). AnnoMI CV / dev9-11 mean at 2 and 5: en 0.684 / 0.642, 0.685 / 0.643;
#: fi 0.679 / 0.682, 0.679 / 0.682.
GROUP_MIN = 5
#: Finnish 0.5 since the head learns from sets 9-17 and the meetings (0.4 before: see
#: PUSH_MEETINGS; at 0.4 the new head read 8 more kind turns of dev9-17 as harsh); 0.6 since
#: it learns the corpora in context (ctx33, PUSH_IN_CONTEXT): held out and read as the app
#: reads, at 0.5 it read more kind turns as harsh than the conditions set beforehand allowed
#: (docs/recognizer.md, "Measured").
PUSH_THRESHOLD = {"en": 0.7, "fi": 0.6}
#: A move's own confidence where it differs from PUSH_THRESHOLD (none now; bdf5769 had English
#: blame at 0.8 with the sets in the English push head; `recognizer_loso.py --push-at` tries
#: them).
PUSH_THRESHOLDS: dict[str, dict[str, float]] = {"en": {}, "fi": {}}
#: Features seen fewer times are left out; smaller weights are not shipped.
MIN_COUNT = 2
MIN_WEIGHT = 0.1
SUBLABELS = {
    "question": ["open_question", "closed_question"],
    "reflection": ["simple_reflection", "complex_reflection", "summary"],
    "therapist_input": ["give_information", "advice", "offer_options", "seek_collaboration"],
}
_ROWS: dict[tuple, tuple[set[str], set[str]]] = {}  # gate features per turn, kept across folds


def gate_examples(
    lang: str,
    exclude: set[str] | frozenset[str] = frozenset(),
    own: list[str] | None = None,
    meetings: list[dict] | None = None,
) -> list[tuple[dict, str, set[str], float]]:
    """(turn with its context, its class, its moves or subtypes, weight) for training."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from annomi_cv import load_annomi, load_annomi_fi, therapist_items

    from simulator.language.gate import four_way

    out = []
    english = load_annomi()
    scripts = english if lang == "en" else load_annomi_fi(english)
    for script in scripts:
        if script["id"] not in exclude:
            out += [(it, it["label"], set(it["subtypes"]), 1.0) for it in therapist_items(script)]
    for name in gate_corpora(lang) if own is None else own:
        for it in corpus(lang, [name]):
            turn = {**corpus_turn(it), "corpus": name}
            out.append((turn, four_way(it["moves"], it["text"]), set(it["moves"]), OWN_WEIGHT))
    for turn in meeting_examples(lang) if meetings is None else meetings:
        # No move labels, only the judge's kind: the push head alone reads these turns.
        out.append(({**turn, "corpus": MEETINGS}, "meeting", set(), 1.0))
    return out


def meeting_examples(lang: str, rounds: set[str] | frozenset[str] | None = None) -> list[dict]:
    """The judged worker turns of the free-text meetings in `lang` of the `rounds`
    (PUSH_MEETINGS by default) as the Session reads them: the turn, the client's last two
    lines and the worker's turn before (what the writer and the judge saw), the judge's
    `kind`, the round."""
    rounds = frozenset(PUSH_MEETINGS[lang] if rounds is None else rounds)
    if not rounds:
        return []
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from credibility import DATA, WORKER_KINDS, judgement_files, meeting_round, read_meetings

    from simulator.scenario.loader import load_library
    from simulator.session import Session

    scenarios = {s.id: s for s in load_library()[0]}
    meetings = {m.id: m for m in read_meetings(DATA / "meetings")}
    out = []
    for _path, data in judgement_files(DATA / "judgements"):
        meeting = meetings.get(data["meeting"])
        if meeting is None or scenarios[meeting.scenario].language != lang:
            continue
        where = meeting_round(meeting.id)
        if where not in rounds:
            continue
        session = Session(scenarios[meeting.scenario], seed=meeting.seed, variant=meeting.variant)
        client, earlier, worker = session.opening.text, "", ""
        session.close()
        for item in sorted(data["turns"], key=lambda t: int(t["turn"])):
            if item.get("worker_kind") in WORKER_KINDS:
                out.append(
                    {
                        "text": item["worker"],
                        "client_before": client,
                        "client_earlier": earlier,
                        "worker_before": worker,
                        "kind": item["worker_kind"],
                        "round": where,
                        "meeting": meeting.id,
                    }
                )
            client, earlier, worker = item["client"], client, item["worker"]
    return out


def _binary_matrix(rows: list[set[str]], min_count: int):
    """The turns' features as a sparse 0/1 matrix over the features seen at least `min_count`
    times, and that vocabulary (feature -> column, in sorted order)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    counts = Counter(f for r in rows for f in r)
    vocab = {f: j for j, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    cells = [(i, vocab[f]) for i, r in enumerate(rows) for f in r if f in vocab]
    matrix = csr_matrix(
        (np.ones(len(cells)), ([i for i, _ in cells], [j for _, j in cells])),
        shape=(len(rows), len(vocab)),
    )
    return matrix, vocab


def _fit(
    rows: list[set[str]],
    labels: list[str],
    weights: list[float],
    names: list[str],
    c: float | None = None,
):
    """A multinomial logistic model as a `Softmax` (scikit-learn, deterministic lbfgs)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from simulator.language.gate import Softmax

    matrix, vocab = _binary_matrix(rows, MIN_COUNT)
    y = np.array([names.index(label) for label in labels])
    present = sorted(set(y.tolist()))
    model = LogisticRegression(C=GATE_C if c is None else c, max_iter=1000)
    model.fit(matrix, y, sample_weight=np.array(weights))
    coef, bias = model.coef_, model.intercept_
    if len(present) == 2:  # a binary model has one row: the softmax of (0, z) is its sigmoid
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        bias = np.array([0.0, bias[0]])
    names_of = {j: f for f, j in vocab.items()}
    kept = {
        names_of[j]: [round(float(x), 2) for x in coef[:, j]]
        for j in range(coef.shape[1])
        if abs(coef[:, j]).max() >= MIN_WEIGHT
    }
    return Softmax(
        labels=tuple(names[k] for k in present),
        bias=tuple(round(float(b), 4) for b in bias),
        weights=kept,
    )


def _fit_tfidf(
    rows: list[set[str]], labels: list[str], weights: list[float], names: list[str], c: float
):
    """A multinomial logistic model over TF-IDF weighted, L2-normalised binary features, as a
    `TfidfSoftmax` (idf and weights as 16-bit integers; the model is fitted on the idf as
    shipped, so that training and the app read alike)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import normalize

    from simulator.language.gate import TfidfSoftmax

    matrix, vocab = _binary_matrix(rows, GROUP_MIN)
    df = np.asarray(matrix.sum(0)).ravel()
    idf = np.log((1 + len(rows)) / (1 + df)) + 1
    idf_scale = float(idf.max()) / 32767
    idf_q = np.round(idf / idf_scale).astype(np.int16)
    y = np.array([names.index(label) for label in labels])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(
        normalize(matrix.multiply(idf_q * idf_scale).tocsr()), y, sample_weight=np.array(weights)
    )
    if len(model.classes_) != len(names):
        raise ValueError("every class needs turns to learn from")
    scaled = model.coef_ * (idf_q * idf_scale)  # a row of weights per label
    weight_scale = float(np.abs(scaled).max()) / 32767
    return TfidfSoftmax(
        labels=tuple(names),
        bias=tuple(round(float(b), 5) for b in model.intercept_),
        index=vocab,
        idf=idf_q.tolist(),
        weights=tuple(
            np.round(column / weight_scale).astype(np.int16).tolist() for column in scaled
        ),
        idf_scale=idf_scale,
        weight_scale=weight_scale,
    )


def gate_rows(lang: str, turns: list[dict]) -> tuple[list[set[str]], list[set[str]]]:
    """The gate's features of each turn (read in its context, as the app reads it): those of
    the subtype models and the push head, and those of the group model. Kept across calls."""
    from simulator.language.gated import GatedRecognizer

    reader = None
    rows, wide = [], []
    for it in turns:
        context = (
            it.get("client_before", ""),
            it.get("client_earlier", ""),
            it.get("worker_before", ""),
        )
        key = (lang, it["text"], *context)
        if key not in _ROWS:
            reader = reader or GatedRecognizer(lang, use_gate=False)
            ruled = RuleRecognizer.recognize(reader, it["text"], client_before=context[0]).moves
            _ROWS[key] = reader.gate_features(it["text"], ruled, *context)[:2]
        rows.append(_ROWS[key][0])
        wide.append(_ROWS[key][1])
    return rows, wide


def push_head(lang: str, data: list[tuple[dict, str, set[str], float]], rows: list[set[str]]):
    """The push head (move -> two-label model) trained on the own corpora and the meeting
    turns of `data` (`rows`: their gate features, in the same order)."""
    from simulator.language.gate import PUSH_MOVES

    # The push head learns from the own corpora only (AnnoMI codes no push, blame or
    # brush-off), and without the rules' moves: the rules were tuned on these corpora, so
    # there their reading predicts the label almost perfectly and the head would only echo it.
    own_idx = [
        i
        for i, d in enumerate(data)
        if "transcript" not in d[0]
        and d[0].get("corpus") not in GROUP_ONLY[lang]
        and d[0].get("kind") in (None, *MEETING_NEGATIVE)
    ]
    push_rows = [{f for f in rows[i] if not f.startswith("r:")} for i in own_idx]
    return {
        move: _fit(
            push_rows,
            [move if move in data[i][2] else "none" for i in own_idx],
            [1.0] * len(own_idx),
            ["none", move],
            c=PUSH_C,
        )
        for move in PUSH_MOVES
    }


def train_gate(
    lang: str,
    exclude: set[str] | frozenset[str] = frozenset(),
    own: list[str] | None = None,
    meetings: list[dict] | None = None,
):
    """The gate trained on AnnoMI (without the transcripts in `exclude`) and own corpora (and
    the push head on the meeting turns `meetings`, by default those of PUSH_MEETINGS)."""
    from simulator.language.gate import CLASSES, Gate

    data = gate_examples(lang, exclude, own, meetings)
    rows, wide = gate_rows(lang, [d[0] for d in data])
    push_rows = rows
    if PUSH_IN_CONTEXT[lang] != GATE_IN_CONTEXT:
        other = gate_rows(lang, [without_context(d[0]) for d in data])
        if PUSH_IN_CONTEXT[lang]:
            rows, wide = other
        else:
            push_rows = other[0]
    # The group and subtype models read AnnoMI and the corpora not kept for the push head.
    grouped = [
        i
        for i, d in enumerate(data)
        if d[0].get("corpus") not in PUSH_ONLY[lang] and d[0].get("corpus") != MEETINGS
    ]
    groups = _fit_tfidf(
        [wide[i] for i in grouped],
        [data[i][1] for i in grouped],
        [data[i][3] for i in grouped],
        list(CLASSES),
        GROUP_C,
    )
    subtypes = {}
    for group, labels in SUBLABELS.items():
        idx = [i for i in grouped if data[i][1] == group and data[i][2] & set(labels)]
        subtypes[group] = _fit(
            [rows[i] for i in idx],
            [next(label for label in labels if label in data[i][2]) for i in idx],
            [data[i][3] for i in idx],
            labels,
        )
    return Gate(
        groups=groups,
        subtypes=subtypes,
        threshold=GATE_THRESHOLD[lang],
        drop_threshold=GATE_DROP,
        push=push_head(lang, data, push_rows),
        push_threshold=PUSH_THRESHOLD[lang],
        push_thresholds=PUSH_THRESHOLDS[lang],
    )


def with_push_head(lang: str):
    """The shipped gate with its push head trained again (as `train_gate` trains it): a change
    to what the push head reads, measured with the shipped group model, ships without the
    group model moving too (it reads the rules' moves, so it moves whenever they do)."""
    from dataclasses import replace

    from simulator.language.gate import load_gate

    shipped = load_gate(lang)
    if shipped is None:
        raise SystemExit(f"no shipped gate for {lang}: train the whole gate")
    data = [d for d in gate_examples(lang) if "transcript" not in d[0]]
    turns = [d[0] if PUSH_IN_CONTEXT[lang] else without_context(d[0]) for d in data]
    push = push_head(lang, data, gate_rows(lang, turns)[0])
    return replace(
        shipped,
        push=push,
        push_threshold=PUSH_THRESHOLD[lang],
        push_thresholds=PUSH_THRESHOLDS[lang],
    )


def recognizer_trained_without(lang: str, transcripts: set[str]):
    """A recognizer whose gate never saw the AnnoMI `transcripts` (for cross-validation)."""
    from simulator.language.gated import GatedRecognizer

    return GatedRecognizer(lang, gate=train_gate(lang, transcripts))


def gate_json(gate, lang: str) -> dict:
    def model(m) -> dict:
        return {
            "labels": list(m.labels),
            "bias": list(m.bias),
            # A row as a string of numbers: the app reads it only when a turn has the feature.
            "weights": {k: " ".join(repr(float(x)) for x in m.row(k)) for k in sorted(m.weights)},
        }

    return {
        "language": lang,
        "trained_on": {
            "annomi": "training fold, all 84 transcripts"
            if lang == "en"
            else "Finnish translation (tests/data/annomi_fi/), as far as written",
            "corpora": gate_corpora(lang),
            **({"group_only": sorted(GROUP_ONLY[lang])} if GROUP_ONLY[lang] else {}),
            **({"push_only": sorted(PUSH_ONLY[lang])} if PUSH_ONLY[lang] else {}),
            **(
                {"push_meetings": {"rounds": list(PUSH_MEETINGS[lang]), "turns": len(turns)}}
                if (turns := meeting_examples(lang))
                else {}
            ),
        },
        "features": "simulator.language.gated.GatedRecognizer.gate_features",
        "threshold": gate.threshold,
        "drop_threshold": gate.drop_threshold,
        "groups": {
            "binary": f"{lang}-gate-groups.bin",
            "names_bytes": gate.groups.to_bytes()[1],
            "labels": list(gate.groups.labels),
            "bias": list(gate.groups.bias),
            "count": len(gate.groups.index),
            "idf_scale": gate.groups.idf_scale,
            "weight_scale": gate.groups.weight_scale,
            "features": "GatedRecognizer.gate_features (the wide set), TF-IDF, L2-normalised",
        },
        "subtypes": {g: model(m) for g, m in gate.subtypes.items()},
        "push_threshold": gate.push_threshold,
        # written only when some move has its own (a shipped file stays as it was without)
        **({"push_thresholds": gate.push_thresholds} if gate.push_thresholds else {}),
        "push": {m: model(p) for m, p in gate.push.items()},
    }


def gate_files(gate, lang: str) -> dict[str, bytes]:
    """The gate's shipped files (name in LEARNED_DIR -> content), the binary first."""
    return {
        f"{lang}-gate-groups.bin": gate.groups.to_bytes()[0],
        f"{lang}-gate.json": learned_text(gate_json(gate, lang)).encode("utf-8"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--dry-run", action="store_true", help="train, but write nothing")
    parser.add_argument("--gate-only", action="store_true", help="train only the gate")
    parser.add_argument(
        "--push-only",
        action="store_true",
        help="train only the gate's push head; the shipped group and subtype models stay",
    )
    parser.add_argument(
        "--reselect",
        action="store_true",
        help="choose the second opinion's moves again on SELECTION with today's rules "
        "(in-sample now: the rules have been worked against it) instead of the pinned "
        "SECOND_OPINION",
    )
    args = parser.parse_args()
    for lang in args.lang or ["fi", "en"]:
        # The second opinion first: the gate reads the rules' moves, the second opinion's among
        # them, so it has to learn from the second opinion that ships.
        if not args.gate_only and not args.push_only:
            chosen = None
            if args.reselect:
                chosen = select(lang, RuleRecognizer(lang, learned=False))
                gained = [m for m in chosen if m not in SECOND_OPINION[lang]]
                lost = [m for m in SECOND_OPINION[lang] if m not in chosen]
                print(
                    f"{lang}: beside the pinned choice, new {gained or None}, lost {lost or None}"
                )
            out = second_opinion(lang, chosen)
            print(
                f"{lang}: models for {', '.join(out['moves']) or 'no move'}"
                f" ({out['trained_on']['turns']} turns)"
            )
            if not args.dry_run:
                LEARNED_DIR.mkdir(exist_ok=True)
                path = LEARNED_DIR / f"{lang}.json"
                path.write_text(learned_text(out), encoding="utf-8")
                print(f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")
                load_learned.cache_clear()
        gate = with_push_head(lang) if args.push_only else train_gate(lang)
        if not args.dry_run:
            for name, content in gate_files(gate, lang).items():
                path = LEARNED_DIR / name
                path.write_bytes(content)
                print(f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
