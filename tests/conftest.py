import atexit
import os
import shutil
import tempfile

# Tests read UI strings in English unless a test says otherwise.
os.environ.setdefault("KOHTAAMO_LANG", "en")
# Nothing a test does (the strings' cache, a meeting's journal) lands in the user's own data.
os.environ["KOHTAAMO_HOME"] = tempfile.mkdtemp(prefix="kohtaamo-tests-")
atexit.register(shutil.rmtree, os.environ["KOHTAAMO_HOME"], ignore_errors=True)
