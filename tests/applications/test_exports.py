"""Exports keep numbers as numbers, times in Korea time and statuses as words (applications/exports.py)."""
import csv
import io
from datetime import datetime, timezone as dt_timezone
from decimal import Decimal

import pytest

from applications.choices import ApplicantType
from applications.exports import kst, spreadsheet_cell, spreadsheet_safe
from applications.models import Application

from .test_admin import entries, run_action  # noqa: F401  (the fixture is used by name)


@pytest.mark.parametrize("value, expected", [(-1.5, "-1.5"), ("-1.5", "-1.5"), (Decimal("-0.25"), "-0.25"),
                                             ("+3", "+3"), (-2, "-2"), ("-1e-3", "-1e-3")])
def test_a_negative_number_is_not_taken_for_a_formula(value, expected):
    assert spreadsheet_safe(value) == expected


@pytest.mark.parametrize("attack", ["-1+cmd|' /C calc'!A0", "=1+1", "-SUM(A1)", "+1-", "@SUM(1)"])
def test_a_formula_is_still_neutralised(attack):
    assert spreadsheet_safe(attack) == "'" + attack


def test_excel_cells_keep_numbers_numeric_and_text_guarded():
    assert spreadsheet_cell(-1.5) == -1.5 and spreadsheet_cell(Decimal("2.5")) == Decimal("2.5")
    assert spreadsheet_cell("=1+1") == "'=1+1" and spreadsheet_cell(True) == "True"


def test_times_are_written_in_korea_time():
    assert kst(datetime(2027, 1, 8, 14, 59, tzinfo=dt_timezone.utc)) == "2027-01-08 23:59"
    assert kst(None) == ""


@pytest.mark.django_db
def test_the_application_export_gives_statuses_as_words_and_times_in_kst(sofia_client, entries):  # noqa: F811
    moment = datetime(2027, 1, 8, 14, 59, tzinfo=dt_timezone.utc)
    Application.objects.filter(pk=entries["bob"].pk).update(submitted_at=moment)
    response = run_action(sofia_client, "export_csv", [entries["bob"]])
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0]["status"] == str(Application.Status(entries["bob"].status).label)
    assert rows[0]["status"] != entries["bob"].status
    assert rows[0]["applicant_type"] == str(ApplicantType(entries["bob"].applicant.applicant_type).label)
    assert rows[0]["submitted_at_kst"] == "2027-01-08 23:59"
