"""Question form: whether a sentence asks, and openly or not (interrogative words, the Finnish
-ko/-kö clitic, English inversion, "?", "Kerro..."/"Tell me..."), and when a "?" only checks a
statement ("..., right?") or a clause only embeds a question ("Mietit, onko tää ongelma.").

A mixin of `RuleRecognizer` (recognizer.py).
"""

from __future__ import annotations

import re

# Where a later part of a "?" sentence may start: a comma or a dash between words ("A weird few
# weeks - what's been going on?"), not a hyphen inside a word.
_LATER_PART = re.compile(r",|\s[-–—]+\s|[–—]")


class QuestionForm:
    """Question-form tests (mixed into RuleRecognizer)."""

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
        if wh_word and not embedded and lex.cue("wh_lead_in").find(joined[:wh_at]):
            # "After what happened ten days ago, rehab really is the safest option, you know
            # that?": the asking word heads what the sentence starts from, not a question.
            wh_word = None
            later = self._later_question(sentence, joined)
            if later:
                return later
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

    def question_form(self, sentence: str) -> str | None:
        """'open' or 'closed' where the sentence asks by its form, else None. The moves read
        may say otherwise ("What would help you most right now?" is read as seeking
        collaboration, not as a question): the client still has a question to answer."""
        words = self._words(sentence)
        if not words:
            return None
        kind = self._question_kind(sentence, words, " ".join(words))
        return kind[0] if kind else None

    def _later_question(self, sentence: str, joined: str) -> tuple[str, str] | None:
        """The question a later part of a "?" sentence asks after a lead-in ("And so, when you
        say you're done with him, what does that mean for you?", "A weird few weeks - what's been
        going on?"), or None."""
        if not sentence.rstrip().endswith("?"):
            return None
        lex = self.lexicon
        for chunk in _LATER_PART.split(sentence)[1:]:
            part = " ".join(self._words(chunk))
            later = lex.question_words.first(part)
            inverted = lex.yes_no_start.first(part)
            if not later and inverted and inverted.start() == 0:
                return "closed", inverted.group(0)  # "You mentioned your mum, is she around?"
            if later and later.start() == 0 and not lex.cue("subordinators").find(part.split()[0]):
                if lex.cue("scale").find(joined):
                    return "closed", later.group(0)  # "On a scale of 1 to 10, how..."
                # "roughly when was that": only the asking word itself says closed or open
                word = later.group(0).split()[-1]
                closed = lex.closed_wh.match(part, later.end() - len(word))
                return ("closed", closed.group(0)) if closed else ("open", later.group(0))
        return None

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
