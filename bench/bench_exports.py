"""Excel export of a long staff list: the member list of a county (100,000 members by
default) exported through the page's own view (orgs.views.member_list, POST export=xlsx),
as core.exports.list_export writes it (row by row into a temporary file, streamed).

    python bench/bench_exports.py                      # 100,000 members, SQLite
    python bench/bench_exports.py --members 20000      # what `make bench` runs (--quick)
    python bench/bench_exports.py --postgres           # on PostgreSQL (database gh_bench_exports)

Each stage runs in a fresh process: loading the members (migrate, a county of 10 towns and
100 unions, members with encrypted ID numbers and bank cards) and the export, whose peak
resident memory (ru_maxrss) is read before and after. Prints a Markdown block; exit 1 when a
target is missed (under 60 s and 300 MB peak for 100,000 rows)."""

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_NAME = "gh_bench_exports"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    import django

    django.setup()


def load(members: int) -> dict:
    setup_django()
    from django.core.management import call_command

    from gonghui.accounts.models import Role, User
    from gonghui.core import crypto, sample
    from gonghui.orgs.models import Member, Organisation, OrgKind
    from gonghui.orgs.services import rebuild_paths

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    county = Organisation.objects.create(code="B", name="测试县总工会", kind=OrgKind.FEDERATION)
    towns = [
        Organisation.objects.create(
            code=f"B{t:02d}", name=f"第{t}镇总工会", kind=OrgKind.TOWN, parent=county
        )
        for t in range(10)
    ]
    unions = [
        Organisation.objects.create(
            code=f"B{t:02d}-{u:02d}", name=f"第{t}镇第{u}厂工会", kind=OrgKind.SINGLE, parent=town
        )
        for t, town in enumerate(towns)
        for u in range(10)
    ]
    rebuild_paths([county])
    import random

    rng = random.Random(1)
    batch = []
    for index in range(members):
        # A thousand sequence numbers a birth date: every ID number distinct.
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=index // 1000 * 7)
        number = sample.id_number(birth, index % 1000)
        batch.append(
            Member(
                name=sample.chinese_name(rng),
                id_number=number,
                id_hash=crypto.lookup_hash(number),
                id_tail_hash=crypto.id_tail_hash(number),
                birth_date=birth,
                gender="male" if index % 2 else "female",
                mobile=f"139{index:08d}",
                union=unions[index % len(unions)],
                bank_name="台州银行",
                bank_card=f"6222{index:015d}",
            )
        )
        if len(batch) == 5000:
            Member.objects.bulk_create(batch)
            batch = []
    Member.objects.bulk_create(batch)
    User.objects.create(username="bench-admin", role=Role.COUNTY_ADMIN, org=county)
    return {"load_seconds": round(time.perf_counter() - started, 1)}


def export() -> dict:
    setup_django()
    from django.test import RequestFactory

    from gonghui.accounts.models import User
    from gonghui.orgs import views

    user = User.objects.get(username="bench-admin")
    user.is_verified = lambda: True  # the second factor, as the OTP middleware marks it

    def run(data) -> tuple[int, float]:
        request = RequestFactory().post("/staff/members/", data)
        request.user = user
        started, cpu = time.perf_counter(), time.process_time()
        response = views.member_list(request)
        size = sum(len(chunk) for chunk in response.streaming_content)
        response.close()
        return size, time.perf_counter() - started, time.process_time() - cpu

    run({"export": "xlsx", "q": "不存在的名字"})  # warm up: every module imported
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size, seconds, cpu_seconds = run({"export": "xlsx"})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from gonghui.orgs.models import Member

    return {
        "rows": Member.objects.count(),
        "bytes": size,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "rss_before_mb": round(before),
        "peak_rss_mb": round(peak),
    }


def child(stage: str, members: int, env: dict) -> dict:
    completed = subprocess.run(
        [sys.executable, __file__, "--stage", stage, "--members", str(members)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if completed.returncode:
        sys.exit(completed.stderr)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="20,000 members")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--stage", choices=["load", "export"])
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(load(args.members) if args.stage == "load" else export()))
        return 0
    members = 20_000 if args.quick else args.members
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "GONGHUI_DATA_DIR": data_dir, "DJANGO_DEBUG": "false"}
        if args.postgres:
            url = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
            for sql in (f"DROP DATABASE IF EXISTS {PG_NAME}", f"CREATE DATABASE {PG_NAME}"):
                subprocess.run(
                    ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True
                )
            env["DATABASE_URL"] = url
        else:
            env.pop("DATABASE_URL", None)
        loaded = child("load", members, env)
        measured = child("export", members, env)
        if args.postgres:
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"DROP DATABASE {PG_NAME}"],
                check=True,
            )
    database = "PostgreSQL" if args.postgres else "SQLite"
    command = "python bench/bench_exports.py" + (" --postgres" if args.postgres else "")
    command += f" --members {members}" if members != 100_000 else ""
    print("### Excel export of the member list\n")
    print(
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {database}, date {datetime.date.today()}, load average "
        f"{', '.join(f'{load:.1f}' for load in os.getloadavg())}"
    )
    print(f"- command: `{command}` (loading {loaded['load_seconds']} s)")
    print(
        f"- {measured['rows']:,} members, every column of the page's export (ID numbers and bank "
        f"cards decrypted, then masked): {measured['bytes'] / 1e6:.1f} MB .xlsx\n"
    )
    print("| measure | value |\n|---|---:|")
    print(f"| export, view to last byte (wall clock) | {measured['seconds']} s |")
    print(f"| of which CPU time of the web process | {measured['cpu_seconds']} s |")
    print(f"| rows per second | {measured['rows'] / measured['seconds']:,.0f} |")
    print(f"| peak resident memory of the process | {measured['peak_rss_mb']} MB |")
    print(f"| of which before the export (Django loaded) | {measured['rss_before_mb']} MB |")
    met = members < 100_000 or (measured["seconds"] < 60 and measured["peak_rss_mb"] < 300)
    print(f"\nTarget under 60 s and 300 MB for 100,000 rows: **{'met' if met else 'missed'}**")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
