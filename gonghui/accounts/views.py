import base64

import segno
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts import roles, selectors, services
from gonghui.accounts.decorators import staff_required
from gonghui.accounts.forms import PasswordChangeForm
from gonghui.accounts.redirects import redirect_next
from gonghui.core.audit import client_ip


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def otp_view(request):
    """Second factor (roles.needs_second_factor): enrol a TOTP device on first sign-in, then verify."""
    user = request.user
    if not roles.needs_second_factor(user) or user.is_verified():
        return redirect_next(request, "staff:home")
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip()
        if device.verify_token(token):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect_next(request, "staff:home")
        error = _("The code is wrong or has expired. Please enter the current code.")
    context = {"device": device, "error": error}
    if not device.confirmed:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr_svg"] = segno.make(device.config_url).svg_inline(scale=4)
    return render(request, "accounts/otp.html", context)


@require_POST
def logout_view(request):
    was_member = roles.is_member(request.user)
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("portal:login" if was_member else "home")


@staff_required
def password_change(request):
    """Any signed-in staff member; the page every other one leads to after a reset."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                actor=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
                ip=client_ip(request),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            update_session_auth_hash(request, request.user)  # stay signed in
            messages.success(request, _("Your password has been changed."))
            return redirect("staff:home")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "rules": password_validators_help_texts()},
    )


@staff_required
def staff_accounts(request):
    """The staff accounts an administrator keeps, with a reset button where allowed, and the
    latest password events of those accounts."""
    if not roles.can_reset_passwords(request.user):
        raise PermissionDenied
    accounts = selectors.staff_accounts_visible_to(request.user)
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    rows = [(account, roles.can_reset_password(request.user, account)) for account in page]
    return render(
        request,
        "accounts/staff_accounts.html",
        {
            "page": page,
            "rows": rows,
            "events": selectors.account_events_visible_to(request.user)[:20],
        },
    )


@staff_required
@require_POST
def password_reset(request, pk):
    """Shows the temporary password once, in this answer (never in a URL, a message cookie
    or a log)."""
    account = get_object_or_404(selectors.staff_accounts_visible_to(request.user), pk=pk)
    temporary = services.password_reset(actor=request.user, user=account, ip=client_ip(request))
    return render(
        request, "accounts/password_reset_done.html", {"account": account, "temporary": temporary}
    )
