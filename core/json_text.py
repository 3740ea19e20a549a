"""Parsing JSON that came from outside: files a user chose, entries another version wrote.

The standard library's parser recurses in C, and inside Pyodide a few thousand nested
brackets exhaust WebAssembly's stack before Python's recursion limit is reached: the
whole runtime dies, not just the import (the core's tests found this when run in
Pyodide). pydantic-core's parser (jiter) stops at a fixed depth with an ordinary error,
so every untrusted text goes through it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic_core import from_json

_WHERE = re.compile(r"^(?P<what>.*) at line (?P<line>\d+) column (?P<column>\d+)$")
# The parser's words for what is wrong, said as what is wrong with the file.
_HALF_CHARACTER = ("a \\u escape there stands for half of a character (an unpaired "
                   "surrogate), so the text was damaged on its way")
_CUT_SHORT = "the file ends too early: it may have been cut short while saving or copying"
_SAID = {"recursion limit exceeded": "nested too deeply",
         "unexpected end of hex escape": _HALF_CHARACTER,
         "lone leading surrogate in hex escape": _HALF_CHARACTER,
         "EOF while parsing a string": _CUT_SHORT, "EOF while parsing a value": _CUT_SHORT,
         "EOF while parsing an object": _CUT_SHORT, "EOF while parsing a list": _CUT_SHORT}


class JsonError(ValueError):
    """Text that is not JSON, with where and what, in words a person can act on."""


def parse_json(text: str | bytes) -> Any:
    """The value a JSON text holds; JsonError says where it is broken.

    >>> parse_json('{"a": [1, 2]}')
    {'a': [1, 2]}
    >>> parse_json('{"a" 1}')
    Traceback (most recent call last):
    ...
    core.json_text.JsonError: line 1, column 6: expected `:`
    >>> parse_json("[" * 10_000)
    Traceback (most recent call last):
    ...
    core.json_text.JsonError: line 1, column 202: nested too deeply
    >>> parse_json('["\\\\ud800"]')
    Traceback (most recent call last):
    ...
    core.json_text.JsonError: line 1, column 9: a \\u escape there stands for half of a ...
    """
    text = text.removeprefix("\ufeff") if isinstance(text, str) else text.removeprefix(
        b"\xef\xbb\xbf")
    try:
        return from_json(text)
    except ValueError as error:
        raise JsonError(_described(str(error))) from None
    except TypeError:
        raise JsonError("the text holds characters that are not valid Unicode") from None


def _described(message: str) -> str:
    match = _WHERE.match(message)
    if match is None:
        return message
    what = _SAID.get(match["what"], match["what"])
    return f"line {match['line']}, column {match['column']}: {what}"
