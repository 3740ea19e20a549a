// Build-time helper (never shipped): compiles the standard-library modules Tend imports at
// start with Pyodide's own Python, so python_stdlib.zip can carry them as bytecode.
//
//   node site/stdlib_pyc.mjs <pyodide dir, with the built lock and wheels> <output dir>
//
// It starts the core as the worker does (load tend-core, import core.app) and answers one
// navigate to Today, then writes, for each module found in the zip, <member>c (a hash-based
// .pyc, checked against nothing, compiled as `python -OO` would, without docstrings and
// asserts, whose code names the file where upstream's source sits)
// under the output dir, and the members' names to <output dir>/members.txt. Those are the
// modules a start imports from the zip (those Python starts with are frozen into it); the
// rest of the stdlib stays source.
import { pathToFileURL } from "node:url";
import path from "node:path";

const [runtime, out] = process.argv.slice(2);
const base = path.resolve(runtime) + path.sep;
const { loadPyodide } = await import(pathToFileURL(base + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL: base, packageBaseUrl: base });
await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
const app = pyodide.pyimport("core.app").App.from_storage_json("{}");
app.handle_json(JSON.stringify({
  event: { type: "navigate", route: "#/today" }, today: "2026-01-01",
  now: "2026-01-01T08:00:00Z", new_id: "build",
}));
pyodide.mountNodeFS("/out", path.resolve(out));
pyodide.runPython(`
import sys
from zipimport import zipimporter  # frozen, like the modules Python starts with
zip_dir = next(p for p in sys.path if p.endswith(".zip")) + "/"
started = sorted({m.__file__ for m in list(sys.modules.values())
                  if isinstance(getattr(m, "__loader__", None), zipimporter)
                  and m.__file__.startswith(zip_dir) and m.__file__.endswith(".py")})

import importlib.util, os
from importlib._bootstrap_external import _code_to_hash_pyc

reader = zipimporter(zip_dir)
for file in started:
    member = file[len(zip_dir):]
    source = reader.get_data(member)
    code = compile(source, file, "exec", dont_inherit=True, optimize=2)  # as python -OO
    target = "/out/" + member + "c"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))
with open("/out/members.txt", "w") as f:
    f.write("".join(file[len(zip_dir):] + "\\n" for file in started))
`);
