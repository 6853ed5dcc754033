"""The dashboard's charts in Chromium, on the demo: no axis label starts outside its chart
(a slanted union name once lost its first characters), and counts step by whole numbers."""

import io

import pytest
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.core.tests.test_browser_csp import browse

# Every text ECharts drew, with its left edge and its words, per chart.
DRAWN_TEXTS = """() => Array.from(document.querySelectorAll('[data-chart]')).map((holder) => {
  const chart = echarts.getInstanceByDom(holder);
  const texts = chart.getZr().storage.getDisplayList().filter((e) => e.style && e.style.text);
  return [holder.dataset.chart, texts.map((t) => {
    const box = t.getBoundingRect().clone();
    if (t.transform) box.applyTransform(t.transform);
    return [Math.floor(box.x), String(t.style.text)];
  })];
})"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_chart_labels_stay_inside_their_charts(live_server, browser, client):
    call_command("load_demo", stdout=io.StringIO())
    charts = {}
    for username in ("admin", "town"):
        context, page, problems = browse(
            browser, live_server, client, User.objects.get(username=username)
        )
        page.goto(f"{live_server.url}/staff/dashboard/")
        page.wait_for_load_state("networkidle")
        charts[username] = dict(page.evaluate(DRAWN_TEXTS))
        context.close()
        assert not problems
    county = charts["admin"]
    assert len(county["enrollment_by_union"]) > 15  # 15 slanted union names and more
    outside = [(key, text) for key, texts in county.items() for x, text in texts if x < 0]
    assert outside == []
    # The town has 1 to 3 unions of a kind: the axis counts 0, 1, 2, 3, never 2.5 unions.
    assert not any("." in text for _x, text in charts["town"]["unions_by_kind"])
