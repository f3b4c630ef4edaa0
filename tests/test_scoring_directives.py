"""The directive rule (`axes.directs`) reads English and Finnish alike: a "reflection" that
tells the client what to do is advice in either language, and the same framings excuse it in
both (issue 13: the Finnish AnnoMI translation is the same practice, so a rule of the scorer
must not read one language more harshly than the other)."""

from __future__ import annotations

import pytest

from simulator.scoring.axes import directs

#: (English, Finnish, tells the client what to do?) — each pair says the same thing.
PAIRS = [
    # The plain necessity, both registers of Finnish.
    ("You need to quit.", "Teidän on lopetettava.", True),
    ("You need to quit.", "Sinun on lopetettava.", True),
    # An adverb or auxiliary between the subject and the necessity.
    ("Well, you do need to take your medicine.", "No, sun täytyy kyl ottaa sun lääkkeet.", True),
    ("You'll have to attend the seminar.", "Sun pitää osallistua seminaariin.", True),
    (
        "Another reason why you probably need to just quit.",
        "Taas yksi syy, miksi sinun pitää varmaan vain lopettaa.",
        True,
    ),
    # A prohibition.
    (
        "Obviously, you shouldn't be drinking at all.",
        "Sinun ei tietenkään pitäisi juoda ollenkaan.",
        True,
    ),
    # The worker's own view does not make it the client's.
    (
        "So I think that's something you just need to fit in.",
        "Joten minusta se on asia, joka sinun pitää vain sovittaa.",
        True,
    ),
    ("In my opinion you have to stop.", "Mun mielestä sun pitää lopettaa.", True),
    # "You know" as a filler is no view of the client's.
    (
        "So, uh, you know, we-we need to start looking at it.",
        "Et, öö, niinku, meidän-meidän pitää alkaa kattoo sitä.",
        True,
    ),
    # The client's view, said either way, is a reflection.
    (
        "It sounds like you feel you have to manage this alone.",
        "Kuulostaa siltä, että sinun pitää pärjätä yksin.",
        False,
    ),
    (
        "It looks like you need to take it once a day.",
        "Näyttää siltä et sun pitää ottaa se kerran päivässä.",
        False,
    ),
    (
        "You mentioned that you have to take this exam.",
        "Mainitsit, että sinun pitää mennä tähän kokeeseen.",
        False,
    ),
    # An embedded question or a clause of time: describing, not telling.
    (
        "I'm not here to tell you what you should do.",
        "En ole täällä kertomassa, mitä sinun pitäisi tehdä.",
        False,
    ),
    (
        "It depends on how much you need to do.",
        "Se riippuu siitä, kuinka paljon teidän täytyy tehdä.",
        False,
    ),
    (
        "There is sadness when you have to think about this.",
        "Siinä on surua, kun sun pitää miettiä tätä.",
        False,
    ),
    # Inference and questions are no directives.
    ("You must be tired.", "Sinun täytyy olla väsynyt.", False),
    ("What would you need to get there?", "Mitä sinun pitäisi tehdä päästäksesi sinne?", False),
]


@pytest.mark.parametrize(("en", "fi", "tells"), PAIRS)
def test_the_directive_rule_reads_a_sentence_and_its_translation_alike(en, fi, tells):
    assert directs(en, "en") is tells
    assert directs(fi, "fi") is tells
