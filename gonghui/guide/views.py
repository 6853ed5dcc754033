"""Help pages, one per area, in plain Chinese: what the pages are for and what each state
means. States, their moves, columns, roles and limits come from the code (guide.states and
the apps' own tables), so the help says what the software does."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import pgettext_lazy

from gonghui.accounts.decorators import staff_required
from gonghui.accounts.models import Role
from gonghui.claims import access as claim_access
from gonghui.guide import states
from gonghui.hardship import workflow
from gonghui.hardship.models import Action
from gonghui.hardship.models import Status as HardshipStatus
from gonghui.hardship.services.importing import IMPORT_COLUMNS, OPTIONAL_COLUMNS
from gonghui.medinsure.models import DEFAULT_STRAIGHT_THROUGH_UP_TO, FIELD_HEADERS, REQUIRED_FIELDS
from gonghui.mutual_aid.models import Plan
from gonghui.mutual_aid.services.enrollment import ENROLLMENT_FILE_COLUMNS
from gonghui.orgs.importing import GROUP_BY_CHINESE, MEMBER_IMPORT_COLUMNS


def _roles(codes) -> str:
    return "、".join(str(Role(code).label) for code in Role if code in codes)


def _members():
    return {
        "member_states": states.state_rows(states.MemberStatus, states.MEMBER),
        "editors": _roles({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_ADMIN}),
    }


def _mutual_aid():
    return {
        "period_states": states.period_states(),
        "enrollment_states": states.state_rows(states.EnrollmentStatus, states.ENROLLMENT),
        "plans": [str(plan.label) for plan in Plan],
    }


def _claims():
    return {
        "claim_states": states.claim_states(),
        "threshold": settings.CLAIMS_SECOND_APPROVAL_ABOVE,
        "reviewers": _roles(claim_access.REVIEWERS),
        "payers": _roles(claim_access.PAYERS),
        "filers": _roles(claim_access.WINDOW_FILERS),
    }


def _medinsure():
    return {
        "notice_states": states.notice_states(),
        "recovery_states": states.recovery_states(),
        "record_kinds": states.state_rows(states.RecordKind, states.RECORD_KIND),
        "required_headers": [FIELD_HEADERS[field] for field in REQUIRED_FIELDS],
        "straight_through": DEFAULT_STRAIGHT_THROUGH_UP_TO,
    }


@dataclass(frozen=True)
class Step:
    action: str
    to: str
    who: str


def _target(to: str) -> str:
    if to == workflow.RETURN_ORIGIN:  # reinstating after an upheld appeal
        return str(pgettext_lazy("help page", "the step it was returned from"))
    return str(HardshipStatus(to).label)


def _steps(source) -> list[Step]:
    return [
        Step(str(Action(action).label), _target(to), _roles(who))
        for (action, start), (to, who) in workflow.TRANSITIONS.items()
        if start == source
    ]


def _hardship():
    """Each state of a file with the steps that leave it, where they lead and who takes
    them: workflow.TRANSITIONS read row by row."""
    rows = states.state_rows(HardshipStatus, states.HARDSHIP)
    return {
        "new_file_steps": _steps(workflow.CREATED),
        "file_states": [
            (row, _steps(status)) for status, row in zip(HardshipStatus, rows, strict=True)
        ],
    }


def _imports():
    return {
        "member_columns": MEMBER_IMPORT_COLUMNS,
        "groups": list(GROUP_BY_CHINESE),
        "enrollment_columns": ENROLLMENT_FILE_COLUMNS,
        "hardship_columns": IMPORT_COLUMNS,
        "hardship_optional": OPTIONAL_COLUMNS,
        "settlement_headers": [FIELD_HEADERS[field] for field in REQUIRED_FIELDS],
        "max_mb": settings.IMPORT_MAX_FILE_MB,
        "max_rows": f"{settings.IMPORT_MAX_ROWS:,}",
        "job_states": states.state_rows(states.ImportJob.Status, states.IMPORT_JOB),
    }


@dataclass(frozen=True)
class Area:
    slug: str
    title: str
    context: Callable[[], dict]


AREAS = [
    Area("members", pgettext_lazy("help page", "Members and organisations"), _members),
    Area("mutual-aid", pgettext_lazy("help page", "Mutual aid and enrollment"), _mutual_aid),
    Area("claims", pgettext_lazy("help page", "Claims"), _claims),
    Area("medinsure", pgettext_lazy("help page", "Medical-insurance data"), _medinsure),
    Area("hardship", pgettext_lazy("help page", "Hardship files"), _hardship),
    Area("dashboard", pgettext_lazy("help page", "Dashboard"), dict),
    Area("imports", pgettext_lazy("help page", "Importing from Excel"), _imports),
]
BY_SLUG = {area.slug: area for area in AREAS}


@staff_required
def index(request):
    return render(request, "guide/index.html", {"areas": AREAS})


@staff_required
def area(request, slug):
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    context = {"areas": AREAS, "area": found, **found.context()}
    return render(request, f"guide/{slug.replace('-', '_')}.html", context)
