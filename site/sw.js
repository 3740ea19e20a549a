// Tend's service worker: after the first visit, every file of this build is served from
// the cache, so the app and the guide open with the network off. build.py fills in the
// file list and a version derived from the files' contents.
const VERSION = "{{ version }}";
const FILES = {{ files | tojson }};
const CACHE = `tend-${VERSION}`;
const scope = new URL(self.registration.scope);
const precached = new Set(FILES.map((file) => new URL(file, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll([...precached])).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("tend-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The cached file a request stands for: a folder means its index.html. */
function cachedUrl(request) {
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  return precached.has(url.href) ? url.href : null;
}

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = cachedUrl(event.request);
  if (!url) return;
  event.respondWith(caches.match(url, { cacheName: CACHE }).then((hit) => hit ?? fetch(event.request)));
});
