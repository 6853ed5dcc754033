"""Run one importer in a fresh process and report its peak memory, for the hostile-files
suite and bench/hostile_files.py:

    python -m gonghui.core.tests.probe command import_enrollment FILE --period T2021
    python -m gonghui.core.tests.probe page USERNAME URL FILE

The last line of output is JSON: the command's exit status and output, or the page's HTTP
status and content; `peak_mb`, the process's own peak resident memory (VmHWM: ru_maxrss
would also count the parent's memory, inherited across fork and exec); `seconds`. The
database and the settings come from the environment (DATABASE_URL and the like)."""

import io
import json
import os
import sys
import time


def peak_mb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gonghui.settings")
    import django

    django.setup()
    mode, *args = sys.argv[1:]
    started = time.monotonic()
    if mode == "command":
        from django.core.management import call_command

        out = io.StringIO()
        try:
            call_command(*args, stdout=out)
            answer = {"exit": 0}
        except SystemExit as exit_:
            answer = {"exit": exit_.code}
        answer["output"] = out.getvalue()
    else:
        from django.test import Client

        from gonghui.accounts.models import User

        username, url, path = args
        client = Client()
        client.force_login(User.objects.get(username=username))
        with open(path, "rb") as upload:
            response = client.post(url, {"file": upload})
        answer = {"status": response.status_code, "page": response.content.decode()}
    answer.update(peak_mb=peak_mb(), seconds=round(time.monotonic() - started, 2))
    print(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    main()
