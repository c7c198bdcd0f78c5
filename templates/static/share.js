/* A winner's kit page: copy buttons and the phone's own share sheet, made here. Without
   JavaScript there are none, and every text stays selectable; the share
   links are plain links that ask nothing of another site until they are followed. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");

  // What every copy button says once it has copied: written once on the page, in the
  // status line's data-done, not on each button (issue 26)
  function say() {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = status.getAttribute("data-done"); }, 50);
  }

  function copyText(text) {
    var done = say;
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

  function button(label) {
    var made = document.createElement("button");
    made.className = "copy";
    made.textContent = label;
    return made;
  }

  // A copy button after each text to copy, labelled by its data-copy
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (source) {
    var copy = button(source.getAttribute("data-copy"));
    source.insertAdjacentElement("afterend", copy);
    copy.addEventListener("click", function () {
      copyText(source.value !== undefined ? source.value : source.textContent.trim());
    });
  });

  // The share sheet gets what a shared link's preview shows: the winner page's title
  // (its og:title), as X's link carries it, and its permalink, read from the page
  // rather than written a second time (issue 26)
  Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), function (links) {
    var x = links.querySelector('a[href^="https://x.com/"]');
    var permalink = document.getElementById("permalink");
    if (!navigator.share || !x || !permalink || !window.URL) return;
    var item = document.createElement("li"), share = button(links.getAttribute("data-share"));
    item.appendChild(share);
    links.appendChild(item);
    share.addEventListener("click", function () {
      navigator.share({title: new URL(x.href).searchParams.get("text"), url: permalink.value})
        .catch(function () { /* the reader closed the sheet */ });
    });
  });

  // The one download with everything (issue 26): a ZIP put together here from the files
  // that the winner's kit page links, instead of a second copy of them published inside
  // a ZIP. It holds the files the page's download links name, the embed code and the
  // citation. Where that fails (no fetch, a page opened from disk), the link leads to
  // the files themselves, as it does without JavaScript.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-kit]"), function (link) {
    if (!window.fetch || !window.Blob || !window.URL || !window.TextEncoder) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      kit(link.href.split("#")[0]).then(function (files) {
        save(zip(files), link.getAttribute("data-kit"));
      }).catch(function () { window.location.href = link.href; });
    });
  });

  function fetched(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response;
    });
  }

  function kit(page) {
    var here = page === window.location.href.split("#")[0];
    var source = here ? Promise.resolve(document) : fetched(page).then(function (response) {
      return response.text();
    }).then(function (text) { return new DOMParser().parseFromString(text, "text/html"); });
    return source.then(function (doc) {
      var section = doc.querySelector("a[data-kit]").closest("main");
      var links = section.querySelectorAll("a[download]");
      var name = section.querySelector("[data-kit]").getAttribute("data-kit");
      var texts = [
        {name: name.replace(/kit(-\w+)?\.zip$/, "embed$1.html"),
         text: Array.prototype.map.call(section.querySelectorAll("textarea"), function (area) {
           return area.value;
         }).join("\n") + "\n"},
        {name: name.replace(/kit(-\w+)?\.zip$/, "citation$1.txt"),
         text: doc.getElementById("citation-text").textContent.replace(/\s+/g, " ").trim() + "\n"}
      ];
      return Promise.all(Array.prototype.map.call(links, function (a) {
        var url = new URL(a.getAttribute("href"), page);
        var name = a.getAttribute("download") || url.pathname.split("/").pop();
        return fetched(url.href).then(function (response) {
          return response.arrayBuffer();
        }).then(function (data) { return {name: name, data: new Uint8Array(data)}; });
      })).then(function (files) {
        var encoder = new TextEncoder();
        return files.concat(texts.map(function (t) {
          return {name: t.name, data: encoder.encode(t.text)};
        })).sort(function (a, b) { return a.name < b.name ? -1 : a.name > b.name ? 1 : 0; });
      });
    });
  }

  var crcTable = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }

  function crc32(bytes) {
    var crc = -1;
    for (var i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 255] ^ (crc >>> 8);
    return (crc ^ -1) >>> 0;
  }

  // A stored ZIP (its PNGs gain nothing from deflate), the same bytes every time:
  // names in order, UTF-8, dated 1980-01-01 00:00, mode 0644
  function zip(files) {
    var parts = [], directory = [], offset = 0, encoder = new TextEncoder();
    files.forEach(function (file) {
      var name = encoder.encode(file.name), size = file.data.length, crc = crc32(file.data);
      var local = new DataView(new ArrayBuffer(30)), entry = new DataView(new ArrayBuffer(46));
      [[local, 0, 0x04034b50], [entry, 0, 0x02014b50]].forEach(function (s) { s[0].setUint32(s[1], s[2], true); });
      local.setUint16(4, 20, true); local.setUint16(6, 0x0800, true); local.setUint16(12, 0x21, true);
      local.setUint32(14, crc, true); local.setUint32(18, size, true); local.setUint32(22, size, true);
      local.setUint16(26, name.length, true);
      entry.setUint16(4, 0x0314, true); entry.setUint16(6, 20, true); entry.setUint16(8, 0x0800, true);
      entry.setUint16(14, 0x21, true); entry.setUint32(16, crc, true); entry.setUint32(20, size, true);
      entry.setUint32(24, size, true); entry.setUint16(28, name.length, true);
      entry.setUint32(38, 0x81a40000, true); entry.setUint32(42, offset, true);
      parts.push(local.buffer, name, file.data);
      directory.push(entry.buffer, name);
      offset += 30 + name.length + size;
    });
    var length = directory.reduce(function (sum, part) { return sum + part.byteLength; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true); end.setUint32(12, length, true); end.setUint32(16, offset, true);
    return new Blob(parts.concat(directory, [end.buffer]), {type: "application/zip"});
  }

  function save(blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }
})();
