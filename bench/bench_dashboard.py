"""Dashboard pages at county scale on PostgreSQL (issue 7, item 5).

    python bench/bench_dashboard.py            # 1,000,000 members, 200,000 claims
    python bench/bench_dashboard.py --quick    # 50,000 members, 10,000 claims

Builds the scenario of bench/dashboard_scenario.py in a fresh PostgreSQL database (created,
migrated, loaded with COPY, vacuumed), then serves the dashboard pages in this one process
through Django's test Client (the whole middleware stack, sessions, the second factor, a
persistent database connection, DEBUG off), signed in as the county administrator and as a
town federation's staff. Each page is requested once to warm up, then timed `--runs` times;
the median is reported in milliseconds and as a ratio to a trivial page served the same way
(the SMS outbox, empty here: the staff base template, the sign-in and second-factor checks
and two small queries). The number of SQL queries of one request is counted separately;
with BENCH_SQL=1 one more request per page is made with each statement timed, and the
slowest are written to stderr.
Prints a Markdown block; exits 1 when a page's median is 500 ms or more.

The database is dropped at the end unless --keep; --reuse measures a kept one again.
"""

import argparse
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_MS = 500
TRIVIAL = "/staff/outbox/"
BENCH_KEY = "YmVuY2htYXJrLW9ubHkta2V5LTAxMjM0NTY3ODlhYmM="  # 32 bytes, for invented data only


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=None, help="default 1,000,000")
    parser.add_argument(
        "--enrollments", type=int, default=None, help="current period's rows (default: members)"
    )
    parser.add_argument("--claims", type=int, default=None, help="default 200,000")
    parser.add_argument("--quick", action="store_true", help="50,000 members, 10,000 claims")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument(
        "--skip", action="append", default=[], help="leave out the pages whose URL contains this"
    )
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="dashbench")
    options = parser.parse_args()
    quick = options.quick
    options.members = options.members or (50_000 if quick else 1_000_000)
    options.enrollments = options.enrollments or options.members
    options.claims = options.claims or (10_000 if quick else 200_000)
    return options


def server_connection(options):
    import psycopg

    return psycopg.connect(f"{options.server}/postgres", autocommit=True, connect_timeout=5)


