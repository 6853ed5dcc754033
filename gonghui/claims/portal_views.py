"""Member pages (phone, WeUI): start a claim, enter the facts, photograph the materials, sign
the generated application form, see the estimate, send, and follow the timeline."""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.claims import selectors, services
from gonghui.claims.files import serve_material
from gonghui.claims.forms import FactsForm, SignatureForm
from gonghui.claims.models import EDITABLE_STATUSES, EventType, MaterialKind
from gonghui.core import crypto
from gonghui.core.imports import error_text
from gonghui.orgs.selectors import members_visible_to


def _claim(request, pk):
    """Only the member's own claims; any other number is a 404."""
    return get_object_or_404(selectors.claims_visible_to(request.user), pk=pk)


def _member(request):
    return members_visible_to(request.user).select_related("union").get()


@member_required
def my_claims(request):
    return render(
        request,
        "claims/portal/list.html",
        {"claims": selectors.claims_visible_to(request.user).order_by("-created_at")},
    )


@member_required
def notices(request):
    return render(
        request, "claims/portal/notices.html", {"notices": selectors.my_notices(request.user)[:50]}
    )


@member_required
def start(request):
    return render(request, "claims/portal/start.html", {"types": EventType.choices})


# Facts another page offers for a new claim (e.g. a benefit notice's diagnosis), kept in the
# session rather than the URL (a diagnosis must not land in logs), encrypted like every
# diagnosis at rest, and for an hour at most.
PREFILL_SESSION_KEY = "claim_prefill"
PREFILL_FOR = datetime.timedelta(hours=1)


def prefill_offer(request, facts: dict) -> None:
    """Offer these facts (JSON values) to the member's next new claim of their event type."""
    request.session[PREFILL_SESSION_KEY] = {
        "facts": crypto.encrypt(json.dumps(facts)),
        "until": (timezone.now() + PREFILL_FOR).isoformat(),
    }


# What the calculator's form carries that a claim's first page also asks.
QUOTE_FACTS = (
    "admission",
    "discharge",
    "place",
    "self_responsibility",
    "accident",
    "critical",
    "female_cancer",
    "in_situ",
    "first_diagnosed",
    "icd10",
    "birth_date",
)


@member_required
@require_POST
def from_quote(request):
    """The calculator's "apply now": the facts just typed there are offered to a new claim
    of the same kind, so the worker does not type them twice (checked again on that page)."""
    event_type = request.POST.get("type", "")
    if event_type not in EventType.values:
        return redirect("claims_portal:start")
    facts = {
        name: request.POST[name][:64] for name in QUOTE_FACTS if request.POST.get(name, "").strip()
    }
    prefill_offer(request, {**facts, "event_type": event_type})
    return redirect("claims_portal:create", event_type=event_type)


def _prefill(request, event_type: str) -> dict:
    offer = request.session.get(PREFILL_SESSION_KEY)
    if not offer or datetime.datetime.fromisoformat(offer["until"]) < timezone.now():
        request.session.pop(PREFILL_SESSION_KEY, None)
        return {}
    facts = json.loads(crypto.decrypt(offer["facts"]))
    return facts if facts.get("event_type") == event_type else {}


def facts_page(request, *, claim=None, event_type=None, template, flow):
    """Step 1, shared by the member's page and the staff window: create or change a draft.
    flow: the form class, the member (for a new claim), the next page and extra context."""
    event_type = claim.event_type if claim else event_type
    if event_type not in EventType.values:
        raise Http404
    initial = {name: getattr(claim, name) for name in FactsForm.base_fields} if claim else {}
    if claim is None:
        prefill = _prefill(request, event_type)
        initial.update({k: v for k, v in prefill.items() if k in FactsForm.base_fields})
    initial["event_type"] = event_type
    form_class = flow["form_class"]
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if claim is None:
                claim = services.claim_create(
                    actor=request.user, member=flow["member"], facts=form.facts()
                )
                request.session.pop(PREFILL_SESSION_KEY, None)
            else:
                services.claim_update_facts(actor=request.user, claim=claim, facts=form.facts())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            return redirect(flow["url"], pk=claim.pk)
    return render(
        request,
        template,
        {"form": form, "claim": claim, "event_type": event_type, "step": 1, **flow["context"]},
    )


@member_required
def create(request, event_type):
    return facts_page(
        request,
        event_type=event_type,
        template="claims/portal/facts.html",
        flow={
            "form_class": FactsForm,
            "member": _member(request),
            "url": "claims_portal:materials",
            "context": {"event_label": dict(EventType.choices).get(event_type)},
        },
    )


@member_required
def edit(request, pk):
    claim = _claim(request, pk)
    if claim.status not in EDITABLE_STATUSES:
        return redirect("claims_portal:detail", pk=claim.pk)
    return facts_page(
        request,
        claim=claim,
        template="claims/portal/facts.html",
        flow={
            "form_class": FactsForm,
            "url": "claims_portal:materials",
            "context": {"event_label": claim.get_event_type_display()},
        },
    )


