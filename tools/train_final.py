"""Train the final reader (simulator/language/final.py) from the training corpora.

    python tools/train_final.py [--lang en|fi] [--check] [--never-added confront,dismiss]
                                 [--never-dropped summary]

Per move a one-against-the-rest logistic model (scikit-learn liblinear, seeded: the same data
gives the same weights on this machine) over the gate's wide features and the engine's own
reading of each turn (`GatedRecognizer.engine_features`), read with the final reader off, in
the turn's context as the app reads it (the client's last line, the one before it, the
worker's previous turn). It learns from the training corpora recognizer_train1-7 (the rules
were never tuned on them, so the engine's readings of them are as fresh as a new writer's; the
development sets, on which the rules were tuned, would teach it to trust the rules more than a
new writer's talk deserves: benchmarks/final_heldout.py measures both) and the labelled meeting
turns of recognizer_meet1-6 (MEETINGS; benchmarks/final_meet.py cross-validates them by round).
The recipe (`train`): every turn of a corpus the push head learned (train1-4) is read
by an engine whose push head was trained without that corpus (`out_of_fold_rows`), so the
reader learns the engine's readings as they are on a new writer's talk; the features are
weighed and the reading edited as `SHAPE` says. Writes
`simulator/language/learned/<lang>-final.json` and `.bin` for the languages that ship one
(`SHIPPED`; `--lang` names others: writing them makes the app read them); `--check` compares
them with the shipped files byte for byte instead (all but the commit the shipped weights were
fitted at). About three minutes a language.

The JSON records what the weights were fitted on (`provenance`): the commit, the training turns
and a digest of each turn's reading by the shipped engine with the final reader off (the
features and moves `engine_rows` gives). tests/test_recognizer_final.py reads the training turns
again (seconds) and fails when a rule change has moved any of them: the weights then no longer
rebuild from the tree, and this script, run for that language, refits them.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from simulator.language.final import READING  # noqa: E402
from simulator.moves import MOVES, QUESTIONS  # noqa: E402

LEARNED = ROOT / "simulator" / "language" / "learned"
#: The languages a final reader ships for: none (docs/recognizer.md, "Measured", ship35:
#: English read hand-checked turns wrongly, "Are you taking any medication?" as confront;
#: Finnish gained +0.019 held out, short of +0.030; final36: the confront is learned from the
#: engine's "closed question" reading, and a floor on the length scaling does not remove it;
#: meetlearn: with the meeting turns, meet1 by round +0.062 en / +0.048 fi, but skilled good
#: endings in the replay 61 -> 58 / 54 -> 49 and wrong hand-checked readings in both;
#: meetlearn3: push models on the turn's own words, meet1+3+4 nested by round +0.043 / +0.030,
#: but kind turns read as harsh up on train8 (13 -> 26 / 19 -> 25) and dev9-24 (80 -> 97 /
#: 52 -> 114), and the pushes the engine read dropped in hand-checked turns; meetlearn4: pushes
#: added by a model of their own, meet1-6 nested by round and guarded, every figure condition met
#: in Finnish but ten hand-checked turns misread (dismiss added to "Joo. Mm."), English train8's
#: kind turns read as harsh 13 -> 20 and six hand-checked turns misread).
SHIPPED: tuple[str, ...] = ("en", "fi")
#: The corpora the shipped reader learns from, and how many turns of each (their first): a
#: corpus may grow after the weights are trained, and the shipped files must still rebuild.
CORPORA = ("train1", "train2", "train3", "train4", "train5", "train6", "train7")
TURNS = {
    "en": {
        "train1": 968,
        "train2": 1023,
        "train3": 939,
        "train4": 920,
        "train5": 875,
        "train6": 887,
        "train7": 1148,
    },
    "fi": {
        "train1": 1050,
        "train2": 964,
        "train3": 852,
        "train4": 992,
        "train5": 895,
        "train6": 920,
        "train7": 986,
    },
}
#: The labelled meeting turns the reader learns beside the corpora (tests/data/recognizer_meet*:
#: the judged worker turns of stored meetings, in their context), each weighing MEET_WEIGHT
#: corpus turns, and how many of each set (their first, as TURNS). Trained on the corpora alone
#: the reader gained +0.045 on the corpora and +0.002 on meeting turns (final36): what a push
#: sounds like in a meeting is not what the corpora's writers wrote. The weight was chosen by
#: cross-validation by round on meet1 (meetlearn; benchmarks/final_meet.py, docs/recognizer.md
#: "Measured"). A meeting turn of a round the shipped push head learned is read by a push head
#: trained without its fold's rounds (`out_of_fold_rows`, MEET_FOLDS).
MEETINGS = ("meet1", "meet2", "meet3", "meet4", "meet5", "meet6", "meet7", "meet8")
MEET_TURNS = {
    "en": {
        "meet1": 1785,
        "meet2": 104,
        "meet3": 122,
        "meet4": 121,
        "meet5": 62,
        "meet6": 109,
        "meet7": 60,
        "meet8": 114,
        "meet9": 102,
    },
    "fi": {
        "meet1": 1500,
        "meet2": 101,
        "meet3": 120,
        "meet4": 97,
        "meet5": 50,
        "meet6": 103,
        "meet7": 49,
        "meet8": 95,
        "meet9": 119,
    },
}
MEET_WEIGHT = {"en": 2.0, "fi": 2.0}
#: The meeting rounds (credibility.meeting_round), sorted, are dealt into this many folds: the
#: folds of the cross-validation by round and of the cross-fitted push readings.
MEET_FOLDS = 4
#: With the meeting turns: the confidence a move needs to be added (add_at), a push to be added
#: (push_at) and the one below which a move the engine read is dropped (drop_below), chosen by
#: nested cross-validation by round on meet1-6 among the thresholds that read no more kind turns
#: of dev9-25 and train1-8 as harsh than the engine (`final_meet.py --nested --guard`: then kind
#: turns of the meetings read as harsh not above the engine's, then macro-F1, over
#: final_meet.GRID; the value here is the choice on every fold's readings, the one every fold
#: chose; docs/recognizer.md, "Measured", meetlearn4).
MEET_THRESHOLDS = {"en": (0.4, 0.4, 0.2), "fi": (0.4, 0.4, 0.2)}
#: Chosen held out (benchmarks/final_heldout.py, docs/recognizer.md "Measured"): C, the
#: confidence a move the engine did not read needs to be added (ADD_AT) and the one below
#: which a move it read is dropped (DROP_BELOW); features seen fewer than MIN_COUNT times are
#: left out, and weights below PRUNE (times the largest) are not shipped.
C = 1.0
ADD_AT = 0.6
DROP_BELOW = 0.1
MIN_COUNT = 2
#: The prefix of the rules' moves among the gate's features ("r:advice", "r:none"): the engine's
#: reading too, left out of the push models with `push_own` as the push head leaves them out
#: (train_recognizer.push_head); with them "I see." read as persuade from "r:none" (meetlearn3).
RULED = ("r:",)
#: How the reader weighs its features and edits the engine's reading (final35's
#: "D4": the turn's own features length-scaled, no character n-grams, the "families" rule).
#: Unscaled or without the rule the reader dropped skilled meeting reflections (replay,
#: English skilled good endings 58 -> 36 without the rule); the character n-grams, three
#: quarters of the features, were left out of every reader measured since final34 (the
#: length-scaled reader with them was never measured). `push_add`: a push is added by a model
#: of its own over the turn's words (the features not in `add_without`), and a push the engine
#: read is kept or dropped by the move's model over every feature, the reading included. With
#: the reading in the adding model the meet1 reader added persuade to kind turns ("the gate
#: finds no question", meetlearn2); with one model on the turn's words deciding both it dropped
#: the engine's confronts and dismissals, which it could not see (meetlearn3: meetings confront
#: recall .49 -> .38, "ur not a burden!! she loves u" lost its dismiss).
SHAPE = {
    "length_scaled": True,
    "without": ("xc:",),
    "rule": "families",
    "never_empty": True,
    "push_add": True,
    "add_without": (*READING, *RULED),
}
#: Set on the reader after training (they change only how it edits a reading): a push is never
#: added to a turn the engine read as asking only (final.FinalModel.questions_kept).
QUESTIONS_KEPT = True
#: Moves the reader of a language never adds (final.FinalModel.never_added): confront, which
#: it added to kind hand-checked turns ("That was a dramatic change.", "Et sinä ole laiska.",
#: "Et saa unta ennen kolmea."); held out on meet1 the confronts it added turned no English
#: push heard as listening and one Finnish one. English dismiss too: with it addable, nested by
#: round on meet1+3+4 the reader heard 44 of 277 pushes as listening (engine 53, -17 %), without
#: it 40 (-25 %) at the same macro-F1 (meetlearn3); meet1's "an abrupt close is dismiss" made it
#: add dismiss to plain closings in the replay (meetlearn).
NEVER_ADDED = {"en": ("confront", "dismiss"), "fi": ("confront", "dismiss")}
#: Moves the engine read that the reader never drops or swaps (final.FinalModel.never_dropped):
#: summary, which the reader that learned meet1 turned into reflections in skilled Finnish
#: meetings, and those meetings lost their good endings (meetlearn2: replay 52 -> 57 of 72 kept).
NEVER_DROPPED = {"en": ("summary", "confront"), "fi": ("summary",)}
#: No push is added to a turn of at most this many words (final.FinalModel.short_words; 0: no
#: limit), and a push beside a listening move the engine read needs this confidence
#: (final.FinalModel.beside_listening_at; None: the push's own).
SHORT_WORDS = {"en": 5, "fi": 5}
BESIDE_LISTENING_AT: dict[str, float | None] = {"en": 0.7, "fi": None}
#: The moves beside which no push is added (final.FinalModel.push_not_beside), and whether a
#: the listening moves added only to a turn the engine read with no listening move
#: (final.FinalModel.listening_alone), and whether a listening move is added only to a turn
#: whose reading holds no push
#: (listening_unpushed).
PUSH_NOT_BESIDE: dict[str, tuple[str, ...]] = {"en": ("advice",), "fi": ("advice",)}
LISTENING_ALONE: dict[str, tuple[str, ...]] = {"en": (), "fi": ()}
LISTENING_UNPUSHED = {"en": True, "fi": True}
#: Whether a reflection the engine read keeps its subtype (final.FinalModel.subtypes_kept).
SUBTYPES_KEPT = {"en": True, "fi": True}
#: Moves a push the reader adds replaces (final.FinalModel.push_replaces).
PUSH_REPLACES: dict[str, tuple[str, ...]] = {"en": (), "fi": ()}
#: Moves never added to a turn the engine read as asking only (final.FinalModel.asking_kept_from).
ASKING_KEPT_FROM: dict[str, tuple[str, ...]] = {"en": (), "fi": ()}
MIN_POSITIVE = 3
PRUNE = 0.002

_FEATURES: dict[tuple, tuple[set[str], list[str]]] = {}


def turns(lang: str, names: list[str] | tuple[str, ...], pinned: bool = True) -> list[dict]:
    """The labelled turns of the named corpora (tests/data/recognizer_<name>/<lang>.jsonl)."""
    import json

    out = []
    for name in names:
        path = ROOT / "tests" / "data" / f"recognizer_{name}" / f"{lang}.jsonl"
        with path.open(encoding="utf-8") as handle:
            read = [json.loads(line) for line in handle if line.strip()]
        want = TURNS[lang].get(name, MEET_TURNS[lang].get(name))
        if pinned and want is not None:
            if len(read) < want:
                raise SystemExit(f"{path}: {len(read)} turns, {want} pinned")
            read = read[:want]
        rounds = meeting_rounds(name)
        for it in read:
            it["corpus"] = name
            if rounds:
                it["round"] = rounds[it["key"].split("-")[0]]
        out += read
    return out


def meeting_rounds(name: str) -> dict[str, str]:
    """A labelled meeting set's anonymised meeting keys -> the round each was written in
    (credibility.meeting_round of the meeting id, meetings.json); {} for a corpus."""
    import json

    path = ROOT / "tests" / "data" / f"recognizer_{name}" / "meetings.json"
    if not path.exists():
        return {}
    from credibility import meeting_round

    ids = json.loads(path.read_text(encoding="utf-8"))
    return {key: meeting_round(mid) for key, mid in ids.items()}


def round_folds(items: list[dict], folds: int = MEET_FOLDS) -> dict[str, int]:
    """The meeting rounds of `items`, sorted, dealt into `folds` folds: round -> fold."""
    rounds = sorted({it["round"] for it in items if "round" in it})
    return {r: k % folds for k, r in enumerate(rounds)}


def context(it: dict) -> tuple[str, str, str]:
    """(client's last line, the client's line before it, the worker's previous turn), as the
    app reads a corpus line (train_recognizer.turn_context)."""
    from train_recognizer import turn_context

    got = turn_context(it)
    return got["client_before"], got["client_earlier"], got["worker_before"]


def engine_rows(lang: str, items: list[dict], reader=None) -> list[tuple[set[str], list[str]]]:
    """Each turn's final-reader features and the engine's moves, read with the final reader
    off (kept across calls)."""
    from simulator.language.gated import GatedRecognizer

    out = []
    for it in items:
        ctx = context(it)
        key = (lang, it["text"], *ctx)
        if key not in _FEATURES:
            reader = reader or GatedRecognizer(lang, use_final=False)
            _FEATURES[key] = read_features(reader, it["text"], *ctx)
        out.append(_FEATURES[key])
    return out


def read_features(reader, text: str, client_before: str, client_earlier: str, worker_before: str):
    """(features, engine moves) of one turn, as GatedRecognizer.recognize reads it."""
    ruled: set[str] = set()
    raw = reader._recognize(text, client_before, None, ruled)
    got = reader.recognize(
        text,
        client_before=client_before,
        client_earlier=client_earlier,
        worker_before=worker_before,
    )
    if not raw.text.strip():
        return set(), list(got.moves)
    found, wide, _ = reader.gate_features(
        raw.text, raw.moves, client_before, client_earlier, worker_before
    )
    return reader.engine_features(got, raw.moves, found, wide), list(got.moves)


def turn_digest(found: set[str], moves: list[str]) -> bytes:
    """Two bytes standing for one turn's reading (`engine_rows`): enough to count the turns a
    rule change moved (a moved turn goes unseen once in 65,536)."""
    text = "\x1f".join(sorted(found)) + "\x1e" + "\x1f".join(moves)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=2).digest()


def training_turns(lang: str) -> list[dict]:
    """The turns the shipped reader learns, in order: the corpora's, then the meetings'."""
    return turns(lang, CORPORA) + turns(lang, MEETINGS)


def reading_digests(lang: str, items: list[dict]) -> bytes:
    """`turn_digest` of each of `items` as the shipped engine reads it (final reader off)."""
    return b"".join(turn_digest(found, moves) for found, moves in engine_rows(lang, items))


def engine_commit() -> str:
    """The commit the tree is at, "+" where the engine's files (simulator/, but for the final
    reader's own) differ from it."""

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)

    head = git("rev-parse", "--short=12", "HEAD").stdout.strip() or "unknown"
    moved = git(
        "diff",
        "--quiet",
        "HEAD",
        "--",
        "simulator",
        ":!simulator/language/final.py",
        ":!simulator/language/learned/*-final.*",
    )
    return head + ("+" if moved.returncode == 1 else "")


