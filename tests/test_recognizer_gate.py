"""The learned gate: shipped as data, read at run time only, and kept inside the contract."""

from __future__ import annotations

import json
import math

import pytest

from simulator.language import get_recognizer
from simulator.language.gate import CLASSES, LEARNED_DIR, four_way, load_gate


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_gate_ships_for_both_languages(lang):
    gate = load_gate(lang)
    assert gate is not None and gate.groups.labels == CLASSES
    assert set(gate.subtypes) == {"question", "reflection", "therapist_input"}
    # Above 1/4: the most likely of four classes always reaches a quarter.
    assert 0.25 < gate.threshold <= gate.drop_threshold < 1


@pytest.mark.parametrize(
    ("moves", "text", "cls"),
    [
        (["advice", "closed_question"], "Have you thought about it?", "question"),
        (["advice", "closed_question"], "Do it. Have you thought about it.", "therapist_input"),
        (["simple_reflection", "open_question"], "You're tired. What helps?", "question"),
        (["persuade"], "You'll lose the flat.", "therapist_input"),
        (["greeting", "affirmation"], "Hi, well done.", "other"),
    ],
)
def test_moves_map_to_annomis_classes_as_domain_md_says(moves, text, cls):
    assert four_way(moves, text) == cls


@pytest.mark.parametrize(
    ("lang", "text", "client"),
    [
        (
            "en",
            "This isn't a joke. You've got a daughter to think about. "
            "What kind of dad overdoses and then refuses help?",
            "I'm not going to any clinic.",
        ),
        (
            "fi",
            "Ei tässä kysytä mitä sä haluat. Sä oot ihan loppu ja teet virheitä. "
            "Näin tää nyt menee.",
            "En mä halua et lapset viedään mihinkään.",
        ),
        ("en", "You've got kids, you can't just give up like this.", "I can't do it anymore."),
        ("fi", "Sulla on lapset, et sä voi vaan luovuttaa.", "Mä en enää jaksa."),
    ],
)
def test_the_workers_own_view_of_the_client_pushes_it_does_not_reflect(lang, text, client):
    got = get_recognizer(lang).recognize(text, client_before=client)
    assert not {"simple_reflection", "complex_reflection"} & set(got.moves)
    assert got.mode in ("blaming", "rejecting")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Have you thought about buying ready meals?"),
        ("fi", "Ootko miettiny, et hakisit töitä?"),
    ],
)
def test_advice_dressed_as_a_question_stays_advice(lang, text):
    got = get_recognizer(lang).recognize(text, client_before="I don't know what to do.")
    assert got.moves == ("advice",)


def test_the_same_turn_in_the_same_context_reads_the_same():
    rec = get_recognizer("en")
    args = {"client_before": "I never agreed to this.", "worker_before": "Sign here."}
    assert rec.recognize("Nobody asked you.", **args) == rec.recognize("Nobody asked you.", **args)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_push_head_ships_for_the_three_pushing_moves(lang):
    gate = load_gate(lang)
    assert gate is not None
    assert set(gate.push) == {"confront", "persuade", "dismiss"}
    assert 0 < gate.push_threshold < 1
    # Read from the words and the context only: the rules' moves are no feature of it.
    assert not any(f.startswith("r:") for m in gate.push.values() for f in m.weights)


def _with_push(lang: str, move: str, stem: str):
    """The shipped recognizer with a push head that is sure of `move` whenever `stem` occurs."""
    import dataclasses

    from simulator.language.gate import Softmax
    from simulator.language.gated import GatedRecognizer

    gate = load_gate(lang)
    head = Softmax(labels=("none", move), bias=(0.0, -20.0), weights={f"w:{stem}": [0.0, 40.0]})
    return GatedRecognizer(lang, gate=dataclasses.replace(gate, push={move: head}))


