// Search for a manual exported by manual-editor. No framework, no server
// needed: search-index.js (loaded before this script) says which files the
// index is in, and a query loads only those it needs: the word files of
// each word typed (search/w-KEY.js, KEY the first letters of the words in
// it), then the files of the chapters shown (search/d-N.js), each added as
// a script so the site works from a web server and from files alike. Words typed match words of
// the index that start with them ("foster" finds "fostering"); every word
// typed must match; chapters whose title holds the words come first. A
// word that matches nothing gets a suggestion from the index's words.
(function () {
  "use strict";
  var index = window.MANUAL_SEARCH;
  var form = document.querySelector("form.search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var suggestion = document.getElementById("search-suggestion");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var noScript = document.getElementById("no-script");
  if (!index || !input || !status || !list) {
    return;
  }
  if (noScript) {
    noScript.hidden = true;
  }
  // Maps without a prototype: "constructor" or "toString" is a word like
  // any other, never a property every object has. The stop words and the
  // longest word come with the index, from the exporter's one definition.
  var STOP = Object.create(null);
  (index.stop || []).forEach(function (w) {
    STOP[w] = true;
  });
  var KEYS = Object.create(null);
  var keyList = index.keys || [];
  keyList.forEach(function (k) {
    KEYS[k] = true;
  });
  var SPLIT = Object.create(null);
  (index.vocabulary || []).forEach(function (letter) {
    SPLIT[letter] = true;
  });
  var PER_FILE = index.perFile || 16;
  // A short word typed as far as this many files would need: whole words.
  var MAX_FILES = 8;
  var MAX_WORD = index.maxWord || 50;
  var PAGE = 20;

  // What the index files hand over as they load.
  var wordFiles = Object.create(null);
  var docFiles = Object.create(null);
  index.w = function (key, words) {
    wordFiles[key] = words;
  };
  index.d = function (n, docs) {
    docFiles[n] = docs;
  };
  var vocabularies = Object.create(null);
  index.v = function (letter, words) {
    vocabularies[letter] = words ? words.split(" ") : [];
  };

  // Loads a file of the index once; resolves when it has run (or failed).
  var loading = Object.create(null);
  function load(url) {
    if (!(url in loading)) {
      loading[url] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () {
          resolve(true);
        };
        script.onerror = function () {
          resolve(false);
        };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  function chars(word) {
    return Array.from(word);
  }

  // The file of a key, named as the exporter names it.
  function fileOf(key) {
    if (/^[A-Za-z0-9]+$/.test(key)) {
      return "search/w-" + key + ".js";
    }
    return "search/w-u" + chars(key).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-") + ".js";
  }

  function words(text) {
    return text
      .toLowerCase()
      .split(/[^\p{L}\p{N}'’]+/u)
      .map(function (w) {
        return w.replace(/^['’]+|['’]+$/g, "").replace(/['’]s$/, "");
      })
      .filter(function (w) {
        return w.length > 0 && w.length <= MAX_WORD && !STOP[w];
      });
  }

  // The word files that hold the words starting with `word`: the file of
  // the longest key that starts the word, and every deeper key the word
  // starts; and whether only whole words may match (a word of one letter,
  // or a short one that would need many files).
  function keysFor(word) {
    var letters = chars(word);
    var own = null;
    for (var n = letters.length; n > 0 && own === null; n--) {
      var key = letters.slice(0, n).join("");
      if (KEYS[key]) {
        own = key;
      }
    }
    var deeper = keyList.filter(function (k) {
      return k !== own && k.length > word.length && k.lastIndexOf(word, 0) === 0;
    });
    var whole = letters.length === 1 || deeper.length > MAX_FILES;
    var keys = own === null ? [] : [own];
    return { keys: whole ? keys : keys.concat(deeper), whole: whole };
  }

  // Documents holding a word that starts with `word`: doc -> score.
  function matches(word) {
    var found = keysFor(word);
    var keys = found.keys;
    var whole = found.whole;
    return Promise.all(keys.map(function (key) {
      return load(fileOf(key));
    })).then(function () {
      var found = Object.create(null);
      keys.forEach(function (key) {
        var terms = wordFiles[key] || {};
        Object.keys(terms).forEach(function (term) {
          if (whole ? term !== word : term.lastIndexOf(word, 0) !== 0) {
            return;
          }
          var exact = term === word ? 2 : 1;
          var doc = 0;
          terms[term].split(",").forEach(function (posting) {
            var title = posting.charAt(posting.length - 1) === "*";
            doc += parseInt(title ? posting.slice(0, -1) : posting, 36);
            var score = (title ? 10 : 1) * exact;
            if (!(doc in found) || found[doc] < score) {
              found[doc] = score;
            }
          });
        });
      });
      return found;
    });
  }

  // The chapters matching every word typed, best first, and the words that
  // matched nothing.
  function search(typed) {
    return Promise.all(typed.map(matches)).then(function (each) {
      var missing = typed.filter(function (w, i) {
        return Object.keys(each[i]).length === 0;
      });
      var scores = null;
      each.forEach(function (found) {
        if (scores === null) {
          scores = found;
          return;
        }
        var both = Object.create(null);
        Object.keys(scores).forEach(function (doc) {
          if (doc in found) {
            both[doc] = scores[doc] + found[doc];
          }
        });
        scores = both;
      });
      var results = Object.keys(scores || {})
        .map(function (doc) {
          return { doc: +doc, score: scores[doc] };
        })
        .sort(function (a, b) {
          return b.score - a.score || a.doc - b.doc;
        });
      return { results: results, missing: missing };
    });
  }

  // The edit distance of two words (a letter put in, taken out, changed,
  // or two swapped), or more than `limit` when over it.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) {
      previous.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var best = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (before && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, before[k - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) {
        return limit + 1;
      }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // The words of the index that start as `word` does: its first letter's
  // word file, or, where that letter is split over many, its list.
  function wordsLike(word) {
    var letter = chars(word)[0];
    if (SPLIT[letter]) {
      return load(fileOf(letter).replace("/w-", "/v-")).then(function () {
        return vocabularies[letter] || [];
      });
    }
    if (!KEYS[letter]) {
      return Promise.resolve([]);
    }
    return load(fileOf(letter)).then(function () {
      return Object.keys(wordFiles[letter] || {});
    });
  }

  // The nearest of `candidates` to `word` (at most two changes; one for
  // short words), or null.
  function nearest(word, candidates) {
    var limit = word.length <= 4 ? 1 : 2;
    var best = null;
    var bestDistance = limit + 1;
    candidates.forEach(function (candidate) {
      var d = distance(word, candidate, limit);
      if (d < bestDistance || (d === bestDistance && best !== null &&
          candidate.charAt(0) === word.charAt(0) && best.charAt(0) !== word.charAt(0))) {
        best = candidate;
        bestDistance = d;
      }
    });
    return bestDistance <= limit ? best : null;
  }

  // Offers the query with each word that matched nothing spelt as the
  // index's nearest word.
  function suggest(query, typed, missing, generation) {
    if (!suggestion) {
      return;
    }
    Promise.all(missing.map(wordsLike)).then(function (lists) {
      if (generation !== shown) {
        return;
      }
      var changed = false;
      var better = typed.map(function (w) {
        var at = missing.indexOf(w);
        if (at < 0) {
          return w;
        }
        var near = nearest(w, lists[at]);
        if (near) {
          changed = true;
          return near;
        }
        return w;
      }).join(" ");
      suggestion.textContent = "";
      if (!changed) {
        return;
      }
      suggestion.appendChild(document.createTextNode("Did you mean "));
      var link = document.createElement("a");
      link.href = "search.html?q=" + encodeURIComponent(better);
      link.textContent = better;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = better;
        update();
      });
      suggestion.appendChild(link);
      suggestion.appendChild(document.createTextNode("?"));
    });
  }

  // `text` with the words starting like those typed wrapped in <mark>.
  function marked(parent, text, typed) {
    var pattern = typed
      .map(function (w) {
        return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("|");
    var re = pattern ? new RegExp("(^|[^\\p{L}\\p{N}])(" + pattern + ")", "giu") : null;
    var at = 0;
    var match;
    while (re && (match = re.exec(text)) !== null) {
      var start = match.index + match[1].length;
      parent.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement("mark");
      mark.textContent = match[2];
      parent.appendChild(mark);
      at = start + match[2].length;
      if (match[0].length === 0) {
        re.lastIndex++;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // Whether `text` holds a word starting like one of those typed.
  function holds(text, typed) {
    var found = words(text);
    return typed.some(function (w) {
      return found.some(function (f) {
        return f.lastIndexOf(w, 0) === 0;
      });
    });
  }

  // The passage of a chapter page around the first word typed, fetched
  // from the site (same origin only; a page opened from a file keeps the
  // opening words the index holds).
  var pages = Object.create(null);
  function passageFrom(href, typed) {
    if (!(href in pages)) {
      pages[href] = fetch(href)
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var main = doc.querySelector("main");
          return main ? main.textContent.replace(/\s+/g, " ").trim() : "";
        })
        .catch(function () {
          return "";
        });
    }
    return pages[href].then(function (text) {
      var lower = text.toLowerCase();
      var at = -1;
      typed.forEach(function (w) {
        var re = new RegExp("(^|[^\\p{L}\\p{N}])" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu");
        var m = re.exec(lower);
        if (m && (at < 0 || m.index < at)) {
          at = m.index + m[1].length;
        }
      });
      if (at < 0) {
        return null;
      }
      var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - 120)));
      var end = text.indexOf(" ", Math.min(text.length, at + 220));
      return (start > 0 ? "\u2026 " : "") + text.slice(start, end < 0 ? text.length : end).trim() +
        (end < 0 ? "" : " \u2026");
    });
  }

  // The list items of results `from`..`to`, once the docs files load.
  function render(results, from, to, typed, generation) {
    var wanted = Object.create(null);
    results.slice(from, to).forEach(function (result) {
      wanted[Math.floor(result.doc / PER_FILE)] = true;
    });
    return Promise.all(Object.keys(wanted).map(function (n) {
      return load("search/d-" + n + ".js");
    })).then(function () {
      var items = [];
      if (generation !== shown) {
        return items;
      }
      results.slice(from, to).forEach(function (result) {
        var file = docFiles[Math.floor(result.doc / PER_FILE)];
        var doc = file && file[result.doc % PER_FILE];
        if (!doc) {
          return;
        }
        var item = document.createElement("li");
        var heading = document.createElement("h2");
        var link = document.createElement("a");
        var href = /[/.]/.test(doc[0]) ? doc[0] : "chapters/" + doc[0] + ".html";
        link.href = href;
        marked(link, doc[1], typed);
        heading.appendChild(link);
        if (doc[2]) {
          heading.appendChild(document.createTextNode(" "));
          var tag = document.createElement("strong");
          tag.className = "tag tag-" + doc[2].toLowerCase();
          tag.textContent = doc[2];
          heading.appendChild(tag);
        }
        item.appendChild(heading);
        if (doc[3]) {
          var passage = document.createElement("p");
          marked(passage, doc[3], typed);
          item.appendChild(passage);
          if (!holds(doc[3], typed) && from + items.length < 10) {
            passageFrom(href, typed).then(function (text) {
              if (text && generation === shown) {
                passage.textContent = "";
                marked(passage, text, typed);
              }
            });
          }
        }
        items.push(item);
      });
      return items;
    });
  }

  var shown = 0;
  var current = { results: [], listed: 0, typed: [], query: "" };

  function say() {
    var results = current.results;
    var query = current.query.trim();
    if (current.typed.length === 0) {
      status.textContent = "";
    } else if (results.length === 0) {
      status.textContent = "No chapters match \u201c" + query + "\u201d.";
    } else {
      status.textContent =
        (results.length === 1 ? "1 chapter matches" : results.length + " chapters match") +
        " \u201c" + query + "\u201d" +
        (current.listed < results.length ? "; the first " + current.listed + " are shown." : ".");
    }
    if (more) {
      more.hidden = current.listed >= results.length;
    }
  }

  function show(query) {
    var typed = words(query);
    var generation = ++shown;
    if (suggestion) {
      suggestion.textContent = "";
    }
    if (typed.length === 0) {
      list.textContent = "";
      current = { results: [], listed: 0, typed: typed, query: query };
      say();
      return Promise.resolve();
    }
    return search(typed).then(function (found) {
      if (generation !== shown) {
        return;
      }
      var listed = Math.min(found.results.length, PAGE);
      return render(found.results, 0, listed, typed, generation).then(function (items) {
        if (generation !== shown) {
          return;
        }
        current = { results: found.results, listed: listed, typed: typed, query: query };
        // The old results go only once the new ones are ready.
        list.textContent = "";
        items.forEach(function (item) {
          list.appendChild(item);
        });
        say();
        if (found.missing.length > 0) {
          suggest(query, typed, found.missing, generation);
        }
      });
    });
  }

  if (more) {
    more.addEventListener("click", function () {
      var from = current.listed;
      var to = Math.min(current.results.length, from + PAGE);
      render(current.results, from, to, current.typed, shown).then(function (items) {
        items.forEach(function (item) {
          list.appendChild(item);
        });
        current.listed = to;
        say();
      });
    });
  }

  function update() {
    show(input.value);
    // Keep the address in step, so a search can be linked and bookmarked.
    var url = new URL(window.location.href);
    if (input.value.trim()) {
      url.searchParams.set("q", input.value);
    } else {
      url.searchParams.delete("q");
    }
    try {
      window.history.replaceState(null, "", url.toString());
    } catch (e) {
      // A page opened from a file may not rewrite its address; no matter.
    }
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  show(initial);
  input.addEventListener("input", update);
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(input.value);
    });
  }
})();
