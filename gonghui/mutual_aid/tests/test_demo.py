import io

from django.core.management import call_command

from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, PeriodStatus
from gonghui.orgs.demo import DEMO_MEMBER_MOBILE
from gonghui.orgs.models import Member


def test_demo_scheme_loads_once(db):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Period.objects.count(), Enrollment.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Period.objects.count(), Enrollment.objects.count()) == counts

    previous, current = Period.objects.get(code="LQ2025"), Period.objects.get(code="LQ2026")
    assert previous.status == PeriodStatus.CLOSED and current.status == PeriodStatus.ACTIVE
    enrollments = Enrollment.objects.filter(period=current)
    assert enrollments.filter(renewal=True).count() > enrollments.filter(renewal=False).count() > 0
    unpaid = enrollments.filter(status=EnrollmentStatus.PENDING_PAYMENT)
    assert set(unpaid.values_list("union__code", flat=True)) == {"LQ05-U02"}
    assert current.targets.count() == 40
    demo_member = Member.objects.get(mobile=DEMO_MEMBER_MOBILE)
    mine = Enrollment.objects.filter(period=current, member=demo_member)
    assert mine.exists() and all(e.status == EnrollmentStatus.EFFECTIVE for e in mine)
