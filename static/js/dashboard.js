// Draws each chart of the dashboard from its JSON (json_script), and follows a bar's or a
// slice's link to the list behind it.
(function () {
  var palette = ["#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#795548"];
  // 5114 → 5,114, as the tables write numbers.
  function number(value) { return value == null ? "—" : Number(value).toLocaleString("zh-CN"); }
  document.querySelectorAll("[data-chart]").forEach(function (holder) {
    var spec = JSON.parse(document.getElementById("chart-" + holder.dataset.chart).textContent);
    var chart = echarts.init(holder, null, { renderer: "canvas" });
    var option = { color: palette,
                   tooltip: { trigger: spec.kind === "pie" ? "item" : "axis", valueFormatter: number },
                   legend: { top: 0 }, animation: false };
    if (spec.kind === "pie") {
      option.series = [{ type: "pie", radius: ["35%", "65%"], top: 24,
        label: { formatter: function (p) { return p.name + "\n" + number(p.value); } },
        data: spec.categories.map(function (name, i) { return { name: name, value: spec.series[0].data[i] }; }) }];
    } else {
      var rotate = spec.categories.length > 6 ? 35 : 0;
      var whole = spec.series.every(function (s) {
        return s.data.every(function (v) { return v === null || Number.isInteger(Number(v)); });
      });
      // containLabel leaves out how far a slanted first label reaches to the left of its
      // tick (about 100 px for a 120 px label at 35°): keep that room, or its start is cut.
      option.grid = { left: rotate ? 72 : 8, right: 16, top: 36, bottom: 8, containLabel: true };
      option.xAxis = { type: "category", data: spec.categories,
                       axisLabel: { interval: 0, rotate: rotate, width: 120, overflow: "truncate" } };
      option.yAxis = { type: "value", name: spec.unit, minInterval: whole ? 1 : 0 };
      option.series = spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, barMaxWidth: 28,
                 label: { show: spec.categories.length <= 12, position: "top",
                          formatter: function (p) { return number(p.value); } } };
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
