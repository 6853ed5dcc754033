"""Quotes per second of the mutual-aid rules engine on one core, trace included.

    python bench/bench_rules.py [--quotes 50000] [--repeats 7]

Times `compute` over a fixed mix of realistic situations (stays local and elsewhere, with and
without a critical or female diagnosis, births, special outpatient visits, caps half used,
first-time enrollees in their waiting period, late filings), several repetitions, and reports
the median. Two baselines are timed in the same run over the same count: building the
Situation objects the engine is given, and the one Decimal multiply-and-quantize at the heart
of a quote. No Django needed. Prints a Markdown block.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gonghui.core.money import YUAN, round_money  # noqa: E402
from gonghui.mutual_aid.rules import (  # noqa: E402
    PLANS,
    Before,
    Diagnosis,
    Enrollment,
    Event,
    MemberFacts,
    Parameters,
    Period,
    Situation,
    compute,
)

TARGET = 10_000
PERIOD = Period(start=date(2021, 1, 1), end=date(2021, 12, 31))
DIAGNOSES = [
    ("C11", "severe", False, False),
    ("C50.9", "severe", True, False),
    ("I21.4", "mild", False, False),
    ("D06.9", "none", True, True),
    ("C53.9", "mild", True, False),
]


def situation_specs(count: int, seed: int = 2021) -> list[dict]:
    """Raw facts of `count` claims, as a claim form or a settlement row would carry them."""
    rng = random.Random(seed)
    specs = []
    for _ in range(count):
        kind = rng.choices(
            ["inpatient", "inpatient_diagnosis", "diagnosis", "birth", "special_outpatient"],
            weights=[50, 20, 15, 10, 5],
        )[0]
        admission = PERIOD.start + timedelta(days=rng.randrange(0, 350))
        first_time = rng.random() < 0.15
        specs.append(
            {
                "kind": kind,
                "female": rng.random() < 0.5,
                "basic_medical_insurance": rng.random() < 0.97,
                "enrolled_on": date(2021, 3, 1) if first_time else date(2020, 12, 15),
                "renewal": not first_time,
                "admission": admission,
                "discharge": admission + timedelta(days=rng.choice([0, 3, 7, 12, 20, 45])),
                "place": "local" if rng.random() < 0.8 else "elsewhere",
                "self_responsibility": Decimal(rng.randrange(0, 3_000_000)) / 100,
                "diagnosis": rng.choice(DIAGNOSES),
                "filed_on": admission + timedelta(days=rng.choice([10, 30, 60, 200])),
                "before_subsidy": Decimal(rng.choice([0, 0, 0, 12_000, 34_000, 35_000])),
                "before_days": rng.choice([0, 0, 30, 85, 90]),
                "critical_paid": Decimal(rng.choice([0, 0, 0, 2000])),
            }
        )
    return specs


def build(spec: dict) -> Situation:
    icd10, critical, female_cancer, in_situ = spec["diagnosis"]
    diagnosis = Diagnosis(
        icd10=icd10,
        first_diagnosed=spec["admission"],
        critical=critical,
        female_cancer=female_cancer,
        in_situ=in_situ,
    )
    kind = spec["kind"]
    if kind == "birth":
        event = Event(type="birth", date=spec["admission"])
    elif kind == "diagnosis":
        event = Event(type="diagnosis", diagnosis=diagnosis)
    else:
        event = Event(
            type="special_outpatient" if kind == "special_outpatient" else "inpatient",
            admission=spec["admission"],
            discharge=spec["discharge"],
            place=spec["place"],
            self_responsibility=spec["self_responsibility"],
            diagnosis=diagnosis if kind == "inpatient_diagnosis" else None,
        )
    return Situation(
        period=PERIOD,
        member=MemberFacts(
            gender="female" if spec["female"] else "male",
            basic_medical_insurance=spec["basic_medical_insurance"],
            maternity_insurance=spec["female"],
            enrollment=Enrollment(
                plans=frozenset(PLANS), date=spec["enrolled_on"], renewal=spec["renewal"]
            ),
        ),
        event=event,
        filed_on=spec["filed_on"],
        before=Before(
            inpatient_subsidy=spec["before_subsidy"],
            inpatient_allowance_days=spec["before_days"],
            critical_paid=spec["critical_paid"],
        ),
    )


def rate(work, quotes: int, repeats: int) -> tuple[float, list[float]]:
    """Median per-second rate of `work()` (which does `quotes` units) over `repeats` runs,
    after one untimed run to warm caches up."""
    work()
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        rates.append(quotes / (time.perf_counter() - started))
    return statistics.median(rates), rates


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args()
    quotes, repeats = options.quotes, options.repeats

    pinning = pin_to_one_core()
    parameters = Parameters.defaults()
    specs = situation_specs(1000)
    situations = [build(spec) for spec in specs]
    workload = [situations[index % len(situations)] for index in range(quotes)]
    spec_load = [specs[index % len(specs)] for index in range(quotes)]
    products = [
        (situation.event.self_responsibility, parameters.local_rate) for situation in workload
    ]

    mr_cheng = compute(build_mr_cheng(), parameters)
    assert mr_cheng.total == Decimal(9961), mr_cheng.total

    results = [compute(situation, parameters) for situation in situations]
    paying = sum(1 for result in results if result.lines)
    refused = sum(1 for result in results if result.refused)
    steps = statistics.mean(len(result.trace) for result in results)

    def quote_all():
        for situation in workload:
            compute(situation, parameters)

    def build_all():
        for spec in spec_load:
            build(spec)

    def multiply_all():
        for amount, share in products:
            round_money(amount * share, YUAN)

    engine, engine_runs = rate(quote_all, quotes, repeats)
    building, _ = rate(build_all, quotes, repeats)
    arithmetic, _ = rate(multiply_all, quotes, repeats)

    print("### rules engine: quotes per second (one core, with the trace)\n")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPUs ({cpu_model()}), {pinning}")
    print(f"- Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"- date: {time.strftime('%Y-%m-%d')}")
    print(
        f"- mix: {len(situations)} distinct situations cycled to {quotes:,} quotes a run, "
        f"{repeats} runs; {paying / len(results):.0%} pay a line, "
        f"{refused / len(results):.0%} refuse a plan, {steps:.1f} trace steps a quote"
    )
    print(f"- command: `{sys.executable} bench/bench_rules.py`\n")
    print("| measure | per second (median) | engine ÷ this |")
    print("|---|---:|---:|")
    print(f"| `compute` with the trace | {engine:,.0f} | 1.00 |")
    print(
        f"| baseline: building the Situation objects | {building:,.0f} | {engine / building:.2f} |"
    )
    print(
        f"| baseline: one Decimal multiply-and-quantize | {arithmetic:,.0f} "
        f"| {engine / arithmetic:.3f} |"
    )
    verdict = "met" if engine >= TARGET else "NOT met"
    runs = ", ".join(f"{run:,.0f}" for run in engine_runs)
    print(f"\nTarget ≥ {TARGET:,} quotes/s: **{verdict}** (runs: {runs}).")
    return 0 if engine >= TARGET else 1


def build_mr_cheng() -> Situation:
    """Seed 000, to check that the benchmark times the real rules."""
    return Situation(
        period=PERIOD,
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
            self_responsibility=Decimal("7668.71"),
            diagnosis=Diagnosis(icd10="C11", first_diagnosed=date(2021, 4, 2), critical="severe"),
        ),
        filed_on=date(2021, 7, 21),
    )


if __name__ == "__main__":
    sys.exit(main())