def test_the_push_head_adds_its_move_with_content_words_as_evidence():
    rec = _with_push("en", "persuade", "daughter")
    # Worded without a listed cue, the rules read it as a reflection.
    got = rec.recognize(
        "Your daughter hears every word of it.", client_before="I won't go to rehab."
    )
    assert "persuade" in got.moves and got.mode == "rejecting"
    evidence = next(e for e in got.evidence if e.move == "persuade")
    assert evidence.words == ("daughter",)


def test_the_push_head_does_not_bring_back_what_the_rules_turned_down():
    # "Et sinä ole laiska." denies the judgement: no blame, however sure the head is.
    rec = _with_push("fi", "confront", "laisk")
    got = rec.recognize("Et sinä ole laiska.", client_before="Mä en saa mitään aikaan.")
    assert "confront" not in got.moves
    # A change of subject after a bare "Joo." brushes nothing aside.
    rec = _with_push("fi", "dismiss", "seuraav")
    got = rec.recognize("Okei. Mennään sitten seuraavaan asiaan.", client_before="Joo.")
    assert "dismiss" not in got.moves


@pytest.mark.parametrize(
    ("text", "client", "move"),
    [
        # A rising end on the client's own words, coded reflection in AnnoMI: where the gate is
        # confident (>= 0.6) the class is its, and the rules only pick the move inside it.
        (
            "Oh, so, someone who'll stand up for you?",
            "Someone who'll stand up for you.",
            "simple_reflection",
        ),
        ("And it doesn't feel good?", "Yeah.", "complex_reflection"),
    ],
)
def test_a_confident_gate_decides_the_class_the_rules_pick_the_move(text, client, move):
    got = get_recognizer("en").recognize(text, client_before=client)
    assert got.moves == (move,)
    assert got.mode == "encountering"
    assert "closed_question" not in got.moves


def test_a_question_beside_a_push_stays_when_the_gate_decides():
    got = get_recognizer("en").recognize(
        "Yeah, I hear you. But it's really important you start applying for jobs properly now, "
        "otherwise you'll get sanctioned. Have you been on the jobs website?"
    )
    assert {"persuade", "closed_question"} <= set(got.moves)


def test_a_question_with_an_asking_form_stays_when_the_gate_decides():
    # Only a "?" on a statement gives way; a clitic question ("onko") is asked.
    got = get_recognizer("fi").recognize(
        "Sä et jaksa ja kaikki on raskasta. Saanko kysyä, onko sulla ketään kenelle puhua?",
        client_before="Mä en jaksa enää mitään. Kaikki on niin raskasta.",
    )
    assert "closed_question" in got.moves
    assert "simple_reflection" in got.moves


def test_the_group_model_reads_the_same_after_shipping():
    # The group model ships as bytes (its features, 16-bit idf and weights): written and read
    # back, it gives the same probabilities, and a feature it never saw changes nothing.
    from simulator.language.gate import TfidfSoftmax

    model = TfidfSoftmax(
        labels=("question", "reflection", "therapist_input", "other"),
        bias=(0.1, 0.2, -0.3, 0.0),
        index={"xw:väsynyt": 0, "q": 1},
        idf=[300, 100],
        weights=([0, 900], [1200, -50], [-400, 10], [0, 0]),
        idf_scale=0.01,
        weight_scale=0.001,
    )
    data, names_bytes = model.to_bytes()
    meta = {
        "names_bytes": names_bytes,
        "labels": list(model.labels),
        "bias": list(model.bias),
        "count": 2,
        "idf_scale": 0.01,
        "weight_scale": 0.001,
    }
    back = TfidfSoftmax.from_bytes(meta, data)
    turn = {"xw:väsynyt", "q", "xw:never-seen"}
    assert back.probabilities(turn) == pytest.approx(model.probabilities(turn))
    assert model.probabilities(turn) == pytest.approx(model.probabilities(turn - {"xw:never-seen"}))
    best = max(range(4), key=model.probabilities({"xw:väsynyt"}).__getitem__)
    assert model.labels[best] == "reflection"
    with pytest.raises(ValueError):
        TfidfSoftmax.from_bytes(meta, data[:-2])


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_group_model_ships_as_binary_data_and_reads_words_and_letters(lang):
    from simulator.language.gate import TfidfSoftmax

    gate = load_gate(lang)
    assert isinstance(gate.groups, TfidfSoftmax)
    rec = get_recognizer(lang)
    text = {"fi": "Sun pitää lopettaa juominen.", "en": "You need to stop drinking."}[lang]
    found, wide, _ = rec.gate_features(text, ("advice",), "En mä tiedä.", "", "")
    # The subtype models and the push head read the narrow set; the group model more.
    assert found < wide
    assert {"xyou_modal", "xyou_stmt", "xc1:c4ov0"} <= wide
    assert any(f.startswith("xc:") for f in wide) and not any(f[0] == "x" for f in found)


