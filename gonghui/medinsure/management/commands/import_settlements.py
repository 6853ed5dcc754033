from django.core.management.base import CommandError

from gonghui.core.management.importcommand import ImportCommand
from gonghui.medinsure.models import SettlementImport
from gonghui.medinsure.services import settlements_import
from gonghui.orgs.models import Organisation, OrgKind


class Command(ImportCommand):
    help = (
        "Import the medical insurance bureau's settlement records (Excel or CSV in UTF-8 or "
        "GBK) for a federation, through its column mapping. Bad rows are reported and the "
        "rest applied, as if --skip-bad-rows were always given; importing a file again adds "
        "nothing. Ends with the summary {rows, imported, rejected, duplicates, reversals, "
        "matched, benefits, amount}."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--federation", required=True, help="the federation's code")
        parser.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="accepted for symmetry with the other imports: always the case here",
        )

    def handle(self, *args, file, federation, **options):
        source = self.check_file(file)
        found = Organisation.objects.filter(code=federation, kind=OrgKind.FEDERATION).first()
        if found is None:
            raise CommandError(f"没有编码为 {federation} 的总工会。", returncode=2)
        with open(source, "rb") as handle:
            report = settlements_import(
                federation=found,
                source=handle,
                origin=SettlementImport.Source.COMMAND,
                original_name=source.name,
            )
        self.finish(report)
