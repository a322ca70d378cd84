// The embedded page (/integrer/<slug>, dashboard/templates/embed.html): draws its charts from
// the figures the server wrote into the page as JSON (no inline script: the CSP forbids it).
// Dash loads every script of this folder on its own pages too: there it finds nothing to do.
(function () {
  var data = document.getElementById("embed-figures");
  if (!data || !window.Plotly) { return; }
  var payload = JSON.parse(data.textContent);
  document.querySelectorAll("[data-figure]").forEach(function (box) {
    var figure = payload.figures[Number(box.getAttribute("data-figure"))];
    if (!figure) { return; }
    window.Plotly.newPlot(box, figure.data, figure.layout, payload.config).then(function () {
      box.setAttribute("data-drawn", "true");
    });
  });
})();