def test_advice_on_the_clients_own_words_gets_no_reflection_added():
    # Telling the client what to do with what they said re-says nothing: the gate, unsure
    # (0.46 reflection), adds no reflection beside the advice the rules read.
    got = get_recognizer("en").recognize(
        "You need to sort out your post.",
        client_before="It's the night shifts. I just can't keep up with the post.",
        client_earlier="I got a letter. So here I am.",
        worker_before="How have things been for you lately?",
    )
    assert got.moves == ("advice",)
    assert got.mode == "noticing"


def test_the_letter_grams_are_every_slice_of_the_spaced_words():
    # The group model's character n-grams are built size by size (speed, issue 12): they must
    # be exactly the slices of " words joined " that training read.
    from simulator.language.gate import _grams

    joined = " mä en jaksa "
    assert _grams(["mä", "en", "jaksa"], 2, 5) == {
        joined[i : i + n] for n in range(2, 6) for i in range(len(joined) - n + 1)
    }
    assert _grams(["ok"], 4, 4) == {" ok "}
    assert _grams([], 2, 5) == set()


def test_the_push_heads_sum_is_its_bias_plus_the_turns_weights():
    # Softmax.probabilities sums each label's weights over the turn's features it knows, rows
    # shipped as strings read on first use; features it never saw add nothing.
    from simulator.language.gate import Softmax, _softmax

    model = Softmax(
        labels=("none", "confront"),
        bias=(0.0, -1.0),
        weights={"w:laisk": "0.0 2.5", "w:sinä": [0.1, 0.2]},
    )
    got = model.probabilities({"w:laisk", "w:sinä", "w:never-seen"})
    assert got == pytest.approx(_softmax([0.1, -1.0 + 2.5 + 0.2]))
    assert model.probabilities({"w:never-seen"}) == pytest.approx(_softmax([0.0, -1.0]))


def test_a_push_move_can_need_more_confidence_than_the_others():
    # A per-move confidence (`push_thresholds`): a blame head that is 0.7 sure adds no blame
    # when blame needs 0.8, while the other moves keep the head's common threshold.
    import dataclasses

    rec = _with_push("en", "confront", "room")
    head = rec.gate.push["confront"]
    unsure = dataclasses.replace(head, bias=(0.0, -40.0 + math.log(0.7 / 0.3)))
    gate = dataclasses.replace(
        rec.gate, push={"confront": unsure}, push_threshold=0.5, push_thresholds={"confront": 0.8}
    )
    from simulator.language.gated import GatedRecognizer

    text, client = "Excuse me, is this room free?", "I feel like nobody cares."
    assert (
        "confront"
        not in GatedRecognizer("en", gate=gate).recognize(text, client_before=client).moves
    )
    gate = dataclasses.replace(gate, push_thresholds={})
    assert (
        "confront" in GatedRecognizer("en", gate=gate).recognize(text, client_before=client).moves
    )


def _train_module():
    import importlib.util
    from pathlib import Path

    tools = Path(__file__).resolve().parent.parent / "tools" / "train_recognizer.py"
    spec = importlib.util.spec_from_file_location("train_recognizer_for_test", tools)
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    return train


