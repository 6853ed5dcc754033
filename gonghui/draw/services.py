"""Writes for fair draws: keyword-only `draw_<action>(*, actor, ...)`, each one transaction.
Every step moves the state by a conditional update (`WHERE status = <from>`), so two people
pressing the same button at once move it once; the loser gets the Chinese refusal."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.draw import access, engine, sources, workflow
from gonghui.draw.models import Action, Draw, DrawEntrant, DrawEvent, DrawPrize, Status

MAX_TEXT = 2000
MAX_PASTED = 20000


def _role(actor):
    return None if actor is None else actor.role


def _check(actor, draw: Draw | None, action: str, status: str) -> str:
    target = workflow.check_move(status=status, action=action, role=_role(actor))
    if actor is not None and draw is not None and not access.can_see(actor, draw):
        raise PermissionDenied(_("This draw belongs to an organisation outside yours."))
    return target


def _move(draw: Draw, *, actor, action: str, note: str = "", extra=None, exclude=None) -> Draw:
    """Move `draw` by `action` if it is still in the state it was read in; else refuse with
    the message for the state it is in now."""
    source = draw.status
    target = _check(actor, draw, action, source)
    rows = Draw.objects.filter(pk=draw.pk, status=source)
    if exclude:
        rows = rows.exclude(**exclude)
    updated = rows.update(status=target, **(extra or {}))
    if updated != 1:
        current = Draw.objects.get(pk=draw.pk)
        _check(actor, current, action, current.status)  # raises the state's refusal
        raise workflow.TransitionError(
            _("Someone else changed this draw at the same moment; reload the page."),
            code="conflict",
        )
    DrawEvent.objects.create(
        draw=draw, action=action, from_status=source, to_status=target, actor=actor, note=note
    )
    draw.refresh_from_db()
    return draw


def _text(value, label, *, limit=MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("%(field)s is required.") % {"field": label}, code="required")
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s is too long (at most %(limit)d characters).")
            % {"field": label, "limit": limit},
            code="too_long",
        )
    return value


def draw_create(*, actor, org, title, purpose="", prizes=(), source="") -> Draw:
    """A draw for `org`'s subtree. `prizes`: [(name, count), ...] in the order they are filled
    (empty: the draw only orders the entrants, everyone is on the waiting list). `source`:
    "<prefix>:<key>" of the owner app's registered entrant source (sources.py), if any."""
    workflow.check_move(status=workflow.CREATED, action=Action.CREATE, role=_role(actor))
    if not access.in_subtree(actor, org):
        raise PermissionDenied(_("You may create draws only for your own organisation."))
    title = _text(title, _("The title"), limit=128)
    try:
        checked = engine.check_prizes(list(prizes))
    except engine.PrizeSpecError as error:
        raise ValidationError(str(error), code="prizes") from None
    if any(len(name) > 64 for name, _count in checked):
        raise ValidationError(_("A prize name has at most 64 characters."), code="prizes")
    with write_transaction():
        draw = Draw.objects.create(
            public_code=secrets.token_urlsafe(9),
            org=org,
            title=title,
            purpose=(purpose or "").strip(),
            source=source or "",
            created_by=actor,
        )
        DrawPrize.objects.bulk_create(
            DrawPrize(draw=draw, position=i, name=name, count=count)
            for i, (name, count) in enumerate(checked, start=1)
        )
        DrawEvent.objects.create(
            draw=draw, action=Action.CREATE, to_status=Status.DRAFT, actor=actor
        )
    return draw


def draw_announce_seed_source(*, actor, draw: Draw, text: str) -> Draw:
    """Record the public announcement of where the seed will come from (before the list is
    frozen), and when it was made."""
    text = _text(text, _("The seed source announcement"))
    with write_transaction():
        return _move(
            draw,
            actor=actor,
            action=Action.ANNOUNCE,
            extra={"seed_source": text, "seed_source_at": timezone.now(), "seed_source_by": actor},
        )


def draw_freeze(*, actor, draw: Draw, entrants) -> Draw:
    """Freeze the list: `entrants` = [(ref, name, mobile), ...] in entry order (ties already
    broken by entry id); numbered 1..N, masked, digested. `ref` is the owner app's key (text,
    at most 64 characters, unique). actor None: the platform (a scheduled close)."""
    entrants = list(entrants)
    refs = [str(ref) for ref, _name, _mobile in entrants]
    if len(set(refs)) != len(refs):
        raise ValidationError(_("An entrant appears twice in the list."), code="duplicate")
    if any(not ref or len(ref) > 64 for ref in refs):
        raise ValidationError(_("Every entrant needs a reference of 1 to 64 characters."))
    try:
        text = engine.build_list((name or "", mobile or "") for _ref, name, mobile in entrants)
    except engine.FrozenListError as error:
        raise ValidationError(error.message, code=error.code) from None
    data = text.encode("utf-8")
    entries = engine.parse_list(data)
    now = timezone.now()
    if draw.seed_source_at and now <= draw.seed_source_at:
        raise ValidationError(
            _("The list can be frozen only after the seed source was announced."),
            code="too_early",
        )
    with write_transaction():
        draw = _move(
            draw,
            actor=actor,
            action=Action.FREEZE,
            note=_("%(n)d entrants") % {"n": entries},
            extra={
                "list_text": text,
                "entries": entries,
                "list_sha256": engine.list_digest(data),
                "frozen_at": now,
                "frozen_by": actor,
            },
        )
        DrawEntrant.objects.bulk_create(
            (DrawEntrant(draw=draw, number=n, ref=ref) for n, ref in enumerate(refs, start=1)),
            batch_size=1000,
        )
    return draw


