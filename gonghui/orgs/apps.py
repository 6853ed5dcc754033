from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    verbose_name = _("Organisations and members")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.orgs.importing import members_import_job

        register_import("members", members_import_job)
