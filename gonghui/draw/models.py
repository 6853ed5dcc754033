"""Fair draws (fair-draw.md): one Draw per allocation, owned by an organisation and used by an
owner app (a lottery, an over-subscribed programme, later housing) that maps entrant numbers
back to its own records through DrawEntrant.ref. Fields and constraints only; writes live in
services.py, the lifecycle in workflow.py, the method in engine.py."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("draw status", "Being prepared")
    ANNOUNCED = "announced", _("Seed source announced")
    FROZEN = "frozen", _("List frozen")
    SEED_ENTERED = "seed_entered", _("Seed entered, awaiting confirmation")
    SEED_CONFIRMED = "seed_confirmed", _("Seed confirmed")
    DRAWN = "drawn", pgettext_lazy("draw status", "Drawn")
    CANCELLED = "cancelled", pgettext_lazy("draw status", "Cancelled")


class Action(models.TextChoices):
    CREATE = "create", pgettext_lazy("draw step", "Create")
    ANNOUNCE = "announce", _("Announce the seed source")
    FREEZE = "freeze", _("Freeze the list")
    ENTER_SEED = "enter_seed", _("Enter the seed")
    CONFIRM_SEED = "confirm_seed", _("Confirm the seed")
    RUN = "run", _("Run the draw")
    CANCEL = "cancel", _("Cancel the draw")


def _user(related_name, verbose):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
    )


class Draw(models.Model):
    public_code = models.CharField(_("public code"), max_length=24, unique=True)
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="draws",
    )
    title = models.CharField(_("title"), max_length=128)
    purpose = models.TextField(_("what is drawn"), blank=True)
    # "<prefix>:<key>" of the owner app's entrant source (sources.py); empty: a pasted list.
    source = models.CharField(_("entrant source"), max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = _user("+", _("created by"))

    seed_source = models.TextField(_("seed source announcement"), blank=True)
    seed_source_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    seed_source_by = _user("+", _("announced by"))

    list_text = models.TextField(_("frozen list"), blank=True)
    entries = models.PositiveIntegerField(_("entrants"), null=True, blank=True)
    list_sha256 = models.CharField(_("list digest"), max_length=64, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    frozen_by = _user("+", _("frozen by"))

    seed = models.CharField(_("seed"), max_length=200, blank=True)
    seed_entered_at = models.DateTimeField(_("seed entered at"), null=True, blank=True)
    seed_entered_by = _user("+", _("seed entered by"))
    seed_confirmed_at = models.DateTimeField(_("seed confirmed at"), null=True, blank=True)
    seed_confirmed_by = _user("+", _("seed confirmed by"))

    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    drawn_by = _user("+", _("drawn by"))
    result = models.JSONField(_("result"), null=True, blank=True)

    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = _user("+", _("cancelled by"))
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("fair draw")
        verbose_name_plural = _("fair draws")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Four eyes: the person who entered the seed never confirms it.
            models.CheckConstraint(
                condition=Q(seed_confirmed_by__isnull=True)
                | ~Q(seed_confirmed_by=F("seed_entered_by")),
                name="draw_seed_confirmed_by_someone_else",
            ),
            # The seed source is announced before the list is frozen.
            models.CheckConstraint(
                condition=Q(frozen_at__isnull=True)
                | Q(seed_source_at__isnull=False, seed_source_at__lt=F("frozen_at")),
                name="draw_seed_source_before_freeze",
            ),
            models.CheckConstraint(
                condition=Q(frozen_at__isnull=True) | Q(entries__gte=1),
                name="draw_frozen_list_not_empty",
            ),
            models.CheckConstraint(
                condition=~Q(status="drawn")
                | Q(seed_confirmed_at__isnull=False, result__isnull=False),
                name="draw_drawn_after_confirmed_seed",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="draw_cancelled_with_reason",
            ),
        ]

    def __str__(self):
        return self.title


class DrawPrize(models.Model):
    """A prize (or a kind of place) with its number of places, filled in `position` order."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="prizes")
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(pgettext_lazy("draw prize", "Name"), max_length=64)
    count = models.PositiveIntegerField(_("places"))

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="draw_prize_position_once"),
            models.UniqueConstraint(fields=["draw", "name"], name="draw_prize_name_once"),
        ]

    def __str__(self):
        return f"{self.name}×{self.count}"


class DrawEntrant(models.Model):
    """Entrant `number` of the frozen list; `ref` is the owner app's opaque key for it. The
    outcome fields are written once, when the draw runs."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="entrants")
    number = models.PositiveIntegerField(_("number"))
    ref = models.CharField(_("reference"), max_length=64)
    rank = models.PositiveIntegerField(_("place in the draw order"), null=True, blank=True)
    prize = models.ForeignKey(
        DrawPrize,
        verbose_name=_("prize"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="winners",
    )
    waiting_position = models.PositiveIntegerField(
        _("place on the waiting list"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("entrant")
        verbose_name_plural = _("entrants")
        ordering = ["draw", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "number"], name="draw_entrant_number_once"),
            models.UniqueConstraint(fields=["draw", "ref"], name="draw_entrant_ref_once"),
            models.UniqueConstraint(fields=["draw", "rank"], name="draw_entrant_rank_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="draw_entrant_number_positive"),
            models.CheckConstraint(
                condition=Q(prize__isnull=True) | Q(waiting_position__isnull=True),
                name="draw_entrant_wins_or_waits",
            ),
        ]

    def __str__(self):
        return f"{self.draw_id}#{self.number}"


class DrawEvent(models.Model):
    """One move of the lifecycle, with who and when; the staff page's history."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    actor = _user("+", _("by"))
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("draw event")
        verbose_name_plural = _("draw events")
        ordering = ["at", "id"]
        constraints = [
            # Each step happens once per draw (create, announce, freeze, enter, confirm, run,
            # cancel): a second run or a second seed entry cannot leave a second row.
            models.UniqueConstraint(fields=["draw", "action"], name="draw_event_step_once"),
        ]

    def __str__(self):
        return f"{self.draw_id} {self.from_status}→{self.to_status}"
