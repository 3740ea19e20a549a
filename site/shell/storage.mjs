// localStorage: one key per record, or per pack of settled records (core.storage.packs). Writes of one answer land all together or not at all.
// Before a change of several records, a journal key names the keys it will add and keeps
// copies of the values it will replace (never of the new values, so a large import does
// not need its own size free twice); then the writes are applied in slices and the
// journal removed. A change that fails half-way, or that a closed page left half-done,
// is taken back whole from the journal: added keys removed, replaced ones restored.
// Every write runs under the Web Lock "tend-write" where the browser has it, so two
// tabs never journal at once; in one tab, writes run one after another in any case.
import { newLock, openLock, openValue, readLock, sealValue } from "./vault.mjs";

const PREFIX = "tend/";
// The lock (core/storage/lock.py): when this key is stored, record values are sealed and
// `session` holds the open lock (with its key) once the passphrase was typed in this tab.
export const LOCK_KEY = "tend-lock";
let session = null;
const OWN = "tend";
const JOURNAL = "tend-journal";
const SLICE_CHARS = 256 * 1024;
const LOCK = "tend-write";

// Each tab holds a lock of its own while it lives, and signs its journal with it: a
// journal whose tab is still open is that tab's (another tab's view of storage can lag
// behind its writes by a moment), never one to take back.
const TAB = [...crypto.getRandomValues(new Uint32Array(4))].map((n) => n.toString(36)).join("");
const tabLock = (tab) => `tend-tab-${tab}`;
navigator.locks?.request(tabLock(TAB), () => new Promise(() => {}));

/** localStorage if this page may use it; null when blocked. A full store still counts. */
function probe() {
  try {
    localStorage.getItem("tend-probe");
    return localStorage;
  } catch {
    return null;
  }
}

const backend = probe();
const memory = new Map();

function get(key) {
  return backend ? backend.getItem(key) : (memory.get(key) ?? null);
}

function keys() {
  return backend ? Object.keys(backend) : [...memory.keys()];
}

/** Set or remove one key, keeping the count of what the origin holds. */
function set(key, value) {
  if (!backend) value === null ? memory.delete(key) : memory.set(key, value);
  else if (value === null) backend.removeItem(key);
  else backend.setItem(key, value);
  recount(key);
}

// Characters (key plus value, as the browser counts them) on this origin: Tend's records,
// Tend's other keys (the saved Today, a journal) and other pages'. Counted once, then kept
// up to date from this tab's writes and the storage events of every other page; each key
// is counted as it is now, so an event that arrives late never counts a key twice.
const sizes = { records: 0, extras: 0, others: 0 };
const counted = new Map();

function group(key) {
  if (key.startsWith(PREFIX)) return "records";
  return key.startsWith(OWN) ? "extras" : "others";
}

function recount(key) {
  const value = get(key);
  const size = value === null ? 0 : key.length + value.length;
  sizes[group(key)] += size - (counted.get(key) ?? 0);
  if (value === null) counted.delete(key);
  else counted.set(key, size);
}

function countAll() {
  for (const name of Object.keys(sizes)) sizes[name] = 0;
  counted.clear();
  for (const key of keys()) recount(key);
}

countAll();
if (backend) {
  window.addEventListener("storage", (e) => {
    if (e.storageArea !== backend) return;
    if (e.key === null) countAll();
    else recount(e.key);
  });
}

