// Paper: a partner page prints on A4 landscape (assets/print.css lays it out under the `paper`
// class). Plotly draws charts at a fixed pixel size, the one they had on screen; so every way
// into print (the page's print button, the browser's own print command, print media emulation)
// first switches the page to its paper layout and redraws each chart to the size of its box
// there, and back afterwards. The redraw is a direct, synchronous relayout: Chromium lays the
// pages out right after `beforeprint`, and Plotly.Plots.resize would redraw 100 ms too late.
// Chromium's headless print-to-PDF fires no `beforeprint`: there the print media query change
// (emulated before printing) does the same.
(function () {
  var PAPER = "paper";
  var RUNNING = "--print-running";
  var SOURCE_ROOM = 36;
  var SOURCE_TO_RUNNING_LINE = ".page-section .row > .col-lg-6, .chart-card:has(#calendrier-titre)";
  var root = document.documentElement;

  function relayout(plot, update) {
    try {
      window.Plotly.relayout(plot, update);
    } catch (error) {
      /* a chart being redrawn by Dash: it takes its box's size when drawn */
    }
  }

  // A chart a quarter of a sheet wide: at most about four level ticks and six month names,
  // unrotated; each chart's own ticks come back on screen.
  function paperAxes(plot) {
    var layout = plot.layout || {}, x = layout.xaxis || {}, y = layout.yaxis || {};
    var screen = {
      "xaxis.dtick": x.dtick === undefined ? null : x.dtick,
      "yaxis.dtick": y.dtick === undefined ? null : y.dtick,
      "xaxis.tickangle": x.tickangle === undefined ? null : x.tickangle,
      "xaxis.nticks": null, "yaxis.nticks": null
    };
    var update = { "xaxis.tickangle": 0, "xaxis.nticks": 6, "yaxis.nticks": 4 };
    // The charts of the grids (four a row) and the timeline leave their source line to the
    // running line at the top of the sheet, and its room: assets/print.css counts on these
    // SOURCE_ROOM pixels when it sizes their boxes.
    if (plot.closest(SOURCE_TO_RUNNING_LINE)) {
      (layout.annotations || []).forEach(function (note, index) {
        if (note.name !== "source" || note.visible === false) { return; }
        var bottom = (layout.margin && layout.margin.b) || 56;
        update["annotations[" + index + "].visible"] = false;
        update["margin.b"] = Math.max(bottom - SOURCE_ROOM, 12);
        screen["annotations[" + index + "].visible"] = true;
        screen["margin.b"] = bottom;
      });
    }
    plot.screenAxes = plot.screenAxes || screen;
    var wider = { M1: "M2", M2: "M3" };
    if (wider[x.dtick] && x.tickmode !== "linear") { update["xaxis.dtick"] = wider[x.dtick]; }
    var full = plot._fullLayout && plot._fullLayout.yaxis;
    if (typeof y.dtick === "number" && full && full.range) {
      // Whole numbers stay whole: a step of 1, 2, 5, 10... that leaves three or four ticks.
      var top = Math.max(full.range[0], full.range[1]), step = y.dtick;
      [1, 2, 5, 10, 20, 50, 100].forEach(function (s) { if (step * 4 < top && s > step) { step = s; } });
      update["yaxis.dtick"] = step;
    }
    return update;
  }

  function fitToBoxes() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      var width = plot.clientWidth, height = plot.clientHeight;
      if (width > 0 && height > 0) {
        relayout(plot, Object.assign({ width: width, height: height }, paperAxes(plot)));
      }
    });
  }

  // The running line (who, period, data date, source) goes to the top margin of every printed
  // page: an @page margin box (assets/print.css) shows `--print-running`, a CSS string. Read at
  // print time, it follows the period and language the page shows now.
  function setRunningLine() {
    var source = document.querySelector("[data-print-running]");
    if (!source) { root.style.removeProperty(RUNNING); return; }
    var text = source.getAttribute("data-print-running").replace(/[\\"]/g, "\\$&").replace(/\s+/g, " ");
    root.style.setProperty(RUNNING, '"' + text + '"');
  }

  function enterPaper() {
    root.classList.add(PAPER);
    setRunningLine();
    // Tables are built when opened (assets/data-tables.js): paper shows the table of places.
    if (window.democraticTables) { window.democraticTables.buildAll(); }
    // Charts still waiting for their turn (assets/plotly-on-demand.js) are drawn now: paper
    // gets every chart.
    if (window.democraticCharts) { window.democraticCharts.drawAll(); }
    fitToBoxes();
  }

  function leavePaper() {
    if (!root.classList.contains(PAPER)) { return; }
    root.classList.remove(PAPER);
    root.style.removeProperty(RUNNING);
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      // Back to the size of the box on screen (the graphs are responsive).
      var axes = plot.screenAxes || {};
      delete plot.screenAxes;
      relayout(plot, Object.assign({ width: null, height: null, autosize: true }, axes));
    });
  }

  window.addEventListener("beforeprint", enterPaper);
  window.addEventListener("afterprint", leavePaper);
  if (window.matchMedia) {
    var query = window.matchMedia("print");
    var onChange = function (event) { if (event.matches) { enterPaper(); } else { leavePaper(); } };
    if (query.addEventListener) { query.addEventListener("change", onChange); }
    else if (query.addListener) { query.addListener(onChange); }
  }

  // The print button (no inline script under the Content-Security-Policy): a real <button>,
  // so Enter and Space work as for a click.
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-print]");
    if (!button) { return; }
    enterPaper();
    window.print();
  });
})();
