// Offline search over window.DIGEST_SEARCH (loaded as a script, so it works from file://).
(function () {
  "use strict";
  var index = window.DIGEST_SEARCH || [];
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !list) return;
  var root = "../";

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(query) {
    return fold(query).split(/[^0-9a-z\u00c0-\uffff]+/).filter(function (w) { return w.length > 0; });
  }
  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], inTitle = fold(entry.t).indexOf(term) !== -1;
      var inKeys = entry.k.indexOf(term) !== -1, inBody = entry.b.indexOf(term) !== -1;
      if (!inTitle && !inKeys && !inBody) return 0;   // every word must match somewhere
      total += (inTitle ? 10 : 0) + (inKeys ? 4 : 0) + (inBody ? 1 : 0);
    }
    return total;
  }
  function snippet(entry) {
    return entry.p;  // the article's summary (the index keeps only distinct words of the body)
  }
  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  function render(query) {
    list.textContent = "";
    var terms = words(query);
    if (!terms.length) { status.textContent = ""; return; }
    var hits = index.map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
      .filter(function (hit) { return hit.score > 0; })
      .sort(function (a, b) { return b.score - a.score || (a.entry.d < b.entry.d ? 1 : -1); });
    status.textContent = hits.length + (hits.length === 1 ? " article matches " : " articles match ") + "“" + query + "”.";
    hits.slice(0, 50).forEach(function (hit) {
      var e = hit.entry, li = element("li", "search-result");
      var h = element("h2", "card-title"), a = element("a", null, e.t);
      a.href = root + e.u; h.appendChild(a); li.appendChild(h);
      var meta = element("p", "byline", e.s + " · ");
      var time = element("time", null, humanDate(e.d)); time.setAttribute("datetime", e.d); meta.appendChild(time);
      li.appendChild(meta);
      e.n.forEach(function (notice) { li.appendChild(element("p", "flag", notice)); });
      li.appendChild(element("p", "summary", snippet(e)));
      list.appendChild(li);
    });
  }
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function humanDate(iso) {  // "2022-01-09" -> "9 Jan 2022", as the cards print dates
    var parts = iso.split("-");
    return parts.length === 3 ? (+parts[2]) + " " + MONTHS[+parts[1] - 1] + " " + parts[0] : iso;
  }
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  render(input.value);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    render(input.value);
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
  });
  input.addEventListener("input", function () { render(input.value); });
})();
