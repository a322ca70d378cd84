// plotly.js on demand, and one chart at a time. The bundle (assets/plotly-basic.min.js, 400 KB
// on the wire) is left out of the page's scripts (dashboard/app.py): the page, its headline
// figures and its sentence come first, and the bundle is fetched when the first chart asks for
// it. Dash's graphs then call Plotly.react all at once, in one task that kept the page frozen
// (every chart of a partner page: about 600 ms); here each first drawing waits its turn, one
// chart per task, the charts in or nearest the window first. The browser paints and answers the
// visitor between two charts, and every chart is still drawn without scrolling (print, the PDF,
// a reader who jumps to the end). A chart already drawn is redrawn at once (a filter changed).
// The page's address of the bundle: <meta name="democratic-plotly"> (with its version, so the
// browser keeps it). Printing draws whatever is left first (democraticCharts.drawAll,
// assets/print-charts.js).
(function () {
  var meta = document.querySelector('meta[name="democratic-plotly"]');
  if (!meta || window.Plotly) { return; }
  var pending = []; // {gd, method, args, done: [resolve], failed: [reject]}
  var real = null, original = null, loading = null, timer = null;

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
      if (real && gd && gd._fullLayout) { return original[method].apply(real, arguments); }
      var index = find(gd), entry;
      if (index >= 0) {
        entry = pending[index];
        entry.method = method;
        entry.args = args; // the newest figure wins
      } else {
        entry = { gd: gd, method: method, args: args, done: [], failed: [] };
        pending.push(entry);
      }
      var promise = new Promise(function (resolve, reject) {
        entry.done.push(resolve);
        entry.failed.push(reject);
      });
      load();
      schedule();
      return promise;
    };
  }

  function purge(gd) {
    var index = find(gd);
    if (index >= 0) { settle(pending.splice(index, 1)[0], Promise.resolve(gd)); }
    return real ? original.purge.apply(real, arguments) : gd;
  }

  // How far a chart is from the window (0: in it).
  function distance(gd) {
    var box = gd.getBoundingClientRect(), height = window.innerHeight;
    if (box.bottom < 0) { return -box.bottom; }
    return box.top > height ? box.top - height : 0;
  }

  function next() {
    var best = -1, bestDistance = Infinity;
    for (var i = pending.length - 1; i >= 0; i--) {
      if (!pending[i].gd.isConnected) { settle(pending.splice(i, 1)[0], Promise.resolve()); continue; }
      var d = distance(pending[i].gd);
      if (d <= bestDistance) { best = i; bestDistance = d; }
    }
    return best < 0 ? null : pending.splice(best, 1)[0];
  }

  function settle(entry, result) {
    result.then(
      function (value) { entry.done.forEach(function (f) { f(value); }); },
      function (error) { entry.failed.forEach(function (f) { f(error); }); }
    );
  }

  function draw(entry) {
    var result;
    try {
      result = Promise.resolve(original[entry.method].apply(real, [entry.gd].concat(entry.args)));
    } catch (error) {
      result = Promise.reject(error);
    }
    settle(entry, result);
    return result;
  }

  function schedule() {
    if (!real || timer !== null || !pending.length) { return; }
    timer = setTimeout(function () {
      timer = null;
      var entry = next();
      if (entry) { draw(entry); }
      schedule();
    }, 0);
  }

  // Every chart still waiting, now (printing cannot wait for the next task).
  function drawAll() {
    if (!real) { return Promise.resolve(); }
    var drawn = [], entry;
    while ((entry = next())) { drawn.push(draw(entry)); }
    return Promise.all(drawn);
  }

  window.Plotly = {
    react: queued("react"),
    newPlot: queued("newPlot"),
    purge: purge,
    Plots: { resize: function () { return Promise.resolve(); } }
  };
  window.democraticCharts = {
    drawAll: drawAll,
    waiting: function () { return pending.length; }
  };
})();
