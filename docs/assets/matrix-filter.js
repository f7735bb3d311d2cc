// The service matrix filter: show one service, one owner, or both.
// Progressive enhancement: without JavaScript the full matrix shows and no
// control is drawn. The choice lives in the address (?service=…&owner=…), so
// a filtered view can be linked, and survives a reload.
(function () {
  "use strict";

  var matrix = document.querySelector("[data-srg-matrix]");
  if (!matrix) {
    return;
  }
  var OWNERS = [["", "Any owner"], ["aws", "AWS"], ["customer", "Customer"], ["shared", "Shared"]];
  var services = [["", "All services"]];
  matrix.querySelectorAll("thead th[data-service]").forEach(function (th) {
    services.push([th.getAttribute("data-service"), th.textContent.trim()]);
  });
  var rows = Array.prototype.slice.call(matrix.querySelectorAll("tr[data-entry]"));
  var areas = Array.prototype.slice.call(matrix.querySelectorAll("tbody[data-area]"));

  function label(options, value) {
    var found = options.filter(function (option) { return option[0] === value; })[0];
    return found ? found[1] : "";
  }

  function select(name, text, options) {
    var wrapper = document.createElement("label");
    wrapper.className = "srg-filter__field";
    wrapper.appendChild(document.createTextNode(text + " "));
    var control = document.createElement("select");
    control.name = name;
    options.forEach(function (option) {
      var element = document.createElement("option");
      element.value = option[0];
      element.textContent = option[1];
      control.appendChild(element);
    });
    wrapper.appendChild(control);
    return { wrapper: wrapper, control: control };
  }

  var form = document.createElement("form");
  form.className = "srg-filter";
  form.setAttribute("aria-label", "Filter the service matrix");
  var service = select("service", "Service", services);
  var owner = select("owner", "Owner", OWNERS);
  var reset = document.createElement("button");
  reset.type = "reset";
  reset.className = "md-button";
  reset.textContent = "Show all";
  var slot = document.querySelector(".srg-filter-slot");
  var status = slot.querySelector(".srg-filter__status");
  status.setAttribute("role", "status");
  form.appendChild(service.wrapper);
  form.appendChild(owner.wrapper);
  form.appendChild(reset);
  slot.appendChild(form);

  // A cell may span several services (data-service="ec2 rds"): it stays when
  // one of them is chosen, one column wide; the area names span what is left.
  function covers(cell, chosen) {
    return (" " + cell.getAttribute("data-service") + " ").indexOf(" " + chosen + " ") >= 0;
  }
  matrix.querySelectorAll("td[colspan], .srg-matrix__area-name th").forEach(function (cell) {
    cell.setAttribute("data-span", cell.colSpan);
  });
  matrix.querySelectorAll("td[data-label]").forEach(function (cell) {
    cell.setAttribute("data-labels", cell.getAttribute("data-label"));
  });

  function apply(chosenService, chosenOwner) {
    matrix.querySelectorAll("[data-service]").forEach(function (cell) {
      cell.hidden = Boolean(chosenService) && !covers(cell, chosenService);
    });
    matrix.querySelectorAll("td[data-labels]").forEach(function (cell) {
      cell.setAttribute("data-label", chosenService ? label(services, chosenService) : cell.getAttribute("data-labels"));
    });
    matrix.querySelectorAll("[data-span]").forEach(function (cell) {
      var span = Number(cell.getAttribute("data-span"));
      cell.colSpan = !chosenService ? span : cell.tagName === "TH" ? 2 : 1;
    });
    var shown = 0;
    rows.forEach(function (row) {
      var cells = Array.prototype.filter.call(row.querySelectorAll("td"), function (cell) {
        return !chosenService || covers(cell, chosenService);
      });
      var match = false;
      cells.forEach(function (cell) {
        var holds = !chosenOwner || cell.getAttribute("data-owner") === chosenOwner;
        cell.classList.toggle("srg-off", !holds);
        match = match || holds;
      });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    areas.forEach(function (area) {
      area.hidden = !area.querySelector("tr[data-entry]:not([hidden])");
    });
    matrix.classList.toggle("srg-matrix--one-service", Boolean(chosenService));
    var text = "Showing " + shown + " of " + rows.length + " responsibilities";
    if (chosenService) {
      text += " on " + label(services, chosenService);
    }
    if (chosenOwner) {
      text += ", held by " + label(OWNERS, chosenOwner);
    }
    status.textContent = text + ".";
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var wanted = params.get("service") || "";
    var who = params.get("owner") || "";
    service.control.value = label(services, wanted) ? wanted : "";
    owner.control.value = label(OWNERS, who) ? who : "";
  }

  function toAddress() {
    var url = new URL(window.location.href);
    [["service", service.control.value], ["owner", owner.control.value]].forEach(function (pair) {
      if (pair[1]) {
        url.searchParams.set(pair[0], pair[1]);
      } else {
        url.searchParams.delete(pair[0]);
      }
    });
    window.history.replaceState(window.history.state, "", url.toString());
  }

  function update() {
    apply(service.control.value, owner.control.value);
    toAddress();
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  fromAddress();
  if (service.control.value || owner.control.value) {
    apply(service.control.value, owner.control.value);
  }
  // Otherwise the page as built is the unfiltered view: nothing to change at load.
})();
