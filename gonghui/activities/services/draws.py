"""The fair draws of lotteries and over-subscribed pools, through gonghui.draw: a lottery's
draw is created with it (its prizes, its seed source announced); at close its list is frozen
(entry order, the entry's id as the reference); staff enter and confirm the seed and run it on
the draw's pages; then its result gives the prizes here. A draw-mode programme announces its
seed source with the programme; after close each over-subscribed pool gets its own draw."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.activities import sms
from gonghui.activities.models import Entry, EntryStatus, Lottery, Pool, Programme, Voucher
from gonghui.activities.services.allocation import pool_applicants, pools_over_subscribed
from gonghui.activities.services.lotteries import _voucher_for, lottery_entrants
from gonghui.core.db import write_transaction
from gonghui.draw import selectors as draw_selectors
from gonghui.draw import services as draw_services
from gonghui.draw.models import Status as DrawStatus


def lottery_draw_prepare(*, actor, lottery: Lottery, seed_source: str) -> Lottery:
    """The lottery's draw with its prizes, and the seed source announced (before any list)."""
    if lottery.draw_id:
        raise ValidationError(_("This lottery already has its draw."), code="twice")
    with write_transaction():
        draw = draw_services.draw_create(
            actor=actor,
            org=lottery.org,
            title=lottery.title,
            purpose=pgettext("activities", "Lottery"),
            source=f"lottery:{lottery.pk}",
            prizes=[(prize.name, prize.stock) for prize in lottery.prizes.all()],
        )
        draw = draw_services.draw_announce_seed_source(actor=actor, draw=draw, text=seed_source)
        lottery.draw = draw
        lottery.save(update_fields=["draw"])
    return lottery


def lottery_freeze(*, actor, lottery: Lottery, now=None) -> Lottery:
    """After the entry window: the entrants' list is frozen and published."""
    now = now or timezone.now()
    if now < lottery.closes_at:
        raise ValidationError(_("The list is frozen once entry has closed."), code="open")
    if not lottery.draw_id:
        raise ValidationError(_("Announce the seed source first."), code="no_draw")
    entrants = lottery_entrants(lottery)
    draw_services.draw_freeze(
        actor=actor,
        draw=lottery.draw,
        entrants=[(entry.pk, entry.member.name, entry.member.mobile) for entry in entrants],
    )
    return lottery


def lottery_apply_draw(*, lottery: Lottery, now=None) -> int:
    """Give the prizes by the draw's result (once: a second call is refused): winners get a
    voucher and an SMS; everyone else is on the waiting list in draw order."""
    now = now or timezone.now()
    draw = lottery.draw
    if draw is None or draw.status != DrawStatus.DRAWN:
        raise ValidationError(_("The draw has not been run yet."), code="not_drawn")
    found = draw_selectors.outcomes(draw)
    entrants = lottery_entrants(lottery)
    if {str(entry.pk) for entry in entrants} != set(found):
        raise ValidationError(_("The draw was made on a different list."), code="mismatch")
    prizes = {prize.name: prize for prize in lottery.prizes.all()}
    vouchers: list[Voucher] = []
    with write_transaction():
        if not Lottery.objects.filter(pk=lottery.pk, drawn_at__isnull=True).update(drawn_at=now):
            raise ValidationError(
                _("This lottery has been drawn already; a draw is never re-run."), code="drawn"
            )
        lottery.drawn_at = now
        for entry in entrants:
            result = found[str(entry.pk)]
            entry.number, entry.rank = result.number, result.rank
            if result.prize:
                entry.status, entry.prize = EntryStatus.WON, prizes[result.prize]
                vouchers.append(_voucher_for(entry, entry.prize, now))
            else:
                entry.status = EntryStatus.WAITING
        Entry.objects.bulk_update(entrants, ["number", "rank", "status", "prize"])
    for voucher in vouchers:
        sms.send_prize(voucher)
    return len(vouchers)


def programme_draws_freeze(*, actor, programme: Programme, now=None) -> list[Pool]:
    """After close, each over-subscribed pool without a draw gets one: the programme's seed
    source announced on it, its applicants' list frozen (application order, the
    registration's id as the reference), one "place" prize per free place."""
    now = now or timezone.now()
    if now < programme.closes_at:
        raise ValidationError(_("The list is frozen once registration has closed."), code="open")
    if not programme.seed_source:
        raise ValidationError(_("The programme has no announced seed source."), code="no_seed")
    frozen = []
    for pool in pools_over_subscribed(programme):
        if pool.draw_id:
            continue
        applicants = pool_applicants(pool)
        with write_transaction():
            draw = draw_services.draw_create(
                actor=actor,
                org=programme.org,
                title=f"{programme.title} · {pool.batch.name}"
                + (f" · {pool.org.name}" if pool.org_id else ""),
                purpose=_("Places of an over-subscribed batch"),
                source=f"activity_pool:{pool.pk}",
                prizes=[],
            )
            draw = draw_services.draw_announce_seed_source(
                actor=actor, draw=draw, text=programme.seed_source
            )
            draw = draw_services.draw_freeze(
                actor=actor,
                draw=draw,
                entrants=[(r.pk, r.member.name, r.member.mobile) for r in applicants],
            )
            Pool.objects.filter(pk=pool.pk).update(draw=draw)
        pool.draw = draw
        frozen.append(pool)
    return frozen


def _lottery_entrants(key: str) -> list[tuple[str, str, str]]:
    """Asked by the draw's page when staff freeze there: not before entry has closed."""
    lottery = Lottery.objects.get(pk=int(key))
    if timezone.now() < lottery.closes_at:
        raise ValidationError(_("The list is frozen once entry has closed."), code="open")
    return [(str(e.pk), e.member.name, e.member.mobile) for e in lottery_entrants(lottery)]


def _pool_entrants(key: str) -> list[tuple[str, str, str]]:
    pool = Pool.objects.get(pk=int(key))
    return [(str(r.pk), r.member.name, r.member.mobile) for r in pool_applicants(pool)]


def register_sources() -> None:
    """The draw's staff page freezes our lists and links back to our pages."""
    from django.urls import reverse

    from gonghui.draw import sources

    sources.register(
        sources.EntrantSource(
            "lottery",
            entrants=_lottery_entrants,
            owner_url=lambda key: reverse("staff:activities_lottery_detail", args=[int(key)]),
        )
    )
    sources.register(
        sources.EntrantSource(
            "activity_pool",
            entrants=_pool_entrants,
            owner_url=lambda key: reverse(
                "staff:activities_programme_detail",
                args=[Pool.objects.values_list("batch__programme_id", flat=True).get(pk=int(key))],
            ),
        )
    )
