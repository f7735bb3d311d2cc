// The self-check as a study tool: answer each question with AWS, Customer or
// Shared, keep a score, pick one service, shuffle the order. Without
// JavaScript every question is still a <details> that opens on its answer.
// The owners and their labels come from the page (data-srg-owners).
(function () {
  "use strict";

  function init() {
    var root = document.querySelector("[data-srg-self-check]");
    if (!root || root.hasAttribute("data-srg-ready")) {
      return;
    }
    root.setAttribute("data-srg-ready", "");
    var labels = JSON.parse(root.getAttribute("data-srg-owners"));
    var questions = Array.prototype.slice.call(document.querySelectorAll("details.srg-check"));
    var sections = Array.prototype.slice.call(document.querySelectorAll("[data-srg-check-service]"));
    var slot = root.querySelector(".srg-quiz-slot");
    var score = { right: 0, answered: 0 };

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

    function visible() {
      return questions.filter(function (question) { return !question.hidden; });
    }

    function showScore() {
      tally.textContent = score.right + " of " + score.answered + " right, " +
        (visible().length - score.answered) + " to go.";
    }

    function answer(question, owner, buttons, verdict) {
      if (question.hasAttribute("data-srg-answered")) {
        return;
      }
      var right = question.getAttribute("data-owner") === owner;
      question.setAttribute("data-srg-answered", right ? "right" : "wrong");
      score.answered += 1;
      score.right += right ? 1 : 0;
      buttons.forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-pressed", String(button.value === owner));
      });
      verdict.textContent = right ? "Right." : "Not quite: the answer is below.";
      question.open = true;
      showScore();
    }

    questions.forEach(function (question) {
      var choices = document.createElement("p");
      choices.className = "srg-quiz__choices";
      var verdict = document.createElement("span");
      verdict.className = "srg-quiz__verdict";
      var buttons = Object.keys(labels).map(function (owner) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.value = owner;
        button.textContent = labels[owner];
        button.addEventListener("click", function () { answer(question, owner, buttons, verdict); });
        choices.appendChild(button);
        return button;
      });
      choices.appendChild(verdict);
      question.parentNode.insertBefore(choices, question.nextSibling);
    });

    choice.addEventListener("change", function () {
      sections.forEach(function (section) {
        var id = section.getAttribute("data-srg-check-service");
        var shown = !choice.value || id === choice.value;
        section.hidden = !shown;
        var heading = section.previousElementSibling;
        if (heading && /^H[2-6]$/.test(heading.tagName)) {
          heading.hidden = !shown;
        }
        section.querySelectorAll("details.srg-check").forEach(function (question) {
          question.hidden = !shown;
          question.parentNode.hidden = !shown;
        });
      });
      showScore();
    });

    shuffle.addEventListener("click", function () {
      sections.forEach(function (section) {
        var list = section;
        var items = Array.prototype.slice.call(list.querySelectorAll(".srg-question"));
        for (var i = items.length - 1; i > 0; i -= 1) {
          var j = Math.floor(Math.random() * (i + 1));
          var swap = items[i];
          items[i] = items[j];
          items[j] = swap;
        }
        items.forEach(function (item) {
          list.appendChild(item);
        });
      });
    });

    showScore();
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    init();
  }
})();
