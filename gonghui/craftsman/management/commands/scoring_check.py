"""scoring_check FILE [FILE ...]: run scoring-case files against the craftsman points engine
(GH-SCORE-1, ../shared/spec/craftsman.md). One line per case, then `N passed, M failed`; exit status 0
when every case passed, 1 when any failed, 2 on bad arguments (a file that does not exist).
A directory stands for the .yaml files inside it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.craftsman.scoring.cases import check_file


class Command(BaseCommand):
    help = "Run scoring-case YAML files against the craftsman points engine (GH-SCORE-1)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        paths = []
        for name in files:
            path = Path(name)
            if path.is_dir():
                paths.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
            elif path.is_file():
                paths.append(path)
            else:
                raise CommandError(f"no such file: {name}", returncode=2)
        passed = failed = 0
        for path in paths:
            # Names are unique within a file only: with several files, say which one.
            prefix = f"{path.name} › " if len(paths) > 1 else ""
            for outcome in check_file(path):
                if outcome.passed:
                    passed += 1
                    self.stdout.write(f"PASS  {prefix}{outcome.name}")
                else:
                    failed += 1
                    self.stdout.write(f"FAIL  {prefix}{outcome.name}")
                    for line in outcome.detail:
                        self.stdout.write(f"      {line}")
        self.stdout.write(f"{passed} passed, {failed} failed")
        if failed:
            raise SystemExit(1)
