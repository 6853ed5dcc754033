import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core.dates import parse_date
from gonghui.core.imports import error_text
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import PeriodStatus, Plan
from gonghui.orgs.models import Organisation

DEFAULT_CONTRIBUTION = "50"  # yuan a person and plan (Tongxiang, seed 003)


class Command(BaseCommand):
    help = (
        "Create a period of a federation's mutual-aid scheme with the default parameters and "
        "open it for enrollment. Ends with one line of JSON: {period, plans}."
    )

    def add_arguments(self, parser):
        parser.add_argument("--federation", required=True, help="the federation's code, e.g. LQ")
        parser.add_argument("--code", required=True, help="the period's code, e.g. LQ2026")
        parser.add_argument("--start", required=True, help="first day of cover")
        parser.add_argument("--end", required=True, help="last day of cover")
        parser.add_argument(
            "--plans",
            default=",".join(Plan.values),
            help="comma-separated plan codes (default: all four)",
        )
        parser.add_argument(
            "--contribution",
            default=DEFAULT_CONTRIBUTION,
            help="contribution per person for each plan, in yuan (default 50)",
        )

    def handle(self, *args, federation, code, start, end, plans, contribution, **options):
        org = Organisation.objects.filter(code=federation).first()
        if org is None:
            raise CommandError(
                _("No organisation has the code %(code)s.") % {"code": federation}, returncode=2
            )
        try:
            start_date, end_date = parse_date(start), parse_date(end)
        except ValueError as exc:
            raise CommandError(
                _("A date cannot be read: %(error)s") % {"error": exc}, returncode=2
            ) from exc
        chosen = [plan.strip().upper() for plan in plans.split(",") if plan.strip()]
        unknown = [plan for plan in chosen if plan not in Plan.values]
        if unknown or not chosen:
            raise CommandError(
                _("Unknown plan: %(plans)s. The plans are %(choices)s.")
                % {"plans": ", ".join(unknown) or "-", "choices": ", ".join(Plan.values)},
                returncode=2,
            )
        try:
            with transaction.atomic():
                scheme = services.scheme_create(actor=None, federation=org)
                period = services.period_create(
                    actor=None,
                    scheme=scheme,
                    code=code,
                    start=start_date,
                    end=end_date,
                    plans=dict.fromkeys(chosen, contribution),
                )
                services.period_transition(
                    actor=None, period=period, to=PeriodStatus.ENROLLING, note="create_period"
                )
        except ValidationError as exc:
            self.stdout.write(_("Not created: %(reason)s") % {"reason": error_text(exc)})
            self.stdout.write(json.dumps({"period": None, "plans": []}, ensure_ascii=False))
            sys.exit(1)
        self.stdout.write(
            _(
                "Created %(period)s of %(federation)s: cover %(start)s to %(end)s, claims until "
                "%(deadline)s; open for enrollment."
            )
            % {
                "period": period,
                "federation": scheme.federation.name,
                "start": period.start,
                "end": period.end,
                "deadline": period.claim_deadline,
            }
        )
        self.stdout.write(json.dumps({"period": period.code, "plans": chosen}, ensure_ascii=False))
