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

  // As matching.record_words(joined=JOINED), for a row's names and titles: every word and
  // Thai run of some texts, then the words joined across a hyphen or after a one-letter
  // word, then each run of Latin words without its spaces, each once, in that order
  var LETTER_OR_DIGIT = "(?:(?![\\u0e00-\\u0e7f])[\\p{L}\\p{N}])";
  var TOKEN = new RegExp("[\\u0e00-\\u0e7f]+|" + LETTER_OR_DIGIT + "+", "gu");
  var HYPHENATED = new RegExp("(" + LETTER_OR_DIGIT + "+)-(?=(" + LETTER_OR_DIGIT + "+))", "gu");
  var LETTER = new RegExp("(" + LETTER_OR_DIGIT + ") (?=(" + LETTER_OR_DIGIT + "+))", "gu");
  var IS_WORD = new RegExp("^" + LETTER_OR_DIGIT, "u");
  var SPACED = new RegExp(LETTER_OR_DIGIT + "+(?: " + LETTER_OR_DIGIT + "+)+", "gu");
  var JOINED = 2;  // matching.JOINED: a row's words joined in pairs

  function recordWords(texts) {
    var seen = new Set();
    texts.forEach(function (text) {
      var normal = normalize(text);
      (normal.match(TOKEN) || []).forEach(function (token) { seen.add(token); });
      if (normal.indexOf("-") >= 0) {
        Array.from(normal.matchAll(HYPHENATED)).forEach(function (match) {
          seen.add(match[1] + match[2]);
        });
      }
      Array.from(normal.matchAll(LETTER)).forEach(function (match) {
        var before = normal.slice(0, match.index);
        if (!before || !IS_WORD.test(Array.from(before).pop())) seen.add(match[1] + match[2]);
      });
      (normal.match(SPACED) || []).forEach(function (run) {
        var words = run.split(" ");
        for (var start = 0; start < words.length - 1; start++) {
          seen.add(words.slice(start, start + JOINED).join(""));
        }
      });
    });
    return Array.from(seen);
  }

  // A record's words as the page holds them (data-words): split once
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

  // The write-ups' index, as generator/site/fulltext.py's find(): shards are
  // fetched as a query needs them, and kept
  function bucket(start, buckets) {
    return Array.from(start).reduce(function (number, character) {
      return (number * 31 + character.codePointAt(0)) % buckets;
    }, 0);
  }

  // A list of numbers packed in one string (site/lookup.py's packed(): base 32, the
  // last digit of each from the first 32 of DIGITS)
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  function unpacked(text) {
    var numbers = [], value = 0;
    for (var index = 0; index < text.length; index++) {
      var digit = DIGITS.indexOf(text[index]);
      if (digit < 32) {
        numbers.push(value * 32 + digit);
        value = 0;
      } else {
        value = value * 32 + digit - 32;
      }
    }
    return numbers;
  }

  function undelta(deltas) {
    var doc = 0;
    return unpacked(deltas).map(function (delta) { return (doc += delta); });
  }

  function unpair(postings) {
    var flat = unpacked(postings), pairs = [], doc = 0, position = 0;
    for (var index = 0; index < flat.length; index += 2) {
      if (flat[index]) { doc += flat[index]; position = 0; }
      position += flat[index + 1];
      pairs.push([doc, position]);
    }
    return pairs;
  }

  function Fulltext(base) {
    this.base = base;
    this.files = new Map();
  }

  Fulltext.prototype.load = function (name) {
    var found = this.files.get(name);
    if (!found) {
      found = fetch(this.base + name).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.url);
        return response.json();
      });
      this.files.set(name, found);
    }
    return found;
  };

  // A shard's words, which it files under their first two characters
  Fulltext.prototype.shard = async function (number) {
    var filed = await this.load(String(number).padStart(4, "0") + ".json"), words = {};
    Object.keys(filed).forEach(function (start) {
      Object.keys(filed[start]).forEach(function (rest) { words[start + rest] = filed[start][rest]; });
    });
    return words;
  };

  function unionFile(start) {
    return "u-" + Array.from(start).map(function (character) {
      return ("000" + character.codePointAt(0).toString(16)).slice(-4);
    }).join("-") + ".json";
  }

  // The indexed words that `rest` (two characters or more) starts, or that start it
  Fulltext.prototype.starting = async function (rest, docs) {
    var characters = Array.from(rest);
    var start = characters.slice(0, 2).join("");
    var thirds = docs.split[start];
    if (thirds === undefined) return this.shard(bucket(start, docs.buckets));
    if (characters.length === 2) {  // every word it starts, as one
      var all = {};
      all[rest] = await this.load(unionFile(start));
      return all;
    }
    var numbers = new Set([bucket(start, docs.buckets)]);  // the two-character word
    if (thirds.indexOf(characters[2]) >= 0) {
      numbers.add(bucket(start + characters[2], docs.buckets));
    }
    var shards = await Promise.all(Array.from(numbers).map(this.shard, this));
    return Object.assign.apply(null, [{}].concat(shards));
  };

  // The keys ('year/id') of the write-ups that answer every query word
  Fulltext.prototype.find = async function (query) {
    var docs = await this.load("docs.json");
    var found = null;
    for (var i = 0; i < query.length; i++) {
      var word = query[i];
      var here = isThai(word[0]) ? await this.thai(word, docs) : await this.latin(word, docs);
      found = found === null ? here : new Set(Array.from(found).filter(function (doc) {
        return here.has(doc);
      }));
      if (!found.size) return new Set();
    }
    return new Set(Array.from(found || []).map(function (doc) { return docs.docs[doc]; }));
  };

  Fulltext.prototype.latin = async function (word, docs) {
    if (length(word) === 1) return new Set(undelta(docs.single[word] || ""));
    var shard = await this.starting(word, docs);
    var found = new Set();
    Object.keys(shard).forEach(function (key) {
      if (key.indexOf(word) === 0) undelta(shard[key]).forEach(function (doc) { found.add(doc); });
    });
    return found;
  };

  // Where the word starts a dictionary word and goes on through the next words of one run
  Fulltext.prototype.thai = async function (word, docs) {
    var found = new Set();
    var todo = [[word, null]];
    while (todo.length) {
      var step = todo.pop(), rest = step[0], at = step[1];
      if (length(rest) < 2) continue;  // no shard holds a one-character Thai word
      var words = await this.starting(rest, docs);
      Object.keys(words).forEach(function (key) {
        var endsHere = key.indexOf(rest) === 0;
        var goesOn = !endsHere && length(key) < length(rest) && rest.indexOf(key) === 0;
        if (!endsHere && !goesOn) return;
        var places = unpair(words[key]).filter(function (place) {
          return at === null || at.has(place[0] + ":" + place[1]);
        });
        if (endsHere) {
          places.forEach(function (place) { found.add(place[0]); });
        } else if (places.length) {
          todo.push([rest.slice(key.length), new Set(places.map(function (place) {
            return place[0] + ":" + (place[1] + 1);
          }))]);
        }
      });
    }
    return found;
  };

  window.awardsSearch = {
    normalize: normalize, queryWords: queryWords, recordWords: recordWords, split: split,
    matches: matches, Fulltext: Fulltext
  };
})();
