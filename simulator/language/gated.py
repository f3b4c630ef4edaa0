"""The recognizer the app uses: the cue rules (recognizer.py), then the learned gate (gate.py).

The rules read the turn; the gate, reading the same turn in its context (the client's last two
turns, the worker's previous turn) together with what the rules read, says which of the four
behaviours it is. When the gate is confident and the rules' reading falls in another class, the
reading is changed as little as makes it fall in the gate's class: a move of that group is
added if the rules read none, and moves of the groups that would outrank it are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from simulator.language.base import Evidence, Recognition
from simulator.language.final import FinalModel, load_final, reading_features
from simulator.language.gate import (
    GROUP_MOVES,
    KEPT,
    PUSH_MOVES,
    Gate,
    Softmax,
    TfidfSoftmax,
    _softmax,
    class_order,
    context_features,
    four_way,
    joined_wide,
    load_gate,
    turn_features,
    wide_parts,
)
from simulator.language.learned import joint_rows
from simulator.language.lexicon import Lexicon
from simulator.language.recognizer import RuleRecognizer
from simulator.language.text import clean, sentences
from simulator.moves import mode_of

_REFLECTING = frozenset(GROUP_MOVES["reflection"])
_GROUPED = frozenset(m for ms in GROUP_MOVES.values() for m in ms)
_PUSHING = frozenset({"persuade", "confront", "dismiss"})
_COUNSEL = frozenset({"advice", "persuade", "confront", "dismiss"})
#: A turn already read as pushing, or one that hands the choice over (asks leave, leaves it to
#: the client, asks their ideas), is not re-read as pressing advice: "Sun pitää ensin nähdä,
#: että sua kuunnellaan... Haluisitko että mä kerron, miten ryhmä toimii?" is a skilled
#: worker's (benchmarks/skilled_replay.py).
_HANDS_OVER = frozenset({"persuade", "ask_permission", "emphasize_autonomy", "seek_collaboration"})
_VEHICLES = frozenset(
    {"advice", "persuade", "confront", "dismiss", "seek_collaboration", "emphasize_autonomy"}
)


class GatedRecognizer(RuleRecognizer):
    """Rules first; the gate then settles which of the four behaviours the turn is."""

    #: Moves the gate never drops: whether a turn asks is form, which the rules read (dropping
    #: them cost closed-question F1 0.10-0.20 on recognizer_dev5-7 and gained AnnoMI nothing).
    protected: frozenset[str] = frozenset({"open_question", "closed_question"})
    #: A reflection that gives back this many of the client's own words stays whatever the
    #: gate says (0: none stays for that).
    echo_kept: int = 2
    #: Whether a reflection or input the rules read in a "?" turn keeps the gate from adding a
    #: question there.
    question_defers: bool = True
    #: The confidence the gate needs to drop the rules' moves when it reads the turn as none
    #: of the three groups.
    drop_other: float = 0.7
    #: At this confidence the gate's class is the turn's class (issue 12: the learned part
    #: decides where it is confident, the rules pick the move inside the class): a question the
    #: rules read only from its "?" gives way, as does a "?" the rules read as a statement's
    #: rising end. Measured (benchmarks/annomi_cv.py --train; recognizer_blind.py --set dev9):
    #: AnnoMI CV 4-way macro-F1 0.670 -> 0.675 (en), 0.665 -> 0.668 (fi); dev9 pushing read as
    #: encountering and helpful turns read as blaming or rejecting unchanged (en 40/152, 9/260;
    #: fi 31/138, 2/307). Letting every question form give way read 0.675 / 0.673 but dropped
    #: "Saanko kysyä, onko sulla ketään kenelle puhua?" (validation closed F1 fi 0.97 -> 0.93).
    #: With the wide group model (2026-12-05 evening) 0.5: AnnoMI CV en 0.681 at 0.6 -> 0.685
    #: at 0.5 (threshold 0.4), fi 0.679 -> 0.682; dev9-11 unchanged (tools/train_recognizer.py).
    decide_at: float = 0.5
    #: The same for "none of the three": never, since it would take a short practical turn's
    #: only move ("Sign here, please.", "Is everything ok", "Weeks without sleep." read at
    #: 0.6-0.85 as none of the three).
    decide_other: float = 1.01
    #: Whether a question the rules read stays even when the gate decides.
    form_kept: bool = False
    #: The confidence the gate needs to add a reflection beside advice, a push, blame or a
    #: brush-off the rules read: the worker's view of what the client should do is no
    #: re-saying of the client's words ("You need to sort out your post." after "I just can't
    #: keep up with the post." read 0.46 reflection; "Quit smoking." after "I want to quit
    #: smoking." 0.50). Measured with the wide group model (AnnoMI CV 4-way macro-F1; dev9-11
    #: mean 18-move macro-F1; pushing read as encountering in dev9-11), 0 / 0.5 / 0.6 / 0.7:
    #: en 0.685 / 0.684 / 0.683 / 0.682, 0.643 / 0.643 / 0.643 / 0.642, 111 / 109 / 109 / 109;
    #: fi 0.679 / 0.679 / 0.679 / 0.679, 0.682 / 0.682 / 0.682 / 0.682, 110 / 109 / 109 / 108
    #: (blind1 out of training then; as shipped: en 0.682, fi 0.680 at 0.6).
    reflect_beside_counsel: float = 0.6
    #: Whether a turn whose question form the rules read as the vehicle of advice, a push,
    #: blame or a brush-off keeps its reading when the gate reads a question.
    vehicle_kept: bool = True

    def __init__(
        self,
        language: str,
        lexicon: Lexicon | None = None,
        *,
        learned: bool = True,
        gate: Gate | None = None,
        use_gate: bool = True,
        final: FinalModel | None = None,
        use_final: bool = True,
    ) -> None:
        super().__init__(language, lexicon, learned=learned)
        if gate is None and use_gate and lexicon is None:
            gate = load_gate(language)
        self.gate = gate if use_gate else None
        if final is None and use_final and lexicon is None and self.gate is not None:
            final = load_final(language)
        self.final = final if use_final and self.gate is not None else None
        self._context_memo: dict[str, tuple[frozenset[str], list[str], bool]] = {}

    def recognize(
        self,
        text: str,
        *,
        client_before: str = "",
        client_earlier: str = "",
        worker_before: str = "",
        topics: Mapping[str, Sequence[str]] | None = None,
    ) -> Recognition:
        """Read `text` after the client's `client_before` (their last turn), `client_earlier`
        (the one before) and the worker's own `worker_before`."""
        if self.gate is None:
            return super().recognize(text, client_before=client_before, topics=topics)
        original = text if isinstance(text, str) else ("" if text is None else str(text))
        ruled_out: set[str] = set()
        withheld: set[str] = set()
        read = self._recognize(original, client_before, topics, ruled_out, withheld)
        if not read.text.strip():
            return self._shown(read)
        found, parts, reading = self._gate_reading(
            read.text, read.moves, client_before, client_earlier, worker_before
        )
        rule_moves = read.moves
        groups = self.gate.groups
        wide: set[str] | None = None
        if isinstance(groups, TfidfSoftmax):  # its sum of the same features, grams unnamed
            head, grams, rest = parts
            probs = groups.probabilities_of([*found, *head, *rest], grams)
        else:
            wide = found | joined_wide(parts)
            probs = groups.probabilities(wide)
        read = self._gated(read, found, probs, reading, client_before, ruled_out)
        if withheld:  # a push of little words alone (learned.py); the push head may still add it
            kept = [m for m in read.moves if m not in withheld]
            read = _reread(read, kept, [e for e in read.evidence if e.move not in withheld])
        read = self._pushed(read, found, reading, ruled_out)
        read = self._countered(read, found, client_before)
        read = self._pressed(read, client_before)
        read = self._decided(read, client_before)
        if self.final is not None:
            if wide is None:
                wide = found | joined_wide(parts)
            read = self._final(read, rule_moves, found, wide, reading, client_before)
        return self._shown(read)

    def engine_features(
        self, read: Recognition, rule_moves: Sequence[str], found: set[str], wide: set[str]
    ) -> set[str]:
        """What the final reader reads of a turn (training uses this too): the gate's wide
        features and the engine's reading of it (`final.reading_features`)."""
        gate = self.gate
        assert gate is not None
        push = self._push_probabilities(found) if gate.push else {}
        return wide | reading_features(
            read.moves,
            rule_moves,
            read.mode,
            gate.groups.labels,
            gate.groups.probabilities(wide),
            {m: p[gate.push[m].labels.index(m)] for m, p in push.items()},
        )

    def _final(
        self,
        read: Recognition,
        rule_moves: Sequence[str],
        found: set[str],
        wide: set[str],
        reading: tuple[list[str], list[str], list[str]],
        client_before: str,
    ) -> Recognition:
        """The final reader decides the turn's moves (simulator/language/final.py): a move
        the engine read and the reader keeps keeps its evidence; one it adds shows the content
        words that weighed most for it."""
        final = self.final
        assert final is not None
        features = self.engine_features(read, rule_moves, found, wide)
        moves = final.decide(final.probabilities(features), read.moves, len(read.text.split()))
        if set(moves) == set(read.moves):
            return read
        evidence = [e for e in read.evidence if e.move in moves]
        for move in moves:
            if move not in read.moves:
                evidence.append(self._final_evidence(move, features, reading, client_before))
        order = {m: i for i, m in enumerate(read.moves)}
        moves.sort(key=lambda m: order.get(m, len(order)))
        return _reread(read, moves, evidence)

    def _final_evidence(
        self,
        move: str,
        features: set[str],
        reading: tuple[list[str], list[str], list[str]],
        client_before: str,
    ) -> Evidence:
        """The content words that spoke most for a move the final reader adds (its features
        are words), and the client's words it re-says."""
        final = self.final
        assert final is not None
        words = reading[1]
        return self._learned_evidence(
            move, final.strongest(features, move), words, reading, client_before
        )

    def gate_features(
        self,
        text: str,
        rule_moves: Sequence[str],
        client_before: str = "",
        client_earlier: str = "",
        worker_before: str = "",
    ) -> tuple[set[str], set[str], tuple[list[str], list[str], list[str]]]:
        """What the gate reads of a turn (training uses this too): the features of the subtype
        models and the push head, those of the group model (a superset), and the turn's stems,
        normalised words and typed words (for the evidence)."""
        found, parts, reading = self._gate_reading(
            text, rule_moves, client_before, client_earlier, worker_before
        )
        return found, found | joined_wide(parts), reading

    def _gate_reading(
        self,
        text: str,
        rule_moves: Sequence[str],
        client_before: str = "",
        client_earlier: str = "",
        worker_before: str = "",
    ) -> tuple[
        set[str], tuple[set[str], set[str], list[str]], tuple[list[str], list[str], list[str]]
    ]:
        """`gate_features` with the group model's own features in `wide_parts`' three parts."""
        cleaned, parts = self._turn_parts(text)
        words, typed = self._read(" ".join(parts))
        stems = [self._stem(w) for w in words]
        found = turn_features(stems, cleaned, len(parts), rule_moves)
        others = []
        said = []
        for name, other in (("c1", client_before), ("c2", client_earlier), ("wp", worker_before)):
            content, other_words, asked = self._context(other)
            others.append((name, content, len(other_words), asked))
            said.append((name, other_words))
        found |= context_features(set(self._content(words)), others)
        lex = self.lexicon
        parts = wide_parts(words, cleaned, said, lex.second_person, lex.obligation)
        return found, parts, (stems, words, typed)

    def _context(self, other: object) -> tuple[frozenset[str], list[str], bool]:
        """A piece of context as the gate reads it: its content stems, its normalised words,
        whether it asked. Memoised: in a meeting the client's last line comes back as the
        line before it next turn, and the worker's turn as their previous one."""
        known = self._context_memo.get(other) if isinstance(other, str) else None
        if known is None:
            text = clean(other) if isinstance(other, str) else ""
            words = self._read(self._unfill(text))[0] if text else []
            known = (frozenset(self._content(words)), words, text.endswith("?"))
            if isinstance(other, str):
                if len(self._context_memo) >= 1024:
                    self._context_memo.clear()
                self._context_memo[other] = known
        return known

    def _gated(
        self,
        read: Recognition,
        found: set[str],
        probs: list[float],
        reading: tuple[list[str], list[str], list[str]],
        client_before: str,
        ruled_out: set[str] | frozenset[str] = frozenset(),
    ) -> Recognition:
        """The reading settled by the group model's `probs` of the turn; a move the rules
        weighed and turned down (`ruled_out`: a feeling aimed at the client is no reflection) is
        not added."""
        gate = self.gate
        assert gate is not None
        best = max(range(len(probs)), key=probs.__getitem__)
        group = gate.groups.labels[best]
        if probs[best] < gate.threshold or four_way(read.moves, read.text) == group:
            return read
        decides = probs[best] >= (self.decide_other if group == "other" else self.decide_at)
        # Even then a question beside a push, blame or brush-off stays (the push's practical
        # question is asked: "..., otherwise you'll get sanctioned. Have you been on the jobs
        # website?"), and so does a reflection that gives back the client's own words.
        open_form = decides and not self.form_kept and not set(read.moves) & _PUSHING
        defers = self.question_defers and not decides
        moves = list(read.moves)
        evidence = list(read.evidence)
        if group == "other":
            outranking = [g for g in GROUP_MOVES]
        else:
            order = class_order(read.text)
            outranking = list(order[: order.index(group)])
            # A question form the rules read as the vehicle of advice, a push, blame or a
            # brush-off is no question ("Have you thought about...?" advises): none is added,
            # and the advice stays ("ootsä aatellu et menisit siihen työkokeiluun" read 0.5
            # question by the wide group model).
            vehicle = group == "question" and bool(set(moves) & _VEHICLES)
            if vehicle and self.vehicle_kept:
                return read
            # Nor where the rules read the "?" as a statement's rising end ("So you haven't been
            # sleeping?" gives the client's words back): whether a turn asks is the rules' call
            # whenever they read the turn as doing something else of the four.
            vehicle = vehicle or (defers and group == "question" and bool(set(moves) & _GROUPED))
            counsel = group == "reflection" and bool(set(moves) & _COUNSEL)
            if counsel and probs[best] < self.reflect_beside_counsel:
                return read
            if not set(moves) & (set(GROUP_MOVES[group]) | KEPT) and not vehicle:
                added = self._pick(gate.subtypes[group], found, client_before)
                if added is None or added in ruled_out:
                    return read
                moves.append(added)
                evidence.append(
                    self._gate_evidence(added, gate.subtypes[group], found, reading, client_before)
                )
        if probs[best] < max(gate.drop_threshold, gate.threshold) or (
            group == "other" and probs[best] < self.drop_other and not decides
        ):
            outranking = []
        outranked = {m for g in outranking for m in GROUP_MOVES[g]}
        drop = outranked - KEPT - self.protected
        if open_form:
            # Only a question shown by its "?" alone gives way (a statement's rising end: "So it
            # wasn't what you expected?"); one with an asking word, a clitic or inversion
            # ("Saanko kysyä, onko sulla ketään kenelle puhua?") is asked.
            drop |= {
                e.move
                for e in read.evidence
                if e.move in outranked and e.move in self.protected and set(e.words) <= {"?"}
            }
        # A reflection that gives back two or more of the client's own words re-says them
        # ("Weeks without sleep." after "I haven't slept in weeks."): it stays.
        if self.echo_kept:
            drop -= {
                e.move
                for e in read.evidence
                if e.move in _REFLECTING and len(e.reflected) >= self.echo_kept
            }
        moves = [m for m in moves if m not in drop]
        evidence = [e for e in evidence if e.move not in drop]
        return _reread(read, moves, evidence)

    def _pushed(
        self,
        read: Recognition,
        found: set[str],
        reading: tuple[list[str], list[str], list[str]],
        ruled_out: set[str] | frozenset[str] = frozenset(),
    ) -> Recognition:
        """The push head: a push, blame or brush-off worded without a listed cue ("You've got
        a daughter to think about.") is added when the head is confident. It only adds; the
        mode follows (one blaming move colours the turn). Dropping the turn's reflections
        beside an added push read development set 9 +0.001 and AnnoMI CV -0.002: they stay."""
        gate = self.gate
        assert gate is not None
        asked = [
            move
            for move in PUSH_MOVES
            if move in gate.push
            and move not in read.moves
            and move not in ruled_out  # "Et sinä ole laiska." denies the judgement
        ]
        if not asked:
            return read
        probs = self._push_probabilities(found)
        added = [
            move
            for move in asked
            if probs[move][gate.push[move].labels.index(move)] >= gate.push_at(move)
        ]
        if not added:
            return read
        evidence = [
            *read.evidence,
            *(self._gate_evidence(m, gate.push[m], found, reading, "") for m in added),
        ]
        return _reread(read, [*read.moves, *added], evidence)

    def _push_probabilities(self, found: set[str]) -> dict[str, list[float]]:
        """Each push head's `Softmax.probabilities` of the turn, in one pass over its features:
        a feature's rows in every head are kept together (0.0 where a head lacks it: adding
        0.0 changes no sum) and each label's column is summed from its bias in the order of
        `found`, as each head sums it alone (issue 12, speed: three walks over the features
        were a twentieth of a turn)."""
        gate = self.gate
        assert gate is not None
        heads = gate.push

        def row_of(names, feature):
            parts = [heads[name].row(feature) for name in names]
            if not any(parts):
                return ()
            return tuple(
                weight
                for name, part in zip(names, parts, strict=True)
                for weight in (part or [0.0] * len(heads[name].labels))
            )

        names, rows = joint_rows(
            self, "_push_joint", heads, found, row_of, lambda head: head.weights
        )
        columns = list(zip(*rows, strict=True))
        out: dict[str, list[float]] = {}
        at = 0
        for name in names:
            model = heads[name]
            if columns:
                scores = [sum(columns[at + k], b) for k, b in enumerate(model.bias)]
            else:
                scores = list(model.bias)
            out[name] = _softmax(scores)
            at += len(model.labels)
        return out

    def _countered(self, read: Recognition, found: set[str], client_before: str) -> Recognition:
        """A clause headed by an affirmative set against the client's words
        (`counter_assertion`: "Kyllä te jaksatte, olette niin reipas!" after "en tiedä
        jaksanko") states the worker's own view: it re-says the client's words only to answer
        them. Where the client's last line voiced a stand or a hesitation (`client_stand`) and
        the turn was read as a reflection and as nothing harsh, the reflections give way to the
        push the push head finds likelier (persuading or brushing aside). A clause with a
        reflective opener ("Kyllä se kuulostaa raskaalta") or a feeling word ("Totta, kyllä
        lapset väsyy välillä", a skilled worker's in benchmarks/skilled_replay.py) still
        reflects, and so does a turn that reflects first and only then asserts ("Puoli tuntia
        jäällä... Kyllä se on säikäyttävä kokemus kenelle tahansa.", skilled): only the turn's
        first sentence is read for it. Found by
        reading the development sets (dev9-14 and the corpus: every such clause is labelled
        rejecting or blaming); a lexicon without the section (English so far) reads as before."""
        if not client_before or not set(read.moves) & _REFLECTING or set(read.moves) & _PUSHING:
            return read
        lex = self.lexicon
        counter = lex.cue("counter_assertion")
        if not counter or not self._took_a_stand(client_before):
            return read
        shown: tuple[str, ...] = ()
        first = self._unfill((sentences(clean(read.text)) or [clean(read.text)])[0])
        whole = self._words(first)
        if lex.cue("reflection_opener").first(" ".join(whole)) or self._feelings(whole):
            return read
        for clause in first.split(","):
            words, typed = self._read(clause)
            found_at = counter.first(" ".join(words))
            if found_at is None:
                continue
            # "Kyllä mä ymmärrän..." is the worker's own stance, no assertion about the client's.
            head = " ".join(words)[: found_at.end()].split()
            if not set(head) & lex.first_person:
                shown = tuple(typed[: len(head)])
                break
        if not shown:
            return read
        gate = self.gate
        assert gate is not None

        def likely(move: str) -> float:
            model = gate.push.get(move)
            return model.probabilities(found)[model.labels.index(move)] if model else 0.0

        move = max(("persuade", "dismiss"), key=likely)
        moves = [m for m in read.moves if m not in _REFLECTING] + [move]
        evidence = [e for e in read.evidence if e.move not in _REFLECTING]
        evidence.append(Evidence(move=move, words=shown, reason=self._reason("counter")))
        return _reread(read, moves, evidence)

    def _took_a_stand(self, client_before: str) -> bool:
        """Whether the client's last line voiced a stand or a hesitation (`client_stand`): a
        refusal ("en halua"), "mut", "ehkä"; "en" before being unable or not knowing
        (`client_unable`: "Mä en vaan jaksa avata postia") tells of their state instead, and
        then only "mut"/"ehkä" (`client_stand_strong`) count."""
        lex = self.lexicon
        theirs = " ".join(self._words(self._unfill(clean(client_before))))
        if not lex.cue("client_stand").first(theirs):
            return False
        if lex.cue("client_unable").first(theirs):
            return bool(lex.cue("client_stand_strong").first(theirs))
        return True

    def _pressed(self, read: Recognition, client_before: str) -> Recognition:
        """Advice pressed against the client's stand is a push (issue 12; the labelling
        contract: "you should" pressed against a stand or a hesitation the client has voiced is
        `persuade`). When the reading is advice, a sentence of the turn says the client must
        (`pressed_obligation`: "sun pitää", "teidän täytyy", "on pakko") and the client's last
        line voiced a stand or a hesitation (`_took_a_stand`: "en", "mut", "ehkä"), the
        advice is persuading, unless the turn hands the choice over (`_HANDS_OVER`) or the
        sentence is paperwork (`procedural`: "täytä lomake"). A lexicon without the two
        sections reads as before. Applied after the gate, so the gate's features
        (the rules' moves) are unchanged."""
        if "advice" not in read.moves or not client_before or set(read.moves) & _HANDS_OVER:
            return read
        lex = self.lexicon
        pressed = lex.cue("pressed_obligation")
        if not pressed or not self._took_a_stand(client_before):
            return read
        for part in sentences(clean(read.text)) or [clean(read.text)]:
            words, typed = self._read(self._unfill(part))
            said = " ".join(words)
            found = pressed.first(said)
            if found is None or lex.cue("procedural").first(said):
                continue
            start = said[: found.start()].count(" ")
            shown = tuple(typed[start : start + max(1, found.group(0).count(" ") + 1)])
            moves = ["persuade" if m == "advice" else m for m in read.moves]
            evidence = [
                Evidence(move="persuade", words=shown, reason=self._reason("pressed"))
                if e.move == "advice"
                else e
                for e in read.evidence
            ]
            return _reread(read, moves, evidence)
        return read

    def _decided(self, read: Recognition, client_before: str) -> Recognition:
        """The worker deciding for the client is a push (issue 12, rules40): a statement that
        puts the client down for something, books or files it in the worker's own first person
        (`decided_for`: "Mä laitan sut listalle.", "Laitan nyt vireille turvarannekkeen",
        "I'll just put you down for Thursday") when the client's last line did not agree to it
        (`client_agrees` at its head or `client_wants` anywhere, and no refusal after,
        `client_refuses`: "Okei. Saat laittaa sen." and "Mä ottaisin sen työnohjauksen" agree,
        "Okei. Mut..." does not) is persuading. Not in a question ("Laitanko sut
        listalle?" asks), nor in a turn already read as pushing or handing the choice over
        (asking leave, leaving it to the client, asking their ideas, offering options). The
        labelled sets (dev, train, meet1-6) hold 89 Finnish and 25 English turns with such a
        statement, 65 and 23 of them labelled a push; of the 43 and 2 this reads as persuading,
        41 and 2. Applied after the gate, so its features are unchanged; a lexicon without the
        section reads as before."""
        if not client_before or set(read.moves) & (_PUSHING | _HANDS_OVER | {"offer_options"}):
            return read
        lex = self.lexicon
        decided = lex.cue("decided_for")
        if not decided:
            return read
        theirs = self._words(self._unfill(clean(client_before)))
        said = " ".join(theirs)
        client_words = self._client(client_before)
        if (
            lex.cue("client_agrees").first(" ".join(theirs[:3]))
            or lex.cue("client_wants").first(said)
        ) and not lex.cue("client_refuses").first(said):
            return read
        parts = sentences(clean(read.text)) or [clean(read.text)]

        def client_named(content: dict[str, str]) -> bool:
            return len(self._new(list(content.values()), client_words)) < len(content)

        def put_to_them() -> bool:  # the last sentence only asks their yes
            last = " ".join(self._words(self._unfill(parts[-1])))
            return len(parts) > 1 and bool(lex.cue("proposal_check").find(last))

        for part in parts:
            if part.rstrip().endswith("?"):
                continue
            words, typed = self._read(self._unfill(part))
            found = decided.first(" ".join(words))
            if found is None:
                continue
            start = " ".join(words)[: found.start()].count(" ")
            end = start + found.group(0).count(" ")
            # what the worker books, the client named ("I'll put you down for the nurse" after
            # "I'll see the nurse"): they asked for it
            if client_named(self._content(words[:start] + words[end + 1 :])):
                continue
            # ...and so when the client named what stands inside the cue and the worker puts
            # the booking to them ("Mä laitan rannekkeen tilaukseen. Käykö?" after "Jos sen
            # rannekkeen sais", `proposal_check`): the labelled meetings call the same check
            # after a thing the client never asked for a push ("Mä laitan sen nyt tilaukseen...
            # Sopiiko?" after "Hm. Vai niin.")
            if client_named(self._content(words[start + 1 : end])) and put_to_them():
                continue
            shown = tuple(dict.fromkeys(typed[start : end + 1]))
            evidence = [
                *read.evidence,
                Evidence(move="persuade", words=shown, reason=self._reason("decided")),
            ]
            return _reread(read, [*read.moves, "persuade"], evidence)
        return read

    @staticmethod
    def _pick(model: Softmax, found: set[str], client_before: str) -> str | None:
        """The group's most likely move; a reflection needs the client's words to give back."""
        probs = model.probabilities(found)
        for i in sorted(range(len(probs)), key=lambda i: -probs[i]):
            label = model.labels[i]
            if label in KEPT:
                continue
            if label in _REFLECTING and not clean(client_before):
                continue
            return label
        return None

    def _gate_evidence(
        self,
        move: str,
        model: Softmax,
        found: set[str],
        reading: tuple[list[str], list[str], list[str]],
        client_before: str,
    ) -> Evidence:
        """The content words that spoke most for the move (the model's features are stems),
        and the client's words it re-says."""
        stems = reading[0]
        return self._learned_evidence(
            move, model.strongest(found, move, 8), stems, reading, client_before
        )

    def _learned_evidence(
        self,
        move: str,
        strongest: Sequence[str],
        keys: Sequence[str],
        reading: tuple[list[str], list[str], list[str]],
        client_before: str,
    ) -> Evidence:
        """Evidence for a move a learned model adds: the typed words whose key (stem or word,
        as the model's features are) weighed most, leaving out pronouns and little words, and
        for a reflection the client's words it re-says."""
        _stems, words, typed = reading
        lex = self.lexicon
        skip = lex.stopwords | lex.second_person | lex.first_person
        shown: list[str] = []
        for strong in strongest:
            for k, w, t in zip(keys, words, typed, strict=False):
                if k == strong and w not in skip and len(w) > 2 and w.isalpha() and t not in shown:
                    shown.append(t)
                    break
        if not shown and move in PUSH_MOVES:
            # A push the head reads from the turn's little words ("If you won't tell me who
            # it is, I can't do anything": "won't", "can't") shows them, not nothing: they
            # were right in most such corpus turns (dev9-24, train1-8), so the push stays.
            people = lex.second_person | lex.first_person
            for strong in strongest:
                for k, w, t in zip(keys, words, typed, strict=False):
                    if k == strong and w not in people and len(w) > 1 and t not in shown:
                        shown.append(t)
                        break
        reflected: tuple[str, ...] = ()
        if move in _REFLECTING and client_before:
            client_words, client_typed = self._read(self._unfill(clean(client_before)))
            theirs = self._content(client_words, client_typed)
            mine = self._content(words)
            reflected = tuple(
                dict.fromkeys(
                    cw
                    for cs, cw in theirs.items()
                    for ms, mw in mine.items()
                    if self._related(ms, cs, mw, cw)
                )
            )
        return Evidence(
            move=move,
            words=tuple(shown[:3]) or reflected[:3],
            reflected=reflected,
            reason=self._reason("learned"),
        )


def _reread(read: Recognition, moves: list[str], evidence: list[Evidence]) -> Recognition:
    """The rules' reading with the gate's moves: the mode follows the moves."""
    return Recognition(
        text=read.text,
        moves=tuple(moves),
        mode=mode_of(moves),
        topics=read.topics,
        evidence=tuple(evidence),
    )
