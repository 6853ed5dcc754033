from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.accounts import roles
from gonghui.core.registry import NavEntry, Service, Tile, register


def _has_cases(user) -> bool:
    from gonghui.grid.selectors import cases_visible_to

    return cases_visible_to(user).exists()


def _section(user, year):
    from gonghui.grid.dashboard import section

    return section(user, year)


register(
    Service(
        key="grid",
        name=pgettext_lazy("service", "Union grid and mediation"),
        description=_(
            "Union grids, disputes filed with one code each and mediated to the end, and legal "
            "help for members."
        ),
        icon="bi-diagram-3",
        core=False,
        order=80,
        tiles=(
            Tile(
                "grid_portal:home",
                pgettext_lazy("grid", "Report a problem"),
                "bi-megaphone",
                visible=_has_cases,
                when_off=True,
            ),  # fmt: skip
            Tile(
                "grid_portal:home",
                pgettext_lazy("grid", "Report a problem"),
                "bi-megaphone",
                visible=lambda user: not _has_cases(user),
            ),  # fmt: skip
        ),
        nav=(
            NavEntry(
                "staff:grid_cases",
                pgettext_lazy("menu", "Disputes and mediation"),
                "services",
                visible=roles.is_staff,
                active=("staff:grid_case",),
            ),
            NavEntry(
                "staff:grid_grids",
                pgettext_lazy("menu", "Union grids"),
                "services",
                visible=roles.is_staff,
            ),
            NavEntry(
                "staff:grid_legal",
                pgettext_lazy("menu", "Legal help"),
                "services",
                visible=roles.is_staff,
                active=("staff:grid_legal", "staff:grid_question", "staff:grid_health"),
            ),
        ),
        dashboard_section=_section,
    )
)
