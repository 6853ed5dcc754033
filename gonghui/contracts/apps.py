from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "gonghui.contracts"
    verbose_name = _("Collective contracts and wage bargaining")

    def ready(self):
        from gonghui.contracts.services.importing import contracts_import_job
        from gonghui.contracts.services.letters import register
        from gonghui.core.jobs import register_import

        register_import("contracts", contracts_import_job)
        register()
