/* Winners explorer: filters, search and sorting over the table the page
   already lists, so the page works without JavaScript. The filters live in
   the URL query string, so a filtered view can be shared and reloaded. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("explorer");
  if (!form || !table || !window.URLSearchParams || !window.awardsSearch) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var ordered = rows.slice();  // in the chosen sort
  var count = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var FILTERS = ["year", "tier", "region", "province", "type"];
  var search = window.awardsSearch;
  var fulltext = null;
  var loading = false;
  var sortKey = null;
  var sortDescending = false;

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

  var wordsOf = new Map();  // a row (or a write-up's key) -> its words, split once
  function words(key, text) {
    var found = wordsOf.get(key);
    if (!found) wordsOf.set(key, found = search.split(text || ""));
    return found;
  }

  function apply() {
    var values = state();
    var query = values.q ? search.queryWords(values.q) : [];
    if (query.length && fulltext === null) loadFulltext();
    var shown = 0;
    var inFields = [];
    var inWriteups = [];
    var hidden = [];
    ordered.forEach(function (row) {
      var data = row.dataset;
      var keep = FILTERS.every(function (name) {
        return !values[name] || data[name] === values[name];
      });
      if (keep && values.theme) keep = data.themes.split("|").indexOf(values.theme) >= 0;
      var inWriteup = false;
      if (keep && query.length && !search.matches(query, words(row, data.words))) {
        inWriteup = Boolean(fulltext && fulltext[data.key] &&
                            search.matches(query, words(data.key, fulltext[data.key])));
        keep = inWriteup;
      }
      row.hidden = !keep;
      row.classList.toggle("match-writeup", inWriteup);
      if (keep) {
        shown += 1;
        (inWriteup ? inWriteups : inFields).push(row);
      } else {
        hidden.push(row);
      }
    });
    // Rows that match in their fields come before rows that match only in a write-up
    inFields.concat(inWriteups, hidden).forEach(function (row) { body.appendChild(row); });
    count.textContent = count.getAttribute("data-template").replace("{n}", shown);
    empty.hidden = shown > 0;
    var params = new URLSearchParams(values);
    if (sortKey) params.set("sort", (sortDescending ? "-" : "") + sortKey);
    var shared = params.toString();
    history.replaceState(null, "", location.pathname + (shared ? "?" + shared : ""));
  }

  function sortBy(key, descending) {
    sortKey = key;
    sortDescending = descending;
    var attribute = "data-s-" + key;
    ordered = rows.slice().sort(function (a, b) {
      var difference = Number(a.getAttribute(attribute)) - Number(b.getAttribute(attribute));
      if (difference === 0) difference = rows.indexOf(a) - rows.indexOf(b);
      return descending ? -difference : difference;
    });
    ordered.forEach(function (row) { body.appendChild(row); });
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
