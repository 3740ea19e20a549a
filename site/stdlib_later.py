"""The rest of the standard library, fetched the first time something outside a start's
part of it is imported.

The build splits Pyodide's python_stdlib.zip in two: what a start imports (as bytecode,
fetched with the runtime) and everything else, ``python_stdlib_later.zip`` next to it,
which a first visit need not download before the app is ready. This module ships as the
start part's ``sitecustomize``, so Python's ``site`` installs it at every boot, in the
app's worker, on any other page that loads the runtime, and in Node.

The finder sits last on ``sys.meta_path``: it is asked only when no other finder found a
module, and acts only for a module the later zip holds (an optional import of something
that is not there fetches nothing). It then reads the later zip once (a synchronous
request, like an import is), puts it on ``sys.path`` and, for a package whose modules are
split between the two zips (``encodings``, ``email``), adds the package's folder in the
later zip to its ``__path__``, so its other modules are found too.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec, PathFinder

# Written by the build: the later zip's file name and every module it holds.
from _stdlib_later_names import FILE, NAMES

START_ZIP = next((p for p in sys.path if p.endswith(".zip")), "")
LATER_ZIP = START_ZIP[: -len(".zip")] + "_later.zip"
# A synchronous request's text keeps each byte from 0x80 up as U+F780 + (byte - 0x80)
# when the response is read as "x-user-defined" (an arraybuffer answer is refused to
# synchronous requests on a page's main thread).
USER_DEFINED = {0xF700 + byte: byte for byte in range(0x80, 0x100)}


def later_bytes(index_url: str, name: str) -> bytes:
    """The later zip's bytes, from the address the runtime was loaded from; an
    ImportError naming that address when it cannot be read (offline, say)."""
    import js
    from pyodide.ffi import JsException

    url = index_url + FILE
    if not url.startswith(("http:", "https:")):  # Node: the runtime is a folder on disk
        from urllib.parse import unquote, urlsplit

        path = unquote(urlsplit(url).path) if url.startswith("file:") else url
        return js.process.getBuiltinModule("fs").readFileSync(path, "latin1").encode("latin-1")
    request = js.XMLHttpRequest.new()
    request.open("GET", url, False)
    request.overrideMimeType("text/plain; charset=x-user-defined")
    try:
        request.send(None)
        why = "" if request.status == 200 else f"HTTP {request.status}"
    except JsException as failed:  # the network is off, or the server is gone
        why = str(failed)
    if why:
        raise ImportError(f"{name}: the rest of the standard library could not be read "
                          f"from {url} ({why})", name=name, path=url)
    return request.responseText.translate(USER_DEFINED).encode("latin-1")


class LaterStdlib:
    """A meta-path finder that looks for a module in the later zip, fetching it first."""

    fetched = False

    @classmethod
    def fetch(cls, name: str) -> None:
        if cls.fetched:
            return
        import pyodide_js

        data = later_bytes(str(pyodide_js._api.config.indexURL), name)
        with open(LATER_ZIP, "wb") as file:
            file.write(data)
        sys.path.insert(sys.path.index(START_ZIP) + 1, LATER_ZIP)
        cls.fetched = True

    @classmethod
    def find_spec(cls, name: str, path: list[str] | None = None,
                  target: object = None) -> ModuleSpec | None:
        if name not in NAMES:
            return None  # not in the stdlib at all (an optional import, say): fetch nothing
        cls.fetch(name)
        if isinstance(path, list):
            split = [LATER_ZIP + p[len(START_ZIP):] for p in path if p.startswith(START_ZIP + "/")]
            path.extend(p for p in split if p not in path)
        return PathFinder.find_spec(name, path, target)


if START_ZIP and LaterStdlib not in sys.meta_path:
    sys.meta_path.append(LaterStdlib)
