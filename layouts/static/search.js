// Offline search over a sharded index. Every file is a plain script (so it works from file://),
// loaded only when the reader searches: the manifest (search-index.js) first, then the term shards
// of the query's words and the document shards of the results shown.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!form || !input || !list) return;
  var root = "../";
  var PAGE = 10;
  var loading = {};
  var terms = {}, docs = {};
  window.DIGEST_SEARCH_TERMS = function (key, shard) { terms[key] = shard; };
  window.DIGEST_SEARCH_DOCS = function (number, shard) { docs[number] = shard; };

  function load(url) {
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + url;
        script.onload = resolve;
        script.onerror = function () { delete loading[url]; reject(new Error("cannot load " + url)); };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }
  function manifest() {
    return load("search-index.js").then(function () { return window.DIGEST_SEARCH_INDEX; });
  }
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(query) {
    return fold(query).split(/[^0-9a-z\u00c0-\uffff]+/).filter(function (w) { return w.length > 0; });
  }
  function keyOf(text) {
    return text.replace(/[^a-z0-9]/g, "_");
  }
  function shardKeys(index, term) {
    var length = index.key_length;
    if (term.length >= length) return [keyOf(term.slice(0, length))];
    var start = keyOf(term);
    return Object.keys(index.terms).filter(function (key) { return key.slice(0, term.length) === start; });
  }
  function decode(text, count, flags, flag) {
    if (!text) return;
    if (text.charAt(0) === "~") {
      var bytes = atob(text.slice(1));
      for (var b = 0; b < bytes.length; b++) {
        var byte = bytes.charCodeAt(b);
        for (var bit = 0; byte && bit < 8; bit++, byte >>= 1) if (byte & 1) flags[b * 8 + bit] |= flag;
      }
      return;
    }
    var gaps = text.split(","), at = -1;
    for (var i = 0; i < gaps.length; i++) { at += parseInt(gaps[i], 36) + 1; flags[at] |= flag; }
  }
  // Where each document holds a word beginning with `term`: 4 title, 2 names, 1 body.
  function matches(index, term) {
    var keys = shardKeys(index, term).filter(function (key) { return index.terms[key]; });
    return Promise.all(keys.map(function (key) {
      return load("search/t/" + key + ".js?v=" + index.terms[key]);
    })).then(function () {
      var flags = new Uint8Array(index.count);
      keys.forEach(function (key) {
        var shard = terms[key] || {};
        Object.keys(shard).forEach(function (word) {
          if (word.slice(0, term.length) !== term) return;
          var lists = shard[word];
          decode(lists[0], index.count, flags, 4);
          decode(lists[1], index.count, flags, 2);
          decode(lists[2], index.count, flags, 1);
        });
      });
      return flags;
    });
  }
  // Documents matching every word, best first: title 10, names 4, body 1 per word; then newest.
  function rank(index, perTerm) {
    var hits = [];
    for (var doc = 0; doc < index.count; doc++) {
      var total = 0;
      for (var t = 0; t < perTerm.length; t++) {
        var f = perTerm[t][doc];
        if (!f) { total = 0; break; }
        total += (f & 4 ? 10 : 0) + (f & 2 ? 4 : 0) + (f & 1 ? 1 : 0);
      }
      if (total) hits.push({ doc: doc, score: total });
    }
    return hits.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; });
  }
  function entryOf(index, doc) {
    var shard = docs[Math.floor(doc / index.per_doc_shard)];
    return shard[doc % index.per_doc_shard];
  }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function humanDate(iso) {  // "2022-01-09" -> "9 Jan 2022", as the cards print dates
    var parts = iso.split("-");
    return parts.length === 3 ? (+parts[2]) + " " + MONTHS[+parts[1] - 1] + " " + parts[0] : iso;
  }
  function show(e) {
    var li = element("li", "search-result");
    var h = element("h2", "card-title"), a = element("a", null, e[0]);
    a.href = root + e[1]; h.appendChild(a); li.appendChild(h);
    var meta = element("p", "byline", e[2] + " · ");
    var time = element("time", null, humanDate(e[3])); time.setAttribute("datetime", e[3]); meta.appendChild(time);
    li.appendChild(meta);
    e[5].forEach(function (notice) { li.appendChild(element("p", "flag", notice)); });
    li.appendChild(element("p", "summary", e[4]));
    list.appendChild(li);
  }
  var current = 0, shown = 0, results = null;
  function busy(flag) { list.setAttribute("aria-busy", flag ? "true" : "false"); }  // results still coming
  function showMore(index, run) {
    var batch = results.slice(shown, shown + PAGE);
    busy(true);
    var needed = {};
    batch.forEach(function (hit) { needed[Math.floor(hit.doc / index.per_doc_shard)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) {
      return load("search/d/" + n + ".js?v=" + index.docs[n]);
    })).then(function () {
      if (run !== current) return;
      batch.forEach(function (hit) { show(entryOf(index, hit.doc)); });
      shown += batch.length;
      if (more) more.hidden = shown >= results.length;
      busy(false);
    });
  }
  function search(query) {
    var run = ++current;
    var wanted = words(query);
    if (!wanted.length) {
      list.textContent = ""; status.textContent = ""; if (more) more.hidden = true; busy(false);
      return Promise.resolve();
    }
    busy(true);
    return manifest().then(function (index) {
      return Promise.all(wanted.map(function (term) { return matches(index, term); })).then(function (perTerm) {
        if (run !== current) return;
        results = rank(index, perTerm);
        shown = 0;
        list.textContent = "";
        status.textContent = results.length + (results.length === 1 ? " article matches " : " articles match ") + "“" + query + "”.";
        return showMore(index, run);
      });
    }).catch(function () {
      if (run === current) { status.textContent = "The search index could not be loaded."; busy(false); }
    });
  }
  if (more) more.addEventListener("click", function () { manifest().then(function (index) { showMore(index, current); }); });
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  search(input.value);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
})();
