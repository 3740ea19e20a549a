// The daily note (core.rules.daily_note), the shell's side: the switch, the browser's
// permission, and the notes the core worked out, left in Cache Storage for the service
// worker (which cannot read localStorage and never loads Python). What a note says and
// how many things each day holds are the core's; the worker only picks today's.
import { storage } from "./storage.mjs";

const SWITCH_KEY = "tend-notes:on";
// Shared with sw.js, which keeps this cache when it clears an old build's files.
const CACHE = "tend-reminders";
const TAG = "tend-daily";
const DAY_MS = 24 * 60 * 60 * 1000;

let send = null;
// Working out a week of notes costs the core about a second at 1,500 people, so it is
// asked for only when the user turns the note on and each time the page is hidden
// (the user is leaving: what stands then is what the note should count).
let asked = false;
let left = "";

const supported = () => "Notification" in window && "serviceWorker" in navigator &&
  "showNotification" in ServiceWorkerRegistration.prototype;

/** Whether the user turned the note on here. */
const wanted = () => storage.snapshot(SWITCH_KEY) === "yes";

/** Whether this request should ask the core for the notes (once per asking). */
export function ask() {
  const now = asked && wanted();
  asked = false;
  return now;
}

/** Ask the core for the notes now, with an answer that changes nothing on the page. */
function refresh() {
  asked = true;
  return send({ type: "navigate", route: location.hash || "#/today" }, { keepTyping: true, quiet: true });
}

function state() {
  if (!supported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return wanted() && Notification.permission === "granted" ? "on" : "off";
}

/** Show the panel's part for this browser and switch. */
export function paint(view) {
  const panel = view.querySelector("[data-notes-panel]");
  if (!panel) return;
  const now = state();
  panel.dataset.state = now;
  for (const part of panel.querySelectorAll("[data-notes-when]")) part.hidden = part.dataset.notesWhen !== now;
}

/** Leave the worker what it reads: the switch and the core's notes (none when off). */
async function leave(notes) {
  const text = JSON.stringify({ on: wanted(), notes: wanted() ? notes : [] });
  if (text === left) return;
  const cache = await caches.open(CACHE);
  const scope = (await navigator.serviceWorker.ready).scope;
  await cache.put(new URL("notes.json", scope).href,
    new Response(text, { headers: { "Content-Type": "application/json" } }));
  left = text;
}

/** The core's notes from an answer, for the worker. */
export function keep(notes) {
  if (wanted() && supported()) leave(notes).catch(() => {});
}

async function turnOn() {
  if ((await Notification.requestPermission()) !== "granted") return;
  storage.keepSnapshot(SWITCH_KEY, "yes");
  const registration = await navigator.serviceWorker.ready;
  // Only an installed app may sync in the background; elsewhere this is refused, and
  // the note then comes only when the worker is woken otherwise.
  await registration.periodicSync?.register(TAG, { minInterval: DAY_MS }).catch(() => {});
  await refresh();
}

async function turnOff() {
  storage.keepSnapshot(SWITCH_KEY, "no");
  await leave([]);
  const registration = await navigator.serviceWorker.ready;
  await registration.periodicSync?.unregister(TAG).catch(() => {});
  for (const shown of await registration.getNotifications({ tag: TAG })) shown.close();
}

/** Connect to the app: `sendEvent` is the shell's send(). */
export function start(sendEvent, view) {
  send = sendEvent;
  view.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-notes]");
    if (!button) return;
    (button.dataset.notes === "on" ? turnOn() : turnOff())
      .then(() => paint(view))
      .catch((error) => console.error(error));
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && wanted()) refresh().catch(() => {});
  });
}
