"""The judge's pages and the results page cost the same number of queries for 10 entries as for 500."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Application
from evaluation import services
from evaluation.models import Assignment, RoundEntry, Score
from tests.conftest import signed_in
from tests.factories import ApplicantProfileFactory

from .conftest import eligible_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def sized_round(round_one, hana, omar, edition, sofia, hanas_assignment):
    """``grow(n)``: give round one n entries, each reviewed (submitted) by Hana and Omar."""

    made = []

    def grow(n):
        applicant = ApplicantProfileFactory(name="Прогрессивный город", country="KZ")
        criteria = list(round_one.criteria.all())
        start = 5000 + len(made)
        fields = {f: getattr(hanas_assignment.entry.application, f) for f in ("title", "summary", "problem")}
        created = Application.objects.bulk_create([
            Application(edition=edition, category=hanas_assignment.entry.application.category, applicant=applicant,
                        status=Application.Status.ELIGIBLE, reference=f"SSCP-2027-{start + i:05d}", **fields)
            for i in range(n)])
        made.extend(created)
        applications = [a.pk for a in created] if created[0].pk else list(
            Application.objects.filter(applicant=applicant).values_list("pk", flat=True))
        entries = RoundEntry.objects.bulk_create([RoundEntry(round=round_one, application_id=pk) for pk in applications])
        assignments = Assignment.objects.bulk_create(
            [Assignment(round=round_one, entry=e, judge=j, status=Assignment.Status.SUBMITTED, comment="ok")
             for e in entries for j in (hana, omar)])
        Score.objects.bulk_create([Score(assignment=a, criterion=c, value=(a.pk + c.pk) % 10 + 1)
                                   for a in assignments for c in criteria])
        return round_one

    return grow


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("size", [10, 500])
def test_the_dashboard_costs_a_fixed_number_of_queries(sized_round, hana, size, django_assert_max_num_queries):
    sized_round(size)
    client = signed_in(hana)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("evaluation:dashboard")).status_code == 200


@pytest.mark.parametrize("size", [10, 500])
def test_the_review_page_costs_a_fixed_number_of_queries(sized_round, hana, hanas_assignment, size,
                                                         django_assert_max_num_queries):
    round = sized_round(size)
    round.score_visibility = "always"
    round.save()
    client = signed_in(hana)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("evaluation:review", args=[hanas_assignment.pk])).status_code == 200


@pytest.mark.parametrize("size", [10, 500])
def test_the_results_page_costs_a_fixed_number_of_queries(sized_round, sofia, size, django_assert_max_num_queries):
    round = sized_round(size)
    client = signed_in(sofia)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("admin:evaluation_round_results", args=[round.pk])).status_code == 200


def test_query_counts_do_not_grow_from_10_to_500_entries(sized_round, hana, sofia, hanas_assignment, edition):
    round = sized_round(10)
    judge, staff = signed_in(hana), signed_in(sofia)
    urls = [(judge, reverse("evaluation:dashboard")), (judge, reverse("evaluation:review", args=[hanas_assignment.pk])),
            (staff, reverse("admin:evaluation_round_results", args=[round.pk])),
            (staff, reverse("admin:evaluation_round_advancement", args=[round.pk])),
            (staff, reverse("admin:evaluation_round_panel", args=[round.pk]))]
    small = [count_queries(client, url) for client, url in urls]
    applicant = ApplicantProfileFactory(name="Büyükşehir", country="TR")
    more = [eligible_application(edition, applicant, 7000 + i) for i in range(3)]
    for application in more:  # grow through the real services too
        RoundEntry.objects.create(round=round, application=application)
        services.add_assignment(round=round, application=application, judge=hana, by=sofia)
    sized_round(490)
    large = [count_queries(client, url) for client, url in urls]
    assert small == large
