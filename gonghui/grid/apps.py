from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "gonghui.grid"
    label = "grid"
    verbose_name = _("Union grid, disputes and legal help")

    def ready(self):
        from gonghui.core.jobs import register_import
        from gonghui.grid.services import agreements, deadlines
        from gonghui.grid.services.importing import grids_import_job

        register_import("grid_grids", grids_import_job)
        deadlines.register()
        agreements.register()
