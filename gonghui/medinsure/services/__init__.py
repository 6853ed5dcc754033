"""Writes of the medical-insurance link: applying the bureau's feed (feed.py), the member's
answer, SMS, reminders and recoveries (notices.py), and the link's configuration
(config.py)."""

from gonghui.medinsure.services.config import (
    api_key_create,
    api_key_hash,
    api_key_revoke,
    column_mapping_save,
    link_settings_save,
)
from gonghui.medinsure.services.feed import (
    settlements_apply,
    settlements_import,
    settlements_import_job,
    settlements_push,
)
from gonghui.medinsure.services.notices import (
    benefit_notice_confirm,
    benefit_notices_expire,
    benefit_notices_notify,
    benefit_notices_remind,
    notice_check_transition,
    notice_move,
    notice_sms_text,
    recovery_close,
)

__all__ = [
    "api_key_create",
    "api_key_hash",
    "api_key_revoke",
    "benefit_notice_confirm",
    "benefit_notices_expire",
    "benefit_notices_notify",
    "benefit_notices_remind",
    "column_mapping_save",
    "link_settings_save",
    "notice_check_transition",
    "notice_move",
    "notice_sms_text",
    "recovery_close",
    "settlements_apply",
    "settlements_import",
    "settlements_import_job",
    "settlements_push",
]
