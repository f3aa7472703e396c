// What the main quiz (app.js) and the embedded one (embed.js) draw alike: a statement with
// its answer buttons pressed, and a page the server sent swapped in. The quiz's rule for
// where to go after an answer is quiz/voter/steps.py's, repeated here in nextOpen().
"use strict";
window.QuizView = (function () {
  // The answer buttons: the chosen one pressed, the others not (aria-pressed and the class).
  function press(root, chosen) {
    root.querySelectorAll("button[name=answer]").forEach(function (button) {
      var on = button.value === chosen;
      button.classList.toggle("chosen", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  // One statement into a statement view: s = { number, total, progress, area, text,
  // explanation, source, chosen }.
  function showStatement(view, s) {
    view.querySelector("[data-progress]").textContent = s.progress;
    var bar = view.querySelector("progress");
    bar.max = s.total; bar.value = s.number; bar.textContent = s.number + "/" + s.total;
    view.querySelector("[data-area-name]").textContent = s.area;
    view.querySelector("[data-statement-text]").textContent = s.text;
    var explanation = view.querySelector("[data-explanation]");
    explanation.hidden = !s.explanation;
    explanation.open = false;
    view.querySelector("[data-explanation-text]").textContent = s.explanation || "";
    var source = view.querySelector("[data-source-text]");
    if (source) { source.textContent = s.source || ""; source.parentNode.hidden = !s.source; }
    var error = view.querySelector(".error");
    if (error) { error.remove(); }
    press(view, s.chosen);
  }

  // The page number (1-based) of the first statement after `after` not yet answered, or
  // null: every statement is answered (voter/steps.py: answer).
  function nextOpen(order, answers, after) {
    for (var i = after; i < order.length; i++) { if (!answers[order[i]]) { return i + 1; } }
    return null;
  }

  // A page the server answered with, swapped into this one: the element `selector` and the
  // title; its first heading takes the focus. Returns the element, or null when either page
  // lacks it (the caller then loads the page itself).
  function swapIn(html, selector) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector(selector), here = document.querySelector(selector);
    if (!fresh || !here) { return null; }
    here.innerHTML = fresh.innerHTML;
    document.title = doc.title;
    var heading = here.querySelector("[data-result-heading]") || here.querySelector("h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
      heading.focus();
    }
    return here;
  }

  return { press: press, showStatement: showStatement, nextOpen: nextOpen, swapIn: swapIn };
})();
