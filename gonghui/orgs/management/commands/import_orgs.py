from gonghui.core.management.importcommand import ImportCommand
from gonghui.orgs.services import orgs_import


class Command(ImportCommand):
    help = "Import organisations (编码, 名称, 类型, 上级编码) from Excel or CSV; all or nothing."

    def handle(self, *args, file, **options):
        self.finish(orgs_import(source=self.check_file(file)))
