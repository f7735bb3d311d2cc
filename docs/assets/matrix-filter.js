// The service matrix filter: compare the services a reader picks, and one owner.
// Progressive enhancement: without JavaScript the full matrix shows and no
// control is drawn. Services and owners are read from the page (the column
// headers and the matrix's data-srg-owners), never from a copy of the model.
// The choice lives in the address (?service=ec2,rds&owner=customer), so a
// filtered view can be linked, and survives a reload; the services are those
// the reader pinned, kept across pages (docs/assets/pinned-services.js).
// With many services (the matrix's data-srg-compact, set by the build), the
// matrix becomes a compact grid: each cell its owner's letter (its data-letter)
// or, where it spans enough columns, its word, the word always there for screen
// readers; the reasons show on demand ("Show the reasons") and whenever few
// services are picked. The check boxes are grouped by the services' kinds (the
// column headers' data-kind).
(function () {
  "use strict";

  function init() {
    var matrix = document.querySelector("[data-srg-matrix]");
    if (!matrix || matrix.hasAttribute("data-srg-ready")) {
      return;
    }
    matrix.setAttribute("data-srg-ready", "");
    markStickyHeader(matrix);
    var ownerLabels = JSON.parse(matrix.getAttribute("data-srg-owners"));
    var owners = [["", "Any owner"]].concat(Object.keys(ownerLabels).map(function (key) {
      return [key, ownerLabels[key]];
    }));
    var services = [];
    matrix.querySelectorAll("thead th[data-service]").forEach(function (th) {
      services.push([th.getAttribute("data-service"), th.textContent.trim(), th.getAttribute("data-kind") || "",
        th.getAttribute("data-short") || th.textContent.trim()]);
    });
    var compact = matrix.hasAttribute("data-srg-compact");
    var rows = Array.prototype.slice.call(matrix.querySelectorAll("tr[data-entry]"));
    var areas = Array.prototype.slice.call(matrix.querySelectorAll("tbody[data-area]"));
    var built = build();
    var form = built.form;
    var status = built.status;
    var ownerControl = built.owner;
    var reasonsControl = built.reasons;

    function label(options, value) {
      var found = options.filter(function (option) { return option[0] === value; })[0];
      return found ? found[1] : "";
    }

    function build() {
      var element = document.createElement("form");
      element.className = "srg-filter";
      element.setAttribute("aria-label", "Filter the service matrix");
      var group = document.createElement("fieldset");
      group.className = "srg-filter__services";
      var legend = document.createElement("legend");
      legend.textContent = "Compare services";
      group.appendChild(legend);
      var kind = null;
      var place = group;
      services.forEach(function (service) {
        if (service[2] && service[2] !== kind) {
          kind = service[2];
          place = document.createElement("fieldset");
          place.className = "srg-filter__kind";
          var name = document.createElement("legend");
          name.textContent = kind.charAt(0).toUpperCase() + kind.slice(1);
          place.appendChild(name);
          group.appendChild(place);
        }
        var box = document.createElement("label");
        box.className = "srg-filter__service";
        var input = document.createElement("input");
        input.type = "checkbox";
        input.name = "service";
        input.value = service[0];
        box.appendChild(input);
        box.appendChild(document.createTextNode(" " + service[1]));
        place.appendChild(box);
      });
      element.appendChild(group);
      var wrapper = document.createElement("label");
      wrapper.className = "srg-filter__field";
      wrapper.appendChild(document.createTextNode("Owner "));
      var select = document.createElement("select");
      select.name = "owner";
      owners.forEach(function (option) {
        var item = document.createElement("option");
        item.value = option[0];
        item.textContent = option[1];
        select.appendChild(item);
      });
      wrapper.appendChild(select);
      element.appendChild(wrapper);
      var reasons = null;
      if (compact) {
        var toggle = document.createElement("label");
        toggle.className = "srg-filter__field srg-filter__reasons";
        reasons = document.createElement("input");
        reasons.type = "checkbox";
        reasons.name = "reasons";
        toggle.appendChild(reasons);
        toggle.appendChild(document.createTextNode(" Show the reasons"));
        element.appendChild(toggle);
      }
      var reset = document.createElement("button");
      reset.type = "reset";
      reset.className = "md-button";
      reset.textContent = "Show all";
      element.appendChild(reset);
      var slot = document.querySelector(".srg-filter-slot");
      var line = slot.querySelector(".srg-filter__status");
      line.setAttribute("role", "status");
      slot.appendChild(element);
      return { form: element, status: line, owner: select, reasons: reasons };
    }

    // The compact grid's letters, unless the reader asked for the reasons or picked few services.
    function present() {
      var text = !compact || reasonsControl.checked || matrix.classList.contains("srg-matrix--few");
      matrix.classList.toggle("srg-matrix--letters", !text);
      if (!text && phone.matches) {
        rows.forEach(drawOwners);
      }
    }

    // On a phone, the compact grid's card gives one line per owner, naming the services it holds on
    // (a check mark where Security Hub checks the customer's part), in place of one run after another.
    // The owner of most services, when it holds at least EVERY_OTHER of them, comes last as "every other
    // service", so the few that differ are read first.
    var phone = window.matchMedia("(max-width: 44.9375em)");
    var ORDER = ["customer", "shared", "aws", "na"];
    var EVERY_OTHER = 8;
    var picking = false;

    function drawOwners(row) {
      var groups = {};
      row.querySelectorAll("td[data-service]").forEach(function (cell) {
        if (cell.hidden || cell.classList.contains("srg-off")) {
          return;
        }
        var owner = cell.getAttribute("data-owner");
        var checked = Boolean(cell.querySelector(".srg-hub-mark"));
        groups[owner] = (groups[owner] || []).concat(cell.getAttribute("data-short").split(", ").map(function (name) {
          return { name: name, checked: checked };
        }));
      });
      var held = ORDER.filter(function (owner) { return groups[owner]; });
      var most = held.slice().sort(function (a, b) { return groups[b].length - groups[a].length; })[0];
      var rest = most && groups[most].length >= EVERY_OTHER ? most : null;
      if (rest) {
        held = held.filter(function (owner) { return owner !== rest; }).concat([rest]);
      }
      var box = row.querySelector(".srg-matrix__owners");
      if (!box) {
        box = document.createElement("div");
        box.className = "srg-matrix__owners";
        row.querySelector("th").appendChild(box);
      }
      box.textContent = "";
      held.forEach(function (owner) {
        var badge = row.querySelector("td[data-owner=" + owner + "] .srg-owner").cloneNode(true);
        var names = document.createElement("span");
        var list = groups[owner];
        if (owner === rest) {
          var checked = list.filter(function (item) { return item.checked; }).map(function (item) { return item.name; });
          names.textContent = (held.length === 1 ? "Every service" : "Every other service") + (picking ? " picked" : "") +
            (checked.length ? "; checked by Security Hub on " + checked.join(", ") : "");
        } else {
          names.textContent = list.map(function (item) { return item.name + (item.checked ? " \u2713" : ""); }).join(", ");
        }
        box.appendChild(badge);
        box.appendChild(names);
      });
    }

    function chosenServices() {
      return Array.prototype.filter.call(form.querySelectorAll("input[name=service]"), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    }

    function servicesOf(cell) {
      return cell.getAttribute("data-service").split(" ");
    }

    function shared(cell, chosen) {
      return servicesOf(cell).filter(function (id) { return chosen.indexOf(id) >= 0; });
    }

    matrix.querySelectorAll("td[data-service]").forEach(function (cell) {
      cell.setAttribute("data-labels", cell.getAttribute("data-label"));
      if (compact) {
        cell.setAttribute("data-shorts", cell.getAttribute("data-short"));
      }
    });

    function shortName(id) {
      var found = services.filter(function (service) { return service[0] === id; })[0];
      return found ? found[3] : "";
    }

    function apply(chosen, owner) {
      var all = chosen.length === 0;
      picking = !all;
      matrix.querySelectorAll("thead th[data-service]").forEach(function (th) {
        th.hidden = !all && chosen.indexOf(th.getAttribute("data-service")) < 0;
      });
      matrix.querySelectorAll("td[data-service]").forEach(function (cell) {
        var covered = all ? servicesOf(cell) : shared(cell, chosen);
        cell.hidden = covered.length === 0;
        cell.colSpan = Math.max(covered.length, 1);
        cell.setAttribute("data-label", all ? cell.getAttribute("data-labels") : covered.map(function (id) {
          return label(services, id);
        }).join(", "));
        if (compact) {
          cell.setAttribute("data-short", all ? cell.getAttribute("data-shorts") : covered.map(shortName).join(", "));
        }
      });
      matrix.querySelectorAll(".srg-matrix__area-name th").forEach(function (th) {
        th.colSpan = (all ? services.length : chosen.length) + 1;
      });
      var shown = 0;
      var absent = 0;
      rows.forEach(function (row) {
        var cells = Array.prototype.filter.call(row.querySelectorAll("td"), function (cell) { return !cell.hidden; });
        var applies = cells.some(function (cell) { return cell.getAttribute("data-owner") !== "na"; });
        var match = false;
        cells.forEach(function (cell) {
          var holds = !owner || cell.getAttribute("data-owner") === owner;
          cell.classList.toggle("srg-off", !holds);
          match = match || holds;
        });
        row.hidden = !applies || !match;
        absent += applies ? 0 : 1;
        shown += row.hidden ? 0 : 1;
      });
      areas.forEach(function (area) {
        area.hidden = !area.querySelector("tr[data-entry]:not([hidden])");
      });
      matrix.classList.toggle("srg-matrix--few", !all && chosen.length <= 3);
      present();
      var text = "Showing " + shown + " of " + rows.length + " responsibilities";
      if (!all) {
        text += " on " + chosen.map(function (id) { return label(services, id); }).join(", ");
      }
      if (owner) {
        text += ", held by " + label(owners, owner);
      }
      text += ".";
      if (absent) {
        text += " " + absent + (absent === 1 ? " row does" : " rows do") + " not apply to " +
          (chosen.length === 1 ? "this service" : "these services") + " and " + (absent === 1 ? "is" : "are") +
          " hidden.";
      }
      status.textContent = text + ignored;
    }

    // The services are the reader's pinned ones (docs/assets/pinned-services.js): the address's,
    // else those kept in the browser; ids that are no service are ignored, with a note.
    var ignored = "";

    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      var pinned = window.srgPinned.read(services.map(function (service) { return service[0]; }));
      var wanted = pinned.chosen;
      ignored = pinned.unknown.length ? " " + window.srgPinned.note() : "";
      form.querySelectorAll("input[name=service]").forEach(function (box) {
        box.checked = wanted.indexOf(box.value) >= 0;
      });
      var who = params.get("owner") || "";
      ownerControl.value = label(owners, who) ? who : "";
    }

    function toAddress() {
      var url = new URL(window.location.href);
      var chosen = chosenServices();
      [["service", chosen.join(",")], ["owner", ownerControl.value]].forEach(function (pair) {
        if (pair[1]) {
          url.searchParams.set(pair[0], pair[1]);
        } else {
          url.searchParams.delete(pair[0]);
        }
      });
      window.history.replaceState(window.history.state, "", url.toString());
    }

    function update(event) {
      if (event && event.target === reasonsControl) {
        present();
        return;
      }
      ignored = "";
      window.srgPinned.save(chosenServices());
      apply(chosenServices(), ownerControl.value);
      toAddress();
    }

    form.addEventListener("change", update);
    phone.addEventListener("change", present);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    fromAddress();
    present();
    if (chosenServices().length || ownerControl.value || ignored) {
      apply(chosenServices(), ownerControl.value);
    }
    // Otherwise the page as built is the unfiltered view: nothing to change at load.
  }

  // The matrix scrolls sideways in a box of its own (docs/assets/guide.css). Its
  // header row can stay under the site's header only where the browser lets a
  // box scroll sideways while it clips up and down (overflow-y stays "clip");
  // elsewhere such a box scrolls both ways, the row would stick inside it, and
  // so it stays where it is.
  function markStickyHeader(matrix) {
    var probe = document.createElement("div");
    probe.style.overflowX = "auto";
    probe.style.overflowY = "clip";
    matrix.appendChild(probe);
    var clipped = window.getComputedStyle(probe).overflowY === "clip";
    matrix.removeChild(probe);
    matrix.classList.toggle("srg-matrix--sticky", clipped);
  }

  // Every page, instant navigation included (docs/assets/theme.js).
  window.srgTheme.onPage(init);
})();
