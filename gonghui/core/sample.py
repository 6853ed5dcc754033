"""Generators of valid-looking sample identifiers for the demo and the tests. Everything they
make is invented: the demo says so on its pages."""

import datetime
import random

from stdnum.cn import ric, uscc

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌浩宇晨欣怡佳琪雪梅海燕丹鹏飞俊凯慧婷晓东卫兵春林"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def id_number(birth: datetime.date, sequence: int, area: str = "331004") -> str:
    """An 18-character number with a correct check digit; odd sequence = male."""
    body = f"{area}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(rng: random.Random, area: str = "331004") -> str:
    body = "9" + "1" + area + "".join(rng.choice(USCC_ALPHABET[:10]) for _ in range(8)) + "X"
    return body + uscc.calc_check_digit(body)


def chinese_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def mobile(index: int) -> str:
    return f"139{index:08d}"
