// The one script that knows Material for MkDocs's JavaScript and markup: its
// page-load stream (document$), its storage (__md_get, __md_set), its search
// results and its navigation links, and its palette form. The guide's other
// scripts ask window.srgTheme. Every name used here is listed in
// hooks/srg/theme_markup.py (THEME_DEPENDENCES), and tests/test_theme.py fails,
// naming it, when the installed Material no longer has it.
(function () {
  "use strict";

  // Run `callback` on every page: Material's document$ emits on each one,
  // instant navigation included; without the theme's script, once now.
  function onPage(callback) {
    if (window.document$) {
      window.document$.subscribe(function () {
        callback();
      });
    } else {
      callback();
    }
  }

  // The navigation's links to a heading of the page (the table of contents).
  function navigationLinks(id) {
    return document.querySelectorAll(".md-nav__link[href='#" + id + "']");
  }

  window.srgTheme = { onPage: onPage, navigationLinks: navigationLinks };

  // Search highlights, in the result list and on the page a result opens (its
  // address carries the query as ?h=). The theme marks a query term wherever it
  // occurs: inside words ("h<mark>os</mark>t" for "os"), short words and stop
  // words, and in permalinks, buttons, badges and dates. Only whole words of
  // three letters or more that are not stop words stay marked, in the text.
  (function () {
    var WORD = /[\p{L}\p{N}]/u;
    var STOP_WORDS = [
      "and", "are", "can", "does", "for", "from", "has", "have", "how", "into", "its", "not", "our", "the",
      "their", "them", "then", "this", "that", "what", "when", "where", "which", "who", "why", "with", "you", "your"
    ];
    var NEVER_MARKED = ".headerlink, .md-button, .srg-owner, .srg-owners__who, time";

    function inWord(mark) {
      var before = mark.previousSibling;
      var after = mark.nextSibling;
      var left = before && before.nodeType === Node.TEXT_NODE ? before.textContent.slice(-1) : "";
      var right = after && after.nodeType === Node.TEXT_NODE ? after.textContent.charAt(0) : "";
      return WORD.test(left) || WORD.test(right);
    }

    function isNoise(mark) {
      var word = mark.textContent.trim().toLowerCase();
      return word.length < 3 || STOP_WORDS.indexOf(word) !== -1 || inWord(mark) || mark.closest(NEVER_MARKED) !== null;
    }

    function unmarkNoise(root) {
      var unmarked = false;
      root.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
        if (isNoise(mark)) {
          mark.replaceWith(document.createTextNode(mark.textContent));
          unmarked = true;
        }
      });
      if (unmarked) {
        root.normalize();
      }
    }

    function addsMarks(records) {
      return records.some(function (record) {
        return Array.prototype.some.call(record.addedNodes, function (node) {
          return node.nodeName === "MARK" || (node.querySelector && node.querySelector("mark"));
        });
      });
    }

    function watch(root) {
      unmarkNoise(root);
      new MutationObserver(function (records) {
        if (addsMarks(records)) {
          unmarkNoise(root);
        }
      }).observe(root, { childList: true, subtree: true });
    }

    var results = document.querySelector(".md-search-result__list");
    if (results) {
      watch(results);
    }
    onPage(function () {
      var content = document.querySelector("article");
      if (content && new URLSearchParams(window.location.search).get("h")) {
        watch(content);
      }
    });
  })();

  // A search that finds nothing offers the topics closest to what was typed (the
  // answers and glossary terms of the search index, by their titles and search
  // words, compared letter by letter, so a misspelt word still finds them) and
  // the glossary, instead of a dead end.
  (function () {
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    var input = document.querySelector("[data-md-component='search-query']");
    var config = document.getElementById("__config");
    if (!meta || !list || !input || !config) {
      return;
    }
    var base = new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), window.location.href);
    var box = document.createElement("div");
    box.className = "srg-search-suggest";
    box.hidden = true;
    meta.after(box);
    var topics = null;

    function plain(html) {
      return new DOMParser().parseFromString(html, "text/html").body.textContent;
    }

    function words(text) {
      return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (word) { return word.length >= 3; });
    }

    // How alike two words are, from 0 to 1: one less their edit distance over the longer one's length.
    function likeness(a, b) {
      var previous = [];
      for (var j = 0; j <= b.length; j += 1) {
        previous.push(j);
      }
      for (var i = 1; i <= a.length; i += 1) {
        var current = [i];
        for (j = 1; j <= b.length; j += 1) {
          var change = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
          current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + change));
        }
        previous = current;
      }
      return 1 - previous[b.length] / Math.max(a.length, b.length);
    }

    function load() {
      if (!topics) {
        topics = fetch(new URL("search/search_index.json", base)).then(function (response) {
          return response.json();
        }).then(function (index) {
          return index.docs.filter(function (doc) { return doc.location.indexOf("#") !== -1; }).map(function (doc) {
            var title = plain(doc.title);
            return { title: title, href: new URL(doc.location, base).href, words: words(title + " " + (doc.tags || []).join(" ")) };
          });
        });
      }
      return topics;
    }

    function closest(query, all) {
      var asked = words(query);
      return all.map(function (topic) {
        var score = asked.reduce(function (sum, word) {
          return sum + Math.max.apply(null, topic.words.map(function (own) { return likeness(word, own); }).concat(0));
        }, 0);
        return { topic: topic, score: score };
      }).filter(function (each) { return each.score >= 0.6; }).sort(function (a, b) {
        return b.score - a.score;
      }).slice(0, 3).map(function (each) { return each.topic; });
    }

    function link(href, text) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      return a;
    }

    function suggest(query, found) {
      box.replaceChildren();
      var lead = document.createElement("p");
      lead.textContent = found.length ? "Closest topics to \u201c" + query + "\u201d:" : "No topic is close to \u201c" + query + "\u201d.";
      box.appendChild(lead);
      if (found.length) {
        var items = document.createElement("ul");
        found.forEach(function (topic) {
          var item = document.createElement("li");
          item.appendChild(link(topic.href, topic.title));
          items.appendChild(item);
        });
        box.appendChild(items);
      }
      var glossary = document.createElement("p");
      glossary.append("Or look the word up in the ", link(new URL("glossary/", base).href, "glossary"), ".");
      box.appendChild(glossary);
      box.hidden = false;
    }

    function update() {
      var query = input.value.trim();
      if (!query || list.children.length) {
        box.hidden = true;
        return;
      }
      load().then(function (all) {
        if (input.value.trim() === query && !list.children.length) {
          suggest(query, closest(query, all));
        }
      });
    }

    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  })();

  // The light and dark switch in the header, in place of the theme's own palette
  // code (hooks/srg/theme_markup.py takes the form away from it).
  //
  // The theme's code applies the palette again on every page load: it marks the
  // body as switching (a rule that reaches every element), sets colour attributes
  // the body already has, reads the header's computed style and writes a
  // color-scheme meta tag. Each step makes the browser restyle every element of
  // the page: four times before the reader can use it, about a second of a
  // phone's main thread on the longest pages. This keeps the behaviour (the
  // choice follows the system until the reader picks one, is kept for the whole
  // site, and Enter on the switch moves to the next palette) and, at load,
  // changes only what differs.
  (function () {
    var form = document.querySelector("form[data-srg-palette]");
    if (!form || !window.__md_get || !window.__md_set) {
      return;
    }
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
    var COLORS = ["media", "scheme", "primary", "accent"];
    var themeColor = document.createElement("meta");
    themeColor.name = "theme-color";
    document.head.appendChild(themeColor);
    var colorScheme = null;
    var current = -1;

    function colorsOf(input) {
      var color = {};
      COLORS.forEach(function (key) {
        color[key] = input.getAttribute("data-md-color-" + key);
      });
      if (color.media === "(prefers-color-scheme)") {
        // "Follow the system": the colours of the palette for the system's current scheme.
        var light = window.matchMedia("(prefers-color-scheme: light)").matches;
        var match = form.querySelector(
          "[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']"
        );
        if (match) {
          ["scheme", "primary", "accent"].forEach(function (key) {
            color[key] = match.getAttribute("data-md-color-" + key);
          });
        }
      }
      return color;
    }

    function chosen() {
      var saved = window.__md_get("__palette");
      var index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
        return window.matchMedia(input.getAttribute("data-md-color-media")).matches;
      });
      return Math.min(Math.max(0, index), inputs.length - 1);
    }

    // The header's colours for the browser's own interface: theme-color always;
    // color-scheme only once a dark scheme is in use (the page starts light).
    function describe() {
      var header = document.querySelector("[data-md-component='header']");
      if (!header) {
        return;
      }
      var style = window.getComputedStyle(header);
      var rgb = style.backgroundColor.match(/\d+/g) || [];
      themeColor.content = "#" + rgb.slice(0, 3).map(function (value) {
        return (+value).toString(16).padStart(2, "0");
      }).join("");
      if (!colorScheme && style.colorScheme.indexOf("dark") !== -1) {
        colorScheme = document.createElement("meta");
        colorScheme.name = "color-scheme";
        document.head.appendChild(colorScheme);
      }
      if (colorScheme && colorScheme.content !== style.colorScheme) {
        colorScheme.content = style.colorScheme;
      }
    }

    function apply(index) {
      var body = document.body;
      var color = colorsOf(inputs[index]);
      var restyle = ["scheme", "primary", "accent"].some(function (key) {
        return body.getAttribute("data-md-color-" + key) !== color[key];
      });
      if (restyle) {
        // No transitions while every colour changes at once (the theme's own rule).
        body.setAttribute("data-md-color-switching", "");
        window.setTimeout(function () {
          body.removeAttribute("data-md-color-switching");
        }, 0);
      }
      COLORS.forEach(function (key) {
        if (body.getAttribute("data-md-color-" + key) !== color[key]) {
          body.setAttribute("data-md-color-" + key, color[key]);
        }
      });
      inputs.forEach(function (input, each) {
        var label = input.nextElementSibling;
        if (label instanceof HTMLElement && label.hidden !== (each !== index)) {
          label.hidden = each !== index;
        }
      });
      window.__md_set("__palette", { index: index, color: color });
      current = index;
      return restyle;
    }

    form.addEventListener("change", function (event) {
      var index = inputs.indexOf(event.target);
      if (index !== -1) {
        apply(index);
        describe();
      }
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var next = inputs[(current + 1) % inputs.length];
        next.click();
        next.focus();
      }
    });
    // A change of the system's scheme matters while the choice is to follow it.
    window.matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
      if (apply(chosen())) {
        describe();
      }
    });

    if (apply(chosen())) {
      describe();
    } else {
      // The colours are those the page was drawn with: read them once it is drawn.
      window.requestAnimationFrame(function () {
        window.setTimeout(describe, 0);
      });
    }
  })();
})();