def provenance(lang: str, items: list[dict]) -> dict:
    """What a reader of `items` was fitted on: the commit, how many turns, the digest of all
    their readings (sha256 of the per-turn digests) and the per-turn digests (base64)."""
    each = reading_digests(lang, items)
    return {
        "commit": engine_commit(),
        "turns": len(items),
        "readings": hashlib.sha256(each).hexdigest(),
        "each": base64.b64encode(each).decode("ascii"),
    }


def readings_moved(lang: str, fitted_on: dict) -> int | None:
    """How many training turns the engine now reads differently from what the reader that
    `fitted_on` describes was fitted on; None when the training turns themselves changed
    (MEETINGS, TURNS, MEET_TURNS or a corpus edited)."""
    items = training_turns(lang)
    if len(items) != fitted_on.get("turns"):
        return None
    each = reading_digests(lang, items)
    if hashlib.sha256(each).hexdigest() == fitted_on.get("readings"):
        return 0
    then = base64.b64decode(fitted_on.get("each", ""))
    if len(then) != len(each):
        return None
    # Every per-turn digest the same but the whole not: a moved turn the two bytes missed.
    return sum(each[k : k + 2] != then[k : k + 2] for k in range(0, len(each), 2)) or 1


def push_learned(lang: str) -> list[str]:
    """The corpora the shipped push head learned (train_recognizer.gate_corpora)."""
    from train_recognizer import gate_corpora

    return gate_corpora(lang)


