from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MutualAidConfig(AppConfig):
    name = "gonghui.mutual_aid"
    label = "mutual_aid"
    verbose_name = _("Medical mutual aid")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.mutual_aid.services.importing import enrollment_import_job

        register_import("enrollment", enrollment_import_job)
