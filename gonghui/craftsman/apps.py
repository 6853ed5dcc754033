from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CraftsmanConfig(AppConfig):
    name = "gonghui.craftsman"
    label = "craftsman"
    verbose_name = _("Craftsmen and model workers")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.craftsman.services import certificates
        from gonghui.craftsman.services.importing import (
            contest_results_import_job,
            honours_import_job,
        )

        register_import("craftsman_honours", honours_import_job)
        register_import("craftsman_contests", contest_results_import_job)
        certificates.register()
