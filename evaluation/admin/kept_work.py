"""What the evaluation keeps: judges' reviews and scores, conflicts, accepted invitations, rounds with work."""
from django.utils.translation import gettext_lazy as _

from audit.deletion import keep_work

from ..models import Assignment, Conflict, Invitation, Round, Score

keep_work(Round, when=lambda round: round.assignments.exists(),
          instead=_("%(object)s has assignments, so it is never deleted. Close the round instead "
                    "(action “Close the selected rounds”)."))
# A judge's first save (draft or submitted) moves the review out of "not started".
keep_work(Assignment, when=lambda assignment: assignment.status != Assignment.Status.NOT_STARTED,
          instead=_("The assignment %(object)s holds a judge's review, so it is never deleted. To move the entry "
                    "to another judge, record a conflict instead."))
keep_work(Score, instead=_("The score %(object)s is part of a judge's review and is never deleted."))
keep_work(Conflict, instead=_("The conflict %(object)s explains why a judge did not review an entry, so it is "
                              "never deleted. Record the conflict again with the corrected reason instead."))
keep_work(Invitation, when=lambda invitation: invitation.accepted_at is not None,
          instead=_("The invitation %(object)s was accepted, so it is never deleted. To end the judge's "
                    "membership, mark them inactive in the committee instead."))
