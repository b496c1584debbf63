// Optional filtering of the timeline by entity or source. The page is complete without it.
(function () {
  "use strict";
  var form = document.querySelector(".timeline-filter");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".timeline [data-entities], .timeline [data-sources], .run-up [data-entities]"));
  var entityNames = {}, sourceNames = {};
  document.querySelectorAll(".participants a").forEach(function (a) {
    var id = a.getAttribute("href").split("/").slice(-2)[0];
    entityNames[id] = a.textContent;
  });
  items.forEach(function (el) {
    (el.dataset.sources || "").split(" ").forEach(function (s) { if (s) sourceNames[s] = s.replace(/-/g, " "); });
    (el.dataset.entities || "").split(" ").forEach(function (e) { if (e && !entityNames[e]) entityNames[e] = e.replace(/-/g, " "); });
  });
  function fill(select, names) {
    Object.keys(names).sort(function (a, b) { return names[a].localeCompare(names[b]); }).forEach(function (key) {
      var option = document.createElement("option");
      option.value = key; option.textContent = names[key];
      select.appendChild(option);
    });
  }
  var entity = form.querySelector("#filter-entity"), source = form.querySelector("#filter-source");
  fill(entity, entityNames); fill(source, sourceNames);
  function has(el, key, value) { return !value || (" " + (el.dataset[key] || "") + " ").indexOf(" " + value + " ") !== -1; }
  function apply() {
    items.forEach(function (el) {
      el.hidden = !(has(el, "entities", entity.value) && has(el, "sources", source.value));
    });
  }
  entity.addEventListener("change", apply);
  source.addEventListener("change", apply);
  form.hidden = false;
})();
