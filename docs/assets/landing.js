// Where a link or a search lands.
// - A link to an answer's old place (an entry that moved to another page) goes
//   on to its new one.
// - A search result opens the answer's section with the query in the address
//   (?h=…): when the query names a service ("guest os lambda"), the page opens
//   at that service's row of the section, marked, instead of the section's top;
//   when it names a Security Hub control ("RDS.3") or its AWS Config rule, at
//   the row of the service that cites it. A control's own search result lands
//   on the check itself, and its row is marked.
// - With services pinned, a link or a search that opens a section shows the
//   pinned services' rows on the first screen.
(function () {
  "use strict";

  function target() {
    var hash = window.location.hash;
    return hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  }

  function followMoved() {
    var moved = target();
    if (moved && moved.hasAttribute("data-srg-moved")) {
      window.location.replace(moved.querySelector("a").href);
      return true;
    }
    return false;
  }

  function whenLoaded(callback) {
    if (document.readyState === "complete") {
      callback();
    } else {
      window.addEventListener("load", callback, { once: true });
    }
  }

  function servicesOf(row) {
    return row.getAttribute("data-service").split(" ");
  }

  // The service a query names: a word that is a service's id ("s3", "lambda"), else one of
  // three letters or more that is part of one ("beanstalk", "ecs").
  function namedService(words, ids) {
    var exact = ids.filter(function (id) { return words.indexOf(id) !== -1; });
    if (exact.length) {
      return exact[0];
    }
    var partial = ids.filter(function (id) {
      return id.split("-").some(function (part) { return part.length >= 3 && words.indexOf(part) !== -1; });
    });
    return partial.length ? partial[0] : null;
  }

  // The first row whose Security Hub checks a query names, by control id ("rds.3") or AWS Config rule.
  function citingRow(rows, words) {
    return rows.filter(function (row) {
      var checks = (row.getAttribute("data-checks") || "").split(" ");
      return words.some(function (word) { return word && checks.indexOf(word) !== -1; });
    })[0];
  }

  function landOnServiceRow() {
    var query = new URLSearchParams(window.location.search).get("h");
    var heading = target();
    var entry = heading && heading.nextElementSibling;
    if (!query || !entry || !entry.hasAttribute("data-entry")) {
      return false;
    }
    var rows = Array.prototype.slice.call(entry.querySelectorAll("li[data-service]"));
    var ids = [];
    rows.forEach(function (row) {
      ids = ids.concat(servicesOf(row));
    });
    var words = query.toLowerCase().split(/[\s+]+/);
    var service = namedService(words, ids);
    var row = service
      ? rows.filter(function (each) { return servicesOf(each).indexOf(service) !== -1; })[0]
      : citingRow(rows, words);
    if (row) {
      // A service the reader did not pin is folded under "Other services": the query names it, so open them.
      window.srgPinned.reveal(row);
      row.classList.add("srg-landed");
      // After the browser's own jump to the section, which comes once the page has loaded.
      whenLoaded(function () {
        window.requestAnimationFrame(function () {
          row.scrollIntoView({ block: "start" });
        });
      });
      return true;
    }
    return false;
  }

  // With services pinned (docs/assets/pinned-services.js) their rows come right after the section's
  // answer. Where they do not fit on the first screen below it, the page moves up until they do, and
  // never past the line that says what is pinned ("Showing Lambda · show all · change").
  function landOnPinnedRows() {
    var heading = target();
    var entry = heading && heading.nextElementSibling;
    var chosen = window.srgPinned.chosen();
    if (!entry || !entry.hasAttribute("data-entry") || !chosen.length) {
      return;
    }
    var line = entry.querySelector(".srg-split__title");
    var rows = Array.prototype.filter.call(entry.querySelectorAll("li[data-service]"), function (row) {
      return servicesOf(row).some(function (id) { return chosen.indexOf(id) !== -1; });
    });
    if (!line || !rows.length) {
      return;
    }
    whenLoaded(function () {
      window.requestAnimationFrame(function () {
        var bottom = Math.max.apply(null, rows.map(function (row) { return row.getBoundingClientRect().bottom; }));
        var overflow = bottom - window.innerHeight;
        var room = line.getBoundingClientRect().top - parseFloat(window.getComputedStyle(line).scrollMarginTop);
        if (overflow > 0 && room > 0) {
          window.scrollBy(0, Math.ceil(Math.min(overflow + 8, room)));
        }
      });
    });
  }

  // A search for a Security Hub control lands on the check itself (its first citation): mark the row it is in.
  function landOnCheck() {
    var check = target();
    var row = check && check.classList.contains("srg-hub__check") && check.closest("ul.srg-split > li");
    if (row) {
      // A service the reader did not pin is folded under "Other services": the search names its check, so open them.
      window.srgPinned.reveal(row);
      var fold = check.closest("details");
      if (fold) {
        fold.open = true;
      }
      row.classList.add("srg-landed");
    }
    return Boolean(row);
  }

  // Every page, instant navigation included (docs/assets/theme.js).
  window.srgTheme.onPage(function () {
    if (!followMoved() && !landOnCheck() && !landOnServiceRow()) {
      landOnPinnedRows();
    }
  });
})();
