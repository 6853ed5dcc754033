import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from gonghui.mutual_aid.rules import (
    LINE_LABELS,
    PARAMETERS,
    PLAN_LABELS,
    PLANS,
    REASONS,
    Before,
    Diagnosis,
    Enrollment,
    Event,
    MemberFacts,
    Parameters,
    Period,
    Situation,
    claim_deadline,
    compute,
    plans_called,
)

YEAR_2021 = Period(start=date(2021, 1, 1), end=date(2021, 12, 31))
NASOPHARYNGEAL_CARCINOMA = Diagnosis(
    icd10="C11", first_diagnosed=date(2021, 4, 2), critical="severe"
)


def mr_cheng(**changes) -> Situation:
    """Seed 000: 12 days in hospital, 自负 7,668.71, nasopharyngeal carcinoma."""
    situation = Situation(
        period=YEAR_2021,
        member=MemberFacts(
            gender="male",
            basic_medical_insurance=True,
            maternity_insurance=False,
            enrollment=Enrollment(plans=frozenset(PLANS), date=date(2020, 12, 15), renewal=True),
        ),
        event=Event(
            type="inpatient",
            admission=date(2021, 4, 1),
            discharge=date(2021, 4, 13),
            place="local",
            self_responsibility=Decimal("7668.71"),
            diagnosis=NASOPHARYNGEAL_CARCINOMA,
        ),
        filed_on=date(2021, 7, 21),
    )
    return dataclasses.replace(situation, **changes)


def texts(result) -> list[str]:
    return [step.text for step in result.trace]


def test_mr_cheng_is_paid_the_three_lines_of_seed_000():
    result = compute(mr_cheng(), Parameters.defaults())
    assert result.lines == {
        "INPATIENT.subsidy": Decimal("4601"),
        "INPATIENT.allowance": Decimal("360"),
        "CRITICAL.lump_sum": Decimal("5000"),
    }
    assert result.refused == {}
    assert result.total == Decimal("9961")
    assert result.parameters_version == "路桥默认参数"


def test_mr_cheng_trace_reads_as_the_worked_example():
    result = compute(mr_cheng(), Parameters.defaults())
    assert texts(result) == [
        "自负费用 7,668.71 元 × 60%（本地就医）= 4,601.226 元，四舍五入到元：4,601 元",
        "住院 12 天 × 30 元 = 360 元",
        "重大疾病首次确诊（重度，C11）：5,000 元",
        "合计 9,961 元",
    ]
    subsidy = result.trace[0]
    assert (subsidy.plan, subsidy.line, subsidy.rule) == (
        "INPATIENT",
        "INPATIENT.subsidy",
        "INPATIENT.subsidy",
    )
    assert subsidy.inputs == {"self_responsibility": "7668.71", "rate": "0.60"}


def test_reform_mr_cheng_at_a_local_rate_of_55_percent_gets_4218():
    reformed = Parameters.from_mapping({"INPATIENT.local_rate": "0.55"}, version="第3期 v2")
    result = compute(mr_cheng(), reformed)
    assert result.lines["INPATIENT.subsidy"] == Decimal("4218")
    assert result.total == Decimal("9578")
    assert result.parameters_version == "第3期 v2"
    assert texts(result)[0] == (
        "自负费用 7,668.71 元 × 55%（本地就医）= 4,217.7905 元，四舍五入到元：4,218 元"
    )


def test_the_cap_sentences_say_what_was_paid_and_what_is_left():
    before = Before(
        inpatient_subsidy=Decimal("34000"), inpatient_allowance_days=85, critical_paid=Decimal(2000)
    )
    result = compute(mr_cheng(before=before), Parameters.defaults())
    assert result.lines == {
        "INPATIENT.subsidy": Decimal("1000"),
        "INPATIENT.allowance": Decimal("150"),
        "CRITICAL.lump_sum": Decimal("3000"),
    }
    assert texts(result) == [
        "自负费用 7,668.71 元 × 60%（本地就医）= 4,601.226 元，四舍五入到元：4,601 元",
        "本期补助上限 35,000 元，已领 34,000 元，本次最多 1,000 元",
        "本期住院津贴最多 90 天，已领 85 天，本次最多 5 天",
        "住院 12 天，按 5 天计：5 天 × 30 元 = 150 元",
        "重大疾病首次确诊（重度，C11）：5,000 元",
        "本期重大疾病互助保障金上限 5,000 元，已领 2,000 元，本次最多 3,000 元",
        "合计 4,150 元",
    ]


