"""With the demo data, every number the dashboard shows is recomputed here from the rows."""

import io
import json
import statistics
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from openpyxl import load_workbook

from gonghui.accounts.models import Role, User
from gonghui.claims import selectors as claim_selectors
from gonghui.claims.models import GRANTED_STATUSES, Claim, ClaimStatus, ComputationLine
from gonghui.core.money import fmt_yuan, percent
from gonghui.dashboards import selectors
from gonghui.hardship.models import AidRecord, Campaign, HardshipFile
from gonghui.hardship.models import Status as FileStatus
from gonghui.mutual_aid.models import Enrollment, Payment, Period, PlanOffer
from gonghui.orgs.models import GRASSROOTS_KINDS, Enterprise, Member, Organisation


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo federation, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def admin(demo, db):
    return User.objects.get(username="admin")


@pytest.fixture
def town(demo, db):
    return User.objects.get(username="town")


def section(user, key, **kwargs):
    return next(s for s in selectors.dashboard(user, **kwargs) if s.key == key)


def chart(found, key):
    return next(c for c in found.charts if c.key == key)


def table(found, key):
    return next(t for t in found.tables if t.key == key)


def mine(admin):
    """The admin's federation's rows (the demo holds other federations too)."""
    path = admin.org.path
    return SimpleNamespace(
        orgs=Organisation.objects.filter(path__startswith=path),
        enterprises=Enterprise.objects.filter(
            Q(union__path__startswith=path) | Q(area__path__startswith=path)
        ),
        members=Member.objects.filter(union__path__startswith=path),
    )


def test_dashboard_coverage_figures_are_the_rows(admin):
    figures = section(admin, "coverage").figures
    rows = mine(admin)
    assert figures[0].value == rows.orgs.filter(kind__in=GRASSROOTS_KINDS).count()
    assert figures[1].value == rows.enterprises.filter(union__isnull=False).count()
    assert figures[2].value == rows.members.filter(status="active").count() >= 2000


def test_dashboard_unions_by_kind_chart_counts_each_kind(admin):
    found = chart(section(admin, "coverage"), "unions_by_kind")
    counts = dict(mine(admin).orgs.values_list("kind").annotate(n=Count("id")))
    expected = [counts.get(kind, 0) for kind in ("town", "street", "industry", "single", "joint")]
    assert found.series[0]["data"] == expected


def test_dashboard_large_enterprises_table_counts_with_and_without_union(admin):
    rows = table(section(admin, "coverage"), "large_enterprises").rows
    for row, minimum in zip(rows, (100, 25), strict=True):
        large = mine(admin).enterprises.filter(staff_count__gte=minimum)
        assert row[1:4] == [
            large.count(),
            large.filter(union__isnull=False).count(),
            large.filter(union__isnull=True).count(),
        ]


def test_dashboard_enrollment_figures_are_the_rows(admin):
    period = Period.objects.order_by("-start").first()
    figures = section(admin, "enrollment", period=period).figures
    enrollments = Enrollment.objects.filter(period=period)
    assert figures[0].value == enrollments.values("member").distinct().count()
    assert figures[1].value == enrollments.count()
    contributions = dict(
        PlanOffer.objects.filter(period=period).values_list("plan", "contribution")
    )
    due = sum(contributions[plan] for plan in enrollments.values_list("plan", flat=True))
    assert figures[3].value == due
    assert figures[4].value == Payment.objects.filter(period=period).aggregate(s=Sum("amount"))["s"]


def test_dashboard_enrollment_chart_bars_are_each_unions_persons(admin):
    period = Period.objects.order_by("-start").first()
    found = chart(section(admin, "enrollment", period=period), "enrollment_by_union")
    assert len(found.categories) == selectors.CHART_BARS
    for name, persons, link in zip(
        found.categories, found.series[0]["data"], found.links, strict=True
    ):
        union = Organisation.objects.get(pk=link.split("union=")[1])
        assert union.name == name
        expected = Enrollment.objects.filter(period=period, union=union).values("member").distinct()
        assert persons == expected.count()
    assert found.series[0]["data"] == sorted(found.series[0]["data"], reverse=True)


def test_dashboard_person_times_by_period_line(admin):
    found = chart(section(admin, "enrollment"), "person_times_by_period")
    periods = Period.objects.order_by("start")
    assert found.categories == [str(period) for period in periods]
    assert found.series[0]["data"] == [
        Enrollment.objects.filter(period=period).count() for period in periods
    ]


def test_dashboard_hardship_tiers_are_the_active_files(admin):
    found = chart(section(admin, "hardship", year=2026), "files_by_tier")
    active = HardshipFile.objects.filter(status=FileStatus.ACTIVE)
    expected = [active.filter(tier=tier).count() for tier in ("deep", "relative", "accidental")]
    assert found.series[0]["data"] == expected
    assert sum(expected) > 0


