// Offline reading: register the service worker only where browsers allow it (http/https).
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var script = document.currentScript;
  var url = script && script.getAttribute("data-sw");
  if (url) navigator.serviceWorker.register(url).catch(function () { /* offline cache is a bonus */ });
})();
