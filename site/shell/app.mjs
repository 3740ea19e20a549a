// Tend's browser shell: boots Pyodide, keeps localStorage, forwards events to the core
// and swaps in the HTML it returns. It holds no rule: every decision is made in core/.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { storage } from "./storage.mjs";

const root = document.documentElement;
const view = document.getElementById("view");
const notice = document.getElementById("notice");
const appStatus = document.getElementById("app-status");
const SNAPSHOT_KEY = "tend-snapshot:today";
const HOME = "#/today";

let app = null;
let route = location.hash || HOME;
const queued = [];

/** Today's date where the user is (not UTC) and the current instant: the core's only clock. */
function clock() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return { today, now: now.toISOString() };
}

function send(event) {
  if (!app) {
    queued.push(event);
    return;
  }
  const request = { event, ...clock(), new_id: crypto.randomUUID() };
  show(JSON.parse(app.handle_json(JSON.stringify(request))));
}

function show(answer) {
  const saved = storage.writeAll(answer.writes);
  if (!saved.ok) {
    reload();
    notice.textContent = saved.message;
    return;
  }
  view.innerHTML = answer.html;
  document.title = `${answer.title} · Tend`;
  notice.textContent = answer.notice;
  if (answer.route !== route) {
    route = answer.route;
    history.replaceState(null, "", route);
  }
  if (route === HOME) storage.keepSnapshot(SNAPSHOT_KEY, answer.html);
  view.querySelector(answer.focus)?.focus();
}

/** Rebuild the core's state from what is really stored, e.g. after a refused write. */
function reload() {
  app = startApp();
  send({ type: "navigate", route });
}

let pyodide = null;
function startApp() {
  return pyodide.pyimport("core.app").App.from_storage_json(JSON.stringify(storage.entries()));
}

document.addEventListener("submit", (e) => {
  const form = e.target.closest("form[data-action]");
  if (!form) return;
  e.preventDefault();
  send({ type: form.dataset.action, fields: Object.fromEntries(new FormData(form)) });
});

window.addEventListener("hashchange", () => {
  if ((location.hash || HOME) === route) return;
  route = location.hash || HOME;
  send({ type: "navigate", route });
});

window.addEventListener("storage", (e) => {
  if (e.key && storage.isRecordKey(e.key)) send({ type: "storage_changed", key: e.key, value: e.newValue });
});

async function boot() {
  const snapshot = route === HOME ? storage.snapshot(SNAPSHOT_KEY) : null;
  if (snapshot) view.innerHTML = snapshot;
  if (!storage.available) appStatus.textContent = storage.unavailableMessage;
  const base = new URL("../pyodide/", import.meta.url).href;
  pyodide = await loadPyodide({ indexURL: base, lockFileURL: `${base}pyodide-lock.json` });
  await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
  app = startApp();
  send({ type: "navigate", route });
  for (const event of queued.splice(0)) send(event);
  root.dataset.app = "ready";
  performance.mark("tend-ready");
  if (storage.available) appStatus.textContent = "Ready. Your data stays in this browser.";
}

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register(new URL("../sw.js", import.meta.url)).catch(() => {});
}

boot().catch((error) => {
  root.dataset.app = "failed";
  appStatus.textContent = `Tend could not start: ${error.message}. Reload to try again; your data is untouched.`;
  throw error;
});
