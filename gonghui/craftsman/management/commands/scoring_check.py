"""scoring_check FILE [FILE ...]: run scoring-case files against the craftsman points engine
(GH-SCORE-1, ../shared/spec/craftsman.md). Output and exit status: gonghui.core.casefiles."""

from gonghui.core.casefiles import CaseFileCommand
from gonghui.craftsman.scoring.cases import check_file


class Command(CaseFileCommand):
    help = "Run scoring-case YAML files against the craftsman points engine (GH-SCORE-1)."
    check_file = staticmethod(check_file)
