// localStorage, one key per record. Writes of one answer land all together or not at all:
// a change of several records is first written whole to a journal key, then applied, then
// the journal is removed. A page closed half-way leaves the journal, replayed at start.
const PREFIX = "tend/";
const JOURNAL = "tend-journal";

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

function set(key, value) {
  if (!backend) return value === null ? memory.delete(key) : memory.set(key, value);
  if (value === null) backend.removeItem(key);
  else backend.setItem(key, value);
}

export const storage = {
  available: backend !== null,
  unavailableMessage:
    "This browser is not letting Tend store anything (private mode or blocked storage). " +
    "You can use the app, but changes will be gone when you close this tab.",

  isRecordKey: (key) => key.startsWith(PREFIX),

  entries() {
    const out = {};
    const keys = backend ? Object.keys(backend) : [...memory.keys()];
    for (const key of keys) if (key.startsWith(PREFIX)) out[key] = get(key);
    return out;
  },

  /** Apply every write, or undo the ones done so far and report why nothing was saved. */
  writeAll(writes) {
    const done = [];
    try {
      // Removals alone need no journal: each stands on its own (what leaves is already in
      // a file), and a storage too full to hold a journal must still be able to shrink.
      if (writes.length > 1 && writes.some((w) => w.value !== null)) set(JOURNAL, JSON.stringify(writes));
      for (const { key, value } of writes) {
        done.push([key, get(key)]);
        set(key, value);
      }
      set(JOURNAL, null);
      return { ok: true };
    } catch (error) {
      for (const [key, previous] of done.reverse()) {
        try { set(key, previous); } catch { /* the previous value fitted before */ }
      }
      set(JOURNAL, null);
      const full = error?.name === "QuotaExceededError";
      return {
        ok: false,
        message: full
          ? "This browser's storage for Tend is full, so that change was not saved. Everything saved before is safe. " +
            "Open Your data to save a backup, then make room by moving old interactions to an archive file."
          : `That change could not be saved (${error?.name ?? "storage error"}). Everything saved before is safe.`,
      };
    }
  },

  /** Move entries to a new layout as the core planned (core.storage.codec.Rewrite): each one only
   * while its keys still hold what the core read, so another tab's newer edit stays. */
  rewrite(batch) {
    const writes = [];
    for (const r of batch) {
      if (get(r.old_key) !== r.old_value || get(r.new_key) !== r.new_before) continue;
      if (r.new_value !== null) writes.push({ key: r.new_key, value: r.new_value });
      writes.push({ key: r.old_key, value: null });
    }
    return this.writeAll(writes);
  },

  /** Finish a change a closed page left half-written; a journal that cannot be read is dropped. */
  recover() {
    const journal = get(JOURNAL);
    if (journal === null) return 0;
    let writes = [];
    try {
      writes = JSON.parse(journal);
      for (const { key, value } of writes) if (key.startsWith(PREFIX)) set(key, value);
    } catch {
      writes = [];
    }
    set(JOURNAL, null);
    return writes.length;
  },

  snapshot: (key) => get(key),

  keepSnapshot(key, html) {
    try { set(key, html); } catch { /* a snapshot is a convenience, never worth an error */ }
  },
};