def push_heads_without(lang: str, held: dict) -> dict:
    """Per key of `held` (a set of corpus names and meeting rounds), the shipped gate with its
    push head trained again as train_recognizer trains it (PUSH_IN_CONTEXT, the meetings of
    PUSH_MEETINGS) but without those corpora's and rounds' turns."""
    from dataclasses import replace

    import train_recognizer as tr

    from simulator.language.gate import load_gate

    shipped = load_gate(lang)
    data = [d for d in tr.gate_examples(lang) if "transcript" not in d[0]]
    turns = [d[0] if tr.PUSH_IN_CONTEXT[lang] else tr.without_context(d[0]) for d in data]
    rows = tr.gate_rows(lang, turns)[0]
    out = {}
    for key, names in held.items():
        keep = [
            i
            for i, d in enumerate(data)
            if d[0].get("corpus") not in names and d[0].get("round") not in names
        ]
        out[key] = replace(
            shipped,
            push=tr.push_head(lang, [data[i] for i in keep], [rows[i] for i in keep]),
            push_threshold=tr.PUSH_THRESHOLD[lang],
            push_thresholds=tr.PUSH_THRESHOLDS[lang],
        )
    return out


def out_of_fold_rows(lang: str, items: list[dict]) -> list[tuple[set[str], list[str]]]:
    """`engine_rows`, but a turn of a corpus the push head learned (train1-4, the development
    sets) is read by an engine whose push head was trained without that corpus, and a meeting
    turn of a round it learned (PUSH_MEETINGS: their skilled and neutral turns) by one trained
    without that turn's fold of rounds (`round_folds`): its push probabilities ("P:") and the
    moves and mode they set ("E:", "EM:") are then as fresh as on a new writer's talk. A reader
    stacked on the in-sample readings learns to trust the push head more than it deserves
    (final34: pushing read as encountering, English train1-6 each out, 414 -> 183 with them,
    379 without). Cross-fitted once: the head that reads corpus A has learned corpus B, the one
    the reader is then measured on."""
    from train_recognizer import PUSH_MEETINGS

    from simulator.language.gated import GatedRecognizer

    rows = engine_rows(lang, items)
    learned = set(push_learned(lang))
    held: dict = {name: {name} for name in sorted({it["corpus"] for it in items} & learned)}
    folds = round_folds(items)
    pushed = set(PUSH_MEETINGS[lang])
    for k in sorted(set(folds.values())):
        rounds = {r for r, f in folds.items() if f == k} & pushed
        if rounds:
            held[f"fold{k}"] = rounds
    if not held:
        return rows
    gates = push_heads_without(lang, held)
    for key, names in held.items():
        reader = GatedRecognizer(lang, gate=gates[key], use_final=False)
        for i, it in enumerate(items):
            if it["corpus"] in names or it.get("round") in names:
                rows[i] = read_features(reader, it["text"], *context(it))
    return rows


