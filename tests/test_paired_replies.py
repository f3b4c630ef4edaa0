"""benchmarks/paired_replies.py: the first changed reply of a meeting goes to the judges, blind to
which engine said it, and their answers are tallied against the key."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "paired_replies", Path(__file__).parent.parent / "benchmarks" / "paired_replies.py"
)
paired = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(paired)


def dumps():
    before = {
        "en-x-skilled-a-1": {
            "outcome": "good",
            "replies": [
                [1, "Hello.", "Hi."],
                [2, "What keeps you up?", "The washing."],
                [3, "I see.", "Yes."],
            ],
        },
        "fi-y-hurried-b-1": {"outcome": "poor", "replies": [[1, "Moi.", "Moi."]]},
    }
    after = {
        "en-x-skilled-a-1": {
            "outcome": "good",
            "replies": [
                [1, "Hello.", "Hi."],
                [2, "What keeps you up?", "Derek, mostly."],
                [3, "I see.", "No."],
            ],
        },
        "fi-y-hurried-b-1": {"outcome": "poor", "replies": [[1, "Moi.", "Moi."]]},
    }
    return before, after


def test_only_the_first_changed_reply_of_a_meeting_is_an_item():
    items, key = paired.pairs(*dumps(), seed=1)
    assert items["fi"] == []
    [(item, meeting, context, worker, a, b)] = items["en"]
    assert (item, meeting, worker) == ("en001", "en-x-skilled-a-1", "What keeps you up?")
    assert context == [("Hello.", "Hi.")]
    assert {a, b} == {"The washing.", "Derek, mostly."}
    new = key["en001"]["new"]
    assert (a if new == "A" else b) == "Derek, mostly."


def test_tally_counts_what_the_judges_found_for_new_and_old():
    key = {
        "en001": {"meeting": "m", "turn": 2, "new": "B"},
        "en002": {"meeting": "n", "turn": 5, "new": "A"},
    }
    answers = [
        {"id": "en001", "A_fits": False, "B_fits": True, "better": "B", "why": ""},
        {"id": "en002", "A_fits": False, "B_fits": True, "better": "B", "why": "ignores the offer"},
    ]
    found = paired.tally(answers, key)
    assert (found["new_fits"], found["old_fits"]) == (1, 1)
    assert (found["new_better"], found["old_better"], found["same"]) == (1, 1, 0)
    assert found["mended"] == [("m", 2)]
    assert found["broke"] == [("n", 5, "ignores the offer")]
