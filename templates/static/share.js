/* Winner and LAO pages: copy buttons and the phone's own share sheet. Without
   JavaScript the buttons stay hidden and every text stays selectable; the share
   links are plain links that ask nothing of another site until they are followed. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");

  function say(text) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function copyText(text, button) {
    var done = function () { say(button.getAttribute("data-done")); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text, done); });
    } else {
      fallback(text, done);
    }
  }

  // Older phones, and pages not served over https: select a hidden copy and copy it
  function fallback(text, done) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);
    try { if (document.execCommand("copy")) done(); } catch (error) { /* left selectable */ }
    document.body.removeChild(area);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (source) copyText(source.value !== undefined ? source.value : source.textContent.trim(), button);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-native-share]"), function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({title: button.getAttribute("data-title"), url: button.getAttribute("data-url")})
        .catch(function () { /* the reader closed the sheet */ });
    });
  });
})();
