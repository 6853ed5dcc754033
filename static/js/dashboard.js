// Draws each chart of the dashboard from its JSON (json_script), and follows a bar's or a
// slice's link to the list behind it.
(function () {
  var palette = ["#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#795548"];
  document.querySelectorAll("[data-chart]").forEach(function (holder) {
    var spec = JSON.parse(document.getElementById("chart-" + holder.dataset.chart).textContent);
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    var option = { color: palette, tooltip: { trigger: spec.kind === "pie" ? "item" : "axis" },
                   legend: { top: 0 }, animation: false };
    if (spec.kind === "pie") {
      option.series = [{ type: "pie", radius: ["35%", "65%"], top: 24,
        label: { formatter: "{b}\n{c}" },
        data: spec.categories.map(function (name, i) { return { name: name, value: spec.series[0].data[i] }; }) }];
    } else {
      option.grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
      option.xAxis = { type: "category", data: spec.categories,
                       axisLabel: { interval: 0, rotate: spec.categories.length > 6 ? 35 : 0, width: 120, overflow: "truncate" } };
      option.yAxis = { type: "value", name: spec.unit };
      option.series = spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, barMaxWidth: 28,
                 label: { show: spec.categories.length <= 12, position: "top" } };
      });
    }
    chart.setOption(option);
    chart.on("click", function (event) {
      var link = spec.links[event.dataIndex];
      if (link) { window.location.href = link; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    window.addEventListener("beforeprint", function () { chart.resize(); });
  });
})();