def draw_freeze_from_source(*, actor, draw: Draw) -> Draw:
    """Freeze with the entrants the owner app's registered source gives (the staff page)."""
    found = sources.for_draw(draw)
    if found is None:
        raise ValidationError(
            _("This draw has no entrant source; paste the list of entrants."), code="no_source"
        )
    source, key = found
    return draw_freeze(actor=actor, draw=draw, entrants=source.entrants(key))


def parse_pasted(text: str) -> list[tuple[str, str, str]]:
    """A pasted list, one entrant per line as `name,mobile` (a Chinese comma is accepted), in
    entry order: refs are the line numbers. Blank lines are skipped."""
    entrants = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sep, mobile = line.replace("，", ",").partition(",")
        if not sep or not name.strip() or not mobile.strip() or "," in mobile:
            raise ValidationError(
                _("Line %(line)d: write one entrant per line as name,mobile.") % {"line": number},
                code="pasted",
            )
        entrants.append((str(len(entrants) + 1), name.strip(), mobile.strip()))
    if len(entrants) > MAX_PASTED:
        raise ValidationError(
            _("At most %(n)d entrants can be pasted.") % {"n": MAX_PASTED}, code="pasted"
        )
    return entrants


def _seed(value) -> str:
    seed = (value or "").strip()
    if not seed:
        raise ValidationError(_("Enter the seed as it was published."), code="required")
    if len(seed) > 200:
        raise ValidationError(_("The seed has at most 200 characters."), code="too_long")
    if any(ch in seed for ch in "\r\n"):
        raise ValidationError(_("The seed is one line of text."), code="seed")
    return seed


def draw_enter_seed(*, actor, draw: Draw, seed: str) -> Draw:
    """Record the public value (surrounding spaces stripped, then used exactly). Once."""
    seed = _seed(seed)
    with write_transaction():
        return _move(
            draw,
            actor=actor,
            action=Action.ENTER_SEED,
            note=seed,
            extra={"seed": seed, "seed_entered_at": timezone.now(), "seed_entered_by": actor},
        )


def draw_confirm_seed(*, actor, draw: Draw, seed: str) -> Draw:
    """A second staff member confirms the seed by typing it again from the public source;
    the one who entered it cannot confirm (four eyes, also a database constraint)."""
    if actor is not None and draw.seed_entered_by_id == actor.pk:
        raise PermissionDenied(_("You entered this seed; another staff member must confirm it."))
    typed = _seed(seed)
    if draw.status == Status.SEED_ENTERED and typed != draw.seed:
        raise ValidationError(
            _(
                "The value you typed (%(typed)s) differs from the seed entered (%(seed)s); check the published value."
            )
            % {"typed": typed, "seed": draw.seed},
            code="mismatch",
        )
    with write_transaction():
        return _move(
            draw,
            actor=actor,
            action=Action.CONFIRM_SEED,
            extra={"seed_confirmed_at": timezone.now(), "seed_confirmed_by": actor},
            exclude={"seed_entered_by": actor},
        )


def draw_run(*, actor, draw: Draw) -> Draw:
    """Run GH-DRAW-1 on the frozen list and the confirmed seed, once, and record each
    entrant's outcome. A second run is refused."""
    _check(actor, draw, Action.RUN, draw.status)
    prizes = list(draw.prizes.order_by("position"))
    result = engine.run_draw(
        draw.list_text.encode("utf-8"), draw.seed, [(p.name, p.count) for p in prizes]
    )
    with write_transaction():
        draw = _move(
            draw,
            actor=actor,
            action=Action.RUN,
            extra={"result": result.as_json(), "drawn_at": timezone.now(), "drawn_by": actor},
        )
        prize_of = {}
        for prize in prizes:
            for number in result.prizes[prize.name]:
                prize_of[number] = prize
        waiting_of = {number: i for i, number in enumerate(result.waiting, start=1)}
        rank_of = {number: i for i, number in enumerate(result.order, start=1)}
        rows = list(draw.entrants.all())
        for row in rows:
            row.rank = rank_of[row.number]
            row.prize = prize_of.get(row.number)
            row.waiting_position = waiting_of.get(row.number)
        DrawEntrant.objects.bulk_update(
            rows, ["rank", "prize", "waiting_position"], batch_size=1000
        )
    return draw


def draw_cancel(*, actor, draw: Draw, reason: str) -> Draw:
    """Cancel before the draw runs; the draw stays visible as cancelled with the reason."""
    reason = _text(reason, _("The reason"))
    with write_transaction():
        return _move(
            draw,
            actor=actor,
            action=Action.CANCEL,
            note=reason,
            extra={"cancelled_at": timezone.now(), "cancelled_by": actor, "cancel_reason": reason},
        )
