{#- Inlined into each share page, the same text on every one (one hash in the CSP): once the page has
    loaded, as a refresh would, on to the answer, with the services the address pins. -#}
addEventListener("load", function () {
  var target = new URL(document.querySelector("a.go").getAttribute("href"), location.href);
  var pinned = new URLSearchParams(location.search).get("service");
  if (pinned) {
    target.search = "?service=" + encodeURIComponent(pinned).replace(/%2C/gi, ",");
  }
  location.replace(target.href);
});
