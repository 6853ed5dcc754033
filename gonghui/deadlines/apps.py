from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "gonghui.deadlines"
    verbose_name = _("Deadlines and working-day calendar")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.deadlines.calendar import calendar_import_job

        register_import("calendar_days", calendar_import_job)
