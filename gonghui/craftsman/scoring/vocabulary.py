"""The words of GH-SCORE-1 (../shared/spec/craftsman.md): reason codes and modes, with the
Chinese an applicant reads."""

NOT_MEMBER = "NOT_MEMBER"
SERVICE_YEARS = "SERVICE_YEARS"
ELIGIBILITY_REASONS = {
    NOT_MEMBER: "非工会会员",
    SERVICE_YEARS: "工作年限不足",
}

AFTER_DEADLINE = "AFTER_DEADLINE"
OUT_OF_WINDOW = "OUT_OF_WINDOW"
DUPLICATE_REF = "DUPLICATE_REF"
LINE_REASONS = {
    AFTER_DEADLINE: "日期晚于申报截止日",
    OUT_OF_WINDOW: "日期早于计分期限起始日",
    DUPLICATE_REF: "证书编号与另一条材料重复，不重复计分",
}

REASONS = {**ELIGIBILITY_REASONS, **LINE_REASONS}

BEST = "best"
SUM = "sum"
MODES = {BEST: "取最高一项", SUM: "逐项累加"}
