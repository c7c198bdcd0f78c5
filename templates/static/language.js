/* The reader's language (issue 27). On the landing page, loaded before it is drawn:
   go to the home page in the language the reader chose before, else in the first
   of the browser's languages that the site has (`data-homes`: language -> home).
   On every page: a language link followed is the reader's choice, kept in this
   browser only (localStorage; no cookie). Without a script, the landing page's
   two links do the job. */
(function () {
  var KEY = "awards-language";
  var script = document.currentScript;
  var homes = script && script.getAttribute("data-homes");
  if (homes) {
    homes = JSON.parse(homes);
    var chosen = null;
    try { chosen = localStorage.getItem(KEY); } catch (blocked) { /* storage off */ }
    if (!Object.prototype.hasOwnProperty.call(homes, chosen)) {
      chosen = null;
      (navigator.languages || [navigator.language]).some(function (tag) {
        var code = String(tag).toLowerCase().split("-")[0];
        if (Object.prototype.hasOwnProperty.call(homes, code)) chosen = code;
        return chosen !== null;
      });
    }
    if (chosen !== null) {
      location.replace(homes[chosen]);
      return;
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[hreflang]") : null;
    if (!link) return;
    try { localStorage.setItem(KEY, link.getAttribute("hreflang")); } catch (blocked) { /* storage off */ }
  });
})();
