"""Scoring on hand-built transcripts: what a trainee would see in the debrief."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest

from simulator.language.base import Recognition
from simulator.scenario.model import Choice, Cue, Topic
from simulator.scoring import score, to_html, to_json, to_markdown
from simulator.scoring.axes import CALIBRATION
from simulator.scoring.model import level_of
from simulator.transcript import Transcript, TurnRecord

# (worker text, moves, mode) with a short client reply; the patterns repeat for length tests.
SKILLED = [
    ("What brings you here today?", ("open_question",), "encountering"),
    ("You feel worn out by all of it.", ("complex_reflection",), "encountering"),
    ("So the nights have been the hardest part.", ("complex_reflection",), "encountering"),
    ("It's your call what we look at first.", ("emphasize_autonomy",), "encountering"),
]
POOR = [
    ("Why didn't you come earlier? Did you drink?", ("closed_question",), "blaming"),
    ("You need to stop that now.", ("advice",), "blaming"),
    ("That's not a real problem.", ("dismiss",), "rejecting"),
    ("You must agree to the plan.", ("persuade",), "blaming"),
]


def turn(index: int, worker: str, moves=(), mode=None, reply="Well, I don't know.", **kw):
    topics = kw.pop("topics", ())
    return TurnRecord(
        index=index,
        worker=worker,
        recognition=Recognition(worker, tuple(moves), mode, tuple(topics)),
        reply=reply,
        **kw,
    )


def transcript(rows, *, lang="en", repeat=1, **kw) -> Transcript:
    tr = Transcript(language=lang, opening="They told me I have to come here.", **kw)
    for _ in range(repeat):
        for worker, moves, mode in rows:
            tr.turns.append(turn(len(tr.turns) + 1, worker, moves, mode))
    return tr


def reasons(report, axis: str, lang: str = "en") -> list[str]:
    return [r.text(lang) for r in report.axis(axis).reasons]


def turn_reasons(report, index: int, axis: str, lang: str = "en") -> list[str]:
    return [r.text(lang) for r in report.turn(index).effects[axis].reasons]


SCENARIO = SimpleNamespace(
    topics={
        "drinking": Topic("drinking", ("alcohol", "drink"), sensitive=True),
        "children": Topic("children", ("child", "kids")),
        "work": Topic("work", ("job", "work")),
    },
    cues={"exhaustion": Cue("exhaustion", "Exhaustion", ("tired", "exhausted"))},
    choices={"keep_dog": Choice("keep_dog", "Wants to keep the dog", ("dog",))},
)


# --- the axes rank skilled above poor ------------------------------------------------


def test_skilled_beats_poor_on_every_axis_and_overall():
    good, poor = score(transcript(SKILLED)), score(transcript(POOR))
    for axis in ("listening", "pacing", "autonomy"):
        assert good.axis(axis).value > poor.axis(axis).value, axis
    assert good.overall > poor.overall
    assert good.overall_level == "good"
    assert poor.overall_level == "needs_practice"


def test_scores_rest_on_rates_not_length():
    short, long = score(transcript(SKILLED)), score(transcript(SKILLED, repeat=10))
    for axis in ("listening", "pacing", "autonomy"):
        assert abs(short.axis(axis).value - long.axis(axis).value) <= 3, axis
    # A long poor meeting never outscores a short good one.
    long_poor = score(transcript(POOR, repeat=10))
    assert long_poor.overall < short.overall


def test_neutral_turns_around_the_slips_do_not_water_them_down():
    """Twenty intake questions around the same four blunders do not make the meeting good:
    each slip costs at least the calibrated floor, however many turns surround it."""
    intake = [("And your date of birth?", ("closed_question",), "noticing")] * 20
    padded = score(transcript(POOR[:2] + intake + POOR[2:]))
    plain = score(transcript(POOR))
    assert plain.overall_level == padded.overall_level == "needs_practice"
    for axis in ("listening", "pacing", "autonomy"):
        assert padded.axis(axis).level != "good", axis
    # Forty intake questions: the rates are tiny, the slips still cost what they cost.
    long_intake = score(transcript(POOR[:2] + intake * 2 + POOR[2:]))
    assert long_intake.overall_level == "needs_practice"
    assert long_intake.listening.value == 0  # blaming, lecturing, no reflection at all
    # Five pacing findings (stacked questions, early advice, brushing aside, early
    # persuasion, an unasked change of topic...) among 44 turns still cost their floor.
    findings = sum(1 for t in long_intake.turns for r in t.effects["pacing"].reasons if r.sign < 0)
    assert long_intake.pacing.components["no_rushing"] <= 1 - CALIBRATION.slip_pacing * findings
    assert long_intake.autonomy.level != "good"


def test_values_and_levels_stay_in_range():
    for rows in (SKILLED, POOR):
        report = score(transcript(rows))
        for axis in ("listening", "pacing", "autonomy"):
            a = report.axis(axis)
            assert 0 <= a.value <= 100
            assert a.level in ("needs_practice", "fair", "good")


def test_empty_meeting_scores_zero_with_a_reason():
    report = score(Transcript(language="en"))
    assert report.overall == 0
    assert reasons(report, "listening") == ["No worker turns to score."]


# --- listening ---------------------------------------------------------------------


def test_miti_thresholds_for_reflection_ratio_and_complex_share():
    good = [
        ("What happened?", ("open_question",), None),
        ("You were scared.", ("complex_reflection",), None),
        ("You left.", ("simple_reflection",), None),
    ]  # R:Q 2:1, complex 50 %
    fair = [
        ("What happened?", ("open_question",), None),
        ("How did it go?", ("open_question",), None),
        ("You were scared.", ("complex_reflection",), None),
        ("You left.", ("simple_reflection",), None),
        ("You went home.", ("simple_reflection",), None),
    ]  # R:Q 3:2 = 1.5, complex 1/3
    g = score(transcript(good)).miti
    f = score(transcript(fair)).miti
    assert (g["reflection_to_question"], g["percent_complex_reflections"]) == (2.0, 50.0)
    assert (g["rq_threshold"], g["cr_threshold"]) == ("good", "good")
    assert (f["rq_threshold"], f["cr_threshold"]) == ("fair", "below")
    report = score(transcript(good))
    assert any("MITI good level (2:1)" in r for r in reasons(report, "listening"))


def test_two_question_marks_count_as_two_questions_and_as_stacking():
    report = score(transcript([("Are you okay? Do you sleep?", ("closed_question",), None)]))
    assert report.miti["counts"]["closed_question"] == 2
    assert "2 questions in one turn: the client cannot answer them all." in turn_reasons(
        report, 1, "pacing"
    )


def test_permission_question_is_not_counted_as_a_question():
    report = score(transcript([("May I tell you what I know?", ("ask_permission",), None)]))
    assert report.miti["questions"] == 0


def test_cue_picked_up_when_the_next_turn_reflects_it():
    tr = transcript([], opening_cues=("exhaustion",))
    tr.turns.append(turn(1, "You sound really tired.", ("complex_reflection",)))
    report = score(tr, SCENARIO)
    assert "You picked up the client's cue: Exhaustion." in turn_reasons(report, 1, "listening")
    assert report.cues["picked"] == ["Exhaustion"]
    assert "Cues picked up: 1 of 1" in reasons(report, "listening")[-1]


def test_a_cue_phrase_is_named_by_all_its_words_not_by_one():
    # The lead's tmux play of Farida (stop 41): her cue phrase "you were worried" was named by
    # every worker "you", so any reflection counted as naming her fear.
    scenario = SimpleNamespace(
        topics={},
        cues={"fear": Cue("fear", "Afraid of the letter", ("letter", "you were worried"))},
        choices={},
    )
    tr = transcript([], opening_cues=("fear",))
    tr.turns.append(turn(1, "You have had a hard week of it.", ("complex_reflection",)))
    report = score(tr, scenario)
    assert "You picked up the client's cue: Afraid of the letter." not in turn_reasons(
        report, 1, "listening"
    )
    tr = transcript([], opening_cues=("fear",))
    tr.turns.append(turn(1, "You were worried when it came.", ("complex_reflection",)))
    report = score(tr, scenario)
    assert "You picked up the client's cue: Afraid of the letter." in turn_reasons(
        report, 1, "listening"
    )


def test_cue_missed_is_charged_to_the_end_of_its_window():
    tr = transcript([], opening_cues=("exhaustion",))
    tr.turns.append(turn(1, "Let's look at the form.", ("structuring",)))
    tr.turns.append(turn(2, "Did you bring your papers?", ("closed_question",)))
    tr.turns.append(turn(3, "Okay.", ()))
    report = score(tr, SCENARIO)
    assert "The client's cue went unnoticed: Exhaustion." in turn_reasons(report, 2, "listening")
    assert report.cues["missed"] == ["Exhaustion"]
    assert report.listening.components["cues"] == 0


def test_reflection_that_does_not_name_the_cue_counts_half():
    tr = transcript([], opening_cues=("exhaustion",))
    tr.turns.append(turn(1, "It has been a lot.", ("complex_reflection",)))
    report = score(tr, SCENARIO)
    assert report.cues["partly"] == ["Exhaustion"]
    assert report.listening.components["cues"] == 0.5


def test_dismissing_and_blaming_cost_listening():
    report = score(transcript([("That's nothing to cry about.", ("dismiss",), "blaming")]))
    got = turn_reasons(report, 1, "listening")
    assert "The client's experience was brushed aside or played down." in got
    assert report.turn(1).effects["listening"].delta < 0


# --- pacing ------------------------------------------------------------------------


def test_advice_before_the_state_allows_it_is_named_with_the_state():
    tr = transcript([])
    tr.turns.append(turn(1, "You should see a doctor.", ("advice",), state_before="guarded"))
    tr.turns.append(
        turn(2, "You should see a doctor.", ("advice",), state_before="open", ready=("advice",))
    )
    report = score(tr)
    assert "Advice before the client was ready for it (state: guarded)." in turn_reasons(
        report, 1, "pacing"
    )
    assert not [r for r in turn_reasons(report, 2, "pacing") if "ready" in r]


def test_without_readiness_flags_early_advice_is_judged_by_client_words():
    report = score(transcript([("You should see a doctor.", ("advice",), None)]))
    assert any("the client had said only" in r for r in turn_reasons(report, 1, "pacing"))
    assert any("No scenario readiness flags" in r for r in reasons(report, "pacing"))


def test_sensitive_topic_before_disclosure_is_poor_pacing_unless_the_client_raised_it():
    tr = transcript([])
    tr.turns.append(
        turn(1, "Do you drink?", ("closed_question",), topics=("drinking",), state_before="s")
    )
    tr.turns.append(
        turn(
            2,
            "Tell me more about the drinking.",
            ("open_question",),
            topics=("drinking",),
            state_before="s",
            client_before="I drink a bit at night.",
        )
    )
    report = score(tr, SCENARIO)
    expected = "A sensitive topic (drinking) was raised before trust allowed it."
    assert expected in turn_reasons(report, 1, "pacing")
    assert expected not in turn_reasons(report, 2, "pacing")


def test_monologue_and_topic_jump_are_named():
    speech = " ".join(["You really need to understand the whole system we have here."] * 6)
    tr = transcript([])
    tr.turns.append(turn(1, "What is on your mind?", ("open_question",), reply="My kids."))
    tr.turns.append(
        turn(2, speech, ("give_information",), state_before="s", ready=("information",))
    )
    tr.turns.append(turn(3, "How is work going?", ("open_question",), topics=("work",)))
    report = score(tr, SCENARIO)
    assert any(r.startswith("A long speech") for r in turn_reasons(report, 2, "pacing"))
    assert "An abrupt change of topic (work): the client had not been talking about it." in (
        turn_reasons(report, 3, "pacing")
    )


def test_going_back_to_what_the_client_said_earlier_is_no_topic_jump():
    # The lead's tmux play of Jenni (stop 41): a closing plan that named her sleep, which she
    # had talked about five turns before, was called "an abrupt change of topic".
    tr = transcript([])
    tr.turns.append(
        turn(
            1, "What keeps you up?", ("open_question",), reply="Work, mostly. I never get to sleep."
        )
    )
    tr.turns.append(
        turn(2, "Nights are long.", ("simple_reflection",), reply="My sister could help.")
    )
    tr.turns.append(
        turn(
            3,
            "So you'll ask your sister, and see about the work?",
            ("closed_question",),
            topics=("work",),
        )
    )
    tr.turns.append(turn(4, "And the kids?", ("closed_question",), topics=("children",)))
    report = score(tr, SCENARIO)
    assert not [r for r in turn_reasons(report, 3, "pacing") if "abrupt change" in r]
    assert "An abrupt change of topic (children): the client had not been talking about it." in (
        turn_reasons(report, 4, "pacing")
    )


def test_a_long_summary_is_not_a_monologue():
    summary = " ".join(["So you have been carrying the nights, the kids and the job alone."] * 4)
    tr = transcript([])
    tr.turns.append(turn(1, summary, ("summary",), client_before="Yeah."))
    report = score(tr)
    assert not [r for r in turn_reasons(report, 1, "pacing") if r.startswith("A long speech")]


def test_offering_time_counts_for_pacing():
    report = score(transcript([("Take your time, there's no hurry.", ("offer_time",), None)]))
    assert "You gave the client time." in turn_reasons(report, 1, "pacing")
    assert report.turn(1).effects["pacing"].delta > 0


# --- honouring choices -------------------------------------------------------------


def _after_choice(worker: str, moves) -> Transcript:
    tr = transcript([])
    tr.turns.append(
        turn(1, "What would you like?", ("open_question",), choice_stated="keep_dog", reply="x")
    )
    tr.turns.append(turn(2, "The dog matters a lot to you.", ("complex_reflection",)))
    for i in range(3, 6):
        tr.turns.append(turn(i, worker, moves, choices_active=("keep_dog",)))
    return tr


def test_arguing_against_a_stated_choice_scores_below_honouring_it():
    pushed = score(_after_choice("You have to give the dog up.", ("persuade",)), SCENARIO)
    honoured = score(_after_choice("It's your decision.", ("emphasize_autonomy",)), SCENARIO)
    assert honoured.autonomy.value >= 75 > 50 > pushed.autonomy.value
    assert "You argued against the client's choice (Wants to keep the dog)." in turn_reasons(
        pushed, 3, "autonomy"
    )
    assert any("stated a choice" in r for r in reasons(pushed, "autonomy"))


def test_ignoring_a_choice_just_stated_counts_against():
    tr = transcript([])
    tr.turns.append(turn(1, "What do you want?", ("open_question",), choice_stated="keep_dog"))
    tr.turns.append(turn(2, "Let's fill in the form.", ("structuring",)))
    report = score(tr, SCENARIO)
    assert "The choice the client stated was passed over (Wants to keep the dog)." in (
        turn_reasons(report, 2, "autonomy")
    )


def test_advice_with_permission_is_not_counted_against_autonomy():
    rows = [
        ("May I share an idea?", ("ask_permission",), None),
        ("Some people find a walk helps.", ("advice",), None),
    ]
    report = score(transcript(rows))
    assert report.turn(2).effects["autonomy"].delta == 0
    assert report.miti["counts"]["persuade_with_permission"] == 1


def test_asking_agreement_after_the_advice_is_not_permission():
    # MITI's persuade with permission: leave asked before the advice. "Try X. OK?" asks
    # agreement after the fact; the advice is unasked and lectures.
    reflect = ("You feel stuck.", ("complex_reflection",), None)
    after = ("Cut down to two drinks. Is that OK?", ("advice", "ask_permission"), None)
    before = ("May I suggest something? Cut down to two.", ("ask_permission", "advice"), None)
    lectured = score(transcript([reflect, after, reflect, reflect]))
    asked = score(transcript([reflect, before, reflect, reflect]))
    assert turn_reasons(lectured, 2, "autonomy") == [
        "You asked only after the advice: that asks for agreement, not permission. "
        "Permission comes before the advice.",
        "Advice nobody asked for, given without permission.",
    ]
    assert turn_reasons(lectured, 2, "autonomy", "fi")[0].startswith("Kysyit lupaa vasta")
    assert any("instead of hearing them out" in r for r in turn_reasons(lectured, 2, "listening"))
    assert lectured.miti["counts"]["persuade"] == 1
    assert asked.turn(2).effects["autonomy"].delta > 0
    assert asked.miti["counts"]["persuade_with_permission"] == 1
    assert asked.listening.value > lectured.listening.value


def test_advice_prefaced_by_the_clients_autonomy_is_persuading_with_permission():
    # MITI: advice prefaced by emphasising the client's autonomy is persuade with permission.
    reflect = ("You feel stuck.", ("complex_reflection",), None)
    prefaced = (
        "You know him best. Maybe you could ask him first.",
        ("emphasize_autonomy", "advice"),
        None,
    )
    report = score(transcript([reflect, prefaced, reflect, reflect]))
    assert report.turn(2).effects["autonomy"].delta > 0
    assert not any("instead of hearing them out" in r for r in turn_reasons(report, 2, "listening"))
    assert report.miti["counts"]["persuade_with_permission"] == 1


def test_advice_the_client_asked_for_is_not_a_lecture_in_assess_mode():
    # Without the scenario's states a question in the client's last words asks for it, as
    # pacing reads it; with the states (a meeting in the app) readiness is theirs.
    tr = transcript([("You feel stuck.", ("complex_reflection",), None)] * 3)
    tr.turns[-1].reply = "So what should I do about the drinking?"
    tr.turns.append(turn(4, "Some people start with two dry days a week.", ("advice",)))
    report = score(tr)
    assert report.turn(4).effects["autonomy"].delta == 0
    assert not any("instead of hearing them out" in r for r in turn_reasons(report, 4, "listening"))
    assert report.miti["counts"]["persuade_with_permission"] == 1
    for t in tr.turns:
        t.state_before = "guarded"
    assert report.turn(4).effects["autonomy"].delta == 0  # the report above is unchanged
    assert score(tr).turn(4).effects["autonomy"].delta < 0


def test_without_a_choice_autonomy_rests_on_supporting_versus_overriding_moves():
    neutral = score(transcript([("What happened?", ("open_question",), None)]))
    # 65: fair by its figure (one turn is a partial meeting, so no level word is shown).
    assert neutral.autonomy.value == 65 and level_of(neutral.autonomy.value) == "fair"
    assert neutral.autonomy.level == "partial"
    assert any("No choice was stated" in r for r in reasons(neutral, "autonomy"))


# --- profile, moments, language ----------------------------------------------------


def test_encounter_profile_shares():
    report = score(transcript(POOR))
    assert report.profile == {
        "blaming": 0.75,
        "rejecting": 0.25,
        "noticing": 0.0,
        "encountering": 0.0,
    }


def _meeting() -> Transcript:
    tr = Transcript(
        language="en",
        scenario_title="First meeting <test>",
        opening="Hi.",
        start_variables={"trust": 20.0, "distress": 70.0},
    )
    rows = [
        ("You must stop now.", ("persuade",), "blaming", 10, "They don't get it."),
        ("You feel cornered.", ("complex_reflection",), "encountering", 30, "Maybe she listens."),
        ("It's your call.", ("emphasize_autonomy",), "encountering", 45, "Maybe she listens."),
    ]
    for i, (text, moves, mode, trust, thought) in enumerate(rows, 1):
        tr.turns.append(
            turn(
                i,
                text,
                moves,
                mode,
                variables_after={"trust": float(trust), "distress": 60.0},
                thought=thought,
                note="Reflections open doors." if i == 2 else "",
                better="You have a lot on you." if i == 1 else "",
                state_after="end" if i == 3 else "mid",
            )
        )
    tr.turns[-1].ended = True
    tr.turns[-1].outcome = "good"
    return tr


def test_key_moments():
    report = score(_meeting())
    m = report.moments
    assert m.worst[0] == 1 and m.best[0] in (2, 3)
    assert m.thoughts == ((1, "They don't get it."), (2, "Maybe she listens."))
    assert m.series["trust"] == (20.0, 10.0, 30.0, 45.0)
    assert m.ending == "good"
    assert m.led_there == (1, 2, 3)


def test_reasons_render_in_finnish():
    report = score(transcript(POOR))
    fi = turn_reasons(report, 2, "autonomy", "fi")
    assert fi == ["Neuvo ilman lupaa tai pyyntöä."]


# --- exports -----------------------------------------------------------------------


def test_markdown_debrief_shows_scores_turns_notes_and_better_examples():
    tr = _meeting()
    report = score(tr)
    md = to_markdown(report, tr, "en")
    assert md.startswith("# Debrief: First meeting &lt;test&gt;")  # a title is text, not HTML
    assert f"| Listening | {report.listening.value} |" in md
    assert "### Turn 1" in md and "Better example: “You have a lot on you.”" in md
    assert "Trainer's note: Reflections open doors." in md
    assert "The meeting ended well." in md
    fi = to_markdown(report, tr, "fi")
    assert "| Kuuntelu |" in fi and "### Vuoro 1" in fi


def test_html_is_self_contained_escaped_and_charts_trust():
    tr = _meeting()
    tr.turns[0].worker = "<script>alert(1)</script>"
    report = score(tr)
    page = to_html(report, tr, "en")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=|@import|url\(""", page)
    assert page.count("http") == page.count("http://www.w3.org/2000/svg")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<circle") == 4  # start + three turns
    assert "Trust 45" in svg
    assert "Luottamus 45" in to_html(report, tr, "fi")
    assert f">{report.overall}</td>" in page


