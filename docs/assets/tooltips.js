// Glossary tooltips: every term on a page shows what it stands for on hover,
// tap or keyboard focus. One delegated listener serves the whole page, so a
// page with a hundred terms does no per-term work at load (the theme's own
// tooltips set each one up as the page loads). Without JavaScript the
// browser's own tooltip shows the same `title`.
(function () {
  "use strict";

  var TERMS = "article abbr[title], article abbr[data-title]";
  var tip = null;
  var current = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "srg-tooltip";
      tip.className = "srg-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      // Inside the main landmark, so assistive technology finds it in the page's structure.
      (document.querySelector("main") || document.body).appendChild(tip);
    }
    return tip;
  }

  function place(abbr, box) {
    var term = abbr.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = term.left + term.width / 2 - box.offsetWidth / 2;
    left = Math.max(8, Math.min(left, width - box.offsetWidth - 8));
    var top = term.bottom + 8;
    if (top + box.offsetHeight > window.innerHeight && term.top - 8 - box.offsetHeight > 0) {
      top = term.top - 8 - box.offsetHeight;
    }
    box.style.left = left + "px";
    box.style.top = top + "px";
  }

  function show(abbr) {
    if (abbr === current) {
      return;
    }
    hide();
    // The title moves aside so the browser's own tooltip does not show twice.
    if (abbr.hasAttribute("title")) {
      abbr.setAttribute("data-title", abbr.getAttribute("title"));
      abbr.removeAttribute("title");
    }
    var box = tooltip();
    box.textContent = abbr.getAttribute("data-title");
    box.hidden = false;
    place(abbr, box);
    abbr.setAttribute("aria-describedby", box.id);
    current = abbr;
  }

  function hide() {
    if (current) {
      current.removeAttribute("aria-describedby");
      current = null;
    }
    if (tip) {
      tip.hidden = true;
    }
  }

  function termOf(event) {
    return event.target instanceof Element ? event.target.closest(TERMS) : null;
  }

  document.addEventListener("pointerover", function (event) {
    var abbr = termOf(event);
    if (abbr) {
      show(abbr);
    } else if (current && current !== document.activeElement) {
      hide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var abbr = termOf(event);
    if (abbr) {
      show(abbr);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (termOf(event) === current) {
      hide();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hide();
    }
  });
  window.addEventListener("resize", hide);
  window.addEventListener("scroll", function () {
    if (current) {
      place(current, tip);
    }
  }, { passive: true });
})();
