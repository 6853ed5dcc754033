from django.utils.translation import pgettext_lazy

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.core.registry import NavEntry, Service, register


def _section(user, year):
    from gonghui.ratings.dashboard import section

    return section(user, year)


def _union_staff(user) -> bool:
    return roles.is_staff(user) and user.role in (Role.UNION_STAFF, Role.TOWN_STAFF)


register(
    Service(
        key="ratings",
        name=pgettext_lazy("service", "Union ratings"),
        description=pgettext_lazy(
            "ratings",
            "Rating programmes (三型工会, 星级职工之家, 快乐车间 …), union standardisation and "
            "the yearly cadre appraisal.",
        ),
        icon="bi-stars",
        core=False,
        order=75,
        nav=(
            NavEntry(
                "staff:ratings_programme_list",
                pgettext_lazy("menu", "Union ratings"),
                "services",
                visible=roles.is_staff,
                active=(
                    "staff:ratings_programme",
                    "staff:ratings_application",
                    "staff:ratings_title",
                    "staff:ratings_appraisal",
                ),
            ),
            NavEntry(
                "staff:ratings_my_union",
                pgettext_lazy("menu", "Our union's ratings"),
                "services",
                visible=_union_staff,
            ),
            NavEntry(
                "staff:ratings_standards",
                pgettext_lazy("menu", "Union standardisation"),
                "services",
                visible=roles.is_staff,
            ),
            NavEntry(
                "staff:ratings_figures",
                pgettext_lazy("menu", "Rating figures"),
                "data",
                visible=roles.is_staff,
            ),
        ),
        dashboard_section=_section,
    )
)
