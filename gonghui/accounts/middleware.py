"""A staff member whose password an administrator reset uses the temporary one only to
choose their own: until then every page leads to the password change, and the API refuses."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# What a user who must change the password may still open: the change itself, and the steps
# around it (the second factor, signing out).
ALLOWED = ("accounts:password_change", "accounts:otp", "accounts:logout", "accounts:login")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return self.get_response(request)
        if request.path in {reverse(name) for name in ALLOWED}:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": _(
                        "Your password was reset by an administrator. Sign in on the web "
                        "page and choose a new password first."
                    )
                },
                status=403,
            )
        return redirect("accounts:password_change")
