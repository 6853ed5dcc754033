"""What each state of each workflow means, in plain words, keyed by the code's own choices.
The help pages render these beside the labels and the moves of the code's transition tables,
and a test fails when a state has no description (or one is left for a state gone), so the
help cannot drift from the state machines."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gonghui.claims.models import MEMBER_LABELS, TRANSITIONS, ClaimStatus
from gonghui.core.models import ImportJob
from gonghui.hardship.models import Status as HardshipStatus
from gonghui.medinsure.models import (
    NOTICE_TRANSITIONS,
    RECOVERY_TRANSITIONS,
    NoticeStatus,
    RecordKind,
    RecoveryStatus,
)
from gonghui.mutual_aid.models import PERIOD_TRANSITIONS, EnrollmentStatus, PeriodStatus
from gonghui.orgs.models import MemberStatus

CLAIM = {
    ClaimStatus.DRAFT: _(
        "Being filled in, by the member on the phone or by staff at a service window. Nobody "
        "reviews it yet and it can still be changed."
    ),
    ClaimStatus.SUBMITTED: _(
        "Sent and signed. The system checks it at once (the computation, a stay already "
        "claimed, missing material) and passes it to review; the member gets an SMS of receipt."
    ),
    ClaimStatus.IN_REVIEW: _(
        "Waiting for a county reviewer, who looks at the photos beside the computation and "
        "approves it, corrects an input, returns it for more material or rejects it."
    ),
    ClaimStatus.RETURNED: _(
        "Sent back with the list of what is missing. It returns to review when the member (or "
        "the window) adds it and submits again."
    ),
    ClaimStatus.AWAITING_SECOND_APPROVAL: _(
        "Approved once, but above the second-approval amount: another reviewer must confirm "
        "it. A correction sends it back to review."
    ),
    ClaimStatus.APPROVED: _(
        "Granted; the member has an SMS with the amount. It waits for county finance to put "
        "it in a payout batch."
    ),
    ClaimStatus.REJECTED: _(
        "Not granted; the member has an SMS with the reason. Final. A claim whose settlement "
        "the bureau reversed before it was paid also ends here."
    ),
    ClaimStatus.IN_PAYOUT_BATCH: _(
        "In a payout batch: finance sends the batch's bank transfer file to the bank."
    ),
    ClaimStatus.PAID: _("The bank has paid it and the member has an SMS. Final."),
    ClaimStatus.PAYMENT_FAILED: _(
        "The bank could not pay (a wrong card, a closed account). Once the card is corrected "
        "it goes into the next batch."
    ),
}

HARDSHIP = {
    HardshipStatus.APPLIED: _(
        "The worker applied on the phone, or the union on their behalf. The grassroots union "
        "makes the first review."
    ),
    HardshipStatus.UNION_REVIEWED: _(
        "The union has checked the application and confirmed or changed the suggested tier. "
        "Next: a home visit."
    ),
    HardshipStatus.VISITED: _(
        "The home visit is recorded. The town federation verifies the file next."
    ),
    HardshipStatus.TOWN_VERIFIED: _(
        "The town federation has verified the figures and the visit. Next: the public notice."
    ),
    HardshipStatus.PUBLIC_NOTICE: _(
        "Posted for public notice (公示) for the notice days; objections are recorded on the "
        "file. When the notice has ended without an open objection, the county approves."
    ),
    HardshipStatus.ACTIVE: _(
        "An approved hardship worker (在档): aid can be given, campaigns select the file, a "
        "cadre can be paired. Reviewed once a year; the tier can change."
    ),
    HardshipStatus.RETURNED: _(
        "Returned with a reason for correction. The worker or the union corrects and submits "
        "again, or the file is closed."
    ),
    HardshipStatus.CLOSED: _(
        "No longer in hardship (脱困), retired, moved, died, or a returned application "
        "withdrawn. The history is kept; the file can be reopened if the family falls back."
    ),
}

PERIOD = {
    PeriodStatus.DRAFT: _(
        "Being prepared: dates, plans, contributions, parameters and disease lists can still "
        "change. Nobody can enroll yet."
    ),
    PeriodStatus.ENROLLING: _(
        "Unions enroll their members (from the roster or a file) and pay the contributions."
    ),
    PeriodStatus.ACTIVE: _(
        "Cover runs: members file claims. Enrollment stays open for late joiners, who are "
        "covered after the waiting period."
    ),
    PeriodStatus.CLOSED: _(
        "Cover has ended. Claims for stays within the period can still be filed until the "
        "claim deadline."
    ),
}

ENROLLMENT = {
    EnrollmentStatus.PENDING_PAYMENT: _(
        "Enrolled, but the union's contribution is not recorded yet: the member is not covered."
    ),
    EnrollmentStatus.EFFECTIVE: _(
        "The contribution is recorded by county finance: covered from the date shown."
    ),
}

NOTICE = {
    NoticeStatus.PENDING: _(
        "Found in the bureau's data and sent to the member by SMS: waiting for the member to "
        "confirm the bank card with one tap."
    ),
    NoticeStatus.CONFIRMED: _(
        "The member confirmed; a claim was made from the record (approved straight through "
        "when every check passes and it is within the limit, else queued for a reviewer)."
    ),
    NoticeStatus.CANCELLED: _(
        "The bureau reversed the settlement (冲销). Nothing is owed; money already paid is "
        "recovered."
    ),
    NoticeStatus.EXPIRED: _("Not confirmed in time; a reminder SMS went out before."),
    NoticeStatus.MERGED: _(
        "The member had also filed the same stay by hand: the two are one claim."
    ),
}

RECOVERY = {
    RecoveryStatus.OPEN: _(
        "The bureau reversed a settlement whose benefit was already confirmed: the money must "
        "come back."
    ),
    RecoveryStatus.RECOVERED: _("The money has come back. Final."),
    RecoveryStatus.WAIVED: _("Not recovered, with the reason written down. Final."),
}

RECORD_KIND = {
    RecordKind.NORMAL: _("A settlement of the bureau: a stay or a birth paid by the insurance."),
    RecordKind.REVERSAL: _(
        "Cancels an earlier settlement (冲销), named by its serial number (原结算流水号)."
    ),
}

IMPORT_JOB = {
    ImportJob.Status.QUEUED: _("Uploaded; the import starts within seconds."),
    ImportJob.Status.RUNNING: _(
        "Being checked and imported; the page shows the progress. You may leave the page."
    ),
    ImportJob.Status.APPLIED: _("Every row was imported. The page shows what was added."),
    ImportJob.Status.REFUSED: _(
        "Some rows are wrong, so nothing was imported: download the error report, correct "
        "those rows and upload the whole file again."
    ),
    ImportJob.Status.FAILED: _(
        "The file could not be read, or the import stopped on an error: nothing was imported."
    ),
}

MEMBER = {
    MemberStatus.ACTIVE: _("A member of the union (在册): can be enrolled and claim."),
    MemberStatus.LEFT: _(
        "Has left the union. The record and its history stay; new enrollments are refused."
    ),
}


@dataclass(frozen=True)
class StateRow:
    label: str
    meaning: str
    moves: list[str]
    member_sees: str = ""


def state_rows(choices, meanings: dict, transitions: dict | None = None, member_labels=None):
    """One row per state, in the order of the code's choices."""
    rows = []
    for state in choices:
        moves = [
            str(choices(to).label) for to in choices if to in (transitions or {}).get(state, ())
        ]
        seen = str(member_labels[state]) if member_labels else ""
        rows.append(StateRow(str(state.label), str(meanings[state]), moves, seen))
    return rows


# Every description table with the choices it describes (the test checks they match).
TABLES = [
    (ClaimStatus, CLAIM),
    (HardshipStatus, HARDSHIP),
    (PeriodStatus, PERIOD),
    (EnrollmentStatus, ENROLLMENT),
    (NoticeStatus, NOTICE),
    (RecoveryStatus, RECOVERY),
    (RecordKind, RECORD_KIND),
    (ImportJob.Status, IMPORT_JOB),
    (MemberStatus, MEMBER),
]


def claim_states():
    return state_rows(ClaimStatus, CLAIM, TRANSITIONS, MEMBER_LABELS)


def period_states():
    return state_rows(PeriodStatus, PERIOD, PERIOD_TRANSITIONS)


def notice_states():
    return state_rows(NoticeStatus, NOTICE, NOTICE_TRANSITIONS)


def recovery_states():
    return state_rows(RecoveryStatus, RECOVERY, RECOVERY_TRANSITIONS)
