from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from accounts.second_factor import require_second_factor_for
        from applications.rules import register_reader

        from .rules import can_read_application_as_judge, is_judge

        # Assigned, unconflicted judges read the application and its attachments; applications never imports us.
        register_reader(can_read_application_as_judge)
        # Judges sign in with a second factor, like the secretariat.
        require_second_factor_for(is_judge)
