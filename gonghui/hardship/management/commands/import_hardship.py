from django.core.management.base import CommandError

from gonghui.accounts.models import User
from gonghui.core.management.importcommand import ImportCommand
from gonghui.hardship import access
from gonghui.hardship.services.importing import files_import


class Command(ImportCommand):
    help = (
        "Import active hardship files from a federation's old system (Excel or CSV), one "
        "household a row; all or nothing. Columns: see the staff import page."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--user",
            help="Import as this staff user (their subtree is the scope). Without it the "
            "import is unscoped and recorded as a command-line import.",
        )

    def handle(self, *args, file, user=None, **options):
        source = self.check_file(file)
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None or not access.can_import(actor):
                raise CommandError(f"{user} 不是可以导入困难职工档案的工作人员。", returncode=2)
        self.finish(files_import(actor=actor, source=source))
