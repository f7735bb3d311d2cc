// "Copy link" on each responsibility: copies the absolute URL of its share page
// (a/<id>/), whose link preview in a chat is the answer and which leads on to
// the section; without a share page, the section's own URL.
// The buttons are in the page from the build, invisible until this script makes
// them work; without JavaScript the heading's permalink still serves.
(function () {
  "use strict";

  function sectionUrl(button) {
    var share = button.getAttribute("data-srg-share");
    if (share) {
      return new URL(share, window.location.href).toString();
    }
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = button.getAttribute("data-srg-copy");
    return url.toString();
  }

  function announce(button, text) {
    var status = button.nextElementSibling;
    button.textContent = text;
    status.textContent = text;
    window.setTimeout(function () {
      button.textContent = "Copy link";
      status.textContent = "";
    }, 2000);
  }

  function copy(button) {
    var url = sectionUrl(button);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { announce(button, "Link copied"); },
        function () { window.prompt("Copy this link:", url); }
      );
    } else {
      window.prompt("Copy this link:", url);
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-srg-copy]") : null;
    if (button) {
      copy(button);
    }
  });
  // A link to an answer's old place (an entry that moved to another page) goes on to its new one.
  function followMoved() {
    var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.hasAttribute("data-srg-moved")) {
      window.location.replace(target.querySelector("a").href);
    }
  }

  function ready() {
    followMoved();
    document.querySelectorAll("button[data-srg-copy]").forEach(function (button) {
      button.classList.add("srg-ready");
    });
  }
  // Material's document$ emits on every page, instant navigation included.
  if (window.document$) {
    window.document$.subscribe(ready);
  } else {
    ready();
  }
})();
