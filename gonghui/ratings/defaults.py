"""Ready-made points tables (GH-SCORE-1 with levels) for the common programmes; a federation
edits them as data."""

import copy
import datetime

from django.utils import timezone


def _deadline() -> str:
    return datetime.date(timezone.localdate().year, 12, 31).isoformat()


def _section(code, name, cap, items, mode="sum"):
    return {"code": code, "name": name, "cap": cap, "mode": mode, "window": False, "items": items}


def _item(code, name, points, per_unit=False):
    return {"code": code, "name": name, "points": points, "per_unit": per_unit}


SANXING_SECTIONS = [
    _section(
        "ORG",
        "组织建设",
        25,
        [
            _item("ELECTED", "依法选举产生工会委员会", 10),
            _item("MEMBERS", "职工入会率达到 95%", 10),
            _item("SIGN", "挂牌办公、制度上墙", 5),
        ],
    ),
    _section(
        "DEMOCRACY",
        "民主管理",
        25,
        [_item("CONGRESS", "当年召开职工代表大会", 15), _item("OPEN", "厂务公开", 10)],
    ),
    _section(
        "FINANCE",
        "经费管理",
        20,
        [_item("AUDIT", "经费审查委员会审查经费", 10), _item("BUDGET", "经费预决算", 10)],
    ),
    _section(
        "SERVICE",
        "服务职工",
        30,
        [
            _item("LEARNING", "学习型活动（每次）", 5, per_unit=True),
            _item("CARE", "困难职工帮扶", 10),
            _item("CULTURE", "文体活动", 10),
        ],
    ),
]

LEVELS = {
    "sanxing": [
        {"code": "QUALIFIED", "name": "合格型", "min": 60},
        {"code": "STANDARD", "name": "规范型", "min": 75, "requires": ["DEMOCRACY.CONGRESS"]},
        {
            "code": "MODEL",
            "name": "模范型",
            "min": 90,
            "requires": ["DEMOCRACY.CONGRESS", "FINANCE.AUDIT"],
        },
    ],
    "stars": [
        {"code": "STAR3", "name": "三星", "min": 60},
        {"code": "STAR4", "name": "四星", "min": 75, "requires": ["DEMOCRACY.CONGRESS"]},
        {
            "code": "STAR5",
            "name": "五星",
            "min": 90,
            "requires": ["DEMOCRACY.CONGRESS", "FINANCE.AUDIT"],
        },
    ],
    "single": [{"code": "PASSED", "name": "达标", "min": 60}],
}


def default_rules(levels: str = "sanxing") -> dict:
    return copy.deepcopy(
        {
            "deadline": _deadline(),
            "window_years": 1,
            "min_service_years": 0,
            "adjust_cap": 0,
            "sections": SANXING_SECTIONS,
            "levels": LEVELS[levels],
        }
    )


# code, name, who may apply, level table, years, award (yuan per title)
PROGRAMMES = (
    ("sanxing", "三型工会", "union", "sanxing", 3, 0),
    ("star_home", "星级职工之家", "union", "stars", 3, 0),
    ("happy_workshop", "快乐车间", "enterprise", "single", 3, 2000),
    ("library", "职工书屋", "union", "single", 3, 0),
)


# Evidence for every item of the default table (100 points): the demo's and the tests'.
ALL_ITEMS = [
    ("ORG.ELECTED", 1),
    ("ORG.MEMBERS", 1),
    ("ORG.SIGN", 1),
    ("DEMOCRACY.CONGRESS", 1),
    ("DEMOCRACY.OPEN", 1),
    ("FINANCE.AUDIT", 1),
    ("FINANCE.BUDGET", 1),
    ("SERVICE.LEARNING", 2),
    ("SERVICE.CARE", 1),
    ("SERVICE.CULTURE", 1),
]
