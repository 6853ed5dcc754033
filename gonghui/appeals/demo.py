"""Demo appeals: the demo member whose claim was rejected appeals it on the phone (waiting for a
reviewer other than the one who rejected it: log in as reviewer2), and union staff appeal a
returned hardship application for its worker at the window (代办). Idempotent."""

from gonghui.appeals import selectors, services
from gonghui.appeals.models import Appeal


def load(orgs) -> None:
    from gonghui.orgs.models import Member

    members = Member.objects.filter(union__path__startswith=orgs["federation"].path)
    if not Appeal.objects.filter(kind="claims.rejection").exists():
        for member in members.filter(claims__status="rejected", user__isnull=False).distinct():
            refusals = selectors.appealable_refusals(member)
            if refusals:
                services.appeal_file(
                    actor=member.user,
                    kind=refusals[0].kind,
                    object_id=refusals[0].object_id,
                    reason="我入会已满一年，观察期的起算日期有误，请重新核对入会时间。",
                )
                break
    if Appeal.objects.filter(kind="hardship.return").exists():
        return
    for member in members.filter(hardship_files__status="returned").distinct():
        refusals = [r for r in selectors.appealable_refusals(member) if r.kind == "hardship.return"]
        staff = _window_staff(member, refusals[0].refused_by) if refusals else None
        if staff is None:
            continue
        services.appeal_file(
            actor=staff,
            kind=refusals[0].kind,
            object_id=refusals[0].object_id,
            reason="职工到窗口说明：收入证明和医疗费发票退回前已经交到工会，请核实。",
        )
        return


def _window_staff(member, refuser):
    """Union or town staff above the member, other than the one who returned the file."""
    from gonghui.accounts.models import Role, User

    for user in User.objects.filter(role__in=[Role.UNION_STAFF, Role.TOWN_STAFF]).select_related(
        "org"
    ):
        if user != refuser and user.org and member.union.path.startswith(user.org.path):
            return user
    return None
