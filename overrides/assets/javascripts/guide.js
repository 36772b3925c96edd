/* The "What should I try next?" guide, enhanced. The guide already works without this
   script: every answer is a link to the next step, and CSS :target shows one step at a time.
   This script adds what needs memory of the answers so far: focus on the new step's heading,
   a polite announcement, Back, Start again, a "Why this suggestion: because you said" summary
   with Change links on outcomes (in place of the static list of answers that may lead there),
   and a Print button. Answers live only in memory and in history.state (so back,
   forward and reload keep them): never sent anywhere, never in cookies, localStorage or the
   query string. Mounted from [data-wtiw-guide]; idempotent; survives bfcache restores.
   The words this script adds come from the page, in its language: data-wtiw-guide-texts. */
(function () {
  "use strict";

  var ROOT = "[data-wtiw-guide]";
  var MOUNTED = "data-wtiw-guide-mounted";
  var STATE_KEY = "wtiwGuide";
  var guides = [];
  /* In a frame (a clinic's page), the host must learn nothing from what the reader does: a
     history entry per answer would show in the host's history.length, and focus that scrolls
     would move the host's page or a scroll box around the frame by a different amount per
     step. So a framed guide replaces its one history entry and never scrolls its host. */
  var FRAMED = window.self !== window.top;

  /* Focus `element`; in a frame, without scrolling any ancestor, then bring it into view by
     scrolling this frame's own page only, which the host cannot see. A frame that does not
     have the focus (the reader has not clicked or tabbed into it) leaves the host's focus
     where it is: taking it would move the reader's typing out of the clinic's page. */
  function focusOn(element) {
    if (!FRAMED) {
      element.focus();
      return;
    }
    if (document.hasFocus()) {
      element.focus({ preventScroll: true });
    }
    var box = element.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      window.scrollTo(window.scrollX, Math.max(0, window.scrollY + box.top - 16));
    }
  }

  /* The answers stored with the current history entry, or an empty route. */
  function storedPath() {
    var state = window.history.state;
    var saved = state && state[STATE_KEY];
    return saved && Array.isArray(saved.path) ? saved.path : [];
  }

  /* Save `path` with a history entry for step `id`: a new entry, or the current one (always the
     current one in a frame, so the host's history does not count the answers). */
  function saveState(path, id, push) {
    var state = {};
    var old = window.history.state;
    if (old && typeof old === "object") {
      Object.keys(old).forEach(function (key) {
        state[key] = old[key];
      });
    }
    state[STATE_KEY] = { path: path };
    try {
      if (push && FRAMED) {
        window.history.replaceState(state, "", "#" + id);
      } else if (push) {
        window.history.pushState(state, "", "#" + id);
      } else {
        window.history.replaceState(state, "");
      }
    } catch (error) {
      /* Some sandboxed frames refuse history changes; the guide still works without them. */
    }
  }

  function Guide(root) {
    this.root = root;
    this.steps = {};
    this.current = null;
    this.path = [];
    var self = this;
    Array.prototype.forEach.call(root.querySelectorAll("[data-step]"), function (step) {
      self.steps[step.id] = step;
    });
    var start = root.querySelector("[data-start]");
    this.startId = root.getAttribute("data-start-step") || (start && start.id);
    this.status = root.querySelector("[data-wtiw-guide-status]");
    this.texts = JSON.parse(root.getAttribute("data-wtiw-guide-texts"));
  }

  /* One of the page's texts, with each `{name}` filled in from `values`. */
  Guide.prototype.text = function (name, values) {
    return this.texts[name].replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values || {}, key) ? values[key] : whole;
    });
  };

  /* The link of the answer with key `key` in question `questionId`, or null. Keys are
     compared as text, never put into a selector: a stored route may hold anything. */
  Guide.prototype.answerLink = function (questionId, key) {
    var step = Object.prototype.hasOwnProperty.call(this.steps, questionId)
      ? this.steps[questionId]
      : null;
    if (!step || typeof key !== "string") {
      return null;
    }
    var links = step.querySelectorAll("[data-answer]");
    for (var index = 0; index < links.length; index += 1) {
      if (links[index].getAttribute("data-answer") === key) {
        return links[index];
      }
    }
    return null;
  };

  /* The step an answer leads to. */
  Guide.prototype.target = function (questionId, key) {
    var link = this.answerLink(questionId, key);
    return link ? link.getAttribute("href").slice(1) : null;
  };

  /* Keep a stored route only if every answer leads to the next step and the last to `id`.
     Answers are stored by key ({q: question id, a: answer key}); a stale route (from an
     older version of the guide, or with a key that no longer exists) is dropped, never
     trusted. */
  Guide.prototype.checkedPath = function (path, id) {
    var expected = this.startId;
    for (var index = 0; index < path.length; index += 1) {
      var entry = path[index];
      if (!entry || entry.q !== expected) {
        return [];
      }
      expected = this.target(entry.q, entry.a);
      if (!expected) {
        return [];
      }
    }
    return expected === id ? path.slice() : [];
  };

  /* The address's fragment as text, or null when it is not valid percent-encoding (such as
     a link cut short: "#%E0%A4%A"), which would make decodeURIComponent throw. */
  function fragment() {
    try {
      return decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return null;
    }
  }

  /* The step named in the address, or holding the element it names (site search links to a
     step's heading); the start step when there is no fragment; null when the fragment names
     something else on the page (such as the map) or nothing at all, which leaves the guide be
     (on the start step when it has none yet). */
  Guide.prototype.idFromLocation = function () {
    var id = fragment();
    if (id === null) {
      return null;
    }
    if (!id) {
      return this.startId;
    }
    var target = document.getElementById(id);
    var step = target && this.root.contains(target) ? target.closest("[data-step]") : null;
    id = step ? step.id : id;
    return Object.prototype.hasOwnProperty.call(this.steps, id) ? id : null;
  };

  Guide.prototype.announce = function (step) {
    if (!this.status) {
      return;
    }
    var kind = "question";
    if (step.hasAttribute("data-urgent")) {
      kind = "urgent";
    } else if (step.getAttribute("data-step") === "outcome") {
      kind = "suggestion";
    }
    var said = this.text(kind, { title: step.querySelector("h2").textContent.trim() });
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = said;
    }, 50);
  };

  /* Fill an outcome's "Your answers" list from the route, each with a Change link. */
  Guide.prototype.summarise = function (step) {
    var summary = step.querySelector("[data-wtiw-guide-summary]");
    var list = step.querySelector("[data-wtiw-guide-summary-list]");
    if (!summary || !list) {
      return;
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    var self = this;
    this.path.forEach(function (entry, index) {
      var question = self.steps[entry.q];
      var answer = self.answerLink(entry.q, entry.a);
      var item = document.createElement("li");
      var asked = document.createElement("span");
      asked.className = "wtiw-guide__summary-question";
      asked.textContent = question.querySelector("h2").textContent.trim();
      var given = document.createElement("span");
      given.className = "wtiw-guide__summary-answer";
      given.textContent = answer.textContent.trim();
      var change = document.createElement("a");
      change.className = "wtiw-guide__summary-change";
      change.href = "#" + entry.q;
      change.setAttribute("data-wtiw-guide-change", String(index));
      change.textContent = self.text("change");
      var hidden = document.createElement("span");
      hidden.className = "wtiw-visually-hidden";
      hidden.textContent = " " + self.text("answerTo") + " " + asked.textContent;
      change.appendChild(hidden);
      item.appendChild(asked);
      item.appendChild(given);
      item.appendChild(change);
      list.appendChild(item);
    });
    summary.hidden = this.path.length === 0;
    /* The static list ("You may have got here because you said") can only guess; the real
       route replaces it. With no route (a deep link), the guesses stay. */
    var reasons = step.querySelector("[data-wtiw-guide-reasons]");
    if (reasons) {
      reasons.hidden = this.path.length > 0;
    }
    var actions = step.querySelector("[data-wtiw-guide-actions]");
    if (actions) {
      actions.hidden = false;
    }
  };

  /* Show step `id` with the answers `path`; move focus and announce when asked. */
  Guide.prototype.show = function (id, path, options) {
    var step = this.steps[id] || this.steps[this.startId];
    if (!step) {
      return;
    }
    this.path = this.checkedPath(path, step.id);
    if (this.current && this.current !== step) {
      this.current.classList.remove("wtiw-guide__step--current");
    }
    this.current = step;
    step.classList.add("wtiw-guide__step--current");
    var back = step.querySelector("[data-wtiw-guide-back]");
    if (back) {
      var previous = this.path[this.path.length - 1];
      back.hidden = !previous;
      back.setAttribute("href", "#" + (previous ? previous.q : this.startId));
    }
    if (step.getAttribute("data-step") === "outcome") {
      this.summarise(step);
      /* The handout's QR code loads lazily, and only for the outcome on screen, so it is
         ready if the reader prints; the others never load. */
      var qr = step.querySelector("[data-wtiw-guide-qr]");
      if (qr) {
        qr.loading = "eager";
      }
    }
    if (options.focus) {
      focusOn(step.querySelector("h2"));
    }
    if (options.announce) {
      this.announce(step);
    }
  };

  /* Go to step `id` with `path` as a new history entry, as a link would. */
  Guide.prototype.go = function (id, path) {
    saveState(this.checkedPath(path, id), id, true);
    this.show(id, path, { focus: true, announce: true });
  };

  /* Follow the address and history entry we are on (load, back, forward, reload). */
  Guide.prototype.sync = function (options) {
    var id = this.idFromLocation();
    if (!id) {
      if (this.current) {
        return;
      }
      id = this.startId;
    }
    var path = this.checkedPath(storedPath(), id);
    if (this.current && this.current.id === id && samePath(this.path, path)) {
      /* A second event for the same move (hashchange after popstate): only make sure focus
         was not lost to the browser's own fragment handling. */
      if (options.focus && !this.root.contains(document.activeElement)) {
        focusOn(this.current.querySelector("h2"));
      }
      return;
    }
    this.show(id, path, options);
    if (options.focus) {
      /* On back and forward, Chrome blurs the focused element while it scrolls to the
         fragment, after popstate; focus again once that is done. */
      var heading = this.current.querySelector("h2");
      window.setTimeout(function () {
        if (document.activeElement !== heading) {
          focusOn(heading);
        }
      }, 0);
    }
  };

  Guide.prototype.onClick = function (event) {
    if (event.defaultPrevented || event.button > 0 || event.metaKey || event.ctrlKey) {
      return;
    }
    if (event.shiftKey || event.altKey) {
      return;
    }
    var control = event.target.closest(
      "[data-answer], [data-wtiw-guide-back], [data-wtiw-guide-restart], " +
        "[data-wtiw-guide-change], [data-wtiw-guide-print], [data-wtiw-guide-jump]"
    );
    if (!control || !this.root.contains(control)) {
      return;
    }
    if (control.hasAttribute("data-wtiw-guide-jump")) {
      /* A link to a place in the same step (SURE's "Read more"): move there without a new
         history entry, which would have no route and so drop the reader's answers. */
      var place = document.getElementById(control.getAttribute("href").slice(1));
      if (place && this.current && this.current.contains(place)) {
        event.preventDefault();
        focusOn(place);
      }
      return;
    }
    if (control.hasAttribute("data-wtiw-guide-print")) {
      /* Print once the handout's QR code is ready (it started loading when the step showed). */
      var image = this.current && this.current.querySelector("[data-wtiw-guide-qr]");
      if (image && !image.complete && image.decode) {
        image.decode().then(printPage, printPage);
      } else {
        printPage();
      }
      return;
    }
    event.preventDefault();
    if (control.hasAttribute("data-answer")) {
      var question = control.closest("[data-step]").id;
      var answer = control.getAttribute("data-answer");
      this.go(control.getAttribute("href").slice(1), this.path.concat([{ q: question, a: answer }]));
    } else if (control.hasAttribute("data-wtiw-guide-back")) {
      var previous = this.path[this.path.length - 1];
      this.go(previous ? previous.q : this.startId, this.path.slice(0, -1));
    } else if (control.hasAttribute("data-wtiw-guide-change")) {
      var index = Number(control.getAttribute("data-wtiw-guide-change"));
      this.go(this.path[index].q, this.path.slice(0, index));
    } else {
      this.go(this.startId, []);
    }
  };

  function printPage() {
    window.print();
  }

  function samePath(one, two) {
    return JSON.stringify(one) === JSON.stringify(two);
  }

  function mount(root) {
    if (root.hasAttribute(MOUNTED)) {
      return;
    }
    root.setAttribute(MOUNTED, "");
    try {
      var guide = new Guide(root);
      root.classList.add("wtiw-guide--js");
      root.addEventListener("click", function (event) {
        guide.onClick(event);
      });
      guide.sync({ focus: false, announce: false });
      saveState(guide.path, guide.current.id, false);
      guides.push(guide);
    } catch (error) {
      /* Leave the plain-HTML guide working rather than half-enhanced. */
      root.classList.remove("wtiw-guide--js");
    }
  }

  function mountAll() {
    guides = guides.filter(function (guide) {
      return document.contains(guide.root);
    });
    Array.prototype.forEach.call(document.querySelectorAll(ROOT), mount);
  }

  function syncAll() {
    guides.forEach(function (guide) {
      guide.sync({ focus: true, announce: true });
    });
  }

  window.addEventListener("popstate", syncAll);
  window.addEventListener("hashchange", syncAll);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      guides.forEach(function (guide) {
        guide.sync({ focus: false, announce: false });
      });
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
