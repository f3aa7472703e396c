// The quiz inside another site's iframe, without cookies or storage.
// - The statement pages work without this script: the answers so far travel in a signed
//   hidden field from page to page. With it, the browser keeps the answers in memory, shows
//   the next statement at once, and posts every answer at the end; the answer is the
//   result page itself, which replaces this one.
// - The frame tells the host page its height (postMessage), so the host's script
//   (embed-host.js) can fit the iframe to it. A height is all it says.
(function () {
  "use strict";

  function tellHeight() {
    if (window.parent === window) { return; }
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ programtesten: "height", height: height }, "*");
  }

  function showResult(html) {
    QuizView.swapIn(html, "main");
    tellHeight();
  }

  function enhanceQuiz() {
    var island = document.getElementById("embed-quiz");
    var form = document.querySelector("form[data-embed-form]");
    if (!island || !form) { return; }
    var quiz = JSON.parse(island.textContent);
    var answers = quiz.answers || {};
    var index = quiz.start - 1;
    var total = quiz.statements.length;
    var view = document.querySelector("[data-embed-step]");
    var template = view.querySelector("[data-progress]").dataset.template;
    var prev = form.querySelector("[data-prev]");
    var number = form.querySelector("[data-number]");
    var order = quiz.statements.map(function (s) { return s.id; });

    function show(i) {
      var statement = quiz.statements[i];
      QuizView.showStatement(view, {
        number: i + 1, total: total,
        progress: template.replace("{n}", i + 1).replace("{total}", total),
        area: statement.area, text: statement.text, explanation: statement.explanation,
        chosen: answers[statement.id]
      });
      prev.hidden = i === 0;
      number.value = i + 1;
      view.querySelector("[data-statement-text]").focus();
      tellHeight();
    }

    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button) { return; }
      event.preventDefault();
      if (button.name === "go") {
        if (index > 0) { index -= 1; show(index); }
        return;
      }
      answers[quiz.statements[index].id] = button.value;
      var following = QuizView.nextOpen(order, answers, index + 1);
      if (following) {
        index = following - 1;
        show(index);
        return;
      }
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      fetch(form.action.replace(/\/quiz$/, "/svar") + "?lang=" + encodeURIComponent(form.elements.lang.value), {
        method: "POST",
        credentials: "omit",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ mode: quiz.mode, answers: answers })
      })
        .then(function (response) { return response.text(); })
        .then(showResult)
        .catch(function () {
          // No answer from the server: the form as it stands still works without the script.
          form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        });
    });
  }

  function boot() {
    enhanceQuiz();
    tellHeight();
    if (window.ResizeObserver) { new ResizeObserver(tellHeight).observe(document.documentElement); }
    window.addEventListener("load", tellHeight);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
