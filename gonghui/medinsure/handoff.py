"""The seam between a confirmed benefit notice and the claims workflow (issue 4).

The spec's step "the confirmed notice becomes a claim in the claims workflow, approved
straight through under a configurable amount" needs the claims app, which is being built on
another branch. When both have landed, the integration fills `on_notice_confirmed`: it makes
a claim from the notice (source: medical-insurance record, the record's serial as the stay's
key so that a hand-filed claim for the same stay meets it as one claim), approves it
straight through when its total is under the threshold and every check passed, and queues
the rest for a reviewer. It must stay idempotent (a notice is confirmed once; the claim's
unique key is the record).

Until then the body only records the confirmation in the log: the notice itself already says
confirmed, when and by whom (services.benefit_notice_confirm, in the same transaction)."""

import logging

from gonghui.medinsure.models import BenefitNotice

logger = logging.getLogger(__name__)


def on_notice_confirmed(notice: BenefitNotice) -> None:
    """Called once, inside the confirming transaction, after the notice became confirmed."""
    logger.info(
        "benefit notice %s confirmed (record %s, %s yuan); claims hand-off pending integration",
        notice.pk,
        notice.record_id,
        notice.total,
    )
