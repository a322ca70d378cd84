// Plotly charts keep the width they had on screen; before printing, resize them to the paper
// (A4 landscape), and back to the window afterwards.
(function () {
  function resizeAll() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (plot) {
      try { window.Plotly.Plots.resize(plot); } catch (error) { /* a chart being redrawn */ }
    });
  }
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
  if (window.matchMedia) {
    var query = window.matchMedia("print");
    var onChange = function () { resizeAll(); };
    if (query.addEventListener) { query.addEventListener("change", onChange); }
    else if (query.addListener) { query.addListener(onChange); }
  }
})();
