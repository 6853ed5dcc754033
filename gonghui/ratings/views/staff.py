"""Staff pages under /staff/ratings/ (names ratings_*): programmes with their rules, the
applications and their steps, titles, the evidence files."""

import yaml
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.accounts.models import Role
from gonghui.core.filecrypt import decrypted_response
from gonghui.core.switches import service_required
from gonghui.ratings import selectors, services
from gonghui.ratings.models import ApplicantKind, Line, Status, TitleStatus
from gonghui.ratings.views.common import SERVICE, rules_yaml, run
from gonghui.ratings.workflow import steps_for


def _whole(raw, default: int) -> int:
    try:
        return int(raw or default)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            pgettext("ratings", "Enter whole numbers of years and days.")
        ) from exc


@staff_required
@service_required(SERVICE, write=False)
def programme_list(request):
    user = request.user
    if request.method == "POST" and request.service_open:
        post = request.POST

        def create():
            return services.programme_create(
                actor=user,
                federation=user.org,
                code=post.get("code", "").strip(),
                name=post.get("name", "").strip(),
                applicant_kind=post.get("applicant_kind", ""),
                validity_years=_whole(post.get("validity_years"), 3),
                notice_days=_whole(post.get("notice_days"), 7),
                award=post.get("award") or 0,
            )

        if run(
            request,
            create,
            pgettext("ratings", "The programme has been created with the default points table."),
        ):
            return redirect("staff:ratings_programme_list")
    programmes = selectors.programmes_visible_to(user)
    return render(
        request,
        "ratings/programme_list.html",
        {
            "programmes": programmes,
            "kinds": ApplicantKind.choices,
            "can_create": user.role == Role.COUNTY_ADMIN and request.service_open,
        },
    )


def _rules_rows(rules):
    return [
        (section, [(f"{section.code}.{item.code}", item) for item in section.items])
        for section in rules.sections
    ]


@staff_required
@service_required(SERVICE, write=False)
def programme_detail(request, pk):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    version = selectors.current_version(programme)
    if request.method == "POST" and request.service_open:
        try:
            data = yaml.safe_load(request.POST.get("rules", ""))
        except yaml.YAMLError:
            data = None
        if not isinstance(data, dict):
            from django.contrib import messages

            messages.error(request, pgettext("ratings", "The rules are not valid YAML."))
        elif run(
            request,
            lambda: services.rules_update(
                actor=request.user,
                programme=programme,
                rules=data,
                reason=request.POST.get("reason", ""),
            ),
            pgettext("ratings", "The points table has been saved."),
        ):
            return redirect("staff:ratings_programme_detail", pk=programme.pk)
    rules = selectors.rules_of(version)
    applications = selectors.applications_visible_to(request.user).filter(programme=programme)
    return render(
        request,
        "ratings/programme_detail.html",
        {
            "programme": programme,
            "version": version,
            "rules": rules,
            "sections": _rules_rows(rules),
            "applications": applications[:500],
            "rules_text": rules_yaml(version.rules),
            "is_admin": request.user.role == Role.COUNTY_ADMIN and request.service_open,
            "can_apply": request.user.role in (Role.UNION_STAFF, Role.TOWN_STAFF)
            and request.service_open
            and programme.active,
        },
    )


@staff_required
@service_required(SERVICE)
def apply(request, pk):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    rules = selectors.rules_of(selectors.current_version(programme))
    sections = _rules_rows(rules)
    if request.method == "POST":
        post = request.POST
        lines = []
        for key in post.getlist("item"):
            quantity = post.get(f"quantity-{key}", "").strip()
            if not quantity or quantity == "0":
                continue
            lines.append(
                {
                    "item": key,
                    "quantity": quantity,
                    "date": post.get(f"date-{key}", ""),
                    "note": post.get(f"note-{key}", ""),
                    "upload": request.FILES.get(f"file-{key}"),
                }
            )
        enterprise = None
        if programme.applicant_kind == ApplicantKind.ENTERPRISE:
            enterprise = request.user.org.enterprises.filter(pk=post.get("enterprise") or 0).first()
        application = run(
            request,
            lambda: services.application_apply(
                actor=request.user, programme=programme, lines=lines, enterprise=enterprise
            ),
            pgettext("ratings", "The application has been filed with its self-assessment."),
        )
        if application:
            return redirect("staff:ratings_application_detail", pk=application.pk)
    return render(
        request,
        "ratings/apply.html",
        {
            "programme": programme,
            "sections": sections,
            "levels": rules.levels,
            "enterprises": request.user.org.enterprises.all(),
            "needs_enterprise": programme.applicant_kind == ApplicantKind.ENTERPRISE,
        },
    )


