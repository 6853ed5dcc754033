"""rules_check FILE [FILE ...]: run rule-case files against the rules engine
(../shared/spec/rule-cases.md). Output and exit status: gonghui.core.casefiles."""

from gonghui.core.casefiles import CaseFileCommand
from gonghui.mutual_aid.rules.cases import check_file


class Command(CaseFileCommand):
    help = "Run rule-case YAML files against the mutual-aid rules engine."
    check_file = staticmethod(check_file)
