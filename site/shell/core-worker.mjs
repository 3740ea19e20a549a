// Runs Tend's Python core off the main thread, so the page stays responsive while
// Pyodide boots (bench/startup.py measured a 2.4 s main-thread task when it did not).
// It knows nothing of storage or the DOM: it turns JSON requests into JSON answers
// (their shapes are core/protocol.py's Request, Answer and Ask).
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
 * (vCard reading), or seal or open a backup (WebCrypto) and ask again with the result. */
async function handle(request) {
  let answer = JSON.parse(app.handle_json(request));
  if (answer.needs) {
    await pyodide.loadPackage(answer.needs, { messageCallback: () => {} });
    answer = JSON.parse(app.handle_json(request));
  }
  if (answer.seal) return handle(await withField(request, () => sealed(answer.seal)));
  if (answer.unseal) return handle(await withField(request, () => opened(answer.unseal)));
  return answer;
}

async function sealed({ text, field, ...how }) {
  try {
    return { [field]: [await seal(text, how)] };
  } catch (error) {
    return { seal_failed: [String(error?.message ?? error)] };
  }
}

async function opened({ field, passphrase, sealed: file }) {
  try {
    const text = await unseal(file, passphrase);
    return text === null ? { unsealed: ["no"] } : { [field]: [text] };
  } catch (error) {
    return { unsealed: ["failed"], unseal_failed: [String(error?.message ?? error)] };
  }
}

/** The same request with fields added to its event. */
async function withField(request, fields) {
  const asked = JSON.parse(request);
  Object.assign(asked.event.fields, await fields());
  return JSON.stringify(asked);
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
