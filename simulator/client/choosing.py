"""How the client's words for a turn are chosen, in one ordered list (issue 14).

The reaction that fires decides what the turn does (its effects, where the meeting goes; the
selection rule of docs/format.md, "Which transition fires"). Its words are then chosen by the
steps below, tried in this order; the first step that gives a line decides, and a step that
does not apply gives nothing. `Session` (simulator/session.py) runs them: one method per step,
named `_step_<name>`. docs/format.md, "How a reply is chosen", is this list for authors, and
tests/test_reply_steps.py shows each step as a user sees it.

Order matters where two steps could both apply: a hurt line beats any answer (the client is
hurt, not polite), an offer's yes or no comes before whatever else the turn asked, the act a
question asks for (leave, a plan, options) before the topic it names, and the topic's answer
before a holding line for the question's kind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    #: True: tried before a line is drawn from the reaction's pool (an answer said instead
    #: draws none, so the meeting's random stream is as if the line had not been needed).
    before_draw: bool
    rule: str


STEPS: tuple[Step, ...] = (
    Step(
        "answer_instead",
        True,
        "A question about a topic the client has an answer for, where it stays and the "
        "reaction has no reason of its own (no topic the question names, no `if`, no cost): "
        "the answer (a topic-keyed stay of the state, else `answers:`) instead of its line; "
        "a specific question, an offer or an open question whose own sentence names a topic "
        "the client has an answer for is about what its own sentence names.",
    ),
    Step(
        "answer_before_move",
        False,
        "A question asked as the client moves on (a move's entry line or reply, not keyed on "
        "the question's topic, or a specific question that also asks about a topic the move "
        "is not keyed on): the answer first, then the words of the move; not after a "
        "reaction that costs trust. Words of the move that name nothing the answer has not "
        "named would tell it twice: the answer alone, and they wait; words of the move that open "
        "on the bare yes the answer opened on too lose it ('Joo, kerro vaan. ... Joo, käy.' "
        "agreed twice). A plan, leave or options "
        "asked, or a proposal checked, is answered only about what its own sentence names.",
    ),
    Step(
        "asked_for",
        False,
        "The turn ends asking the client to hand something over or give a detail ('Can you "
        "just pass them over?', 'I'll need your name and date of birth'), the client stays, "
        "and no blame, brush-off or push was heard in it: it gives it or says it will "
        "(`defaults: asked_for`, else the engine's 'Yes. Here.'), not a line for advice or "
        "news it was read as.",
    ),
    Step(
        "hurt_or_leaving",
        False,
        "The worker takes leave, or the reaction costs trust or openness: its line, whatever "
        "the turn asked.",
    ),
    Step(
        "request_met",
        False,
        "The client asked the worker to say it again, slower or shorter, the worker did (a "
        "shorter turn than the one that got the first request), and the line would ask again: "
        "`defaults: understood` (else the engine's 'Okay. That I understand.').",
    ),
    Step(
        "asked_again",
        False,
        "A question about a topic the client passed over before, asked again, that the line "
        "would pass over once more: the client's answer about it, else the answer's "
        "`exhausted:` line, else `defaults: declines` ('I'd rather not go into that'), never "
        "another topic.",
    ),
    Step(
        "offer",
        False,
        "An offer or a proposal checked ('Shall I email the landlord?', 'Sound alright?'): "
        "yes or no first (`offer_yes` while its `if` holds, else `offer_no`); an either/or: "
        "the client's choice (`question_either_or`), also in place of a bare yes the words of "
        "a move open on ('Yeah.' picks no side).",
    ),
    Step(
        "said_back",
        False,
        "The worker says back what it heard and only checks it ('...Is that right?', "
        "'Ymmärsinkö oikein?'): yes first (`defaults: confirm`, else the engine's short yes), "
        "then the line; alone where the line is a stock answer, a waiting line or a bare maybe.",
    ),
    Step(
        "written_for_the_act",
        False,
        "The reaction's `moves` name the act the question asks (leave, a plan, options), or "
        "it ends the meeting: its line (a plan agreed first where the client makes plans, "
        "or a day or hour put as it ends well, unless the line agrees itself; "
        "leave asked there of a reaction that agrees the plan: leave given, its words wait; "
        "the answer to a question the ending's words pass over first).",
    ),
    Step(
        "the_act",
        False,
        "Leave, a plan or options asked, to a line written for something else: the answer "
        "written for the act and the topic, else `defaults:` for the act.",
    ),
    Step(
        "the_question",
        False,
        "A question naming topics the line does not speak to: the client's answer for one of "
        "them; for an open question to a marked disclosure about something else, `defaults: "
        "open_question`.",
    ),
    Step(
        "the_reflection",
        False,
        "A reflection or summary that asks nothing and names a topic the client has an answer "
        "for, where it stays, the reaction has no reason of its own and its line was written "
        "about something else: the answer, as to a question about it.",
    ),
    Step(
        "holding",
        False,
        "A content question (when, how much, why, what do you remember, yes/no about a fact) "
        "the line would pass over: the holding answer for its kind, or, where the client's "
        "answers about it are all said, the answer's `exhausted:` line; no stock choice line "
        "before the words of a state that states the client's own choice.",
    ),
    Step(
        "last_question",
        False,
        "The turn ends on an open question (a short one too, not a check) and the stay's "
        "line is a bare yes, no or maybe for the praise before it: the state's line for the "
        "question, one that refers back first.",
    ),
    Step(
        "proposal",
        False,
        "Something to do together put to the client, yes or no ('Shall we make a start on the "
        "form?'), where it stays and the line neither was written for a proposal nor goes along "
        "with it or turns it down: yes or no as to an offer (`offer_yes` while its `if` holds, "
        "else `offer_no`); the line waits. Where the turn moves the client on and ends putting "
        "something yes or no (a plan checked, an offer, a day, an invitation) that the new "
        "state's opening words pass over: a short yes before them, once the client would take "
        "an offer.",
    ),
    Step(
        "choice_agreed",
        False,
        "The worker has just agreed to a choice the client stated, and the line would state "
        "it again: `defaults: emphasize_autonomy`.",
    ),
    Step(
        "held_line",
        False,
        "A line passed over earlier in this state (by the steps above) is said to a turn "
        "that asks about it or invites the client on (one that opens on yes or no: only to a "
        "turn about it); else the reaction's own line.",
    ),
)
