"""Test data for the craftsman evaluation: a scheme on the default rules, workers with users."""

import datetime

from gonghui.accounts.models import Role
from gonghui.craftsman import services
from gonghui.craftsman.defaults import default_rules
from gonghui.orgs.tests import factories as org_factories
from gonghui.orgs.tests.factories import UserFactory

YEAR = datetime.date.today().year


def rules(**changes) -> dict:
    """The default rules with the deadline at the end of this year (applications open)."""
    mapping = default_rules(YEAR)
    mapping["deadline"] = f"{YEAR}-12-31"
    return {**mapping, **changes}


def make_scheme(staff, tree, **fields):
    fields.setdefault("year", YEAR)
    fields.setdefault("title", "craftsman")
    fields.setdefault("name", f"{YEAR}年度路桥工匠")
    fields.setdefault("quota", 2)
    fields.setdefault("rules", rules())
    return services.scheme_create(actor=staff.admin, federation=tree.county, **fields)


def worker(union, *, enterprise=None, name=None):
    fields = {"name": name} if name else {}
    person = org_factories.member(union, **fields)
    person.user = UserFactory(role=Role.MEMBER)
    if enterprise is not None:
        person.enterprise = enterprise
    person.save()
    return person


def line(item, date, ref="", quantity=1, upload=None):
    return {"item": item, "date": date, "ref": ref, "quantity": quantity, "upload": upload}


def apply(scheme, person, lines, *, actor=None, years=5):
    return services.application_apply(
        actor=actor or person.user,
        scheme=scheme,
        member=person,
        service_years=years,
        lines=lines,
        consent_notice=True,
    )


def qr_in_pdf(data: bytes, tmp_path) -> str:
    """The page drawn as an image (poppler) and its QR read back (zbar), as a phone would."""
    import subprocess

    path = tmp_path / "certificate.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", path, tmp_path / "page"],
                   check=True)  # fmt: skip
    return subprocess.run(
        ["zbarimg", "-q", "--raw", tmp_path / "page.png"], capture_output=True, text=True
    ).stdout.strip()
