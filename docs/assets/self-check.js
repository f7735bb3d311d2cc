// The self-check as a study tool: answer each question with AWS, Customer or
// Shared, keep a score, pick one service, shuffle the order. The answer
// buttons are in the page from the build and shown wherever scripts run (the
// head marks the root "js"), so they take their place before the first paint;
// one listener serves them all. This script adds the options bar in a slot
// kept at its height. Without JavaScript every question is still a <details>
// that opens on its answer.
(function () {
  "use strict";

  function init() {
    var root = document.querySelector("[data-srg-self-check]");
    if (!root || root.hasAttribute("data-srg-ready")) {
      return;
    }
    root.setAttribute("data-srg-ready", "");
    var sections = Array.prototype.slice.call(document.querySelectorAll("[data-srg-check-service]"));
    var slot = root.querySelector(".srg-quiz-slot");
    var questions = Array.prototype.slice.call(document.querySelectorAll(".srg-question"));

    var bar = document.createElement("form");
    bar.className = "srg-quiz";
    bar.setAttribute("aria-label", "Self-check options");
    var field = document.createElement("label");
    field.appendChild(document.createTextNode("Service "));
    var choice = document.createElement("select");
    var any = document.createElement("option");
    any.value = "";
    any.textContent = "All services";
    choice.appendChild(any);
    sections.forEach(function (section) {
      var option = document.createElement("option");
      option.value = section.getAttribute("data-srg-check-service");
      option.textContent = section.getAttribute("data-srg-check-name");
      choice.appendChild(option);
    });
    field.appendChild(choice);
    bar.appendChild(field);
    var shuffle = document.createElement("button");
    shuffle.type = "button";
    shuffle.className = "md-button";
    shuffle.textContent = "Shuffle";
    bar.appendChild(shuffle);
    var tally = document.createElement("p");
    tally.className = "srg-quiz__score";
    tally.setAttribute("role", "status");
    bar.appendChild(tally);
    slot.appendChild(bar);

    // The score counts the questions shown: those of the chosen service, or all, less those folded
    // under "Other services" when the reader pinned theirs (docs/assets/pinned-services.js). Read from
    // the attributes and classes that hide them, not from the layout, which a thousand questions make
    // slow to compute.
    function isShown(question) {
      return !question.closest("[hidden], .srg-folded, .srg-check-emptied");
    }

    function showScore() {
      var shown = questions.filter(isShown);
      var answered = shown.filter(function (question) {
        return question.querySelector("details[data-srg-answered]");
      });
      var right = answered.filter(function (question) {
        return question.querySelector("details[data-srg-answered=right]");
      });
      tally.textContent = right.length + " of " + answered.length + " right, " +
        (shown.length - answered.length) + " to go.";
    }

    function answer(button) {
      var question = button.closest(".srg-question");
      var details = question.querySelector("details.srg-check");
      if (details.hasAttribute("data-srg-answered")) {
        return;
      }
      var right = details.getAttribute("data-owner") === button.value;
      details.setAttribute("data-srg-answered", right ? "right" : "wrong");
      question.querySelectorAll(".srg-quiz__choices button").forEach(function (other) {
        other.disabled = true;
        other.setAttribute("aria-pressed", String(other === button));
      });
      question.querySelector(".srg-quiz__verdict").textContent = right ? "Right." : "Not quite: the answer is above.";
      details.open = true;
      showScore();
    }

    document.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest(".srg-quiz__choices button") : null;
      if (button) {
        answer(button);
      }
    });

    // A question asked once for several services shows for each of them. It sits
    // in the first of their sections, so one service's questions come from several
    // sections: with a service chosen, no section's heading or count fits what is
    // shown, and they are hidden, in the table of contents too.
    choice.addEventListener("change", function () {
      var all = !choice.value;
      questions.forEach(function (question) {
        var services = question.querySelector("details").getAttribute("data-services").split(" ");
        question.hidden = !all && services.indexOf(choice.value) < 0;
      });
      sections.forEach(function (section) {
        section.hidden = !section.querySelector(".srg-question:not([hidden])");
        var count = section.querySelector(".srg-check-count");
        if (count) {
          count.hidden = !all;
        }
        var heading = section.previousElementSibling;
        if (heading && /^H[2-6]$/.test(heading.tagName)) {
          heading.hidden = !all;
          window.srgTheme.navigationLinks(heading.id).forEach(function (link) {
            link.parentElement.hidden = !all;
          });
        }
      });
      var pinned = pinnedQuestions();
      if (pinned) {
        pinned.hidden = !pinned.querySelector(".srg-question:not([hidden])");
      }
      showScore();
    });

    // The questions on the services the reader pinned, put first (docs/assets/pinned-services.js).
    function pinnedQuestions() {
      return document.querySelector("[data-srg-check-pinned]");
    }

    shuffle.addEventListener("click", function () {
      sections.concat(pinnedQuestions() || []).forEach(function (section) {
        var items = Array.prototype.slice.call(section.querySelectorAll(".srg-question"));
        for (var i = items.length - 1; i > 0; i -= 1) {
          var j = Math.floor(Math.random() * (i + 1));
          var swap = items[i];
          items[i] = items[j];
          items[j] = swap;
        }
        items.forEach(function (item) {
          section.appendChild(item);
        });
      });
    });

    document.addEventListener("srg:folded", showScore);
    showScore();
  }

  // Every page, instant navigation included (docs/assets/theme.js).
  window.srgTheme.onPage(init);
})();
