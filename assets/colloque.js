/* Presentation mode (/colloque): rotates the slides in the browser, with no server round trip.
 *
 * Dash loads every script in assets/ on every page: this one only acts while the presentation's
 * stage (#colloque) is in the page. Every slide is rendered once by the server; the rotation only
 * rewrites one CSS rule, so the page can run for hours: one timer at a time, no node added per
 * slide. The figures are refreshed by fetching a small JSON document; when the server cannot be
 * reached the last slides stay on screen with a small notice.
 *
 * Charts are drawn as the deck turns (assets/plotly-on-demand.js): the slide shown's and the next
 * one's, so that the next is ready when its turn comes; a slide reached by a jump is shown once
 * its charts are drawn. Slides far ahead wait, and the page's first second is left to its first
 * slide.
 */
(function () {
  "use strict";

  var STAGE_ID = "colloque";
  var DECK_ID = "colloque-diapositives";
  var PATH = "/colloque";
  var CANVAS = { width: 1920, height: 1080 };
  // Upright phones (narrower than maxWidth): a canvas this wide, scaled to the screen's width.
  var PHONE = { width: 720, maxWidth: 700 };
  var FETCH_TIMEOUT_MS = 10000;
  var CURSOR_IDLE_MS = 2500;

  var controller = null;

  function onPresentationPath() {
    return (window.location.pathname.replace(/\/+$/, "") || "/") === PATH;
  }

  function positiveInt(value, fallback) {
    var number = parseInt(value, 10);
    return isFinite(number) && number > 0 ? number : fallback;
  }

  function Controller(stage) {
    this.stage = stage;
    this.root = document.documentElement;
    this.interval = positiveInt(stage.dataset.interval, 20) * 1000;
    this.refreshEvery = positiveInt(stage.dataset.refresh, 300) * 1000;
    this.source = stage.dataset.source || "";
    this.version = stage.dataset.version || "";
    this.offlineText = stage.dataset.offline || "";
    this.signedOutText = stage.dataset.signedOut || this.offlineText;
    this.lang = stage.dataset.lang || "fr";
    this.index = 0;
    this.shown = -1; // the slide on screen: `index` once its charts are drawn
    this.paused = false;
    this.timer = null;
    this.remaining = this.interval;
    this.armedAt = 0;
    this.animation = null;
    this.refreshTimer = null;
    this.cursorTimer = null;
    this.lastReceived = new Date();
    this.style = document.createElement("style");
    this.style.id = "colloque-diapositive-courante";
    document.head.appendChild(this.style);

    this.stopped = false;
    this.needs = this.needs.bind(this);
    this.onKey = this.onKey.bind(this);
    this.onResize = this.onResize.bind(this);
    this.onPointer = this.onPointer.bind(this);
    document.addEventListener("keydown", this.onKey);
    window.addEventListener("resize", this.onResize);
    document.addEventListener("mousemove", this.onPointer);
    this.onResize();
    this.onPointer();
    this.show(0);
    this.scheduleRefresh();
  }

  Controller.prototype.deck = function () {
    return document.getElementById(DECK_ID);
  };

  Controller.prototype.count = function () {
    var deck = this.deck();
    return deck ? deck.children.length : 0;
  };

  // The charts needed now: the slide shown's and the next one's (drawn while this one shows).
  Controller.prototype.needs = function (graph) {
    var slide = graph.closest ? graph.closest("#" + DECK_ID + " > .slide") : null;
    if (!slide) {
      return true;
    }
    var index = Array.prototype.indexOf.call(slide.parentNode.children, slide);
    return index === this.index || index === (this.index + 1) % this.count();
  };

  Controller.prototype.show = function (index) {
    var total = this.count();
    if (!total) {
      return;
    }
    this.index = ((index % total) + total) % total;
    window.clearTimeout(this.timer);
    this.timer = null;
    var self = this, shown = this.index, charts = window.democraticCharts;
    function reveal() {
      // Not if the presenter has moved on meanwhile, or the presentation has gone.
      if (!self.stopped && self.index === shown) {
        self.reveal();
      }
    }
    if (!charts) {
      reveal();
      return;
    }
    charts.choose(this.needs);
    // A slide is shown once its charts are drawn (at once when they already are); shown anyway
    // if they cannot be.
    charts.ready(this.deck().children[shown]).then(reveal, reveal);
  };

  Controller.prototype.reveal = function () {
    var total = this.count();
    // One rule, rewritten in place: the visible slide is chosen by CSS, so the slides rendered by
    // Dash are never touched (a refresh can replace them at any time).
    this.style.textContent =
      "#" + DECK_ID + " > .slide:nth-child(" + (this.index + 1) + ")" +
      "{display:flex;visibility:visible;opacity:1;transition:opacity .45s ease;}";
    this.shown = this.index;
    this.stage.setAttribute("data-current", String(this.index));
    var counter = document.getElementById("colloque-compteur");
    if (counter) {
      counter.textContent = this.index + 1 + " / " + total;
    }
    this.restartTimer();
  };

  Controller.prototype.next = function () {
    this.show(this.index + 1);
  };

  Controller.prototype.previous = function () {
    this.show(this.index - 1);
  };

  Controller.prototype.restartTimer = function () {
    window.clearTimeout(this.timer);
    this.timer = null;
    this.remaining = this.interval;
    if (this.animation) {
      this.animation.cancel();
      this.animation = null;
    }
    var bar = this.stage.querySelector(".colloque-progress-bar");
    if (bar && bar.animate) {
      this.animation = bar.animate(
        [{ transform: "scaleX(0)" }, { transform: "scaleX(1)" }],
        { duration: this.interval, easing: "linear", fill: "forwards" }
      );
      if (this.paused) {
        this.animation.pause();
      }
    }
    if (!this.paused) {
      this.arm();
    }
  };

  Controller.prototype.arm = function () {
    var self = this;
    this.armedAt = performance.now();
    this.timer = window.setTimeout(function () {
      self.timer = null;
      self.next();
    }, this.remaining);
  };

  Controller.prototype.togglePause = function () {
    if (this.paused) {
      this.paused = false;
      this.root.removeAttribute("data-colloque-pause");
      if (this.animation) {
        this.animation.play();
      }
      this.arm();
    } else {
      this.paused = true;
      this.root.setAttribute("data-colloque-pause", "");
      window.clearTimeout(this.timer);
      this.timer = null;
      this.remaining = Math.max(0, this.remaining - (performance.now() - this.armedAt));
      if (this.animation) {
        this.animation.pause();
      }
    }
  };

  Controller.prototype.toggleFullScreen = function () {
    var request;
    if (document.fullscreenElement) {
      request = document.exitFullscreen && document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      request = document.documentElement.requestFullscreen({ navigationUI: "hide" });
    }
    if (request && request.catch) {
      request.catch(function () {}); // refused by the browser: the slides simply stay as they are
    }
  };

  Controller.prototype.isBlank = function () {
    return this.root.hasAttribute("data-colloque-noir");
  };

  Controller.prototype.toggleBlank = function () {
    if (this.isBlank()) {
      this.root.removeAttribute("data-colloque-noir");
    } else {
      this.root.setAttribute("data-colloque-noir", "");
    }
  };

  // Keys that only modify another one: pressing them alone does not bring the screen back.
  var MODIFIER_KEYS = ["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock", "Fn"];

  Controller.prototype.onKey = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    // A blank screen comes back with any key, as in slide software; that key does nothing
    // else (the presenter sees where they are before moving on).
    if (this.isBlank() && MODIFIER_KEYS.indexOf(event.key) === -1) {
      this.root.removeAttribute("data-colloque-noir");
      event.preventDefault();
      return;
    }
    switch (event.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
        this.next();
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
        this.previous();
        break;
      case "Home":
        this.show(0);
        break;
      case "End":
        this.show(this.count() - 1);
        break;
      case " ":
      case "Spacebar":
        if (event.repeat) {
          break;
        }
        this.togglePause();
        break;
      case "f":
      case "F":
        this.toggleFullScreen();
        break;
      // Presenter clickers' "blank screen" button sends B or a period, as in slide software.
      case "b":
      case "B":
      case ".":
        this.toggleBlank();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  Controller.prototype.onResize = function () {
    var width = window.innerWidth, height = window.innerHeight;
    if (width < PHONE.maxWidth && height > width) {
      // A phone held upright: the 16:9 canvas would shrink its text to 4 px. The slide is laid
      // out on a narrow canvas instead (assets/colloque.css), as tall as the screen allows.
      var phoneScale = width / PHONE.width;
      this.root.setAttribute("data-colloque-telephone", "");
      this.root.style.setProperty("--colloque-echelle", String(phoneScale));
      this.root.style.setProperty("--colloque-hauteur", Math.floor(height / phoneScale) + "px");
      return;
    }
    this.root.removeAttribute("data-colloque-telephone");
    this.root.style.removeProperty("--colloque-hauteur");
    var scale = Math.min(width / CANVAS.width, height / CANVAS.height);
    this.root.style.setProperty("--colloque-echelle", String(scale));
  };

  // The mouse pointer hides itself when idle: nothing on the slides needs it.
  Controller.prototype.onPointer = function () {
    var root = this.root;
    root.classList.remove("colloque-cursor-hidden");
    window.clearTimeout(this.cursorTimer);
    this.cursorTimer = window.setTimeout(function () {
      root.classList.add("colloque-cursor-hidden");
    }, CURSOR_IDLE_MS);
  };

  Controller.prototype.scheduleRefresh = function () {
    var self = this;
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(function () {
      self.refresh();
    }, this.refreshEvery);
  };

  Controller.prototype.setNotice = function (text) {
    var notice = document.getElementById("colloque-avis");
    if (notice && notice.textContent !== text) {
      notice.textContent = text;
    }
  };

  Controller.prototype.refresh = function () {
    var self = this;
    if (!this.source || !window.fetch) {
      return;
    }
    var abort = window.AbortController ? new AbortController() : null;
    var watchdog = window.setTimeout(function () {
      if (abort) {
        abort.abort();
      }
    }, FETCH_TIMEOUT_MS);
    window
      .fetch(this.source, {
        cache: "no-store",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: abort ? abort.signal : undefined,
      })
      .then(function (response) {
        if (!response.ok) {
          var failure = new Error("HTTP " + response.status);
          // The server answered, but the session behind this screen has ended (dashboard
          // closed to the public): say so, rather than "unreachable".
          failure.signedOut = response.status === 401;
          throw failure;
        }
        return response.json();
      })
      .then(function (payload) {
        if (!self.active()) {
          return;
        }
        self.lastReceived = new Date();
        self.setNotice("");
        if (payload.version && payload.version !== self.version && payload.slides) {
          self.version = payload.version;
          self.stage.setAttribute("data-version", payload.version);
          window.dash_clientside.set_props(DECK_ID, { children: payload.slides });
          // The same slide stays on screen; the counter follows a deck that changed length.
          var index = Math.min(self.index, payload.slides.length - 1);
          window.requestAnimationFrame(function () {
            if (self.active()) {
              self.show(index);
            }
          });
        }
      })
      .catch(function (failure) {
        if (!self.active()) {
          return;
        }
        var time = self.lastReceived.toLocaleTimeString(self.lang === "en" ? "en-GB" : "fr-FR", {
          hour: "2-digit",
          minute: "2-digit",
        });
        var text = failure && failure.signedOut ? self.signedOutText : self.offlineText;
        self.setNotice(text.replace("{heure}", time));
      })
      .then(function () {
        window.clearTimeout(watchdog);
        if (self.active()) {
          self.scheduleRefresh();
        }
      });
  };

  Controller.prototype.active = function () {
    return controller === this && this.stage.isConnected;
  };

  Controller.prototype.stop = function () {
    this.stopped = true;
    if (window.democraticCharts) {
      window.democraticCharts.choose(null);
    }
    window.clearTimeout(this.timer);
    window.clearTimeout(this.refreshTimer);
    window.clearTimeout(this.cursorTimer);
    if (this.animation) {
      this.animation.cancel();
    }
    document.removeEventListener("keydown", this.onKey);
    window.removeEventListener("resize", this.onResize);
    document.removeEventListener("mousemove", this.onPointer);
    this.style.remove();
    this.root.removeAttribute("data-colloque-pause");
    this.root.removeAttribute("data-colloque-noir");
    this.root.removeAttribute("data-colloque-telephone");
    this.root.classList.remove("colloque-cursor-hidden");
  };

  // Dash renders the page after this script runs, and may replace it on navigation: start the
  // controller when the stage appears, stop it when the stage goes.
  function sync() {
    document.body.classList.toggle("colloque-mode", onPresentationPath());
    var stage = document.getElementById(STAGE_ID);
    if (controller && (!stage || stage !== controller.stage)) {
      controller.stop();
      controller = null;
    }
    if (stage && !controller) {
      controller = new Controller(stage);
    }
  }

  function boot() {
    sync();
    new MutationObserver(function () {
      // Cheap: one lookup by id per batch of DOM changes.
      if (!!document.getElementById(STAGE_ID) !== !!controller || (controller && !controller.stage.isConnected)) {
        sync();
      }
    }).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("popstate", sync);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }

  // For the browser tests and the curious: the controller's state, read-only.
  window.colloque = {
    state: function () {
      return controller
        ? {
            index: controller.index,
            shown: controller.shown,
            count: controller.count(),
            paused: controller.paused,
            version: controller.version,
          }
        : null;
    },
  };
})();