def test_chart_labels_of_lines_ending_together_do_not_overlap():
    tr = _meeting()
    for turn in tr.turns:  # openness ends where trust ends
        turn.variables_after = {**turn.variables_after, "openness": turn.variables_after["trust"]}
    svg = to_html(score(tr), tr, "en")
    ends = [
        float(y)
        for y, label in re.findall(r'<text x="\d+" y="([\d.]+)" font-size="12"[^>]*>([^<]+)<', svg)
        if label.split()[0] in ("Trust", "Openness")
    ]
    assert len(ends) == 2 and abs(ends[0] - ends[1]) >= 14


def test_json_export_has_numeric_axis_keys_and_turns():
    tr = _meeting()
    data = json.loads(to_json(score(tr), tr, "en"))
    for key in ("listening", "pacing", "autonomy", "overall"):
        assert isinstance(data[key], int)
    # Three turns: a partial meeting, its axes marked partial instead of a level.
    assert data["axes"]["autonomy"]["level"] == "partial"
    assert data["axes"]["autonomy"]["level_label"] == "partial, 3 turns"
    assert data["turns"][0]["effects"]["autonomy"]["reasons"][0]["text"].startswith("Persuading")
    assert data["moments"]["series"]["trust"][-1] == 45.0


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_every_reason_key_renders(lang):
    # Score varied meetings and render every reason: a missing key or value would raise.
    for tr in (_meeting(), transcript(POOR), transcript(SKILLED), _after_choice("x", ("advice",))):
        report = score(tr, SCENARIO)
        to_markdown(report, tr, lang)
        to_html(report, tr, lang)


