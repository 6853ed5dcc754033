"""`manage.py draw` exactly as fair-draw.md: last line JSON, exit 0 / 1 / 2, on lists of 1 to
5,000 entrants, checked against the independent implementation in independent.py and against
the browser's implementation (static/draw/ghdraw.js) run under Node."""

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from gonghui.draw import engine
from gonghui.draw.tests.independent import gh_draw_1

ROOT = Path(settings.BASE_DIR)
PRIZES = "一等奖:2,二等奖:5"
PRIZE_LIST = [("一等奖", 2), ("二等奖", 5)]


def frozen(n: int) -> bytes:
    return "".join(f"{i},张*{i % 7},139****{i % 10000:04d}\n" for i in range(1, n + 1)).encode()


def run(path, *args):
    out = io.StringIO()
    call_command("draw", str(path), *args, stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def manage(*args):
    return subprocess.run(
        [sys.executable, "manage.py", "draw", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("n", [1, 2, 3, 7, 8, 10, 99, 100, 1000, 5000])
def test_matches_the_independent_implementation(tmp_path, n):
    path = tmp_path / "list.txt"
    path.write_bytes(frozen(n))
    for seed in ["3356.78", " 3356.78", "上证指数 3356.78", ""]:
        got = run(path, "--seed", seed, "--prizes", PRIZES)
        assert got == gh_draw_1(frozen(n), seed, PRIZE_LIST)
        assert got["entries"] == n
        assert len(got["prizes"]["一等奖"]) == min(2, n)
        assert len(got["prizes"]["二等奖"]) == max(0, min(5, n - 2))


def test_without_prizes_everyone_waits_in_draw_order(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(frozen(20))
    got = run(path, "--seed", "42")
    assert got["prizes"] == {}
    assert sorted(got["waiting"]) == list(range(1, 21))
    assert got == gh_draw_1(frozen(20), "42", [])


def test_more_places_than_entrants(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(frozen(3))
    got = run(path, "--seed", "s", "--prizes", "一等奖:2,二等奖:5,三等奖:4")
    assert [len(got["prizes"][k]) for k in ("一等奖", "二等奖", "三等奖")] == [2, 1, 0]
    assert got["waiting"] == []


def test_exit_0_prints_json_as_the_last_line(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(frozen(12))
    done = manage(str(path), "--seed", "3356.78", "--prizes", PRIZES)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == gh_draw_1(frozen(12), "3356.78", PRIZE_LIST)
    assert result["algorithm"] == "GH-DRAW-1"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "为空"),
        (b"\xef\xbb\xbf1,a,b\n", "BOM"),
        (b"1,a,b\n2,\xff,b\n", "UTF-8"),
        (b"1,a,b\r\n", "回车"),
        (b"1,a,b\n2,a,b", "换行符"),
        (b"1,a,b\n\n", "空行"),
        (b"1,a,b\n3,a,b\n", "第 2 行"),
        (b"1,a,b\n2,a,b\n2,a,b\n", "第 3 行"),
    ],
)
def test_exit_1_on_an_invalid_list(tmp_path, data, fragment):
    path = tmp_path / "list.txt"
    path.write_bytes(data)
    with pytest.raises(CommandError) as error:
        run(path, "--seed", "1")
    assert error.value.returncode == 1
    assert fragment in str(error.value)


def test_exit_1_from_the_shell_with_a_chinese_message(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(b"1,a,b\n3,a,b\n")
    done = manage(str(path), "--seed", "1")
    assert done.returncode == 1
    assert "第 2 行" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    "prizes",
    ["", "一等奖", "一等奖:x", "一等奖:-1", "一等奖:2,一等奖:1", "一:等奖:2", ":3", "一等奖:2,"],
)
def test_exit_2_on_bad_prizes(tmp_path, prizes):
    path = tmp_path / "list.txt"
    path.write_bytes(frozen(3))
    with pytest.raises(CommandError) as error:
        run(path, "--seed", "1", "--prizes", prizes)
    assert error.value.returncode == 2


def test_exit_2_from_the_shell(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(frozen(3))
    assert manage(str(path), "--seed", "1", "--prizes", "一等奖:-2").returncode == 2
    assert manage(str(path)).returncode == 2  # no --seed
    assert manage(str(tmp_path / "missing.txt"), "--seed", "1").returncode == 2
    # a bad file with bad arguments: the arguments are checked first
    path.write_bytes(b"")
    assert manage(str(path), "--seed", "1", "--prizes", "x").returncode == 2


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_browser_implementation_agrees_under_node(tmp_path):
    jobs, expected = [], []
    cases = [(1, "3356.78"), (2, "0"), (9, "上证 3356.78"), (100, " x "), (5000, "3356.78")]
    for n, seed in cases:
        path = tmp_path / f"list{n}.txt"
        path.write_bytes(frozen(n))
        jobs.append({"file": str(path), "seed": seed, "prizes": [list(p) for p in PRIZE_LIST]})
        expected.append(run(path, "--seed", seed, "--prizes", PRIZES))
    bad = {
        "bom": b"\xef\xbb\xbf1,a\n",
        "carriage_return": b"1,a\r\n",
        "bad_number": b"1,a\n3,a\n",
        "no_final_newline": b"1,a",
        "blank_line": b"1,a\n\n",
        "empty": b"",
        "not_utf8": b"1,\xff\n",
        "not_utf8 ": b"1,\xed\xa0\x80\n",  # a surrogate
        "not_utf8  ": b"1,\xc0\xaf\n",  # an overlong slash
        "not_utf8   ": b"1,\xf4\x90\x80\x80\n",  # past U+10FFFF
        "not_utf8    ": b"1,\xe4\xb8\n",  # cut short
    }
    for code, data in bad.items():
        path = tmp_path / f"bad-{code}.txt"
        path.write_bytes(data)
        jobs.append({"file": str(path), "seed": "1", "prizes": []})
    job_file = tmp_path / "jobs.json"
    job_file.write_text(json.dumps(jobs, ensure_ascii=False))
    done = subprocess.run(
        [
            NODE,
            str(ROOT / "gonghui/draw/tests/node_draw.js"),
            str(ROOT / "static/vendor/js-sha256/sha256.min.js"),
            str(ROOT / "gonghui/draw/static/draw/ghdraw.js"),
            str(job_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results = json.loads(done.stdout)
    for mine, theirs in zip(expected, results[: len(cases)], strict=True):
        theirs["prizes"] = dict(theirs["prizes"])
        assert theirs == mine
    assert [r["error"] for r in results[len(cases) :]] == [code.strip() for code in bad]
    for data in bad.values():  # the Python reader refuses the same files
        with pytest.raises(engine.FrozenListError):
            engine.parse_list(data)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_browser_and_python_readers_agree_on_random_files(tmp_path):
    """Hypothesis-style: 400 generated files (valid lists, lists with one defect, random
    bytes) read by ghdraw.js under Node and by engine.parse_list give the same verdict."""
    import random

    rng = random.Random(20261205)
    pieces = [
        b"1,",
        b"2,",
        b"3,",
        b"\n",
        b"a",
        b"\r",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xe4\xb8\xad",
        b"\xed\xa0\x80",
        b",",
        b"10,",
    ]
    files = []
    for i in range(400):
        kind = i % 3
        if kind == 0:
            data = frozen(rng.randint(1, 30))
        elif kind == 1:
            data = bytearray(frozen(rng.randint(1, 12)))
            position = rng.randrange(len(data))
            data[position : position + 1] = rng.choice(pieces)
            data = bytes(data)
        else:
            data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        files.append(data)
    jobs = []
    for i, data in enumerate(files):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(data)
        jobs.append({"file": str(path), "seed": "s", "prizes": []})
    job_file = tmp_path / "jobs.json"
    job_file.write_text(json.dumps(jobs))
    done = subprocess.run(
        [
            NODE,
            str(ROOT / "gonghui/draw/tests/node_draw.js"),
            str(ROOT / "static/vendor/js-sha256/sha256.min.js"),
            str(ROOT / "gonghui/draw/static/draw/ghdraw.js"),
            str(job_file),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    verdicts = json.loads(done.stdout)
    valid = 0
    for data, theirs in zip(files, verdicts, strict=True):
        try:
            mine = engine.run_draw(data, "s").as_json()
        except engine.FrozenListError as error:
            assert theirs.get("error") == error.code, (data, theirs, error.code)
            if error.code != "not_utf8":  # the page does not say where the bad byte is
                assert theirs["line"] == error.line, (data, theirs, error.line)
        else:
            valid += 1
            theirs["prizes"] = dict(theirs["prizes"])
            assert theirs == mine, data
    assert 130 < valid < 400  # both kinds were exercised
