"""Settings for every core test, in CPython and inside Pyodide alike."""

from hypothesis import settings

# Tests never assert wall-clock times, and hypothesis's per-example deadline is one: on
# a loaded two-core machine (or inside Pyodide) a correct example can take 300 ms.
settings.register_profile("tend", deadline=None)
settings.load_profile("tend")
