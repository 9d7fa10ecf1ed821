// Search for a manual exported by manual-editor. No framework, no network:
// the index is window.MANUAL_SEARCH from search-index.js, loaded before
// this script. Words typed match words of the index that start with them
// ("foster" finds "fostering"); every word typed must match; chapters
// whose title holds the words come first.
(function () {
  "use strict";
  var index = window.MANUAL_SEARCH;
  var form = document.querySelector("form.search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
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
  var terms = Object.keys(index.words).sort();
  var MAX_SHOWN = 50;
  var MAX_WORD = index.maxWord || 50;

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

  // The first index term that is >= word, by binary search.
  function lowerBound(word) {
    var lo = 0;
    var hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < word) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // Documents holding a word that starts with `word`: doc -> score.
  function matches(word) {
    var found = Object.create(null);
    for (var i = lowerBound(word); i < terms.length; i++) {
      var term = terms[i];
      if (term.lastIndexOf(word, 0) !== 0) {
        break;
      }
      var exact = term === word ? 2 : 1;
      index.words[term].split(",").forEach(function (posting) {
        var title = posting.charAt(posting.length - 1) === "*";
        var doc = parseInt(title ? posting.slice(0, -1) : posting, 36);
        var score = (title ? 10 : 1) * exact;
        if (!(doc in found) || found[doc] < score) {
          found[doc] = score;
        }
      });
    }
    return found;
  }

  function search(query) {
    var typed = words(query);
    if (typed.length === 0) {
      return [];
    }
    var scores = null;
    typed.forEach(function (word) {
      var found = matches(word);
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
    return Object.keys(scores)
      .map(function (doc) {
        return { doc: +doc, score: scores[doc] };
      })
      .sort(function (a, b) {
        return b.score - a.score || a.doc - b.doc;
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

  var shown = 0;
  function show(query) {
    var typed = words(query);
    var results = search(query);
    var generation = ++shown;
    list.textContent = "";
    results.slice(0, MAX_SHOWN).forEach(function (result) {
      var doc = index.docs[result.doc];
      var item = document.createElement("li");
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = doc[0];
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
        if (!holds(doc[3], typed) && list.children.length < 10) {
          passageFrom(doc[0], typed).then(function (text) {
            if (text && generation === shown) {
              passage.textContent = "";
              marked(passage, text, typed);
            }
          });
        }
      }
      list.appendChild(item);
    });
    if (typed.length === 0) {
      status.textContent = "";
    } else if (results.length === 0) {
      status.textContent = "No chapters match \u201c" + query.trim() + "\u201d.";
    } else {
      var listed = Math.min(results.length, MAX_SHOWN);
      status.textContent =
        (results.length === 1 ? "1 chapter matches" : results.length + " chapters match") +
        " \u201c" + query.trim() + "\u201d" +
        (listed < results.length ? "; the first " + listed + " are shown." : ".");
    }
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  show(initial);
  input.addEventListener("input", function () {
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
  });
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(input.value);
    });
  }
})();
