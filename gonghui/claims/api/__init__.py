"""JSON API of claims: every action the pages offer, with the same checks (access.py for
roles, selectors.claims_visible_to for scope, the services for rules). Members reach only
their own claims and files; staff only their subtree."""

from gonghui.claims.api.figures import FiguresViewSet, SmsTemplateViewSet
from gonghui.claims.api.filing import MyClaimViewSet
from gonghui.claims.api.payouts import PayoutBatchViewSet
from gonghui.claims.api.review import ClaimViewSet

__all__ = [
    "ClaimViewSet",
    "FiguresViewSet",
    "MyClaimViewSet",
    "PayoutBatchViewSet",
    "SmsTemplateViewSet",
]
