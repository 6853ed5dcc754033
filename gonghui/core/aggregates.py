"""Aggregates the ORM does not ship, for PostgreSQL. Callers keep a portable path for
SQLite (computing in Python over the fetched values) and check `connection.vendor`."""

from django.db.models import Aggregate, FloatField, Func


class EpochHours(Func):
    """Hours in a duration (PostgreSQL interval), as a double: the same float as
    `timedelta.total_seconds() / 3600` in Python."""

    template = "(EXTRACT(EPOCH FROM %(expressions)s)::double precision / 3600)"
    output_field = FloatField()


class MiddleValue(Aggregate):
    """The lower middle value of the group (`percentile_disc(0.5)`); with `upper=True`, the
    upper one. Their mean is the median exactly as `statistics.median` computes it, which
    `percentile_cont` (interpolating in another order of operations) does not guarantee to
    the last bit. Nulls are left out, as by every aggregate."""

    function = "percentile_disc"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s %(direction)s)"
    output_field = FloatField()

    def __init__(self, expression, *, upper: bool = False, **extra):
        super().__init__(expression, direction="DESC" if upper else "ASC", **extra)
