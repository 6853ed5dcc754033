"""How a person is named where the public can read it (a draw's frozen list, a notice, a
document's check page): 张*华 and 139****0235. ID numbers and bank cards: core.idnumber."""


def mask_name(name: str) -> str:
    """张小华 → 张*华, 欧阳小华 → 欧**华, 张三 → 张*: the first and last characters stay (a
    two-character name keeps its first); white space is dropped."""
    name = "".join((name or "").split())
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_mobile(mobile: str) -> str:
    """139****0235: the first three and last four digits stay."""
    mobile = "".join((mobile or "").split())
    if len(mobile) <= 7:
        return "*" * len(mobile)
    return mobile[:3] + "*" * (len(mobile) - 7) + mobile[-4:]
