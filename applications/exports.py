"""CSV exports that are safe to open in a spreadsheet: numbers stay numbers, times are in Korea time."""
import csv
import re
import zoneinfo
from decimal import Decimal

from django.http import StreamingHttpResponse

from prize_portal.downloads import private_file

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "|", "%")
# A plain number ("-1.5", "+3", "2e-3") is read as a number, never run as a formula: it needs no guard.
PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
KST = zoneinfo.ZoneInfo("Asia/Seoul")


def is_number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def spreadsheet_safe(value):
    """Neutralise a cell a spreadsheet would run as a formula (CSV injection), keeping it readable."""
    if is_number(value):
        return str(value)
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_cell(value):
    """For Excel: numbers as numeric cells, everything else as guarded text."""
    return value if is_number(value) else spreadsheet_safe(value)


def kst(moment):
    """A moment as Korea time, the prize's own clock, in a form spreadsheets sort: 2027-01-08 23:59."""
    return moment.astimezone(KST).strftime("%Y-%m-%d %H:%M") if moment else ""


class _Echo:
    def write(self, value):
        return value


def csv_response(*, filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a BOM, so spreadsheet programs read the UTF-8 names correctly
        yield writer.writerow([spreadsheet_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([spreadsheet_safe(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return private_file(response, filename=filename)  # every export holds applicants' or judges' data
