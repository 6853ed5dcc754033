"""Routes from Excel or CSV (GBK or UTF-8): one row per checkpoint, in walking order, the
route named on each row. All or nothing: a row without a coordinate, say, refuses the file
with its row number and nothing is written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gonghui.core.imports import ImportReport, RowError, error_text
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.patrol import access
from gonghui.patrol.models import Checkpoint, Route
from gonghui.patrol.services.common import check_open
from gonghui.patrol.services.routes import coordinate

COLUMNS = ["线路名称", "区域", "点位名称", "纬度", "经度", "半径米"]


class RouteImport(RowImport):
    columns = COLUMNS
    summary_keys = ("rows", "rejected", "routes", "checkpoints")

    def __init__(self, *, actor):
        self.actor = actor
        self.existing = set(Route.objects.filter(org=actor.org).values_list("name", flat=True))
        self.routes: dict[str, Route] = {}

    def _parse(self, row) -> dict:
        route = row.text("线路名称")
        if not route:
            raise RowError(_("The route name is missing."))
        name = row.text("点位名称")
        if not name:
            raise RowError(_("The checkpoint name is missing."))
        try:
            lat = coordinate(row.text("纬度"), field="lat", low=-90, high=90)
            lng = coordinate(row.text("经度"), field="lng", low=-180, high=180)
        except ValidationError as exc:
            raise RowError(
                _("Checkpoint “%(name)s”: %(reason)s") % {"name": name, "reason": error_text(exc)}
            ) from None
        radius_text = row.text("半径米") or "100"
        if not radius_text.isdigit() or not 10 <= int(radius_text) <= 1000:
            raise RowError(_("The radius is 10 to 1,000 metres."))
        return {"route": route, "area": row.text("区域"), "name": name, "lat": lat, "lng": lng,
                "radius": int(radius_text)}  # fmt: skip

    def check(self, row):
        data = self._parse(row)
        if data["route"] in self.existing:
            raise RowError(
                _("A route named “%(name)s” already exists; rename it in the file.")
                % {"name": data["route"]}
            )
        return []

    def write(self, row):
        data = self._parse(row)
        counts = {"checkpoints": 1}
        route = self.routes.get(data["route"])
        if route is None:
            route = Route.objects.create(
                org=self.actor.org, name=data["route"], area=data["area"], created_by=self.actor
            )
            self.routes[route.name] = route
            counts["routes"] = 1
        Checkpoint.objects.create(
            route=route, position=route.checkpoints.count() + 1, name=data["name"],
            lat=data["lat"], lng=data["lng"], radius=data["radius"],
        )  # fmt: skip
        return counts


def routes_import(*, actor, source, run=None) -> ImportReport:
    if not access.can_organise(actor):
        raise PermissionDenied(_("Your role may not organise patrols."))
    check_open(actor.org)
    return import_rows(RouteImport(actor=actor), source, run)


def routes_import_job(*, job, source, run) -> ImportReport:
    return routes_import(actor=job.created_by, source=source, run=run)
