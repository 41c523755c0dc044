"""Committees: inviting experts and their accepting."""
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from outbox.services import schedule

from ..models import CommitteeMember, Invitation, JudgeProfile
from .errors import EvaluationError


def invite_judge(*, committee, email, by, name="", capacity=None):
    """Invite (or invite again) an expert to ``committee``; they get an email with a personal link."""
    email = get_user_model().objects.normalize_email(email.strip())
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            committee=committee, email__iexact=email,
            defaults={"email": email, "name": name, "capacity": capacity, "invited_by": by})
        if invitation.accepted_at:
            raise EvaluationError(_("%(email)s has already accepted and is a member.") % {"email": email})
        record(actor=by, action="committee.invited", target=committee, email=email, again=not created)
        schedule("evaluation.send_invitation", invitation.pk)
    return invitation


def create_judge_account(*, invitation, password, first_name="", last_name=""):
    """The invited expert has no account yet: make one. The invitation link proved the address."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise EvaluationError(_("An account with this email already exists: sign in to accept."))
    user = User.objects.create_user(email=invitation.email, password=password, first_name=first_name,
                                    last_name=last_name)
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    return user


def accept_invitation(*, invitation, user, now=None):
    """Link ``user`` to the committee. Only the invited address may accept."""
    if user.email.casefold() != invitation.email.casefold():
        raise EvaluationError(_("This invitation was sent to %(email)s; sign in with that address to accept.")
                              % {"email": invitation.email})
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        membership, _created = CommitteeMember.objects.get_or_create(
            committee=invitation.committee, user=user, defaults={"capacity": invitation.capacity})
        if not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        JudgeProfile.objects.get_or_create(user=user)
        if invitation.accepted_at is None:
            invitation.accepted_at = now or timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
            record(actor=user, action="committee.joined", target=invitation.committee, email=user.email)
    return membership