def _visible_application(request, pk):
    return get_object_or_404(
        selectors.applications_visible_to(request.user).select_related("version"), pk=pk
    )


@staff_required
@service_required(SERVICE, write=False)
def application_detail(request, pk):
    application = _visible_application(request, pk)
    rules = selectors.rules_of(application.version)
    names = {key: item.name for _s, rows in _rules_rows(rules) for key, item in rows}
    levels = {level.code: level.name for level in rules.levels}
    steps = steps_for(status=application.status, role=request.user.role)
    return render(
        request,
        "ratings/application_detail.html",
        {
            "application": application,
            "lines": [(line, names.get(line.item, line.item)) for line in application.lines.all()],
            "level_name": levels.get(application.level, ""),
            "self_level_name": levels.get(application.self_level, ""),
            "steps": steps if request.service_open else [],
            "inspection": getattr(application, "inspection", None),
            "events": application.events.select_related("actor"),
            "title": getattr(application, "title", None),
        },
    )


@require_POST
@staff_required
@service_required(SERVICE)
def application_step(request, pk, step):
    application = _visible_application(request, pk)
    post, actor = request.POST, request.user
    if step == "pre-assess":
        write = lambda: services.pre_assess(  # noqa: E731
            actor=actor, application=application, note=post.get("note", "")
        )
        success = pgettext("ratings", "Pre-assessed and passed on to the county.")
    elif step == "refuse":
        write = lambda: services.refuse(  # noqa: E731
            actor=actor, application=application, reason=post.get("reason", "")
        )
        success = pgettext("ratings", "The application has been refused.")
    elif step == "inspect":
        findings = [
            {
                "line": line.number,
                "finding": post.get(f"finding-{line.number}", ""),
                "refused": post.get(f"refuse-{line.number}") == "on",
                "reason": post.get(f"reason-{line.number}", ""),
            }
            for line in application.lines.all()
        ]
        write = lambda: services.inspect(  # noqa: E731
            actor=actor,
            application=application,
            date=post.get("date", ""),
            inspectors=post.get("inspectors", ""),
            summary=post.get("summary", ""),
            findings=findings,
        )
        success = pgettext("ratings", "The inspection has been recorded and the score recomputed.")
    elif step == "start-notice":
        write = lambda: services.start_notice(actor=actor, application=application)  # noqa: E731
        success = pgettext("ratings", "The public notice has started.")
    elif step == "name":
        write = lambda: services.name_title(actor=actor, application=application)  # noqa: E731
        success = pgettext("ratings", "The title has been named.")
    else:
        raise Http404
    run(request, write, success)
    return redirect("staff:ratings_application_detail", pk=application.pk)


@staff_required
def evidence_file(request, pk):
    line = get_object_or_404(
        Line.objects.filter(
            application__in=selectors.applications_visible_to(request.user), upload__gt=""
        ),
        pk=pk,
    )
    return decrypted_response(
        default_storage, line.upload, filename=line.upload_name or "evidence", as_attachment=True
    )


@staff_required
@service_required(SERVICE, write=False)
def title_list(request):
    titles = selectors.titles_visible_to(request.user)
    status = request.GET.get("status", "")
    if status in TitleStatus.values:
        titles = titles.filter(status=status)
    return render(
        request,
        "ratings/title_list.html",
        {
            "titles": titles[:500],
            "statuses": TitleStatus.choices,
            "status": status,
            "is_admin": request.user.role == Role.COUNTY_ADMIN and request.service_open,
        },
    )


@require_POST
@staff_required
@service_required(SERVICE)
def title_step(request, pk, step):
    title = get_object_or_404(selectors.titles_visible_to(request.user), pk=pk)
    if step == "revoke":
        run(
            request,
            lambda: services.revoke(
                actor=request.user, title=title, reason=request.POST.get("reason", "")
            ),
            pgettext("ratings", "The title has been revoked."),
        )
    elif step == "award":
        run(
            request,
            lambda: services.record_award(
                actor=request.user,
                title=title,
                amount=request.POST.get("amount", ""),
                paid_on=request.POST.get("paid_on") or None,
            ),
            pgettext("ratings", "The award has been recorded."),
        )
    else:
        raise Http404
    return redirect("staff:ratings_title_list")


__all__ = ["Status"]
