from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CraftsmanConfig(AppConfig):
    name = "gonghui.craftsman"
    label = "craftsman"
    verbose_name = _("Craftsmen and model workers")
