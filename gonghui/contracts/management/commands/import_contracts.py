from django.core.management.base import CommandError

from gonghui.contracts.services.importing import contracts_import
from gonghui.core.management.importcommand import ImportCommand
from gonghui.orgs.models import Organisation


class Command(ImportCommand):
    help = (
        "Import a federation's existing register of collective contracts (Excel or CSV, GBK "
        "or UTF-8), one contract a row; all or nothing. Columns: 企业信用代码, 企业名称, "
        "合同类型, 签订日期, 开始日期, 结束日期, 覆盖职工数, 上年平均工资, 调整幅度."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--federation", required=True, help="the federation's code")

    def handle(self, *args, file, federation, **options):
        source = self.check_file(file)
        root = Organisation.objects.filter(code=federation, parent=None).first()
        if root is None:
            raise CommandError(f"没有编码为 {federation} 的总工会。", returncode=2)
        self.finish(contracts_import(actor=None, federation=root, source=source))
