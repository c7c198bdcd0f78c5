/* Winners explorer: filters, search and sorting over the table the page
   already lists, so the page works without JavaScript. The filters live in
   the URL query string, so a filtered view can be shared and reloaded. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("explorer");
  if (!form || !table || !window.URLSearchParams) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var FILTERS = ["year", "tier", "region", "province", "type"];
  // Same as generator.text.search_key: Thai has no spaces between words, so
  // spaces and pasted invisible characters never decide a match.
  var IGNORED = /[\s\u00ad\u200b-\u200d\u2060\ufeff]+/g;
  var fulltext = null;
  var loading = false;
  var sortKey = null;
  var sortDescending = false;

  function searchKey(text) {
    return text.normalize("NFC").toLowerCase().replace(IGNORED, "");
  }

  function loadFulltext() {
    if (loading) return;
    loading = true;
    fetch(form.getAttribute("data-search"))
      .then(function (response) { return response.json(); })
      .then(function (texts) { fulltext = texts; apply(); })
      .catch(function () { fulltext = {}; });
  }

  function state() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value) values[field.name] = field.value;
    });
    return values;
  }

  function apply() {
    var values = state();
    var query = values.q ? searchKey(values.q) : "";
    if (query && fulltext === null) loadFulltext();
    var shown = 0;
    rows.forEach(function (row) {
      var data = row.dataset;
      var keep = FILTERS.every(function (name) {
        return !values[name] || data[name] === values[name];
      });
      if (keep && values.theme) keep = data.themes.split("|").indexOf(values.theme) >= 0;
      var inWriteup = false;
      if (keep && query && data.text.indexOf(query) < 0) {
        inWriteup = Boolean(fulltext && (fulltext[data.key] || "").indexOf(query) >= 0);
        keep = inWriteup;
      }
      row.hidden = !keep;
      row.classList.toggle("match-writeup", inWriteup);
      if (keep) shown += 1;
    });
    count.textContent = count.getAttribute("data-template").replace("{n}", shown);
    empty.hidden = shown > 0;
    var params = new URLSearchParams(values);
    if (sortKey) params.set("sort", (sortDescending ? "-" : "") + sortKey);
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function sortBy(key, descending) {
    sortKey = key;
    sortDescending = descending;
    var attribute = "data-s-" + key;
    var order = rows.slice().sort(function (a, b) {
      var difference = Number(a.getAttribute(attribute)) - Number(b.getAttribute(attribute));
      if (difference === 0) difference = rows.indexOf(a) - rows.indexOf(b);
      return descending ? -difference : difference;
    });
    order.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      if (cell.getAttribute("data-key") === key) {
        cell.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        cell.removeAttribute("aria-sort");
      }
    });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
    var key = cell.getAttribute("data-key");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = cell.textContent;
    cell.textContent = "";
    cell.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(key, sortKey === key ? !sortDescending : false);
      apply();
    });
  });

  var params = new URLSearchParams(location.search);
  params.forEach(function (value, name) {
    if (form.elements[name]) form.elements[name].value = value;
  });
  var sort = params.get("sort");
  if (sort) sortBy(sort.replace(/^-/, ""), sort.charAt(0) === "-");
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
})();