def fit(
    rows: list[set[str]],
    labels: list[list[str]],
    weights=None,
    c: float = C,
    length_scaled: bool = False,
    without: tuple[str, ...] = (),
    rule: str = "edit",
    scale_floor: int = 1,
    never_empty: bool = False,
    push_own: bool = False,
    push_add: bool = False,
    add_without: tuple[str, ...] = (),
    adding: tuple[list[set[str]], list[list[str]], list[float]] | None = None,
):
    """The final reader trained on these turns (features, labelled moves), weighing each
    turn's features as it will read them (`final.feature_values`). With `push_own` the push
    moves' models (HARMFUL) learn from the turn's own features only, not the engine's reading
    (their weights for `final.READING` and RULED features are zero). With `push_add` each push
    move has two models: its own, over every feature, which decides whether a push the engine
    read is kept, and an adding one (final.ADDING + move) over the turn's own features and
    those of the reading not in `add_without`, which alone decides whether one is added.
    `adding` (rows, labels, weights) are turns only the adding models learn (the vocabulary is
    the other turns', so every other model is as without them)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from simulator.language.final import ADDING, READING, FinalModel, feature_values
    from simulator.moves import HARMFUL

    extra_rows, extra_labels, extra_weights = adding or ([], [], [])
    valued = [feature_values(r, length_scaled, without, scale_floor) for r in rows]
    counts = Counter(f for r in valued for f in r)
    valued += [feature_values(r, length_scaled, without, scale_floor) for r in extra_rows]
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    vocab = {f: j for j, f in enumerate(names)}
    cells = [(i, vocab[f], v) for i, r in enumerate(valued) for f, v in r.items() if f in vocab]
    matrix = csr_matrix(
        ([v for _, _, v in cells], ([i for i, _, _ in cells], [j for _, j, _ in cells])),
        shape=(len(valued), len(vocab)),
    )
    whole = matrix
    matrix = whole[: len(rows)]
    sample = None if weights is None else np.asarray(weights, dtype=float)
    own = matrix
    if push_own or push_add:
        from scipy.sparse import diags

        read = (*READING, *RULED) if push_own else add_without
        own_all = (whole @ diags([0.0 if n.startswith(read) else 1.0 for n in names])).tocsr()
        own_all.eliminate_zeros()
        own = own_all[: len(rows)]
    moves, bias, columns = [], [], []
    for move in MOVES:
        if move in QUESTIONS:
            continue
        y = np.array([move in want for want in labels], dtype=int)
        if y.sum() < MIN_POSITIVE:
            continue
        fitted = [(move, own if move in HARMFUL and push_own else matrix, y, sample)]
        if push_add and move in HARMFUL:
            if extra_rows:
                more = np.array([move in want for want in extra_labels], dtype=int)
                base = np.ones(len(rows)) if sample is None else sample
                both = np.concatenate([base, np.asarray(extra_weights, dtype=float)])
                fitted.append((ADDING + move, own_all, np.concatenate([y, more]), both))
            else:
                fitted.append((ADDING + move, own, y, sample))
        for name, x, want_y, weighed in fitted:
            model = LogisticRegression(C=c, solver="liblinear", max_iter=2000, random_state=0)
            model.fit(x, want_y, sample_weight=weighed)
            moves.append(name)
            bias.append(float(model.intercept_[0]))
            columns.append(model.coef_[0])
    coef = np.vstack(columns)
    scale = float(np.abs(coef).max()) / 32767
    quantised = np.round(coef / scale).astype(np.int16)
    keep = np.abs(quantised).max(axis=0) >= PRUNE * 32767
    kept_names = [n for n, k in zip(names, keep, strict=True) if k]
    return FinalModel(
        moves=tuple(moves),
        bias=tuple(round(b, 5) for b in bias),
        index={n: j for j, n in enumerate(kept_names)},
        weights=tuple(row[keep].tolist() for row in quantised),
        weight_scale=scale,
        add_at=ADD_AT,
        drop_below=DROP_BELOW,
        length_scaled=length_scaled,
        without=without,
        rule=rule,
        scale_floor=scale_floor,
        never_empty=never_empty,
    )


def train(
    lang: str,
    never_added: tuple[str, ...] | None = None,
    never_dropped: tuple[str, ...] | None = None,
):
    """The reader of the recipe final35 measured as "D4" (docs/recognizer.md, "Measured"),
    with the meeting turns of MEETINGS at MEET_WEIGHT; `never_added` in place of NEVER_ADDED
    and `never_dropped` in place of NEVER_DROPPED (variants measured, not the recipe)."""
    items = training_turns(lang)
    rows = out_of_fold_rows(lang, items)
    model = fitted(lang, items, rows, never_added, never_dropped)
    model.fitted_on = provenance(lang, items)
    return model


def fitted(
    lang: str,
    items: list[dict],
    rows: list[tuple[set[str], list[str]]],
    never_added: tuple[str, ...] | None = None,
    never_dropped: tuple[str, ...] | None = None,
):
    """`train`'s reader of these turns read so (benchmarks/final_meet.py keeps the readings)."""
    weights = [1.0 if it["corpus"] in CORPORA else MEET_WEIGHT[lang] for it in items]
    model = fit([r for r, _ in rows], [it["moves"] for it in items], weights, **SHAPE)
    model.add_at, model.push_at, model.drop_below = MEET_THRESHOLDS[lang]
    model.questions_kept = QUESTIONS_KEPT
    model.never_added = NEVER_ADDED[lang] if never_added is None else never_added
    model.never_dropped = NEVER_DROPPED[lang] if never_dropped is None else never_dropped
    model.short_words = SHORT_WORDS[lang]
    model.beside_listening_at = BESIDE_LISTENING_AT[lang]
    model.push_not_beside = PUSH_NOT_BESIDE[lang]
    model.listening_alone = LISTENING_ALONE[lang]
    model.listening_unpushed = LISTENING_UNPUSHED[lang]
    model.subtypes_kept = SUBTYPES_KEPT[lang]
    model.push_replaces = PUSH_REPLACES[lang]
    model.asking_kept_from = ASKING_KEPT_FROM[lang]
    return model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("fi", "en"), action="append")
    parser.add_argument("--check", action="store_true", help="compare with the shipped files")
    parser.add_argument(
        "--never-added",
        metavar="MOVES",
        help="the moves the reader never adds, comma-separated, in place of NEVER_ADDED",
    )
    parser.add_argument(
        "--never-dropped",
        metavar="MOVES",
        help="the moves the reader never drops, comma-separated, in place of NEVER_DROPPED",
    )
    args = parser.parse_args()
    kept = (
        None if args.never_dropped is None else tuple(m for m in args.never_dropped.split(",") if m)
    )
    never = None if args.never_added is None else tuple(m for m in args.never_added.split(",") if m)
    ok = True
    if not (args.lang or SHIPPED):
        print("no final reader ships (SHIPPED); name a language with --lang")
    for lang in args.lang or SHIPPED:
        model = train(lang, never, kept)
        shipped = LEARNED / f"{lang}-final.json"
        if args.check and model.fitted_on and shipped.exists():
            # The commit says when the shipped weights were fitted, not what they are.
            import json

            was = json.loads(shipped.read_text(encoding="utf-8")).get("fitted_on") or {}
            model.fitted_on["commit"] = was.get("commit", model.fitted_on["commit"])
        files = model.to_files(lang)
        for name, data in files.items():
            path = LEARNED / name
            if args.check:
                same = path.exists() and path.read_bytes() == data
                ok &= same
                print(f"{name}: {'same' if same else 'DIFFERS'}")
            else:
                path.write_bytes(data)
                print(f"{name}: {len(data):,} bytes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
