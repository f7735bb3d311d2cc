// Where a link or a search lands.
// - A link to an answer's old place (an entry that moved to another page) goes
//   on to its new one.
// - A search result opens the answer's section with the query in the address
//   (?h=…): when the query names a service ("guest os lambda"), the page opens
//   at that service's row of the section, marked, instead of the section's top.
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

  function landOnServiceRow() {
    var query = new URLSearchParams(window.location.search).get("h");
    var heading = target();
    var entry = heading && heading.nextElementSibling;
    if (!query || !entry || !entry.hasAttribute("data-entry")) {
      return;
    }
    var rows = Array.prototype.slice.call(entry.querySelectorAll("li[data-service]"));
    var ids = [];
    rows.forEach(function (row) {
      ids = ids.concat(servicesOf(row));
    });
    var service = namedService(query.toLowerCase().split(/[\s+]+/), ids);
    var row = service && rows.filter(function (each) { return servicesOf(each).indexOf(service) !== -1; })[0];
    if (row) {
      row.classList.add("srg-landed");
      // After the browser's own jump to the section, which comes once the page has loaded.
      whenLoaded(function () {
        window.requestAnimationFrame(function () {
          row.scrollIntoView({ block: "start" });
        });
      });
    }
  }

  // Every page, instant navigation included (docs/assets/theme.js).
  window.srgTheme.onPage(function () {
    if (!followMoved()) {
      landOnServiceRow();
    }
  });
})();
