// The sync folder (File System Access API): the shell's side only. It keeps the folder's
// handle (IndexedDB) and this device's id, name and digest (localStorage), lists the
// folder's files for the core, and writes and removes the files the core names. What a
// device file is, which to read, how they merge and what to write: all core.actions.sync.
import { storage } from "./storage.mjs";

const CONFIG_KEY = "tend-sync:device";
const DB = "tend-sync";
const AFTER_CHANGE_MS = 2000;
const RETRY_MS = 5000;

let folder = null;
let passphrase = "";
let send = null;
let running = null;
let again = false;
let timer = null;

const supported = () => "showDirectoryPicker" in window;
const config = () => JSON.parse(storage.snapshot(CONFIG_KEY) || "null");
const keep = (value) => storage.keepSnapshot(CONFIG_KEY, JSON.stringify(value));

/** The IndexedDB store that keeps the folder's handle between visits. */
function handles(mode, work) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore("handles");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = work(open.result.transaction("handles", mode).objectStore("handles"));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    };
  });
}

/** Which part of the panel to show: the words are the core's, on data-sync-when. */
async function state() {
  if (!folder) return supported() ? "none" : "unsupported";
  if (folder.queryPermission && (await folder.queryPermission({ mode: "readwrite" })) !== "granted") return "permission";
  if (config()?.sealed && !passphrase) return "locked";
  return "on";
}

let paints = 0;

/** Show the panel's state, and whether the browser keeps Tend's data. Both answers are
 * awaited, so a paint that a newer one overtook leaves the last word to it. */
export async function paint(view) {
  const mine = ++paints;
  const panel = view.querySelector("[data-sync-panel]");
  if (!panel) return;
  const now = await state();
  if (mine !== paints) return;
  panel.dataset.state = now;
  for (const part of panel.querySelectorAll("[data-sync-when]")) part.hidden = part.dataset.syncWhen !== now;
  const kept = await navigator.storage?.persisted?.();
  if (mine !== paints) return;
  for (const line of panel.querySelectorAll("[data-persist]")) {
    line.hidden = kept === undefined || line.dataset.persist !== (kept ? "granted" : "denied");
  }
}

/** Start syncing with `handle` (picked by the user, or given by a test as an Origin
 * Private File System folder standing in for a synced one). */
export async function use(handle, name, secret = "") {
  folder = handle;
  passphrase = secret;
  const id = config()?.device_id ?? newDeviceId();
  keep({ device_id: id, device_name: name || "This device", sealed: Boolean(secret), digest: "" });
  await handles("readwrite", (store) => store.put(handle, "folder"));
  await navigator.storage?.persist?.();
  return syncNow();
}

function newDeviceId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}

/** Every .json file at the folder's top, and the rolling backups' names. */
async function listing() {
  const names = [];
  const texts = [];
  for await (const [name, entry] of folder.entries()) {
    if (entry.kind !== "file" || !name.endsWith(".json")) continue;
    names.push(name);
    texts.push(await (await entry.getFile()).text());
  }
  let backups = [];
  try {
    const inside = await folder.getDirectoryHandle("Tend backups");
    for await (const [name] of inside.entries()) backups.push(name);
  } catch { backups = []; }
  return { names, texts, backups };
}

/** One sync, or the next one queued behind the one running. Resolves when done. */
export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      if ((await state()) !== "on") return;
      const { device_id, device_name, digest } = config();
      const files = await listing();
      await send({ type: "sync_folder", fields: { device_id, device_name, last_digest: digest, passphrase, ...files } },
        { keepTyping: true, quiet: true });
    } while (again);
  })().finally(() => { running = null; });
  return running;
}

/** Write and remove what the core's sync answer names (core.formats.device_file.SyncReport). */
export async function apply(report) {
  for (const file of report.writes) {
    const place = file.folder ? await folder.getDirectoryHandle(file.folder, { create: true }) : folder;
    const writable = await (await place.getFileHandle(file.name, { create: true })).createWritable();
    await writable.write(file.text);
    await writable.close();
    if (file.digest) keep({ ...config(), digest: file.digest });
  }
  for (const file of report.removals) {
    const place = await folder.getDirectoryHandle(file.folder);
    await place.removeEntry(file.name).catch(() => {});
  }
  if (report.retry) setTimeout(() => syncNow().catch(() => {}), RETRY_MS);
}

/** A change was saved here: sync a moment later, once the user pauses. */
export function changed() {
  if (!folder) return;
  clearTimeout(timer);
  timer = setTimeout(() => syncNow().catch(() => {}), AFTER_CHANGE_MS);
}

/** The panel's buttons. */
async function pressed(button, view) {
  const action = button.dataset.sync;
  if (action === "choose") {
    const handle = await window.showDirectoryPicker({ id: "tend-sync", mode: "readwrite" });
    await use(handle, view.querySelector("#sync-device-name")?.value.trim(), view.querySelector("#sync-passphrase")?.value ?? "");
  } else if (action === "allow") {
    await folder.requestPermission({ mode: "readwrite" });
    await syncNow();
  } else if (action === "unlock") {
    passphrase = view.querySelector("#sync-unlock")?.value ?? "";
    await syncNow();
  } else if (action === "now") {
    await syncNow();
  } else if (action === "forget") {
    folder = null;
    await handles("readwrite", (store) => store.delete("folder"));
  }
  await paint(view);
}

/** Connect to the app: `sendEvent` is the shell's send(); the folder chosen on an
 * earlier visit is taken up again, and a sync runs now and whenever the tab comes back. */
export async function start(sendEvent, view) {
  send = sendEvent;
  view.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-sync]");
    // Closing the folder picker without choosing is not an error.
    if (button) pressed(button, view).catch((error) => { if (error?.name !== "AbortError") console.error(error); });
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") syncNow().catch(() => {});
  });
  window.addEventListener("focus", () => syncNow().catch(() => {}));
  if (!supported() || !config()) return;
  folder = (await handles("readonly", (store) => store.get("folder")).catch(() => null)) ?? null;
  await syncNow();
  // The view was drawn before the handle came back: show whether the folder needs the
  // user again (its permission, or the passphrase for this visit).
  await paint(view);
}