def test_without_readiness_flags_unasked_advice_stays_early_all_meeting():
    listened = [("You have had a lot to carry.", ("complex_reflection",), "encountering")] * 3
    rows = [*listened, ("You should ring the debt advice line.", ("advice",), "noticing")]
    tr = transcript(rows)
    for t in tr.turns:
        t.reply = "It has been a long year and I have not slept properly for weeks now."
    report = score(tr)
    assert any("had not asked for" in r for r in turn_reasons(report, 4, "pacing"))
    tr.turns[-1].client_before = "What would you do, if you were me?"
    asked = score(tr)
    assert not any("had not asked for" in r for r in turn_reasons(asked, 4, "pacing"))


def test_a_permission_question_before_a_check_is_not_question_stacking():
    text = "Can I check I've got this right? You want to cut down, not stop. Did I miss anything?"
    checked = score(transcript([(text, ("ask_permission", "summary", "closed_question"), None)]))
    assert not any("questions in one turn" in r for r in turn_reasons(checked, 1, "pacing"))
    stacked = "Why now? What happened? Who told you?"
    two = score(transcript([(stacked, ("open_question", "open_question"), None)]))
    assert any("questions in one turn" in r for r in turn_reasons(two, 1, "pacing"))


def test_the_slip_sentence_gives_the_share_as_a_share_and_names_the_floor():
    """3 slips in 24 turns is 12.5 %, never "21 %": the sentence gives the count and the share
    (to one decimal when a whole percent would not add up to the cut: 3 x 12 is not 38), and
    names the floor when the floor, not the share, set the cut."""
    neutral = [("And where do you live now?", ("open_question",), "noticing")]
    slips = [("That's not a real problem.", ("dismiss",), "rejecting")]
    long = score(transcript(slips * 3 + neutral * 21))
    text = next(r.text("en") for r in long.listening.reasons if r.key.startswith("r_disrespect"))
    assert CALIBRATION.listening_share == 3
    assert "3 of 24 turns (12.5%)" in text
    # Listening cut by three times the share (37.5 %), as the sentence says.
    assert "3 × that share (38%)" in text
    assert long.listening.components["not_dismissive"] == 0.625
    fi = next(r.text("fi") for r in long.listening.reasons if r.key.startswith("r_disrespect"))
    assert "3/24 vuoroa (12,5 %)" in fi
    # Very many turns around one slip: the floor applies and the sentence says so.
    floor = score(transcript(slips + neutral * 119))
    text = next(r.text("en") for r in floor.listening.reasons if r.key.startswith("r_disrespect"))
    assert "1 of 120 turns (1%)" in text and "each costs at least 3%" in text
    # Most turns slips: three times the share is over all of it, and the sentence says so
    # instead of "3 x 67% (100%)".
    most = score(transcript(slips * 4 + neutral * 2))
    assert most.listening.value == 0
    text = next(r.text("en") for r in most.listening.reasons if r.key.startswith("r_disrespect"))
    assert "4 of 6 turns (67%)" in text and "no listening is left" in text
    fi = next(r.text("fi") for r in most.listening.reasons if r.key.startswith("r_disrespect"))
    assert "4/6 vuoroa (67 %)" in fi and "ei jää mitään" in fi


