from django import forms
from django.utils.translation import gettext_lazy as _

from .services import consent as consent_services


class ConsentForm(forms.Form):
    """The person agrees to the current notice: collection and use, and transfer abroad to judges."""

    collection_and_use = forms.BooleanField(
        label=_("I agree to the collection and use of my personal data as the privacy notice describes."))
    transfer_abroad = forms.BooleanField(
        label=_("I agree that judges outside Korea read my applications (transfer abroad)."))


class SignupConsentForm(ConsentForm):
    """allauth's ACCOUNT_SIGNUP_FORM_CLASS: sign-up asks for consent to the current notice, if one is published."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if consent_services.current_notice() is None:
            for field in self.fields.values():
                field.required = False

    def signup(self, request, user):
        notice = consent_services.current_notice()
        if notice is not None:
            consent_services.record_consent(user=user, notice=notice)


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(label=_("I ask the secretariat to close my account and erase my personal data."))
