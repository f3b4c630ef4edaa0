"""Reflections: whether a plain statement gives the client's words back (simple), adds a
feeling, meaning or the unsaid (complex), or gathers several things said (summary); and when
a modal in advice is the client's own ("you need to..." after "I need to...").

A mixin of `RuleRecognizer` (recognizer.py).
"""

from __future__ import annotations

from simulator.language.lexicon import CueSet
from simulator.language.words import _ClientWords, _Found, _soft_hits

#: The sections of the worker's own voice (`_own_voice`), in the order they are tried, and the
#: push each is read as ("": none of its own; the statement is no reflection and the learned
#: gate decides).
_VOICE_SECTIONS = (
    ("own_voice_confront", "confront"),
    ("own_voice_dismiss", "dismiss"),
    ("own_voice_persuade", "persuade"),
    ("own_voice", ""),
)


class Reflection:
    """The reflection test (mixed into RuleRecognizer)."""

    def _reflection(
        self,
        sentence: str,
        joined: str,
        words: list[str],
        client: _ClientWords,
        summary_cue: list[str],
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
        # A feeling aimed at the client ("Kollega on huolissaan susta.", "Your sister's worried
        # about you.") is someone else's, held about them: the worker passes on another's
        # message, it names nothing the client feels (`feeling_aimed`).
        aimed = lex.cue("feeling_aimed")
        if aimed and new_feelings:
            held = [
                w
                for w in new_feelings
                if not (w in words and aimed.first(" ".join(words[words.index(w) + 1 :][:3])))
            ]
            if len(held) < len(new_feelings):
                # weighed and turned down: the learned second opinion must not bring it back
                client.ruled_out.update(("simple_reflection", "complex_reflection"))
            new_feelings = held
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
        # A third party's words or call passed on ("Eetu on sanonu opettajalle et äiti nukkuu
        # aina.", "Teidän tytär soitti meille siitä kaatumisesta.") is news the worker brings,
        # not the client's words given back (`_passed_on`).
        passed = None if (opener or summary_cue) else self._passed_on(sentence, words, client)
        if passed:
            # weighed and turned down: the learned parts must not bring a reflection back
            client.ruled_out.update(("simple_reflection", "complex_reflection"))
            return _Found("give_information", 0.0, passed, (), reason="cue")
        # A statement in the worker's own voice is no reflection, whatever of the client's
        # words it takes up (`_own_voice`): the rules read it as the push its words say, or
        # as nothing, for the gate to decide.
        voice = self._own_voice(
            sentence,
            joined,
            words,
            client,
            about_client,
            {
                "opener": opener,
                "summary": summary_cue,
                "feeling": new_feelings,
                "meaning": meaning,
                "double_sided": double,
                "inference": [h for h in inference if not lex.cue("hedges").find(h)],
            },
            their_feeling=addresses_client and bool(new_feelings or meaning),
        )
        if voice is not None:
            move, hits = voice
            return _Found(move, 0.0, hits, (), reason="stance") if move else None
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

    def _passed_on(self, sentence: str, words: list[str], client: _ClientWords) -> tuple[str, ...]:
        """The words that show a statement passing on what someone else said or did about the
        client's matter (`passed_on`: a saying or calling verb after one to three words that
        name someone else: "Eetu on sanonu opettajalle...", "Your daughter rang us..."), else
        (). Not when the client told of it themselves (the verb or the one who said it is among
        their words: "Jeren äiti soitti sulle." after "Sen äiti soitti mulle.", "Mia told you
        something scary" after "Mia said..."), when a pronoun says who ("She said...", "You
        said...": someone the client has spoken of, or the client), nor when a later clause is
        about the client ("Keho sanoi jo ei, vaikka te yrititte..."). Issue 12 (rules40): the
        labelled meeting turns read these as information; the reflection test passed them for
        their "you" or a word of the client's they happened to share."""
        lex = self.lexicon
        cues = lex.cue("passed_on")
        if not cues:
            return ()
        said = list(words)
        while said and said[0] in lex.discourse_particles:
            said = said[1:]
        found = cues.first(" ".join(said))
        if found is None:
            return ()
        hit = found.group(0).split()
        # who said or did it: someone named ("Eetu", "your daughter"); a pronoun ("She said...",
        # "You said...") points back to what the client told, a name they used ("Mia told
        # you...") too
        named = list(self._content(hit[:-1]).values())
        if not named or len(self._new(named, client)) < len(named):
            return ()
        if set(hit) & lex.negation:
            return ()  # "Nobody called you an addict." denies, it passes nothing on
        if not self._new([hit[-1]], client):
            return ()
        for clause in self._clauses(sentence)[1:]:
            head = next((w for w in clause[:3] if w not in lex.discourse_particles), "")
            if head in lex.second_person:
                return ()
        return tuple(hit)

    def _stance(self, joined: str, words: list[str], client: _ClientWords) -> _Found | None:
        """A statement framed by the worker's own stance ("To be fair, he's probably exhausted
        too.", "Come on, nobody needs all those newspapers.", "Maybe if you came to class you
        wouldn't be failing."): the worker's view of the client's matter, not the client's
        words given back nor neutral information. It pushes (`worker_stance`) or blames
        (`worker_stance_blame`). Issue 12 (recog9en): the largest group of pushing turns read
        as listening on development sets 9-14 was statements the reflection test passed for
        their "you" and their new words; those with such a frame are read here. Only a
        language whose lexicon lists the stance has it (English so far). Not when a reflective
        opener frames the turn ("It sounds, honestly, exhausting."), nor when the worker
        speaks of themselves (`stance_disclosure`: "To be honest, I'm worried about you."
        discloses), nor without a claim of three content words ("Honestly, yeah, a chat.")."""
        lex = self.lexicon
        if lex.cue("reflection_opener").find(joined) or len(self._content(words)) < 3:
            return None
        for section, move in (("worker_stance_blame", "confront"), ("worker_stance", "persuade")):
            stance = self._new(lex.cue(section).find(joined), client)
            if not stance:
                continue
            rest = joined  # the frame's own words ("let us be honest") are no disclosure
            for hit in stance:
                rest = rest.replace(hit, " ")
            if lex.cue("stance_disclosure").find(rest):
                return None
            return _Found(move, 0.0, tuple(stance), (), reason="stance")
        return None

    def _own_voice(
        self,
        sentence: str,
        joined: str,
        words: list[str],
        client: _ClientWords,
        about_client: bool,
        frames: dict[str, list[str]],
        their_feeling: bool,
    ) -> tuple[str, tuple[str, ...]] | None:
        """Whether a statement the reflection test would pass is in the worker's own voice:
        the move it is then read as ("" for none: the learned gate decides) and the words
        that show it, else None.

        The frame: what a reflective opener beyond a bare discourse particle ("Kuulostaa
        et...", "It sounds like...", not "Eli..."), a reflective verb anywhere
        (`own_voice_frame`: "Se kuulostaa uuvuttavalta, kun aamulla pitäisi...") or, where
        the lexicon names them (`own_voice_reading: framed_by`), a summary opener or a
        feeling, meaning, double-sided or inferring cue the client did not name frames is
        given back as the client's.

        The voice, in this order: the worker's obligation, prediction, verdict or playing
        down that the client did not voice (`own_voice_confront`, `own_voice_dismiss`,
        `own_voice_persuade`: read as that push; `own_voice`: read as nothing), unless the
        words are the client's own, infer how things are for them or a negation lifts them
        (`_voice_hits`); said of no one in particular, a claim about people in general
        (`own_voice_general`: "Moni on tässä iässä hukassa."; beside the client as subject it
        is part of their situation); a clause that opens with a denial (`own_voice_denial`)
        of something the client did not deny themselves. A denial that gives back the
        client's own ("Ette ole nukkunut." after "En oo nukkunu"), answers their question or
        supposition, names the client's feeling ("Ette te ole huolissanne itsestänne vaan
        hänestä.") or is a set phrase of understanding (`own_voice_denial_kept`: "Ei ihme,
        että...") is theirs. Issue 12 (recog10fi, recog10en): such statements were most of
        the pushes read as complex reflections on the development sets. A language whose
        lexicon lacks the sections reads as if the rule were not there."""
        lex = self.lexicon
        opener = frames["opener"]
        if (
            [h for h in opener if not set(h.split()) <= lex.discourse_particles]
            or lex.cue("own_voice_frame").find(joined)
            or any(frames[kind] for kind in lex.own_voice_framed_by)
        ):
            return None
        for section, move in _VOICE_SECTIONS:
            hits = self._voice_hits(lex.cue(section), joined, words, client)
            if hits:
                return move, tuple(hits)
        if not about_client:
            general = self._new(lex.cue("own_voice_general").find(joined), client)
            if general:
                return "", tuple(general)
        heads, kept = lex.cue("own_voice_denial"), lex.cue("own_voice_denial_kept")
        if not heads or client.asked:
            return None  # "Ei mulla mitään siirtopapereita oo." answers "Onko teillä jo paperit?"
        for clause in sentence.split(","):
            said_words = self._words(clause)
            while said_words and said_words[0] in lex.discourse_particles:
                said_words = said_words[1:]
            said = " ".join(said_words)
            denial = heads.first(said)
            fronted = denial is None
            if fronted:
                # "Kotona ei saa kirjata", "Perunaa ja makkaraa ei oo kovin monipuolista": the
                # denial after a fronted topic of no one (`own_voice_denial_fronted`) is the
                # worker's verdict on it as much as one that opens the clause.
                said_words = self._fronted_denial(said_words)
                said = " ".join(said_words)
                denial = heads.first(said) if said_words else None
            if denial is None or kept.first(said):
                continue
            mine = self._content(said_words).items()
            if not mine:
                continue  # "..., ei mitään." claims nothing of its own
            theirs = (*client.denied.items(), *client.supposed.items())
            # (after a fronted topic every word of the denial must be theirs: "Kotona ei saa
            # kirjata" after "Mä en ehdi kirjata" forbids what they said they do)
            given_back = all if fronted else any
            if given_back(
                any(self._related(stem, cs, word, cw) for cs, cw in theirs) for stem, word in mine
            ):
                continue  # their own denial given back, or an answer to what they supposed
            contradicts = any(
                self._related(stem, cs, word, cw)
                for stem, word in mine
                for cs, cw in client.content.items()
            )
            if contradicts or not their_feeling:
                return "", (denial.group(0),)
        return None

    def _fronted_denial(self, words: list[str]) -> list[str]:
        """The clause from its denial on, when a prohibition or a verdict of degree follows a
        fronted topic (`own_voice_denial_fronted`: one to four words before it, none of them a
        person, an asking word or a subordinator: "Kotona ei saa kirjata", not "Sä et..." nor
        "kun ei saa unta"), else []."""
        lex = self.lexicon
        found = lex.cue("own_voice_denial_fronted").first(" ".join(words))
        if found is None:
            return []
        hit = found.group(0).split()
        heads = lex.cue("own_voice_denial")
        lead = hit[: next((i for i, w in enumerate(hit) if heads.first(w)), 0)]
        if not self._content(lead):
            return []  # "..., ja sitten ei saa unta": no topic fronted
        people = lex.second_person | lex.first_person | lex.second_person_heads
        if any(
            w in people
            or lex.cue("third_person").find(w)
            or lex.cue("subordinators").find(w)
            or w in lex.embedded_question_words
            for w in lead
        ):
            return []
        return words[len(lead) :]

    def _voice_hits(
        self, cues: CueSet, joined: str, words: list[str], client: _ClientWords
    ) -> list[str]:
        """The hits of `cues` in the sentence (an adverb between is skipped: "sun pitää vaan
        opetella") that are the worker's: not inferring (`own_voice_theirs`), not every word of
        them among the client's ("You need some time that's just yours." after "I need some
        time..."; the "you" is only who said it), nor, where the lexicon says so
        (`own_voice_reading: own_word`), their own word, the first that is no little word
        ("pitää", "tarvitse"): "Niin, jotain pitää tehdä." after "jotain pitäis tehdä" gives
        their must back, "No ei pitäis lainata rahaa" after "Mä lainasin sille" is the
        worker's; and, where the lexicon says so (`negation_lifts`), with no negation just
        before ("You don't have to go into it." lifts an obligation; Finnish cues carry their
        own: "ei tarvitse", "ei kannata" is a verdict)."""
        lex = self.lexicon
        hits = cues.find(joined)
        softened = self._softened(words)
        if softened:
            hits.extend(h for h in _soft_hits(cues, words, *softened) if h not in hits)
        if not hits:
            return []
        said = set(client.words) | lex.second_person
        inferred = lex.cue("own_voice_theirs")
        out = []
        for hit in hits:
            at = joined.find(hit)  # -1: found only with the adverbs left out
            if set(hit.split()) <= said or inferred.find(hit):
                continue
            if lex.own_voice_own_word:
                key = next((w for w in hit.split() if w not in lex.stopwords), hit.split()[0])
                stem = self._stem(key)
                if any(self._related(stem, self._stem(w), key, w) for w in client.words):
                    continue
            if (
                lex.own_voice_negation_lifts
                and at >= 0
                and set(joined[:at].split()[-2:]) & lex.negation
            ):
                continue
            out.append(hit)
        return out

    def _new(self, hits: list[str], client: _ClientWords) -> list[str]:
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

    def _drop_echoed_modals(
        self, cues: dict[str, list[str]], client: _ClientWords, words: list[str]
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
