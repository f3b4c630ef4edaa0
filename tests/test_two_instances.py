"""Two app instances on one data folder at once (issue 18: a student opens two terminals).

Real processes, not threads: two children each play meetings to their end on the same data
folder, journalling every turn and adding their rows to the one history index, while this
process lists the history and rebuilds the index under them. Afterwards every journal must
be whole (header, every turn, the end line) and the history must list every meeting as
finished with its outcome: no transcript lost or cut, whatever the interleaving.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from simulator import store

ROOT = Path(__file__).resolve().parent.parent
MEETINGS = 6

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from simulator import store
    from simulator.scenario.loader import load_scenario
    from simulator.session import Session

    home = Path(sys.argv[1])
    scenario = load_scenario({scenario!r})
    for n in range({meetings}):
        session = Session(scenario, seed=n)
        journal = store.Journal.start(session.transcript, {{"mode": "practice"}}, home)
        session.on_turn = journal.append
        session.say("What would you like to talk about today?", moves=["open_question"])
        session.say("The night shifts and the rent have piled up.", moves=["complex_reflection"])
        journal.end(session.transcript, {{"overall": 80.0}}, home=home)
        print(journal.path.name, session.outcome, flush=True)
    """
)


def test_two_processes_on_one_data_folder_lose_nothing(tmp_path):
    home = tmp_path / "home"
    script = CHILD.format(
        root=str(ROOT),
        scenario=str(ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml"),
        meetings=MEETINGS,
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(home)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    # Meanwhile a third party lists the history and rebuilds the index under them.
    while any(child.poll() is None for child in children):
        if (home / store.SESSIONS).is_dir():
            store.history(home)
            store.Index(home).rebuild()
        time.sleep(0.01)
    said = []
    for child in children:
        out, err = child.communicate()
        assert child.returncode == 0, err
        said += out.split("\n")[:-1]
    assert len(said) == 2 * MEETINGS

    outcomes = dict(line.split() for line in said)  # journal name -> outcome the child saw
    journals = sorted((home / store.SESSIONS).glob("*.jsonl"))
    assert sorted(p.name for p in journals) == sorted(outcomes)
    for path in journals:
        contents = store.load_journal(path)
        assert len(contents.transcript.turns) == 2, path
        assert contents.end is not None, path
        assert str(contents.end["outcome"]) == outcomes[path.name], path
    entries = store.history(home)
    assert sorted(e.path.name for e in entries) == sorted(outcomes)
    for entry in entries:
        assert entry.finished and entry.turns == 2, entry
        assert str(entry.outcome) == outcomes[entry.path.name], entry
    # and the index itself, read again from the file, knows every one
    store.Index(home).rebuild()
    assert len(store.history(home)) == 2 * MEETINGS