# --- honouring choices: what counts as support, what an override costs (issue 13) ----------


def test_affirming_is_praise_not_handing_the_client_a_choice():
    """Affirming is MITI's Affirm, not Emphasizing Autonomy: it gives no honouring-choices
    credit (a meeting of affirmations and questions scores the neutral 65, and the turn shows
    no plus), the reason says so, and handing over the choice still counts."""
    praise = [
        ("That took real courage.", ("affirmation",), "encountering"),
        ("What happened then?", ("open_question",), "noticing"),
    ]
    affirmed = score(transcript(praise, repeat=3))
    assert affirmed.autonomy.value == 65
    assert affirmed.turn(1).effects["autonomy"].delta == 0
    assert any(
        "affirming does not hand the client a choice" in r for r in reasons(affirmed, "autonomy")
    )
    assert any(
        "vahvistaminen ei anna asiakkaalle valintaa" in r
        for r in reasons(affirmed, "autonomy", "fi")
    )
    handed = [
        ("It's your call what we look at.", ("emphasize_autonomy",), "encountering"),
        praise[1],
    ]
    assert score(transcript(handed, repeat=3)).autonomy.value == 100


def test_affirming_a_choice_just_stated_is_not_passing_it_over():
    tr = transcript([])
    tr.turns.append(turn(1, "What do you want?", ("open_question",), choice_stated="keep_dog"))
    tr.turns.append(turn(2, "That sounds like a brave decision.", ("affirmation",)))
    report = score(tr, SCENARIO)
    assert not any("passed over" in r for r in turn_reasons(report, 2, "autonomy"))


