"""The ranking and every score, as CSV and as Excel — both safe against spreadsheet formulas."""
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook

from applications.exports import csv_response, kst, spreadsheet_cell
from prize_portal.downloads import private_file

from .models import Assignment, Score
from .results import weighted_score
from .services import advancement_preview, load_results

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(value, digits=4):
    return "" if value is None else round(value, digits)


def _yes_no_tie(value):
    """None: a tie at the cut that the tie-break does not settle and the secretariat has not decided yet."""
    return "tie" if value is None else "yes" if value else ""


def ranking_table(round):
    criteria = list(round.criteria.all())
    header = ["round", "category", "rank", "reference", "title", "country", "weighted_mean", "normalised_score",
              "standard_deviation", "disagreement", "reviews_done", "reviews_expected",
              *[f"mean_{c.code}" for c in criteria], "rule_says_advance", "secretariat_decision", "reason", "advances"]
    rows = []
    for category in advancement_preview(round=round, results=load_results(round=round)):
        for item in category["rows"]:
            row = item["row"]
            rows.append([round.number, category["name"], row.rank or "", row.reference, row.title, row.country,
                         _number(row.weighted_mean), _number(row.normalised), _number(row.sd),
                         "yes" if row.disagreement else "", row.done, row.expected,
                         *[_number(row.criterion_means.get(c.code)) for c in criteria],
                         _yes_no_tie(item["by_rule"]), item["override"], item["reason"],
                         _yes_no_tie(item["decision"])])
    return header, rows


def scores_table(round):
    criteria = list(round.criteria.all())
    header = ["round", "reference", "category", "title", "judge_email", "judge_name", "status", "submitted_at_kst",
              *[c.code for c in criteria], "weighted", "comment", "note_for_secretariat"]
    values = {}
    for assignment_id, criterion_id, value in Score.objects.filter(assignment__round=round).values_list(
            "assignment_id", "criterion_id", "value"):
        values.setdefault(assignment_id, {})[criterion_id] = value
    rows = []
    assignments = (Assignment.objects.filter(round=round)
                   .select_related("judge", "entry__application__category")
                   .order_by("entry__application__reference", "judge__email"))
    for a in assignments.iterator(chunk_size=2000):
        mine = values.get(a.pk, {})
        complete = len(mine) == len(criteria)
        weighted = float(weighted_score({c.code: mine[c.pk] for c in criteria}, criteria)) if complete else None
        application = a.entry.application
        rows.append([round.number, application.reference, application.category.name, application.display_title,
                     a.judge.email, a.judge.get_full_name(), a.get_status_display(), kst(a.submitted_at),
                     *[mine.get(c.pk, "") for c in criteria], _number(weighted), a.comment, a.note_for_secretariat])
    return header, rows


def as_csv(filename, table):
    header, rows = table
    return csv_response(filename=filename, header=header, rows=rows)


def as_xlsx(filename, table, title):
    header, rows = table
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([spreadsheet_cell(cell) for cell in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return private_file(HttpResponse(buffer.getvalue(), content_type=XLSX), filename=filename)
