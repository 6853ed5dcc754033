"""Staff pages of the register: the list with late steps and renewals due, a new contract,
a contract with its filing clock, its signed PDF, coverage, and the import."""

from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.contracts import access, forms, selectors, workflow
from gonghui.contracts.models import Contract, Status
from gonghui.contracts.services import register
from gonghui.contracts.views.common import KEY, form_errors, readable, run
from gonghui.core.filecrypt import decrypted_response
from gonghui.core.jobs import import_job_create
from gonghui.core.switches import service_required
from gonghui.orgs.selectors import enterprises_visible_to, orgs_visible_to


@staff_required
@service_required(KEY, write=False)
def contract_list(request):
    readable(request)
    rows = selectors.contracts_visible_to(request.user).select_related("org")
    status = request.GET.get("status", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    today = timezone.localdate()
    return render(
        request,
        "contracts/staff/list.html",
        {
            "contracts": rows.prefetch_related("links")[:300],
            "statuses": Status.choices,
            "status": status,
            "late": selectors.late_contracts(request.user, today),
            "renewals": selectors.renewals_due(request.user, today),
            "coverage": selectors.coverage_for(request.user, today)["totals"],
            "can_keep": access.can_keep(request.user) and request.service_open,
            "today": today,
        },
    )


@staff_required
@service_required(KEY, write=False)
def coverage(request):
    readable(request)
    today = timezone.localdate()
    year = today.year
    contracts = selectors.contracts_visible_to(request.user)
    return render(
        request,
        "contracts/staff/coverage.html",
        {
            "cover": selectors.coverage_for(request.user, today),
            "renewal": selectors.renewal_rate(contracts, year - 1),
            "renewal_year": year - 1,
            "renewals": selectors.renewals_due(request.user, today),
        },
    )


@staff_required
@service_required(KEY)
def contract_create(request):
    if not access.can_keep(request.user):
        raise Http404
    user = request.user
    form = forms.ContractForm(
        request.POST or None,
        request.FILES or None,
        orgs=orgs_visible_to(user),
        contracts=selectors.contracts_visible_to(user).filter(status=Status.EFFECTIVE),
        enterprises=enterprises_visible_to(user),
    )
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            created = {}

            def write():
                created["c"] = register.contract_create(
                    actor=user,
                    org=data.pop("org"),
                    bound=data.pop("bound"),
                    renews=data.pop("renews"),
                    pdf=data.pop("pdf"),
                    **data,
                )

            if run(request, write):
                return redirect("staff:contracts_detail", pk=created["c"].pk)
        else:
            form_errors(request, form)
    return render(request, "contracts/staff/form.html", {"form": form})


def _contract(request, pk):
    readable(request)
    return get_object_or_404(
        selectors.contracts_visible_to(request.user).select_related("org", "renews"), pk=pk
    )


@staff_required
@service_required(KEY, write=False)
def contract_detail(request, pk):
    contract = _contract(request, pk)
    events = list(contract.events.select_related("actor"))
    for event in events:
        event.label = workflow.ACTION_LABELS.get(event.action, event.action)
    can_keep = access.can_keep(request.user) and request.service_open
    return render(
        request,
        "contracts/staff/detail.html",
        {
            "contract": contract,
            "links": contract.links.select_related("enterprise", "enterprise__area"),
            "events": events,
            "late": contract.late_step(timezone.localdate()),
            "renewal": Contract.objects.filter(renews=contract).first(),
            "can_keep": can_keep,
            "file_form": forms.FileForm(initial={"filed_on": timezone.localdate()}),
            "objection_form": forms.ObjectionForm(),
            "pdf_form": forms.PdfForm(),
        },
    )


@staff_required
@service_required(KEY)
@require_POST
def contract_step(request, pk, step):
    contract = _contract(request, pk)
    user = request.user
    if step == "file":
        form = forms.FileForm(request.POST)
        if form.is_valid():
            filed_on = form.cleaned_data["filed_on"]
            run(
                request,
                lambda: register.contract_file(actor=user, contract=contract, filed_on=filed_on),
            )
        else:
            form_errors(request, form)
    elif step == "object":
        form = forms.ObjectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            run(request, lambda: register.contract_object(actor=user, contract=contract, **data))
        else:
            form_errors(request, form)
    elif step == "pdf":
        form = forms.PdfForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["pdf"]
            run(
                request,
                lambda: register.contract_attach_pdf(actor=user, contract=contract, upload=upload),
            )
        else:
            form_errors(request, form)
    else:
        raise Http404
    return redirect("staff:contracts_detail", pk=contract.pk)


@staff_required
@service_required(KEY, write=False)
def contract_pdf(request, pk):
    contract = _contract(request, pk)
    if not contract.pdf:
        raise Http404
    return decrypted_response(
        default_storage,
        contract.pdf,
        filename=f"contract-{contract.pk}.pdf",
        content_type="application/pdf",
    )


@staff_required
@service_required(KEY)
def contract_import(request):
    if not access.can_keep(request.user):
        raise Http404
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            actor=request.user, kind="contracts", upload=form.cleaned_data["file"]
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(
        request,
        "contracts/staff/import.html",
        {"form": form, "title": pgettext("contracts", "Import a register")},
    )