def create_database(options) -> None:
    with server_connection(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{options.database}"')


def drop_database(options) -> None:
    from django.db import connections

    connections.close_all()
    with server_connection(options) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')


def setup_django(options) -> None:
    os.environ["DATABASE_URL"] = f"{options.server}/{options.database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "gonghui.settings"
    os.environ["GONGHUI_ENCRYPTION_KEY"] = BENCH_KEY
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-012345")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["SMS_BACKEND"] = "gonghui.notify.backends.OutboxOnlyBackend"
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: static files not collected
    import django

    django.setup()


def signed_in(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gonghui.accounts import roles

    client = Client()
    client.force_login(user)
    if roles.needs_second_factor(user):
        device = TOTPDevice.objects.get(user=user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    size = len(response.content)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    if os.environ.get("BENCH_SQL"):
        slowest_queries(client, url)
    return {
        "median": statistics.median(times),
        "times": times,
        "queries": len(queries),
        "size": size,
    }


def slowest_queries(client, url: str, shown: int = 8) -> None:
    """BENCH_SQL=1: one more request with each statement timed; the slowest to stderr."""
    from django.db import connection

    timed = []

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timed.append((time.perf_counter() - started, " ".join(sql.split())[:160]))

    with connection.execute_wrapper(timer):
        client.get(url)
    total = sum(seconds for seconds, _sql in timed)
    sys.stderr.write(f"SQL {url}: {len(timed)} statements, {total * 1000:.0f} ms\n")
    for seconds, sql in sorted(timed, reverse=True)[:shown]:
        sys.stderr.write(f"SQL {seconds * 1000:7.1f} ms  {sql}\n")


def existing_scenario(options):
    from dashboard_scenario import Scenario, Sizes, counts

    from gonghui.accounts.models import User
    from gonghui.dashboards.models import ReformDraft
    from gonghui.mutual_aid.models import Period

    found = counts()
    periods = list(Period.objects.order_by("start"))
    scenario = Scenario(Sizes(found["members"], options.enrollments, found["claims"]))
    scenario.admin = User.objects.get(username="admin")
    scenario.town_user = User.objects.get(username="town")
    scenario.previous, scenario.current = periods[-2], periods[-1]
    scenario.draft = ReformDraft.objects.filter(period=scenario.current).order_by("id").first()
    scenario.counts = found
    return scenario


def postgres_facts() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = []
        for name in ("shared_buffers", "work_mem", "max_parallel_workers_per_gather"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name} {cursor.fetchone()[0]}")
    return f"PostgreSQL {version.split()[0]} (untuned: {', '.join(settings)})"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    options = parse()
    try:
        server_connection(options).close()
    except Exception as exc:  # no PostgreSQL here: nothing to measure
        print(f"### dashboard\n\nskipped: no PostgreSQL at {options.server} ({exc})")
        return 0
    if not options.reuse:
        create_database(options)
    setup_django(options)

    from dashboard_scenario import Sizes, build
    from django.core.management import call_command

    setup_started = time.perf_counter()
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    if options.reuse:
        scenario = existing_scenario(options)
        migrate_seconds = 0.0
    else:
        call_command("migrate", verbosity=0)
        migrate_seconds = time.perf_counter() - setup_started
        log(f"  migrate: {migrate_seconds:.1f} s")
        sizes = Sizes(options.members, options.enrollments, options.claims)
        scenario = build(sizes, log=log)
    setup_seconds = time.perf_counter() - setup_started

    pages = [
        ("trivial page (SMS outbox)", TRIVIAL),
        ("dashboard", "/staff/dashboard/"),
        ("articles' figures", "/staff/dashboard/articles/"),
        (
            "Excel export of the biggest table (enrollment by union)",
            f"/staff/dashboard/export/enrollment_by_union.xlsx?period={scenario.current.pk}",
        ),
        (
            "Excel export of the loss ratios (the claims section)",
            f"/staff/dashboard/export/loss_ratio.xlsx?period={scenario.current.pk}",
        ),
        ("reform drafts (list)", "/staff/dashboard/reform/"),
        (
            "reform simulation (draft of the current period)",
            f"/staff/dashboard/reform/{scenario.draft.pk}/",
        ),
    ]
    results = []
    for label, user in (("county admin", scenario.admin), ("town staff", scenario.town_user)):
        client = signed_in(user)
        for name, url in pages:
            if "reform" in url and user != scenario.admin:
                continue  # the county administrator's alone
            if any(part in url for part in options.skip):
                continue
            log(f"  measuring {label}: {url}")
            results.append((label, name, url, measure(client, url, options.runs)))

    report(options, scenario, results, setup_seconds, migrate_seconds)
    if not (options.keep or options.reuse):
        drop_database(options)
    slow = [row for row in results if row[3]["median"] >= TARGET_MS]
    return 1 if slow else 0


def report(options, scenario, results, setup_seconds, migrate_seconds) -> None:
    counts = scenario.counts
    command = " ".join(["python bench/bench_dashboard.py", *sys.argv[1:]])
    print(f"### dashboard: pages at {counts['members']:,} members\n")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} CPUs ({cpu_model()})")
    print(f"- Python {platform.python_version()}; {postgres_facts()}")
    print(f"- date: {time.strftime('%Y-%m-%d')}")
    print(f"- command: `{command}`")
    print("- scenario: " + ", ".join(f"{value:,} {name}" for name, value in counts.items()))
    if options.reuse:
        print("- setup: reused a kept database")
    else:
        steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in scenario.timings.items())
        print(f"- setup: {setup_seconds / 60:.1f} min (migrate {migrate_seconds:.0f} s, {steps})")
    print(
        f"- served by Django's test Client in this process; median of {options.runs} runs after "
        f"one warm-up; trivial page `{TRIVIAL}`\n"
    )
    print("| user | page | median ms | ÷ trivial | queries | runs (ms) |")
    print("|---|---|---:|---:|---:|---|")
    trivial = {}
    for label, name, url, result in results:
        if url == TRIVIAL:
            trivial[label] = result["median"]
        ratio = result["median"] / trivial[label]
        runs = ", ".join(f"{ms:.0f}" for ms in result["times"])
        print(
            f"| {label} | {name} | {result['median']:,.0f} | {ratio:,.1f} | "
            f"{result['queries']} | {runs} |"
        )
    slow = [
        f"{label}: {name}" for label, name, _url, result in results if result["median"] >= TARGET_MS
    ]
    verdict = "**met**" if not slow else "**NOT met** (" + "; ".join(slow) + ")"
    print(f"\nTarget < {TARGET_MS} ms a page: {verdict}.")


if __name__ == "__main__":
    sys.exit(main())
