"""GH-DRAW-1, pure: list building and validation (every rule of fair-draw.md), the digest, the
draw against a fixed worked example and against an independent implementation, the prizes and
the waiting list's "next" rule."""

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.draw import engine
from gonghui.draw.engine import FrozenListError, PrizeSpecError
from gonghui.draw.tests.independent import gh_draw_1, valid_list

# A worked example, computed once by hand with hashlib (see the test's docstring) and kept
# as literal values: any change to the method changes these.
EXAMPLE = "1,张*华,139****0235\n2,李*,138****1234\n3,王*明,137****5678\n4,赵*,136****0000\n5,钱*一,135****9999\n"
EXAMPLE_SEED = "3356.78"
# `sha256sum` of the file; the order from the scores 4117a9…, 5930c7…, 9b9adf…, d6674f…, fbfe6d…
EXPECTED_DIGEST = "eeaabe253a8064df995de9420dd77b5589000437b8dc0ad34fe8a955f9bda4a8"
EXPECTED_ORDER = [4, 2, 3, 1, 5]


def numbered(n: int) -> bytes:
    return "".join(f"{i},王*{i % 10},139****{i % 10000:04d}\n" for i in range(1, n + 1)).encode()


def test_masking_matches_the_published_form():
    assert engine.mask_name("张三华") == "张*华"
    assert engine.mask_name("李四") == "李*"
    assert engine.mask_name("欧阳小明") == "欧**明"
    assert engine.mask_name("王") == "王"
    assert engine.mask_mobile("13900000235") == "139****0235"
    assert engine.mask_mobile(" 139 0000 0235 ") == "139****0235"


def test_build_list_numbers_entrants_in_order_with_masked_fields():
    text = engine.build_list([("张三华", "13900000235"), ("李四", "13800001234")])
    assert text == "1,张*华,139****0235\n2,李*,138****1234\n"
    assert engine.parse_list(text.encode()) == 2


def test_build_list_refuses_nobody_and_commas():
    with pytest.raises(FrozenListError) as empty:
        engine.build_list([])
    assert empty.value.code == "empty"
    with pytest.raises(FrozenListError) as comma:
        engine.build_list([("张三", "139"), ("李四,", "13800001234")])
    assert comma.value.line == 2 and "逗号" in comma.value.message


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"", "empty", 0),
        (b"\xef\xbb\xbf1,a,b\n", "bom", 1),
        (b"1,a,b\n2,\xff\xfe,b\n", "not_utf8", 2),
        (b"1,a,b\r\n2,a,b\r\n", "carriage_return", 1),
        (b"1,a,b\n2,a,b", "no_final_newline", 2),
        (b"1,a,b\n\n2,a,b\n", "blank_line", 2),
        (b"1,a,b\n2,a,b\n\n", "blank_line", 3),
        (b"1,a,b\n3,a,b\n", "bad_number", 2),
        (b"2,a,b\n", "bad_number", 1),
        (b"1,a,b\n02,a,b\n", "bad_number", 2),
        (b"1,a,b\n2a,b\n", "bad_number", 2),
        (b"1a,b\n", "bad_number", 1),
        (b"\n", "blank_line", 1),
    ],
)
def test_invalid_lists_are_refused_with_the_line_and_a_chinese_message(data, code, line):
    with pytest.raises(FrozenListError) as error:
        engine.parse_list(data)
    assert error.value.code == code
    assert error.value.line == line
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.value.message), error.value.message
    if line:
        assert f"第 {line} 行" in error.value.message
    assert valid_list(data) is None


def test_the_worked_example():
    """Digest and order checked against a shell one-off:
    python -c 'import hashlib; ...' computing SHA-256 of the file, the key and each score."""
    data = EXAMPLE.encode()
    digest = hashlib.sha256(data).hexdigest()
    key = hashlib.sha256(EXAMPLE_SEED.encode() + b"\n" + digest.encode()).digest()
    scores = sorted((hashlib.sha256(key + str(n).encode()).hexdigest(), n) for n in range(1, 6))
    result = engine.run_draw(data, EXAMPLE_SEED, [("一等奖", 1), ("二等奖", 2)])
    assert result.list_sha256 == digest == EXPECTED_DIGEST
    assert list(result.order) == [n for _s, n in scores] == EXPECTED_ORDER
    assert result.prizes == {"一等奖": EXPECTED_ORDER[:1], "二等奖": EXPECTED_ORDER[1:3]}
    assert list(result.waiting) == EXPECTED_ORDER[3:]
    assert result.as_json()["algorithm"] == "GH-DRAW-1"
    assert result.outcome(EXPECTED_ORDER[0]) == ("prize", "一等奖")
    assert result.outcome(EXPECTED_ORDER[4]) == ("waiting", 2)


