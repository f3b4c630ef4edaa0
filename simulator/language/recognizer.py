"""The rule-based recognizer: cue lexicons, question forms and a reflection test.

A turn is read sentence by sentence. Each sentence gets the moves its cues show (advice,
pushing, blaming, dismissing, options, ...), is checked for a question form (interrogative
word, Finnish -ko/-kö clitic, English inversion, question mark, "Kerro..."/"Tell me..."), and,
if it is a plain statement, is compared with the client's previous words to see whether it
reflects them (and adds feeling or meaning: complex) or rephrases them (simple). The turn's
mode follows from its moves (see `mode_of`). docs/recognizer.md explains the rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulator.language.base import Evidence, Recognition
from simulator.language.learned import MoveModel, features, load_learned
from simulator.language.lexicon import CueSet, Lexicon, load_lexicon
from simulator.language.text import Stemmer, clean, related, sentences, tokens
from simulator.moves import ENCOUNTERING, MOVES, NOTICING, QUESTIONS, REFLECTIONS, mode_of

#: When one of these is read in a sentence, its question form is only the vehicle.
_QUESTION_VEHICLES = (
    "advice",
    "persuade",
    "confront",
    "dismiss",
    "seek_collaboration",
    "emphasize_autonomy",
)
#: Blaming colours the whole sentence: its kind words and advice are part of the blame.
_BLAME_HIDES = (
    "advice",
    "persuade",
    "dismiss",
    "seek_collaboration",
    "offer_time",
    "affirmation",
    "emphasize_autonomy",
    "give_information",
)
#: Moves that already say what a statement does; it is then no reflection of the client.
_STATEMENT_MOVES = frozenset(MOVES) - QUESTIONS - REFLECTIONS - {"greeting", "summary"}


@dataclass
class _Found:
    move: str
    position: float
    words: tuple[str, ...] = ()
    reflected: tuple[str, ...] = ()
    reason: str = ""


@dataclass
class _Client:
    """The client's previous words, prepared once per turn."""

    words: list[str] = field(default_factory=list)
    content: dict[str, str] = field(default_factory=dict)  # stem -> word as the client said it
    groups: dict[int, str] = field(default_factory=dict)  # synonym group -> client's word
    feelings: set[str] = field(default_factory=set)  # feeling word starts the client used
    clauses: int = 0
    feeling_groups: set[int] = field(default_factory=set)  # synonym groups of those feelings
    asked: bool = False  # the client's last sentence was a question
    greeted: bool = False  # the client's words greet ("Hi.", "Moi.")
    clause_of: dict[str, int] = field(default_factory=dict)  # client word -> its clause
    # Moves the rules weighed and turned down in this turn ("Et sinä ole laiska." denies the
    # judgement): the learned second opinion must not bring them back.
    ruled_out: set[str] = field(default_factory=set)

    @property
    def said_something(self) -> bool:
        # Words alone count: "I wasn't there for them." has no content word yet can be reflected.
        return bool(self.words)


