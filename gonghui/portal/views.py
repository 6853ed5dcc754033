"""Member pages: phone-sized, WeUI, one big action per screen."""

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from gonghui.accounts import services as account_services
from gonghui.accounts.decorators import member_required
from gonghui.accounts.forms import SmsLoginForm
from gonghui.accounts.redirects import redirect_next
from gonghui.core import menus
from gonghui.core.audit import client_ip
from gonghui.core.imports import error_text
from gonghui.orgs import selectors as org_selectors


def login_view(request):
    """Step 1: mobile → code by SMS. Step 2: the code → signed in."""
    form = SmsLoginForm(request.POST or None)
    error = ""
    code_sent = request.method == "POST" and request.POST.get("step") == "verify"
    if request.method == "POST" and form.is_valid():
        mobile = form.cleaned_data["mobile"]
        try:
            if request.POST.get("step") == "send":
                account_services.sms_code_request(mobile=mobile, ip=client_ip(request))
                code_sent = True
            else:
                user = account_services.sms_code_verify(
                    mobile=mobile, code=form.cleaned_data["code"]
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect_next(request, "portal:home")
        except ValidationError as exc:
            error = error_text(exc)
            # A code was sent a moment ago: let the worker type it rather than wait.
            code_sent = code_sent or exc.code == "too_soon"
    elif request.method == "POST":
        error = _("Please enter an 11-digit mobile number.")
    return render(
        request, "portal/login.html", {"form": form, "error": error, "code_sent": code_sent}
    )


@member_required
def home(request):
    member = org_selectors.members_visible_to(request.user).select_related("union").get()
    tiles, banners = menus.member_home(request.user)
    return render(
        request, "portal/home.html", {"member": member, "tiles": tiles, "banners": banners}
    )


@member_required
def my_record(request):
    member = (
        org_selectors.members_visible_to(request.user).select_related("union", "enterprise").get()
    )
    return render(request, "portal/me.html", {"member": member})