def test_a_different_seed_or_one_changed_character_changes_the_order():
    base = engine.run_draw(numbered(50), "3356.78")
    assert engine.run_draw(numbered(50), "3356.79").order != base.order
    assert engine.run_draw(numbered(50), " 3356.78").order != base.order  # used exactly
    altered = numbered(50).replace(b"1,\xe7\x8e\x8b", b"1,\xe6\x9d\x8e", 1)
    assert engine.run_draw(altered, "3356.78").list_sha256 != base.list_sha256


def test_more_places_than_entrants_leaves_later_prizes_short():
    result = engine.run_draw(numbered(3), "s", [("一等奖", 2), ("二等奖", 5), ("三等奖", 1)])
    assert len(result.prizes["一等奖"]) == 2
    assert len(result.prizes["二等奖"]) == 1
    assert result.prizes["三等奖"] == []
    assert result.waiting == ()


def test_zero_count_prize_and_no_prizes():
    result = engine.run_draw(numbered(4), "s", [("空奖", 0), ("一等奖", 1)])
    assert result.prizes["空奖"] == []
    assert result.prizes["一等奖"] == [result.order[0]]
    assert engine.run_draw(numbered(4), "s").waiting == engine.run_draw(numbered(4), "s").order


@pytest.mark.parametrize(
    "text",
    [
        "",
        "一等奖",
        "一等奖:",
        ":2",
        "一等奖:-1",
        "一等奖:1.5",
        "一等奖:2,一等奖:3",
        "一等奖:2,",
        "a:b:2",
        "一等奖: 2",
        "一等奖:+2",
        "  :2",
    ],
)
def test_bad_prize_definitions_are_refused(text):
    with pytest.raises(PrizeSpecError):
        engine.parse_prizes(text)


def test_prize_definitions_keep_their_order():
    assert engine.parse_prizes("一等奖:2,二等奖:5,三等奖:0") == [
        ("一等奖", 2),
        ("二等奖", 5),
        ("三等奖", 0),
    ]
    assert engine.parse_prizes(None) == []


def test_next_waiting_skips_those_already_offered():
    assert engine.next_waiting([7, 3, 9], exclude=[]) == 7
    assert engine.next_waiting([7, 3, 9], exclude={7}) == 3
    assert engine.next_waiting([7, 3, 9], exclude={7, 3, 9}) is None
    assert engine.next_waiting([], exclude=()) is None


prize_lists = st.lists(
    st.tuples(st.text(alphabet="一二三四奖abc", min_size=1, max_size=4), st.integers(0, 12)),
    max_size=4,
    unique_by=lambda p: p[0],
)


@settings(max_examples=150, deadline=None)
@given(n=st.integers(1, 120), seed=st.text(max_size=20), prizes=prize_lists)
def test_property_matches_the_independent_implementation(n, seed, prizes):
    try:
        seed.encode("utf-8")
    except UnicodeEncodeError:
        return
    data = numbered(n)
    mine = engine.run_draw(data, seed, prizes).as_json()
    assert mine == gh_draw_1(data, seed, prizes)
    # every entrant exactly once, prizes then waiting in draw order
    flat = [x for numbers in mine["prizes"].values() for x in numbers] + mine["waiting"]
    assert sorted(flat) == list(range(1, n + 1))
    assert sum(len(v) for v in mine["prizes"].values()) == min(n, sum(c for _n, c in prizes))


@settings(max_examples=200, deadline=None)
@given(
    data=st.binary(max_size=60)
    | st.lists(
        st.sampled_from([b"1,", b"2,", b"\n", b"a", b"\r", b"\xef\xbb\xbf", b"\xff", b"3,x\n"]),
        max_size=10,
    ).map(b"".join)
)
def test_property_validation_agrees_with_the_independent_reader(data):
    try:
        n = engine.parse_list(data)
    except FrozenListError:
        n = None
    assert n == valid_list(data)


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(
        st.tuples(
            st.text(alphabet="张王李赵钱孙欧阳", min_size=1, max_size=4),
            st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_property_built_lists_are_valid_and_keep_n(people):
    text = engine.build_list(people)
    assert engine.parse_list(text.encode()) == len(people)
    assert valid_list(text.encode()) == len(people)
