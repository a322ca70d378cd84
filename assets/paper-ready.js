// The page's own word that it is ready to be printed, for the server's headless Chromium that
// makes a partner page's PDF (dashboard/pdf_renderer.py). The renderer asks, rather than
// sleeping a fixed time and printing whatever is there (blank or half-drawn charts):
// - chartsDrawn(): the page is laid out, Dash has no request under way, and every chart box of
//   the page holds a drawn plotly chart (asking draws the charts still waiting to come into
//   view: assets/plotly-on-demand.js draws on screen only what the reader is about to see);
// - paperReady(): the page is in its paper layout (assets/print-charts.js, entered when print
//   media is emulated) and every chart has been redrawn to the size of its box on paper.
(function () {
  var CHARTS = ".chart-graph, .sparkline";

  function visible(plot) { return plot.offsetParent !== null; }

  function chartsDrawn() {
    var page = document.querySelector(".partner-page");
    if (!page || document.querySelector("[data-dash-is-loading='true']")) { return false; }
    if (window.democraticCharts) { window.democraticCharts.drawAll(); }
    // Box by box: a drawn chart has more than one .main-svg, so counting them all is not enough.
    return Array.prototype.every.call(page.querySelectorAll(CHARTS), function (box) {
      return !!box.querySelector(".js-plotly-plot .main-svg");
    });
  }

  function paperReady() {
    if (!document.documentElement.classList.contains("paper") || !chartsDrawn()) { return false; }
    return Array.prototype.every.call(document.querySelectorAll(".js-plotly-plot"), function (plot) {
      var svg = plot.querySelector(".main-svg");
      return !visible(plot) || (svg && Math.abs(svg.getBoundingClientRect().width
        - plot.getBoundingClientRect().width) < 1.5);
    });
  }

  window.democraticPaper = { chartsDrawn: chartsDrawn, paperReady: paperReady };
})();
