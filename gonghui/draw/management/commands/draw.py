"""`python manage.py draw FILE --seed TEXT --prizes "一等奖:2,二等奖:5"` (fair-draw.md).

Re-runs GH-DRAW-1 on a published frozen list. The last line printed is one line of JSON; the
exit status is 0 on success, 1 when the file is not a valid frozen list, 2 on bad arguments."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gonghui.draw import engine

EXIT_BAD_LIST = 1
EXIT_BAD_ARGUMENTS = 2


class Command(BaseCommand):
    help = "Re-run the fair draw GH-DRAW-1 on a published frozen list (fair-draw.md)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="the frozen list exactly as published")
        parser.add_argument("--seed", required=True, help="the seed, used exactly as given")
        parser.add_argument(
            "--prizes",
            default=None,
            help="name:count pairs separated by commas, in definition order",
        )

    def handle(self, *args, file, seed, prizes, **options):
        try:
            seed.encode("utf-8")
        except UnicodeEncodeError:
            raise CommandError(
                _("The seed is not valid text."), returncode=EXIT_BAD_ARGUMENTS
            ) from None
        try:
            prize_list = engine.parse_prizes(prizes)
        except engine.PrizeSpecError as error:
            raise CommandError(str(error), returncode=EXIT_BAD_ARGUMENTS) from None
        try:
            with open(file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror},
                returncode=EXIT_BAD_ARGUMENTS,
            ) from None
        try:
            result = engine.run_draw(data, seed, prize_list)
        except engine.FrozenListError as error:
            raise CommandError(error.message, returncode=EXIT_BAD_LIST) from None
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
