/* The explorer's matching: the same as generator/site/matching.py, step by step,
   on the rules the page carries (#search-rules), so that the two cannot drift.
   tests/search_cases.json is run through both. */
(function () {
  "use strict";
  var element = document.getElementById("search-rules");
  var RULES = element ? JSON.parse(element.textContent) : [];
  var WORD = /[\p{L}\p{N}]/u;

  function isThai(character) {
    return character >= "\u0e00" && character <= "\u0e7f";
  }

  function normalize(text) {
    text = text.normalize("NFC").toLowerCase();
    RULES.forEach(function (rule) {
      if (text.indexOf(rule[0]) >= 0) text = text.split(rule[0]).join(rule[1]);
    });
    return text;
  }

  // The Thai runs and words of normalized text, each with the text before it
  function spans(text) {
    var found = [];
    var current = "";
    var gap = "";
    var kind = null;
    Array.from(text + " ").forEach(function (character) {
      var now = isThai(character) ? "thai" : WORD.test(character) ? "word" : null;
      if (now !== kind && kind !== null) {
        found.push({token: current, before: gap});
        gap = "";
      }
      if (now !== kind) current = "";
      kind = now;
      if (now === null) gap += character; else current += character;
    });
    return found;
  }

  function length(text) {
    return Array.from(text).length;
  }

  // As matching.query_words: joined where the record side joins words
  function queryWords(query) {
    var words = [];
    spans(normalize(query)).forEach(function (span, index) {
      var token = span.token;
      var last = words[words.length - 1];
      var gap = index > 0 ? span.before : "";
      if (last && isThai(token[0]) && isThai(last[0]) &&
          (length(token) === 1 || length(last) === 1)) {
        words[words.length - 1] = last + token;
      } else if (last && !isThai(token[0]) && !isThai(last[0]) &&
                 (gap === "-" || (gap === " " && length(last) === 1))) {
        words[words.length - 1] = last + token;
      } else {
        words.push(token);
      }
    });
    return words;
  }

  // A record's words as the page holds them (data-words, search.json): split once
  function split(text) {
    var all = text ? text.split(" ") : [];
    return {
      runs: all.filter(function (word) { return isThai(word[0]); }),
      latin: all.filter(function (word) { return !isThai(word[0]); })
    };
  }

  function matches(query, words) {
    return query.every(function (word) {
      if (isThai(word[0])) {
        return words.runs.some(function (run) { return run.indexOf(word) >= 0; });
      }
      if (length(word) === 1) return words.latin.indexOf(word) >= 0;
      return words.latin.some(function (latin) { return latin.indexOf(word) === 0; });
    });
  }

  window.awardsSearch = {
    normalize: normalize, queryWords: queryWords, split: split, matches: matches
  };
})();
