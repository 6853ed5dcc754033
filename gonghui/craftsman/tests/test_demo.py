import io

from django.core.management import call_command

from gonghui.craftsman.models import Application, Honour, Scheme, SchemeStatus, Status
from gonghui.craftsman.selectors import holds_title
from gonghui.orgs.demo import DEMO_MEMBER_MOBILE
from gonghui.orgs.models import Member


def test_the_demo_has_both_schemes_with_the_seed_quotas_and_loads_once(db):
    call_command("load_demo", stdout=io.StringIO())
    counts = (Application.objects.count(), Honour.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Application.objects.count(), Honour.objects.count()) == counts
    craftsman = Scheme.objects.get(title="craftsman")
    model = Scheme.objects.get(title="model_worker")
    assert (craftsman.quota, model.quota) == (200, 2000)
    assert craftsman.status == SchemeStatus.OPEN and model.status == SchemeStatus.NAMED
    assert craftsman.applications.count() == 260
    assert craftsman.applications.filter(status=Status.TOWN_CHECKED).count() > 200
    assert craftsman.applications.filter(status=Status.SUBMITTED).exists()
    assert craftsman.applications.filter(channel="union").exists()
    demo_member = Member.objects.get(mobile=DEMO_MEMBER_MOBILE)
    (honour,) = Honour.objects.filter(member=demo_member)
    assert holds_title(demo_member, "model_worker", honour.valid_from)
    from gonghui.craftsman.models import Contest, ContestResult

    contests = Contest.objects.all()
    assert contests.count() >= 50
    assert contests.values("trade").distinct().count() >= 30
    assert ContestResult.objects.values("member").distinct().count() >= 1000
    assert Honour.objects.filter(collective=True).exists()