/** Run `work` alone: after this tab's earlier writes, and under the Web Lock when there is one. */
let queue = Promise.resolve();
function alone(work) {
  const locked = () =>
    navigator.locks ? navigator.locks.request(LOCK, { mode: "exclusive" }, work) : work();
  const run = queue.then(locked, locked);
  queue = run.catch(() => {});
  return run;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

const FULL =
  "This browser's storage for Tend is full, so that change was not saved. Everything saved before is safe. " +
  "Open Your data to save a backup, then see what is using the space and how to make room.";
const NO_ROOM_TO_UNDO =
  "That change was not saved: the browser has no room left to keep a copy of what it would " +
  "replace while it is being saved. Everything saved before is safe. " +
  "Open Your data to save a backup, then see what is using the space and how to make room.";

/** What the journal must hold for `writes`: the keys added, the old values of keys replaced. */
function journalFor(writes) {
  const added = new Set();
  const old = {};
  for (const { key } of writes) {
    if (added.has(key) || Object.hasOwn(old, key)) continue;
    const previous = get(key);
    if (previous === null) added.add(key);
    else old[key] = previous;
  }
  return { added: [...added], old, tab: TAB };
}

/** A journal as read back: null unless every part is what Tend writes (a damaged or planted
 * one is never followed). */
function readJournal(text) {
  let journal;
  try {
    journal = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(journal)) return journal; // Tend's earlier form: the writes themselves
  const ours = (key) => typeof key === "string" && (key.startsWith(PREFIX) || key === LOCK_KEY);
  const { added, old } = journal ?? {};
  if (!Array.isArray(added) || !added.every(ours)) return null;
  if (typeof old !== "object" || old === null || Array.isArray(old)) return null;
  if (!Object.entries(old).every(([key, value]) => ours(key) && typeof value === "string")) return null;
  return { added, old, tab: typeof journal.tab === "string" ? journal.tab : null };
}

/** Put storage back as the journal says it was; true when all of it went back.
 * Removals first and shrinking values before growing ones, so each step fits. */
function takeBack({ added, old }) {
  for (const key of added) set(key, null);
  const growth = ([key, value]) => [key, value, value.length - (get(key) ?? "").length];
  const restores = Object.entries(old).map(growth).sort((a, b) => a[2] - b[2]);
  try {
    for (const [key, value] of restores) set(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Follow a journal left behind; returns how many records it touched. Tend's earlier
 * journal (the writes themselves) is finished; today's is taken back. A journal that
 * cannot be read is dropped and nothing changes. One that cannot be fully taken back
 * stays, to be tried again. */
async function settle() {
  const text = get(JOURNAL);
  if (text === null) return { taken: 0, finished: 0 };
  const journal = readJournal(text);
  if (Array.isArray(journal)) {
    let finished = 0;
    try {
      for (const w of journal) {
        if (typeof w?.key === "string" && w.key.startsWith(PREFIX) && (typeof w.value === "string" || w.value === null)) {
          set(w.key, w.value);
          finished += 1;
        }
      }
    } catch { /* what could not be finished stays as it was */ }
    set(JOURNAL, null);
    return { taken: 0, finished };
  }
  if (journal === null) {
    set(JOURNAL, null);
    return { taken: 0, finished: 0 };
  }
  if (await stillOpen(journal.tab)) return { taken: 0, finished: 0 };
  const whole = takeBack(journal);
  if (whole) set(JOURNAL, null);
  return { taken: journal.added.length + Object.keys(journal.old).length, finished: 0, stuck: !whole };
}

/** Whether the tab that wrote a journal is still open (it finishes or takes back its own). */
async function stillOpen(tab) {
  if (!navigator.locks || tab === null || tab === TAB) return false;
  const { held } = await navigator.locks.query();
  return held.some((lock) => lock.name === tabLock(tab));
}

/** Apply `writes` in slices that yield to the page; on any failure take the change back whole. */
async function applyAll(writes) {
  // Removals alone need no journal: each stands on its own (what leaves is already in
  // a file), and a storage too full to hold a journal must still be able to shrink.
  // One write is atomic by itself.
  if (writes.length <= 1 || writes.every((w) => w.value === null)) {
    try {
      for (const { key, value } of writes) set(key, value);
      return { ok: true };
    } catch (error) {
      return refused(error, FULL);
    }
  }
  const journal = journalFor(writes);
  try {
    set(JOURNAL, JSON.stringify(journal));
  } catch (error) {
    // A journal of new keys alone copies nothing: the storage is simply full.
    return refused(error, Object.keys(journal.old).length ? NO_ROOM_TO_UNDO : FULL);
  }
  try {
    let slice = 0;
    for (const { key, value } of writes) {
      set(key, value);
      slice += key.length + (value?.length ?? 0);
      if (slice >= SLICE_CHARS) {
        slice = 0;
        await nextTask();
      }
    }
  } catch (error) {
    if (takeBack(journal)) set(JOURNAL, null);
    return refused(error, FULL);
  }
  set(JOURNAL, null);
  return { ok: true };
}

function refused(error, fullMessage) {
  const full = error?.name === "QuotaExceededError";
  return {
    ok: false,
    message: full
      ? fullMessage
      : `That change could not be saved (${error?.name ?? "storage error"}). Everything saved before is safe.`,
  };
}

export const storage = {
  available: backend !== null,
  unavailableMessage:
    "This browser is not letting Tend store anything (private mode or blocked storage). " +
    "You can use the app, but changes will be gone when you close this tab.",

  isRecordKey: (key) => key.startsWith(PREFIX),

  /** "off", "open" (locked, and the passphrase typed in this tab) or "closed". */
  lockState: () => (get(LOCK_KEY) === null ? "off" : session ? "open" : "closed"),

  /** Every record as plain text; none while the lock is closed (nothing can be read).
   * A value that does not open is given as stored, so the core keeps it aside as damaged. */
  async entries() {
    const out = {};
    if (get(LOCK_KEY) !== null && !session) return out;
    const names = keys().filter((key) => key.startsWith(PREFIX));
    const values = await Promise.all(names.map((key) => plain(key, get(key))));
    names.forEach((key, i) => { out[key] = values[i]; });
    return out;
  },

  /** A value another tab stored, as plain text for the core. */
  plain: (key, value) => plain(key, value),

  /** Lock, open or unlock as the core asked (core.storage.lock); the fields to send back. */
  async lockStep(how) {
    try {
      const done = await LOCK_STEPS[how.do](how);
      return { [how.field]: [done.ok === false ? "failed" : done.ok === "no" ? "no" : "yes"],
               failure: [done.message ?? ""] };
    } catch (error) {
      return { [how.field]: ["failed"], failure: [String(error?.message ?? error)] };
    }
  },

  /** What the origin holds beside Tend's records, in characters, for the core's meter. */
  room: () => ({ extras: sizes.extras, others: sizes.others }),

  /** Apply every write, or none of them and say why nothing was saved. A journal another
   * tab left when it closed is taken back first (under the lock no live tab can own it);
   * `settled` says how many records that touched, so the caller can reload what it shows. */
  async writeAll(writes) {
    if (get(LOCK_KEY) !== null && !session && writes.length) return refused({ name: "locked" }, FULL);
    writes = await Promise.all(writes.map(sealed));
    return alone(async () => {
      const left = navigator.locks ? await settle() : { taken: 0, finished: 0 };
      // A change that could not be taken back yet keeps its journal: nothing may replace it.
      const result = left.stuck ? refused({ name: "QuotaExceededError" }, FULL) : await applyAll(writes);
      return { ...result, settled: left.taken + left.finished };
    });
  },

  /** Move entries as the core planned (core.storage.repack.Rewrite): each one only while its
   * keys still hold what the core read, so another tab's newer edit stays. */
  rewrite(batch) {
    return alone(async () => {
      const writes = [];
      const now = (key) => (get(key) === null ? null : plain(key, get(key)));
      for (const r of batch) {
        const olds = [[r.old_key, r.old_value], ...Object.entries(r.also ?? {})];
        const held = await Promise.all(olds.map(([key]) => now(key)));
        if (held.some((value, i) => value !== olds[i][1]) || (await now(r.new_key)) !== r.new_before) continue;
        if (r.new_value !== null) writes.push(await sealed({ key: r.new_key, value: r.new_value }));
        for (const [key] of olds) writes.push({ key, value: null });
      }
      return applyAll(writes);
    });
  },

  /** Settle a change a closed page left half-done: how many records were taken back
   * (`taken`), or finished from an earlier Tend's journal (`finished`); `stuck` when the
   * browser refused to take it all back yet (the journal stays for the next try). */
  recover() {
    return alone(settle);
  },

  // While locked, the keys the lock drops (the saved Today) are neither read nor kept.
  snapshot: (key) => (dropped(key) ? null : get(key)),

  keepSnapshot(key, html) {
    if (dropped(key)) return;
    try { set(key, html); } catch { /* a snapshot is a convenience, never worth an error */ }
  },
};

function dropped(key) {
  const text = get(LOCK_KEY);
  return text !== null && (readLock(text)?.drop.includes(key) ?? true);
}

/** A record's value as the core reads it: opened with the session's lock when sealed. */
async function plain(key, value) {
  if (!session || value === null || !key.startsWith(session.prefix)) return value;
  return (await openValue(session, key, value)) ?? value;
}

/** A write as it is stored: sealed on its own when the lock is open. */
async function sealed(write) {
  if (!session || write.value === null || !write.key.startsWith(session.prefix)) return write;
  return { key: write.key, value: await sealValue(session, write.key, write.value) };
}

// What each of the core's lock requests does. Locking never journals: a journal keeps the
// values it replaces, and those are the plain records the lock is there to hide. The lock
// record is stored first, then each record is sealed in place, one write at a time (each
// lands whole), so a page closed half-way leaves a store that opens with the passphrase,
// and opening it seals what is still plain. If the browser refuses part of it, the records
// sealed so far go back as they were (plain values are the smaller ones, so they fit).
// Unlocking rewrites every record in one journalled change, whose copies are sealed.
// Opening writes nothing unless a lock was left half-done.
const LOCK_STEPS = {
  lock: (how) => alone(async () => {
    const { lock, record } = await newLock(how);
    const names = keys().filter((key) => key.startsWith(how.prefix));
    const plainValues = names.map(get);
    const values = await Promise.all(names.map((key, i) => sealValue(lock, key, plainValues[i])));
    for (const key of how.drop) set(key, null);
    try {
      set(how.key, JSON.stringify(record));
    } catch (error) {
      return refused(error, FULL);
    }
    const done = await putEach(names.map((key, i) => ({ key, value: values[i] })));
    if (done < names.length) {
      for (let i = 0; i < done; i += 1) set(names[i], plainValues[i]);
      set(how.key, null);
      return refused({ name: "QuotaExceededError" }, FULL);
    }
    session = lock;
    return { ok: true };
  }),

  async unlock(how) {
    const record = readLock(get(how.key));
    if (record === null) return { ok: false, message: "the lock record is damaged" };
    const lock = await openLock(record, how.key, how.passphrase);
    if (lock === null) return { ok: "no" };
    session = lock;
    await alone(() => sealLeftovers(lock));
    return { ok: true };
  },

  remove: (how) => alone(async () => {
    const names = keys().filter((key) => key.startsWith(session.prefix));
    const values = await Promise.all(names.map((key) => plain(key, get(key))));
    const writes = names.map((key, i) => ({ key, value: values[i] }));
    writes.push({ key: how.key, value: null });
    const result = await applyAll(writes);
    if (result.ok) session = null;
    return result;
  }),
};

/** Store each write on its own, yielding to the page between slices; how many landed
 * before the browser refused one (all of them when none was refused). */
async function putEach(writes) {
  let slice = 0;
  for (const [i, { key, value }] of writes.entries()) {
    try {
      set(key, value);
    } catch {
      return i;
    }
    slice += key.length + value.length;
    if (slice >= SLICE_CHARS) {
      slice = 0;
      await nextTask();
    }
  }
  return writes.length;
}

/** Seal the records a lock left plain when its page closed half-way (none, usually). A
 * refusal leaves the rest plain, to be sealed the next time the lock is opened. */
async function sealLeftovers(lock) {
  const names = keys().filter((key) => key.startsWith(lock.prefix) && !get(key).startsWith(lock.marker));
  const values = await Promise.all(names.map((key) => sealValue(lock, key, get(key))));
  await putEach(names.map((key, i) => ({ key, value: values[i] })));
}