def test_an_override_costs_twice_its_share_of_the_meeting():
    """One unasked push in ten turns: 0.65 (nothing handed over) − 2 × 10 % = 45."""
    rows = [("You must agree to the plan.", ("persuade",), "blaming")]
    rows += [("What happened then?", ("open_question",), "noticing")] * 9
    report = score(transcript(rows))
    assert CALIBRATION.autonomy_share == 2
    assert report.autonomy.value == 45


def test_the_fit_can_leave_affirming_out_when_it_marks_poor_practice():
    """The calibration's choice about affirming is a real choice: when affirmations go with
    the poor transcripts, counting them as support ranks those above the good ones and the
    fit leaves them out (benchmarks/annomi_scores.py makes this choice on training folds)."""
    from simulator.scoring.axes import fit_calibration

    question = ("What happened then?", ("open_question",), "noticing")
    push = ("You must agree to the plan.", ("persuade",), "blaming")
    good = [("It's your call.", ("emphasize_autonomy",), "encountering"), push] + [question] * 8
    poor = [("Well done.", ("affirmation",), "encountering")] * 2 + [push] + [question] * 7
    trs = [transcript(good) for _ in range(4)] + [transcript(poor) for _ in range(2)]
    high = [True] * 4 + [False] * 2

    def auc(values, labels):
        pos = [v for v, h in zip(values, labels, strict=True) if h]
        neg = [v for v, h in zip(values, labels, strict=True) if not h]
        return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))

    assert fit_calibration(trs, high, auc).affirm_supports is False


