"""Staff pages under /staff/craftsman/ (names craftsman_*): schemes and their rules versions,
applications with the review steps, the committee, the ranking, the notice and the titles."""

import yaml
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.accounts.models import Role
from gonghui.core.exports import list_export
from gonghui.core.filecrypt import decrypted_response
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.craftsman import exports, forms, selectors, services
from gonghui.craftsman.models import (
    Appeal,
    Application,
    Expert,
    Honour,
    HonourLevel,
    Line,
    Objection,
    SchemeStatus,
    Status,
)
from gonghui.craftsman.services.importing import KEEPERS
from gonghui.craftsman.views.certificates import certificate_response
from gonghui.craftsman.views.portal import item_choices
from gonghui.craftsman.workflow import steps_for
from gonghui.orgs.selectors import members_visible_to

SERVICE = "craftsman"


NUMBERS = {"cap", "points", "min", "min_service_years", "adjust_cap"}


def _numbers(value):
    """Stored decimals ('20', '1.5') as YAML numbers for people to read and edit."""
    if isinstance(value, dict):
        return {
            key: (_number(item) if key in NUMBERS else _numbers(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    return value


def _number(text):
    try:
        number = float(text)
    except (TypeError, ValueError):
        return text
    return int(number) if number.is_integer() else number


def rules_yaml(rules: dict) -> str:
    return yaml.safe_dump(_numbers(rules), allow_unicode=True, sort_keys=False)


def _run(request, write, success: str) -> bool:
    """Call a service; show its Chinese message on refusal, `success` otherwise."""
    try:
        write()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return False
    messages.success(request, success)
    return True


@staff_required
@service_required(SERVICE, write=False)
def scheme_list(request):
    form = forms.SchemeForm(request.POST or None)
    if (
        request.method == "POST"
        and request.service_open
        and form.is_valid()
        and _run(
            request,
            lambda: services.scheme_create(
                actor=request.user, federation=request.user.org, **form.cleaned_data
            ),
            _("The scheme has been created with the default points rules."),
        )
    ):
        return redirect("staff:craftsman_scheme_list")
    schemes = selectors.schemes_visible_to(request.user)
    return render(
        request,
        "craftsman/scheme_list.html",
        {
            "schemes": [(s, selectors.scheme_figures(s)) for s in schemes],
            "form": form,
            "can_create": request.user.role == Role.COUNTY_ADMIN and request.service_open,
        },
    )


@staff_required
@service_required(SERVICE, write=False)
def scheme_detail(request, pk):
    scheme = get_object_or_404(selectors.schemes_visible_to(request.user), pk=pk)
    rows = (
        selectors.applications_visible_to(request.user)
        .filter(scheme=scheme)
        .order_by("-direct", "-score", "applied_at")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    exported = list_export(request, exports.APPLICATIONS, rows)
    if exported is not None:
        return exported
    version = selectors.current_version(scheme)
    return render(
        request,
        "craftsman/scheme_detail.html",
        {
            "scheme": scheme,
            "page": Paginator(rows, 50).get_page(request.GET.get("page")),
            "statuses": Status.choices,
            "status": status,
            "version": version,
            "versions": scheme.versions.all(),
            "figures": selectors.scheme_figures(scheme),
            "ranking": scheme.ranking.select_related("application__member")[:500],
            "is_admin": request.user.role == Role.COUNTY_ADMIN,
            "can_apply_for": request.user.role == Role.UNION_STAFF
            and scheme.status == SchemeStatus.OPEN
            and request.service_open,
            "rules_text": rules_yaml(version.rules),
        },
    )


@staff_required
@service_required(SERVICE)
def rules_edit(request, pk):
    scheme = get_object_or_404(selectors.schemes_visible_to(request.user), pk=pk)
    version = selectors.current_version(scheme)
    initial = {"rules": rules_yaml(version.rules)}
    form = forms.RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = yaml.safe_load(form.cleaned_data["rules"])
        except yaml.YAMLError:
            form.add_error("rules", _("The rules are not valid YAML."))
        else:
            if _run(
                request,
                lambda: services.rules_update(
                    actor=request.user,
                    scheme=scheme,
                    rules=data,
                    reason=form.cleaned_data["reason"],
                ),
                _("The points rules have been saved."),
            ):
                return redirect("staff:craftsman_scheme_detail", pk=scheme.pk)
    return render(
        request, "craftsman/rules_form.html", {"scheme": scheme, "version": version, "form": form}
    )


@require_POST
@staff_required
@service_required(SERVICE, write=False)
def scheme_step(request, pk, step):
    scheme = get_object_or_404(selectors.schemes_visible_to(request.user), pk=pk)
    actions = {
        "rank": (services.ranking_freeze, _("The ranking has been frozen.")),
        "notice": (services.notice_start, _("The public notice has started.")),
        "name": (services.scheme_name, _("The titles have been named.")),
    }
    if step not in actions:
        raise Http404
    write, success = actions[step]
    extra = {"base_url": request.build_absolute_uri("/")} if step == "name" else {}
    _run(request, lambda: write(actor=request.user, scheme=scheme, **extra), success)
    return redirect("staff:craftsman_scheme_detail", pk=scheme.pk)


def _visible_application(request, pk) -> Application:
    return get_object_or_404(
        selectors.applications_visible_to(request.user).select_related("version"), pk=pk
    )


@staff_required
@service_required(SERVICE, write=False)
def application_detail(request, pk):
    application = _visible_application(request, pk)
    rules = selectors.rules_of(application.version)
    names = dict(item_choices(rules))
    expert = Expert.objects.filter(scheme=application.scheme, user=request.user).first()
    return render(
        request,
        "craftsman/application_detail.html",
        {
            "application": application,
            "lines": [(line, names.get(line.item, line.item)) for line in application.lines.all()],
            "steps": steps_for(status=application.status, role=request.user.role),
            "can_refuse_lines": application.status in (Status.SUBMITTED, Status.UNION_CHECKED)
            and request.user.role in (Role.UNION_STAFF, Role.TOWN_STAFF),
            "committee": application.status == Status.TOWN_CHECKED,
            "expert": expert,
            "conflict": bool(
                expert
                and expert.enterprise_id
                and expert.enterprise_id == application.enterprise_id
            ),
            "reviews": services.reviews_visible(user=request.user, application=application),
            "can_adjust": request.user.role in (Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN),
            "appeal": getattr(application, "appeal", None),
            "objections": application.objections.all(),
            "events": application.events.select_related("actor"),
            "adjust_cap": rules.adjust_cap,
            "sections": [(s.name, application.sections.get(s.code), s.cap) for s in rules.sections],
        },
    )


@require_POST
@staff_required
@service_required(SERVICE, write=False)
def application_step(request, pk, step):
    application = _visible_application(request, pk)
    post, actor = request.POST, request.user
    if step == "check":
        write = lambda: services.application_check(actor=actor, application=application)  # noqa: E731
    elif step == "refuse":
        write = lambda: services.application_refuse(  # noqa: E731
            actor=actor, application=application, reason=post.get("reason", "")
        )
    elif step == "refuse-line":
        line = get_object_or_404(Line, application=application, number=post.get("line") or 0)
        write = lambda: services.line_refuse(actor=actor, line=line, reason=post.get("reason", ""))  # noqa: E731
    elif step == "expert-score":
        write = lambda: services.expert_score(  # noqa: E731
            actor=actor,
            application=application,
            adjustment=post.get("adjustment", ""),
            comment=post.get("comment", ""),
        )
    elif step == "adjust":
        write = lambda: services.application_adjust(  # noqa: E731
            actor=actor,
            application=application,
            adjustment=post.get("adjustment", ""),
            reason=post.get("reason", ""),
        )
    elif step == "decide-appeal":
        appeal = get_object_or_404(Appeal, application=application)
        write = lambda: services.appeal_decide(  # noqa: E731
            actor=actor,
            appeal=appeal,
            upheld=post.get("upheld") == "yes",
            note=post.get("note", ""),
        )
    elif step == "objection":
        write = lambda: services.objection_record(  # noqa: E731
            actor=actor,
            application=application,
            text=post.get("text", ""),
            contact=post.get("contact", ""),
        )
    elif step == "answer":
        objection = get_object_or_404(
            Objection, application=application, pk=post.get("objection") or 0
        )
        write = lambda: services.objection_answer(  # noqa: E731
            actor=actor,
            objection=objection,
            answer=post.get("answer", ""),
            withdraw=post.get("withdraw") == "yes",
        )
    else:
        raise Http404
    _run(request, write, _("Saved."))
    return redirect("staff:craftsman_application_detail", pk=application.pk)


@staff_required
def evidence_file(request, pk):
    """An uploaded certificate, decrypted for staff who see the application."""
    line = get_object_or_404(
        Line.objects.filter(application__in=selectors.applications_visible_to(request.user)), pk=pk
    )
    if not line.upload:
        raise Http404
    return decrypted_response(default_storage, line.upload, filename=line.upload_name)


def _honours_visible(user):
    ancestors = [int(p) for p in user.org.path.strip("/").split("/") if p]
    return (
        Honour.objects.filter(federation_id__in=ancestors)
        | Honour.objects.filter(federation__path__startswith=user.org.path)
    ).select_related("federation", "certificate")


@staff_required
def honour_list(request):
    rows = _honours_visible(request.user)
    q, level, year = (request.GET.get(k, "").strip() for k in ("q", "level", "year"))
    if q:
        rows = rows.filter(holder_name__contains=q)
    if level in HonourLevel.values:
        rows = rows.filter(level=level)
    if year.isdigit():
        rows = rows.filter(year=int(year))
    exported = list_export(request, exports.HONOURS, rows)
    if exported is not None:
        return exported
    return render(
        request,
        "craftsman/honour_list.html",
        {
            "page": Paginator(rows.order_by("-year", "holder_name"), 50).get_page(
                request.GET.get("page")
            ),
            "can_revoke": request.user.role == Role.COUNTY_ADMIN,
            "can_import": request.user.role in KEEPERS,
            "levels": HonourLevel.choices,
            "q": q,
            "level": level,
            "year": year,
            "showcase_id": request.user.org.ancestor_ids[0],
        },
    )


@staff_required
def certificate(request, pk):
    """The certificate as issued (issued now for an archived honour that has none)."""
    honour = get_object_or_404(_honours_visible(request.user), pk=pk)
    return certificate_response(request, honour)


@require_POST
@staff_required
def honour_revoke(request, pk):
    honour = get_object_or_404(_honours_visible(request.user), pk=pk)
    _run(
        request,
        lambda: services.honour_revoke(
            actor=request.user, honour=honour, reason=request.POST.get("reason", "")
        ),
        _("The title has been revoked."),
    )
    return redirect("staff:craftsman_honour_list")


@staff_required
@service_required(SERVICE)
def apply_for(request, pk):
    """The enterprise's union applies for a member (代办, recorded as such)."""
    scheme = get_object_or_404(
        selectors.schemes_visible_to(request.user).filter(status=SchemeStatus.OPEN), pk=pk
    )
    if request.user.role != Role.UNION_STAFF:
        raise PermissionDenied
    rules = selectors.rules_of(selectors.current_version(scheme))
    members = members_visible_to(request.user).order_by("name")[:1000]
    form = forms.ApplyForm(request.POST or None, request.FILES or None, items=item_choices(rules))
    if request.method == "POST" and form.is_valid():
        person = members_visible_to(request.user).filter(pk=request.POST.get("member") or 0).first()
        if person is None:
            form.add_error(None, _("Choose the member you apply for."))
        else:
            try:
                application = services.application_apply(
                    actor=request.user,
                    scheme=scheme,
                    member=person,
                    service_years=form.cleaned_data["service_years"],
                    lines=form.lines(),
                    consent_notice=form.cleaned_data["consent_notice"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(
                    None, error_text(exc) if isinstance(exc, ValidationError) else str(exc)
                )
            else:
                messages.success(request, _("The application has been filed for the member."))
                return redirect("staff:craftsman_application_detail", pk=application.pk)
    return render(
        request,
        "craftsman/apply_for.html",
        {
            "scheme": scheme,
            "form": form,
            "members": members,
            "chosen": request.POST.get("member", ""),
        },
    )
