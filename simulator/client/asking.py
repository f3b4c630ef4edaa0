"""What kind of question a turn asks: a content question, an offer (issue 14).

A state's disclosure said to "When was your last shift?" or "Shall I email the landlord?"
passes the question over. The session answers such a turn with the scenario's `defaults:`
line for the question's kind (docs/format.md, "Which transition fires"): a short holding
answer that takes up a question the client has no scripted answer for, and yes or no to
an offer.

The recognizer reads moves (`open_question`, `closed_question`, `offer_options`) but not
which thing a question asks for (a time, an amount, a reason) nor whether the worker offers
to do something, and simulator/language/ is another helper's room: the kinds are read here
from the words of the question sentence, per language. The patterns are few and literal
so that an author can tell from the docs which turns get which answer.

Pure functions of the text: the session decides whether the line it was going to say takes
the question up.
"""

from __future__ import annotations

import re

from simulator.scenario.model import HOLDING_QUESTIONS

WHEN, HOW_MUCH, WHY, REMEMBER, YES_NO = HOLDING_QUESTIONS


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


#: Per language, the question kinds in the order they are tried (the first that matches
#: names the kind: "Why do you remember it?" asks why). Narrow on purpose: "When do you get
#: any rest?" and "What time does Omar go to sleep?" ask about every day, not a past moment;
#: "How much time have you got?" and "How long has it been like this?" are not amounts the
#: client has lost count of. Those are left to the state's lines.
_KINDS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "en": (
        (WHY, _words(r"why", r"how come", r"what makes", r"what made", r"what stops")),
        (
            WHEN,
            _words(r"when (?:was|were|did|had)", r"what time did", r"how long ago", r"since when"),
        ),
        (HOW_MUCH, _words(r"how much(?! time)", r"how many")),
        (REMEMBER, _words(r"remember", r"recall")),
    ),
    "fi": (
        (WHY, _words(r"miksi", r"miks", r"mikset", r"miksette", r"mikä sai", r"mistä se johtuu")),
        (
            WHEN,
            _words(
                r"milloin viimeksi",
                r"milloin viimeks",
                r"koska viimeksi",
                r"koska viimeks",
                r"kauanko sitten",
                r"milloin se alkoi",
                r"milloin se alko",
            ),
        ),
        (HOW_MUCH, _words(r"paljonko", r"kuinka paljon", r"montako", r"kuinka monta")),
        (REMEMBER, _words(r"muistat\w*")),
    ),
}

#: A yes/no question about a fact, by the verb it opens on: "Did you...", "Have you got...",
#: "Is there...", "Onko teillä turvaranneketta?", "Syökö Eetu aamupalan?". Questions that
#: ask the client to decide or to agree ("Sopiiko?", "Tuutko?", "Can you tell me...?",
#: "Would you...?", "Do you want...?") are not facts: a "no" would decide for the client.
_YES_NO: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"^(?:and |so |but |okay,? |ok,? |right,? )?(?:"
        r"did (?:you|he|she|they|it)|have you (?:got|been|had|rung|called|told|seen|used)"
        r"|has (?:he|she|it|anyone)|do you (?:have|still|use|live|get|know)"
        r"|does (?:he|she|omar|derek|danny|mia)|is (?:he|she|there|omar|derek)"
        r"|are (?:there|you still)|was (?:he|she|there)|were you)\b",
        re.IGNORECASE,
    ),
    "fi": re.compile(
        r"^(?:ja |no |entä |eli |okei,? )?(?:onko|onks|oliko|oliks|olitteko|olitko|syökö"
        r"|asutteko|asutko|satuttiko|kaaduitteko|kaaduitko|pääsittekö|pääsitkö|makasitteko"
        r"|käytättekö|käytätkö|saitteko|saitko)\b",
        re.IGNORECASE,
    ),
}

#: A yes/no opening with an open question in it ("Onko teillä ollu mielessä, mikä voisi
#: auttaa?") or one that checks what the worker just said ("Onko tää linjassa sen kanssa,
#: mitä ajattelit?", "Is that right?") asks no fact.
_OPEN_OR_CHECK: dict[str, re.Pattern[str]] = {
    "en": _words(r"what", r"how", r"which", r"who", r"where", r"is that", r"is this"),
    "fi": _words(
        r"mikä",
        r"mitä",
        r"miten",
        r"millainen",
        r"kuka",
        r"missä",
        r"mihin",
        r"mistä",
        r"onko (?:tää|tämä|se|toi)",
        r"onks (?:tää|tämä|se|toi)",
    ),
}

