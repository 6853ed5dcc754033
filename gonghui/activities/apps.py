from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "gonghui.activities"
    verbose_name = _("Activities, recuperation and lotteries")

    def ready(self):
        from gonghui.activities.services.nominations import nominations_import_job
        from gonghui.core.jobs import register_import

        register_import("activity_nominations", nominations_import_job)

        from gonghui.activities.services.draws import register_sources

        register_sources()
