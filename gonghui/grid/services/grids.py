"""Grids: one per grassroots union; one grid member per enterprise (一企一员), a member of that
union with a login of the role grid_member; micro-grid members."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.models import Role, User
from gonghui.grid.models import Grid, GridMember, MicroGridMember

KEEPERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_ADMIN})


def check_keeper(actor, union) -> None:
    if not (roles.is_staff(actor) and actor.role in KEEPERS and union.path.startswith(
        actor.org.path
    )):  # fmt: skip
        raise PermissionDenied(_("Your role may not keep the grids of this union."))


def grid_ensure(*, actor, union, name: str = "") -> Grid:
    if actor is not None:
        check_keeper(actor, union)
    if not union.is_grassroots:
        raise ValidationError({"union": _("A grid belongs to a grassroots union.")})
    grid, created = Grid.objects.get_or_create(
        union=union, defaults={"name": (name or "").strip()[:128] or union.name + "网格"}
    )
    if not created and name and grid.name != name.strip():
        grid.name = name.strip()[:128]
        grid.save(update_fields=["name"])
    return grid


def grid_member_problem(*, grid: Grid, enterprise, member) -> str:
    """Why this person cannot be the enterprise's grid member ('' when they can)."""
    if member.union_id != grid.union_id:
        return _("%(name)s is not a member of %(union)s.") % {
            "name": member.name,
            "union": grid.union.name,
        }
    if enterprise.union_id != grid.union_id:
        return _("%(enterprise)s is not covered by %(union)s.") % {
            "enterprise": enterprise.name,
            "union": grid.union.name,
        }
    if GridMember.objects.filter(enterprise=enterprise).exists():
        return _("%(enterprise)s already has a grid member (one enterprise, one grid member).") % {
            "enterprise": enterprise.name
        }
    return ""


@transaction.atomic
def grid_member_appoint(
    *, actor, grid: Grid, enterprise, member, password: str = "", user=None
) -> GridMember:
    if actor is not None:
        check_keeper(actor, grid.union)
    problem = grid_member_problem(grid=grid, enterprise=enterprise, member=member)
    if problem:
        raise ValidationError({"member": problem}, code="grid_member")
    username = f"wg{member.mobile or member.pk}"
    user = user or User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, role=Role.GRID_MEMBER, org=grid.union,
                    display_name=f"{grid.union.name} · {member.name}")  # fmt: skip
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    try:
        with transaction.atomic():
            return GridMember.objects.create(
                grid=grid, enterprise=enterprise, member=member, user=user
            )
    except IntegrityError as exc:  # a second one at the same moment, or the person twice
        raise ValidationError(
            {
                "member": _(
                    "%(enterprise)s already has a grid member (one enterprise, one grid member)."
                )
                % {"enterprise": enterprise.name}
            },  # fmt: skip
            code="grid_member",
        ) from exc


def micro_member_add(*, actor, grid: Grid, member, workshop: str = "") -> MicroGridMember:
    if actor is not None:
        check_keeper(actor, grid.union)
    if member.union_id != grid.union_id:
        raise ValidationError(
            {
                "member": _("%(name)s is not a member of %(union)s.")
                % {"name": member.name, "union": grid.union.name}
            }  # fmt: skip
        )
    micro, _created = MicroGridMember.objects.get_or_create(
        grid=grid, member=member, defaults={"workshop": workshop[:64]}
    )
    return micro
