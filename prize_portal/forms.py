"""Form fields shared by every app."""
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _with_limit(help_text, max_length):
    return f"{help_text} {gettext('At most %(max)d characters.') % {'max': max_length}}".strip()


class LimitedTextField(forms.CharField):
    """Text with a length limit that is shown, never enforced by cutting.

    A browser's ``maxlength`` silently drops the end of a pasted text. Here the limit is said in the help
    text instead; a longer text is refused by the server, and the form comes back with the whole text and
    how long it is, so the person can shorten it rather than type it again."""

    default_error_messages = {
        "max_length": _("At most %(limit_value)d characters, please: this text has %(show_value)d. It is kept "
                        "below for you to shorten."),
    }

    def __init__(self, *, max_length, help_text="", **kwargs):
        # Lazy: forms are built at import time, the language is chosen per request.
        super().__init__(max_length=max_length, help_text=lazy(_with_limit, str)(help_text, max_length), **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-max-length"] = str(self.max_length)
        return attrs
