"""Cache-Control for answers to signed-in users."""

from django.utils.cache import add_never_cache_headers


class NoStoreWhenSignedInMiddleware:
    """Every answer to a signed-in user is `no-store`, pages and API alike. Nearly every one
    shows personal data (names, mobiles, ID numbers, bank cards, diagnoses, hardship), on
    office PCs and phones people share: one rule that cannot be forgotten on a new page is
    more honest than a list of the pages that need it. Static files (served before the
    session is read) are unaffected and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        already = "no-store" in response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and not already:
            add_never_cache_headers(response)
        return response
