"""Dates, numbers and time left read naturally in each language, always in Korea time and saying so."""
import re
import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from applications.templatetags.portal import kst, time_left

KST = zoneinfo.ZoneInfo("Asia/Seoul")
DEADLINE = datetime(2027, 1, 8, 14, 59, tzinfo=zoneinfo.ZoneInfo("UTC"))  # 23:59 in Seoul


@pytest.mark.parametrize("language, expected", [
    ("ko", "2027년 1월 8일 23:59 KST"),
    ("en", "8 January 2027, 23:59 KST"),
])
def test_a_deadline_reads_naturally_in_each_language(language, expected):
    with translation.override(language):
        assert kst(DEADLINE) == expected


@pytest.mark.parametrize("language, expected", [("ko", "2027년 1월 8일 KST"), ("en", "8 January 2027 KST")])
def test_a_date_alone_reads_naturally_in_each_language(language, expected):
    with translation.override(language):
        assert kst(DEADLINE, "DATE_FORMAT") == expected


@pytest.mark.parametrize("language, expected", [
    ("ko", ["3일 4시간 남음", "2시간 5분 남음", "1분 남음", "마감됨"]),
    ("en", ["3 days, 4 hours left", "2 hours, 5 minutes left", "1 minute left", "closed"]),
])
def test_the_time_left_reads_naturally_in_each_language(language, expected):
    now = timezone.now()
    moments = [timedelta(days=3, hours=4, minutes=30), timedelta(hours=2, minutes=5, seconds=30),
               timedelta(seconds=20), timedelta(minutes=-1)]
    with translation.override(language):
        assert [time_left(now + moment) for moment in moments] == expected


def test_months_and_numbers_in_korean():
    template = Template('{% load humanize %}{{ month|date:"YEAR_MONTH_FORMAT" }} · {{ count|intcomma }}')
    with translation.override("ko"):
        assert template.render(Context({"month": date(2027, 3, 1), "count": 12500})) == "2027년 3월 · 12,500"


def test_the_home_page_gives_the_deadline_in_korean_to_korean_readers(client, edition):
    closes = datetime.combine(timezone.localdate() + timedelta(days=40), time(23, 59, 59), tzinfo=KST)
    edition.closes_at = closes
    edition.save()
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert f"{closes.year}년 {closes.month}월 {closes.day}일 23:59 KST까지 신청할 수 있습니다" in page
    assert re.search(r"\((39|40)일 \d{1,2}시간 남음\)", page)
