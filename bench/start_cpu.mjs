// Where a start spends its CPU, in Node: Pyodide's boot, loading Tend's wheels, importing
// core.app. CPU time (not wall time) keeps other load on a shared machine out of it, so
// two builds can be compared by running this on each, interleaved, a few times:
//
//   node bench/start_cpu.mjs dist/pyodide
//
// Prints one JSON line of milliseconds. Not a test.
import { pathToFileURL } from "node:url";
import path from "node:path";

const runtime = path.resolve(process.argv[2]) + path.sep;
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const marks = [cpu()];
const pyodide = await loadPyodide({ indexURL: runtime, packageBaseUrl: runtime });
marks.push(cpu());
await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
marks.push(cpu());
pyodide.pyimport("core.app");
marks.push(cpu());
const [boot, load, imports] = marks.slice(1).map((mark, i) => Math.round(mark - marks[i]));
console.log(JSON.stringify({ boot_cpu_ms: boot, load_cpu_ms: load, import_cpu_ms: imports }));
