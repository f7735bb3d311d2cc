// "Copy link" on each responsibility: a link to its share page (a/<id>/), whose
// link preview in a chat is the answer and which leads on to the section.
// With JavaScript a click copies that address, with the services the reader
// pinned (docs/assets/pinned-services.js), instead of following it; without,
// the link is there to follow or copy. Nothing changes on the page at load;
// where a link lands is docs/assets/landing.js's.
(function () {
  "use strict";

  function announce(link, text) {
    var status = link.nextElementSibling;
    link.textContent = text;
    status.textContent = text;
    window.setTimeout(function () {
      link.textContent = "Copy link";
      status.textContent = "";
    }, 2000);
  }

  function copy(link) {
    // With services pinned, the address carries them (?service=…): the share page passes them on.
    var url = window.srgPinned.carry(link.href);
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(
        function () { announce(link, "Link copied"); },
        function () { window.prompt("Copy this link:", url); }
      );
    } else {
      window.prompt("Copy this link:", url);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-srg-copy]") : null;
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      copy(link);
    }
  });
})();
