"""The operator-command contract of commands.md: refused rows with their numbers, a last
line of JSON, exit 0 when applied, 1 when refused, 2 on bad arguments."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.imports import ImportReport


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file")

    def check_file(self, path: str) -> Path:
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"文件不存在：{path}", returncode=2)
        return file

    def finish(self, report: ImportReport) -> None:
        if report.file_error:
            self.stdout.write(f"文件无法导入：{report.file_error}")
        for number, message in report.errors:
            self.stdout.write(f"第 {number} 行：{message}")
        for number, message in report.warnings:
            self.stdout.write(f"第 {number} 行（提醒）：{message}")
        self.stdout.write(json.dumps(report.summary, ensure_ascii=False))
        if not report.applied:
            sys.exit(1)
