"""Publication consent: an application without the member's agreement to the exact text is
refused; staff 代办 note how the member agreed; the hardship notice publishes only the
agreed fields, and cannot start without an agreement."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.accounts.testing import sign_in
from gonghui.consent.models import How, PublicationConsent
from gonghui.consent.services import Agreement, agreement_as_shown
from gonghui.core.masking import mask_name
from gonghui.hardship.models import HardshipFile, PublicNotice, Tier
from gonghui.hardship.publication import publication_text
from gonghui.hardship.services import files as file_services
from gonghui.hardship.tests.factories import active_file, applied_file, keeper, set_standard
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_names_are_masked_as_a_notice_shows_them():
    assert [mask_name(n) for n in ("张三", "张小华", "欧阳小华", "李", "")] == [
        "张*",
        "张*华",
        "欧**华",
        "李",
        "",
    ]


def verified(staff, tree, worker):
    from gonghui.accounts.models import Role

    file = applied_file(staff, tree, worker)
    union_staff = keeper(Role.UNION_STAFF, worker.union)
    file_services.file_union_review(actor=union_staff, file=file, tier=Tier.DEEP)
    file_services.file_record_visit(
        actor=union_staff,
        file=file,
        visited_on=timezone.localdate(),
        visitors="张主席",
        findings="属实",
    )
    file_services.file_town_verify(actor=staff.town_a, file=file)
    return file


def start_notice(staff, file):
    today = timezone.localdate()
    return file_services.file_start_notice(
        actor=staff.town_a,
        file=file,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=14),
        place="厂区公示栏",
    )


def test_the_notice_publishes_only_what_was_agreed(tree, staff):
    set_standard(staff, tree)
    worker = member(tree.union_a1, name="王大伟")
    file = active_file(staff, tree, worker)
    consent = PublicationConsent.objects.get(member=worker)
    assert (consent.service, consent.object_id, consent.on_behalf, consent.how) == (
        "hardship",
        file.pk,
        True,
        How.SPOKEN,
    )
    assert consent.text == publication_text(worker) and "王*伟" in consent.text
    assert "王大伟" not in consent.text
    notice = file.notices.get()
    assert notice.text == "王*伟，甲镇一厂工会，深度困难"
    # An agreement covering fewer fields publishes fewer: no tier.
    second = member(tree.union_a1, name="李小红")
    file = verified(staff, tree, second)
    PublicationConsent.objects.filter(member=second).update(fields=["name_masked", "union"])
    assert start_notice(staff, file).text == "李*红，甲镇一厂工会"


def test_a_file_without_an_agreement_cannot_go_on_notice_until_staff_record_it(
    tree, staff, client_for
):
    set_standard(staff, tree)
    worker = member(tree.union_a1, name="赵四")
    file = verified(staff, tree, worker)
    PublicationConsent.objects.filter(member=worker).delete()  # a file from before consents
    with pytest.raises(ValidationError, match="没有同意公示内容"):
        start_notice(staff, file)
    assert not PublicNotice.objects.filter(file=file).exists()
    client = client_for(staff.union_a1)
    detail = client.get(f"/staff/hardship/files/{file.pk}/").content.decode()
    assert "职工同意公示内容之前不能开始公示" in detail
    url = f"/staff/hardship/files/{file.pk}/consent/"
    page = client.get(url).content.decode()
    assert "赵*" in page and 'name="consent_how"' in page
    shown = publication_text(worker)
    no_note = client.post(
        url, {"consent_agreed": "on", "consent_text": shown, "consent_how": "signed"}
    )
    assert no_note.status_code == 200 and not PublicationConsent.objects.exists()
    stale = client.post(
        url,
        {
            "consent_agreed": "on",
            "consent_text": shown + "（旧）",
            "consent_how": "signed",
            "consent_note": "签字",
        },
    )
    assert "公示的内容已有变化" in stale.content.decode()
    assert not PublicationConsent.objects.exists()
    done = client.post(
        url,
        {
            "consent_agreed": "on",
            "consent_text": shown,
            "consent_how": "signed",
            "consent_note": "签字",
        },
    )
    assert done.status_code == 302
    consent = PublicationConsent.objects.get()
    assert (consent.recorded_by, consent.how, consent.note) == (staff.union_a1, How.SIGNED, "签字")
    assert start_notice(staff, file).text == "赵*，甲镇一厂工会，深度困难"


def test_an_application_is_refused_without_the_agreement_and_nothing_is_written(tree, staff):
    worker = member(tree.union_a1)
    application = {"main_cause": "illness", "household_size": 2, "annual_income": 10000}
    cases = [
        None,
        Agreement(agreed=False, text=publication_text(worker), how=How.SPOKEN, note="x"),
        Agreement(agreed=True, text="别的内容", how=How.SPOKEN, note="x"),
        Agreement(agreed=True, text=publication_text(worker), how=How.SELF),  # staff: how?
        Agreement(agreed=True, text=publication_text(worker), how=How.SPOKEN, note=" "),
    ]
    for consent in cases:
        with pytest.raises(ValidationError):
            file_services.file_apply(
                actor=staff.union_a1, member=worker, consent=consent, **application
            )
    assert not HardshipFile.objects.filter(member=worker).exists()
    assert not PublicationConsent.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationConsent.objects.create(
            member=worker,
            service="hardship",
            object_id=1,
            text="x",
            how=How.SELF,
            on_behalf=True,
            recorded_by=staff.union_a1,
        )


def test_the_phone_form_shows_the_text_and_records_the_members_own_agreement(tree, staff):
    from django.test import Client

    from gonghui.mutual_aid.tests.factories import member_user

    worker = member(tree.union_a1, name="孙丽")
    user = member_user(worker)
    file_services.file_apply(
        actor=user,
        member=worker,
        consent=agreement_as_shown(worker, "hardship"),
        main_cause="illness",
        household_size=1,
        annual_income=5000,
    )
    consent = PublicationConsent.objects.get()
    assert (consent.on_behalf, consent.how, consent.recorded_by) == (False, How.SELF, user)
    page = sign_in(Client(), user).get("/m/hardship/progress/").content.decode()
    assert 'data-proxy="1"' not in page


def test_the_text_a_browser_sends_back_with_crlf_line_breaks_is_the_same_text(tree, staff):
    worker = member(tree.union_a1)
    shown = publication_text(worker)
    assert "\n" in shown
    file_services.file_apply(
        actor=staff.union_a1,
        member=worker,
        consent=Agreement(
            agreed=True, text=shown.replace("\n", "\r\n"), how=How.SPOKEN, note="当面宣读"
        ),
        main_cause="illness",
        household_size=1,
        annual_income=5000,
    )
    assert PublicationConsent.objects.get().text == shown


def test_consent_text_api_refuses_an_unknown_service_or_member_as_a_field(tree, client_for):
    """Found by the API fuzzing: refused input is a 400 naming the field, as documented."""
    worker = member(tree.union_a1)
    worker.user = UserFactory(role=Role.MEMBER)
    worker.save()
    client = client_for(worker.user)
    response = client.get("/api/consent/text/?service=")
    assert response.status_code == 400
    assert response.json()["service"] == ["没有这项需要同意公示的服务。"]
    assert client.get("/api/consent/text/?service=hardship").status_code == 200
