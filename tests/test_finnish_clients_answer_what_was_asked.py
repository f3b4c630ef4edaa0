"""Replies of the Finnish clients that the judges of rounds r41-r44 marked as not fitting what
the worker had just said (issue 14) and that came from the scenario data: a line that presumed
what nobody said, or a question the client had no answer for. Played again through Session
with the real recognizer, turn by turn as the writer typed them: what the student now sees."""

from stored_meetings import play


def last(meeting_id: str, turn: int) -> str:
    return play(meeting_id, turn)[1][-1]


RIIKKA = "fi-kokemusasiantuntija-kehittamisryhma"
VEIKKO = "fi-kotikaynti-yksin-asuva"
JENNI = "fi-lastensuojelu-ensitapaaminen"
MIKKO = "fi-tyonohjaus-raskas-viikko"


def test_riikka_pushed_again_does_not_answer_whether_she_comes():
    # Back in her polite yes, a push ("se on koko kokemusasiantuntijuuden pointti"), a promise
    # ("Mä laitan sulle etukäteen kysymykset") or a question about support never asked whether
    # she comes: no "Mä sanoin jo, että mä tuun".
    for meeting, turn in (("hurried-hhu-1", 8), ("hurried-hho-1", 15), ("hurried-hhs-1", 13)):
        reply = last(f"{RIIKKA}-{meeting}", turn)
        assert "Mä sanoin jo, että mä tuun" not in reply, (meeting, reply)


def test_riikka_hears_the_agreement_summed_up_as_a_recap_not_a_lesson():
    # "Eli: palkkiosta kirjallinen sopimus..., ja sun nimi raporttiin. Meniks oikein?" is read
    # as advice too; in closing it is the recap she agrees to, and the meeting ends well.
    session, said = play(f"{RIIKKA}-skilled-hhr-1", 17)
    assert "oppilaana" not in said[-1]
    assert said[-1].startswith("Joo, meni oikein.")
    assert session.outcome == "good"


def test_veikko_asked_when_he_built_the_house_says_when():
    # "Koska te sen rakensitte?" names no house; before, the fall came in place of an answer.
    reply = last(f"{VEIKKO}-skilled-hhr-1", 2)
    assert reply.startswith("Viiskytkaks vuotta sitten mä sen rakensin"), reply


def test_jenni_answers_a_hurried_question_before_any_pushback():
    # A hurried opening read as advice still asked something: how many children, whether the
    # report is true. She answers it, coolly, not "Kiitti, mut mä en kysyny."
    reply = last(f"{JENNI}-hurried-hhu-1", 1)
    assert "Eetu on kaheksan ja Aava neljä" in reply, reply
    reply = last(f"{JENNI}-hurried-hhi-1", 1)
    assert "Helppo teidän on neuvoa" not in reply
    assert reply.startswith("Väsyneitä tässä ollaan, joo."), reply


def test_jenni_does_not_call_praise_advice_once_she_trusts_the_worker():
    # "Se on ihana juttu... Pidä siitä kiinni." at trust past opens_up: no "Helppo teidän on
    # neuvoa".
    reply = last(f"{JENNI}-skilled-hht-1", 11)
    assert "neuvo" not in reply, reply


def test_mikko_asked_his_caseload_in_a_hurried_turn_gives_the_number():
    # "Mulla on puoli tuntia... Montako asiakasta sulla on?" is read as a brush-off too; he
    # answers the number, not "Joo. Kai se niin on."
    for meeting, turn in (("hurried-hhq-1", 1), ("hurried-hhu-1", 2)):
        reply = last(f"{MIKKO}-{meeting}", turn)
        assert reply.startswith("Kuuskyt."), (meeting, reply)


def test_mikko_brushed_off_and_asked_yes_or_no_does_not_agree_to_a_statement():
    # "Sellasta sattuu tässä työssä... Ootko miettiny sairauslomaa?" gets a hedge that fits
    # the question, not "Joo. Kai se niin on."
    reply = last(f"{MIKKO}-hurried-hhq-1", 3)
    assert "Kai se niin on" not in reply, reply


def test_mikko_asked_what_he_would_tell_a_colleague_answers_that_first():
    # "Jos joku meidän tiimistä tulis kertomaan sulle ihan saman tarinan..., mitä sä sanoisit
    # hänelle?" gets his answer before the sleep he goes on to tell.
    reply = last(f"{MIKKO}-skilled-hhn-1", 8)
    assert reply.startswith("Että ei se oo sun vika."), reply
