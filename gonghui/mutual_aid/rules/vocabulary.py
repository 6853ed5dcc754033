"""The words of rule-cases.md: plans, payout lines, event kinds and reason codes, with the
Chinese a member reads."""

INPATIENT = "INPATIENT"
CRITICAL = "CRITICAL"
FEMALE = "FEMALE"
MATERNITY = "MATERNITY"
PLANS = (INPATIENT, CRITICAL, FEMALE, MATERNITY)

PLAN_LABELS = {
    INPATIENT: "职工住院医疗互助保障",
    CRITICAL: "职工重大疾病互助保障",
    FEMALE: "女职工特殊病互助保障",
    MATERNITY: "女职工生育特定互助金",
}

INPATIENT_SUBSIDY = "INPATIENT.subsidy"
INPATIENT_ALLOWANCE = "INPATIENT.allowance"
CRITICAL_LUMP_SUM = "CRITICAL.lump_sum"
FEMALE_LUMP_SUM = "FEMALE.lump_sum"
MATERNITY_LUMP_SUM = "MATERNITY.lump_sum"

LINE_LABELS = {
    INPATIENT_SUBSIDY: "住院医疗费补助",
    INPATIENT_ALLOWANCE: "住院津贴",
    CRITICAL_LUMP_SUM: "重大疾病互助保障金",
    FEMALE_LUMP_SUM: "女职工特殊病互助金",
    MATERNITY_LUMP_SUM: "生育特定互助金",
}

# Event types, places, severities and genders as the case files spell them.
INPATIENT_STAY = "inpatient"
SPECIAL_OUTPATIENT = "special_outpatient"
DIAGNOSIS = "diagnosis"
BIRTH = "birth"
EVENT_TYPES = (INPATIENT_STAY, SPECIAL_OUTPATIENT, DIAGNOSIS, BIRTH)
PLACES = ("local", "elsewhere")
SEVERITIES = ("none", "mild", "severe")
GENDERS = ("male", "female")

PAST_DEADLINE = "PAST_DEADLINE"
OUTSIDE_PERIOD = "OUTSIDE_PERIOD"
NOT_COVERED_CATEGORY = "NOT_COVERED_CATEGORY"
NOT_APPLICABLE = "NOT_APPLICABLE"
NOT_ENROLLED = "NOT_ENROLLED"
NO_BASIC_MEDICAL_INSURANCE = "NO_BASIC_MEDICAL_INSURANCE"
NO_MATERNITY_INSURANCE = "NO_MATERNITY_INSURANCE"
NOT_FIRST_DIAGNOSIS = "NOT_FIRST_DIAGNOSIS"
WAITING_PERIOD = "WAITING_PERIOD"
IN_SITU_EXCLUDED = "IN_SITU_EXCLUDED"
CAP_REACHED = "CAP_REACHED"

# In the order rule-cases.md checks them: the first that applies is the reason.
REASONS = {
    PAST_DEADLINE: "申请已超过本期的申请截止日，逾期的申请不能受理。",
    OUTSIDE_PERIOD: "这次住院（以出院日期为准）、确诊或分娩不在本期保障期内，请按所属的保障期申请。",
    NOT_COVERED_CATEGORY: "特殊病门诊不属于住院医疗互助保障的范围，只有住院才能申请。",
    NOT_APPLICABLE: "这个项目只面向女职工。",
    NOT_ENROLLED: "您本期没有参加这个保障项目。",
    NO_BASIC_MEDICAL_INSURANCE: "这个项目要求参加城镇职工基本医疗保险，您没有参加。",
    NO_MATERNITY_INSURANCE: "生育特定互助金要求参加生育保险，您没有参加。",
    NOT_FIRST_DIAGNOSIS: "这种疾病在您参保生效之前已经确诊，不属于保障期内的首次确诊。",
    WAITING_PERIOD: "首次参保（或中断后重新参保）有观察期，观察期内发生的疾病不予支付（意外伤害住院除外）。",
    IN_SITU_EXCLUDED: "原位癌不在女职工特殊病互助保障的范围内。",
    CAP_REACHED: "您本期在这个项目上已经领满上限。",
}
