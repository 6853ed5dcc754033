"""Run every bench/bench_*.py in turn with this interpreter and print what each reports.

    python bench/run.py          # quick sizes where a benchmark has them (what `make bench` runs)
    python bench/run.py --full   # full sizes (the settlement import: 1,000,000 rows, ~10 minutes)

Exit status 0 when every benchmark exited 0 (each decides whether its target was met).
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Arguments for the quick run of benchmarks whose full run takes minutes.
QUICK = {
    "bench_settlements.py": ["--quick"],
    "bench_dashboard.py": ["--quick"],
    "bench_exports.py": ["--quick"],
}


def main() -> int:
    full = "--full" in sys.argv[1:]
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no bench/bench_*.py scripts found")
        return 1
    failed = []
    for script in scripts:
        print(f"## {script.name}\n", flush=True)
        completed = subprocess.run(
            [sys.executable, str(script), *([] if full else QUICK.get(script.name, []))],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
        )
        print(completed.stdout.rstrip())
        if completed.stderr.strip():
            print(completed.stderr.rstrip(), file=sys.stderr)
        if completed.returncode != 0:
            failed.append(f"{script.name} (exit {completed.returncode})")
        print(flush=True)
    print(f"{len(scripts) - len(failed)} of {len(scripts)} benchmarks succeeded")
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