def add_materials(request, claim, *, in_slot: bool = False) -> None:
    """Every file chosen for one slot, each cleaned on its own; refusals are reported and
    nothing of a refused file is stored. `in_slot`: the messages are shown in the slot
    itself (the member's page comes back scrolled to it, away from the top)."""
    kind = request.POST.get("kind", "")
    files = request.FILES.getlist("files")
    tags = f"inline slot-{kind}" if in_slot else ""
    if not files:
        messages.error(request, _("Choose a photo or a PDF first."), extra_tags=tags)
    added = 0
    for upload in files:
        try:
            services.material_add(actor=request.user, claim=claim, kind=kind, upload=upload)
        except ValidationError as exc:
            messages.error(
                request,
                _("%(file)s was not accepted: %(reason)s")
                % {"file": upload.name, "reason": error_text(exc)},
                extra_tags=tags,
            )
        else:
            added += 1
    if added:
        messages.success(
            request,
            _("%(n)d file(s) added to %(material)s.")
            % {"n": added, "material": MaterialKind(kind).label},
            extra_tags=tags,
        )


@member_required
def materials(request, pk):
    claim = _claim(request, pk)
    if claim.status not in EDITABLE_STATUSES:
        return redirect("claims_portal:detail", pk=claim.pk)
    if request.method == "POST":
        if request.POST.get("remove"):
            material = get_object_or_404(claim.materials, pk=request.POST["remove"])
            kind = material.kind
            services.material_remove(actor=request.user, claim=claim, material=material)
        else:
            kind = request.POST.get("kind", "")
            add_materials(request, claim, in_slot=True)
        # Back to the slot just used, not the top of a long page (the browser follows the
        # fragment after the redirect).
        anchor = f"#slot-{kind}" if kind in MaterialKind.values else ""
        return redirect(reverse("claims_portal:materials", args=[claim.pk]) + anchor)
    return render(
        request,
        "claims/portal/materials.html",
        {
            "claim": claim,
            "slots": [
                slot
                for slot in selectors.material_slots(claim)
                if slot["kind"] != MaterialKind.APPLICATION_FORM
            ],
            "request_event": selectors.open_request(claim),
            "step": 2,
        },
    )


def sign_page(request, claim, *, template, done_url):
    form = SignatureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_sign(
                actor=request.user, claim=claim, signature=form.cleaned_data["signature"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(done_url, pk=claim.pk)
    return render(
        request,
        template,
        {
            "claim": claim,
            "form": form,
            "facts": services.signed_facts(claim),
            "step": 3,
        },
    )


@member_required
def sign(request, pk):
    claim = _claim(request, pk)
    if claim.status not in EDITABLE_STATUSES:
        return redirect("claims_portal:detail", pk=claim.pk)
    return sign_page(
        request, claim, template="claims/portal/sign.html", done_url="claims_portal:detail"
    )


def detail_context(claim) -> dict:
    """The hub of a claim: where filing stands, the estimate before sending, the computed
    lines after, the reviewer's request when returned, and the timeline."""
    editable = claim.status in EDITABLE_STATUSES
    signature = claim.materials.filter(kind=MaterialKind.APPLICATION_FORM).first()
    context = {
        "claim": claim,
        "editable": editable,
        "signature": signature,
        "missing": [MaterialKind(kind).label for kind in selectors.missing_materials(claim)],
        "request_event": selectors.open_request(claim),
        "timeline": selectors.claim_timeline(claim),
        "slots": selectors.material_slots(claim),
        "computation": claim.computation,
    }
    if editable:
        try:
            context["estimate"] = services.claim_estimate(claim)
        except ValidationError as exc:
            context["estimate_error"] = error_text(exc)
    return context


@member_required
def detail(request, pk):
    claim = _claim(request, pk)
    return render(request, "claims/portal/detail.html", detail_context(claim))


@member_required
@require_POST
def submit(request, pk):
    claim = _claim(request, pk)
    try:
        services.claim_submit(actor=request.user, claim=claim)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Your claim has been sent. We will send you an SMS."))
    return redirect("claims_portal:detail", pk=claim.pk)


@member_required
@require_POST
def delete(request, pk):
    claim = _claim(request, pk)
    try:
        services.claim_delete(actor=request.user, claim=claim)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("claims_portal:detail", pk=claim.pk)
    return redirect("claims_portal:list")


@member_required
def application_form(request, pk):
    claim = _claim(request, pk)
    signature = get_object_or_404(claim.materials, kind=MaterialKind.APPLICATION_FORM)
    return render(
        request,
        "claims/application_form.html",
        {
            "claim": claim,
            "signature": signature,
            "signature_url": "claims_portal:file",
            "back_url": "claims_portal:detail",
        },
    )


@member_required
def material_file(request, pk, material_pk):
    claim = _claim(request, pk)
    return serve_material(get_object_or_404(claim.materials, pk=material_pk))
