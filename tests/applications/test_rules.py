from datetime import timedelta

import pytest
from django.utils import timezone

from applications import rules, services

pytestmark = pytest.mark.django_db


def test_the_owner_may_withdraw_before_the_deadline_and_the_page_offers_it(alices_draft, alice, alice_client):
    services.submit_application(application=alices_draft, user=alice.user)
    assert rules.can_withdraw_application(alice.user, alices_draft)
    assert f"/applications/{alices_draft.pk}/withdraw/" in alice_client.get(
        f"/applications/{alices_draft.pk}/").content.decode()


def test_after_the_deadline_nobody_may_withdraw_and_the_page_no_longer_offers_it(alices_draft, alice, alice_client):
    services.submit_application(application=alices_draft, user=alice.user)
    alices_draft.edition.closes_at = timezone.now() - timedelta(minutes=1)
    alices_draft.edition.save()
    alices_draft.refresh_from_db()
    assert not rules.can_withdraw_application(alice.user, alices_draft)
    assert "/withdraw/" not in alice_client.get(f"/applications/{alices_draft.pk}/").content.decode()


def test_another_applicant_may_never_withdraw(alices_draft, bob):
    assert not rules.can_withdraw_application(bob.user, alices_draft)