def test_after_a_stated_choice_an_override_costs_its_design_share():
    """The few turns after a stated choice are their own share (70 % of the axis) and each
    override there weighs 1.5, so the factor there stays 1.2 (not calibrated: AnnoMI has no
    stated choices); over the whole meeting it is the calibrated 2. Advice once, then four
    turns that hand the choice back: after the choice 1 − 1.2 × 1.5/5 = 0.64, the whole
    meeting 1 − 2 × 1.5/7 = 0.571, the axis 0.7 × 0.64 + 0.3 × 0.571 = 62."""
    tr = transcript([])
    tr.turns.append(
        turn(1, "What would you like?", ("open_question",), choice_stated="keep_dog", reply="x")
    )
    tr.turns.append(turn(2, "The dog matters a lot to you.", ("complex_reflection",)))
    tr.turns.append(turn(3, "Find him a new home.", ("advice",), choices_active=("keep_dog",)))
    for i in range(4, 8):
        tr.turns.append(
            turn(i, "It's your decision.", ("emphasize_autonomy",), choices_active=("keep_dog",))
        )
    report = score(tr, SCENARIO)
    assert (CALIBRATION.autonomy_share, CALIBRATION.after_choice_share) == (2, 1.2)
    assert report.autonomy.components == {"after_choice": 0.64, "whole_meeting": 0.571}
    assert report.autonomy.value == 62


