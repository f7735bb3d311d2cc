// Whole-word highlighting in search results. The theme marks a query term
// wherever it occurs, inside words too ("h<mark>os</mark>t" for "os"); this
// unmarks any highlight that starts or ends inside a word, so only whole words
// (or word starts the reader typed in full) stay marked. It watches the
// result list, which the theme renders as results arrive.
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}]/u;

  function inWord(mark) {
    var before = mark.previousSibling;
    var after = mark.nextSibling;
    var left = before && before.nodeType === Node.TEXT_NODE ? before.textContent.slice(-1) : "";
    var right = after && after.nodeType === Node.TEXT_NODE ? after.textContent.charAt(0) : "";
    return WORD.test(left) || WORD.test(right);
  }

  function unmarkPartials(root) {
    root.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
      if (inWord(mark)) {
        mark.replaceWith(document.createTextNode(mark.textContent));
      }
    });
    root.normalize();
  }

  var results = document.querySelector(".md-search-result__list");
  if (!results) {
    return;
  }
  new MutationObserver(function () {
    unmarkPartials(results);
  }).observe(results, { childList: true, subtree: true });
})();