class RuleRecognizer:
    """Recognizer for one language, driven by `lexicons/<language>.yaml`."""

    def __init__(
        self, language: str, lexicon: Lexicon | None = None, *, learned: bool = True
    ) -> None:
        self.language = language
        self.lexicon = lexicon or load_lexicon(language)
        # The learned second opinion (learned.py); off when training it, or with a lexicon
        # of one's own, whose cues the weights were not trained beside.
        self._learned: dict[str, MoveModel] = (
            load_learned(language) if learned and lexicon is None else {}
        )
        self._stem = Stemmer(self.lexicon.stemmer)
        self._reasons: dict[str, str] | None = None  # looked up on first use (i18n loads YAML)
        self._word_info: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {}
        self._phrase_feelings = tuple(h for h in self.lexicon.feelings if " " in h)
        self._shared_heads = self.lexicon.shared_heads
        self._read_memo: dict[str, tuple[list[str], list[str]]] = {}
        fillers = "|".join(f"(?:{p})" for p in self.lexicon.fillers)
        self._fillers = re.compile(fillers, re.IGNORECASE) if fillers else None

    def _related(self, stem_a: str, stem_b: str, word_a: str, word_b: str) -> bool:
        return related(stem_a, stem_b, word_a, word_b, shared_heads=self._shared_heads)

    # -- public -----------------------------------------------------------------------------

    def recognize(
        self,
        text: str,
        *,
        client_before: str = "",
        topics: Mapping[str, Sequence[str]] | None = None,
    ) -> Recognition:
        original = text if isinstance(text, str) else ("" if text is None else str(text))
        try:
            return self._recognize(original, client_before, topics)
        except Exception:  # a training tool must keep going whatever a trainee types
            return Recognition(text=original)

    # -- reading ----------------------------------------------------------------------------

    def _unfill(self, text: str) -> str:
        """`text` without spoken fillers ("you know,", "I mean,", ", like,", "niinku", "tota")."""
        if self._fillers is None:
            return text
        out = self._fillers.sub(" ", text)
        return re.sub(r"\s+([,.!?])", r"\1", re.sub(r"\s{2,}", " ", out)).strip(" ,")

    def _words(self, text: str) -> list[str]:
        return self._read(text)[0]

    def _read(self, text: str) -> tuple[list[str], list[str]]:
        """Normalised words, and beside each the word as it was typed (for the evidence)."""
        known = self._read_memo.get(text)
        if known is None:
            known = self._read_fresh(text)
            if len(self._read_memo) >= 4096:
                self._read_memo.clear()  # a bounded memo: turns and clauses repeat within a turn
            self._read_memo[text] = known
        return list(known[0]), list(known[1])

    def _read_fresh(self, text: str) -> tuple[list[str], list[str]]:
        out: list[str] = []
        typed: list[str] = []
        lead = True  # still at the head of the sentence, where a question clitic can sit
        for word in tokens(text):
            standard = self._normalise(word, lead)
            lead = not out and word in self.lexicon.stopwords
            out.extend(standard)
            typed.extend([word] * len(standard))
        return out, typed

    def _normalise(self, word: str, lead: bool) -> list[str]:
        """One typed word in standard spelling (one word may stand for two: `ootsä`)."""
        lex = self.lexicon
        if word in lex.normalise:
            return lex.normalise[word].split()
        if word in lex.not_clitic or len(word) < 4:
            return [word]
        # A clitic question ending sits on the first word, or the second after a particle
        # ("onks", "no meniks"); elsewhere the same ending is the colloquial -ksi ("aluks").
        rules = lex.question_clitics + lex.colloquial_suffixes if lead else lex.colloquial_suffixes
        for ending, standard in rules:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                return (word[: -len(ending)] + standard).split()
        return [word]

    def _content(self, words: list[str], typed: list[str] | None = None) -> dict[str, str]:
        """Content words by stem (pronouns and little words left out), shown as typed."""
        lex = self.lexicon
        skip = lex.stopwords | lex.second_person | lex.first_person
        shown = typed or words
        return {
            self._stem(w): shown[i]
            for i, w in enumerate(words)
            if len(w) > 2 and w not in skip and w.isalpha()
        }

    def _word_groups(self, word: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """The synonym groups and feeling heads one word belongs to (memoised per word)."""
        known = self._word_info.get(word)
        if known is None:
            lex = self.lexicon
            groups = tuple(
                i for i, group in enumerate(lex.synonyms) if any(map(word.startswith, group))
            )
            feelings = tuple(
                head
                for head in lex.feelings
                if " " not in head and word.startswith(head) and word not in lex.not_feelings
            )
            known = (groups, feelings)
            if len(self._word_info) < 50_000:
                self._word_info[word] = known
        return known

    def _group_hits(self, words: list[str]) -> dict[int, str]:
        hits: dict[int, str] = {}
        for word in words:
            for group in self._word_groups(word)[0]:
                hits.setdefault(group, word)
        return hits

    def _feelings(self, words: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for word in words:
            for head in self._word_groups(word)[1]:
                found.setdefault(head, word)
        joined = " " + " ".join(words) + " "
        for head in self._phrase_feelings:
            if f" {head}" in joined:
                found[head] = head
        return found

    def _client(self, client_before: str) -> _Client:
        text = self._unfill(clean(client_before))
        if not text:
            return _Client()
        words, typed = self._read(text)
        parts = sentences(text) or [text]
        last = parts[-1]
        last_words = self._words(last)
        kind = self._question_kind(last, last_words, " ".join(last_words)) if last_words else None
        # Without "?" only a question form at the head counts: "En tiedä onko tää ongelma."
        # wonders aloud, it asks the worker nothing.
        asked = bool(kind) and (
            last.rstrip().endswith("?") or (kind[1].split() or [""])[0] == last_words[0]
        )
        # Without "?", "When I drink I forget" is no question: an English asking word must be
        # followed by its auxiliary ("when does the money come").
        aux = self.lexicon.cue("question_aux")
        if asked and not last.rstrip().endswith("?") and aux and len(last_words) > 1:
            asked = bool(aux.find(last_words[1])) or bool(
                self.lexicon.yes_no_start.first(" ".join(last_words))
            )
        feelings = self._feelings(words)
        lex = self.lexicon
        clauses = len(sentences(text)) + text.count(",") + sum(w in lex.list_words for w in words)
        return _Client(
            words=words,
            content=self._content(words, typed),
            groups={g: typed[words.index(w)] for g, w in self._group_hits(words).items()},
            feelings=set(feelings),
            feeling_groups={g for w in feelings.values() for g in self._word_groups(w)[0]},
            clauses=clauses,
            asked=asked,
            greeted=bool(self.lexicon.cue("greeting").find(" ".join(words))),
            clause_of=self._clause_index(parts),
        )

    def _recognize(
        self,
        original: str,
        client_before: object,
        topics: Mapping[str, Sequence[str]] | None,
    ) -> Recognition:
        text = clean(original)
        if not text or not tokens(text):
            return Recognition(text=original)
        client = self._client(client_before if isinstance(client_before, str) else "")
        found: list[_Found] = []
        closing_question = False
        parts = [self._unfill(s) for s in sentences(text) or [text]]
        parts = [s for s in parts if tokens(s)]
        if len(parts) == 1 and self.lexicon.cue("backchannel_alone").find(
            " ".join(self._words(parts[0]))
        ):
            return Recognition(text=original)  # "Okay, great." alone only keeps the client going
        for index, sentence in enumerate(parts):
            items = self._sentence(sentence, index, client)
            # A question after a change of subject, a brush-off or a list of options belongs to
            # that move ("Let's move on. How's football?", "It happens. What else?", "... or
            # Z. Which sounds best?").
            if closing_question:
                # (unless the sentence changes the subject itself and then asks something
                # practical: "... Anyway, did you bring your ID?")
                moved_on = any(i.reason == "topic_change" for i in items)
                items = [
                    i
                    for i in items
                    if i.move != "open_question" and (i.move != "closed_question" or moved_on)
                ]
            closing_question = any(
                i.move in ("offer_options", "dismiss") or i.reason == "topic_change" for i in items
            )
            found.extend(items)
        if self._learned:
            found.extend(self._learned_moves(parts, found, client))
        # A blaming turn uses the client's words as its premise ("Kids need breakfast. You've
        # neglected that."): those sentences are part of the blame, not a reflection of it.
        if any(f.move == "confront" for f in found):
            found = [f for f in found if f.move not in REFLECTIONS]
        # "I hear you, but..." followed by advice, pushing or business brushes the client's
        # words aside; the acknowledgement is no reflection of them.
        brush = self.lexicon.cue("brush_aside").find(" ".join(self._words(" ".join(parts))))
        pushing = {"advice", "persuade", "confront"}
        if brush and client.said_something and any(f.move in pushing for f in found):
            found = [f for f in found if f.move not in REFLECTIONS]
            found.append(_Found("dismiss", -0.5, tuple(brush[:1]), reason="cue"))
        # In a turn that pushes, a statement about the client that picks up none of their words
        # argues the case ("Rehab is the best place. You'd get proper care.").
        if any(f.move in ("persuade", "advice") for f in found):
            found = [f for f in found if f.move not in REFLECTIONS or f.reflected]
        # Likewise a turn that praises: "You've turned up to every session." is its evidence.
        if any(f.move == "affirmation" for f in found):
            found = [f for f in found if f.move not in REFLECTIONS or f.reflected]
        # In a turn that blames or pushes, its yes/no questions are the blame's or the push's
        # ("Do you want that?", "did u even do it", "you understand that?"): nothing is asked.
        pushed = {int(f.position) for f in found if f.move in ("confront", "persuade")}
        if pushed:
            found = [
                f
                for f in found
                if f.move != "closed_question"
                or not (
                    int(f.position) in pushed
                    or len(self._content(self._words(parts[int(f.position)]))) <= 1
                )
            ]
        # A summary gathers the turn: its other statements about the client are part of it.
        if any(f.move == "summary" for f in found):
            found = [f for f in found if f.move not in REFLECTIONS]
        found.sort(key=lambda f: f.position)
        moves: list[str] = []
        evidence: list[Evidence] = []
        for item in found:
            if item.move in moves:
                continue
            moves.append(item.move)
            evidence.append(
                Evidence(
                    move=item.move,
                    words=item.words,
                    reflected=item.reflected,
                    reason=self._reason(item.reason),
                )
            )
        order = {m: i for i, m in enumerate(MOVES)}
        moves = [m for m in moves if m in order]
        return Recognition(
            text=original,
            moves=tuple(moves),
            mode=mode_of(moves),
            topics=self._topics(text, topics),
            evidence=tuple(e for e in evidence if e.move in order),
        )

    # -- the learned second opinion -------------------------------------------------------

    def learned_features(self, text: str) -> set[str]:
        """The features the learned models read of a turn (training uses this too)."""
        parts = [self._unfill(s) for s in sentences(clean(text)) or [clean(text)]]
        return self._features(" ".join(p for p in parts if tokens(p)))[0]

    def _features(self, joined_parts: str) -> tuple[set[str], list[str], list[str]]:
        """The features, and the stems and typed words they come from."""
        words, typed = self._read(joined_parts)
        stems = [self._stem(w) for w in words]
        return features(stems, joined_parts), stems, typed

    def _learned_moves(
        self, parts: list[str], found: list[_Found], client: _Client
    ) -> list[_Found]:
        """Moves the rules did not read, nor turned down, but the learned weights are sure of."""
        have = {f.move for f in found}
        missing = [m for m in self._learned if m not in have and m not in client.ruled_out]
        if "give_information" in have:
            # What the rules read as an explanation is no reflection, however it is worded.
            missing = [m for m in missing if m not in REFLECTIONS]
        if "confront" in have:
            missing = [m for m in missing if m not in _BLAME_HIDES]  # blame colours the turn
        if not client.said_something:
            # A reflection or summary needs the client's words to give back.
            missing = [m for m in missing if m not in REFLECTIONS and m != "summary"]
        if not missing:
            return []
        found_features, stems, typed = self._features(" ".join(parts))
        # Which sentence each word is in, to place a learned move after what the rules read.
        sentence_of = [i for i, part in enumerate(parts) for _ in self._words(part)]
        out = []
        for move in missing:
            model = self._learned[move]
            if model.probability(found_features) < model.threshold:
                continue
            spans = [_span(stems, f) for f in model.strongest(found_features)]
            spans = [span for span in spans if span]
            at = [first for first, _ in spans]
            shown = tuple(dict.fromkeys(" ".join(dict.fromkeys(typed[a:b])) for a, b in spans))
            sentence = sentence_of[at[0]] if at and at[0] < len(sentence_of) else len(parts) - 1
            out.append(_Found(move, sentence + 0.9, shown, reason="learned"))
        return out

    # -- one sentence -----------------------------------------------------------------------

    def _sentence(self, sentence: str, index: int, client: _Client) -> list[_Found]:
        lex = self.lexicon
        words, typed = self._read(sentence)
        if not words:
            return []
        joined = " ".join(words)
        if lex.cue("backchannel").find(joined):
            return []  # "Okay, great." keeps the client talking; it does nothing more
        starts = _word_starts(words)
        base = float(index)
        cues: dict[str, list[str]] = {}
        softened = self._softened(words)
        for move, cue_set in lex.cues.items():
            hits = cue_set.find(joined)
            if softened:
                hits.extend(h for h in _soft_hits(cue_set, words, *softened) if h not in hits)
            if hits:
                cues[move] = hits

        # "Onks tää jotain mitä haluisit työstää?" asks about a thing; the "what would you
        # like" in its relative clause asks nothing of the client's ideas.
        collaboration = cues.get("seek_collaboration")
        if collaboration and all(
            _word_before(joined, hit) in lex.relative_heads for hit in collaboration
        ):
            cues.pop("seek_collaboration")

        if lex.cue("hypothetical").find(joined):
            cues.pop("emphasize_autonomy", None)  # "...if you could decide?" imagines a choice

        # Judging the person or the act ("You're selfish.", "That's neglect.", "Olet
        # vastuuton.") blames whatever else the sentence does, unless it is denied ("you're
        # not lazy", "et sinä ole laiska").
        judged = self._judgements(joined, client)
        if judged:
            cues.setdefault("confront", []).extend(judged)
        if lex.cue("owning_up").find(joined):
            cues.pop("confront", None)  # "Sorry, that was a stupid thing to say."
            client.ruled_out.add("confront")
        # Paperwork and practical requests ("Sign here, please.") inform; their imperative is
        # no advice about the client's life.
        procedural = lex.cue("procedural").find(joined)
        if procedural:
            cues.setdefault("give_information", []).extend(procedural)
            cues.pop("advice", None)
        # Fixing the next meeting or a call ("Soitan ensi viikolla.", "We'll come back to this
        # in two weeks.") structures the work; it gives no time to think.
        scheduling = lex.cue("scheduling").find(joined)
        time_offered = [
            hit for hit in cues.get("offer_time", ()) if not any(hit in s for s in scheduling)
        ]
        if scheduling and not time_offered:  # "..., there's no rush" still offers time
            cues.setdefault("structuring", []).extend(scheduling)
            cues.pop("offer_time", None)

        question = self._question_kind(sentence, words, joined)
        # "You're feeling low?" / "Sä oot ollu yksin?": the client's words given back in a
        # statement's order with a rising end reflect them; only the "?" made it look asked.
        if (
            question == ("closed", "?")
            and client.said_something
            and self._declarative_about_client(words)
            and not self._later_question(sentence, joined)
        ):
            question = None
        # "So it's been exhausting, right?" / "Sä oot ihan loppu, eiks nii?": a statement with a
        # tag checks it was heard right; it reflects, the tag asks nothing new.
        body = self._untagged(sentence)
        if (
            question
            and body
            and client.said_something
            and not self._question_kind(body, self._words(body), " ".join(self._words(body)))
        ):
            question = None
        # "What do you think your options are?" asks for the client's options; it offers none.
        options = cues.get("offer_options")
        if options and question and question[0] == "open" and all(" " not in h for h in options):
            cues.pop("offer_options")
        telling = question and not sentence.rstrip().endswith("?")
        summary_opens = lex.cue("summary_opener").find(joined)
        if telling and summary_opens:
            question = None  # "Kootaan yhteen mitä oot kertonu: ..." tells, not asks
        advice_q = lex.cue("advice_question").find(joined)
        if advice_q and self._asks_history(words):
            advice_q = []  # "Have you tried to quit before?" asks what the client has done
        info_q = lex.cue("info_question").find(joined)

        # "Hey, let's not dwell on that." mid-conversation calls for attention; it greets no one.
        particles = lex.cue("attention_particle")
        if (
            "greeting" in cues
            and client.said_something
            and not client.greeted
            and len(words) > 2
            and all(particles.find(h) for h in cues["greeting"])
        ):
            cues.pop("greeting")
        # "It's not great for you" praises nothing: a praise cue denied just before.
        praise = cues.get("affirmation")
        if praise and all(_word_before(joined, hit) in lex.negation for hit in praise):
            cues.pop("affirmation")
        # A greeting's thanks ("Kiitos kun odotit.") is no affirmation of the client.
        greeting = cues.get("greeting", ())
        if "affirmation" in cues and all(
            any(hit in g for g in greeting) for hit in cues["affirmation"]
        ):
            cues.pop("affirmation")

        # "It sounds like you feel you have to choose..." / "Kuulostaa raskaalta, ihan ku sun
        # pitäis valita..." voices the client's own sense of must: a reflection, no advice.
        opener = lex.cue("reflection_opener").first(joined)
        opens = opener is not None and opener.start() <= len(" ".join(words[:2]))
        if (
            not question
            and client.said_something
            and opens
            and not lex.cue("pressure").find(joined)
        ):
            cues.pop("advice", None)
            cues.pop("persuade", None)
        # "It sounds like coming back here isn't easy for you." names how hard it is: after a
        # reflective opener that is a reflection, not praise.
        praise = cues.get("affirmation")
        if opens and praise and all(lex.cue("validation").find(h) for h in praise):
            cues.pop("affirmation")
        # "So you need to find another way to unwind" after "I need something else to relax"
        # gives the client's own "need" back: a reflection, not the worker's advice.
        if not question and client.said_something and cues.keys() & {"advice", "persuade"}:
            self._drop_echoed_modals(cues, client, words)
        # Pushing is advice with pressure, or pressure alone; blaming swallows both.
        pressure = lex.cue("pressure").find(joined)
        if "advice" in cues and pressure:
            cues.setdefault("persuade", []).extend(pressure)
        reasons = lex.cue("reason_given").find(joined)
        if "advice" in cues and reasons and not question:
            # "You should call them, because they can stop the eviction": advice argued for.
            cues.setdefault("persuade", []).extend(reasons)
        elif "persuade" in cues:
            cues.pop("advice", None)
        if question and not advice_q:
            cues.pop("advice", None)  # "Is there anyone you could stay with?" asks, not advises
        if (
            advice_q
            and question
            and not ({"confront", "persuade", "seek_collaboration"} & cues.keys())
        ):
            cues.setdefault("advice", []).extend(advice_q)
        if lex.cue("reported_speech").find(joined):
            cues.pop("advice", None)  # "they say you should..." passes on someone else's words
        if "confront" in cues:
            for move in _BLAME_HIDES:
                cues.pop(move, None)
        if "persuade" in cues:
            cues.pop("offer_time", None)
            cues.pop("offer_options", None)  # "this is your last chance" offers no choice
        only_asking = lex.cue("question_only_collaboration")
        if not question and "seek_collaboration" in cues and only_asking:
            kept = [h for h in cues["seek_collaboration"] if not only_asking.find(h)]
            if kept:
                cues["seek_collaboration"] = kept
            else:
                cues.pop("seek_collaboration")  # "In your view X matters most." states
        if cues.keys() & {"persuade", "advice", "offer_options", "offer_time"}:
            cues.pop("give_information", None)
        # "Once a month really isn't much..." after "I only see him once a month": the client's
        # own facts given back are heard, not information.
        said = f" {' '.join(client.words)} "
        facts = cues.get("give_information")
        if facts and client.said_something and all(f" {hit} " in said for hit in facts):
            cues.pop("give_information")

        # A change of subject brushes a disclosure aside; after a bare "yeah" it only structures.
        change = lex.cue("topic_change").find(joined)
        if change and "seek_collaboration" not in cues:
            if client.said_something and (len(client.content) >= 2 or client.feelings):
                cues.setdefault("dismiss", []).extend(change)
                cues.pop("structuring", None)
            else:
                cues.setdefault("structuring", []).extend(change)

        if "ask_permission" in cues:
            cues.pop("structuring", None)
            cues.pop("offer_options", None)
            cues.pop("seek_collaboration", None)
            cues.pop("give_information", None)
            cues.pop("advice", None)
            if "offer_time" in cues and not question:
                cues.pop("offer_time", None)
        if "structuring" in cues or "affirmation" in cues:
            cues.pop("give_information", None)  # "Great that you're down to five a day."
        if "dismiss" in cues:
            cues.pop("advice", None)
            cues.pop("affirmation", None)
            cues.pop("give_information", None)
            cues.pop("offer_time", None)
        if "offer_options" in cues:
            cues.pop("seek_collaboration", None)
            cues.pop("structuring", None)  # "Start with money or housing?" offers a choice
            cues.pop("advice", None)  # "you could X, Y or Z" lays out choices
        if "emphasize_autonomy" in cues:
            cues.pop("give_information", None)
            cues.pop("advice", None)
            cues.pop("offer_options", None)  # "whether to go or not" is the client's own choice
        if lex.cue("summary_opener").find(joined):
            cues.pop("seek_collaboration", None)  # "let me put together what you said"
        if "seek_collaboration" in cues and "offer_time" in cues and not question:
            cues.pop("seek_collaboration", None)

        # A summary's opener outranks the facts and "you need to..." it gathers.
        if summary_opens and not question:
            for move in ("give_information", "advice", "seek_collaboration"):
                cues.pop(move, None)
        # Working together needs someone to work with: "...look at the plan together" in a
        # description of a meeting names no "we" or "you".
        if (
            not question
            and "seek_collaboration" in cues
            and not any(w in lex.second_person or w in lex.first_person for w in words)
            and not lex.cue("we_forms").find(joined)
        ):
            cues.pop("seek_collaboration")
        if "offer_time" in cues and not scheduling:
            cues.pop("structuring", None)  # "Aikaa on, ei kiirehditä" gives time
        if question and "give_information" in cues and not info_q:
            cues.pop("give_information", None)
        if question:
            cues.pop("affirmation", None)
        if info_q and "persuade" not in cues:
            cues.setdefault("give_information", []).extend(info_q)

        out = [
            _Found(
                move,
                base + 0.01 * _first_pos(joined, hits),
                _as_typed(joined, hits, starts, typed),
                reason="cue",
            )
            for move, hits in cues.items()
        ]
        for item in out:
            if item.move == "advice" and advice_q:
                item.reason = "advice_question"
            elif item.move == "persuade" and pressure:
                item.reason = "pressure"
            elif item.move in ("dismiss", "structuring") and change and item.words == tuple(change):
                item.reason = "topic_change"

        # Questions: what remains once the question form turned out to carry another move.
        if question:
            if "ask_permission" in cues:
                # "Saanko kysyä, miksi...?" asks; "Saanko kertoa, miten...?" only offers.
                asking = lex.cue("permission_to_ask").first(joined)
                rest = _after(joined, asking.group(0)) if asking else ""
                kind = (
                    self._question_kind(rest, rest.split(), rest, embedded=True) if rest else None
                )
                if kind:
                    out.append(
                        _Found(f"{kind[0]}_question", base + 0.5, (kind[1],), reason=kind[0])
                    )
            elif (
                not any(m in cues for m in _QUESTION_VEHICLES)
                or (lex.open_request.first(joined) and cues.keys() <= {"emphasize_autonomy"})
                # "Anyway, did you bring your ID?": the "anyway" changes the subject, the
                # practical question is still asked ("Anyway, how's the flat?" only changes it).
                or (
                    question[0] == "closed"
                    and change
                    and cues.get("dismiss") == change
                    and not lex.cue("we_forms").find(joined)
                    and not (set(words) & lex.first_person)
                    and not (cues.keys() & set(_QUESTION_VEHICLES) - {"dismiss"})
                )
            ) and not info_q:
                if "offer_options" in cues:
                    pass  # "Which of these sounds best?" closes a list of options
                elif question[0] == "closed" and any(
                    question[1] in hit for hit in cues.get("structuring", ())
                ):
                    pass  # "Shall we get started?" moves the meeting on; it asks nothing
                else:
                    out.append(
                        _Found(
                            f"{question[0]}_question",
                            base + 0.5,
                            (question[1],),
                            reason=question[0],
                        )
                    )
            return out

        # Statements: a summary, a reflection, or neither.
        summary_cue = lex.cue("summary_opener").find(joined)
        if cues.keys() & _STATEMENT_MOVES:
            return out
        reflection = self._reflection(sentence, joined, words, client, summary_cue)
        # Answering the client's question with a plain statement informs ("When does the money
        # come?" - "It normally lands on the first."), unless it speaks to the client's feeling
        # or infers ("What's the point?" - "Nothing seems worth it right now.").
        if (
            client.asked
            and len(words) >= 4
            and not sentence.rstrip().endswith("?")  # "So it's been a lot, right?" checks
            and not summary_cue
            and not any(w in lex.second_person for w in words[:3])  # "So you're wondering..."
            and not lex.cue("first_singular").find(joined)
            and not lex.cue("reflection_opener").find(joined)
            and (reflection is None or reflection.move != "summary")
            and not self._feelings(words)
            and not [
                h
                for h in self._new(lex.cue("inference").find(joined), client)
                if not lex.cue("hedges").find(h)
            ]
        ):
            out.append(
                _Found(
                    "give_information", base + 0.001, tuple(dict.fromkeys(typed[:3])), reason="cue"
                )
            )
            return out
        if reflection:
            out.append(reflection)
            reflection.position = base + 0.001
        return out

    def _untagged(self, sentence: str) -> str | None:
        """A "?" sentence without its closing tag ("right?", "vai?"), or None if it has none."""
        text = sentence.rstrip()
        if not text.endswith("?") or "," not in text:
            return None
        body, _, tail = text[:-1].rpartition(",")
        tag = " ".join(self._words(tail))
        tags = self.lexicon.cue("question_tag")
        if not tag or not body.strip() or not tags or not tags.match(tag, 0):
            return None
        return body.strip() + "."

    def _declarative_about_client(self, words: list[str]) -> bool:
        """The sentence opens, after a particle or two ("so", "eli"), with "you" as subject."""
        lex = self.lexicon
        head = [w for w in words[:3] if w not in lex.discourse_particles]
        return bool(head) and head[0] in lex.second_person

    def _softened(self, words: list[str]) -> tuple[str, list[int]] | None:
        """The sentence without its intensifiers, and where each kept word stood.

        Cues are written plain ("you need to", "sun on pakko"); spoken and typed turns put
        an adverb in between ("you really need to", "sun on ihan oikeesti pakko"). Matching
        the cues on the sentence with those adverbs left out as well finds them there too.
        """
        softeners, stops = self.lexicon.softeners, self.lexicon.softener_stops
        # Before a negation or an auxiliary the adverb belongs to what follows: dropping it
        # from "you really didn't feel like it" would leave a reproach ("you didn't").
        kept = [
            i
            for i, w in enumerate(words)
            if w not in softeners or (i + 1 < len(words) and words[i + 1] in stops)
        ]
        if len(kept) == len(words) or not kept:
            return None
        return " ".join(words[i] for i in kept), kept

    def _drop_echoed_modals(
        self, cues: dict[str, list[str]], client: _Client, words: list[str]
    ) -> None:
        """Drop advice and pushing cues whose modal ("need to", "could", "pitää") the client
        used of themselves in their last words, when the sentence also picks up what they
        said it about ("You need to stop drinking" after "I need to go to work" still advises)."""
        modals = self.lexicon.cue("modal_echo")
        said = modals.find(" ".join(client.words))
        client_words = set(client.words)
        # ...said to the client ("Quit smoking." after "I want to quit smoking" still advises)
        addressed = any(w in self.lexicon.second_person for w in words)
        # The client's own words as a cue ("lopettaa kokonaan" after "haluunko mä lopettaa
        # kokonaan") are theirs, given back.
        for move in ("advice", "persuade"):
            hits = cues.get(move)
            if (
                hits
                and addressed
                and all(" " in h and set(h.split()) <= client_words for h in hits)
            ):
                cues.pop(move)
        if not said or not cues.keys() & {"advice", "persuade"}:
            return
        modal_words = {w for m in said for w in m.split()}
        mine = self._content([w for w in words if w not in modal_words])
        picked = [
            word
            for stem, word in mine.items()
            if any(
                self._related(stem, cs, word, cw)
                for cs, cw in client.content.items()
                if cw.lower() not in modal_words
            )
        ]
        if len(picked) < 2 and 3 * len(picked) < len(mine):
            return
        for move in ("advice", "persuade"):
            hits = cues.get(move)
            if hits and all(any(m in said for m in modals.find(h)) for h in hits):
                cues.pop(move)

    def _asks_history(self, words: list[str]) -> bool:
        """Whether "before"/"aiemmin" dates what the client did, not the thing proposed after
        "that"/"et" ("Ootsä kokeillu sellasta et meet aikasemmin nukkuun?" still advises)."""
        subordinate = self.lexicon.cue("subordinators")
        head: list[str] = []
        for word in words:
            if subordinate.find(word):
                break
            head.append(word)
        return bool(self.lexicon.cue("history_question").find(" ".join(head)))

    def _clause_index(self, parts: list[str]) -> dict[str, int]:
        """Which clause of the client's turn each of their words (as typed) first came in."""
        index: dict[str, int] = {}
        number = 0
        for part in parts:
            for chunk in re.split(r"[,;:]", part):
                words, typed = self._read(chunk)
                for word, as_typed in zip(words, typed, strict=True):
                    if word in self.lexicon.list_words or word in ("but", "mutta", "mut"):
                        number += 1
                    index.setdefault(as_typed, number)
                number += 1
        return index

    def _clauses(self, sentence: str) -> list[list[str]]:
        """The sentence's parts between commas, colons and list words ("and", "ja")."""
        out: list[list[str]] = []
        for chunk in re.split(r"[,;:]", sentence):
            part: list[str] = []
            for word in self._words(chunk):
                if word in self.lexicon.list_words:
                    if part:
                        out.append(part)
                    part = []
                else:
                    part.append(word)
            if part:
                out.append(part)
        return out

    def _after_main_clause(self, sentence: str, word_index: int) -> bool:
        """Whether word `word_index` opens an embedded question after a main clause and a comma
        in a sentence that does not end in "?" ("Mietit, onko tää ongelma."). A greeting or a
        particle before the comma is no main clause ("hiya, what's been going on")."""
        if "," not in sentence or sentence.rstrip().endswith("?"):
            return False
        head = self._words(sentence.split(",", 1)[0])
        lex = self.lexicon
        if all(w in lex.stopwords for w in head) or lex.cue("greeting").find(" ".join(head)):
            return False
        return word_index >= len(head)

    def _judgements(self, joined: str, client: _Client) -> list[str]:
        """Evaluative words about the client or their act, unless a negation comes just before
        or the client called themselves so ("Useless is a strong word."); a judgement turned
        down so is noted in `client.ruled_out`, for the learned second opinion."""
        found = []
        third = self.lexicon.cue("third_person")
        said = set(client.words)
        for match in self.lexicon.cue("evaluative").matches(joined):
            if set(match.group(0).split()) <= said:
                client.ruled_out.add("confront")
                continue
            before = joined[: match.start()].split()
            if any(w in self.lexicon.negation for w in before[-2:]):
                client.ruled_out.add("confront")
                continue
            if any(third.find(w) for w in before[-3:]) and not self.lexicon.cue(
                "victim_judgement"
            ).find(match.group(0)):
                continue  # "...your wife is overreacting" judges someone else, not the client
            found.append(match.group(0))
        return found

    def _question_kind(
        self, sentence: str, words: list[str], joined: str, embedded: bool = False
    ) -> tuple[str, str] | None:
        """('open'|'closed', the cue that shows it), or None when the sentence asks nothing."""
        lex = self.lexicon
        # "ok and is the baby feeding well", "right so have u got family": the question starts
        # after the particles.
        lead = 0
        if not embedded:
            while lead < len(words) - 1 and words[lead] in lex.discourse_particles:
                lead += 1
            if lead:
                words = words[lead:]
                joined = " ".join(words)
        request = lex.open_request.first(joined)
        if request:
            return "open", request.group(0)
        wh = lex.question_words.first(joined)
        wh_word = wh.group(0).split()[-1] if wh else None
        wh_at = wh.end() - len(wh_word) if wh and wh_word else -1
        if embedded and not wh_word:
            wh_word = next((w for w in words if w in lex.embedded_question_words), None)
            wh_at = joined.find(wh_word) if wh_word else -1
        if (
            wh_word
            and not embedded
            and self._after_main_clause(sentence, lead + joined[:wh_at].count(" "))
        ):
            wh_word = None  # "Pelkäät, mitä tapahtuu..." states what the client fears
        if wh_word and not sentence.rstrip().endswith("?") and lex.cue("wh_statement").find(joined):
            wh_word = None  # "Typically what happens is your body adjusts." tells
        if wh_word and not embedded and not sentence.rstrip().endswith("?"):
            # Without "?", "What I hear is..." and "When you drink, your sugar..." state: the
            # asking word heads a clause with its own subject, not a question.
            after = joined[wh_at + len(wh_word) :].split()[:1]
            if after and lex.cue("relative_after_wh").find(after[0]):
                wh_word = None
        if wh_word:
            # "How many...", "When..." ask for one fact; only the asking word itself counts,
            # not a later "when" ("How did you feel when it happened?" is open).
            closed = lex.closed_wh.match(joined, wh_at)
            if closed and not embedded and lex.cue("subordinators").find(wh_word):
                # "When you say..., what does that mean?": "when" leads in, the later part asks
                later_kind = self._later_question(sentence, joined)
                if later_kind:
                    return later_kind
            return ("closed", closed.group(0)) if closed else ("open", wh_word)
        # Finnish -ko/-kö (and colloquial -ks, already normalised) on one of the first words.
        head = words if embedded else words[:3]
        clitic = next(
            (
                w
                for w in head
                if len(w) >= 4
                and w.endswith(lex.question_endings)
                and not w.endswith(lex.not_question_endings)
                and w not in lex.not_clitic
            ),
            None,
        )
        # "Mietit, onko tää ongelma." states what the client wonders: the clitic opens an
        # embedded question after the main clause, so the sentence itself asks nothing.
        if (
            clitic
            and not embedded
            and self._after_main_clause(sentence, lead + words.index(clitic))
        ):
            clitic = None
        if clitic:
            return "closed", clitic
        inverted = lex.yes_no_start.first(joined)
        if inverted:
            return "closed", inverted.group(0)
        if embedded:
            marker = next((w for w in words if w in lex.embedded_yes_no), None)
            if marker:
                return "closed", marker
        if sentence.rstrip().endswith("?"):
            return self._later_question(sentence, joined) or ("closed", "?")
        return None

    def _later_question(self, sentence: str, joined: str) -> tuple[str, str] | None:
        """The question a later part of a "?" sentence asks after a lead-in ("And so, when you
        say you're done with him, what does that mean for you?"), or None."""
        if not sentence.rstrip().endswith("?"):
            return None
        lex = self.lexicon
        for chunk in sentence.split(",")[1:]:
            part = " ".join(self._words(chunk))
            later = lex.question_words.first(part)
            inverted = lex.yes_no_start.first(part)
            if not later and inverted and inverted.start() == 0:
                return "closed", inverted.group(0)  # "You mentioned your mum, is she around?"
            if later and later.start() == 0 and not lex.cue("subordinators").find(part.split()[0]):
                if lex.cue("scale").find(joined):
                    return "closed", later.group(0)  # "On a scale of 1 to 10, how..."
                closed = lex.closed_wh.match(part, 0)
                return ("closed", closed.group(0)) if closed else ("open", later.group(0))
        return None

    def _reflection(
        self, sentence: str, joined: str, words: list[str], client: _Client, summary_cue: list[str]
    ) -> _Found | None:
        """A reflection (simple or complex) or a summary of the client's words, else None."""
        if not client.said_something:
            return None
        lex = self.lexicon
        # The reflective frame itself ("kuulostaa", "sounds like") is not the client's content,
        # nor is a greeting that answers theirs ("Moi." - "Moi Maria, tuu sisään.").
        frame = {
            w
            for name in ("reflection_opener", "greeting")
            for hit in lex.cue(name).find(joined)
            for w in hit.split()
        }
        mine = self._content([w for w in words if w not in frame])
        reflected: list[str] = []
        added: list[str] = []
        for stem, word in mine.items():
            match = next(
                (cw for cs, cw in client.content.items() if self._related(stem, cs, word, cw)), None
            )
            if match:
                if match not in reflected:
                    reflected.append(match)
            else:
                added.append(word)
        my_groups = self._group_hits(words)
        for group, word in my_groups.items():
            client_word = client.groups.get(group)
            if client_word and client_word not in reflected:
                reflected.append(client_word)
                if word in added:
                    added.remove(word)
        my_feelings = self._feelings(words)
        # A feeling word names something unsaid unless the client named that feeling too
        # ("en jaksa" -> "uupunut" adds one; "vituttaa" -> "ärsyttää" only rephrases it).
        new_feelings = [
            w
            for head, w in my_feelings.items()
            if head not in client.feelings
            and not (set(self._word_groups(w)[0]) & client.feeling_groups)
            and not any(
                self._related(self._stem(w), cs, w, cw) for cs, cw in client.content.items()
            )
        ]
        opener = lex.cue("reflection_opener").find(joined)
        inference = self._new(lex.cue("inference").find(joined), client)
        double = lex.cue("double_sided").find(joined)
        meaning = self._new(lex.cue("meaning").find(joined), client)
        addresses_client = any(w in lex.second_person for w in words) or bool(opener)
        if not (addresses_client or summary_cue) and any(w in lex.first_person for w in words):
            return None  # the worker speaking of themselves ("Mä oon tässä.")
        if words[0] in lex.first_person and not (opener or inference or summary_cue):
            return None  # "I want to help your family." says what the worker wants
        # Said about the client ("You got evicted.", "Sä oot ollu yksin."), a statement reflects
        # even in words of its own; a short one that names a feeling does too ("That's hard.").
        subject = next((w for w in words[:3] if w not in lex.discourse_particles), words[0])
        about_client = subject in lex.second_person or subject in lex.second_person_heads
        if not about_client:
            # "So the nurse sent you, and you're not expecting much from us.": a later clause
            # with the client as its subject says how things are for them.
            for clause in self._clauses(sentence)[1:]:
                head = next((w for w in clause[:3] if w not in lex.discourse_particles), "")
                if head in lex.second_person:
                    about_client = True
                    break
        # A long explanation of how things work ("So the reason I'm asking is that smoking is
        # one of the biggest risk factors...") informs, though it takes up the client's topic:
        # it speaks of the world, not of the client, and most of its words are the worker's.
        explains = lex.cue("explanation").find(joined)
        strong_opener = [h for h in opener if " " in h]
        if (
            explains
            and not (strong_opener or summary_cue or about_client)
            and len(added) >= 4
            and len(added) > len(reflected)
        ):
            return _Found("give_information", 0.0, tuple(explains), (), reason="cue")
        # Three or more things listed, at least two of them about the client ("So things are
        # calmer at home, you've been going to the group and your lad's back in school."):
        # a summary of what was said across the meeting, not only of the last words.
        subordinate = lex.cue("subordinators")
        clauses = [
            c
            for c in self._clauses(sentence)
            if not subordinate.find(c[0]) and not all(w in lex.stopwords for w in c)
        ]
        last_part = self._words(sentence.split(",")[-1])
        if (
            len(clauses) >= 3
            and any(w in lex.list_words for w in last_part)  # "A, B and C"
            and sum(any(w in lex.second_person for w in c) for c in clauses) >= 2
            and not any(w in lex.first_person for w in words[:2])
        ):
            shown = tuple(reflected) or (words[0],)
            return _Found("summary", 0.0, shown, tuple(reflected), reason="summary")
        if not (
            reflected
            or summary_cue
            or opener
            or about_client
            or (new_feelings and (addresses_client or inference or len(words) <= 8))
            # "Nothing seems worth it right now." infers how things are for the client
            or (len(words) <= 8 and [h for h in inference if not lex.cue("hedges").find(h)])
            or (addresses_client and (double or meaning) and len(words) >= 4)
        ):
            return None

        # Several of the client's things listed one after another make a summary.
        items = sum(w in lex.list_words for w in words) + sentence.count(",") + sentence.count(";")
        # ...picked up from at least three places of what the client said: a reflection of one
        # long sentence of theirs is still a reflection.
        places = {client.clause_of.get(w, -1) for w in reflected}
        if summary_cue or (len(places) >= 3 and items >= 2 and client.clauses >= 2):
            cue = tuple(summary_cue) or tuple(reflected)
            return _Found("summary", 0.0, cue, tuple(reflected), reason="summary")
        complex_words = tuple(dict.fromkeys([*new_feelings, *double, *inference, *meaning]))
        adds_meaning = len(added) >= 3 and len(added) > len(reflected)
        if complex_words or adds_meaning:
            words_shown = complex_words or tuple(added[:4])
            return _Found(
                "complex_reflection", 0.0, words_shown, tuple(reflected), "reflection_complex"
            )
        return _Found(
            "simple_reflection", 0.0, tuple(reflected), tuple(reflected), "reflection_simple"
        )

    def _reason(self, key: str) -> str:
        if self._reasons is None:
            self._reasons = _reason_texts(self.language)
        return self._reasons.get(key, "")

    def _new(self, hits: list[str], client: _Client) -> list[str]:
        """The cue hits that say something the client's own words did not."""
        fresh = []
        for hit in hits:
            stems = [self._stem(w) for w in hit.split()]
            if not any(
                self._related(s, cs, w, cw)
                for s, w in zip(stems, hit.split(), strict=True)
                for cs, cw in client.content.items()
            ):
                fresh.append(hit)
        return fresh

    # -- topics -----------------------------------------------------------------------------

    def _topics(self, text: str, topics: Mapping[str, Sequence[str]] | None) -> tuple[str, ...]:
        if not topics or not isinstance(topics, Mapping):
            return ()
        words = self._words(text)
        stems = [(self._stem(w), w) for w in words]
        found: list[str] = []
        for topic_id, topic_words in topics.items():
            if isinstance(topic_words, str):
                topic_words = [topic_words]
            for phrase in topic_words or ():
                if not isinstance(phrase, str):
                    continue
                parts = self._words(phrase)
                if parts and all(
                    any(self._related(self._stem(p), s, p, w) for s, w in stems) for p in parts
                ):
                    found.append(str(topic_id))
                    break
        return tuple(found)


def _word_starts(words: list[str]) -> list[int]:
    """Where each word starts in the space-joined sentence."""
    starts, at = [], 0
    for word in words:
        starts.append(at)
        at += len(word) + 1
    return starts


def _span(stems: list[str], feature: str) -> tuple[int, int] | None:
    """Where a word ("w:stem") or word-pair ("b:one_two") feature sits among the stems."""
    kind, _, body = feature.partition(":")
    wanted = [body] if kind == "w" else body.split("_", 1)
    size = len(wanted)
    return next(
        ((i, i + size) for i in range(len(stems) - size + 1) if stems[i : i + size] == wanted),
        None,
    )


def _soft_hits(cue_set: CueSet, words: list[str], soft: str, kept: list[int]) -> list[str]:
    """Cue hits in the softened sentence, given back as the original words they span (so
    the evidence and the word positions stay those of what was typed)."""
    starts = _word_starts([words[i] for i in kept])
    out = []
    for match in cue_set.matches(soft):
        if match.start() not in starts or not match.group(0):
            continue
        first = starts.index(match.start())
        last = first + match.group(0).count(" ")
        out.append(" ".join(words[kept[first] : kept[last] + 1]))
    return out


def _as_typed(joined: str, hits: list[str], starts: list[int], typed: list[str]) -> tuple[str, ...]:
    """Cue hits (in normalised words) shown as the trainee typed them."""
    out: list[str] = []
    for hit in hits:
        at = joined.find(hit)
        if at < 0 or at not in starts:
            out.append(hit)
            continue
        first = starts.index(at)
        count = hit.count(" ") + 1
        out.append(" ".join(dict.fromkeys(typed[first : first + count])))
    return tuple(dict.fromkeys(out))


def _first_pos(joined: str, hits: list[str]) -> float:
    positions = [joined.find(h) for h in hits if h]
    positions = [p for p in positions if p >= 0]
    return min(positions) / max(len(joined), 1) if positions else 0.0


def _word_before(joined: str, hit: str) -> str:
    """The word just before `hit` in the sentence ("" at its start)."""
    at = joined.find(hit)
    before = joined[:at].split() if at > 0 else []
    return before[-1] if before else ""


def _after(joined: str, hit: str) -> str:
    at = joined.find(hit)
    return joined[at + len(hit) :].strip() if at >= 0 else ""


def _reason_texts(language: str) -> dict[str, str]:
    """The evidence reasons in the recognizer's language, looked up once."""
    from simulator.i18n import t

    keys = (
        "cue",
        "open",
        "closed",
        "advice_question",
        "pressure",
        "topic_change",
        "reflection_simple",
        "reflection_complex",
        "summary",
        "learned",
    )
    return {key: t(f"language.why_{key}", language) for key in keys}


__all__ = ["ENCOUNTERING", "NOTICING", "REFLECTIONS", "RuleRecognizer", "mode_of"]
