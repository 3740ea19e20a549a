// Build-time helper (never shipped): compiles unpacked wheels to bytecode with Pyodide's
// own Python, so each .pyc carries the magic number the browser's Python wants. The
// machine that builds Tend has no CPython of that version; Pyodide in Node is it.
//
//   node site/compile_pyc.mjs <pyodide dir> <abi> <folder of unpacked wheels> <site-packages>
//                             [<unpacked wheel kept whole> ...]
//
// Each subfolder of the third argument is one unpacked wheel; a .pyc is written next to
// each .py (legacy layout, hash-based so the bytes do not depend on file times). Code
// objects name their files as they will sit in the browser, under <site-packages>, so a
// traceback points there. Wheels are compiled as `python -OO` would (no docstrings, no
// asserts: a third of their bytes), but for those named after the fourth argument, which
// keep both. Exits non-zero if any file fails to compile.
import { pathToFileURL } from "node:url";
import path from "node:path";

const [runtime, abi, unpacked, sitePackages, ...whole] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(runtime, "pyodide.mjs")).href);
// No packages are loaded, so a lock file naming none will do (the build writes the real one).
const pyodide = await loadPyodide({
  indexURL: runtime + path.sep, lockFileContents: { info: { abi_version: abi }, packages: {} },
});
pyodide.mountNodeFS("/wheels", path.resolve(unpacked));
const ok = pyodide.runPython(`
import compileall, os, py_compile
mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
whole = ${JSON.stringify(whole)}
all(compileall.compile_dir(os.path.join("/wheels", name), ddir=${JSON.stringify(sitePackages)},
                           legacy=True, invalidation_mode=mode, quiet=1,
                           optimize=0 if name in whole else 2)
    for name in sorted(os.listdir("/wheels")))
`);
process.exit(ok ? 0 : 1);
