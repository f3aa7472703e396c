// For the page that embeds the quiz: fits each quiz iframe to its content.
//   <iframe src="https://QUIZ/embed?lang=nb" data-programtesten title="…"></iframe>
//   <script src="https://QUIZ/static/js/embed-host.js" defer></script>
// The frame posts its height; a message counts only if it comes from the origin of the
// iframe's own address and from that iframe's window.
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.programtesten !== "height" || typeof data.height !== "number") { return; }
    document.querySelectorAll("iframe[data-programtesten]").forEach(function (frame) {
      var origin;
      try { origin = new URL(frame.src, window.location.href).origin; } catch (e) { return; }
      if (event.origin !== origin || event.source !== frame.contentWindow) { return; }
      var height = Math.max(200, Math.min(20000, Math.round(data.height)));
      frame.style.height = height + "px";
    });
  });
})();
