"""The figures page, the parameters page and the import page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.core.models import ImportJob
from gonghui.hardship.models import AidType, FundingSource, HardshipFile, SubsistenceStandard, Tier
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import files as file_services
from gonghui.hardship.tests.factories import active_file, applied_file
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


def test_hardship_figures_page_counts_files_aid_and_reviews(tree, staff, client_for):
    deep = active_file(staff, tree, tier=Tier.DEEP)
    active_file(staff, tree, tier=Tier.RELATIVE)
    closed = active_file(staff, tree, tier=Tier.DEEP)
    file_services.file_close(actor=staff.union_a1, file=closed, reason="out_of_hardship")
    applied_file(staff, tree)
    HardshipFile.objects.filter(pk=deep.pk).update(
        reviewed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    aid_services.aid_record_create(
        actor=staff.finance,
        file=deep,
        aid_type=AidType.EMERGENCY,
        amount=Decimal("2000"),
        given_on=timezone.localdate(),
        funding_source=FundingSource.UNION_FUNDS,
    )
    active_file(staff, tree, worker=member(tree.union_b1))  # town B: not town A's
    page = client_for(staff.town_a).get(reverse("staff:hardship_figures"))
    figures = page.context["figures"]
    assert figures["active"] == 2
    assert [n for _label, _value, n in figures["by_tier"]] == [1, 1, 0]
    assert (figures["new"], figures["approved"], figures["closed"]) == (4, 3, 1)
    assert figures["in_progress"] == 1 and figures["due_for_review"] == 1
    emergency = next(row for row in figures["aid_by_type"] if row["value"] == "emergency")
    assert (emergency["households"], emergency["cash"]) == (1, Decimal("2000"))
    county = client_for(staff.reviewer).get(reverse("staff:hardship_figures"))
    assert county.context["figures"]["active"] == 3


def test_hardship_parameters_page_sets_the_standard_for_an_area(tree, staff, client_for):
    client = client_for(staff.town_a)
    response = client.post(
        reverse("staff:hardship_parameters"),
        {"set_standard": "1", "area": tree.town_a.pk, "year": "2026", "monthly_amount": "1120"},
    )
    assert response.status_code == 302
    assert SubsistenceStandard.objects.get(area=tree.town_a, year=2026).monthly_amount == Decimal(
        "1120.00"
    )
    refused = client.post(
        reverse("staff:hardship_parameters"),
        {"set_limit": "1", "tier": "deep", "aid_type": "living", "months_of_standard": "20"},
    )
    assert refused.status_code == 403  # limits are the county administrator's


def test_hardship_import_page_uses_the_same_service(
    tree, staff, client_for, tmp_path, django_capture_on_commit_callbacks
):
    worker = member(tree.union_a1)
    path = tmp_path / "old.csv"
    row = f"{worker.id_number},深度困难,因病,30000,3"
    path.write_text(
        "身份证号,困难类型,主要致困原因,家庭年可支配收入,共同生活人数\n" + f"{row}\n{row}\n"
    )
    client = client_for(staff.union_a1)
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as handle:
        response = client.post(reverse("staff:hardship_import"), {"file": handle})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("staff:import_job", args=[job.pk])
    assert (job.status, [row for row, _message in job.errors_preview]) == ("refused", [3])
    assert not HardshipFile.objects.exists()
    errors = client.get(reverse("staff:import_job_errors", args=[job.pk]))
    assert b"".join(errors.streaming_content).decode().splitlines()[1].startswith("3,")
    template = client.get(reverse("staff:hardship_import_template")).content.decode()
    assert template.startswith("\ufeff身份证号,困难类型")
