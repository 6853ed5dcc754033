"""Settlement files written the way a bureau's system writes them: for the demo, the tests and
the benchmark."""

import csv
import io

from gonghui.medinsure.models import FIELD_HEADERS

HEADER = list(FIELD_HEADERS.values())
DEFAULTS = {
    "结算状态": "正常",
    "姓名": "测试",
    "医疗类别": "住院",
    "定点医疗机构名称": "长兴县人民医院",
    "医院等级": "二级",
    "就医地": "本地",
    "医疗总费用": "10000.00",
    "统筹基金支付": "6000.00",
    "个人支付": "4000.00",
    "其中自负": "3000.00",
    "其中自理": "600.00",
    "其中自费": "400.00",
}


def row(**cells) -> dict:
    """A row from Chinese headers; negative=True negates every amount (a 冲销 row)."""
    negative = cells.pop("negative", False)
    values = {**DEFAULTS, **cells}
    if negative:
        for column in (
            "医疗总费用",
            "统筹基金支付",
            "个人支付",
            "其中自负",
            "其中自理",
            "其中自费",
        ):
            values[column] = "-" + values[column].lstrip("-")
    return values


def csv_bytes(rows: list[dict], *, encoding: str = "utf-8", header=None) -> bytes:
    header = header or HEADER
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return buffer.getvalue().encode(encoding)