def test_dashboard_campaign_spending_is_its_aid_records(admin):
    found = chart(section(admin, "hardship", year=2026), "campaigns")
    for name, budget, spent in zip(
        found.categories, found.series[0]["data"], found.series[1]["data"], strict=True
    ):
        campaign = Campaign.objects.get(name=name, year=2026)
        aid = AidRecord.objects.filter(campaign=campaign).aggregate(
            cash=Sum("amount"), goods=Sum("goods_value")
        )
        assert budget == campaign.budget
        assert spent == (aid["cash"] or 0) + (aid["goods"] or 0)


def test_dashboard_is_scoped_to_the_town(town):
    figures = section(town, "coverage").figures
    unions = Organisation.objects.filter(path__startswith=town.org.path, kind__in=GRASSROOTS_KINDS)
    assert (
        figures[0].value
        == unions.count()
        < Organisation.objects.filter(kind__in=GRASSROOTS_KINDS).count()
    )
    assert figures[2].value == Member.objects.filter(union__in=unions, status="active").count()
    enrollment = section(town, "enrollment")
    assert set(chart(enrollment, "enrollment_by_union").categories) <= set(
        unions.values_list("name", flat=True)
    )


def test_dashboard_page_draws_every_chart_and_links_to_the_list(admin, client_for):
    client = client_for(admin)
    page = client.get("/staff/dashboard/").content.decode()
    for key in (
        "unions_by_kind",
        "enrollment_by_union",
        "person_times_by_period",
        "files_by_tier",
        "campaigns",
    ):
        assert f'data-chart="{key}"' in page and f'id="chart-{key}"' in page
    spec = json.loads(
        page.split('id="chart-enrollment_by_union" type="application/json">')[1].split("</script>")[
            0
        ]
    )
    first_link = spec["links"][0]
    union = Organisation.objects.get(pk=first_link.split("union=")[1])
    assert union.name == spec["categories"][0]
    listing = client.get(first_link).content.decode()
    enrolled = Enrollment.objects.filter(union=union, period_id=first_link.split("/")[-3]).count()
    assert f"共 {enrolled} 条" in listing or f"{enrolled} " in listing