def test_a_refusal_sentence_gives_the_reason_and_the_dates():
    result = compute(mr_cheng(filed_on=date(2022, 4, 1)), Parameters.defaults())
    assert result.refused == {"INPATIENT": "PAST_DEADLINE", "CRITICAL": "PAST_DEADLINE"}
    assert result.lines == {}
    assert texts(result) == [
        "职工住院医疗互助保障不予支付：申请已超过本期的申请截止日，逾期的申请不能受理"
        "（申请日期 2022年4月1日，截止日 2022年3月31日）。",
        "职工重大疾病互助保障不予支付：申请已超过本期的申请截止日，逾期的申请不能受理"
        "（申请日期 2022年4月1日，截止日 2022年3月31日）。",
        "合计 0 元",
    ]
    refusal = result.trace[0]
    assert (refusal.plan, refusal.line, refusal.rule) == ("INPATIENT", None, "INPATIENT.refused")
    assert refusal.inputs == {"reason": "PAST_DEADLINE"}


def test_a_waiting_period_refusal_says_when_cover_starts():
    first_time = dataclasses.replace(
        mr_cheng().member,
        enrollment=Enrollment(plans=frozenset(PLANS), date=date(2021, 3, 1), renewal=False),
    )
    result = compute(mr_cheng(member=first_time), Parameters.defaults())
    assert result.refused == {"INPATIENT": "WAITING_PERIOD", "CRITICAL": "WAITING_PERIOD"}
    assert (
        "入院日期 2021年4月1日，参保生效 2021年3月1日，观察期 90 天，2021年5月30日起保障"
        in (texts(result)[0])
    )


def test_fen_rounding_is_half_up_and_says_so():
    event = dataclasses.replace(
        mr_cheng().event, place="elsewhere", self_responsibility=Decimal("1234.57"), diagnosis=None
    )
    result = compute(mr_cheng(event=event), Parameters.from_mapping({"rounding": "fen_half_up"}))
    assert result.lines["INPATIENT.subsidy"] == Decimal("617.29")
    assert texts(result)[0] == (
        "自负费用 1,234.57 元 × 50%（异地就医）= 617.285 元，四舍五入到分：617.29 元"
    )
    assert texts(result)[-1] == "合计 977.29 元"


def test_an_exact_product_needs_no_rounding_words():
    event = dataclasses.replace(mr_cheng().event, self_responsibility=Decimal(3000), diagnosis=None)
    result = compute(mr_cheng(event=event), Parameters.defaults())
    assert texts(result)[0] == "自负费用 3,000 元 × 60%（本地就医）= 1,800 元"


def test_maternity_and_female_sentences():
    woman = MemberFacts(
        gender="female",
        basic_medical_insurance=True,
        maternity_insurance=True,
        enrollment=Enrollment(plans=frozenset(PLANS), date=date(2020, 12, 15), renewal=True),
    )
    birth = compute(
        mr_cheng(member=woman, event=Event(type="birth", date=date(2021, 3, 2))),
        Parameters.defaults(),
    )
    assert birth.lines == {"MATERNITY.lump_sum": Decimal(600)}
    assert texts(birth)[0] == "2021年3月2日分娩，在本期保障期内：生育特定互助金 600 元"
    breast_cancer = Event(
        type="diagnosis",
        diagnosis=Diagnosis(
            icd10="C50.9", first_diagnosed=date(2021, 5, 2), critical="severe", female_cancer=True
        ),
    )
    result = compute(mr_cheng(member=woman, event=breast_cancer), Parameters.defaults())
    assert result.total == Decimal(10000)
    assert "女职工特殊病首次确诊（原发性女性癌症，C50.9）：5,000 元，每期领一次" in texts(result)


@pytest.mark.parametrize(
    ("event", "plans"),
    [
        (
            Event(type="inpatient", admission=date(2021, 1, 1), discharge=date(2021, 1, 2)),
            ("INPATIENT",),
        ),
        (
            Event(
                type="inpatient",
                admission=date(2021, 1, 1),
                discharge=date(2021, 1, 2),
                diagnosis=Diagnosis(
                    first_diagnosed=date(2021, 1, 1), critical="mild", female_cancer=True
                ),
            ),
            ("INPATIENT", "CRITICAL", "FEMALE"),
        ),
        (
            Event(
                type="special_outpatient",
                diagnosis=Diagnosis(first_diagnosed=date(2021, 1, 1), critical="severe"),
            ),
            ("INPATIENT",),
        ),
        (
            Event(
                type="diagnosis",
                diagnosis=Diagnosis(first_diagnosed=date(2021, 1, 1), female_cancer=True),
            ),
            ("FEMALE",),
        ),
        (Event(type="diagnosis", diagnosis=Diagnosis(icd10="E11.9")), ()),
        (Event(type="birth", date=date(2021, 1, 1)), ("MATERNITY",)),
    ],
)
def test_plans_called(event, plans):
    assert plans_called(event) == plans


