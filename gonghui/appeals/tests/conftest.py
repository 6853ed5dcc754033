from gonghui.claims.tests.conftest import cheng, cheng_user, filing_day

__all__ = ["cheng", "cheng_user", "filing_day"]
