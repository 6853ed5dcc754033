"""Signals other apps listen to without the claims app knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that sent a claim filed by hand (args: claim). The
# medical-insurance link uses it to meet a notice for the same stay (never twice).
claim_submitted = Signal()

# Sent inside the transaction in which a claim was rejected (args: claim, reason): by a
# reviewer, or by the system when the bureau reversed its settlement. A notice merged into a
# hand-filed claim that failed waits for the member again; a claim withdrawn before payment
# has nothing to recover.
claim_rejected = Signal()
