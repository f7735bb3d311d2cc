// Pinned services: a reader picks the services the customer runs once, and
// every page with a row per service shows those rows first and folds the others
// behind "Other services (N)", with a line "Showing EC2, RDS · show all · change".
// What it draws speaks of the customer, never "you" (tests/test_wording.py).
//
// The choice lives in the address (?service=lambda,dynamodb, the service
// matrix's own format), so a shared link keeps it, and in the browser's storage,
// so a page opened without it in the address shows it too (and writes it into
// its address). Ids the address names that are no service of the guide are
// ignored, with a note. On the matrix the choice picks the columns
// (docs/assets/matrix-filter.js asks window.srgPinned); copy-link.js and
// landing.js ask it too.
//
// Progressive enhancement: the HTML as built lists every row in the guide's
// order; without JavaScript nothing is folded. The blocks that have rows carry
// a slot with the guide's services (data-srg-pin, hooks/srg/templates/pin_slot.html)
// and mark each row with the ids of its services (data-service). The self-check's
// score hears "srg:folded" when a fold opens or closes.
(function () {
  "use strict";

  var PARAM = "service";
  var STORAGE_KEY = "srg-pinned-services";
  var FOLDED = "srg-folded";

  // -- the choice: read from the address or storage, written to both ---------------------------

  var state = { chosen: [], unknown: [] };

  function idsIn(text) {
    var seen = [];
    (text || "").toLowerCase().split(/[\s,]+/).forEach(function (id) {
      if (id && seen.indexOf(id) === -1) {
        seen.push(id);
      }
    });
    return seen;
  }

  function stored() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) || "";
    } catch (error) {
      return "";
    }
  }

  function store(ids) {
    try {
      if (ids.length) {
        window.localStorage.setItem(STORAGE_KEY, ids.join(","));
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Storage refused (a private window, a full disk): the address still carries the choice.
    }
  }

  // `url` with the choice in its query (or without a `service` parameter when nothing is pinned).
  function carry(url, ids) {
    var address = new URL(url, window.location.href);
    var chosen = ids || state.chosen;
    if (chosen.length) {
      address.searchParams.set(PARAM, chosen.join(","));
    } else {
      address.searchParams.delete(PARAM);
    }
    // The ids are letters, digits and hyphens: keep the commas readable in the address.
    return address.href.replace(/%2C/g, ",");
  }

  function toAddress(ids) {
    var address = carry(window.location.href, ids);
    if (address !== window.location.href) {
      window.history.replaceState(window.history.state, "", address);
    }
  }

  // The choice for a page that knows the services `known`: the address's, else the stored one.
  // Ids in the address that are not services are left out and kept in `unknown`, for a note.
  function read(known) {
    var params = new URLSearchParams(window.location.search);
    var fromAddress = params.has(PARAM);
    var ids = idsIn(fromAddress ? params.get(PARAM) : stored());
    // In the guide's order, the order of the rows.
    var chosen = known.filter(function (id) { return ids.indexOf(id) !== -1; });
    state = {
      chosen: chosen,
      unknown: fromAddress ? ids.filter(function (id) { return known.indexOf(id) === -1; }) : []
    };
    if (fromAddress && chosen.length) {
      store(chosen);
    }
    toAddress(chosen);
    return state;
  }

  // A new choice: kept in storage and the address (the caller shows it on the page).
  function save(ids) {
    state = { chosen: ids.slice(), unknown: [] };
    store(ids);
    toAddress(ids);
  }

  // -- folding: a group of rows, those of the chosen services first ----------------------------

  function servicesOf(row) {
    return (row.getAttribute("data-service") || "").split(" ").filter(Boolean);
  }

  function isChosen(row, chosen) {
    return servicesOf(row).some(function (id) { return chosen.indexOf(id) !== -1; });
  }

  function button(text, action, className) {
    var control = document.createElement("button");
    control.type = "button";
    control.className = className || "srg-pin__action";
    control.textContent = text;
    if (action) {
      control.setAttribute("data-srg-pin-action", action);
    }
    return control;
  }

  // "Other services (N)": a button that opens and closes `group`.
  function othersButton(count, group) {
    var control = button("Other services (" + count + ")", null, "srg-others");
    control.setAttribute("aria-expanded", "false");
    control.addEventListener("click", function () {
      group.toggle(control.getAttribute("aria-expanded") !== "true");
    });
    return control;
  }

  function distinctServices(elements) {
    var ids = [];
    elements.forEach(function (element) {
      servicesOf(element).forEach(function (id) {
        if (ids.indexOf(id) === -1) {
          ids.push(id);
        }
      });
    });
    return ids;
  }

  // A fold: `parts` hidden behind one "Other services (count)" button put in `holder`
  // (emptied first); no parts, no button. Returns the button.
  function fold(holder, parts, count) {
    var previous = folds.get(holder);
    if (previous) {
      previous.forEach(function (part) { part.classList.remove(FOLDED); });
    }
    holder.replaceChildren();
    folds.set(holder, parts);
    if (!parts.length) {
      return null;
    }
    var group = {
      toggle: function (open) {
        control.setAttribute("aria-expanded", String(open));
        parts.forEach(function (part) { part.classList.toggle(FOLDED, !open); });
        document.dispatchEvent(new CustomEvent("srg:folded"));
      }
    };
    var control = othersButton(count, group);
    holder.appendChild(control);
    parts.forEach(function (part) {
      part.classList.add(FOLDED);
      groupOf.set(part, group);
    });
    return control;
  }

  var folds = new WeakMap();
  var groupOf = new WeakMap();
  var built = new WeakMap();

  // The rows of a list or a table body: the chosen services' rows first, then an item (or a table
  // row) holding "Other services (N)", then the others, folded. With nothing chosen, the order built.
  function foldRows(container, rowSelector) {
    var rows = built.get(container);
    if (!rows) {
      rows = Array.prototype.slice.call(container.querySelectorAll(rowSelector));
      built.set(container, rows);
    }
    var first = rows.filter(function (row) { return isChosen(row, state.chosen); });
    var others = rows.filter(function (row) { return first.indexOf(row) === -1; });
    if (!first.length) {
      others = [];
    }
    var holder = container.querySelector(":scope > .srg-others-item");
    if (!holder) {
      holder = document.createElement(container.tagName === "TBODY" ? "tr" : "li");
      holder.className = "srg-others-item";
    }
    var place = holder;
    if (holder.tagName === "TR") {
      place = holder.firstElementChild || holder.appendChild(document.createElement("td"));
      place.colSpan = rows[0] ? rows[0].children.length : 1;
    }
    fold(place, others, distinctServices(others).length);
    var order = others.length ? first.concat([holder], others) : rows;
    if (!others.length) {
      holder.remove();
    }
    // Moved only where the order changes: a row taken out and put back is styled and laid out again.
    var now = Array.prototype.slice.call(container.children);
    if (order.some(function (row, index) { return now[index] !== row; })) {
      order.forEach(function (row) { container.appendChild(row); });
    }
  }

  // Open the fold that hides `element`, if any (a search or a link that lands there).
  function reveal(element) {
    var folded = element && element.closest("." + FOLDED);
    var group = folded && groupOf.get(folded);
    if (group) {
      group.toggle(true);
      return true;
    }
    return false;
  }

  // -- the blocks -------------------------------------------------------------------------------

  function names(services, ids) {
    return ids.map(function (id) {
      var found = services.filter(function (service) { return service.id === id; })[0];
      return found ? found.short : id;
    }).join(", ");
  }

  function noteText(unknown) {
    var listed = unknown.map(function (id) { return "\u201c" + id + "\u201d"; }).join(", ");
    return "Ignored from the address: " + listed + (unknown.length === 1 ? " is not a service" : " are not services") +
      " this guide covers.";
  }

  // The line that says what is pinned, with its controls; `lead` is what it says when nothing is.
  function pinLine(line, services, lead) {
    line.replaceChildren();
    line.setAttribute("data-srg-pin-line", "");
    if (state.chosen.length) {
      var status = document.createElement("span");
      status.className = "srg-pin__status";
      status.textContent = "Showing " + names(services, state.chosen);
      var actions = document.createElement("span");
      actions.className = "srg-pin__actions";
      actions.append(" \u00b7 ", button("show all", "clear"), " \u00b7 ", button("change", "change"));
      line.append(status, actions);
    } else {
      var pin = document.createElement("span");
      pin.className = "srg-pin__actions";
      pin.append(" \u00b7 ", button("Pick services", "change"));
      line.append(lead, pin);
    }
  }

  // The note on ids the address named that are no service, after `line`.
  function note(line) {
    line.parentElement.querySelectorAll(":scope > .srg-pin__note").forEach(function (old) { old.remove(); });
    if (state.unknown.length) {
      var text = document.createElement("p");
      text.className = "srg-pin__note";
      text.setAttribute("role", "status");
      text.textContent = noteText(state.unknown);
      line.after(text);
    }
  }

  function target() {
    var hash = window.location.hash;
    return hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  }

  // A section's "On each service" rows. With services pinned they move up, right after the answer,
  // before what AWS does and what the customer does, so that a link or a search that opens the section
  // shows them on the first screen; with none, they go back under them, where the page has them.
  function sections(services) {
    var landed = target();
    landed = landed && landed.nextElementSibling;
    document.querySelectorAll(".srg-entry").forEach(function (entry) {
      var list = entry.querySelector("ul.srg-split");
      var title = entry.querySelector(".srg-split__title");
      var sides = entry.querySelector(".srg-sides");
      if (!list || !title || !sides) {
        return;
      }
      foldRows(list, ":scope > li[data-service]");
      pinLine(title, services, "On each service");
      var pinned = state.chosen.length > 0;
      entry.classList.toggle("srg-entry--pinned", pinned);
      if (pinned && sides.previousElementSibling !== list) {
        sides.before(title, list);
      } else if (!pinned && sides.nextElementSibling !== title) {
        sides.after(title, list);
      }
      if (entry === landed) {
        note(title);
      }
    });
  }

  // The services index: a table row per service.
  function serviceIndex() {
    document.querySelectorAll(".srg-service-index tbody").forEach(function (body) {
      foldRows(body, ":scope > tr[data-service]");
    });
  }

  // The comparison: in "Who", where the owner varies, the chosen services' owners first and the
  // line of every service's owner folded; and the chosen services the answer does not apply to.
  function comparison(services) {
    document.querySelectorAll(".srg-comparison tr[data-entry] td[data-service]").forEach(function (who) {
      var old = who.querySelector(".srg-owners__absent");
      if (old) {
        old.remove();
      }
      var absent = state.chosen.filter(function (id) { return servicesOf(who).indexOf(id) === -1; });
      if (absent.length) {
        var line = document.createElement("span");
        line.className = "srg-owners__absent";
        line.textContent = "Does not apply to " + names(services, absent);
        who.appendChild(line);
      }
    });
    document.querySelectorAll(".srg-comparison tr[data-entry] .srg-owners:not(.srg-owners--pinned)").forEach(
      function (owners) {
        var pinned = owners.previousElementSibling;
        if (!pinned || !pinned.classList.contains("srg-owners--pinned")) {
          pinned = document.createElement("span");
          pinned.className = "srg-owners srg-owners--pinned";
          owners.before(pinned);
          var holder = document.createElement("span");
          holder.className = "srg-others-item";
          owners.before(holder);
        }
        pinned.replaceChildren();
        owners.querySelectorAll(".srg-owners__group[data-service]").forEach(function (group) {
          var mine = servicesOf(group).filter(function (id) { return state.chosen.indexOf(id) !== -1; });
          if (mine.length) {
            var part = document.createElement("span");
            part.className = "srg-owners__group";
            part.append(group.querySelector(".srg-owners__who").cloneNode(true), " " + names(services, mine));
            if (pinned.childNodes.length) {
              pinned.append(" \u00b7 ");
            }
            pinned.appendChild(part);
          }
        });
        pinned.hidden = !pinned.childNodes.length;
        var groups = Array.prototype.slice.call(owners.querySelectorAll(".srg-owners__group[data-service]"));
        var others = distinctServices(groups).filter(function (id) { return state.chosen.indexOf(id) === -1; });
        fold(pinned.nextElementSibling, pinned.hidden ? [] : [owners], others.length);
      }
    );
  }

  // The self-check: the questions on the chosen services first, in a group of their own, then
  // "Other services (N)" and the services' sections, folded where they are. A question goes back
  // to its section, in the order built, when the choice changes.
  var homes = new WeakMap();

  function selfCheck(services) {
    var lists = Array.prototype.slice.call(document.querySelectorAll("[data-srg-check-service]"));
    if (!lists.length) {
      return;
    }
    var questions = Array.prototype.slice.call(document.querySelectorAll(".srg-question"));
    questions.forEach(function (question) {
      if (!homes.has(question)) {
        homes.set(question, question.parentElement);
      }
    });
    var box = document.querySelector("[data-srg-check-pinned]");
    if (!box) {
      box = document.createElement("div");
      box.className = "srg-check-pinned";
      box.setAttribute("data-srg-check-pinned", "");
      var title = document.createElement("p");
      title.className = "srg-check-pinned__title";
      var holder = document.createElement("p");
      holder.className = "srg-others-item srg-check-others";
      box.appendChild(title);
      lists[0].previousElementSibling.before(box, holder);
    }
    lists.forEach(function (list) {
      questions.filter(function (question) { return homes.get(question) === list; }).forEach(function (question) {
        list.appendChild(question);
      });
    });
    var mine = questions.filter(function (question) { return isChosen(question, state.chosen); });
    box.hidden = !mine.length;
    mine.forEach(function (question) { box.appendChild(question); });
    box.firstChild.textContent = mine.length + " question" + (mine.length === 1 ? "" : "s") + " on " +
      names(services, state.chosen);
    var parts = [];
    var rest = [];
    lists.forEach(function (list) {
      var left = Array.prototype.slice.call(list.querySelectorAll(".srg-question"));
      list.previousElementSibling.classList.toggle("srg-check-emptied", !left.length);
      list.classList.toggle("srg-check-emptied", !left.length);
      parts.push(list.previousElementSibling, list);
      rest = rest.concat(left);
    });
    fold(box.nextElementSibling, mine.length ? parts : [], distinctServices(rest).length);
  }

  // -- the page ---------------------------------------------------------------------------------

  var dialog = null;

  // Keyboard focus after the line it was in is drawn again: on its control for `action`, else its first.
  function focusIn(line, action) {
    var control = line.querySelector("[data-srg-pin-action='" + action + "']") || line.querySelector("button");
    if (control) {
      control.focus();
    }
  }

  function picker(services, line) {
    if (dialog) {
      dialog.remove();
    }
    dialog = document.createElement("dialog");
    dialog.className = "srg-pin-dialog";
    dialog.setAttribute("aria-labelledby", "srg-pin-dialog-title");
    var form = document.createElement("form");
    form.method = "dialog";
    var title = document.createElement("p");
    title.id = "srg-pin-dialog-title";
    title.className = "srg-pin-dialog__title";
    title.textContent = "Services to show first";
    var hint = document.createElement("p");
    hint.className = "srg-pin-dialog__hint";
    hint.textContent = "Their rows come first on every page; the others fold away. The choice is kept in this browser " +
      "and in the page's address.";
    var boxes = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = "Services";
    boxes.appendChild(legend);
    services.forEach(function (service) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = "service";
      input.value = service.id;
      label.append(input, " " + service.name);
      boxes.appendChild(label);
    });
    var actions = document.createElement("p");
    actions.className = "srg-pin-dialog__actions";
    var pin = button("Pin these", null, "md-button md-button--primary");
    pin.type = "submit";
    pin.value = "pin";
    var cancel = button("Cancel", null, "md-button");
    cancel.type = "submit";
    cancel.value = "cancel";
    actions.append(pin, cancel);
    form.append(title, hint, boxes, actions);
    dialog.appendChild(form);
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "pin") {
        var chosen = Array.prototype.filter.call(form.querySelectorAll("input[name=service]"), function (input) {
          return input.checked;
        }).map(function (input) { return input.value; });
        save(chosen);
        apply();
        focusIn(line, "change");
      }
    });
    page.element.appendChild(dialog);
    return dialog;
  }

  function openPicker(slot, line) {
    var opened = picker(slot.services, line);
    opened.querySelectorAll("input[name=service]").forEach(function (input) {
      input.checked = state.chosen.indexOf(input.value) !== -1;
    });
    opened.returnValue = "";
    opened.showModal();
  }

  var page = null;

  function findSlot() {
    var element = document.querySelector("[data-srg-pin]");
    return element ? { element: element, services: JSON.parse(element.getAttribute("data-srg-pin")) } : null;
  }

  // Until a service is first pinned, the page as built is the unpinned view: the comparison and the
  // self-check are left as they are (moving a thousand questions back where they stand, or adding a
  // pinned line to every row of the comparison, costs a phone a third of a second for nothing).
  var touched = false;

  function apply() {
    var slot = page;
    var bar = slot.element.querySelector(".srg-pin");
    if (!bar) {
      bar = document.createElement("p");
      bar.className = "srg-pin";
      slot.element.appendChild(bar);
    }
    pinLine(bar, slot.services, "Showing every service");
    note(bar);
    sections(slot.services);
    touched = touched || state.chosen.length > 0;
    if (touched) {
      serviceIndex();
      comparison(slot.services);
      selfCheck(slot.services);
      document.dispatchEvent(new CustomEvent("srg:folded"));
    }
  }

  // A link to something folded (a question of another service on the self-check) opens its fold.
  function revealTarget() {
    var element = target();
    if (element && reveal(element)) {
      element.scrollIntoView();
    }
  }

  document.addEventListener("click", function (event) {
    var control = event.target instanceof Element ? event.target.closest("[data-srg-pin-action]") : null;
    if (!control || !page) {
      return;
    }
    var line = control.closest("[data-srg-pin-line]");
    if (control.getAttribute("data-srg-pin-action") === "clear") {
      save([]);
      apply();
      focusIn(line, "change");
    } else {
      openPicker(page, line);
    }
  });
  window.addEventListener("hashchange", revealTarget);

  window.srgPinned = {
    read: read,
    save: save,
    carry: function (url) { return carry(url); },
    reveal: reveal,
    chosen: function () { return state.chosen.slice(); },
    note: function () { return state.unknown.length ? noteText(state.unknown) : ""; }
  };

  function start() {
    var slot = findSlot();
    if (!slot || slot.element.hasAttribute("data-srg-ready")) {
      return;
    }
    slot.element.setAttribute("data-srg-ready", "");
    page = slot;
    read(page.services.map(function (service) { return service.id; }));
    apply();
    revealTarget();
  }

  // At once, as the page has been parsed (this script is deferred): before the jump to a section a link
  // opens, so the page lands with the pinned rows in place instead of moving after it. Then every page
  // that instant navigation brings (docs/assets/theme.js); the page that is here is not done twice.
  start();
  window.srgTheme.onPage(start);
})();
