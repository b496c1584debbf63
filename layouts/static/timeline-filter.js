// Optional filtering of the timeline by entity or source. The page is complete without it.
(function () {
  "use strict";
  var form = document.querySelector(".timeline-filter");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".timeline-page [data-entities], .timeline-page [data-sources]"));
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
  function matches(el) { return has(el, "entities", entity.value) && has(el, "sources", source.value); }
  // A quote shows when it names the person (or comes from the source); an event when one of its
  // participants matches or one of its quotes shows; a day when anything in it shows.
  function apply() {
    var filtering = !!(entity.value || source.value);
    items.forEach(function (el) { if (!el.classList.contains("event")) el.hidden = !matches(el); });
    document.querySelectorAll(".event").forEach(function (event) {
      var quotes = event.querySelectorAll(".quote:not([hidden])").length;
      event.hidden = !(quotes || matches(event));
      var more = event.querySelector(".more-quotes");
      if (more) more.open = filtering;  // the matching quotes must not hide behind "n more"
    });
    document.querySelectorAll(".also-reported, .published").forEach(function (group) {
      group.hidden = filtering && !group.querySelector("li:not([hidden])");
    });
    document.querySelectorAll(".day").forEach(function (day) {
      day.hidden = filtering && !day.querySelector("[data-entities]:not([hidden]), [data-sources]:not([hidden])");
    });
    nothing.hidden = !filtering || !!document.querySelector(".day:not([hidden])");
  }
  var nothing = document.createElement("p");
  nothing.className = "empty";
  nothing.hidden = true;
  nothing.textContent = "Nothing here matches this choice.";
  form.after(nothing);
  entity.addEventListener("change", apply);
  source.addEventListener("change", apply);
  form.hidden = false;
})();