def test_the_gate_learns_from_no_blind_set():
    # Blind sets (tests/data/recognizer_blind2/ and later) measure; no training reads them.
    # "blind1" is the first blind set's folder (recognizer_blind/), a development set since
    # 2026-11-23; every other corpus is the tuning split, a development set or a training
    # corpus (recognizer_trainN/, written to be learned from).
    train = _train_module()
    for lang in ("fi", "en"):
        corpora = train.gate_corpora(lang)
        assert corpora and all(
            c in ("dev", "blind1") or c.startswith(("dev", "train")) for c in corpora
        )
        data = json.loads((LEARNED_DIR / f"{lang}-gate.json").read_text(encoding="utf-8"))
        assert data["trained_on"]["corpora"] == corpora
        # The push head alone learns from the training corpora and the later sets (the group
        # model as shipped reads none of them); no round of meetings is read unless named.
        assert set(train.TRAIN_CORPORA) | {"dev20"} <= train.PUSH_ONLY[lang]
        assert not train.GROUP_ONLY[lang]
        assert data["trained_on"]["push_meetings"]["rounds"] == list(train.PUSH_MEETINGS[lang])
    # Finnish: the group model learns from development sets 9-13 too.
    assert {"dev9", "dev13"} <= set(train.gate_corpora("fi")) - train.PUSH_ONLY["fi"]


def test_the_shipped_second_opinion_is_the_choice_the_training_script_pins():
    # tools/train_recognizer.py trains the pinned moves (SECOND_OPINION, chosen on development
    # sets 5-7 before the rules were tuned on them) on TRAINING + SELECTION. A shipped file
    # that records another choice, other corpora or another number of turns is not what the
    # script makes (tools/check_learned.py retrains and compares byte for byte).
    train = _train_module()
    for lang in ("fi", "en"):
        data = json.loads((LEARNED_DIR / f"{lang}.json").read_text(encoding="utf-8"))
        corpora = [*train.TRAINING, *train.SELECTION]
        assert all(c in ("dev", "blind1") or c.startswith("dev") for c in corpora)
        assert data["trained_on"] == {
            "corpora": corpora,
            "selected_on": train.SELECTION,
            "turns": len(train.corpus(lang, corpora)),
        }
        shipped = {
            move: (m["threshold"], m["selection"]["rules_f1"], m["selection"]["with_model_f1"])
            for move, m in data["moves"].items()
        }
        assert list(shipped.items()) == list(train.SECOND_OPINION[lang].items())
        assert all(m in train.LEARNABLE for m in shipped)


def test_the_finnish_gate_hears_advice_where_it_heard_a_reflection():
    # Trained with development sets 9-13 (written by people who never read the recognizer),
    # the Finnish gate reads the worker's own suggestion about the client's role as advice;
    # before, it was a complex reflection and the turn encountering.
    got = get_recognizer("fi").recognize(
        "No ehkä oiski hyvä päästää irti siitä roolista ja antaa vaimon hoitaa.",
        client_before="Mä oon aina ollu se joka hoitaa asiat. Nyt mä en hoida mitään.",
    )
    assert got.moves == ("advice",) and got.mode == "noticing"


def test_a_meeting_turn_is_read_after_what_the_writer_and_the_judge_saw():
    # The push head can learn from the judged free-text meetings (PUSH_MEETINGS): each worker
    # turn with the client's last two lines and the worker's turn before, as the Session hands
    # them to the recognizer; the first turn follows the client's opening words.
    train = _train_module()
    turns = [
        t
        for t in train.meeting_examples("en", rounds={"3d68c0d"})
        if t["meeting"] == "en-humiliated-before-skilled-hen19-1"
    ]
    first, second, third = turns[:3]
    assert first["client_before"] and not first["client_before"].startswith("Go on then.")
    assert first["client_earlier"] == first["worker_before"] == ""
    assert second["worker_before"] == first["text"]
    assert second["client_before"].startswith("Go on then. Tell me what I've done wrong")
    assert third["client_earlier"] == second["client_before"]
    assert {t["kind"] for t in turns} <= {"skilled", "neutral", "pushing"}
    assert {t["round"] for t in turns} == {"3d68c0d"}
    # No language's other meetings, and nothing unless rounds are named.
    assert all(t["meeting"].startswith("en-") for t in train.meeting_examples("en", {"3d68c0d"}))
    assert train.meeting_examples("fi", rounds=set()) == []


