"""What the patrol pages share: the phone's report read from a form or a JSON body."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.patrol.services.walking import Report


def _number(value, field):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: _("The position sent by the phone is not a number.")}
        ) from None


def report_from(data, files=None) -> Report:
    """lat, lng, accuracy (metres), at (the phone's time, ms since 1970), code, photo."""
    lat, lng = _number(data.get("lat"), "lat"), _number(data.get("lng"), "lng")
    if (lat is None) != (lng is None):
        raise ValidationError({"lat": _("Send both latitude and longitude, or neither.")})
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationError({"lat": _("The position sent by the phone is not on the earth.")})
    accuracy = _number(data.get("accuracy"), "accuracy")
    at = None
    stamp = data.get("at")
    if stamp not in (None, ""):
        try:
            at = datetime.datetime.fromtimestamp(int(float(stamp)) / 1000, tz=datetime.UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            raise ValidationError({"at": _("The phone's time is not readable.")}) from None
        if abs(at - timezone.now()) > datetime.timedelta(days=1):
            at = None  # a phone with a wrong clock: its time is not kept
    return Report(
        lat=lat,
        lng=lng,
        accuracy=int(accuracy) if accuracy is not None else None,
        at=at,
        code=(data.get("code") or "").strip()[:16],
        photo=(files or {}).get("photo"),
    )
