from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatrolConfig(AppConfig):
    name = "gonghui.patrol"
    verbose_name = _("Safety patrols")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.patrol.services.imports import routes_import_job

        register_import("patrol_routes", routes_import_job)