def test_a_meeting_belongs_to_the_round_its_writer_wrote_in():
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "credibility.py"
    spec = importlib.util.spec_from_file_location("credibility", path)
    credibility = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("credibility", credibility)
    spec.loader.exec_module(credibility)
    assert credibility.meeting_round("en-humiliated-before-skilled-hen19-1") == "3d68c0d"
    assert credibility.meeting_round("fi-kotikaynti-yksin-asuva-hurried-hfs-1") == "3d68c0d"
    assert credibility.meeting_round("en-humiliated-before-hurried-hen2-1") == "0b08e30"
    # Not one of the rounds: its writer's own.
    assert credibility.meeting_round("en-humiliated-before-hurried-hen-1") == "hen"
    assert credibility.meeting_round("dev-en-humiliated-before-skilled") == (
        "dev-en-humiliated-before-skilled"
    )


@pytest.mark.parametrize(
    ("text", "client", "move"),
    [
        (
            "Kolkyt vuotta on hieno ura. Mut nyt sun täytyy kattoo totuutta silmiin.",
            "Mä oon ollu sähkömies kolkyt vuotta. Mä en osaa olla mitään muuta.",
            "persuade",
        ),
        (
            "Tietysti teit oikein, älä sitä enää mieti.",
            "En mä tiedä teinkö mä oikein. Lapsetkin kyselee koko ajan mummoa ja pappaa.",
            "dismiss",
        ),
        (
            "Mut vanhemmille olis kyllä hyvä kertoa, ne haluu varmasti tukea sua.",
            "Mä en halua et kukaan tietää. Ei työkaverit, ei vanhemmat.",
            "persuade",
        ),
        # From development set 20 (blind set 15), read by the head trained without it on the
        # training corpora, the other sets and the meetings: the head before heard these as
        # listening (a reflection, encountering).
        (
            "Kahdeksan vuotta on pitkä aika. Siks kannattais ehkä ensin aloittaa vaikka neljä "
            "tuntia päivässä meidän siirtymätyössä.",
            "Mä en tiiä osaanks mä enää olla töissä. Kahdeksan vuotta on pitkä aika.",
            "persuade",
        ),
    ],
)
def test_the_finnish_push_head_hears_pushes_other_writers_worded(text, client, move):
    # From development set 15, read by the push head trained without it (and with sets 9-17
    # otherwise and the meetings; benchmarks/push_heldout.py): the head before heard these
    # as listening.
    got = get_recognizer("fi").recognize(text, client_before=client)
    assert move in got.moves
    assert got.mode == "rejecting"


@pytest.mark.parametrize(
    ("text", "client", "move", "mode"),
    [
        (
            "She's probably worried, she's got a point.",
            "I haven't slept since. Drinking most nights. My missus says I'm not the same.",
            "persuade",
            "rejecting",
        ),
        (
            "That's the old Dean talking, isn't it?",
            "I didn't say nothing. I put the phone down. I wanted to put my fist through the wall.",
            "confront",
            "blaming",
        ),
    ],
)
def test_the_english_push_head_hears_pushes_other_writers_worded(text, client, move, mode):
    # From development set 20 (blind set 15), read by the push head trained without it (on the
    # training corpora, the other sets and the meetings; benchmarks/push_heldout.py): the head
    # before heard these as listening (a reflection alone, encountering).
    got = get_recognizer("en").recognize(text, client_before=client)
    assert move in got.moves
    assert got.mode == mode