def test_claim_deadline_is_the_last_day_of_the_third_month_after_the_period():
    assert claim_deadline(YEAR_2021, Parameters.defaults()) == date(2022, 3, 31)
    yongkang = Period(start=date(2018, 7, 1), end=date(2019, 6, 30))
    one_month = Parameters.from_mapping({"claim_deadline_months": 1})
    assert claim_deadline(yongkang, one_month) == date(2019, 7, 31)


def test_labels_and_reasons_are_complete():
    assert PLAN_LABELS == {
        "INPATIENT": "职工住院医疗互助保障",
        "CRITICAL": "职工重大疾病互助保障",
        "FEMALE": "女职工特殊病互助保障",
        "MATERNITY": "女职工生育特定互助金",
    }
    assert LINE_LABELS == {
        "INPATIENT.subsidy": "住院医疗费补助",
        "INPATIENT.allowance": "住院津贴",
        "CRITICAL.lump_sum": "重大疾病互助保障金",
        "FEMALE.lump_sum": "女职工特殊病互助金",
        "MATERNITY.lump_sum": "生育特定互助金",
    }
    assert list(REASONS) == [
        "PAST_DEADLINE",
        "OUTSIDE_PERIOD",
        "NOT_COVERED_CATEGORY",
        "NOT_APPLICABLE",
        "NOT_ENROLLED",
        "NO_BASIC_MEDICAL_INSURANCE",
        "NO_MATERNITY_INSURANCE",
        "NOT_FIRST_DIAGNOSIS",
        "WAITING_PERIOD",
        "IN_SITU_EXCLUDED",
        "CAP_REACHED",
    ]
    assert all(sentence.endswith("。") for sentence in REASONS.values())


def test_the_thirteen_parameters_and_their_defaults():
    assert Parameters.defaults().as_mapping() == {
        "rounding": "yuan_half_up",
        "waiting_days": "90",
        "claim_deadline_months": "3",
        "INPATIENT.local_rate": "0.60",
        "INPATIENT.elsewhere_rate": "0.50",
        "INPATIENT.subsidy_cap": "35000",
        "INPATIENT.allowance_per_day": "30",
        "INPATIENT.allowance_max_days": "90",
        "CRITICAL.severe": "5000",
        "CRITICAL.mild": "2000",
        "CRITICAL.cap": "5000",
        "FEMALE.amount": "5000",
        "MATERNITY.amount": "600",
    }
    assert {name: spec.default for name, spec in PARAMETERS.items()} == (
        Parameters.defaults().as_mapping()
    )
    assert PARAMETERS["rounding"].choices == ("yuan_half_up", "fen_half_up")
    assert PARAMETERS["INPATIENT.local_rate"].label_zh == "住院本地就医补助比例"
    assert [spec.kind for spec in PARAMETERS.values()].count("int") == 3


