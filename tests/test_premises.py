"""Lines whose premise the turn did not make (simulator/client/premises.py, issue 14): a
complaint of not being heard, or the client's own question asked again, right after a turn
that answered it. Stored meetings are played again through Session with the real recognizer,
turn by turn as the writer typed them; the reply a student would now see is checked."""

from simulator.client import premises
from tests.test_round_misfits import reply_at


def test_a_time_worry_answered_with_the_time_is_not_called_unheard():
    # "How long does that take, though? Like actually?" -> "Honestly, the form itself about
    # twenty minutes. The decision usually comes in two to three weeks. ..." (hen38 t14: all
    # judges called "You're not really listening to what I'm saying." a misfit)
    text = reply_at("en-income-support-young-adult-skilled-hen38-1", 14)
    assert "listen" not in text.casefold()
    assert text


def test_a_yes_no_fear_answered_no_is_not_asked_again():
    # "Sanokaa vaan suoraan, viettekö te ne multa." -> "Ei viedä. Tää on arvio, ei
    # huostaanotto. ..." (hhk t8: "Sano vaan, viekö te ne." asked it again)
    text = reply_at("fi-lastensuojelu-ensitapaaminen-hurried-hhk-1", 8)
    assert "viekö" not in text.casefold() and "sano vaan" not in text.casefold()
    assert text


def read(*sentences: tuple[set[str], str]) -> list[premises.Read]:
    return [(frozenset(moves), text) for moves, text in sentences]


def test_an_answer_by_yes_or_no_or_information_answers_and_a_push_back_does_not():
    asked = "It's fine. How long does it take?"
    told = read(({"give_information"}, "About twenty minutes."), ({"closed_question"}, "Okay?"))
    assert premises.answered(asked, "", told, "en")
    # pushed back: a complaint of not being heard may fit whatever else the turn did
    pushed = read(({"dismiss"}, "That's not the point."), ({"give_information"}, "Twenty minutes."))
    assert not premises.answered(asked, "", pushed, "en")
    # a question back answers nothing
    assert not premises.answered(asked, "", read(({"open_question"}, "Why?")), "en")
    # the client asked nothing
    assert not premises.answered("I'll manage.", "", told, "en")
    # a yes/no question is answered by yes or no, not by something else the worker tells
    yes_no = "Is that on the form?"
    other = read(({"give_information"}, "You'll have to sign on as a jobseeker too."))
    assert not premises.answered(yes_no, "", other, "en")
    assert premises.answered(yes_no, "", read((set(), "Yes, page two.")), "en")


def test_the_line_s_own_words_tell_its_premise():
    assert premises.complains_unheard("You're not really listening to what I'm saying.", "en")
    assert premises.complains_unheard("Can you just listen for a sec?", "en")
    assert not premises.complains_unheard("Alright. I'm listening.", "en")
    assert premises.complains_unheard("Mä sanoin jo. Ette te kuuntele yhtään.", "fi")
    assert not premises.complains_unheard("Sori. Mä en pysty nyt kuunteleen mitään pykäliä.", "fi")
    assert premises.presses("Mä en pysty ajatteleen nyt. Sano vaan, viekö te ne.", "fi")
    # an invitation to go on presumes nothing
    assert not premises.presses("Sano vaan. Mä haluun tietää.", "fi")
    assert not premises.complains_unheard("Sano vaan. Mä haluun tietää.", "fi")
    assert premises.reasks(
        "Right. So I fill this in and then what? How long before it's paid?",
        "Okay. So first the form, and then what?",
    )
    earlier = "Okay. So first the form, and then what?"
    assert not premises.reasks("Which bits do I fill in?", earlier)
