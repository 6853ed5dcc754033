"""Settlement import at province scale: the medical-insurance feed end to end on PostgreSQL,
against PostgreSQL's own COPY of the same file, with the peak memory of the importing
process; plus the SQLite figure for 100,000 rows.

    python bench/bench_settlements.py                 # 1,000,000 members and records (full)
    python bench/bench_settlements.py --quick         # 20,000 of each (what `make bench` runs)
    python bench/bench_settlements.py --rows 200000 --members 200000

The scenario: one county federation with 1,000 grassroots unions, one period (2025) with the
four plans, N enrolled members (INPATIENT and CRITICAL for everyone, FEMALE and MATERNITY for
women; 85% renewals) loaded by COPY with their ID numbers encrypted and hashed in two worker
processes; a bureau file of N records (CSV, UTF-8): about a third for enrolled members, 85%
住院, 5% 生育, 6% 门诊慢特病, 4% 普通门诊, 2% 冲销 of earlier rows, 1% rows sent twice, 0.5%
bad rows of five kinds, mixed date formats, thousands separators, lower-case x and padded ID
numbers, 3% malignant diagnoses.

Measured, each in a fresh process: COPY of the file into a bare staging table (psycopg
`copy`, text columns, logged and unlogged); `import_settlements`'s service on a file of
100,000 rows and on the full file (parse, validate, encrypt, store, match, compute, create
notices), with ru_maxrss; the same 100,000 rows on SQLite. Prints a Markdown block; exit 1
when a target is missed on a full-size run. The databases it creates are dropped at the end
(unless --keep).
"""

import argparse
import csv
import datetime
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_URL = "postgres://postgres@127.0.0.1:5432/"
BENCH_DB = "medinsure_bench"
# A fixed key for the benchmark only: never the developer's key file.
ENV = {
    "GONGHUI_ENCRYPTION_KEY": "YmVuY2htYXJrLW9ubHkta2V5LTAxMjM0NTY3ODlhYmM=",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789-not-for-production",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "SMS_BACKEND": "gonghui.notify.backends.OutboxOnlyBackend",
    "AXES_ENABLED": "false",
}
MEMBER_AREAS = ["330522", "330523", "331004", "330681", "330483", "331081"]
OUTSIDER_AREAS = ["330102", "330106"]
UNIONS = 1000
HEADER = [
    "结算流水号", "结算状态", "原结算流水号", "身份证号", "姓名", "医疗类别", "定点医疗机构名称",
    "医院等级", "就医地", "入院日期", "出院日期", "主诊断编码", "主诊断名称", "医疗总费用",
    "统筹基金支付", "个人支付", "其中自负", "其中自理", "其中自费", "结算日期",
]  # fmt: skip
DIAGNOSES = [
    ("K35.8", "急性阑尾炎"), ("I63.9", "脑梗死"), ("J18.9", "肺炎"), ("I25.1", "冠状动脉粥样硬化性心脏病"),
    ("E11.9", "2型糖尿病"), ("K80.1", "胆囊结石伴胆囊炎"), ("S72.0", "股骨颈骨折"), ("N20.0", "肾结石"),
]  # fmt: skip
CANCERS = [("C11", "鼻咽恶性肿瘤"), ("C34.1", "上叶支气管或肺恶性肿瘤"), ("C50.9", "乳腺恶性肿瘤"),
           ("C53.9", "宫颈恶性肿瘤"), ("D05.1", "导管原位癌")]  # fmt: skip
HOSPITALS = [("长兴县人民医院", "二级"), ("湖州市中心医院", "三级"), ("浙江大学医学院附属第一医院", "三级"),
             ("长兴县中医院", "二级"), ("长兴县和平镇卫生院", "一级")]  # fmt: skip
YEAR_START = datetime.date(2025, 1, 1)
EXCEL_EPOCH = datetime.date(1899, 12, 30)


# --- identities ----------------------------------------------------------------------------


def check_digit(body17: str) -> str:
    digit = (1 - 2 * int(body17, 13)) % 11
    return "X" if digit == 10 else str(digit)


def id_number(index: int, areas: list[str]) -> str:
    """A distinct valid number per index: area, birth date and sequence from the index."""
    area = areas[index % len(areas)]
    rest = index // len(areas)
    birth = datetime.date(1962, 1, 1) + datetime.timedelta(days=rest % 14000)
    sequence = rest // 14000 * 7 + index % 5
    body = f"{area}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + check_digit(body)


