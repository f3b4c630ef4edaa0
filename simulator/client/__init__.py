"""The virtual client: a `transitions` machine built from a scenario, and its choice of words.

`machine.py` decides what the client does with a turn (the selection rule of docs/format.md);
`replies.py` decides which of the scenario's lines it says. `simulator.session.Session` is the
way in for everyone else.
"""

from simulator.client.machine import ClientMachine, apply_effects, machine_for
from simulator.client.replies import ReplyPicker

__all__ = ["ClientMachine", "ReplyPicker", "apply_effects", "machine_for"]
