"""The recognizer's shortcuts for speed (issue 12) read every turn as the long way does: the cue
sets' pre-check skips only sentences their expressions cannot match, the word-start index finds
the synonym groups and feeling heads a scan of them finds, the client's memoised line keeps no
turn's ruled-out moves, and the group model's packed sums are its column sums."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from simulator.language import get_recognizer
from simulator.language.gate import TfidfSoftmax
from simulator.language.lexicon import CueSet, load_lexicon

DATA = Path(__file__).parent / "data"


def _sentences(lang: str) -> list[str]:
    """Sentences as the rules read them (space-joined normalised words): the corpus turns and
    client lines, their three-word runs, and each cue written out as words."""
    rec = get_recognizer(lang)
    texts = []
    for split in ("dev", "heldout"):
        for line in (DATA / "recognizer" / f"{lang}_{split}.jsonl").read_text("utf-8").split("\n"):
            if line.strip():
                row = json.loads(line)
                texts += [row["text"], row.get("client_before", "")]
    out = set()
    for text in texts:
        words = rec._words(text)
        out.add(" ".join(words))
        out.update(" ".join(words[i : i + 3]) for i in range(len(words)))
    for cue_set in _sets(lang):
        for cue in cue_set.cues:
            plain = cue.strip().lower().lstrip("^").rstrip("$").replace("...", "ja vielä")
            out.add(plain.replace("_", "sana").replace("*", ""))
            out.add(plain.replace("_", "sana").replace("*", "loppu"))
    return sorted(out)


def _sets(lang: str) -> list[CueSet]:
    lexicon = load_lexicon(lang)
    fixed = (lexicon.question_words, lexicon.closed_wh, lexicon.open_request, lexicon.yes_no_start)
    return [s for s in (*lexicon.cues.values(), *lexicon.extra.values(), *fixed) if s]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_cue_set_skips_only_sentences_it_cannot_match(lang):
    sentences = _sentences(lang)
    skipped = 0
    for cue_set in _sets(lang):
        regex = re_of(cue_set)
        for sentence in sentences:
            if not cue_set._may_match(sentence):
                skipped += 1
                assert regex.search(sentence) is None, (cue_set.cues[:3], sentence)
                assert cue_set.find(sentence) == []
                assert cue_set.first(sentence) is None
    # ...and it does skip: most sets match in few sentences
    assert skipped > 0.5 * len(sentences) * len(_sets(lang))


def re_of(cue_set: CueSet):
    import re

    return re.compile(cue_set._pattern())


@pytest.mark.parametrize(
    ("cues", "sentence", "found"),
    [
        (["miettin*"], "oletko miettinyt sitä", ["miettinyt"]),
        (["*aa ehkä"], "voit ottaa ehkä", ["ottaa ehkä"]),
        (["sinä|te päätät"], "te päätät itse", ["te päätät"]),
        (["you ... decide"], "you can of course decide", ["you can of course decide"]),
        (["^so you"], "so you said", ["so you"]),
        (["^so you"], "and so you said", []),
        (["_ _"], "any two", ["any two"]),  # no word to tell by: always scanned
        (["alone$"], "all alone\n", ["alone"]),  # "$" before a final newline
        (["need"], "needs", []),
        (["need*"], "i needs", ["needs"]),
    ],
)
def test_a_cue_set_finds_what_its_expression_finds(cues, sentence, found):
    cue_set = CueSet(cues)
    assert cue_set.find(sentence) == found
    assert re_of(cue_set).findall(sentence) == found


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_a_words_groups_and_feelings_are_those_a_scan_finds(lang):
    rec = get_recognizer(lang)
    lex = rec.lexicon
    words = {w for s in _sentences(lang) for w in s.split()} | set(lex.feelings)
    words |= {w for group in lex.synonyms for w in group}
    for word in sorted(words):
        groups = tuple(
            i for i, group in enumerate(lex.synonyms) if any(map(word.startswith, group))
        )
        feelings = tuple(
            head
            for head in lex.feelings
            if " " not in head and word.startswith(head) and word not in lex.not_feelings
        )
        assert rec._word_groups(word) == (groups, feelings), word


def test_the_clients_line_keeps_no_turns_ruled_out_moves():
    rec = get_recognizer("fi")
    client = "Mä oon ihan laiska, en saa mitään aikaan."
    first = rec._client(client)
    first.ruled_out.add("confront")
    again = rec._client(client)
    assert again.ruled_out == set()
    assert again.words == first.words and again.content == first.content
    # a turn that turns a blame down, then one that blames, then the first again, after the
    # same line
    line = "En saa mitään aikaan."
    readings = [
        rec.recognize(text, client_before=line).moves
        for text in ("Et sinä ole laiska.", "Olet laiska.", "Et sinä ole laiska.")
    ]
    assert "confront" not in readings[0]
    assert "confront" in readings[1]
    assert readings[2] == readings[0]


def test_the_group_models_packed_sums_are_its_column_sums():
    # Extreme 16-bit values: the packed fields must neither go negative nor reach the next.
    index = {f"f{i}": i for i in range(6)}
    idf = [32767, 1, 0, 20000, 32767, 5]
    weights = (
        [-32768, 32767, 0, -1, 1, -32768],
        [32767, 32767, 32767, 32767, 32767, 32767],
        [-32768, -32768, -32768, -32768, -32768, -32768],
    )
    model = TfidfSoftmax(("a", "b", "c"), (0.5, -0.25, 0.0), index, idf, weights, 0.003, 0.0007)

    def direct(found):
        rows = [index[f] for f in found if f in index]
        if not rows:
            scores = list(model.bias)
        else:
            norm = sum(idf[j] ** 2 for j in rows)
            scale = model.weight_scale / (model.idf_scale * math.sqrt(norm))
            scores = [
                b + scale * sum(col[j] for j in rows)
                for b, col in zip(model.bias, weights, strict=True)
            ]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        return [e / sum(exps) for e in exps]

    turns = [set(index), {"f0", "f2", "unseen"}, {"unseen"}, {"f1"}, set(index) | {"x", "y"}]
    for _ in range(2):  # packing the rows, then from the memo
        for turn in turns:
            assert model.probabilities(turn) == direct(turn)
    model._rows.clear()  # the rows packed anew
    assert [model.probabilities(t) for t in turns] == [direct(t) for t in turns]
    # The same features with some named as character n-grams (`GRAM` + the gram) sum the same.
    index["xc: ab"] = 6
    idf.append(7)
    for column in weights:
        column.append(3)
    model = TfidfSoftmax(("a", "b", "c"), (0.5, -0.25, 0.0), index, idf, weights, 0.003, 0.0007)
    for _ in range(2):
        for turn in turns:
            assert model.probabilities_of(turn, {" ab", "zz"}) == direct(turn | {"xc: ab"})


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_group_model_reads_a_turn_as_from_its_named_features(lang):
    # The recognizer sums the group model's rows of a turn's character n-grams without naming
    # each (gated.py `recognize`); `gate_features` names them all, as training reads them.
    from simulator.language.gate import joined_wide

    rec = get_recognizer(lang)
    model = rec.gate.groups
    rows = (DATA / "recognizer" / f"{lang}_heldout.jsonl").read_text("utf-8").splitlines()
    for line in rows[:150]:
        row = json.loads(line)
        context = (row.get("client_before", ""), "", row["text"][:40])
        found, parts, _ = rec._gate_reading(row["text"], ("advice",), *context)
        wide = rec.gate_features(row["text"], ("advice",), *context)[1]
        assert found | joined_wide(rec._gate_reading(row["text"], ("advice",), *context)[1]) == wide
        head, grams, rest = parts
        assert model.probabilities_of([*found, *head, *rest], grams) == model.probabilities(wide)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_models_summed_together_give_what_each_gives_alone(lang):
    # The second opinion's models and the push heads are summed in one pass over a turn's
    # features (learned.py `_learned_sums`, gated.py `_push_probabilities`).
    from simulator.language.learned import sigmoid

    rec = get_recognizer(lang)
    rows = (DATA / "recognizer" / f"{lang}_heldout.jsonl").read_text("utf-8").splitlines()
    for line in rows[:150]:
        row = json.loads(line)
        learned = rec.learned_features(row["text"])
        sums = rec._learned_sums(learned)
        for move, model in rec._learned.items():
            assert sigmoid(model.bias + sums[move]) == model.probability(learned)
        found = rec.gate_features(row["text"], (), row.get("client_before", ""))[0]
        together = rec._push_probabilities(found)
        for move, head in rec.gate.push.items():
            assert together[move] == head.probabilities(found)


def _related_in_full(stem_a, stem_b, word_a, word_b, shared_heads=True):
    """text.related rule by rule, with no shortcut (as it was before its quick rejection)."""
    if stem_a == stem_b:
        return True
    if not shared_heads:
        return False
    short, long_ = sorted((stem_a, stem_b), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    short_word, long_word = sorted((word_a, word_b), key=len)
    if len(short_word) >= 3 and short_word in (stem_a, stem_b) and long_word.startswith(short_word):
        return True
    head = 0
    for a, b in zip(word_a, word_b, strict=False):
        if a != b:
            break
        head += 1
    return head >= 5


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_related_words_are_those_the_rules_in_full_join(lang):
    from simulator.language.text import related

    rec = get_recognizer(lang)
    words = sorted({w for s in _sentences(lang)[:150] for w in s.split()})
    words += ["työ", "työssä", "töitä", "kurssit", "kurssille", "kiinnosta", "kiinnostais", "ta"]
    pairs = [(w, rec._stem(w)) for w in words]
    joined = 0
    for word_a, stem_a in pairs:
        for word_b, stem_b in pairs:
            for shared in (True, False):
                got = related(stem_a, stem_b, word_a, word_b, shared_heads=shared)
                assert got == _related_in_full(stem_a, stem_b, word_a, word_b, shared)
                joined += got
    assert joined > len(pairs)  # ...and it joins more than each word with itself