def test_findings_of_form_are_tips_on_the_turn_and_leave_pacing_alone():
    """Stacked questions (and long speeches, topic jumps, brushing aside) stay named on the
    turn, as the coach names them, but at no cost: the calibration lets them count 0 (MITI
    codes none of them as non-adherent; on AnnoMI they did not mark poor practice). The
    axis says so."""
    one = "What happened then?"
    plain = score(transcript([(one, ("open_question",), None)] * 4))
    stacked = score(
        transcript([(one, ("open_question",), None)] * 3 + [("Why? Who? When?", (), None)])
    )
    assert CALIBRATION.pacing_form == 0
    assert "3 questions in one turn: the client cannot answer them all." in turn_reasons(
        stacked, 4, "pacing"
    )
    assert stacked.turn(4).effects["pacing"].delta == 0
    assert stacked.pacing.components["no_rushing"] == plain.pacing.components["no_rushing"] == 1
    said = " ".join(reasons(stacked, "pacing"))
    form = (
        "Findings of form (stacked questions, monologue, topic jump, brushing aside;"
        " 2.5 times per ten turns)"
    )
    assert form in said
    assert "are shown on the turns as tips and do not lower the score" in said
    fi = " ".join(reasons(stacked, "pacing", "fi"))
    assert "kertaa kymmentä vuoroa kohden) näkyvät vuoroissa vinkkeinä eivätkä laske pisteitä" in fi


