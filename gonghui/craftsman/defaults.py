"""The rules a new scheme starts from: Luqiao's 路桥工匠 table (seed 000, spec GH-SCORE-1), the
deadline moved to the scheme's year."""

import copy

LUQIAO_RULES = {
    "deadline": "2021-06-30",
    "window_years": 3,
    "min_service_years": 3,
    "adjust_cap": 5,
    "sections": [
        {
            "code": "CONTEST",
            "name": "技能竞赛",
            "cap": 20,
            "mode": "best",
            "window": True,
            "items": [
                {"code": "PROV_1", "name": "省级竞赛一等奖", "points": 20, "direct": True},
                {"code": "PROV_2", "name": "省级竞赛二等奖", "points": 20},
                {"code": "PROV_3", "name": "省级竞赛三等奖", "points": 15},
                {"code": "CITY_1", "name": "市级竞赛一等奖", "points": 15},
                {"code": "CITY_2", "name": "市级竞赛二等奖", "points": 12},
                {"code": "CITY_3", "name": "市级竞赛三等奖", "points": 8},
                {"code": "COUNTY_1", "name": "区级竞赛一等奖", "points": 10},
                {"code": "COUNTY_2", "name": "区级竞赛二等奖", "points": 8},
                {"code": "COUNTY_3", "name": "区级竞赛三等奖", "points": 5},
            ],
        },
        {
            "code": "TITLE",
            "name": "技能大师称号",
            "cap": 20,
            "mode": "best",
            "window": False,
            "items": [
                {"code": "NATIONAL", "name": "国家级技能大师", "points": 20, "direct": True},
                {"code": "CITY", "name": "市级技能大师", "points": 20},
                {"code": "COUNTY", "name": "区级技能大师", "points": 10},
            ],
        },
        {
            "code": "CERT",
            "name": "职业技能等级",
            "cap": 15,
            "mode": "best",
            "window": False,
            "items": [
                {"code": "L1", "name": "高级技师（一级）", "points": 15},
                {"code": "L2", "name": "技师（二级）", "points": 12},
                {"code": "L3", "name": "高级工（三级）", "points": 10},
                {"code": "L4", "name": "中级工（四级）", "points": 2},
                {"code": "L5", "name": "初级工（五级）", "points": 1},
            ],
        },
        {
            "code": "MENTOR",
            "name": "带徒传技",
            "cap": 10,
            "mode": "sum",
            "window": True,
            "items": [
                {"code": "APPRENTICE", "name": "带徒（每名）", "points": 2, "per_unit": True},
                {"code": "APPRENTICE_AWARD", "name": "徒弟获市级以上竞赛奖项", "points": "1.5"},
            ],
        },
        {
            "code": "INNOVATION",
            "name": "技术创新",
            "cap": 15,
            "mode": "sum",
            "window": True,
            "items": [
                {"code": "PATENT_INVENTION", "name": "发明专利", "points": 5},
                {"code": "PATENT_UTILITY", "name": "实用新型专利", "points": 2},
                {"code": "PROJECT", "name": "市级以上技改项目", "points": "3.5"},
            ],
        },
    ],
}


def default_rules(year: int) -> dict:
    rules = copy.deepcopy(LUQIAO_RULES)
    rules["deadline"] = f"{year}-06-30"
    return rules
