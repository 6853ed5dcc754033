// Hardship figures: the tiers pie and the causes bars, from the page's JSON (json_script).
(function () {
  var data = JSON.parse(document.getElementById("hardship-charts").textContent);
  var colours = ["#b71c1c", "#ef6c00", "#6a1b9a", "#1565c0", "#2e7d32", "#6d4c41"];
  echarts.init(document.getElementById("chart-tiers")).setOption({
    color: colours, tooltip: {trigger: "item"},
    series: [{type: "pie", radius: ["40%", "70%"], data: data.tiers, label: {formatter: "{b}\n{c}"}}]
  });
  echarts.init(document.getElementById("chart-causes")).setOption({
    color: colours, tooltip: {}, grid: {left: 40, right: 10, top: 10, bottom: 30},
    xAxis: {type: "category", data: data.causes.labels, axisLabel: {interval: 0, fontSize: 11}},
    yAxis: {type: "value", minInterval: 1},
    series: [{type: "bar", data: data.causes.values}]
  });
})();
