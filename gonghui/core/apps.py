from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gonghui.core"
    verbose_name = _("Core")

    def ready(self):
        from gonghui.core import registry

        registry.autodiscover()