# --- stage: the bureau's file --------------------------------------------------------------


def money(rng: random.Random, value: Decimal) -> str:
    text = f"{value:.2f}"
    if value >= 1000 and rng.random() < 0.2:
        text = f"{value:,.2f}"
    return text


def date_text(rng: random.Random, day: datetime.date) -> str:
    roll = rng.random()
    if roll < 0.80:
        return day.isoformat()
    if roll < 0.88:
        return f"{day.year}/{day.month}/{day.day}"
    if roll < 0.94:
        return f"{day:%Y%m%d}"
    return str((day - EXCEL_EPOCH).days)


def write_feed(path: Path, *, rows: int, members: int, prefix: str, seed: int) -> dict:
    """Write the bureau's file; returns what it holds, for the report."""
    rng = random.Random(seed)
    counts = {"normal": 0, "reversal": 0, "duplicate": 0, "bad": 0, "members": 0}
    recent: list[list[str]] = []
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index in range(rows):
            roll = rng.random()
            if roll < 0.01 and recent:
                writer.writerow(rng.choice(recent))
                counts["duplicate"] += 1
                continue
            if roll < 0.03 and recent:
                original = recent.pop(rng.randrange(len(recent)))
                reversal = list(original)
                reversal[0] = f"{prefix}{index:09d}"
                reversal[1], reversal[2] = "冲销", original[0]
                for column in range(13, 19):
                    reversal[column] = "-" + original[column].replace(",", "")
                writer.writerow(reversal)
                counts["reversal"] += 1
                continue
            row = settlement_row(rng, index, members, prefix, counts)
            if roll < 0.035:
                spoil(row, index)
                counts["bad"] += 1
            else:
                counts["normal"] += 1
                recent.append(row)
                if len(recent) > 5000:
                    recent.pop(0)
            writer.writerow(row)
    return counts


def settlement_row(rng, index, members, prefix, counts) -> list[str]:
    if rng.random() < 1 / 3:
        number = id_number(rng.randrange(members), MEMBER_AREAS)
        counts["members"] += 1
    else:
        number = id_number(rng.randrange(10_000_000), OUTSIDER_AREAS)
    female = int(number[16]) % 2 == 0
    roll = rng.random()
    category = (
        "住院"
        if roll < 0.85
        else "生育"
        if roll < 0.90 and female
        else "门诊慢特病"
        if roll < 0.96
        else "普通门诊"
    )
    admission = YEAR_START + datetime.timedelta(days=rng.randrange(0, 340))
    stay = {"住院": rng.randint(1, 20), "生育": rng.randint(2, 4)}.get(category, 0)
    discharge = admission + datetime.timedelta(days=stay)
    total = (
        Decimal(rng.randint(200_00, 8_000_000)) / 100
        if stay
        else Decimal(rng.randint(100_00, 2_000_00)) / 100
    )
    fund = (total * Decimal("0.62")).quantize(Decimal("0.01"))
    personal = total - fund
    self_responsibility = (personal * Decimal("0.55")).quantize(Decimal("0.01"))
    self_care = (personal * Decimal("0.30")).quantize(Decimal("0.01"))
    self_paid = personal - self_responsibility - self_care
    code, name = rng.choice(CANCERS) if rng.random() < 0.03 else rng.choice(DIAGNOSES)
    if category == "生育":
        code, name = "O80.0", "单胎顺产"
    hospital, level = rng.choice(HOSPITALS)
    shown = number.lower() if number.endswith("X") and rng.random() < 0.5 else number
    if rng.random() < 0.02:
        shown = f" {shown} "
    return [
        f"{prefix}{index:09d}", "正常", "", shown, "职工", category, hospital, level,
        "本地" if rng.random() < 0.8 else "异地", date_text(rng, admission), date_text(rng, discharge),
        code, name, money(rng, total), money(rng, fund), money(rng, personal),
        money(rng, self_responsibility), money(rng, self_care), money(rng, self_paid),
        discharge.isoformat(),
    ]  # fmt: skip


def spoil(row: list[str], index: int) -> None:
    """One of the five kinds of bad rows."""
    kind = index % 5
    if kind == 0:
        number = row[3].strip().upper()
        row[3] = number[:17] + ("0" if number[17] != "0" else "1")
    elif kind == 1:
        row[10] = ""
    elif kind == 2:
        row[10] = "2025-02-30"
    elif kind == 3:
        row[16] = "12.3.4"
    else:
        row[16] = "-100.00"