def test_rushing_costs_three_times_its_share_of_the_turns():
    """One piece of advice before the client has said 40 words, in ten turns: no rushing
    1 − 3 × 1/10 = 0.7 (the calibrated factor; it was 2)."""
    rows = [("You should see a doctor.", ("advice",), None)]
    rows += [("What happened then?", ("open_question",), None)] * 9
    report = score(transcript(rows))
    assert CALIBRATION.pacing_share == 3
    assert report.pacing.components["no_rushing"] == 0.7
    assert "Rushing (early advice or information" in " ".join(reasons(report, "pacing"))


def test_a_sensitive_topic_the_client_raised_earlier_is_theirs_to_talk_about():
    """The client brought up the drinking two replies back: coming back to it is not a
    sensitive topic raised too soon, though the reply just before was about something else."""
    tr = transcript([])
    tr.turns.append(
        turn(
            1,
            "What's been on your mind?",
            ("open_question",),
            state_before="s",
            reply="Mostly the drink, to be honest.",
        )
    )
    tr.turns.append(
        turn(2, "Go on.", ("open_question",), state_before="s", reply="And the kids, of course.")
    )
    tr.turns.append(
        turn(
            3,
            "You mentioned the drinking.",
            ("simple_reflection",),
            topics=("drinking",),
            state_before="s",
        )
    )
    report = score(tr, SCENARIO)
    assert not [r for r in turn_reasons(report, 3, "pacing") if "sensitive topic" in r]


def test_answering_what_the_client_asked_is_not_a_change_of_topic():
    # Played in tmux (Veikko): after "Saanko kertoa pari vaihtoehtoa?" the client asked "No mitä
    # ne sitten olis, ne teidän palvelut?" and the worker's answer was tipped as an abrupt change
    # of topic.
    tr = transcript([])
    tr.turns.append(turn(1, "What is on your mind?", ("open_question",), reply="My kids."))
    tr.turns.append(
        turn(
            2, "How is work going?", ("open_question",), topics=("work",), client_before="Any jobs?"
        )
    )
    tr.turns.append(turn(3, "May I tell you about one thing?", ("ask_permission",), reply="Go on."))
    tr.turns.append(
        turn(
            4,
            "There is a work trial.",
            ("give_information",),
            topics=("work",),
            client_before="Go on.",
        )
    )
    report = score(tr, SCENARIO)
    for index in (2, 4):
        assert not [r for r in turn_reasons(report, index, "pacing") if "abrupt" in r]
