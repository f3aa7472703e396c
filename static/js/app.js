// Progressive enhancement only: every page works without this file.
// - The quiz runs in the browser: the statements come in one fetch of /api/v1/quiz, the
//   answers live in sessionStorage (a reload keeps them, closing the tab forgets them),
//   and one POST hands them all to the server, which answers with the results page.
// - Keyboard shortcuts on statement pages (listed on the page, and can be turned off).
// - Results: new area weights bring the new scores from the server, without moving the page.
"use strict";
(function () {
  document.documentElement.classList.add("js");
  var SHORTCUTS_KEY = "programtesten-shortcuts";
  var STATE_KEY = "programtesten-quiz";
  var epoch = document.body ? document.body.dataset.epoch || "" : "";

  // --- small helpers --------------------------------------------------------------------

  function shortcutsOn() {
    try { return localStorage.getItem(SHORTCUTS_KEY) !== "off"; } catch (e) { return true; }
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }

  // The voter's answers in this tab. Dropped when the server says they were cleared (a new
  // epoch: deleted, joined an event, a kiosk reset, sent to an event), so the next person on
  // a shared device never meets them.
  function loadState() {
    try {
      var state = JSON.parse(sessionStorage.getItem(STATE_KEY) || "null");
      if (state && state.epoch === epoch) { return state; }
      sessionStorage.removeItem(STATE_KEY);
    } catch (e) { /* storage off: the quiz still works page by page */ }
    return null;
  }

  function saveState(state) {
    try { sessionStorage.setItem(STATE_KEY, JSON.stringify(state)); } catch (e) { /* full or off */ }
  }

  // Header language links take the voter back to where they are, also after a client-side step.
  function keepLanguageLinks() {
    var here = window.location.pathname + window.location.search;
    document.querySelectorAll(".languages a[hreflang]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      url.searchParams.set("next", here);
      link.href = url.pathname + url.search;
    });
  }

  // --- the quiz in the browser ------------------------------------------------------------

  function startQuiz(ui) {
    var main = document.getElementById("main");
    var current = main && main.querySelector(".wrap [data-view]");
    if (!current) { return; }
    function container() { return main.querySelector(".wrap") || main; }
    var templates = {};
    templates[ui.view] = current.outerHTML;
    ["statement", "overview", "priorities"].forEach(function (name) {
      var tpl = document.getElementById("tpl-" + name);
      if (tpl) { templates[name] = tpl.innerHTML; }
    });

    var state = loadState();
    if (!state) {
      state = { epoch: epoch, mode: ui.mode, answers: ui.seed.answers || {},
                important: ui.seed.important || [], weights: ui.seed.weights || {} };
    } else {
      // An answer sent by the plain form (a click before this script had started, or on a
      // page it did not run on) is in the server's copy only: take it. Where both copies
      // hold an answer, this tab's is the newer one.
      var seeded = ui.seed.answers || {};
      Object.keys(seeded).forEach(function (id) {
        if (!(id in state.answers)) { state.answers[id] = seeded[id]; }
      });
    }
    if (state.pendingStart) { state.mode = state.pendingStart; }

    function fetchData() {
      var key = "programtesten-data-" + ui.lang;
      try {
        var cached = JSON.parse(sessionStorage.getItem(key) || "null");
        if (cached && cached.version === ui.version) { return Promise.resolve(cached); }
      } catch (e) { /* fetch it */ }
      return fetch(ui.urls.data, { credentials: "same-origin" })
        .then(function (response) { if (!response.ok) { throw new Error("data"); } return response.json(); })
        .then(function (data) {
          try { sessionStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* fine */ }
          return data;
        });
    }

    fetchData().then(function (data) {
      var byId = {}, areas = {};
      data.statements.forEach(function (s) { byId[s.id] = s; });
      data.areas.forEach(function (a) { areas[a.id] = a; });
      var order = data.statements.filter(function (s) { return state.mode === "full" || s.core; })
        .map(function (s) { return s.id; });
      // Answers to statements this catalogue no longer has are dropped, not refused.
      Object.keys(state.answers).forEach(function (id) { if (!byId[id]) { delete state.answers[id]; } });
      state.important = state.important.filter(function (id) { return state.answers[id] && state.answers[id] !== "skip"; });
      state.version = data.version;
      state.total = order.length;
      state.epoch = epoch;

      function firstOpen(after) { return QuizView.nextOpen(order, state.answers, after); }

      function pathOf(route) {
        if (route.view === "statement") {
          return ui.urls.statement + route.number + (route.back ? "?til=" + route.back : "");
        }
        return ui.urls[route.view];
      }

      function routeOf(url) {
        var u = new URL(url, window.location.href);
        if (u.pathname === ui.urls.overview) { return { view: "overview" }; }
        if (u.pathname === ui.urls.priorities) { return { view: "priorities" }; }
        if (u.pathname.indexOf(ui.urls.statement) === 0) {
          var number = parseInt(u.pathname.slice(ui.urls.statement.length), 10);
          if (number >= 1 && number <= order.length) {
            return { view: "statement", number: number, back: u.searchParams.get("til") };
          }
        }
        return null;
      }

      function go(route, push) {
        state.next = firstOpen(0);
        saveState(state);
        if (push) { history.pushState({ quiz: true }, "", pathOf(route)); }
        show(route);
        keepLanguageLinks();
      }

      function show(route) {
        var wrap = container();
        wrap.innerHTML = templates[route.view];
        var view = wrap.querySelector("[data-view]");
        if (route.view === "statement") { showStatement(view, route); }
        if (route.view === "overview") { showOverview(view); }
        if (route.view === "priorities") { showPriorities(view); }
        var heading = view.querySelector("h1");
        if (heading) {
          if (route.view !== "statement") { document.title = heading.textContent + " – " + document.title.split(" – ").pop(); }
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
        window.scrollTo(0, 0);
        enhance(view);
      }

      function showStatement(view, route) {
        var id = order[route.number - 1], statement = byId[id];
        var progress = fill(ui.text.progress, { n: route.number, total: order.length });
        var chosen = state.answers[id];
        QuizView.showStatement(view, {
          number: route.number, total: order.length, progress: progress,
          area: areas[statement.area].title, text: statement.text,
          explanation: statement.explanation, source: statement.source, chosen: chosen
        });
        document.title = progress + " – " + document.title.split(" – ").pop();
        var prev = view.querySelector("[data-nav=prev]"), next = view.querySelector("[data-nav=next]");
        prev.hidden = route.number <= 1;
        prev.href = ui.urls.statement + (route.number - 1);
        next.hidden = !chosen || route.number >= order.length;
        next.href = ui.urls.statement + (route.number + 1);
        var form = view.querySelector("[data-answer-form]");
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          var button = event.submitter;
          if (!button || button.name !== "answer") { return; }
          state.answers[id] = button.value;
          if (button.value === "skip") {
            state.important = state.important.filter(function (x) { return x !== id; });
          }
          if (route.back === "resultat") { send(); return; }
          if (route.back === "oversikt") { go({ view: "overview" }, true); return; }
          var following = firstOpen(route.number);
          go(following ? { view: "statement", number: following } : { view: "priorities" }, true);
        });
        var panel = view.querySelector("[data-shortcuts-panel]");
        if (panel && window.matchMedia("(min-width: 40rem)").matches) { panel.open = true; }
      }

      function showOverview(view) {
        var list = view.querySelector("[data-overview]");
        list.textContent = "";
        order.forEach(function (id, index) {
          var given = state.answers[id];
          var item = document.createElement("li");
          item.className = "overview-item" + (given ? "" : " open");
          var link = document.createElement("a");
          link.href = ui.urls.statement + (index + 1) + "?til=oversikt";
          link.textContent = byId[id].text;
          var status = document.createElement("span");
          status.className = "overview-status";
          status.textContent = given ? ui.text.answers[given] : ui.text.notYet;
          item.appendChild(link); item.appendChild(status);
          list.appendChild(item);
        });
      }

      function showPriorities(view) {
        var list = view.querySelector("[data-marks]");
        list.textContent = "";
        var markable = order.filter(function (id) { return state.answers[id] && state.answers[id] !== "skip"; });
        view.querySelector("[data-marks-empty]").hidden = markable.length > 0;
        markable.forEach(function (id) {
          var item = document.createElement("li");
          item.className = "choice";
          var box = document.createElement("input");
          box.type = "checkbox"; box.id = "viktig-" + id; box.name = "viktig"; box.value = id;
          box.checked = state.important.indexOf(id) >= 0;
          var label = document.createElement("label");
          label.htmlFor = box.id;
          label.textContent = byId[id].text + " ";
          var hint = document.createElement("span");
          hint.className = "muted";
          hint.textContent = "– " + ui.text.markLabel;
          label.appendChild(hint);
          item.appendChild(box); item.appendChild(label);
          list.appendChild(item);
        });
        data.areas.forEach(function (area) {
          var weight = state.weights[area.id] !== undefined ? state.weights[area.id] : area.weight;
          var radio = view.querySelector("input[name='w_" + area.id + "'][value='" + weight + "']");
          if (radio) { radio.checked = true; }
        });
        var form = view.querySelector("[data-priorities-form]");
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          state.important = Array.prototype.map.call(form.querySelectorAll("input[name=viktig]:checked"), function (box) { return box.value; });
          data.areas.forEach(function (area) {
            var checked = form.querySelector("input[name='w_" + area.id + "']:checked");
            if (checked) { state.weights[area.id] = parseInt(checked.value, 10); }
          });
          send();
        });
      }

      // One POST with everything; the server validates it as the no-JS path's forms are
      // validated, keeps it in the session, and answers with the results page.
      function send() {
        saveState(state);
        var body = new FormData();
        body.set("csrf_token", ui.csrf);
        body.set("mode", state.mode);
        body.set("data", JSON.stringify({ answers: state.answers, important: state.important, area_weights: state.weights }));
        var status = document.createElement("p");
        status.setAttribute("role", "status");
        status.textContent = ui.text.sending;
        container().appendChild(status);
        fetch(ui.urls.send, { method: "POST", body: body, credentials: "same-origin" })
          .then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.text().then(function (html) {
              var url = response.redirected ? response.url : ui.urls.results;
              swapMain(html, url, true);
            });
          })
          .catch(function () { status.setAttribute("role", "alert"); status.textContent = ui.text.failed; });
      }

      // Links inside the quiz move within it; everything else is an ordinary link.
      main.addEventListener("click", function (event) {
        var link = event.target.closest("a[href]");
        if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
        var route = routeOf(link.href);
        if (!route) { return; }
        event.preventDefault();
        go(route, true);
      });
      window.addEventListener("popstate", function () {
        var route = routeOf(window.location.href);
        if (route) { saveState(state); show(route); keepLanguageLinks(); } else { window.location.reload(); }
      });

      var route = routeOf(window.location.href) || { view: "statement", number: 1 };
      if (state.pendingStart) {
        delete state.pendingStart;
        var open = firstOpen(0);
        route = open ? { view: "statement", number: open } : { view: "overview" };
        history.replaceState({ quiz: true }, "", pathOf(route));
      }
      state.next = firstOpen(0);
      saveState(state);
      show(route);
      keepLanguageLinks();
    }).catch(function () { /* no data: the server-rendered page works on its own */ });
  }

  // The landing page: start keeps the answers of this tab; continue where you left off.
  function enhanceLanding() {
    var state = loadState();
    var start = document.querySelector("form[data-start-form]");
    if (start) {
      start.addEventListener("submit", function () {
        var s = loadState() || { epoch: epoch, answers: {}, important: [], weights: {} };
        var checked = start.querySelector("input[name=mode]:checked");
        s.pendingStart = checked ? checked.value : "short";
        s.epoch = epoch;
        saveState(s);
      });
    }
    var box = document.querySelector("[data-continue]");
    if (!box || !state || !state.total) { return; }
    var answered = Object.keys(state.answers).length;
    if (!answered || box.querySelector("a")) { return; }
    var text = box.dataset.text || "";
    var note = document.createElement("p");
    note.className = "notice";
    note.textContent = fill(text, { n: Math.min(answered, state.total), total: state.total }) + " ";
    var link = document.createElement("a");
    link.href = state.next ? box.dataset.statement + state.next : box.dataset.overview;
    link.textContent = box.dataset.label;
    note.appendChild(link);
    box.appendChild(note);
  }

  // --- pages swapped in place (results after the quiz) ------------------------------------

  function swapMain(html, url, push) {
    var main = QuizView.swapIn(html, "#main");
    if (!main) { window.location.assign(url); return; }
    if (push) { history.pushState({ swapped: true }, "", url); }
    window.scrollTo(0, 0);
    keepLanguageLinks();
    enhance(main);
  }

  // Reweighting on the results page: the server keeps the new weights and sends back the
  // overall score, its words and the bars, which replace theirs (the score is computed in
  // one place, quiz/scoring/matching.py). Scroll and focus stay.
  function enhanceWeights(form) {
    // One request at a time: two quick changes sent at once could finish out of order, and
    // the older answer's session cookie (and words) would win over the newer choice. While a
    // request runs, later changes wait; the form as it stands then is sent once it is done.
    var busy = false, again = false;
    function send() {
      if (busy) { again = true; return; }
      busy = true;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (again) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          ["[data-overall]", "[data-overall-words]", "[data-areas]", "[data-scores]"].forEach(function (selector) {
            var fresh = doc.querySelector(selector), here = document.querySelector(selector);
            if (fresh && here) { here.innerHTML = fresh.innerHTML; }  // no focus move: the voter is on the form
          });
        })
        .catch(function () { /* the form still works without the script: a reload shows the rest */ })
        .then(function () {
          busy = false;
          if (again) { again = false; send(); }
        });
    }
    form.addEventListener("change", send);
  }

  // Sending to a class: a refusal for now (429 when many send at once, 503 when the
  // database is briefly away) keeps the student on the page, which says what happened and
  // sends again after Retry-After by itself. The answers stay in the session meanwhile.
  function enhanceSend(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      var retry = function (seconds) {
        setTimeout(function () {
          var again = document.querySelector("form[data-enhance='send']");
          if (again) { again.requestSubmit(); }
        }, Math.max(1, seconds) * 1000);
      };
      fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (response.ok && type.indexOf("application/json") === 0) {
            return response.json().then(function (body) { window.location.assign(body.next); });
          }
          return response.text().then(function (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
            var here = document.querySelector("main");
            if (fresh && here) { here.innerHTML = fresh.innerHTML; enhance(here); }
            else if (button) { button.disabled = false; }  // a proxy's bare page: keep ours
            // 429, 503: the app asks to wait; 502, 504: a proxy lost the server on the way.
            // The send carries a one-time key, so a send that did arrive is not counted twice.
            if ([429, 502, 503, 504].indexOf(response.status) >= 0) {
              retry(parseInt(response.headers.get("Retry-After") || "5", 10));
            }
          });
        })
        .catch(function () {
          // No answer at all (the network or the server away): the same, after 5 s.
          if (button) { button.disabled = false; }
          retry(5);
        });
    });
  }

  function enhance(root) {
    root.querySelectorAll("form[data-enhance='weights']").forEach(enhanceWeights);
    root.querySelectorAll("form[data-enhance='send']").forEach(enhanceSend);
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var input = document.getElementById(button.dataset.copy);
        // Each field announces in its own status line (a results page can hold two).
        var status = document.getElementById(button.dataset.copy + "-status");
        input.select();
        var done = function () { if (status) { status.textContent = button.dataset.copied; } };
        if (navigator.clipboard) { navigator.clipboard.writeText(input.value).then(done, done); } else { document.execCommand("copy"); done(); }
      });
    });
    root.querySelectorAll("[data-web-share]").forEach(function (button) {
      if (!navigator.share) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ text: button.dataset.text, url: button.dataset.url }).catch(function () { /* cancelled */ });
      });
    });
    root.querySelectorAll("[data-toggle-shortcuts]").forEach(function (button) {
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
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var form = document.querySelector("form[data-answer-form]");
    if (!form) { return; }
    var control = form.querySelector("[data-shortcut='" + event.key.toLowerCase() + "']");
    if (!control) { return; }
    event.preventDefault();
    form.requestSubmit(control);
  });

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
    // Starting over is a POST with the page's CSRF token (a link from another site must not
    // wipe a student's answers); without a token on the page, the button page asks.
    var startOver = function () {
      var token = document.querySelector('input[name="csrf_token"]');
      if (!token) { window.location.assign(kioskReset); return; }
      var form = document.createElement("form");
      form.method = "post";
      form.action = kioskReset;
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = "csrf_token";
      field.value = token.value;
      form.appendChild(field);
      document.body.appendChild(form);
      form.submit();
    };
    var restart = function () {
      clearTimeout(idle);
      idle = setTimeout(startOver, (parseInt(document.body.dataset.kioskIdle, 10) || 300) * 1000);
    };
    ["keydown", "pointerdown", "scroll", "input"].forEach(function (name) {
      document.addEventListener(name, restart, { passive: true });
    });
    restart();
  }

  function boot() {
    loadState();  // drops a copy the server has since cleared
    var island = document.getElementById("quiz-ui");
    if (island) {
      var ui = JSON.parse(island.textContent);
      // The voter's own answers sit apart from the page's fixed data (web/rendering).
      var seed = document.getElementById("quiz-seed");
      ui.seed = seed ? JSON.parse(seed.textContent) : {};
      startQuiz(ui);
    } else {
      enhance(document);
      enhanceLanding();
    }
    keepLanguageLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