#: An offer or a plan the worker would carry out, asked yes or no or either/or.
_OFFER: dict[str, re.Pattern[str]] = {
    "en": _words(
        r"shall i",
        r"should i",
        r"do you want me to",
        r"would you like me to",
        r"would you want me to",
        r"you want me to",
        r"want me to",
        r"would (?:that|it|this) help",
        r"will (?:that|it|this) help",
    ),
    "fi": _words(
        r"auttais(?:i)?ko",
        r"auttaisiks",
        r"haluat\w* (?:sä |te )?(?:että|et) (?:mä|minä|me)",
        r"haluut\w* (?:että|et) (?:mä|me)",
        r"saanko kertoa \w+(?:lle)",
        r"soitanko",
        r"kirjoitanko",
        r"laitanko",
        r"varaanko",
        r"teenkö",
        r"otanko",
        r"kysynkö",
    ),
}

#: An either/or: an offer only after it is the second option.
_OR: dict[str, re.Pattern[str]] = {"en": _words(r"or"), "fi": _words(r"vai", r"tai")}

#: A turn that invites the client on asks nothing specific, whatever its last sentence:
#: "Tell me more. When did that start?" is heard as the invitation.
_INVITING: dict[str, re.Pattern[str]] = {
    "en": _words(
        r"tell me (?:more|about)",
        r"go on",
        r"in your own words",
        r"what else",
        r"anything (?:else|more)",
        r"something (?:else|more)",
        r"anything is okay",
    ),
    "fi": _words(
        r"kerro\w* lisää",
        r"kerro\w* vaan",
        r"jatka\w*",
        r"omin sanoin",
        r"jotain muuta",
        r"muuta mielessä",
    ),
}


def _language(language: str) -> str:
    return "fi" if language.startswith("fi") else "en"


def offers(question: str, language: str) -> bool:
    """Does the question sentence ask yes or no (or which) to something the worker would
    do: "Shall I email the landlord, yes or no?", "do you want me to send one, or leave
    it?", "auttaisko se?", "saanko kertoa Marjalle... vai haluatteko kertoa itse?"."""
    lang = _language(language)
    found = _OFFER[lang].search(question)
    if found is None:
        return False
    # "Would you like to fill it in yourself, or would you like me to go through it?": the
    # offer is the second option, and a bare yes would not say which
    return not _OR[lang].search(question[: found.start()])


def question_kind(question: str, turn: str, language: str) -> str | None:
    """The kind of content question (HOLDING_QUESTIONS) the question sentence asks, read
    with the whole turn: None when the turn invites the client on ("Tell me more. Why?"),
    when the question is an offer (answered yes or no instead), or when it asks nothing
    specific ("How are you?", "What's that like?": the state's lines are written for those)."""
    lang = _language(language)
    text = question.strip()
    # a question asks with a question mark: "I understand why you were afraid." does not
    if "?" not in text or offers(text, lang) or _INVITING[lang].search(turn):
        return None
    for kind, pattern in _KINDS[lang]:
        if pattern.search(text):
            return kind
    first = text.lstrip("-–—\"' ")
    if _YES_NO[lang].match(first) and not _OPEN_OR_CHECK[lang].search(first):
        return YES_NO
    return None


#: Words a reply that answers yes or no opens on, per language ("No" opens many a Finnish
#: line without meaning no: "No mitä sit?").
_YES_OR_NO: dict[str, re.Pattern[str]] = {
    "en": _words(r"^\W*(?:yes|yeah|yep|no|nah|nope|not)"),
    "fi": _words(r"^\W*(?:joo|juu|kyllä|ei|en|niin)"),
}
#: Words a line that goes along with something, or turns it down, opens on ("Okei. Tehdään
#: niinku te sanotte.", "Right. Well. If that's all, I'll get back to Derek.").
_AGREEING: dict[str, re.Pattern[str]] = {
    "en": _words(r"^\W*(?:yes|yeah|yep|no|nah|nope|okay|ok|alright|right|fine|sure)"),
    "fi": _words(r"^\W*(?:okei|joo|juu|kyllä|ei|selvä|hyvä|sopii|käy)"),
}
#: An offer to tell or explain something: the client wants to know, whatever the trust.
_TELLING: dict[str, re.Pattern[str]] = {
    "en": _words(r"tell you", r"explain", r"go through", r"show you"),
    "fi": _words(r"kerron", r"kerro", r"selitän", r"näytän", r"käydään läpi"),
}


def opens_on_yes_or_no(line: str, language: str) -> bool:
    """Does the line answer a yes/no question by its first word ("Joo. Mä vähän...")."""
    return bool(_YES_OR_NO[_language(language)].match(line))


def answers_by_itself(line: str, language: str) -> bool:
    """Does the line open by going along with, or turning down, what was asked ("Okei.
    Tehdään niinku te sanotte.", "Right. Well. If that's all..."): no yes or no before it."""
    return bool(_AGREEING[_language(language)].match(line))


def offers_to_tell(question: str, language: str) -> bool:
    """Is the offer one to tell, explain or show something ("Want me to tell you about
    those?", "Haluutko että mä kerron, mitä ilmoituksessa luki?")."""
    return bool(_TELLING[_language(language)].search(question))
