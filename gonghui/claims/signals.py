"""Signals other apps listen to without the claims app knowing them."""

from django.dispatch import Signal

# Sent inside the transaction that sent a claim filed by hand (args: claim). The
# medical-insurance link uses it to meet a notice for the same stay (never twice).
claim_submitted = Signal()

# Sent inside the transaction in which a reviewer rejected a claim (args: claim, reason). A
# notice merged into a hand-filed claim that failed waits for the member again.
claim_rejected = Signal()
