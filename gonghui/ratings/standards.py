"""The standardisation checklist (规范化建设): "六个有" and "双亮", as data."""

from django.utils.translation import pgettext_lazy

CHECKLIST = (
    ("OFFICE", pgettext_lazy("ratings", "An office")),
    ("SIGN", pgettext_lazy("ratings", "A union sign")),
    ("STAFF", pgettext_lazy("ratings", "Union staff")),
    ("RULES", pgettext_lazy("ratings", "Written rules")),
    ("ACTIVITY", pgettext_lazy("ratings", "Regular activities")),
    ("FUNDS", pgettext_lazy("ratings", "Union funds")),
    ("SHOW_SIGN", pgettext_lazy("ratings", "Sign shown (双亮)")),
    ("SHOW_CHAIR", pgettext_lazy("ratings", "Chair shown (双亮)")),
)
CODES = tuple(code for code, _label in CHECKLIST)
LABELS = dict(CHECKLIST)