# --- stage: the enrolled population (in a child process, Django set up) --------------------


def member_chunk(task: tuple) -> tuple:
    """Members with ids start+1 .. stop, ID numbers encrypted and hashed, and their
    enrollments (in a worker process; each draws its own nonces): INPATIENT and CRITICAL for
    everyone, FEMALE and MATERNITY for women, 85% renewals. As COPY text for PostgreSQL, else
    as tuples."""
    from gonghui.medinsure.rows import Sealer

    start, stop, as_text, period_id, payment_of = task
    sealer = Sealer()
    rng = random.Random(start)
    now = datetime.datetime.now(datetime.UTC)
    enrolled, renewed, waiting = (
        datetime.date(2024, 12, 15),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 3, 15),
    )
    members, enrollments = [], []
    for index in range(start, stop):
        number = id_number(index, MEMBER_AREAS)
        female = int(number[16]) % 2 == 0
        union_id = index % UNIONS + 2
        members.append(
            (
                index + 1, "职工", sealer.encrypt(number), sealer.hash(number),
                datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
                "female" if female else "male", f"139{index:08d}"[-11:], union_id,
                "active", rng.random() < 0.97, female and rng.random() < 0.8, "", "", "", now, now,
            )
        )  # fmt: skip
        renewal = rng.random() < 0.85
        for plan in (
            ("INPATIENT", "CRITICAL", "FEMALE", "MATERNITY")
            if female
            else ("INPATIENT", "CRITICAL")
        ):
            enrollments.append(
                (period_id, plan, index + 1, union_id, enrolled, renewal, renewed if renewal else waiting,
                 "effective", payment_of[union_id], "file", now)
            )  # fmt: skip
    if not as_text:
        return members, enrollments
    return copy_block(members), copy_block(enrollments)


def copy_block(rows: list[tuple]) -> str:
    """Rows in COPY's text format (the generated values need no escaping)."""
    return "".join(
        "\t".join(
            "t" if value is True else "f" if value is False else
            value.isoformat() if hasattr(value, "isoformat") else str(value)
            for value in row
        ) + "\n"
        for row in rows
    )  # fmt: skip


MEMBER_COLUMNS = [
    "id", "name", "id_number", "id_hash", "birth_date", "gender", "mobile", "union_id", "status",
    "basic_medical_insurance", "maternity_insurance", "bank_name", "bank_card",
    "employment_group", "created_at", "updated_at",
]  # fmt: skip
ENROLLMENT_COLUMNS = [
    "period_id", "plan", "member_id", "union_id", "enrolled_on", "renewal", "covered_from",
    "status", "payment_id", "source", "created_at",
]  # fmt: skip


