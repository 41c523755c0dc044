from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from accounts.second_factor import require_second_factor_for
        from applications.rules import register_evaluation_progress, register_reader

        from . import lifecycle, receivers
        from .rules import can_read_application_as_judge, is_judge
        from .services.rounds import last_round_outcome

        # Assigned, unconflicted judges read the application and its attachments; applications never imports us.
        register_reader(can_read_application_as_judge)
        # Judges sign in with a second factor, like the secretariat.
        require_second_factor_for(is_judge)
        # The applicant's status reads how far the entry went in the rounds.
        register_evaluation_progress(last_round_outcome)
        # The edition's phase reads the rounds; late screening and withdrawal reach them (see lifecycle.py).
        lifecycle.connect()
        # A change to any fact a conflict or an assignment depends on, from any path, refreshes the assignments.
        receivers.connect()
        # A new edition takes over the rounds (settings and criteria) of the one it copies.
        from applications.signals import edition_started

        from .new_edition import copy_rounds

        edition_started.connect(copy_rounds, dispatch_uid="evaluation.copy_rounds")
