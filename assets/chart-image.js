// « Image PNG » under a partner page's chart (layouts/chart_exports.py): plotly.js's own PNG
// export of the chart as drawn, at twice its size for a sharp print. Delegated (charts are drawn
// by Dash after this file loads); no inline script under the Content-Security-Policy.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-chart-image]");
    if (!button || !window.Plotly) { return; }
    var card = button.closest(".chart-card");
    var plot = card && card.querySelector(".js-plotly-plot");
    if (!plot) { return; }
    window.Plotly.downloadImage(plot, {
      format: "png",
      filename: button.getAttribute("data-chart-image") || "graphique",
      width: plot.clientWidth || 800,
      height: plot.clientHeight || 400,
      scale: 2
    });
  });
})();