def test_dashboard_table_exports_to_excel_with_the_same_rows(admin, client_for):
    period = Period.objects.order_by("-start").first()
    response = client_for(admin).get(
        f"/staff/dashboard/export/enrollment_by_union.xlsx?period={period.pk}"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    expected = table(section(admin, "enrollment", period=period), "enrollment_by_union")
    assert list(rows[0]) == expected.columns
    assert len(rows) - 1 == len(expected.rows)
    assert [row[0] for row in rows[1:]] == [row[0] for row in expected.rows]
    assert [row[1] for row in rows[1:]] == [row[1] for row in expected.rows]


def test_dashboard_every_section_is_built_with_found_over_owed(admin, client_for):
    page = client_for(admin).get("/staff/dashboard/").content.decode()
    assert 'data-testid="not-built"' not in page
    assert "主动告知率（主动发现 ÷ 应享待遇）" in page and "出院至到账（中位数）" in page


def test_dashboard_benefits_found_are_the_records_and_notices(admin):
    from gonghui.medinsure.models import BenefitNotice, SettlementRecord

    found = section(admin, "benefits_found")
    matched = SettlementRecord.objects.filter(member__isnull=False, kind="normal").count()
    assert found.figures[0].value == matched > 0
    pie = chart(found, "notices_by_status")
    expected = [
        BenefitNotice.objects.filter(status=status).count()
        for status in ("pending", "confirmed", "merged", "cancelled", "expired")
    ]
    assert pie.series[0]["data"] == expected


def test_dashboard_benefits_found_over_owed_is_recomputed_from_notices_and_claims(admin):
    from gonghui.claims.models import GRANTED_STATUSES
    from gonghui.core.money import percent
    from gonghui.medinsure.models import BenefitNotice

    found_notices = BenefitNotice.objects.filter(
        status__in=("pending", "confirmed"), total__gt=0
    ).count()
    merged = BenefitNotice.objects.filter(status="merged", total__gt=0).count()
    by_hand = (
        Claim.objects.filter(status__in=GRANTED_STATUSES, event_type__in=("inpatient", "birth"))
        .exclude(channel="record")
        .filter(benefit_notices__isnull=True)
        .count()
    )
    assert found_notices > 0 and by_hand > 0
    figure = next(
        f
        for f in section(admin, "benefits_found").figures
        if "found ÷ owed" in str(f.label) or "主动告知率" in str(f.label)
    )
    assert figure.value == percent(found_notices, found_notices + merged + by_hand)


def test_dashboard_is_for_staff_only(demo, db, client):
    member = Member.objects.get(mobile="13900000001")
    user = User.objects.create(username="m-dash", role=Role.MEMBER)
    member.user = user
    member.save()
    client.force_login(user)
    assert client.get("/staff/dashboard/").status_code == 403
    assert client.get("/staff/dashboard/export/enrollment_by_union.xlsx").status_code == 403


def test_dashboard_article_figures_are_computed_from_the_rows(admin, client_for):
    from gonghui.dashboards.articles import article_figures

    figures = {figure.measure: figure for figure in article_figures(admin, 2026)}
    unions = mine(admin).orgs.filter(kind__in=GRASSROOTS_KINDS).count()
    assert figures["基层工会"].ours == unions and figures["基层工会"].reported == "1,548"
    assert figures["工会会员数"].ours == mine(admin).members.filter(status="active").count()
    person_periods = Enrollment.objects.values("period", "member").distinct().count()
    assert figures["互助保障累计参保人次（全部期次）"].ours == person_periods
    page = client_for(admin).get("/staff/dashboard/articles/").content.decode()
    assert "132,411" in page and "尚未建成" not in page
    paid = Claim.objects.filter(status=ClaimStatus.PAID)
    expected = f"{paid.count():,} 人次，{fmt_yuan(paid.aggregate(s=Sum('amount'))['s'])} 元"
    assert figures["互助保障补助人次与金额"].ours == expected


def test_dashboard_claims_paid_figures_are_the_paid_claims(admin):
    period = Period.objects.order_by("-start").first()
    figures = section(admin, "claims", period=period).figures
    paid = Claim.objects.filter(status=ClaimStatus.PAID, period=period)
    assert figures[0].value == paid.count() > 0
    assert figures[1].value == paid.aggregate(s=Sum("amount"))["s"]


def test_dashboard_payouts_by_month_add_up_to_the_paid_lines(admin):
    found = chart(section(admin, "claims"), "payouts_by_month")
    drawn = sum(sum(series["data"]) for series in found.series)
    paid = Claim.objects.filter(status=ClaimStatus.PAID)
    lines = ComputationLine.objects.filter(computation_id__in=paid.values("computation_id"))
    assert drawn == lines.aggregate(s=Sum("amount"))["s"] == paid.aggregate(s=Sum("amount"))["s"]


def test_dashboard_loss_ratio_is_granted_over_contributions(admin):
    rows = table(section(admin, "claims"), "loss_ratio").rows
    period = Period.objects.order_by("-start").first()
    row = next(r for r in rows if r[0] == str(period) and r[1] == "住院")
    enrolled = Enrollment.objects.filter(period=period, plan="INPATIENT").count()
    contribution = PlanOffer.objects.get(period=period, plan="INPATIENT").contribution
    granted = Claim.objects.filter(
        period=period, status__in=["approved", "in_payout_batch", "paid", "payment_failed"]
    )
    lines = ComputationLine.objects.filter(
        computation_id__in=granted.values("computation_id"), code__startswith="INPATIENT."
    )
    assert row[2] == contribution * enrolled
    assert row[3] == (lines.aggregate(s=Sum("amount"))["s"] or 0)
    assert row[4] == percent(row[3], row[2])


def test_dashboard_every_table_is_exported_from_its_own_section(admin):
    sections = selectors.dashboard(admin)
    owners = {table.key: found.key for found in sections for table in found.tables}
    core = {key: owner for key, owner in owners.items() if key in selectors.TABLE_SECTIONS}
    assert core == selectors.TABLE_SECTIONS
    # An optional service's tables are found by their key's prefix (the service's key).
    assert all(selectors._section_of_table(key) == owner for key, owner in owners.items())


def test_dashboard_turnaround_medians_and_shares_are_the_granted_claims(admin):
    period = Period.objects.order_by("-start").first()
    figures = claim_selectors.claim_figures(admin, period=period, breakdowns=False)
    granted = Claim.objects.filter(period=period, status__in=GRANTED_STATUSES)
    for durations, start, end in (
        (figures.to_approval, "submitted_at", "approved_at"),
        (figures.to_payment, "approved_at", "paid_at"),
    ):
        hours = [
            (row[end] - row[start]).total_seconds() / 3600
            for row in granted.values(start, end)
            if row[start] and row[end]
        ]
        inside = sum(1 for value in hours if value <= 48)
        assert durations.count == len(hours) > 0
        assert durations.median_hours == round(statistics.median(hours), 1)
        assert durations.within_promise == (Decimal(inside) * 100 / len(hours)).quantize(
            Decimal("0.1")
        )
    assert (figures.by_plan, figures.by_union, figures.by_period) == ([], [], [])


def test_dashboard_articles_are_named_by_place_and_headline(admin, client_for):
    page = client_for(admin).get("/staff/dashboard/articles/").content.decode()
    assert "文章三" not in page and "seed" not in page
    assert "永康" in page and "《如何当好职工娘家人？市总工会给出答案》" in page
    assert "慈溪掌起" in page and "掌起镇的温暖地标" in page


def test_dashboard_exports_carry_chinese_file_names(admin, client_for):
    from urllib.parse import unquote

    response = client_for(admin).get("/staff/dashboard/export/loss_ratio.xlsx")
    name = unquote(response["Content-Disposition"].split("filename*=utf-8''")[1])
    assert name == "各期各项目赔付率（补助 ÷ 互助金）.xlsx"
    page = client_for(admin).get("/staff/dashboard/").content.decode()
    assert 'download="各期各项目赔付率（补助 ÷ 互助金）.xlsx"' in page
