// Tend's browser shell: keeps localStorage, forwards events to the core (running in a
// worker) and swaps in the HTML it returns. It holds no rule: every decision is in core/.
import { storage } from "./storage.mjs";

const root = document.documentElement;
const view = document.getElementById("view");
const notice = document.getElementById("notice");
const appStatus = document.getElementById("app-status");
const undo = document.getElementById("undo");
const menu = document.querySelector(".menu-toggle");
const SNAPSHOT_KEY = "tend-snapshot:today";
const HOME = "#/today";

let route = location.hash || HOME;
const core = connect(new Worker(new URL("./core-worker.mjs", import.meta.url), { type: "module" }));

/** Calls into the worker, answered in the order they were sent. */
function connect(worker) {
  const pending = new Map();
  let next = 0;
  worker.onmessage = ({ data }) => {
    const { resolve, reject } = pending.get(data.id);
    pending.delete(data.id);
    if (data.error) reject(new Error(data.error));
    else resolve(data.answer && JSON.parse(data.answer));
  };
  worker.onerror = (event) => fail(new Error(event.message || "the core could not load"));
  return (message) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
}

/** Today's date where the user is (not UTC) and the current instant: the core's only clock. */
function clock() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return { today, now: now.toISOString() };
}

/** A fresh record id: 9 random bytes as 12 URL-safe characters, a third of a UUID. */
function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}

function request(event) {
  return JSON.stringify({ event, ...clock(), new_id: newId() });
}

/** Send an event; with `restart`, the core first rebuilds its state from storage. */
async function send(event, { restart = false } = {}) {
  const start = restart ? JSON.stringify(storage.entries()) : undefined;
  show(await core({ start, request: request(event) }));
}

function show(answer) {
  const unfinished = upgrade(answer.upgrade);
  const saved = storage.writeAll(answer.writes);
  if (!saved.ok) {
    send({ type: "navigate", route }, { restart: true })
      .then(() => { notice.textContent = saved.message; })
      .catch(oops);
    return;
  }
  if (answer.download) save(answer.download);
  view.innerHTML = answer.html;
  document.title = `${answer.title} · Tend`;
  notice.textContent = unfinished ?? answer.notice;
  undo.hidden = !answer.undo;
  if (answer.route !== route) {
    route = answer.route;
    history.replaceState(null, "", route);
  }
  for (const link of document.querySelectorAll("nav a[href^='#/']")) {
    if (link.getAttribute("href") === route) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (route === HOME) storage.keepSnapshot(SNAPSHOT_KEY, answer.html);
  view.querySelector(answer.focus)?.focus();
}

/** Rewrite data stored by an earlier Tend, batch by batch; what is left is read as it is.
 * Returns a message when a batch could not be written. */
function upgrade(batches) {
  for (const batch of batches) {
    if (!storage.rewrite(batch).ok) {
      return "Tend could not finish updating how your data is stored (the browser refused a write). " +
        "Everything still works and nothing was lost; Tend will try again next time it opens.";
    }
  }
  return null;
}

/** A bug, not a user error: say so plainly, keep what is stored. */
function oops(error) {
  notice.textContent = `Something went wrong (${error.message}). Nothing stored was changed.`;
  console.error(error);
}

function fail(error) {
  root.dataset.app = "failed";
  appStatus.textContent = `Tend could not start (${error.message}). Reload to try again; your data is untouched.`;
  console.error(error);
}

document.addEventListener("submit", (e) => {
  const form = e.target.closest("form[data-action]");
  if (!form) return;
  e.preventDefault();
  formFields(new FormData(form, e.submitter))
    .then((fields) => send({ type: form.dataset.action, fields }))
    .catch(oops);
});

/** Every value of a form as lists of strings; a chosen file is sent as its text. */
async function formFields(data) {
  const fields = {};
  for (const name of new Set(data.keys())) {
    fields[name] = await Promise.all(data.getAll(name).map((v) => (v instanceof File ? v.text() : String(v))));
  }
  return fields;
}

/** Hand a file the core produced (a backup) to the browser to save. */
function save({ name, text, media_type: type }) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// Keys, unless the user is typing: L opens the quick log anywhere; on Today, J and K move
// between items and D, S and X press the focused item's Done, Snooze and Skip buttons.
const ITEM_BUTTONS = { d: "done", s: "snooze", x: "skip" };
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.target.closest("input, textarea, select, [contenteditable]")) return;
  const key = e.key.toLowerCase();
  const items = [...view.querySelectorAll("[data-agenda-item]")];
  const current = e.target.closest("[data-agenda-item]");
  if (key === "l") location.hash = "#/log";
  else if ((key === "j" || key === "k") && items.length) {
    const step = key === "j" ? 1 : -1;
    const index = current ? items.indexOf(current) + step : 0;
    items[Math.min(Math.max(index, 0), items.length - 1)].focus();
  } else if (ITEM_BUTTONS[key] && current) {
    current.querySelector(`button[value="${ITEM_BUTTONS[key]}"]`)?.click();
  } else return;
  e.preventDefault();
});

undo.addEventListener("click", () => send({ type: "undo" }).catch(oops));

/** On a narrow screen the navigation is a menu behind one button. */
function showMenu(open) {
  menu.setAttribute("aria-expanded", String(open));
  menu.closest("nav").classList.toggle("open", open);
}
menu.addEventListener("click", () => showMenu(menu.getAttribute("aria-expanded") !== "true"));
window.addEventListener("hashchange", () => showMenu(false));

// Copy a draft: the text is the user's (they may have edited it), so copy what is there.
document.addEventListener("click", (e) => {
  const button = e.target.closest("button[data-copy]");
  if (!button) return;
  const text = document.querySelector(button.dataset.copy)?.value ?? "";
  navigator.clipboard.writeText(text).then(
    () => { notice.textContent = "Copied. Paste it into your message and make it yours."; },
    () => { notice.textContent = "Copying was blocked by the browser: select the text and copy it."; },
  );
});

window.addEventListener("hashchange", () => {
  if ((location.hash || HOME) === route) return;
  route = location.hash || HOME;
  send({ type: "navigate", route }).catch(oops);
});

window.addEventListener("storage", (e) => {
  if (e.key && storage.isRecordKey(e.key)) {
    send({ type: "storage_changed", key: e.key, value: e.newValue }).catch(oops);
  }
});

async function boot() {
  const finished = storage.recover();
  const snapshot = route === HOME ? storage.snapshot(SNAPSHOT_KEY) : null;
  if (snapshot) view.innerHTML = snapshot;
  if (!storage.available) appStatus.textContent = storage.unavailableMessage;
  await send({ type: "navigate", route }, { restart: true });
  if (finished) notice.textContent = `Finished saving a change that was interrupted (${finished} records).`;
  root.dataset.app = "ready";
  performance.mark("tend-ready");
  if (storage.available) appStatus.textContent = "Ready. Your data stays in this browser.";
}

if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
  navigator.serviceWorker.register(new URL("../sw.js", import.meta.url)).catch(() => {});
}

boot().catch(fail);