def test_a_corpus_turn_is_learned_in_the_context_the_app_reads_it_in():
    # The Session hands the recognizer the client's two last lines and the worker's turn
    # before; a corpus line keeps the lines before `client_before` in `context` (the training
    # corpora as strings, worker and client in turn; the development sets as speaker dicts).
    train = _train_module()
    strings = {
        "text": "Sun pitää nyt vaan allekirjoittaa tää.",
        "client_before": "En mä tiedä haluanko.",
        "context": ["Moi, mitä kuuluu?", "Ihan ok.", "Kerro lisää."],
    }
    assert train.turn_context(strings) == {
        "client_before": "En mä tiedä haluanko.",
        "client_earlier": "Ihan ok.",
        "worker_before": "Kerro lisää.",
    }
    said = {
        "text": "You need to sign.",
        "client_before": "I don't know.",
        "context": [
            {"speaker": "client", "text": "Fine."},
            {"speaker": "worker", "text": "How are you?"},
        ],
    }
    assert train.turn_context(said)["client_earlier"] == "Fine."
    assert train.turn_context(said)["worker_before"] == "How are you?"
    assert train.turn_context({"text": "Hi."}) == dict.fromkeys(
        ("client_before", "client_earlier", "worker_before"), ""
    )
    # The models that learn without it see the client's last line only.
    turn = {**train.corpus_turn(strings), "corpus": "train1"}
    assert train.without_context(turn) == {
        "text": strings["text"],
        "client_before": "En mä tiedä haluanko.",
        "corpus": "train1",
    }


def test_a_push_in_its_context_is_read_as_a_push_and_a_reflection_as_listening():
    # Written for this test (in no corpus). The Finnish push head learned the corpora with
    # the client's last line only and the kind meeting turns with their whole context, so
    # context itself read as "no push": read as the Session reads it (both client lines and
    # the worker's turn before) this lost its persuade. Learned in context (ctx33), it keeps
    # it, and a reflection in the same kind of context still listens.
    rec = get_recognizer("fi")
    push = rec.recognize(
        "Kyllä sä nyt ymmärrät, ettei tää voi jatkua näin. Sä et voi jättää laskuja maksamatta.",
        client_before="Mä en oo avannu kirjeitä pariin kuukauteen.",
        client_earlier="Se on jotenkin liikaa.",
        worker_before="Kerro vähän raha-asioista.",
    )
    assert "persuade" in push.moves
    assert push.mode == "blaming"
    reflection = rec.recognize(
        "Sä kuulostat tosi väsyneeltä, ja samalla sä haluut pitää kiinni tästä työpaikasta.",
        client_before="Mä en oo nukkunu kunnolla viikkoon, mut mä en voi jäädä pois töistä.",
        client_earlier="Yövuorot on tosi raskaita.",
        worker_before="Miten sä oot jaksanu?",
    )
    assert reflection.moves == ("complex_reflection",)
    assert reflection.mode == "encountering"


def test_an_english_push_in_its_context_is_read_as_a_push_and_a_reflection_as_listening():
    # Written for this test (in no corpus). As the Finnish head did, the English head (given
    # the kind meeting turns with their whole context by push33) learned that context means
    # "no push": read as the Session reads it this deadline was heard as listening. Learned in
    # context (ctx33en), it presses, and a reflection in the same context still listens.
    rec = get_recognizer("en")
    context = {
        "client_before": "I know he's late a lot. Mornings are really hard with the baby.",
        "client_earlier": "My husband leaves for work at six.",
        "worker_before": "Thanks for coming in. How are mornings at home?",
    }
    push = rec.recognize("Right, but he still has to be here on time from Monday.", **context)
    assert "persuade" in push.moves
    assert push.mode == "rejecting"
    reflection = rec.recognize(
        "It sounds like mornings are a real juggle with the baby and your husband gone so early.",
        **context,
    )
    assert reflection.moves == ("complex_reflection",)
    assert reflection.mode == "encountering"