def trusted_load() -> None:
    """The scenario is generated valid (every member's union, every enrollment's member,
    period and payment exist): on PostgreSQL it is loaded as pg_restore --disable-triggers
    would, without the per-row foreign-key triggers (millions of them at commit). This is
    the benchmark's own loader only; the import under test keeps every check."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


def stage_load(members: int) -> dict:
    """Migrate, then the federation, its unions, the 2025 period and the enrolled members."""
    import multiprocessing

    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection, transaction

    from gonghui.medinsure.bulk import insert_rows
    from gonghui.mutual_aid import services as ma
    from gonghui.mutual_aid.models import Enrollment, Payment, PeriodStatus
    from gonghui.orgs.models import Member, Organisation, OrgKind
    from gonghui.orgs.services import rebuild_paths

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    with transaction.atomic():
        federation = Organisation.objects.create(
            code="BENCH", name="基准测试县总工会", kind="federation"
        )
        unions = Organisation.objects.bulk_create(
            Organisation(
                code=f"BENCH-U{n:04d}", name=f"基准工会{n}", kind=OrgKind.SINGLE, parent=federation
            )
            for n in range(UNIONS)
        )
        rebuild_paths([federation])
        assert unions[0].pk == 2, "the benchmark expects a fresh database"
        scheme = ma.scheme_create(actor=None, federation=federation)
        period = ma.period_create(
            actor=None,
            scheme=scheme,
            code="BENCH2025",
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 12, 31),
            plans={"INPATIENT": "50", "CRITICAL": "30", "FEMALE": "20", "MATERNITY": "10"},
        )
        for status in (PeriodStatus.ENROLLING, PeriodStatus.ACTIVE):
            ma.period_transition(actor=None, period=period, to=status)
        payments = Payment.objects.bulk_create(
            Payment(
                period=period, union=union, amount=Decimal("1"), paid_on=datetime.date(2024, 12, 20)
            )
            for union in unions
        )
    timings["organisations"] = time.perf_counter() - started

    started = time.perf_counter()
    step = 25_000
    as_text = connection.vendor == "postgresql"
    payment_of = {payment.union_id: payment.pk for payment in payments}
    chunks = [
        (start, min(start + step, members), as_text, period.pk, payment_of)
        for start in range(0, members, step)
    ]
    enrollments = 0
    connection.close()  # the workers are forked: they must not share this connection
    with multiprocessing.get_context("fork").Pool(2) as pool, transaction.atomic():
        trusted_load()
        for member_rows, enrollment_rows in pool.imap(member_chunk, chunks):
            if as_text:
                with connection.cursor() as cursor:
                    for table, columns, block in (
                        ("orgs_member", MEMBER_COLUMNS, member_rows),
                        ("mutual_aid_enrollment", ENROLLMENT_COLUMNS, enrollment_rows),
                    ):
                        with cursor.cursor.copy(
                            f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                        ) as copy:
                            copy.write(block)
                enrollments += enrollment_rows.count("\n")
            else:
                insert_rows(Member, MEMBER_COLUMNS, member_rows)
                enrollments += insert_rows(Enrollment, ENROLLMENT_COLUMNS, enrollment_rows)
    timings["members and enrollments (generate, encrypt, hash, write)"] = (
        time.perf_counter() - started
    )

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('orgs_member', 'id'), %s)", [members]
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("ANALYZE")
    timings["analyze"] = time.perf_counter() - started
    return {"members": members, "enrollments": enrollments, "timings": timings}


# --- stage: import (in a fresh child process) ----------------------------------------------


def stage_import(path: str) -> dict:
    import django

    django.setup()
    from gonghui.medinsure import services
    from gonghui.medinsure.models import SettlementImport
    from gonghui.medinsure.services import feed
    from gonghui.orgs.models import Organisation

    phases = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] = phases.get(name, 0) + time.perf_counter() - started

        return wrapper

    feed.stage = timed("read, validate, stage (COPY)", feed.stage)
    feed.store = timed("store: match by joins, skip stored serials", feed.store)
    feed._cancel_reversed = timed("reversals", feed._cancel_reversed)
    feed.compute = timed("compute notices", feed.compute)
    federation = Organisation.objects.get(code="BENCH")
    sql_times: dict[str, list] = {}
    if os.environ.get("BENCH_SQL"):
        from django.db import connection

        def measure(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                key = " ".join(sql.split())[:90]
                entry = sql_times.setdefault(key, [0, 0.0])
                entry[0] += 1
                entry[1] += time.perf_counter() - started

        connection.execute_wrappers.append(measure)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
    started = time.perf_counter()
    # The service commits chunk by chunk (each phase's time includes its commits).
    with open(path, "rb") as handle:
        report = services.settlements_import(
            federation=federation, source=handle, origin=SettlementImport.Source.COMMAND
        )
    elapsed = time.perf_counter() - started
    if os.environ.get("BENCH_PROFILE"):
        profile.disable()
        stats = pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime")
        stats.print_stats(25)
    for key, (count, seconds) in sorted(sql_times.items(), key=lambda kv: -kv[1][1])[:12]:
        sys.stderr.write(f"SQL {seconds:7.2f}s {count:6d}x {key}\n")
    phases["other (counts, batch row)"] = elapsed - sum(phases.values())
    return {
        "elapsed": elapsed,
        "summary": report.summary,
        "errors": len(report.errors),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "phases": phases,
    }


def stage_copy(path: str, url: str) -> dict:
    """PostgreSQL's own COPY of the file into a bare staging table (text columns)."""
    import psycopg

    results = {}
    columns = ", ".join(f"c{n} text" for n in range(len(HEADER)))
    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        for label, kind in (("logged", "TABLE"), ("unlogged", "UNLOGGED TABLE")):
            best = None
            for _attempt in range(2):
                conn.execute("DROP TABLE IF EXISTS bench_staging")
                conn.execute(f"CREATE {kind} bench_staging ({columns})")
                started = time.perf_counter()
                with (
                    conn.cursor() as cursor,
                    cursor.copy("COPY bench_staging FROM STDIN (FORMAT csv, HEADER true)") as copy,
                    open(path, "rb") as handle,
                ):
                    while chunk := handle.read(1 << 20):
                        copy.write(chunk)
                elapsed = time.perf_counter() - started
                rows = conn.execute("SELECT count(*) FROM bench_staging").fetchone()[0]
                best = elapsed if best is None else min(best, elapsed)
            results[label] = {"elapsed": best, "rows": rows}
        conn.execute("DROP TABLE bench_staging")
    return results


