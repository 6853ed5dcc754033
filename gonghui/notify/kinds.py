"""Every kind of SMS the system sends, with the label staff read in the outbox. The apps
pass these codes to notify.services.sms_send, which refuses a code not listed here (a new
kind of SMS is added here, with its label; no migration: the column has no choices)."""

from django.utils.translation import pgettext_lazy

KIND_CHOICES = [
    ("login_code", pgettext_lazy("SMS kind", "Sign-in code")),
    ("claim_submitted", pgettext_lazy("SMS kind", "Claim received")),
    ("claim_returned", pgettext_lazy("SMS kind", "Claim returned for more material")),
    ("claim_approved", pgettext_lazy("SMS kind", "Claim approved")),
    ("claim_rejected", pgettext_lazy("SMS kind", "Claim not approved")),
    ("claim_paid", pgettext_lazy("SMS kind", "Claim paid")),
    ("claim_withdrawn", pgettext_lazy("SMS kind", "Claim withdrawn (settlement reversed)")),
    ("benefit_notice", pgettext_lazy("SMS kind", "Benefit to collect")),
    ("benefit_reminder", pgettext_lazy("SMS kind", "Benefit reminder")),
    ("hardship", pgettext_lazy("SMS kind", "Hardship file")),
    ("appeal_decided", pgettext_lazy("SMS kind", "Appeal decided")),
    ("activity", pgettext_lazy("SMS kind", "Activities and lotteries")),
    ("contract_renewal", pgettext_lazy("SMS kind", "Collective contract renewal")),
    ("grid_case", pgettext_lazy("SMS kind", "Dispute case")),
]
KINDS = dict(KIND_CHOICES)
