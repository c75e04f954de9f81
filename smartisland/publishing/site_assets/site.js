// Interactivity on request: the page reads fully without this script (the charts are SVG pictures). A button under
// each chart loads plotly.js, once, and the chart's own figure only when a reader asks for it.
(function () {
  "use strict";
  var plotly = null;
  var root = document.querySelector('link[rel="stylesheet"]').getAttribute("href").replace(/assets\/style\.[^/]*$/, "");
  function loadPlotly() {
    if (!plotly) {
      plotly = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "__PLOTLY__";
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return plotly;
  }
  document.querySelectorAll("figure.chart").forEach(function (figure) {
    var button = figure.querySelector("button.interactive");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      Promise.all([loadPlotly(), fetch(figure.getAttribute("data-chart")).then(function (r) { return r.json(); })])
        .then(function (loaded) {
          var target = document.createElement("div");
          target.className = "plot";
          figure.querySelector("picture").replaceWith(target);
          button.remove();
          loaded[0].newPlot(target, loaded[1].data, loaded[1].layout, {displaylogo: false, responsive: true});
        })
        .catch(function () { button.disabled = false; });
    });
  });
}());