# --- orchestration -------------------------------------------------------------------------


def child(stage: str, env: dict, *args) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", stage, *map(str, args)]
    completed = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **ENV, **env}, capture_output=True, text=True
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"stage {stage} failed")
    if completed.stderr.strip() and (
        os.environ.get("BENCH_PROFILE") or os.environ.get("BENCH_SQL")
    ):
        sys.stderr.write(completed.stderr)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
        check=True,
        capture_output=True,
    )


def postgres_available() -> bool:
    try:
        psql("SELECT 1")
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def rate(rows: int, seconds: float) -> int:
    return round(rows / seconds) if seconds else 0


def mib(kb: int) -> str:
    return f"{kb / 1024:,.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--members", type=int, default=None, help="default: as many as rows")
    parser.add_argument("--quick", action="store_true", help="20,000 rows and members")
    parser.add_argument("--memory-rows", type=int, default=100_000)
    parser.add_argument("--sqlite-rows", type=int, default=100_000)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out"))
    parser.add_argument("--keep", action="store_true", help="keep the databases and files")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.stage:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
        if options.stage == "load":
            result = stage_load(int(options.args[0]))
        elif options.stage == "import":
            result = stage_import(options.args[0])
        else:
            result = stage_copy(options.args[0], options.args[1])
        print(json.dumps(result, default=str))
        return 0

    if options.quick:
        options.rows, options.memory_rows, options.sqlite_rows = 20_000, 2_000, 20_000
    members = options.members or options.rows
    memory_rows = min(options.memory_rows, options.rows)
    sqlite_rows = min(options.sqlite_rows, options.rows)
    options.load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    work = Path(options.workdir)
    work.mkdir(parents=True, exist_ok=True)
    wall = time.perf_counter()

    started = time.perf_counter()
    big = work / f"settlements-{options.rows}.csv"
    small = work / f"settlements-{memory_rows}-b.csv"
    sqlite_file = work / f"settlements-{sqlite_rows}-s.csv"
    feed = write_feed(big, rows=options.rows, members=members, prefix="YB", seed=2025)
    write_feed(small, rows=memory_rows, members=members, prefix="YC", seed=2026)
    if sqlite_file != big:
        write_feed(sqlite_file, rows=sqlite_rows, members=members, prefix="YB", seed=2025)
    generate_seconds = time.perf_counter() - started
    size_mb = big.stat().st_size / 1e6

    results = {"pg": None}
    if postgres_available():
        url = PG_URL + BENCH_DB
        psql(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        psql(f"CREATE DATABASE {BENCH_DB}")
        try:
            env = {"DATABASE_URL": url}
            load = child("load", env, members)
            copy = child("copy", env, big, url)
            small_import = child("import", env, small)
            big_import = child("import", env, big)
            results["pg"] = {"load": load, "copy": copy, "small": small_import, "big": big_import}
        finally:
            if not options.keep:
                psql(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    with tempfile.TemporaryDirectory(dir=work) as sqlite_dir:
        env = {"GONGHUI_DATA_DIR": sqlite_dir, "DATABASE_URL": ""}
        sqlite_load = child("load", env, members)
        sqlite_import = child("import", env, sqlite_file)
    results["sqlite"] = {"load": sqlite_load, "import": sqlite_import}
    if not options.keep:
        for path in (big, small, sqlite_file):
            path.unlink(missing_ok=True)
    return report(
        options,
        members,
        memory_rows,
        sqlite_rows,
        feed,
        size_mb,
        generate_seconds,
        results,
        time.perf_counter() - wall,
    )


def report(
    options, members, memory_rows, sqlite_rows, feed, size_mb, generate_seconds, results, wall
) -> int:
    full = options.rows >= 1_000_000
    print("### settlement import (medical-insurance feed, end to end)\n")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"PostgreSQL on 127.0.0.1 (default settings), date {time.strftime('%Y-%m-%d')}, "
          f"load average at the start {options.load_average}")  # fmt: skip
    print(f"- command: `python bench/bench_settlements.py{' --quick' if options.quick else f' --rows {options.rows}'}`"
          f" ({wall / 60:.1f} min in all)")  # fmt: skip
    print(f"- scenario: {members:,} enrolled members (1,000 unions, one 2025 period, four plans); "
          f"a file of {options.rows:,} records ({size_mb:,.0f} MB CSV, UTF-8): {feed['members']:,} rows for "
          f"enrolled members, {feed['reversal']:,} reversals, {feed['duplicate']:,} rows sent twice, "
          f"{feed['bad']:,} bad rows; written in {generate_seconds:.0f} s")  # fmt: skip
    exit_code = 0
    pg = results["pg"]
    if pg:
        load = pg["load"]
        print(f"- loading the scenario (COPY) took {sum(load['timings'].values()):.0f} s: "
              + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in load["timings"].items())
              + f"; {load['enrollments']:,} enrollments")  # fmt: skip
        big, small, copy = pg["big"], pg["small"], pg["copy"]
        summary = big["summary"]
        copy_rate = rate(copy["logged"]["rows"], copy["logged"]["elapsed"])
        unlogged_rate = rate(copy["unlogged"]["rows"], copy["unlogged"]["elapsed"])
        import_rate = rate(summary["rows"], big["elapsed"])
        ratio = import_rate / copy_rate if copy_rate else 0
        memory_ratio = big["maxrss_kb"] / small["maxrss_kb"] if small["maxrss_kb"] else 0
        print(f"- summary of the full import: `{json.dumps(summary, ensure_ascii=False)}`\n")
        print("| PostgreSQL | rows | seconds | rows per second | import ÷ this |")
        print("|---|---:|---:|---:|---:|")
        print(
            f"| COPY into a bare staging table (logged) | {copy['logged']['rows']:,} | {copy['logged']['elapsed']:.1f} | {copy_rate:,} | {ratio:.2f} |"
        )
        print(
            f"| COPY into a bare staging table (unlogged) | {copy['unlogged']['rows']:,} | {copy['unlogged']['elapsed']:.1f} | {unlogged_rate:,} | {import_rate / unlogged_rate if unlogged_rate else 0:.2f} |"
        )
        print(
            f"| import end to end, {memory_rows:,} rows | {small['summary']['rows']:,} | {small['elapsed']:.1f} | {rate(small['summary']['rows'], small['elapsed']):,} | |"
        )
        print(
            f"| **import end to end, {options.rows:,} rows** | {summary['rows']:,} | {big['elapsed']:.1f} | **{import_rate:,}** | 1.00 |"
        )
        print()
        print("| phase of the full import | seconds | share |")
        print("|---|---:|---:|")
        for name, seconds in big["phases"].items():
            print(f"| {name} | {seconds:.1f} | {seconds / big['elapsed']:.0%} |")
        print()
        print(f"- peak memory of the importing process (ru_maxrss): {mib(small['maxrss_kb'])} at {memory_rows:,} rows, "
              f"{mib(big['maxrss_kb'])} at {options.rows:,} rows: ratio {memory_ratio:.2f}")  # fmt: skip
        third = ratio >= 1 / 3
        flat = memory_ratio <= 1.2
        if full:
            print(f"- target end to end ≥ ⅓ of COPY: **{'met' if third else 'not met'}** ({ratio:.2f}); "
                  f"target memory ≤ 1.2× from 100,000 to 1,000,000 rows: **{'met' if flat else 'not met'}** ({memory_ratio:.2f})")  # fmt: skip
            exit_code = 0 if third and flat else 1
        else:
            print(
                f"- targets are judged on the full run (1,000,000 rows); at this size: ratio to COPY {ratio:.2f}, memory ratio {memory_ratio:.2f}"
            )
    else:
        print("- PostgreSQL was not reachable on 127.0.0.1:5432: only the SQLite figure below")
    sqlite = results["sqlite"]["import"]
    print(f"- SQLite, {sqlite_rows:,} rows (same members, loaded in "
          f"{sum(results['sqlite']['load']['timings'].values()):.0f} s): {sqlite['elapsed']:.1f} s, "
          f"**{rate(sqlite['summary']['rows'], sqlite['elapsed']):,} rows/s**, peak memory {mib(sqlite['maxrss_kb'])}; "
          f"summary `{json.dumps(sqlite['summary'], ensure_ascii=False)}`")  # fmt: skip
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
