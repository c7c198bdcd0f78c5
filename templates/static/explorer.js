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
  var placed = rows.slice();  // in the order the table shows them
  var count = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var unknown = document.getElementById("unknown-filters");
  var applied = document.getElementById("applied");
  var exporter = document.getElementById("export-csv");
  var FACETS = ["year", "tier", "region", "province", "type", "theme"];
  // The filters an option's count looks past: its own, and for a region the
  // province too, since choosing another region lets go of the province
  var OVERLOOKS = {region: ["region", "province"]};
  var search = window.awardsSearch;
  var fulltext = new search.Fulltext(form.getAttribute("data-index"));
  var hits = {query: null, keys: new Set()};  // the write-ups that answer a query
  var asked = null;
  var sortedBy = "";
  var shownRows = [];

  // Thai that the script shows is set word by word, as the build sets the page
  // (issue 27): the build lists each Thai run's words, a space between them
  var CUTS = {};
  JSON.parse(document.getElementById("thai-words").textContent || "[]").forEach(function (words) {
    CUTS[words.replace(/ /g, "")] = words.split(" ");
  });
  // A run the build did not list is two listed ones joined ("ไม่มี" + "ปี"): their words
  function runWords(run) {
    if (CUTS[run]) return CUTS[run];
    for (var end = run.length - 1; end > 0; end--) {
      var head = CUTS[run.slice(0, end)], rest = head && runWords(run.slice(end));
      if (rest) return head.concat(rest);
    }
    return null;
  }
  function setWords(element, text) {
    element.textContent = "";
    text.split(/([\u0e00-\u0e7f]+)/).forEach(function (part, index) {
      var words = index % 2 ? runWords(part) : null;
      if (!words) {
        if (part) element.append(part);
        return;
      }
      words.forEach(function (word, at) {
        if (at) element.append(document.createElement("wbr"));
        element.appendChild(document.createElement("w-")).textContent = word;
      });
    });
  }

  // Ask the index about a query; apply() again with the answer, if still wanted
  // "1 award found", "2 awards found": the page gives each element its two forms
  function counted(element, n, kind) {
    var name = "data-" + (kind || "template");
    return element.getAttribute(n === 1 ? name + "-one" : name).replace("{n}", n);
  }

  function lookUp(query, asking) {
    if (asked === asking) return;
    asked = asking;
    table.setAttribute("aria-busy", "true");
    fulltext.find(query)
      .catch(function () { return new Set(); })  // offline: the fields still answer
      .then(function (keys) {
        if (asked !== asking) return;
        hits = {query: asking, keys: keys};
        table.removeAttribute("aria-busy");
        apply();
      });
  }

  function state() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value) values[field.name] = field.value;
    });
    return values;
  }

  // A row's words: its own (data-words) and those of its year, tier, type, province,
  // region and themes, which the page holds once each (#facet-words)
  var FACET_WORDS = JSON.parse(document.getElementById("facet-words").textContent);
  var wordsOf = new Map();
  function words(row) {
    var found = wordsOf.get(row);
    if (!found) {
      // the LAO's name, and the project's title before the row's themes
      var project = row.cells[6], themes = project.querySelector(".themes");
      var all = [row.dataset.words].concat(search.recordWords(
        [row.cells[2].querySelector("a").textContent,
         project.textContent.slice(0, themes ? -themes.textContent.length : undefined)]));
      FACETS.forEach(function (facet) {
        valuesOf(row, facet).forEach(function (value) {
          if (value) all.push(FACET_WORDS[facet][value] || "");
        });
      });
      wordsOf.set(row, found = search.split(all.join(" ").trim()));
    }
    return found;
  }

  function valuesOf(row, facet) {
    return facet === "theme" ? row.dataset.themes.split("|") : [row.dataset[facet]];
  }

  // 0: the query rules the row out; 1: it matches the row's fields; 2: only its write-up
  function queryMatch(row, query) {
    if (!query.length || search.matches(query, words(row))) return 1;
    return hits.keys.has(row.dataset.key) ? 2 : 0;
  }

  function apply() {
    var values = state();
    sortBy(values.sort || "");
    var query = values.q ? search.queryWords(values.q) : [];
    var asking = query.join(" ");
    if (hits.query !== asking) {
      hits = {query: null, keys: new Set()};
      if (query.length) lookUp(query, asking); else { asked = null; table.removeAttribute("aria-busy"); }
    }
    // Each option counts the rows it would give with the other filters as they are
    var counts = {};
    FACETS.forEach(function (facet) { counts[facet] = {}; });
    function tally(row, facet) {
      valuesOf(row, facet).forEach(function (value) {
        counts[facet][value] = (counts[facet][value] || 0) + 1;
      });
    }
    var inFields = [], inWriteups = [], hidden = [];
    ordered.forEach(function (row) {
      var match = queryMatch(row, query);
      var failed = match ? FACETS.filter(function (facet) {
        return values[facet] && valuesOf(row, facet).indexOf(values[facet]) < 0;
      }) : null;
      if (failed) FACETS.forEach(function (facet) {
        var overlooked = OVERLOOKS[facet] || [facet];
        if (failed.every(function (f) { return overlooked.indexOf(f) >= 0; })) tally(row, facet);
      });
      var keep = failed !== null && failed.length === 0;
      row.hidden = !keep;
      row.classList.toggle("match-writeup", keep && match === 2);
      if (keep && match === 2 && !row.querySelector(".via-writeup")) {
        var note = document.createElement("span");
        note.className = "via-writeup";
        setWords(note, table.getAttribute("data-found-in-writeup"));
        row.cells[2].append(" ", note);
      }
      (keep ? (match === 2 ? inWriteups : inFields) : hidden).push(row);
    });
    // Rows that match in their fields come before rows that match only in a write-up;
    // the rows move only when their order changes (moving 2,000 rows takes a while)
    shownRows = inFields.concat(inWriteups);
    var wanted = inWriteups.length ? shownRows.concat(hidden) : ordered;
    if (wanted.some(function (row, index) { return placed[index] !== row; })) {
      wanted.forEach(function (row) { body.appendChild(row); });
      placed = wanted;
    }
    showCounts(counts, values);
    // rows found only in a write-up are counted apart from those the table itself shows
    setWords(count, inWriteups.length ?
      counted(count, inFields.length, "fields") + " " +
        counted(count, inWriteups.length, "writeups") :
      counted(count, shownRows.length));
    empty.hidden = shownRows.length > 0;
    describe(values);
    var shared = new URLSearchParams(values).toString();
    var suffix = shared ? "?" + shared : "";
    history.replaceState(null, "", location.pathname + suffix);
    // The same view in the other language: the values are the same in both
    Array.prototype.forEach.call(document.querySelectorAll("a.lang-switch"), function (link) {
      link.href = link.href.split("?")[0] + suffix;
    });
  }

  function showCounts(counts, values) {
    FACETS.forEach(function (facet) {
      var select = form.elements[facet];
      if (!select) return;
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = counts[facet][option.value] || 0;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        option.disabled = n === 0 && option.value !== values[facet];
        var group = option.getAttribute("data-group");
        option.hidden = Boolean(group && values.region && group !== values.region);
      });
      // a group of options whose every option is hidden goes too, label and all
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (option) {
          return !option.hidden;
        });
      });
    });
  }

  // What the view shows, in words: printed above the table
  function describe(values) {
    var parts = [];
    FACETS.forEach(function (facet) {
      var select = form.elements[facet];
      if (!select || !values[facet]) return;
      parts.push(select.labels[0].textContent + ": " +
                 select.selectedOptions[0].getAttribute("data-label"));
    });
    if (values.q) parts.push(applied.getAttribute("data-search-label") + ": “" + values.q + "”");
    setWords(applied, parts.length ?
      applied.getAttribute("data-template").replace("{list}", parts.join("; ")) :
      applied.getAttribute("data-none"));
    setWords(exporter, counted(exporter, shownRows.length));
  }

  function sortBy(sort) {
    if (sort === sortedBy) return;
    sortedBy = sort;
    var key = sort.replace(/^-/, "");
    var descending = sort.charAt(0) === "-";
    ordered = !key ? rows.slice() : rows.slice().sort(function (a, b) {
      var difference = rank(a, key) - rank(b, key);
      if (difference === 0) difference = rows.indexOf(a) - rows.indexOf(b);
      return descending ? -difference : difference;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      if (key && cell.getAttribute("data-key") === key) {
        cell.setAttribute("aria-sort", descending ? "descending" : "ascending");
      } else {
        cell.removeAttribute("aria-sort");
      }
    });
  }

  // LAO and project: the rows in the language's order (#sort-orders); the other
  // columns sort as their filter lists its values (tiers and types by rank,
  // provinces by name)
  var SORT_ORDERS = JSON.parse(document.getElementById("sort-orders").textContent);
  var positions = {};
  function rank(row, key) {
    if (key === "year") return Number(row.dataset.year);
    if (!positions[key] && SORT_ORDERS[key]) {
      positions[key] = new Map();
      SORT_ORDERS[key].forEach(function (index, place) { positions[key].set(rows[index], place); });
    }
    if (SORT_ORDERS[key]) return positions[key].get(row);
    if (!positions[key]) {
      positions[key] = new Map();
      Array.prototype.forEach.call(form.elements[key].options, function (option, index) {
        positions[key].set(option.value, index);
      });
    }
    return positions[key].get(row.dataset[key]);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
    var key = cell.getAttribute("data-key");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (cell.firstChild) button.appendChild(cell.firstChild);  // its words, as cut
    cell.appendChild(button);
    button.addEventListener("click", function () {
      form.elements.sort.value = sortedBy === key ? "-" + key : key;
      apply();
    });
  });

  // The rows in view, as the open data's CSV rows: the file's own lines, so the
  // columns, quoting and byte order mark are those of data/winners.csv
  exporter.addEventListener("click", function (event) {
    event.preventDefault();
    fetch(exporter.href)
      .then(function (response) { return response.arrayBuffer(); })
      .then(function (bytes) {
        var text = new TextDecoder("utf-8", {ignoreBOM: true}).decode(bytes);
        var records = csvRecords(text);
        var header = records[0].fields;
        var year = header.indexOf("year"), id = header.indexOf("id");
        var byKey = new Map();
        records.slice(1).forEach(function (record) {
          byKey.set(record.fields[year] + "/" + record.fields[id], record.text);
        });
        var lines = [records[0].text];
        shownRows.forEach(function (row) {
          if (byKey.has(row.dataset.key)) lines.push(byKey.get(row.dataset.key));
        });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([lines.join("")], {type: "text/csv"}));
        link.download = exporter.getAttribute("data-file");
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
  });

  // RFC 4180 records, each with its fields and its exact text (line end included)
  function csvRecords(text) {
    var records = [], fields = [], field = "", quoted = false, start = 0, i = 0;
    for (; i < text.length; i++) {
      var c = text.charAt(i);
      if (quoted) {
        if (c === '"' && text.charAt(i + 1) === '"') { field += c; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') {
        quoted = true;
      } else if (c === ",") {
        fields.push(field); field = "";
      } else if (c === "\n") {
        fields.push(field.replace(/\r$/, ""));
        records.push({fields: fields, text: text.slice(start, i + 1)});
        fields = []; field = ""; start = i + 1;
      } else {
        field += c;
      }
    }
    if (records.length) records[0].fields[0] = records[0].fields[0].replace(/^\ufeff/, "");
    return records;
  }

  // A shared link may name a value this site does not have: say so, show all
  var params = new URLSearchParams(location.search);
  var missing = [];
  params.forEach(function (value, name) {
    var field = form.elements[name];
    if (!field) return;
    field.value = value;
    if (field.value !== value) {
      field.value = "";  // a list left with nothing chosen shows blank: show "all"
      var label = field.labels[0].textContent;
      missing.push(unknown.getAttribute("data-template")
        .replace("{name}", document.documentElement.lang === "th" ? label : label.toLowerCase())
        .replace("{value}", value));
    }
  });
  if (missing.length) {
    setWords(unknown, missing.join(" "));
    unknown.hidden = false;
  }
  form.hidden = false;
  form.addEventListener("input", function (event) {
    // The province list follows the region: a province of another region goes
    var province = form.elements.province;
    var group = province.selectedOptions[0].getAttribute("data-group");
    if (event.target === form.elements.region && group && form.elements.region.value &&
        group !== form.elements.region.value) province.value = "";
    apply();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
})();
