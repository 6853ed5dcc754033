import io

from django.core.management import call_command

from gonghui.medinsure.models import BenefitNotice, NoticeStatus, Recovery, SettlementRecord
from gonghui.orgs.demo import DEMO_MEMBER_MOBILE


def test_demo_feed_loads_once(db):
    call_command("load_demo", stdout=io.StringIO())
    counts = (SettlementRecord.objects.count(), BenefitNotice.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (SettlementRecord.objects.count(), BenefitNotice.objects.count()) == counts

    mine = BenefitNotice.objects.filter(member__mobile=DEMO_MEMBER_MOBILE)
    assert mine.filter(status=NoticeStatus.PENDING).count() == 2
    assert SettlementRecord.objects.filter(kind="reversal").count() == 2
    assert SettlementRecord.objects.filter(member__isnull=True).count() == 1  # the outsider
    assert BenefitNotice.objects.filter(status=NoticeStatus.CANCELLED).count() == 2
    assert Recovery.objects.count() == 1
    assert BenefitNotice.objects.filter(kind="needs_pathology_report").count() == 1
    # The mother's confirmed birth: a claim approved straight through, waiting for a batch.
    birth = BenefitNotice.objects.get(record__category="maternity")
    assert birth.status == NoticeStatus.CONFIRMED
    assert (birth.claim.channel, birth.claim.status) == ("record", "approved")
    assert birth.claim.amount == birth.total > 0
