// plotly.js on demand, and only the charts the reader is about to see. The bundle
// (assets/plotly-basic.min.js, 400 KB on the wire) is left out of the page's scripts
// (dashboard/app.py): the page, its headline figures and its sentence come first, and the
// bundle is fetched when the first chart asks for it. Dash's graphs call Plotly.react all at
// once, in one task that kept the page frozen (every chart of a partner page: about 600 ms);
// here a chart is first drawn when it comes within a quarter of a window of it, one chart
// per task, the nearest first: the browser paints and answers the reader between two charts.
// Each chart's box keeps its size meanwhile (layouts/chart_card.py), so nothing moves.
// A chart already drawn is redrawn at once (a filter changed).
// The presentation mode's slides are stacked on one another, all "in the window": there the
// page says itself which charts it needs (democraticCharts.choose: the slide shown and the
// next one) and draws a slide's charts before showing it (democraticCharts.ready); the bundle
// is fetched when the first chart is needed. Drawing every slide's chart at load gave the
// presentation's first seconds their longest tasks: the bundle's evaluation, then one per chart.
// Paper gets every chart: printing and the PDF draw whatever is left first
// (democraticCharts.drawAll: assets/print-charts.js, assets/paper-ready.js).
// The page's address of the bundle: <meta name="democratic-plotly"> (with its version, so the
// browser keeps it).
(function () {
  var meta = document.querySelector('meta[name="democratic-plotly"]');
  if (!meta || window.Plotly) { return; }
  var pending = []; // {gd, method, args, done: [resolve], failed: [reject]}
  var real = null, original = null, loading = null, timer = null;
  var NEAR = "25% 0px"; // a quarter of a window above and below it: drawn before it shows
  var chooser = null; // the page's own test of the charts it needs (democraticCharts.choose)
  var drawing = []; // {gd, result}: charts being drawn
  var waiters = []; // {root, resolve}: ready() waiting for a chart of root to ask to be drawn
  var fetched = false;
  var watcher = "IntersectionObserver" in window
    ? new IntersectionObserver(function (changes) {
      if (chooser) { return; }
      changes.forEach(function (change) {
        var index = find(change.target);
        if (index >= 0 && change.isIntersecting) { pending[index].near = true; }
      });
      schedule();
    }, { rootMargin: NEAR })
    : null;

  // The presentation chooses its charts itself (assets/colloque.js), from the first: its
  // charts may ask to be drawn before its script has started.
  function chosen() {
    return chooser !== null || document.body.classList.contains("colloque-mode");
  }

  function wanted(gd) {
    if (!watcher) { return true; }
    return chooser ? chooser(gd) : false;
  }

  function load() {
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = meta.getAttribute("content");
      script.async = true;
      script.onload = function () {
        real = window.Plotly;
        original = { react: real.react, newPlot: real.newPlot, purge: real.purge };
        real.react = queued("react");
        real.newPlot = queued("newPlot");
        real.purge = purge;
        resolve(real);
        schedule();
      };
      script.onerror = function () {
        var error = new Error("plotly.js n'a pas pu être chargé");
        pending.splice(0).forEach(function (entry) { entry.failed.forEach(function (f) { f(error); }); });
        reject(error);
      };
      document.head.appendChild(script);
    });
    return loading;
  }

  function find(gd) {
    for (var i = 0; i < pending.length; i++) { if (pending[i].gd === gd) { return i; } }
    return -1;
  }

  function queued(method) {
    return function (gd) {
      var args = Array.prototype.slice.call(arguments, 1);
      // A chart already drawn is redrawn at once, but for a slide not needed yet: it waits.
      if (real && gd && gd._fullLayout && !(chosen() && !wanted(gd))) {
        return original[method].apply(real, arguments);
      }
      var index = find(gd), entry;
      if (index >= 0) {
        entry = pending[index];
        entry.method = method;
        entry.args = args; // the newest figure wins
      } else {
        entry = { gd: gd, method: method, args: args, done: [], failed: [], near: wanted(gd) };
        pending.push(entry);
        if (!entry.near && !chosen()) { watcher.observe(gd); }
      }
      var promise = new Promise(function (resolve, reject) {
        entry.done.push(resolve);
        entry.failed.push(reject);
      });
      if (entry.near || !chosen()) { load(); } else { keep(); }
      waiters = waiters.filter(function (w) {
        if (!w.root.contains(gd)) { return true; }
        w.resolve();
        return false;
      });
      schedule();
      return promise;
    };
  }

  function purge(gd) {
    var index = find(gd);
    if (index >= 0) { settle(forget(pending.splice(index, 1)[0]), Promise.resolve(gd)); }
    return real ? original.purge.apply(real, arguments) : gd;
  }

  // How far a chart is from the window (0: in it).
  function distance(gd) {
    var box = gd.getBoundingClientRect(), height = window.innerHeight;
    if (box.bottom < 0) { return -box.bottom; }
    return box.top > height ? box.top - height : 0;
  }

  function forget(entry) {
    if (watcher) { watcher.unobserve(entry.gd); }
    return entry;
  }

  // The nearest chart to draw (with `all`, far ones too).
  function next(all) {
    var best = -1, bestDistance = Infinity;
    for (var i = pending.length - 1; i >= 0; i--) {
      if (!pending[i].gd.isConnected) {
        settle(forget(pending.splice(i, 1)[0]), Promise.resolve());
        continue;
      }
      if (!all && !pending[i].near) { continue; }
      var d = distance(pending[i].gd);
      if (d <= bestDistance) { best = i; bestDistance = d; }
    }
    return best < 0 ? null : forget(pending.splice(best, 1)[0]);
  }

  function settle(entry, result) {
    result.then(
      function (value) { entry.done.forEach(function (f) { f(value); }); },
      function (error) { entry.failed.forEach(function (f) { f(error); }); }
    );
  }

  // The presentation must go on without its server: the bundle's bytes are fetched at once
  // (the browser keeps them: immutable) and only evaluated when a chart needs them.
  function keep() {
    if (fetched || loading || !window.fetch) { return; }
    fetched = true;
    window.fetch(meta.getAttribute("content"), { credentials: "same-origin" })
      .then(function (response) { return response.blob(); })
      .catch(function () {});
  }

  function draw(entry) {
    var result;
    try {
      result = Promise.resolve(original[entry.method].apply(real, [entry.gd].concat(entry.args)));
    } catch (error) {
      result = Promise.reject(error);
    }
    settle(entry, result);
    var flight = { gd: entry.gd, result: result };
    drawing.push(flight);
    function landed() { drawing.splice(drawing.indexOf(flight), 1); }
    result.then(function () { landed(); release(entry.gd); }, landed);
    return result;
  }

  // A chart's box may hold a floor of its first figure's height until drawn
  // (.graph-reserve, layouts/explorer.py); drawn, the chart gives the box its height,
  // whatever later views.
  function release(gd) {
    var box = gd.closest ? gd.closest(".graph-reserve") : null;
    if (box && box.style.minHeight) { box.style.minHeight = ""; }
  }

  function schedule() {
    if (!real || timer !== null || !pending.some(function (e) { return e.near; })) { return; }
    timer = setTimeout(function () {
      timer = null;
      var entry = next(false);
      if (entry) { draw(entry); }
      schedule();
    }, 0);
  }

  // Every chart still waiting, now (printing cannot wait for the next task).
  function drawAll() {
    if (!real) { return Promise.resolve(); }
    var drawn = [], entry;
    while ((entry = next(true))) { drawn.push(draw(entry)); }
    return Promise.all(drawn);
  }

  // The page chooses the charts to draw, one per task, and which wait (test(gd) -> true for
  // the charts it needs now); null gives the choice back to the window's distance.
  function choose(test) {
    chooser = test || null;
    pending.forEach(function (entry) {
      if (chooser) {
        forget(entry);
        entry.near = wanted(entry.gd);
      } else if (!entry.near) {
        if (watcher) { watcher.observe(entry.gd); } else { entry.near = true; }
      }
    });
    if (pending.some(function (e) { return e.near; })) { load(); }
    schedule();
  }

  // Every chart still waiting inside `root`, drawn now (the bundle fetched first if need be):
  // settles when they are drawn.
  // A chart whose component has not asked yet (its code still loading) is waited for, a few
  // seconds at most; one being drawn is waited for too.
  function ready(root) {
    var silent = Array.prototype.some.call(root.querySelectorAll(".dash-graph"), function (el) {
      return !asked(el);
    });
    if (silent) {
      return new Promise(function (resolve) {
        var waiter = { root: root, resolve: resolve };
        waiters.push(waiter);
        // Given up on: forgotten too, or a deck turning for hours would keep one per turn.
        setTimeout(function () {
          waiters = waiters.filter(function (w) { return w !== waiter; });
          resolve();
        }, 5000);
      }).then(function () { return readyNow(root); });
    }
    return readyNow(root);
  }

  // A graph component (.dash-graph) holds its chart's element: drawn, waiting or being drawn.
  function asked(graph) {
    var inside = function (item) { return graph.contains(item.gd); };
    return pending.some(inside) || drawing.some(inside) ||
      Array.prototype.some.call(graph.children, function (child) { return !!child._fullLayout; });
  }

  function readyNow(root) {
    var flying = drawing.filter(function (f) { return root.contains(f.gd); })
      .map(function (f) { return f.result; });
    if (!pending.some(function (e) { return root.contains(e.gd); })) { return Promise.all(flying); }
    return load().then(function () {
      var drawn = flying;
      for (var i = pending.length - 1; i >= 0; i--) {
        if (root.contains(pending[i].gd)) { drawn.push(draw(forget(pending.splice(i, 1)[0]))); }
      }
      return Promise.all(drawn);
    });
  }

  window.Plotly = {
    react: queued("react"),
    newPlot: queued("newPlot"),
    purge: purge,
    Plots: { resize: function () { return Promise.resolve(); } }
  };
  window.democraticCharts = {
    drawAll: drawAll,
    choose: choose,
    ready: ready,
    waiting: function () { return pending.length; }
  };
})();
