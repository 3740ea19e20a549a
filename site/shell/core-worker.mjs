// Runs Tend's Python core off the main thread, so the page stays responsive while
// Pyodide boots (bench/startup.py measured a 2.4 s main-thread task when it did not).
// It knows nothing of storage or the DOM: it turns JSON requests into JSON answers.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { seal, unseal } from "./sealing.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
let pyodide = null;
const ready = loadPyodide({ indexURL: base, packageBaseUrl: base }).then(async (loaded) => {
  pyodide = loaded;
  await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
  return pyodide.pyimport("core.app").App;
});
let app = null;

/** The core's answer, after doing what it asked of JavaScript: load a package it needs
 * (vCard reading), open a sealed backup and ask again, seal a backup before saving. */
async function handle(request) {
  let answer = JSON.parse(app.handle_json(request));
  if (answer.needs) {
    await pyodide.loadPackage(answer.needs, { messageCallback: () => {} });
    answer = JSON.parse(app.handle_json(request));
  }
  if (answer.unseal) {
    const { field, passphrase, sealed } = answer.unseal;
    const asked = JSON.parse(request);
    const text = await unseal(sealed, passphrase);
    const fields = text === null ? { unsealed: ["no"] } : { [field]: [text] };
    Object.assign(asked.event.fields, fields);
    return handle(JSON.stringify(asked));
  }
  if (answer.download?.seal) {
    const { seal: how, ...download } = answer.download;
    answer.download = { ...download, text: await seal(download.text, how) };
  }
  return answer;
}

self.onmessage = async ({ data: { id, start, request } }) => {
  try {
    const App = await ready;
    if (start !== undefined) app = App.from_storage_json(start);
    const answer = request === undefined ? null : JSON.stringify(await handle(request));
    self.postMessage({ id, answer });
  } catch (error) {
    self.postMessage({ id, error: String(error?.message ?? error) });
  }
};
