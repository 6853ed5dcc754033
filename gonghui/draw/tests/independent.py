"""A second implementation of GH-DRAW-1 written from fair-draw.md alone, sharing no code with
gonghui.draw.engine: it reads the file with a regular expression over bytes, turns each score
into a Python integer and sorts on the integer. The tests run both and compare."""

import hashlib
import re

LINE = re.compile(rb"([0-9]+),[^\r\n]*\n")


def valid_list(data: bytes) -> int | None:
    """N for a valid frozen list, None for anything else."""
    if not data or data[:3] == b"\xef\xbb\xbf" or b"\r" in data or not data.endswith(b"\n"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    position, expected = 0, 1
    while position < len(data):
        match = LINE.match(data, position)
        if not match or match.group(1) != b"%d" % expected:
            return None
        position, expected = match.end(), expected + 1
    return expected - 1


def gh_draw_1(data: bytes, seed: str, prizes: list[tuple[str, int]]) -> dict:
    n_entries = valid_list(data)
    assert n_entries is not None
    digest_hex = hashlib.sha256(data).hexdigest()
    key = hashlib.sha256(bytes(seed, "utf-8") + bytes([10]) + bytes(digest_hex, "ascii")).digest()
    scores = {
        n: int.from_bytes(hashlib.sha256(key + bytes(str(n), "ascii")).digest(), "big")
        for n in range(1, n_entries + 1)
    }
    order = sorted(scores, key=lambda n: (scores[n], n))
    out, taken = {}, 0
    for name, count in prizes:
        out[name] = order[taken : taken + count]
        taken += len(out[name])
    return {
        "list_sha256": digest_hex,
        "entries": n_entries,
        "algorithm": "GH-DRAW-1",
        "prizes": out,
        "waiting": order[taken:],
    }
