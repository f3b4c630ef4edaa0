"""The rule-based recognizer: cue lexicons, question forms and a reflection test.

By job: preparing words (words.py), question form (question.py), reflections (reflection.py),
the learned second opinion (learned.py) and the learned gate (gate.py, gated.py); this module
reads cues sentence by sentence and settles what each sentence and the turn do.

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
from dataclasses import replace

from simulator.language.base import Evidence, Recognition
from simulator.language.learned import MoveModel, SecondOpinion, load_learned
from simulator.language.lexicon import CueSet, Lexicon, load_lexicon
from simulator.language.question import QuestionForm
from simulator.language.reflection import Reflection
from simulator.language.text import Stemmer, clean, sentences, tokens
from simulator.language.words import BLAME_HIDES as _BLAME_HIDES
from simulator.language.words import WordPreparation, _ClientWords, _Found, _soft_hits, _word_starts
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
#: Moves that already say what a statement does; it is then no reflection of the client.
_STATEMENT_MOVES = frozenset(MOVES) - QUESTIONS - REFLECTIONS - {"greeting", "summary"}


class RuleRecognizer(WordPreparation, QuestionForm, Reflection, SecondOpinion):
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
        self._word_starts_index: tuple[list[int], dict[str, tuple[list[int], list[int]]]] | None
        self._word_starts_index = None
        self._normal_memo: dict[tuple[str, bool], list[str]] = {}
        self._client_memo: dict[str, _ClientWords] = {}
        self._phrase_feelings = tuple(h for h in self.lexicon.feelings if " " in h)
        self._shared_heads = self.lexicon.shared_heads
        self._read_memo: dict[str, tuple[list[str], list[str]]] = {}
        self._unfill_memo: dict[str, str] = {}
        self._last_turn: tuple[str, str, tuple[str, ...]] | None = None  # `_turn_parts`
        fillers = "|".join(f"(?:{p})" for p in self.lexicon.fillers)
        self._fillers = re.compile(fillers, re.IGNORECASE) if fillers else None

    # -- public -----------------------------------------------------------------------------

    def recognize(
        self,
        text: str,
        *,
        client_before: str = "",
        topics: Mapping[str, Sequence[str]] | None = None,
    ) -> Recognition:
        # No catch-all here: an error is a bug to see, and the Session and `classify` keep the
        # meeting or the batch going and log what they caught.
        original = text if isinstance(text, str) else ("" if text is None else str(text))
        return self._shown(self._recognize(original, client_before, topics))

    def _shown(self, read: Recognition) -> Recognition:
        """`read` as the user sees it: its evidence without the words that say nothing of why
        a move was read (lexicon.not_evidence: "it's", "his", "that"); its moves as read."""
        skip = self.lexicon.not_evidence
        if not skip or not read.evidence:
            return read
        evidence = tuple(
            replace(
                e,
                words=tuple(w for w in e.words if w.lower() not in skip),
                reflected=tuple(w for w in e.reflected if w.lower() not in skip),
            )
            for e in read.evidence
        )
        return read if evidence == read.evidence else replace(read, evidence=evidence)

    # -- reading ----------------------------------------------------------------------------

    def _recognize(
        self,
        original: str,
        client_before: object,
        topics: Mapping[str, Sequence[str]] | None,
        ruled_out: set[str] | None = None,
        withheld: set[str] | None = None,
    ) -> Recognition:
        """The rules' reading; what they weighed and turned down goes into `ruled_out` when
        given (for the learned parts that come after, which must not bring it back). A push
        the second opinion read from little words alone stays in this reading (the gate reads
        it, as it was trained to) and is named in `withheld` when given: the app's reader
        (gated.py) leaves it out after the gate."""
        text, parts = self._turn_parts(original)
        if not text or not tokens(text):
            return Recognition(text=original)
        client = self._client(client_before if isinstance(client_before, str) else "")
        if ruled_out is not None:
            client.ruled_out = ruled_out
        found: list[_Found] = []
        closing_question = False
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
        found = self._agreement_asked(parts, found)
        found = self._proposal_put(parts, found)
        # A turn that leaves the choice to the client and goes on from it ("Fair enough, it's
        # your call, you'll sort the loan yourself. Let's get the claim in then.") brushes
        # nothing aside unless a rule reads it so: its words alone make no dismissal. A "but"
        # after the choice takes it back ("Se on sun päätös. Mut sit seuraavaks, ...").
        chosen = [int(f.position) for f in found if f.move == "emphasize_autonomy"]
        if (
            chosen
            and not any(f.move == "dismiss" for f in found)
            and not self.lexicon.cue("choice_taken_back").find(
                " ".join(self._words(" ".join(parts[min(chosen) :])))
            )
        ):
            client.ruled_out.add("dismiss")
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
        # argues the case ("Rehab is the best place. You'd get proper care."); when the push is
        # pressure, its statements about the client are its premises, in the worker's own view
        # ("You've got kids, you can't just give up.", "Sä oot ihan loppu. Näin tää nyt menee.").
        if any(f.move == "persuade" for f in found):
            found = [f for f in found if f.move not in REFLECTIONS]
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
        if withheld is not None:
            # only where the learned words alone read the move: a rule that reads it too keeps it
            ruled = {f.move for f in found if f.reason != "learned"}
            withheld.update(client.unexplained & set(moves) - ruled)
        return Recognition(
            text=original,
            moves=tuple(moves),
            mode=mode_of(moves),
            topics=self._topics(text, topics),
            evidence=tuple(e for e in evidence if e.move in order),
        )

    def _turn_parts(self, original: str) -> tuple[str, list[str]]:
        """The turn cleaned, and its sentences with words, spoken fillers left out: as the
        rules, the second opinion and the gate read it. The last turn's are kept (the three
        read the same turn one after another: cleaning and splitting it again was a fiftieth
        of a turn, issue 12 speed)."""
        known = self._last_turn
        if known is not None and known[0] == original:
            return known[1], list(known[2])
        text = clean(original)
        parts = [self._unfill(s) for s in sentences(text) or [text]]
        parts = [s for s in parts if tokens(s)]
        self._last_turn = (original, text, tuple(parts))
        return text, parts

    def _agreement_asked(self, parts: list[str], found: list[_Found]) -> list[_Found]:
        """A bare "Sopiiko?" (`agreement_tag`) after what the worker has decided or planned
        ("Mä laitan sen nyt tilaukseen. Sopiiko?", "Käydään läpi budjetti. Sopiiko?") asks the
        client to agree to it, a closed question; it asks leave only after an offer
        (`offer_made`: "Voisin kertoa, miten se etenee. Sopiiko?", "Voin soittaa tulkin.
        Sopiiko se?"). A turn that is only the tag is left as it was (what it asks about was
        said in the turn before), and so is every permission of a lexicon without the sections."""
        lex = self.lexicon
        tags = lex.cue("agreement_tag")
        asked = {int(f.position) for f in found if f.move == "ask_permission"}
        if not asked or not tags.cues:
            return found
        said: list[str] = []
        agreed: set[int] = set()
        for index, part in enumerate(parts):
            joined = " ".join(self._words(part))
            tag = tags.first(joined)
            # a tag alone asks about the turn before, which this one cannot see
            if index in asked and tag is not None and (said or tag.start() > 0):
                before = " ".join([*said, joined[: tag.start()]])
                hits = lex.cue("ask_permission").find(joined)
                if all(h in tag.group(0) for h in hits) and not lex.cue("offer_made").find(before):
                    agreed.add(index)
            said.append(joined)
        if not agreed:
            return found
        closed = {int(f.position) for f in found if f.move == "closed_question"}
        out = []
        for f in found:
            if f.move == "ask_permission" and int(f.position) in agreed:
                if int(f.position) not in closed:
                    out.append(_Found("closed_question", f.position, f.words, reason="closed"))
                continue
            out.append(f)
        return out

    def _proposal_put(self, parts: list[str], found: list[_Found]) -> list[_Found]:
        """A suggestion the turn then puts to the client to take or leave ("Sä voisit vetää
        sen osuuden. Käykö niin?", "You could lead that part. Would that work for you?")
        works it out with them (`seek_collaboration`): the last sentence only asks their yes
        (`proposal_check`), the suggestion is a possibility (`suggestion_form`, not "sun
        pitää"), and nothing in the turn pushes or blames."""
        lex = self.lexicon
        if len(parts) < 2 or any(f.move in ("persuade", "confront", "dismiss") for f in found):
            return found
        if not lex.cue("proposal_check").find(" ".join(self._words(parts[-1]))):
            return found
        soft = lex.cue("suggestion_form")
        advice = [f for f in found if f.move == "advice" and int(f.position) < len(parts) - 1]
        if not advice or not all(
            soft.find(" ".join(self._words(parts[int(f.position)]))) for f in advice
        ):
            return found
        last = len(parts) - 1
        out = [
            f
            for f in found
            if f.move != "advice" and not (f.move == "closed_question" and int(f.position) == last)
        ]
        first = advice[0]
        out.append(_Found("seek_collaboration", first.position, first.words, reason="cue"))
        return out

    # -- the learned second opinion -------------------------------------------------------

    # -- one sentence -----------------------------------------------------------------------

    def _sentence(self, sentence: str, index: int, client: _ClientWords) -> list[_Found]:
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
        # A blame denied ("Not your fault.", "Ei tarvii hävetä.") takes the blame off the
        # client: a reassurance, not a reproach. In a question ("Isn't that your fault?") the
        # denial is the reproach's own form, and a denied obligation in the past ("Ei ois
        # pitäny.", `reproach_modal`) still says what the client should have done.
        # "...you weren't treated the way you should have been": what others owed the client
        # (`owed_frame`) reproaches them, not the client.
        owed = [m.span() for m in lex.cue("owed_frame").matches(joined)]
        own, ends = lex.cue("self_blame_frame"), lex.cue("self_blame_frame_ends")
        if _framed_whole(words, own, ends, lex.discourse_particles):
            # "Sä mietit, että jos sulla olis ollu enemmän aikaa, sä olisit huomannu jotain."
            # says the client's own "if only" back whole: no word of it is the worker's blame,
            # so the learned second opinion adds none from "olisit" or "enemmän" (rules41).
            client.ruled_out.add("confront")
        blame = cues.get("confront")
        if blame and not sentence.rstrip().endswith("?"):
            modal, frame = lex.cue("reproach_modal"), lex.cue("denial_frame")
            kept = [
                hit
                for hit in blame
                if (modal.find(hit) or not _denied(joined, hit, lex.negation, frame))
                and not _self_blame(joined, hit, own, ends)
                and not _starts_inside(joined, hit, owed)
            ]
            if not kept:
                cues.pop("confront")
                client.ruled_out.add("confront")
            else:
                cues["confront"] = kept
        # "You think you should have noticed" says the client's reproach back: the "should"
        # under a self-blame frame is no advice either.
        # Nor is the "should" of what the client was owed ("You should have been told").
        for move in ("advice", "persuade"):
            hits = cues.get(move)
            if hits and all(
                _self_blame(joined, hit, own, ends) or _starts_inside(joined, hit, owed)
                for hit in hits
            ):
                cues.pop(move)
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

        pressed = self._pressed_verdict(joined, cues)
        if pressed:
            cues.setdefault("persuade", []).extend(pressed)

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
        asks_view = lex.embedded_question_words
        if advice_q and all(
            {hit.split()[-1], *_after(joined, hit).split()[:1]} & asks_view for hit in advice_q
        ):
            # "Ootko itse miettiny, mistä se väsymys tulee?" asks the client's own view; only
            # a proposal after it ("...miettiny et hakisit apua?") advises.
            advice_q = []
        info_q = lex.cue("info_question").find(joined)

        # "Hey, let's not dwell on that." mid-conversation calls for attention; it greets no one.
        # "Hi Lee, I'm Sam." answers the client's first words with a greeting all the same.
        particles = lex.cue("attention_particle")
        if (
            "greeting" in cues
            and client.said_something
            and not client.greeted
            and len(words) > 2
            and all(particles.find(h) for h in cues["greeting"])
            and not _calls_by_name(sentence, lex.cue("first_singular"))
        ):
            cues.pop("greeting")
        # "It's not great for you" praises nothing: a praise cue denied just before.
        praise = cues.get("affirmation")
        if praise and all(_word_before(joined, hit) in lex.negation for hit in praise):
            cues.pop("affirmation")
        # A greeting's thanks ("Kiitos kun odotit.") is no affirmation of the client, nor is the
        # "hyvä että" of advice ("Ryhmässä olis hyvä että kerrot tarinasi" tells, praises nothing).
        holding = (*cues.get("greeting", ()), *cues.get("advice", ()))
        if "affirmation" in cues and all(
            any(hit in g for g in holding) for hit in cues["affirmation"]
        ):
            cues.pop("affirmation")
        # "..., jos et halua." leaves the choice to the client: its "jos et" threatens nothing.
        choice = cues.get("emphasize_autonomy", ())
        if "persuade" in cues and all(any(hit in c for c in choice) for hit in cues["persuade"]):
            cues.pop("persuade")

        # "It sounds like you feel you have to choose..." / "Kuulostaa raskaalta, ihan ku sun
        # pitäis valita..." voices the client's own sense of must: a reflection, no advice.
        # ("Eli sun pitää..." is no such frame: "eli" only concludes, and what follows advises.)
        opener = lex.cue("reflection_opener").first(joined)
        opens = (
            opener is not None
            and opener.start() <= len(" ".join(words[:2]))
            and not set(opener.group(0).split()) <= lex.discourse_particles
        )
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
        # "Miten sä muuten oot jaksanu?", "...jos et olis ollu kiireessä": the pressing word
        # used otherwise (`not_pressing`) pushes nothing.
        aside = [m.span() for m in lex.cue("not_pressing").matches(joined)]
        if aside and "persuade" in cues:
            kept = [h for h in cues["persuade"] if not _starts_inside(joined, h, aside)]
            if kept:
                cues["persuade"] = kept
            else:
                cues.pop("persuade")
        # Pushing is advice with pressure, or pressure alone; blaming swallows both.
        pressure = [
            h
            for h in lex.cue("pressure").find(joined)
            if not any(h in c for c in choice) and not _starts_inside(joined, h, aside)
        ]
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
        if "advice" in cues:
            aims = [m.span() for m in lex.cue("worker_aim").matches(joined)]
            kept = [h for h in cues["advice"] if not _starts_inside(joined, h, aims)]
            if kept:
                cues["advice"] = kept
            else:
                cues.pop("advice")
        if "confront" in cues:
            for move in _BLAME_HIDES:
                cues.pop(move, None)
        if "persuade" in cues:
            cues.pop("offer_time", None)
            cues.pop("offer_options", None)  # "this is your last chance" offers no choice
        only_asking = lex.cue("question_only_collaboration")
        # "Onko noi ehdot sun mielestä reilut?" / "Do you think that's fair?": a yes/no question
        # about the client's view asks it; only a question about what to do works together.
        if (
            question
            and question[0] == "closed"
            and cues.get("seek_collaboration")
            and all(only_asking.find(h) for h in cues["seek_collaboration"])
        ):
            cues.pop("seek_collaboration")
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
        # "...miten sä haluut että sen kanssa jatketaan?" hands the going on to the client
        # (`not_moving_on`).
        onward = [m.span() for m in lex.cue("not_moving_on").matches(joined)]
        change = [
            h for h in lex.cue("topic_change").find(joined) if not _starts_inside(joined, h, onward)
        ]
        if change and "seek_collaboration" not in cues:
            if client.said_something and (len(client.content) >= 2 or client.feelings):
                cues.setdefault("dismiss", []).extend(change)
                cues.pop("structuring", None)
            else:
                cues.setdefault("structuring", []).extend(change)
                client.ruled_out.add("dismiss")  # nothing was disclosed to brush aside

        if "ask_permission" in cues and "offer_time" in cues and not question:
            cues.pop("offer_time", None)  # "Can I come back to this next week?" asks
        # Which move outranks which in one sentence is data, per language (`outranks` in the
        # lexicon): "Start with money or housing?" offers a choice, it does not structure.
        for move, lower in lex.outranks:
            if move in cues:
                for other in lower:
                    cues.pop(other, None)
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
        # A statement in the worker's own stance, with nothing read but facts, pushes their
        # view (reflection.py `_stance`; English lexicon only).
        if cues.keys() <= {"give_information"}:
            stance = self._stance(joined, words, client)
            if stance:
                stance.position = base + 0.001
                return [*(f for f in out if f.move != "give_information"), stance]
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

    def _pressed_verdict(self, joined: str, cues: dict[str, list[str]]) -> list[str]:
        """The words of a verdict the worker presses on the client, a push: siding with
        someone else's view of them (`sides_with`: "Your mum's right, you know.", "He's only
        trying to help.", "Anoppi tarkottaa varmaan ihan hyvää.") or a warning of what follows
        if they do not do as told (`warning`: "You won't be racing anything if the infection
        gets into your blood.", "Kiintymys ei riitä, jos säännöt ei pidä."). Each section has
        its `_held`: a word before the hit that makes the thought the client's ("Part of you
        wonders if she's right.", "Osa susta pelkää et se on oikeessa.") or the worker's own
        promise ("I won't ring anyone tonight if you're safe."), and its `_not`: what, matched
        from the hit on, says something else ("Kettle's right there.", "...won't go anywhere
        if I don't have your details."). Not in a sentence that already blames or brushes
        aside. Issue 12 (rules42): the labelled sets read these persuade (rejecting) nearly
        always; the rules read nothing and the learned parts a reflection, as they take up the
        client's words about the other person or the matter."""
        lex = self.lexicon
        if cues.keys() & {"confront", "dismiss"}:
            return []
        out = []
        for section in ("sides_with", "warning"):
            held, other = lex.cue(section + "_held"), lex.cue(section + "_not")
            out.extend(
                m.group(0)
                for m in lex.cue(section).matches(joined)
                if not held.find(joined[: m.start()]) and other.first(joined[m.start() :]) is None
            )
        return out

    def _softened(self, words: list[str]) -> tuple[str, list[int]] | None:
        """The sentence without its intensifiers, and where each kept word stood.

        Cues are written plain ("you need to", "sun on pakko"); spoken and typed turns put
        an adverb in between ("you really need to", "sun on ihan oikeesti pakko"). Matching
        the cues on the sentence with those adverbs left out as well finds them there too.
        """
        softeners, stops = self.lexicon.softeners, self.lexicon.softener_stops
        if softeners.isdisjoint(words):
            return None  # most sentences have none (some five asks a sentence: issue 12, speed)
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

    def _judgements(self, joined: str, client: _ClientWords) -> list[str]:
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
            if _denied_by(before, self.lexicon.negation, self.lexicon.cue("denial_frame")):
                client.ruled_out.add("confront")
                continue
            if _said_back(
                before,
                self.lexicon.cue("self_blame_frame"),
                self.lexicon.cue("self_blame_frame_ends"),
            ):
                client.ruled_out.add("confront")
                continue  # "You blame yourself for being a bad mum" says their verdict back
            if any(third.find(w) for w in before[-3:]) and not self.lexicon.cue(
                "victim_judgement"
            ).find(match.group(0)):
                continue  # "...your wife is overreacting" judges someone else, not the client
            found.append(match.group(0))
        return found

    # -- topics -----------------------------------------------------------------------------


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


def _starts_inside(joined: str, hit: str, spans: list[tuple[int, int]]) -> bool:
    """Whether each place `hit` stands in `joined` starts inside one of `spans`."""
    if not spans:
        return False
    starts = [m.start() for m in re.finditer(rf"(?<![^ ]){re.escape(hit)}", joined)]
    return bool(starts) and all(any(a <= at < b for a, b in spans) for at in starts)


_FIRST_TWO_WORDS = re.compile(r"\W*\w+\W+(\w+)")


def _calls_by_name(sentence: str, first_singular: CueSet) -> bool:
    """Is the word after the sentence's first a name, written with a capital ("Hi Lee, ...",
    "Hei Veikko, ..."), and not the capital "I" of "Hey, I think..."."""
    second = _FIRST_TWO_WORDS.match(sentence)
    return (
        bool(second)
        and second.group(1)[:1].isupper()
        and not first_singular.find(second.group(1).lower())
    )


def _word_before(joined: str, hit: str) -> str:
    """The word just before `hit` in the sentence ("" at its start)."""
    at = joined.find(hit)
    before = joined[:at].split() if at > 0 else []
    return before[-1] if before else ""


def _denied(joined: str, hit: str, negation: frozenset[str], frame: CueSet) -> bool:
    """Whether `hit` is denied: one of the two words just before it denies it ("not your
    fault"), or the worker's denial frame stands in the six before ("I don't think you're
    lazy", "En mä ajattele, että sä oot huono äiti"). A cue that itself starts with a denial
    ("nobody forced you") is a reproach of its own."""
    if hit.split()[0] in negation:
        return False
    at = joined.find(hit)
    return _denied_by(joined[:at].split() if at > 0 else [], negation, frame)


def _denied_by(before: list[str], negation: frozenset[str], frame: CueSet) -> bool:
    """The words before a blame deny it: a negation in the two just before ("not your
    fault"), or the worker's denial frame in the six before ("I don't think you're …")."""
    return any(w in negation for w in before[-2:]) or bool(frame.find(" ".join(before[-6:])))


# How far back a self-blame frame reaches: "kuulen että sä syytät itteäs – että sun ois pitäny"
# has seven words between the frame's start and the reproach; a whole sentence would let a
# frame at its head excuse a reproach the worker adds later.
_FRAME_REACH = 8


def _self_blame(joined: str, hit: str, frame: CueSet, ends: CueSet) -> bool:
    """Whether the client's own reproach is being said back: a self-blame frame ("you blame
    yourself", "syytät itseäsi", "you think you…") stands in the words just before `hit`, with no
    new clause of the worker's own (`ends`: "but", "siks") between."""
    at = joined.find(hit)
    return _said_back(joined[:at].split() if at > 0 else [], frame, ends)


def _framed_whole(words: list[str], frame: CueSet, ends: CueSet, particles) -> bool:
    """Whether the sentence opens (after particles) with a self-blame frame ("sä mietit että",
    "you feel that") and no new clause of the worker's own (`ends`) follows it."""
    head = 0
    while head < len(words) - 1 and words[head] in particles:
        head += 1
    joined = " ".join(words[head:])
    found = frame.first(joined)
    if not found or joined[: found.start()].count(" ") > 1:
        return False
    return not any(ends.find(w) for w in joined[found.end() :].split())


def _said_back(before: list[str], frame: CueSet, ends: CueSet) -> bool:
    """Whether the words before a reproach say the client's own thought back (`_self_blame`)."""
    before = before[-_FRAME_REACH:]
    cut = [i for i, w in enumerate(before) if ends.find(w)]
    before = before[cut[-1] + 1 :] if cut else before
    return bool(before) and bool(frame.find(" ".join(before)))


def _after(joined: str, hit: str) -> str:
    at = joined.find(hit)
    return joined[at + len(hit) :].strip() if at >= 0 else ""


__all__ = ["ENCOUNTERING", "NOTICING", "REFLECTIONS", "RuleRecognizer", "mode_of"]
