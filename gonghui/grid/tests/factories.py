"""A grid on the test tree: union A1 covers 甲镇一厂 with its grid member; union B1 covers
乙镇一厂 with its own."""

import base64
import io
from types import SimpleNamespace

from PIL import Image, ImageDraw

from gonghui.grid.models import GridParameters, Kind, Severity
from gonghui.grid.services import cases, grids
from gonghui.orgs.tests.factories import PASSWORD, enterprise, member

DUTY_MOBILE = "13800009999"


def signature_png() -> bytes:
    image = Image.new("LA", (300, 120), (255, 0))
    ImageDraw.Draw(image).line((20, 60, 280, 70), fill=(0, 255), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def signature_url() -> str:
    return "data:image/png;base64," + base64.b64encode(signature_png()).decode()


def build_grids(tree):
    GridParameters.objects.update_or_create(
        federation=tree.county, defaults={"duty_mobile": DUTY_MOBILE}
    )
    factory_a = enterprise(tree.union_a1, tree.town_a, name="甲镇一厂")
    factory_a2 = enterprise(tree.union_a2, tree.town_a, name="甲镇联合厂")
    factory_b = enterprise(tree.union_b1, tree.town_b, name="乙镇一厂")
    cadre_a = member(tree.union_a1, name="林江", mobile="13811110001", enterprise=factory_a)
    cadre_b = member(tree.union_b1, name="王网格", mobile="13811110002", enterprise=factory_b)
    grid_a = grids.grid_ensure(actor=None, union=tree.union_a1, name="甲镇一厂网格")
    grid_b = grids.grid_ensure(actor=None, union=tree.union_b1, name="乙镇一厂网格")
    gm_a = grids.grid_member_appoint(
        actor=None, grid=grid_a, enterprise=factory_a, member=cadre_a, password=PASSWORD
    )
    gm_b = grids.grid_member_appoint(
        actor=None, grid=grid_b, enterprise=factory_b, member=cadre_b, password=PASSWORD
    )
    return SimpleNamespace(
        factory_a=factory_a, factory_a2=factory_a2, factory_b=factory_b, grid_a=grid_a,
        grid_b=grid_b, gm_a=gm_a, gm_b=gm_b, user_a=gm_a.user, user_b=gm_b.user,
    )  # fmt: skip


WORKERS = [{"role": "worker", "name": f"工人{n}", "id_number": "", "mobile": ""} for n in range(3)]


def file_case(actor, g, **fields):
    values = {
        "kind": Kind.LABOUR_DISPUTE,
        "severity": Severity.MEDIUM,
        "title": "加班费争议",
        "facts": "三名工人反映加班费未按规定计算。",
        "parties": [
            {
                "role": "worker",
                "name": "袁小军",
                "id_number": "331004199001010011",
                "mobile": "13900001111",
            },
            {"role": "enterprise", "name": g.factory_a.name},
        ],  # fmt: skip
        "people": 3,
        "amount": "4500",
        "enterprise": g.factory_a,
    }
    values.update(fields)
    return cases.case_file(actor=actor, **values)
