from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedinsureConfig(AppConfig):
    name = "gonghui.medinsure"
    label = "medinsure"
    verbose_name = _("Medical insurance data link")

    def ready(self):
        from gonghui.claims.signals import claim_rejected, claim_submitted
        from gonghui.core.jobs import register_import
        from gonghui.medinsure.handoff import on_claim_rejected, on_claim_submitted
        from gonghui.medinsure.services import settlements_import_job

        register_import("settlements", settlements_import_job)
        claim_submitted.connect(on_claim_submitted, dispatch_uid="medinsure_meets_hand_claims")
        claim_rejected.connect(on_claim_rejected, dispatch_uid="medinsure_reopens_notices")
