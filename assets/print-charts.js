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
  var root = document.documentElement;

  function relayout(plot, update) {
    try {
      window.Plotly.relayout(plot, update);
    } catch (error) {
      /* a chart being redrawn by Dash: it takes its box's size when drawn */
    }
  }

  function fitToBoxes() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      var width = plot.clientWidth, height = plot.clientHeight;
      if (width > 0 && height > 0) { relayout(plot, { width: width, height: height }); }
    });
  }

  function enterPaper() {
    root.classList.add(PAPER);
    fitToBoxes();
  }

  function leavePaper() {
    if (!root.classList.contains(PAPER)) { return; }
    root.classList.remove(PAPER);
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      // Back to the size of the box on screen (the graphs are responsive).
      relayout(plot, { width: null, height: null, autosize: true });
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
