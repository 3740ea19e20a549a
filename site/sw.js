// Tend's service worker: after the first visit, every file of this build is served from
// the cache, so the app and the guide open with the network off. build.py fills in the
// file lists and a version derived from the files' contents. FILES is what a start needs,
// cached when the worker installs; LATER (the guide, the vCard and calendar readers) is
// cached once the app is ready and asks for it, and any of it fetched before then is kept.
const VERSION = "{{ version }}";
const FILES = {{ files | tojson }};
const LATER = {{ later | tojson }};
const CACHE = `tend-${VERSION}`;
// The daily note's cache (shell/notes.mjs): the page's notes, kept across builds.
const NOTES = "tend-reminders";
// The core's memory snapshot (shell/memory-snapshot.mjs), made in the browser: the core
// checks its build key itself and replaces one of another build.
const SNAPSHOTS = "tend-memory-snapshot";
const TAG = "tend-daily";
const scope = new URL(self.registration.scope);
const precached = new Set(FILES.map((file) => new URL(file, scope).href));
const later = new Set(LATER.map((file) => new URL(file, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([...precached])).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("tend-") && ![CACHE, NOTES, SNAPSHOTS].includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The cached file a request stands for: a folder means its index.html. */
function cachedUrl(request) {
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return precached.has(url.href) || later.has(url.href) ? url.href : null;
}

/** A file of LATER from the network, kept for next time. */
async function fetchAndKeep(url) {
  const response = await fetch(url);
  if (response.ok) await (await caches.open(CACHE)).put(url, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = cachedUrl(event.request);
  if (!url) return;
  const miss = () => (later.has(url) ? fetchAndKeep(url) : fetch(event.request));
  event.respondWith(caches.match(url, { cacheName: CACHE }).then((hit) => hit ?? miss()));
});

/** Every file of LATER not cached yet, one at a time so they never crowd a click; a second
 * ask while the first is under way waits for the same run. */
let caching = null;
function cacheLater() {
  caching ??= (async () => {
    const cache = await caches.open(CACHE);
    for (const url of later) {
      if (!(await cache.match(url))) await fetchAndKeep(url);
    }
    return "cached";
  })().finally(() => { caching = null; });
  return caching;
}

/** Today's date where the user is, as the page's clock() writes it. */
function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The daily note: today's entry of what the page left (the core's notes), shown once a
 * day and only if the user turned it on and allowed notifications. Reads the cache only:
 * no Python, no request. Says what it did, for the page (and the tests) to check. */
async function dailyNote(today = localToday()) {
  if (Notification.permission !== "granted") return "not allowed";
  const cache = await caches.open(NOTES);
  const left = await cache.match(new URL("notes.json", scope).href);
  const { on = false, notes = [] } = left ? await left.json() : {};
  if (!on) return "off";
  const note = notes.find((n) => n.day === today);
  if (!note) return "no note for today";
  await self.navigator.setAppBadge?.(note.count).catch(() => {});
  const shownUrl = new URL("shown.json", scope).href;
  const shown = await cache.match(shownUrl);
  if (shown && (await shown.json()) === today) return "shown already";
  await cache.put(shownUrl, new Response(JSON.stringify(today)));
  if (!note.count) return "nothing due";
  await self.registration.showNotification("Tend", {
    body: note.text, tag: TAG, icon: new URL("icons/icon-192.png", scope).href,
    data: { url: new URL("#/today", scope).href },
  });
  return "shown";
}

self.addEventListener("periodicsync", (event) => {
  if (event.tag === TAG) event.waitUntil(dailyNote());
});

// The same function on request from a page of Tend's own (the tests call it this way).
self.addEventListener("message", (event) => {
  if (event.data?.type === "tend-later") {
    const said = (did) => event.source?.postMessage({ type: "tend-later", did });
    event.waitUntil(cacheLater().catch((error) => `failed: ${error?.message ?? error}`).then(said));
    return;
  }
  if (event.data?.type !== TAG) return;
  event.waitUntil(dailyNote(event.data.today).then((did) => event.source?.postMessage({ type: TAG, did })));
});

// Tapping the note opens Today in a Tend window, or brings one forward.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? scope.href;
  event.waitUntil(self.clients.matchAll({ type: "window" }).then((open) => {
    const tend = open.find((client) => client.url.startsWith(scope.href));
    return tend ? tend.focus() : self.clients.openWindow(url);
  }));
});
