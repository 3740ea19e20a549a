// Tend's browser shell: keeps localStorage, forwards events to the core (running in a
// worker) and swaps in the HTML it returns. It holds no rule: every decision is in core/.
import { LOCK_KEY, storage } from "./storage.mjs";
import { paintSnapshot } from "./snapshot.mjs";
import * as sync from "./sync.mjs";
import * as notes from "./notes.mjs";

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
    if (data.started) root.dataset.core = data.started;
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

/** Today's date where the user is (not UTC), the current instant and the user's offset
 * from UTC in minutes (east positive): the core's only clock. */
function clock() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return { today, now: now.toISOString(), utc_offset: -now.getTimezoneOffset() };
}

/** A fresh record id: 9 random bytes as 12 URL-safe characters, a third of a UUID. */
function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}

/** The page's own address (what a calendar's events link back to) goes with each event. */
function request(event) {
  return JSON.stringify({ event, ...clock(), new_id: newId(), page: location.href.split("#")[0],
                         room: storage.room(), lock: storage.lockState(), notes: notes.ask() });
}

/** Send an event; with `restart`, the core first rebuilds its state from storage; with
 * `keepTyping`, what the user has typed in the view survives the new view; with `quiet`
 * (a sync in the background), an answer with nothing to say leaves the notice as it is. */
async function send(event, { restart = false, keepTyping = false, quiet = false } = {}) {
  const start = restart ? JSON.stringify(await storage.entries()) : undefined;
  const answer = await core({ start, request: request(event) });
  if (answer.lock) {
    // The lock's cryptography (core.storage.lock), then the same event with how it went;
    // once a locked Tend is opened, the core reads storage afresh.
    const done = await storage.lockStep(answer.lock);
    const again = { ...event, fields: { ...event.fields, ...done } };
    return send(again, { restart: answer.lock.do === "unlock" && storage.lockState() === "open", keepTyping, quiet });
  }
  await show(answer, keepTyping, quiet);
}

/** Apply a core.protocol.Answer: rewrites, writes, download, the sync folder's files,
 * then the view. */