def test_parameters_are_typed_versioned_and_immutable():
    parameters = Parameters.from_mapping(
        {"INPATIENT.local_rate": 0.55, "waiting_days": "60", "rounding": "fen_half_up"},
        version="第3期 v2",
    )
    assert parameters.get("INPATIENT.local_rate") == Decimal("0.55")
    assert parameters.get("waiting_days") == 60
    assert parameters.get("CRITICAL.cap") == Decimal(5000)
    assert parameters.version == "第3期 v2"
    assert Parameters.from_mapping(parameters.as_mapping(), version="第3期 v2") == parameters
    with pytest.raises(AttributeError):
        parameters.local_rate = Decimal("0.9")
    with pytest.raises(KeyError, match="未知参数"):
        parameters.get("INPATIENT.rate")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"INPATIENT.rate": "0.6"}, "未知参数“INPATIENT.rate”"),
        (
            {"INPATIENT.local_rate": "1.5"},
            "参数“INPATIENT.local_rate”（住院本地就医补助比例）的值 '1.5' 无效：应为 0 到 1 之间的小数",
        ),
        ({"INPATIENT.elsewhere_rate": "五成"}, "参数“INPATIENT.elsewhere_rate”"),
        (
            {"rounding": "half_even"},
            "参数“rounding”（金额取整方式）的值 'half_even' 无效：应为以下之一：yuan_half_up、fen_half_up",
        ),
        ({"waiting_days": "90.5"}, "参数“waiting_days”（首次参保观察期（天））的值 '90.5' 无效"),
        ({"waiting_days": -1}, "应为 0 到 3660 之间的整数"),
        ({"INPATIENT.subsidy_cap": "35000.001"}, "金额，最多两位小数"),
        ({"CRITICAL.severe": "-5000"}, "参数“CRITICAL.severe”"),
        ({"MATERNITY.amount": True}, "参数“MATERNITY.amount”"),
        ({"FEMALE.amount": "NaN"}, "参数“FEMALE.amount”"),
    ],
)
def test_parameters_refuse_bad_values_naming_the_parameter(mapping, message):
    with pytest.raises(ValueError) as raised:
        Parameters.from_mapping(mapping)
    assert message in str(raised.value)


def test_facts_refuse_impossible_situations():
    with pytest.raises(ValueError, match="出院日期 2021-04-01 早于入院日期 2021-04-13"):
        Event(type="inpatient", admission=date(2021, 4, 13), discharge=date(2021, 4, 1))
    with pytest.raises(ValueError, match="不能是 7668.71"):
        Event(
            type="inpatient",
            admission=date(2021, 4, 1),
            discharge=date(2021, 4, 13),
            self_responsibility=7668.71,
        )
    with pytest.raises(ValueError, match="不能为负数"):
        Before(inpatient_subsidy=Decimal("-1"))
    with pytest.raises(ValueError, match="首次确诊日期"):
        Event(type="diagnosis", diagnosis=Diagnosis(critical="severe"))
    with pytest.raises(ValueError, match="未知的保障项目：DENTAL"):
        Enrollment(plans={"DENTAL"}, date=date(2021, 1, 1), renewal=True)
    with pytest.raises(ValueError, match="分娩日期"):
        Event(type="birth")
    assert Event(
        type="inpatient",
        admission=date(2021, 4, 1),
        discharge=date(2021, 4, 2),
        self_responsibility="1,200.50",
    ).self_responsibility == Decimal("1200.50")


def refusal(result, plan) -> str:
    return next(step.text for step in result.trace if step.rule == f"{plan}.refused")


def test_a_mans_critical_cap_is_refused_with_the_critical_cap_not_the_female_plan():
    """The cap reason once named the female plan for every plan it refused."""
    result = compute(mr_cheng(before=Before(critical_paid=Decimal("5000"))), Parameters.defaults())
    assert result.refused == {"CRITICAL": "CAP_REACHED"}
    text = refusal(result, "CRITICAL")
    assert "女职工" not in text
    assert text == (
        "职工重大疾病互助保障不予支付：您本期在这个项目上已经领满上限"
        "（本期上限 5,000 元，已领 5,000 元）。"
    )


def test_the_inpatient_cap_refusal_names_both_inpatient_caps():
    spent = Before(inpatient_subsidy=Decimal("35000"), inpatient_allowance_days=90)
    result = compute(mr_cheng(before=spent), Parameters.defaults())
    assert result.refused["INPATIENT"] == "CAP_REACHED"
    assert refusal(result, "INPATIENT") == (
        "职工住院医疗互助保障不予支付：您本期在这个项目上已经领满上限（住院医疗费补助本期上限 "
        "35,000 元，已领 35,000 元；住院津贴本期最多 90 天，已领 90 天）。"
    )


def test_the_female_plan_refusal_says_once_a_period():
    breast_cancer = Diagnosis(
        icd10="C50", first_diagnosed=date(2021, 4, 2), critical="severe", female_cancer=True
    )
    woman = dataclasses.replace(mr_cheng().member, gender="female")
    situation = mr_cheng(
        member=woman,
        event=dataclasses.replace(mr_cheng().event, diagnosis=breast_cancer),
        before=Before(female_paid=Decimal("5000")),
    )
    result = compute(situation, Parameters.defaults())
    assert result.refused["FEMALE"] == "CAP_REACHED"
    assert "女职工特殊病互助金每期只领一次，本期已领 5,000 元" in refusal(result, "FEMALE")
