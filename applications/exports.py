"""CSV exports that are safe to open in a spreadsheet."""
import csv

from django.http import StreamingHttpResponse

from prize_portal.downloads import private_file

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def spreadsheet_safe(value):
    """Neutralise a cell a spreadsheet would run as a formula (CSV injection), keeping it readable."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


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
