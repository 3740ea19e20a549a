// Runs Tend's Python core off the main thread, so the page stays responsive while
// Pyodide boots (bench/startup.py measured a 2.4 s main-thread task when it did not).
// It knows nothing of storage or the DOM: it turns JSON requests into JSON answers
// (their shapes are core/protocol.py's Request, Answer and Ask).
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { buildKey, refuseSnapshot, snapshotWanted, startFromSnapshot } from "./memory-snapshot.mjs";
import { seal, unseal } from "./sealing.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
let pyodide = null;
// "snapshot" when the core came back from its memory snapshot, "plain" when it booted.
let started = null;
let snapshotAsked = false;
let lastAnswer = 0;
// Making the snapshot boots a second Pyodide, seconds of work on every core: it waits
// for the user to pause this long, since on two cores a click during it took three times
// as long on the page (bench/interaction.py at 5,000 people: a 61-83 ms task).
const QUIET_MS = 3000;
// After this pause the core works out the coming days' verdicts a day at a time (This
// week's first opening of the day, otherwise ~650 ms at 5,000 people).
const AHEAD_AFTER_MS = 500;
let busy = 0;
const key = buildKey().catch(() => null);
let ready = boot();
let app = null;

async function boot() {
  pyodide = await startFromSnapshot(await key);
  if (!pyodide) return bootPlain();
  started = "snapshot";
  return pyodide.pyimport("core.app").App;
}

async function bootPlain() {
  started = "plain";
  pyodide = await loadPyodide({ indexURL: base, packageBaseUrl: base });
  await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
  return pyodide.pyimport("core.app").App;
}

/** After an ordinary start has answered, a worker of its own makes the memory snapshot
 * the next start can use, once the user has paused, so it does not compete with clicks. */
async function makeSnapshotLater() {
  if (started !== "plain" || snapshotAsked || !globalThis.caches || typeof Worker === "undefined") return;
  snapshotAsked = true;
  if (!(await key) || !(await snapshotWanted(await key))) return;
  whenQuiet(() => {
    const maker = new Worker(new URL("./snapshot-maker.mjs", import.meta.url), { type: "module" });
    maker.onmessage = ({ data }) => {
      if (data !== "kept") console.info(`Tend's memory snapshot was ${data}`);
      maker.terminate();
    };
    maker.onerror = (event) => {
      console.info(`Tend's memory snapshot was not made: ${event.message}`);
      maker.terminate();
    };
  });
}

/** Run `then` once no request has been answered for `quiet` ms. */
function whenQuiet(then, quiet = QUIET_MS) {
  const waited = performance.now() - lastAnswer;
  if (waited >= quiet) then();
  else setTimeout(() => whenQuiet(then, quiet), quiet - waited);
}

/** While the user pauses, the core works ahead, one day per task, so that a message
 * arriving meanwhile waits for one day's work at most; a new answer starts it again. */
function workAheadLater() {
  const after = lastAnswer;
  const step = () => {
    if (lastAnswer !== after || busy || !app) return;
    let more = false;
    try {
      more = app.work_ahead();
    } catch (error) {
      console.info(`Tend did not work ahead: ${error?.message ?? error}`);
    }
    if (more) setTimeout(step, 0);
  };
  whenQuiet(step, AHEAD_AFTER_MS);
}

/** The core's answer, after doing what it asked of JavaScript: load a package it needs
 * (vCard reading), or seal or open a backup (WebCrypto) and ask again with the result. */
async function handle(request) {
  let answer = JSON.parse(app.handle_json(request));
  if (answer.needs) {
    // Offline before this device kept them (or one they depend on), they do not load:
    // the core is told so.
    let failed = false;
    const fail = () => { failed = true; };
    await pyodide.loadPackage(answer.needs, { messageCallback: () => {}, errorCallback: fail }).catch(fail);
    failed ||= answer.needs.some((name) => !(name in pyodide.loadedPackages));
    answer = JSON.parse(app.handle_json(failed ? withRequest(request, { unfetched: answer.needs }) : request));
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

/** The same request with more said beside its event. */
function withRequest(request, more) {
  return JSON.stringify({ ...JSON.parse(request), ...more });
}

/** The answer to one message from the page. A start from the snapshot that fails is not
 * risked again: the snapshot is given up, and a request that brought storage with it
 * (the first) is answered by an ordinary start instead. */
async function answerTo({ id, start, request }) {
  try {
    const App = await ready;
    if (start !== undefined) app = App.from_storage_json(start);
    const answer = request === undefined ? null : JSON.stringify(await handle(request));
    return { id, answer, started };
  } catch (error) {
    if (started !== "snapshot") return { id, error: String(error?.message ?? error) };
    await refuseSnapshot(await key, error);
    started = "plain";
    ready = bootPlain();
    if (start === undefined) return { id, error: String(error?.message ?? error) };
    return answerTo({ id, start, request });
  }
}

self.onmessage = async ({ data }) => {
  busy += 1;
  const answer = await answerTo(data);
  busy -= 1;
  self.postMessage(answer);
  lastAnswer = performance.now();
  workAheadLater();
  makeSnapshotLater().catch(() => {});
};
