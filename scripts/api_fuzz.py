"""API fuzzing: schemathesis against /api/schema/ of a real server (gunicorn) on a throwaway
copy of the demo, as four people: a member, union staff, a county reviewer and county finance
(both with a TOTP-verified session). Every answer must be no server error and exactly what
the schema says (status code, content type, body, headers).

    .venv/bin/python scripts/api_fuzz.py            # or: make fuzz

Each operation gets schemathesis's boundary cases (its coverage phase) and random examples
(fuzzing, then stateful sequences). The random examples are a total, FUZZ_TOTAL_EXAMPLES
(default 10,000), shared by the operations of every identity, at most FUZZ_MAX_EXAMPLES (25)
each: as operations are added each gets fewer. The run must end within FUZZ_DEADLINE_SECONDS
(default 720: 886 operations took 8 min 14 s beside a PostgreSQL test run), else it fails. FUZZ_SEED replays a run (each run prints its seeds);
FUZZ_IDENTITIES=reviewer,finance runs only those. Reports go to FUZZ_REPORT_DIR (default: a
temporary folder, kept with the database and server log when the run fails).
"""

import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
IDENTITIES = ("member", "union", "reviewer", "finance")
# What each identity fuzzes: a member their own pages' operations, staff all the others (the
# bureau's push needs its key, not a person; the schema itself is what schemathesis reads).
# A member calling a staff operation, or the reverse, is a 403 the second-factor suite checks.
MEMBER_PATHS = r"^/api/(me/|hardship/my-file/|mutual-aid/(quote|periods)/|medinsure/notices/)"
STAFF_EXCLUDED = r"^/api/(me/|hardship/my-file/|medinsure/settlements/push/|schema/)"
# The boundary cases of schemathesis's coverage phase test what an operation accepts, the
# same whoever asks: each staff operation gets them once, as the role it is for (finance
# pays, union staff keep members and hardship files, the reviewer the rest). The random
# examples and stateful sequences run as every identity.
COVERED_BY = {
    "finance": r"^/api/(payout-batches|mutual-aid/payments)/",
    "union": r"^/api/(members|mutual-aid/enrollments|hardship/(files|pairs))/",
}
DEMO_MEMBER_MOBILE = "13900000001"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "missing_required_header",
        "unsupported_method",
        "allow_header_conformance",
        "use_after_free",
        "ensure_resource_availability",
    ]
)
METHODS = ("get", "post", "put", "patch", "delete")
REFUSAL = re.compile(
    r"^(Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Unsupported Media Type): "
)
ID_PARAMETERS = {
    "path": ["id", "material_pk", "line_pk"],
    "query": ["union", "period", "reviewer"],
    "body": ["member", "members[*]", "claims[*]", "file", "recipient", "objection", "cadre"]
    + ["org", "period", "union", "area"],
}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def main() -> int:
    total_cases = env_int("FUZZ_TOTAL_EXAMPLES", 10_000)
    cap = env_int("FUZZ_MAX_EXAMPLES", 25)
    deadline = env_int("FUZZ_DEADLINE_SECONDS", 720)
    work = Path(tempfile.mkdtemp(prefix="gonghui-fuzz-"))
    reports = Path(os.environ.get("FUZZ_REPORT_DIR") or work / "reports")
    started = time.monotonic()
    identities = (os.environ.get("FUZZ_IDENTITIES") or ",".join(IDENTITIES)).split(",")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "gonghui.settings",
            "GONGHUI_DATA_DIR": str(work),
            "MEDIA_ROOT": str(work / "media"),
            "GONGHUI_KEY_FILE": str(work / "keys.json"),
            "SMS_BACKEND": "gonghui.notify.backends.OutboxOnlyBackend",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "DJANGO_DEBUG": "false",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    print(f"== demo data in {work} ==", flush=True)
    sessions = prepare_demo()
    port = free_port()
    server = subprocess.Popen(
        [str(VENV_BIN / "python"), "-m", "gunicorn", "gonghui.wsgi"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120"]
        # gunicorn refuses a request line over 4 KB with its own HTML 414: that is the web
        # server's limit, not the application's answer, which is what is tested here.
        + ["--limit-request-line", "0"],
        cwd=ROOT,
        stdout=open(work / "server.log", "w"),  # noqa: SIM115 - open while the server runs
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    results = None
    try:
        base = f"http://127.0.0.1:{port}"
        schema = wait_for_schema(base, sessions["union"]["headers"])
        counts = {name: len(operations(schema, name)) for name in identities}
        boundary = {
            name: sum(covered(name, path) for _method, path in operations(schema, name))
            for name in identities
        }
        examples = max(1, min(cap, total_cases // sum(counts.values())))
        print(
            f"== {sum(counts.values())} operations ({counts}), {examples} random examples "
            f"each; boundary cases on {boundary} ==",
            flush=True,
        )
        results = []
        for name in identities:
            left = deadline - (time.monotonic() - started)
            results.append(fuzz(name, base, sessions[name], examples, reports, left))
            if left <= 0:
                break
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    # CPU time of this process, the server and schemathesis: the figure that does not
    # depend on what else the machine is doing.
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )
    ok = results is not None and summarise(results, time.monotonic() - started, deadline, cpu)
    if not ok:
        # The server's errors, without the line Django logs for each refusal (4xx).
        lines = (work / "server.log").read_text().splitlines()
        errors = [line for line in lines if not REFUSAL.match(line)]
        print(f"== server errors (tail), {work / 'server.log'} ==")
        print("\n".join(errors[-150:]))
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


def prepare_demo() -> dict:
    """A fresh SQLite file with the demo, and a signed-in session for each identity."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.test import Client
    from django.utils.crypto import get_random_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gonghui.accounts import roles
    from gonghui.accounts.models import User
    from gonghui.orgs.models import Member

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    users = {
        "member": Member.objects.get(mobile=DEMO_MEMBER_MOBILE).user,
        "union": User.objects.get(username="union"),
        "reviewer": User.objects.get(username="reviewer"),
        "finance": User.objects.get(username="finance"),
    }
    sessions = {}
    for name, user in users.items():
        known = known_ids(user)
        # As conftest's client_for: a session as the login views leave it, with the verified
        # TOTP device for county roles.
        client = Client()
        client.force_login(user)
        if roles.needs_second_factor(user):
            session = client.session
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        token = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        sessions[name] = {
            "headers": {
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_id}; "
                f"{settings.CSRF_COOKIE_NAME}={token}",
                "X-CSRFToken": token,
            },
            "ids": known,
        }
    connections.close_all()
    return sessions


def known_ids(user) -> list[int]:
    """Ids of what this person may reach, so that half the generated ids name a real claim,
    file, campaign… and the fuzzer gets past "not found" into the actions themselves."""
    from gonghui.claims.models import Material, PayoutLine
    from gonghui.claims.selectors import batches_visible_to, claims_visible_to
    from gonghui.hardship.models import CampaignRecipient
    from gonghui.hardship.selectors import campaigns_visible_to, files_visible_to, pairs_visible_to
    from gonghui.medinsure.selectors import (
        notices_visible_to,
        records_visible_to,
        recoveries_visible_to,
    )
    from gonghui.mutual_aid.selectors import periods_visible_to
    from gonghui.orgs.selectors import members_visible_to, orgs_visible_to

    claims = claims_visible_to(user)
    campaigns = campaigns_visible_to(user)
    batches = batches_visible_to(user)
    querysets = [
        claims,
        Material.objects.filter(claim__in=claims),
        batches,
        PayoutLine.objects.filter(batch__in=batches),
        files_visible_to(user),
        campaigns,
        CampaignRecipient.objects.filter(campaign__in=campaigns),
        pairs_visible_to(user),
        notices_visible_to(user),
        records_visible_to(user),
        recoveries_visible_to(user),
        periods_visible_to(user),
        orgs_visible_to(user),
        members_visible_to(user),
    ]
    ids = set()
    for queryset in querysets:
        ids.update(queryset.order_by("-pk").values_list("pk", flat=True)[:15])
    return sorted(ids)


def covered(name: str, path: str) -> bool:
    """Whether this identity runs the coverage phase on the path's operations."""
    if name in COVERED_BY:
        return bool(re.search(COVERED_BY[name], path))
    return name == "member" or not any(re.search(r, path) for r in COVERED_BY.values())


def write_config(path: Path, name: str, ids: list[int]) -> None:
    """schemathesis.toml: a dictionary of real ids for ids in paths, queries and bodies; no
    coverage phase on the operations another identity covers."""
    bound = [f"path.{name}" for name in ID_PARAMETERS["path"]]
    bound += [f"query.{name}" for name in ID_PARAMETERS["query"]]
    bound += [f"body.{name}" for name in ID_PARAMETERS["body"]]
    lines = ["[dictionaries.ids]", f"values = {json.dumps(ids or [1])}", "", "[parameters]"]
    lines += [f'"{key}" = {{ dictionary = "ids", probability = 0.5 }}' for key in bound]
    # Stateful sequences infer links between operations: they take POST .../search/ for the
    # creation of a member whose id is "search" and call GET /api/members/search/ as
    # /api/members/{id}/ (a correct 405: the search is POST only). No sequence starts there.
    lines += ["", "[[operations]]", 'include-path-regex = "/search/$"']
    lines.append("phases = { stateful = { enabled = false } }")
    if name in COVERED_BY:
        lines += ["", "[[operations]]", f"exclude-path-regex = {json.dumps(COVERED_BY[name])}"]
    elif name != "member":
        others = "|".join(COVERED_BY.values())
        lines += ["", "[[operations]]", f"include-path-regex = {json.dumps(others)}"]
    if name != "member":
        lines.append("phases = { coverage = { enabled = false } }")
    path.write_text("\n".join(lines) + "\n")


def path_filter(name: str) -> list[str]:
    if name == "member":
        return ["--include-path-regex", MEMBER_PATHS]
    return ["--exclude-path-regex", STAFF_EXCLUDED]


def operations(schema: dict, name: str) -> list[tuple[str, str]]:
    """The operations path_filter selects for this identity."""

    def selected(path):
        if name == "member":
            return re.search(MEMBER_PATHS, path)
        return not re.search(STAFF_EXCLUDED, path)

    return [
        (method, path)
        for path, item in schema["paths"].items()
        if selected(path)
        for method in item
        if method in METHODS
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_schema(base: str, headers: dict) -> dict:
    request = urllib.request.Request(f"{base}/api/schema/?format=json", headers=headers)
    for _ in range(60):
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not answer /api/schema/ within 30 s")


def fuzz(name: str, base: str, session: dict, examples: int, reports: Path, left: float):
    print(f"== {name} ==", flush=True)
    folder = reports / name
    folder.mkdir(parents=True, exist_ok=True)
    write_config(folder / "schemathesis.toml", name, session["ids"])
    command = [
        str(VENV_BIN / "schemathesis"),
        "--no-color",
        "--config-file",
        str(folder / "schemathesis.toml"),
        "run",
        f"{base}/api/schema/",
        "--checks",
        CHECKS,
        "--max-examples",
        str(examples),
        "--workers",
        "2",
        "--request-timeout",
        "60",
        "--generation-database",
        "none",
        "--report",
        "json",
        "--report-dir",
        str(folder),
        *path_filter(name),
    ]
    for header, value in session["headers"].items():
        command += ["--header", f"{header}: {value}"]
    if os.environ.get("FUZZ_SEED"):
        command += ["--seed", os.environ["FUZZ_SEED"]]
    try:
        # Run in the report folder: schemathesis keeps a cache in its working directory.
        completed = subprocess.run(
            command, cwd=folder, capture_output=True, text=True, timeout=max(left, 1)
        )
    except subprocess.TimeoutExpired:
        return {"name": name, "timeout": True}
    output = completed.stdout + completed.stderr
    (folder / "output.txt").write_text(output)
    report = json.loads(next(folder.glob("json-*.json")).read_text())
    if completed.returncode:
        # Generated bodies can be megabytes long: the full text is in output.txt.
        print("\n".join(line[:400] for line in output.splitlines()[-400:]))
    return {"name": name, "timeout": False, "code": completed.returncode, "report": report}


def summarise(results: list, elapsed: float, deadline: int, cpu: float) -> bool:
    ok = True
    print(f"\n{'identity':<10}{'operations':>11}{'cases':>8}{'failures':>10}{'errors':>8}  seed")
    for result in results:
        if result["timeout"]:
            print(f"{result['name']:<10} ran past the deadline")
            ok = False
            continue
        report = result["report"]
        cases = report["test_cases"]
        failures = sum(f["count"] for f in report["failures"])
        errors = len(report["errors"])
        print(
            f"{result['name']:<10}{report['operations']['tested']:>11}{cases['generated']:>8}"
            f"{failures:>10}{errors:>8}  {report['seed']}"
        )
        ok = ok and result["code"] == 0 and not failures and not errors
    minutes, seconds = divmod(round(elapsed), 60)
    print(f"total {minutes} min {seconds} s (deadline {deadline} s), {round(cpu)} s of CPU")
    if elapsed > deadline:
        print("Past the deadline: lower FUZZ_TOTAL_EXAMPLES.")
        ok = False
    print("API fuzzing passed" if ok else "API fuzzing FAILED")
    return ok


if __name__ == "__main__":
    sys.exit(main())
