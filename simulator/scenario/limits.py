"""How much one scenario may hold: every limit on a scenario file, in one place.

A scenario comes from a colleague's shared folder as often as from its author, so nothing in
it may make loading or a turn slow (issue 18: 60,000 topic words made one turn take 79 s).
Each limit is far above what a hand-written scenario needs (the bundled ones use a tenth or
less) and low enough that a file at every limit at once still loads in a moment and answers
a turn at once (`python benchmarks/limits.py` measures it). A file over a limit is refused
with a positioned error (K102, K114, K211, K304) that says what to shorten. README
("Writing a scenario") and docs/diagnostics.md list them for authors.

Trainee text has its own limit, where the recognizer reads it (language.text.MAX_CHARS).
"""

from __future__ import annotations

#: Bytes in a scenario file: far above any hand-written scenario, small enough to load quickly.
MAX_BYTES = 1 << 20
#: Files included by one scenario, at every level together (`include:`).
MAX_PARTS = 32
#: Bytes of all the parts of one scenario together (each is also at most MAX_BYTES).
MAX_PART_BYTES = MAX_BYTES

#: Characters in a number: `1_000_000.5` fits; thousands of digits are refused, not parsed.
MAX_NUMBER_CHARS = 32
#: Nesting of parentheses and `not`s in a condition: far beyond any readable condition, far
#: below Python's recursion limit (the parser and the compiled closures recurse per level).
MAX_DEPTH = 50
#: Digits in a number inside a condition: conditions compare values of 0-100.
MAX_DIGITS = 15

#: Characters in one text (a line the client says, a note, the briefing): the longest
#: bundled one has 420; the recognizer reads no more than 2,000 of the client's last line.
MAX_TEXT_CHARS = 2000

#: Topics, cues and choices together: the recognizer looks for all of their words on every
#: turn. A client who answers the everyday questions workers ask needs a topic per question:
#: two bundled scenarios reached the old 50 and could take no answer more; at 100 a turn
#: at every limit still takes a tenth of a second (benchmarks/limits.py).
MAX_WORD_LISTS = 100
#: Words or phrases under one topic, cue or choice (bundled: at most 16).
MAX_LIST_ENTRIES = 30
#: Words in one phrase: every word of a phrase must be said for it to count (bundled: 3).
MAX_PHRASE_WORDS = 4
#: Characters in one word or phrase of a list (bundled: at most 24).
MAX_PHRASE_CHARS = 40
