from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from gonghui.core.management.importcommand import ImportCommand
from gonghui.mutual_aid.models import Period
from gonghui.mutual_aid.services import enrollment_import


class Command(ImportCommand):
    help = (
        "Enroll members in a period from Excel or CSV (工会编码, 姓名, 身份证号, 手机号, 参保项目, "
        "参保日期, 是否续保, 基本医疗保险, 生育保险); all or nothing unless --skip-bad-rows."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--period", required=True, help="the period's code")
        parser.add_argument(
            "--federation", help="the federation's code, when several use the same period code"
        )
        parser.add_argument("--paid", action="store_true", help="record the contributions as paid")
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help="apply the good rows, report the bad"
        )

    def handle(self, *args, file, period, federation, paid, skip_bad_rows, **options):
        source = self.check_file(file)
        periods = Period.objects.filter(code=period).select_related("scheme__federation")
        if federation:
            periods = periods.filter(scheme__federation__code=federation)
        found = list(periods[:2])
        if not found:
            raise CommandError(
                _("No period has the code %(code)s.") % {"code": period}, returncode=2
            )
        if len(found) > 1:
            raise CommandError(
                _("Several federations have a period %(code)s; name one with --federation.")
                % {"code": period},
                returncode=2,
            )
        self.finish(
            enrollment_import(
                actor=None,
                period=found[0],
                source=source,
                paid=paid,
                skip_bad_rows=skip_bad_rows,
            )
        )
