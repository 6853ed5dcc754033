from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "gonghui.claims"
    label = "claims"
    verbose_name = _("Mutual-aid claims")

    def ready(self):
        from gonghui.claims.deadlines import register

        register()
