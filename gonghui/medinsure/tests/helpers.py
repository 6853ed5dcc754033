"""Feeding records to the service in tests."""

import io
import json

from django.core.management import call_command

from gonghui.medinsure.feedfiles import csv_bytes, row
from gonghui.medinsure.models import SettlementImport
from gonghui.medinsure.services import settlements_import


def stay(member_or_id, serial, admission, discharge, self_responsibility="3000.00", **cells):
    id_number = getattr(member_or_id, "id_number", member_or_id)
    return row(
        结算流水号=serial,
        身份证号=id_number,
        入院日期=admission,
        出院日期=discharge,
        其中自负=self_responsibility,
        **cells,
    )


def reversal(member_or_id, serial, original, admission, discharge, self_responsibility="3000.00"):
    values = stay(member_or_id, serial, admission, discharge, self_responsibility)
    values.update(结算状态="冲销", 原结算流水号=original)
    return row(**values, negative=True)


def feed(federation, rows, *, encoding="utf-8", **kwargs):
    """Apply rows as a file would be; returns the report."""
    return settlements_import(
        federation=federation,
        source=io.BytesIO(csv_bytes(rows, encoding=encoding)),
        origin=SettlementImport.Source.COMMAND,
        **kwargs,
    )


def command(path, capsys, federation="T") -> dict:
    call_command("import_settlements", str(path), "--federation", federation)
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])
