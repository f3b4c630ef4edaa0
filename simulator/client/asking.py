"""What kind of question a turn asks: a content question, an offer (issue 14).

A state's disclosure said to "When was your last shift?" or "Shall I email the landlord?"
passes the question over. The session answers such a turn with the scenario's `defaults:`
line for the question's kind (docs/format.md, "Which transition fires"): a short holding
answer that takes up a question the client has no scripted answer for, and yes or no to
an offer.

The recognizer reads moves (`open_question`, `closed_question`, `offer_options`) but not
which thing a question asks for (a time, an amount, a reason) nor whether the worker offers
to do something: the kinds are read here from the words of the question sentence, with the
language's word lists (the `client_questions` section of simulator/language/lexicons/<lang>.yaml,
where each list is described). The patterns are few and literal so that an author can tell
from the docs which turns get which answer.

Pure functions of the text: the session decides whether the line it was going to say takes
the question up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from simulator.language.lexicon import load_lexicon
from simulator.language.text import sentences
from simulator.scenario.model import HOLDING_QUESTIONS, OWN_FACT, WHAT_TIME

WHEN, HOW_MUCH, WHY, REMEMBER, YES_NO, EITHER_OR = HOLDING_QUESTIONS
#: The lexicon's list for each kind, in the order they are tried (the first that matches
#: names the kind); the yes/no question about a fact is tried last, by its own rule. A time of
#: day comes after `when`, whose past forms ("what time did", "milloin viimeksi") ask for a
#: moment long past; a plain fact of the client's own life ("How many kids have you got?") comes
#: before `how_much`, whose lines do not know the number.
_KIND_LISTS = (
    (WHY, "why"),
    (WHEN, "when"),
    (WHAT_TIME, "what_time"),
    (OWN_FACT, "own_fact"),
    (HOW_MUCH, "how_much"),
    (REMEMBER, "remember"),
)


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!)")  # a list the lexicon leaves out finds nothing
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


def _name(not_names: tuple[str, ...]) -> str:
    """A capitalised name ("Omar", "Derek"), whatever the scenario calls its people; the
    case of its first letter counts although the rest is read ignoring case, and a day or
    a month ("Is Thursday okay?") is none."""
    excluded = rf"(?!(?:{'|'.join(not_names)})\b)" if not_names else ""
    return excluded + r"(?-i:[A-ZÀ-ÖØ-Þ]\w*)"


@dataclass(frozen=True)
class _Patterns:
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    yes_no: re.Pattern[str]
    open_or_check: re.Pattern[str]
    offer: re.Pattern[str]
    proposal: re.Pattern[str]
    either_or: re.Pattern[str]
    not_either_or: re.Pattern[str]
    choosing: re.Pattern[str]
    inviting: re.Pattern[str]
    reply_yes_or_no: re.Pattern[str]
    reply_agreeing: re.Pattern[str]
    offer_to_tell: re.Pattern[str]
    proposal_check: re.Pattern[str]
    said_back_check: re.Pattern[str]
    reply_maybe: re.Pattern[str]
    reply_filler: re.Pattern[str]
    choice_check: re.Pattern[str]
    helps: re.Pattern[str]
    points_back: re.Pattern[str]
    asks_again: re.Pattern[str]
    asks_for: re.Pattern[str]
    time_put: re.Pattern[str]
    invites: re.Pattern[str]
    takes_in: re.Pattern[str]


@cache
def _patterns(lang: str) -> _Patterns:
    lists = load_lexicon(lang).client_questions

    def listed(key: str) -> tuple[str, ...]:
        return lists.get(key, ())

    name = _name(listed("not_names"))
    openings = tuple(p.replace("{name}", name) for p in listed("yes_no"))
    lead = "|".join(listed("yes_no_lead"))
    return _Patterns(
        kinds=tuple(
            (kind, _words(tuple(p.replace("{name}", name) for p in listed(key))))
            for kind, key in _KIND_LISTS
            if listed(key)
        ),
        yes_no=re.compile(
            (rf"^(?:(?:{lead}) )?" if lead else "^") + "(?:" + "|".join(openings) + r")\b",
            re.IGNORECASE,
        ),
        open_or_check=_words(listed("open_or_check")),
        offer=_words(listed("offer")),
        proposal=_words(listed("proposal")),
        either_or=_words(listed("either_or")),
        not_either_or=_words(listed("not_either_or")),
        choosing=_words(listed("choosing")),
        inviting=_words(listed("inviting")),
        # a line that opens on punctuation ("...Yes") opens on no answer word
        reply_yes_or_no=_words((r"^\W*(?:" + "|".join(listed("reply_yes_or_no")) + ")",)),
        reply_agreeing=_words((r"^\W*(?:" + "|".join(listed("reply_agreeing")) + ")",)),
        offer_to_tell=_words(listed("offer_to_tell")),
        reply_maybe=_words((r"^\W*(?:" + "|".join(listed("reply_maybe") or ["(?!)"]) + ")",)),
        # sounds a line may open on before its answer ("Ha. Yeah. Maybe.")
        reply_filler=re.compile(
            r"^\W*(?:(?:" + "|".join(listed("reply_filler") or ["(?!)"]) + r")\b[\W]+)+",
            re.IGNORECASE,
        ),
        # the whole sentence: "What do you think about your drinking?" asks about something
        proposal_check=_whole_sentence(listed("proposal_check"), lead),
        said_back_check=_whole_sentence(listed("said_back_check"), lead),
        choice_check=_whole_sentence(listed("choice_check"), lead),
        helps=_words(listed("helps")),
        points_back=_words(listed("points_back")),
        asks_again=_words(listed("asks_again")),
        asks_for=_words(listed("asks_for")),
        time_put=_words(listed("time_put")),
        invites=_words(listed("invites")),
        takes_in=re.compile(
            r"^\W*(?:" + "|".join(listed("reply_takes_in") or ["(?!)"]) + r")(?!\w)", re.IGNORECASE
        ),
    )


def _whole_sentence(patterns: tuple[str, ...], lead: str) -> re.Pattern[str]:
    """A sentence that is one of `patterns` and at most two words more ("to you", "then")."""
    return re.compile(
        (rf"^\W*(?:(?:{lead}) )?" if lead else r"^\W*")
        + "(?:"
        + ("|".join(patterns) or "(?!)")
        + r")\b(?:\W+\w+){0,2}\W*$",
        re.IGNORECASE,
    )


def _language(language: str) -> str:
    return "fi" if language.startswith("fi") else "en"


def offers(question: str, language: str) -> bool:
    """Does the question sentence ask yes or no to something the worker would do: "Shall I
    email the landlord, yes or no?", "auttaisko se?", "Sopiiko, että kerron Marjalle?". An
    offer that is one side of an either/or asks which instead (`chooses`)."""
    lang = _language(language)
    return _patterns(lang).offer.search(question) is not None and not chooses(question, lang)


def proposes(question: str, language: str) -> bool:
    """Does the question sentence put something to do together to the client, yes or no ("Shall
    we make a start on the form?"): neither an offer of the worker's (`offers`) nor a choice
    (`chooses`)."""
    lang = _language(language)
    return (
        _patterns(lang).proposal.search(question) is not None
        and not offers(question, lang)
        and not chooses(question, lang)
    )


def chooses(question: str, language: str) -> bool:
    """Does the question sentence ask the client to choose between two things to do: "Would
    you like to fill it in yourself, or would you like me to go through it?", "Haluutko että
    käydään ne läpi nyt vai luet rauhassa kotona?". An either/or about a fact ("Is it the
    money or the time?") is no choice to make, and "yes or no" or "or not" asks yes or no."""
    words = _patterns(_language(language))
    if words.helps.search(question):
        # "would it help if I rang you, and went through the rest on the phone or in
        # person?" asks whether it would help: yes or no (hen27 t22 got "Either, love.")
        return False
    plain = words.not_either_or.sub(" ", question)
    return bool(
        words.either_or.search(plain)
        and (words.offer.search(plain) or words.choosing.search(plain))
    )


def question_kind(question: str, turn: str, language: str) -> str | None:
    """The kind of content question (HOLDING_QUESTIONS) the question sentence asks, read
    with the whole turn: None when the turn invites the client on ("Tell me more. Why?"),
    when the question is an offer (answered yes or no instead), or when it asks nothing
    specific ("How are you?", "What's that like?": the state's lines are written for those).
    An either/or the worker offers is EITHER_OR, whatever else the turn says."""
    lang = _language(language)
    words = _patterns(lang)
    text = question.strip()
    # a question asks with a question mark: "I understand why you were afraid." does not
    if "?" not in text:
        return None
    if chooses(text, lang) or _chose_before(text, turn, lang) or _choice_after(text, turn, lang):
        return EITHER_OR
    if offers(text, lang) or words.inviting.search(turn):
        return None
    for kind, pattern in words.kinds:
        if pattern.search(text):
            return kind
    first = text.lstrip("-–—\"' ")
    # the thing asked about may come first: "Right, the NI number, have you got it?"
    last = first.rsplit(",", 1)[-1].strip()
    if any(words.yes_no.match(part) for part in (first, last)) and not words.open_or_check.search(
        first
    ):
        return YES_NO
    return None


def _chose_before(question: str, turn: str, lang: str) -> bool:
    """Does the question only ask which ("What would you prefer?", "Kumpi sopis?") of two
    things the sentence before it put side by side ("I could ring the nurse with you, or you
    do it yourself.")?"""
    words = _patterns(lang)
    if not words.choice_check.match(question):
        return False
    parts = [p.strip() for p in sentences(turn)]
    at = parts.index(question) if question in parts else -1
    if at < 1:
        return False
    before = words.not_either_or.sub(" ", parts[at - 1])
    return words.either_or.search(before) is not None


def _choice_after(question: str, turn: str, lang: str) -> bool:
    """Does the turn end, after the question, on the two things it asks the client to choose
    between, said without a question mark ("Shall we have a go at the form now? We can fill
    it in together here, or you do it at home, whichever you prefer.", hen72 t13: "Okay. That
    works." picked neither)? The question and that last sentence are read as one either/or."""
    parts = [p.strip() for p in sentences(turn)]
    at = parts.index(question) if question in parts else -1
    if at < 0 or at != len(parts) - 2:
        return False
    last = parts[-1]
    words = _patterns(lang)
    return (
        "?" not in last
        and words.either_or.search(words.not_either_or.sub(" ", last)) is not None
        and chooses(f"{question} {last}", lang)
    )


_ASKS_WHAT = re.compile(r"^\W*(?:\w+,? )?(?:what|mitä|mitäs|miltä|miltäs)\b", re.IGNORECASE)


def asks_to_go_along(question: str, language: str) -> bool:
    """Does the question sentence put something to the client to say yes or no to: a check of
    a proposal ("Does that sound right?", "Sopiiko?"), an offer ("Would it help if we started
    your claim today?"), something to do together ("Shall we...?"), a day or an hour ("I'll ring
    you Thursday, is that okay?", "Perjantaina uudestaan?") or an invitation ("Want to give it a
    go now?", "Haluutko sä?"; the `invites` list). Not a check of what was said back ("Is that
    right?") nor a choice of two."""
    lang = _language(language)
    text = question.strip()
    if (
        not text.endswith("?")
        or checks_said_back(text, lang)
        or chooses(text, lang)
        # "What do you think?", "Mitä mieltä olette?", "Miltä tuntuu kuulla tää?" ask for a
        # view: "Joo." answers nothing
        or _ASKS_WHAT.match(text)
    ):
        return False
    return bool(
        checks_proposal(text, lang)
        or offers(text, lang)
        or proposes(text, lang)
        or puts_time(text, lang)
        or _patterns(lang).invites.search(text)
    )


def answers_on_its_own(line: str, language: str) -> bool:
    """Does the line, after any "..." it opens on, answer what was put by itself: yes, no or
    maybe, going along or turning it down ("...Okay. Thanks."), or a sound that takes it in
    ("Hm. Well...", "Jaa. No, kunhan..."): no yes before it."""
    lang = _language(language)
    said = line.lstrip(" .…-–—")
    return bool(
        opens_on_yes_or_no(said, lang, maybe=True)
        or answers_by_itself(said, lang)
        or _patterns(lang).takes_in.match(said)
    )


def puts_time(question: str, language: str) -> bool:
    """Does the question put a day or an hour to the client, yes or no ("I'll ring you Friday,
    is that okay?", "sopisko sulle tiistaina kello kymmenen?"), not ask for one ("What time
    suits you?") nor offer a choice of two?"""
    lang = _language(language)
    return _patterns(lang).time_put.search(question) is not None and question_kind(
        question, question, lang
    ) not in (WHEN, WHAT_TIME, EITHER_OR, YES_NO)


def names_time(line: str, language: str) -> bool:
    """Does the line name a day or an hour ("Thursday's fine.")?"""
    return _patterns(_language(language)).time_put.search(line) is not None


def points_back(question: str, language: str) -> bool:
    """Does the question point at what was said before it ("Do you have those on you?",
    "Onks sulla ne mukana?"): asked of the things the sentence before it named."""
    return bool(_patterns(_language(language)).points_back.search(question))


def asks_again(line: str, language: str) -> bool:
    """Does the client's line ask the worker to say it again, slower or shorter ("Sorry?
    Slowly, please.", "Too many words.", "Sanotko uudestaan?")."""
    return bool(_patterns(_language(language)).asks_again.search(line))


def asks_for(turn: str, language: str) -> bool:
    """Does the turn end by asking the client to hand something over or give a detail ("Okay,
    can you just pass them over then, I need the discharge date...", "I'll need a few details -
    your name and date of birth")? A request, answered by giving it, not a question about it."""
    said = sentences(turn)
    return bool(said) and bool(_patterns(_language(language)).asks_for.search(said[-1]))


def opens_on_yes_or_no(line: str, language: str, maybe: bool = False) -> bool:
    """Does the line answer a yes/no question by its first word, after any opening sound
    ("Joo. Mä vähän...", "Um. Yeah, I think so."); with `maybe`, a maybe too: such a line
    tells no time, amount nor memory."""
    words = _patterns(_language(language))
    said = words.reply_filler.sub("", line)
    return bool(words.reply_yes_or_no.match(said) or (maybe and words.reply_maybe.match(said)))


def answers_by_itself(line: str, language: str) -> bool:
    """Does the line open by going along with, or turning down, what was asked ("Okei.
    Tehdään niinku te sanotte.", "Right. Well. If that's all..."): no yes or no before it."""
    return bool(_patterns(_language(language)).reply_agreeing.match(line))


def offers_to_tell(question: str, language: str) -> bool:
    """Is the offer one to tell, explain or show something ("Want me to tell you about
    those?", "Haluutko että mä kerron, mitä ilmoituksessa luki?")."""
    return bool(_patterns(_language(language)).offer_to_tell.search(question))


def checks_proposal(sentence: str, language: str) -> bool:
    """Does the sentence only ask what the client makes of what the worker has just put to
    them ("Sound alright?", "Mitä mieltä oot näistä?", "Is this okay?"): the client answers
    the proposal yes or no, not a topic named in it ("...työterveyteen puhumaan unesta. Miltä
    kuulostaa?" asks about the plan, not how they sleep)."""
    text = sentence.strip()
    return text.endswith("?") and bool(_patterns(_language(language)).proposal_check.match(text))


def checks_said_back(sentence: str, language: str) -> bool:
    """Does the sentence only check what the worker has just said back ("Is that right?",
    "Did I understand right?", "Fair?", "Ymmärsinkö oikein?"): the client says yes to it
    before anything else, not the next thing it had to say."""
    text = sentence.strip()
    return text.endswith("?") and bool(_patterns(_language(language)).said_back_check.match(text))


#: A line this short that opens on yes, no or maybe says nothing but that ("Maybe. We'll see.").
BARE_WORDS = 4


def bare(line: str, language: str) -> bool:
    """Is the line only a yes, no or maybe ("Maybe. We'll see.", "Niin ja näin."): no answer
    to a question that asks for content ("What's the hardest part?")."""
    words = _patterns(_language(language))
    said = words.reply_filler.sub("", line)  # "Ha. Yeah. Maybe." answers as "Yeah. Maybe."
    return len(said.split()) <= BARE_WORDS and bool(
        words.reply_yes_or_no.match(said) or words.reply_maybe.match(said)
    )
