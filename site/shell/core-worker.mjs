// Runs Tend's Python core off the main thread, so the page stays responsive while
// Pyodide boots (bench/startup.py measured a 2.4 s main-thread task when it did not).
// It knows nothing of storage or the DOM: it turns JSON requests into JSON answers.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
let pyodide = null;
const ready = loadPyodide({ indexURL: base, packageBaseUrl: base }).then(async (loaded) => {
  pyodide = loaded;
  await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
  return pyodide.pyimport("core.app").App;
});
let app = null;

self.onmessage = async ({ data: { id, start, request } }) => {
  try {
    const App = await ready;
    if (start !== undefined) app = App.from_storage_json(start);
    let answer = request === undefined ? null : app.handle_json(request);
    const needs = answer && JSON.parse(answer).needs;
    if (needs) {
      // The core asked for a package it loads only when needed (vCard reading).
      await pyodide.loadPackage(needs, { messageCallback: () => {} });
      answer = app.handle_json(request);
    }
    self.postMessage({ id, answer });
  } catch (error) {
    self.postMessage({ id, error: String(error?.message ?? error) });
  }
};
