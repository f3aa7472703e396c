// Progressive enhancement only: every page works without this file.
// - the quiz moves on without a full reload, and focus goes to the new statement;
// - keyboard shortcuts on statement pages (listed on the page, and can be turned off);
// - results: new area weights recompute the overall score at once.
"use strict";
(function () {
  document.documentElement.classList.add("js");
  var SHORTCUTS_KEY = "programtesten-shortcuts";

  function shortcutsOn() {
    try { return localStorage.getItem(SHORTCUTS_KEY) !== "off"; } catch (e) { return true; }
  }

  function formatNumber(value) {
    if (value === null || isNaN(value)) { return "–"; }
    var text = (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, "");
    return document.documentElement.lang === "en" ? text : text.replace(".", ",");
  }

  function swapMain(html, url, push) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var main = document.getElementById("main");
    if (!fresh || !main) { window.location.assign(url); return; }
    main.innerHTML = fresh.innerHTML;
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    if (push) { history.pushState({ swapped: true }, "", url); }
    var heading = main.querySelector("h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
      heading.focus();
    }
    window.scrollTo(0, 0);
    enhance();
  }

  function load(url, options, push) {
    return fetch(url, Object.assign({ credentials: "same-origin" }, options || {}))
      .then(function (response) {
        return response.text().then(function (html) { swapMain(html, response.url, push); });
      })
      .catch(function () { window.location.assign(url); });
  }

  function enhanceSwap(form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !window.fetch) { return; }
      event.preventDefault();
      var data = new FormData(form);
      if (button.name) { data.set(button.name, button.value); }
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      load(form.action, { method: "POST", body: data }, true);
    });
  }

  function enhanceWeights(form) {
    var list = document.querySelector("[data-areas]");
    var number = document.querySelector("[data-overall-number]");
    function recompute() {
      if (!list || !number) { return; }
      var total = 0, weighted = 0;
      list.querySelectorAll("[data-area]").forEach(function (bar) {
        var checked = form.querySelector("input[name='w_" + bar.dataset.area + "']:checked");
        var weight = checked ? parseInt(checked.value, 10) : parseInt(bar.dataset.weight, 10);
        var score = bar.dataset.score === "" ? null : parseFloat(bar.dataset.score);
        if (score !== null && weight > 0) { total += weight; weighted += weight * score; }
      });
      number.textContent = formatNumber(total > 0 ? weighted / total : null);
    }
    form.addEventListener("change", function () {
      recompute();
      // Keep the session in step (so the result stays after a reload); the page is swapped
      // when the server answers, bringing the words and the rest up to date.
      var open = form.closest("details");
      load(form.action, { method: "POST", body: new FormData(form) }, false).then(function () {
        var again = document.querySelector("details.reweight");
        if (again && open) { again.open = true; }
      });
    });
  }

  function enhance() {
    document.querySelectorAll("form[data-enhance='swap']").forEach(enhanceSwap);
    document.querySelectorAll("form[data-enhance='weights']").forEach(enhanceWeights);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-filter]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        load(link.href, {}, true).then(function () {
          var heading = document.getElementById("answers-heading");
          if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); heading.scrollIntoView(); }
        });
      });
    });
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.copy);
        var status = document.querySelector("[data-copy-status]");
        input.select();
        var done = function () { if (status) { status.textContent = button.dataset.copied; } };
        if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, done); } else { document.execCommand("copy"); done(); }
      });
    });
    document.querySelectorAll("[data-web-share]").forEach(function (button) {
      if (!navigator.share) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ text: button.dataset.text, url: button.dataset.url }).catch(function () { /* cancelled */ });
      });
    });
    document.querySelectorAll("[data-toggle-shortcuts]").forEach(function (button) {
      function label() { button.textContent = shortcutsOn() ? button.dataset.on : button.dataset.off; }
      label();
      button.addEventListener("click", function () {
        try { localStorage.setItem(SHORTCUTS_KEY, shortcutsOn() ? "off" : "on"); } catch (e) { /* private mode */ }
        label();
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (!shortcutsOn() || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && target.type !== "checkbox")) { return; }
    var form = document.querySelector("form[data-shortcut-form]");
    if (!form) { return; }
    var key = event.key.toLowerCase();
    var control = form.querySelector("[data-shortcut='" + key + "']");
    if (!control) { return; }
    event.preventDefault();
    if (control.type === "checkbox") { control.checked = !control.checked; } else { form.requestSubmit(control); }
  });

  // Only entries this script made are swapped back; a #fragment link also fires popstate.
  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.swapped) { load(window.location.href, {}, false); }
  });
  if (document.querySelector("form[data-enhance]")) {
    history.replaceState({ swapped: true }, "", window.location.href);
  }

  // The teacher's dashboard refreshes its live part while the page is visible.
  var live = document.getElementById("live");
  if (live && live.dataset.poll) {
    setInterval(function () {
      if (document.hidden) { return; }
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
          if (fresh) { live.innerHTML = fresh.innerHTML; }
        })
        .catch(function () { /* try again at the next tick */ });
    }, parseInt(live.dataset.poll, 10) * 1000);
  }

  // Kiosk mode: a shared device starts over after five minutes without any input.
  var kioskReset = document.body && document.body.dataset.kioskReset;
  if (kioskReset) {
    var idle;
    var restart = function () {
      clearTimeout(idle);
      idle = setTimeout(function () { window.location.assign(kioskReset); }, 5 * 60 * 1000);
    };
    ["keydown", "pointerdown", "scroll", "input"].forEach(function (name) {
      document.addEventListener(name, restart, { passive: true });
    });
    restart();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
