import base64

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts import roles
from gonghui.accounts.redirects import redirect_next


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def otp_view(request):
    """Second factor for county roles: enrol a TOTP device on first sign-in, then verify."""
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
