// news-digest service worker: pages visited once keep working offline.
// The site's sw.js sets the cache name of its build and the core files, then imports this file.
const CACHE = self.DIGEST_CACHE;
const CORE = self.DIGEST_CORE;
// Search shards are named by the hash of their bytes (?v=...): kept across versions, fetched once.
const SHARDS = "digest-search-shards";
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(CORE)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith("digest-") && key !== CACHE && key !== SHARDS).map((key) => caches.delete(key))
  )).then(() => self.clients.claim()));
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (/\/search\/[td]\/[^/]+\.js$/.test(url.pathname) && url.searchParams.has("v")) {
    event.respondWith(caches.open(SHARDS).then((cache) => cache.match(request).then((hit) => hit ||
      fetch(request).then((response) => { if (response.ok) cache.put(request, response.clone()); return response; }))));
    return;
  }
  // Network first for pages (fresh when online), cache first for everything else.
  const isPage = request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html");
  const fromNetwork = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  });
  // Offline, a page is the copy saved when it was visited (whatever its ?query: the search page
  // reads its own), or the offline page, which says so (never "page not found").
  event.respondWith(isPage
    ? fromNetwork.catch(() => caches.match(request, {ignoreSearch: true}).then((hit) => hit || caches.match("offline.html")))
    : caches.match(request).then((hit) => hit || fromNetwork));
});
