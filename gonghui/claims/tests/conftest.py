import datetime

import pytest
import time_machine

from gonghui.claims.tests.factories import cheng_enrolled
from gonghui.mutual_aid.tests.factories import member_user


@pytest.fixture
def filing_day():
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def cheng(tree, filing_day):
    return cheng_enrolled(tree)[0]


@pytest.fixture
def cheng_user(cheng):
    return member_user(cheng)
