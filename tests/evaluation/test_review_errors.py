"""A review that cannot be submitted yet says so next to each missing score, and in the error summary."""
import pytest
from django.urls import reverse

from evaluation import services
from tests.html import assert_errors_described, assert_links_lead_to_fields, summary_of

pytestmark = pytest.mark.django_db


def test_the_service_names_each_missing_score_and_the_missing_comment(round_one, hanas_assignment, hana):
    first, *rest = round_one.criteria.all()
    with pytest.raises(services.EvaluationError) as refused:
        services.submit_review(assignment=hanas_assignment, by=hana, scores={c.pk: 6 for c in rest}, comment="")
    assert set(refused.value.problems) == {first.code, "comment"}
    assert first.name in refused.value.problems[first.code]


def test_each_missing_score_is_marked_next_to_its_criterion(round_one, hanas_assignment, hana_client):
    first, second, *rest = round_one.criteria.all()
    data = {f"score_{c.code}": "6" for c in rest}
    data.update(comment="Strong on data, weak on reach.", submit="1")
    html = hana_client.post(reverse("evaluation:review", args=[hanas_assignment.pk]), data).content.decode()
    page, summary = summary_of(html)
    hrefs = [link.attrs["href"] for link in assert_links_lead_to_fields(page, summary)]
    assert hrefs == [f"#id_score_{first.code}", f"#id_score_{second.code}"]
    assert_errors_described(page)
    for criterion in (first, second):
        error = page.by_id(f"id_score_{criterion.code}_error")
        assert criterion.name in error.text()
        assert error.parent is page.by_id(f"id_score_{criterion.code}").parent, "not next to its criterion"
    for criterion in rest:
        assert page.by_id(f"id_score_{criterion.code}_error") is None


def test_a_missing_comment_is_marked_at_the_comment(round_one, hanas_assignment, hana_client):
    data = {f"score_{c.code}": "6" for c in round_one.criteria.all()}
    data.update(comment="", submit="1")
    html = hana_client.post(reverse("evaluation:review", args=[hanas_assignment.pk]), data).content.decode()
    page, summary = summary_of(html)
    assert [link.attrs["href"] for link in assert_links_lead_to_fields(page, summary)] == ["#id_comment"]
    assert "overall comment" in page.by_id("id_comment_error").text()


def test_a_conflict_declared_without_a_reason_is_summarised(hana_client, hanas_assignment):
    html = hana_client.post(reverse("evaluation:declare_conflict", args=[hanas_assignment.pk]), {"reason": ""}
                            ).content.decode()
    page, summary = summary_of(html)
    assert [link.attrs["href"] for link in assert_links_lead_to_fields(page, summary)] == ["#id_reason"]
    assert_errors_described(page)
