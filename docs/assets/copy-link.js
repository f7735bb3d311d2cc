// "Copy link" on each responsibility: copies the absolute URL of its section.
// Progressive enhancement: without JavaScript the heading's permalink still works.
(function () {
  "use strict";

  function sectionUrl(id) {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = id;
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

  function addButton(heading) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "srg-copy-link md-button";
    button.textContent = "Copy link";
    button.setAttribute("aria-label", "Copy link to " + heading.textContent.replace(/\s*¶\s*$/, ""));
    var status = document.createElement("span");
    status.className = "srg-copy-status";
    status.setAttribute("role", "status");
    var meta = heading.nextElementSibling;
    var host = meta && meta.classList.contains("srg-meta") ? meta : heading;
    host.appendChild(button);
    host.appendChild(status);
    button.addEventListener("click", function () {
      var url = sectionUrl(heading.id);
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(
          function () { announce(button, "Link copied"); },
          function () { window.prompt("Copy this link:", url); }
        );
      } else {
        window.prompt("Copy this link:", url);
      }
    });
  }

  document.querySelectorAll("h2.srg-responsibility[id]").forEach(addButton);
})();