async function show(answer, keepTyping = false, quiet = false) {
  const unfinished = await upgrade(answer.upgrade);
  const saved = await storage.writeAll(answer.writes);
  if (saved.settled) {
    // Another tab closed half-way through a change, which was just taken back: read
    // storage again so this view shows what is really there.
    if (saved.ok && answer.download) save(answer.download);
    send({ type: "navigate", route }, { restart: true, keepTyping: true })
      .then(() => { if (!saved.ok) notice.textContent = saved.message; })
      .catch(oops);
    return;
  }
  if (!saved.ok) {
    // The refused form comes back with what was typed in it, not empty.
    send({ type: "navigate", route }, { restart: true, keepTyping: true })
      .then(() => { notice.textContent = saved.message; })
      .catch(oops);
    return;
  }
  if (answer.download) (sharing ? share : save)(answer.download);
  sharing = false;
  if (answer.sync) await sync.apply(answer.sync);
  else if (answer.writes.length) sync.changed();
  const typed = keepTyping ? typedIn(view) : null;
  view.innerHTML = answer.html;
  view.inert = false;
  view.querySelectorAll("[data-count-from]").forEach(count);
  const refocused = typed ? putBack(view, typed) : false;
  document.title = `${answer.title} · Tend`;
  if (!quiet || answer.notice || unfinished) notice.textContent = unfinished ?? answer.notice;
  sync.paint(view).catch(oops);
  notes.paint(view);
  if (answer.notes) notes.keep(answer.notes);
  undo.hidden = !answer.undo;
  undo.textContent = answer.undo || "Undo";
  if (answer.route !== route) {
    route = answer.route;
    history.replaceState(null, "", route);
  }
  for (const link of document.querySelectorAll("nav a[href^='#/']")) {
    if (link.getAttribute("href") === route) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (route === HOME) storage.keepSnapshot(SNAPSHOT_KEY, answer.html);
  if (!refocused) view.querySelector(answer.focus)?.focus();
  badge(answer.due_today);
}

/** The number of things due today on the installed app's icon, where the browser has a
 * badge (the core counts them); none when nothing is due. */
function badge(count) {
  root.dataset.dueToday = String(count);
  if (!("setAppBadge" in navigator)) return;
  (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
}

/** Rewrite data stored by an earlier Tend, batch by batch; what is left is read as it is.
 * Returns a message when a batch could not be written. */
async function upgrade(batches) {
  for (const batch of batches) {
    if (!(await storage.rewrite(batch)).ok) {
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
  // A button may name its own action (Delete beside Save changes, in one form).
  const action = e.submitter?.dataset.action || form.dataset.action;
  sharing = form.hasAttribute("data-share");
  formFields(new FormData(form, e.submitter))
    .then((fields) => send({ type: action, fields }))
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

// "Send to my other device": the file goes to the system's share sheet where the browser
// can share files, else it is saved like any backup.
let sharing = false;
function share(download) {
  const file = new File([download.text], download.name, { type: download.media_type });
  if (!navigator.canShare?.({ files: [file] })) return save(download);
  navigator.share({ files: [file], title: download.name })
    .catch((error) => { if (error?.name !== "AbortError") save(download); });
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
// between items, D goes to the focused item's "what did you send?" line (Enter then
// presses Done; Escape goes back to the item) or presses Done where there is none, and
// S and X press Snooze and Skip.
const ITEM_BUTTONS = { d: "done", s: "snooze", x: "skip" };
document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "Escape" && e.target.matches("[data-done-note]")) {
    e.target.closest("[data-agenda-item]")?.focus();
    return;
  }
  if (e.target.closest("input, textarea, select, [contenteditable]")) return;
  const key = e.key.toLowerCase();
  const items = [...view.querySelectorAll("[data-agenda-item]")];
  const current = e.target.closest("[data-agenda-item]");
  if (key === "l") location.hash = "#/log";
  else if ((key === "j" || key === "k") && items.length) {
    const step = key === "j" ? 1 : -1;
    const index = current ? items.indexOf(current) + step : 0;
    items[Math.min(Math.max(index, 0), items.length - 1)].focus();
  } else if (key === "d" && current?.querySelector("[data-done-note]")) {
    current.querySelector("[data-done-note]").focus();
  } else if (ITEM_BUTTONS[key] && current) {
    current.querySelector(`button[value="${ITEM_BUTTONS[key]}"]`)?.click();
  } else return;
  e.preventDefault();
});

// A field the core marks with data-count-from shows, once it holds that many characters,
// how many of its maxlength it holds (the core sets both numbers; the shell only counts).
function count(field) {
  const counter = document.getElementById(field.dataset.counter);
  const used = field.value.length;
  counter.hidden = used < Number(field.dataset.countFrom);
  counter.textContent = counter.hidden ? "" : `${used} of ${field.maxLength} characters`;
}
document.addEventListener("input", (e) => {
  if (e.target.dataset?.countFrom) count(e.target);
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

// A stopwatch for saying the pitch aloud (P16): the words and their length come from the
// core; the shell only counts seconds between two presses.
let stopwatch = null;
document.addEventListener("click", (e) => {
  const button = e.target.closest("button[data-stopwatch]");
  if (!button) return;
  const output = document.querySelector(button.dataset.stopwatch);
  const running = stopwatch?.output === output;
  if (stopwatch) {
    clearInterval(stopwatch.id);
    stopwatch.show();
  }
  stopwatch = null;
  if (running) {
    button.textContent = "Start the timer";
    return;
  }
  const started = Date.now();
  const show = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    output.textContent = `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  };
  show();
  stopwatch = { id: setInterval(show, 250), output, show };
  button.textContent = "Stop the timer";
});

window.addEventListener("hashchange", () => {
  if ((location.hash || HOME) === route) return;
  route = location.hash || HOME;
  send({ type: "navigate", route }).catch(oops);
});

// Another tab's writes arrive one event per key; an import there is thousands. They are
// gathered for a moment and sent as one request, so this tab renders once, and the view
// is re-rendered with whatever the user was typing here kept.
// While one batch is being taken in, the next one gathers.
const incoming = new Map();
const GATHER_MS = 50;
let takingIn = false;
let reloading = false;
window.addEventListener("storage", (e) => {
  // Another tab locked Tend or took the lock off: start again from what is stored now.
  if (e.key === LOCK_KEY && !reloading) {
    reloading = true;
    location.reload();
  }
  if (reloading || !e.key || !storage.isRecordKey(e.key)) return;
  if (incoming.size === 0 && !takingIn) setTimeout(takeIn, GATHER_MS);
  incoming.set(e.key, e.newValue);
});

function takeIn() {
  if (reloading || takingIn || incoming.size === 0) return;
  takingIn = true;
  const gathered = [...incoming];
  incoming.clear();
  Promise.all(gathered.map(async ([key, value]) => ({ key, value: await storage.plain(key, value) })))
    .then((changes) => send({ type: "storage_changed", changes }, { keepTyping: true }))
    .catch(oops)
    .finally(() => { takingIn = false; takeIn(); });
}

/** What the user typed or ticked in the view's forms, and which disclosures were open:
 * enough to put it all back after the view is re-rendered. A form typed in also keeps
 * its base (the record as it was shown), so its save still merges with the other tab's. */
function typedIn(container) {
  const fields = [];
  const typedForms = new Set();
  const all = places(container);
  for (const [place, element] of all) {
    const before = fields.length;
    if (element.matches("details")) {
      if (element.open) fields.push({ place, open: true });
    } else if (element.type === "checkbox" || element.type === "radio") {
      if (element.checked !== element.defaultChecked) fields.push({ place, checked: element.checked });
    } else if (element.matches("select")) {
      if ([...element.options].some((o) => o.selected !== o.defaultSelected)) fields.push({ place, value: element.value });
    } else if (element.type !== "file" && element.type !== "hidden" && element.value !== element.defaultValue) {
      fields.push({ place, value: element.value });
    }
    if (fields.length > before && element.form) typedForms.add(element.form);
  }
  for (const [place, element] of all) {
    if (element.name === "base" && typedForms.has(element.form)) fields.push({ place, value: element.value });
  }
  const active = document.activeElement;
  const focused = container.contains(active) ? placeOf(active) : null;
  return { fields, focused, selection: focused ? [active.selectionStart, active.selectionEnd] : null };
}

/** Put typed text back; true when the field the user was in has the focus again. */
function putBack(container, typed) {
  const byPlace = new Map(places(container));
  for (const { place, open, checked, value } of typed.fields) {
    const element = byPlace.get(place);
    if (!element) continue;
    if (open) element.open = true;
    else if (checked !== undefined) element.checked = checked;
    else element.value = value;
    element.closest("details")?.setAttribute("open", "");
  }
  const focused = typed.focused && byPlace.get(typed.focused);
  if (focused) {
    focused.focus();
    if (typed.selection && focused.setSelectionRange) {
      try { focused.setSelectionRange(...typed.selection); } catch { /* not a text field */ }
    }
  }
  return Boolean(focused);
}

/** Each form field and disclosure of the view under a name that survives a re-render:
 * its id, or its form's action, its name and its position among fields of that name. */
function places(container) {
  const seen = new Map();
  return [...container.querySelectorAll("input, textarea, select, details")].map((element) => {
    let place = placeOf(element);
    const count = seen.get(place) ?? 0;
    seen.set(place, count + 1);
    if (count) place += `#${count}`;
    return [place, element];
  });
}

function placeOf(element) {
  if (element.id) return `id:${element.id}`;
  const form = element.closest("form");
  return `${form?.dataset.action ?? ""}:${element.name ?? element.tagName}`;
}

/** A saved Today from an earlier day says so, and does not claim that nothing is due,
 * until the live view replaces it. The words and the day are the core's. */
function markIfFromAnotherDay(today) {
  const painted = view.querySelector("[data-day]");
  if (!painted || painted.dataset.day === today) return;
  for (const line of view.querySelectorAll("[data-stale]")) line.hidden = false;
  for (const empty of view.querySelectorAll("[data-empty-state]")) empty.hidden = true;
}

async function boot() {
  // The saved Today is painted first, before waiting on the write lock: it is what makes
  // the first paint quick, and it is only text until the live view replaces it.
  const snapshot = route === HOME ? storage.snapshot(SNAPSHOT_KEY) : null;
  if (snapshot && paintSnapshot(view, snapshot)) markIfFromAnotherDay(clock().today);
  const { taken, finished } = await storage.recover();
  if (!storage.available) appStatus.textContent = storage.unavailableMessage;
  await send({ type: "navigate", route }, { restart: true });
  if (finished) notice.textContent = `Finished saving a change that was interrupted (${finished} records).`;
  if (taken) {
    notice.textContent = `A change was cut short when Tend closed while saving it, so Tend took it back whole: ` +
      `none of the ${taken} records it touched changed. Make it again if you still want it.`;
  }
  root.dataset.app = "ready";
  performance.mark("tend-ready");
  sync.start(send, view).catch(oops);
  notes.start(send, view);
  if (storage.available) appStatus.textContent = "Ready. Your data stays in this browser.";
}

/** The offline copy is made once the app has answered (or failed to), so it never
 * competes with the first start; a failed start still lets a fixed version be picked up.
 * Then the worker caches what only some visits need (the guide, the vCard and calendar
 * readers). */
function keepOfflineCopy() {
  if (!("serviceWorker" in navigator) || !location.protocol.startsWith("http")) return;
  navigator.serviceWorker.register(new URL("../sw.js", import.meta.url))
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => registration.active?.postMessage({ type: "tend-later" }))
    .catch(() => {});
}

boot().catch(fail).finally(keepOfflineCopy);
