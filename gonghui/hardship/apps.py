from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HardshipConfig(AppConfig):
    name = "gonghui.hardship"
    verbose_name = _("Hardship worker files")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.hardship.services.importing import files_import_job

        register_import("hardship_files", files_import_job)
