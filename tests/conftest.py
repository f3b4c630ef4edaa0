import os

# Tests read UI strings in English unless a test says otherwise.
os.environ.setdefault("KOHTAAMO_LANG", "en")
