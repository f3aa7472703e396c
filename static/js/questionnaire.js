// The parties' questionnaire: a live count under each text field with a limit. The
// server counts the same way (code points, after trimming, line ends as one) and refuses
// a text over the limit, keeping it, so this is help, not the check.
(function () {
  "use strict";
  function count(text) {
    return Array.from(text.replace(/\r\n/g, "\n").trim()).length;
  }
  document.querySelectorAll("textarea[data-max]").forEach(function (field) {
    var max = parseInt(field.getAttribute("data-max"), 10);
    var shown = document.getElementById(field.id + "-count");
    if (!shown) return;
    var template = shown.textContent;
    var spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    shown.after(spoken);
    var timer = null;
    function update() {
      var n = count(field.value);
      var text = template.replace(/^\d+/, String(n));
      shown.textContent = text;
      shown.classList.toggle("field-error", n > max);
      field.setAttribute("aria-invalid", n > max ? "true" : "false");
      // Said once the writer pauses, not at every key.
      clearTimeout(timer);
      timer = setTimeout(function () { spoken.textContent = text; }, 1200);
    }
    field.addEventListener("input", update);
  });
})();
