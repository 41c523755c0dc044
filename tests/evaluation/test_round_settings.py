"""A round's tie-break is a choice among its criteria, never raw JSON; no stored value breaks a page or export."""
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from applications.models import Edition
from evaluation import tasks
from evaluation.models import Round
from tests.html import form_data

pytestmark = pytest.mark.django_db


def change_url(round):
    return reverse("admin:evaluation_round_change", args=[round.pk])


def post_round(client, round, **changes):
    data = form_data(client.get(change_url(round)).content, "round_form")
    data.update({name: [value] for name, value in changes.items()})
    return client.post(change_url(round), data)


def test_the_tie_break_is_chosen_among_the_rounds_criteria(sofia_client, rounds):
    round = rounds[1]
    form = sofia_client.get(change_url(round)).context["adminform"].form
    offered = [code for code, _name in form.fields["tie_break"].fields[0].choices if code]
    assert offered == [c.code for c in round.criteria.all()]
    assert post_round(sofia_client, round, tie_break_0="impact", tie_break_1="", tie_break_2="innovation",
                      tie_break_3="").status_code == 302
    round.refresh_from_db()
    assert round.tie_break == ["impact", "innovation"]


@pytest.mark.parametrize("choice", ["charisma", '["impact"]', "²", "9" * 40])
def test_a_tie_break_that_is_not_a_criterion_is_refused(sofia_client, rounds, choice):
    round = rounds[1]
    response = post_round(sofia_client, round, tie_break_0=choice, judges_per_entry="5")
    assert response.status_code == 200 and "tie_break" in response.context["adminform"].form.errors
    assert field_kept(response, "judges_per_entry", "5")
    round.refresh_from_db()
    assert round.tie_break == ["inclusiveness", "impact"]


def field_kept(response, name, value):
    return response.context["adminform"].form[name].value() == value


def test_a_criterion_twice_in_the_tie_break_is_refused(sofia_client, rounds):
    response = post_round(sofia_client, rounds[1], tie_break_0="impact", tie_break_1="impact")
    assert "only once" in str(response.context["adminform"].form.errors["tie_break"])


BAD_STORED = ["impact", 5, {"impact": 1}, [["impact"]], [None, 3, "impact"], "null"]


@pytest.mark.parametrize("stored", BAD_STORED)
def test_no_stored_tie_break_breaks_the_round_pages_or_exports(sofia_client, round_one, stored):
    Round.objects.filter(pk=round_one.pk).update(tie_break=stored)
    for url in [change_url(round_one), reverse("admin:evaluation_round_results", args=[round_one.pk]),
                reverse("admin:evaluation_round_advancement", args=[round_one.pk]),
                reverse("admin:evaluation_round_panel", args=[round_one.pk]),
                reverse("admin:evaluation_round_export", args=[round_one.pk, "ranking", "csv"]),
                reverse("admin:evaluation_round_export", args=[round_one.pk, "ranking", "xlsx"])]:
        assert sofia_client.get(url).status_code == 200, url


@pytest.mark.parametrize("stored", ["3", 3, {"3": 1}, [3, "x", -2, 70000, 1.5, [1]]])
def test_the_hourly_review_reminders_survive_any_stored_value(round_one, edition, stored,
                                                              django_capture_on_commit_callbacks):
    Edition.objects.filter(pk=edition.pk).update(review_reminder_days=stored)
    round_one.closes_at = timezone.now() + timedelta(days=2, hours=12)
    round_one.save()
    expected = 3 if isinstance(stored, list) else 0  # Hana, Omar and Carla, 3 days before
    with django_capture_on_commit_callbacks(execute=True):  # each reminder leaves through the outbox
        assert tasks.send_review_reminders() == expected
    assert len(mail.outbox) == expected
