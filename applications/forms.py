from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .choices import ApplicantType, ImplementationStage, Sector, TargetGroup
from .models import (
    LINKS_DRAFT_CHARACTERS,
    SECTION_DRAFT_CHARACTERS,
    SECTION_WORD_LIMIT,
    SUMMARY_DRAFT_CHARACTERS,
    SUMMARY_WORD_LIMIT,
    ApplicantProfile,
    Application,
)
from .reminders import MAX_REMINDER_DAYS, whole_days
from .services import required_fields


class WholeDaysField(forms.CharField):
    """A list of whole days typed as "7, 3, 1"; cleans to the list [7, 3, 1] a JSON field stores."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str):
            return value  # what was typed, shown again with its error
        return ", ".join(str(day) for day in whole_days(value))

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.max_length:  # checked before parsing: the list is what the validators see
            raise forms.ValidationError(_("At most %(max)d characters, please.") % {"max": self.max_length})
        parts = [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]
        bad = [part for part in parts
               if not (part.isascii() and part.isdigit() and len(part) <= 3 and 1 <= int(part) <= MAX_REMINDER_DAYS)]
        if bad:
            raise forms.ValidationError(
                _("Write whole days from 1 to %(max)d, separated by commas, e.g. 7, 3, 1. Not a number of days: "
                  "%(bad)s") % {"max": MAX_REMINDER_DAYS, "bad": ", ".join(bad)}, code="invalid")
        return sorted({int(part) for part in parts}, reverse=True)


class ProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = ApplicantProfile
        fields = ("applicant_type", "name", "country", "city", "website", "organisation", "contact_name",
                  "contact_position", "contact_email", "contact_phone")
        widgets = {"applicant_type": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio group needs no empty choice: "---------" would be a fifth, meaningless kind of applicant.
        self.fields["applicant_type"].choices = ApplicantType.choices
        self.fields["country"].choices = country_choices()


def country_choices():
    """Every country, after an empty first option that says what to do rather than "---------"."""
    from django_countries import countries

    return [("", _("Choose a country"))] + list(countries)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; each is checked by the upload service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def draft_length_validator(name):
    limit = {"summary": SUMMARY_DRAFT_CHARACTERS, "links": LINKS_DRAFT_CHARACTERS}.get(name, SECTION_DRAFT_CHARACTERS)
    return MaxLengthValidator(limit, message=_(
        "This is too long to keep: %(show_value)d characters, and a draft keeps at most %(limit_value)d here. "
        "Your text is still in the box: shorten it and save again."))


def words_help(limit, extra=""):
    return _("%(extra)sAt most %(limit)d words.") % {"extra": extra, "limit": limit}


class ApplicationForm(forms.ModelForm):
    """The whole application. Every field is optional here: a draft may be incomplete.

    What submission requires is decided by ``services.completeness_errors``.
    """

    sectors = forms.MultipleChoiceField(label=_("Sectors"), choices=Sector.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(label=_("Target groups"), choices=TargetGroup.choices, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    new_attachments = MultipleFileField(
        label=_("Add attachments"),
        help_text=_("PDF, JPEG or PNG; at most 20 MB each and 10 files in all. You can select several files."),
    )

    PROJECT_FIELDS = ("title", "summary", "problem", "solution", "target_groups", "inclusiveness",
                      "implementation_start", "implementation_end", "implementation_stage", "budget", "results",
                      "sustainability", "partners", "sectors", "links")
    INDIVIDUAL_FIELDS = ("summary", "achievements", "sectors", "links")
    NOMINEE_FIELDS = ("nominee_name", "nominee_email", "nominee_position", "nominee_organisation", "nominee_country")

    class Meta:
        model = Application
        fields = ("title", "summary", "problem", "solution", "target_groups", "inclusiveness",
                  "implementation_start", "implementation_end", "implementation_stage", "budget", "results",
                  "sustainability", "partners", "sectors", "links", "achievements", "nominee_name", "nominee_email",
                  "nominee_position", "nominee_organisation", "nominee_country")
        widgets = {
            "implementation_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "implementation_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "links": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "summary": words_help(SUMMARY_WORD_LIMIT),
            "problem": words_help(SECTION_WORD_LIMIT, _("Which problem of your residents does the project address? ")),
            "solution": words_help(SECTION_WORD_LIMIT, _("What was done, and with which technology? ")),
            "inclusiveness": words_help(SECTION_WORD_LIMIT, _("How does it reach people who are often left out? ")),
            "budget": words_help(SECTION_WORD_LIMIT, _("Total budget, currency and sources of funding. ")),
            "results": words_help(SECTION_WORD_LIMIT, _("Measurable indicators: before and after, with figures. ")),
            "sustainability": words_help(SECTION_WORD_LIMIT, _("How will it last, and could other cities adopt it? ")),
            "partners": words_help(SECTION_WORD_LIMIT, _("Organisations that took part, and their roles. ")),
            "achievements": words_help(SECTION_WORD_LIMIT, _("The person's leadership in using technology and data for citizens. ")),
            "links": _("One web address per line: project website, videos, press."),
            "implementation_end": _("Leave empty if the project is ongoing."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        application = self.instance
        wanted = self.INDIVIDUAL_FIELDS if application.category.is_for_individuals else self.PROJECT_FIELDS
        if application.is_nomination:
            wanted = self.NOMINEE_FIELDS + wanted
        for name in list(self.fields):
            if name not in wanted and name != "new_attachments":
                del self.fields[name]
        if "nominee_country" in self.fields:
            self.fields["nominee_country"].choices = country_choices()
        if "implementation_stage" in self.fields:
            self.fields["implementation_stage"].choices = [("", _("Choose a stage"))] + ImplementationStage.choices
        needed_to_submit = set(required_fields(application))
        for name, field in self.fields.items():
            field.required = False
            if name in needed_to_submit:
                field.label = _("%(label)s (required to submit)") % {"label": field.label}
            limit = SUMMARY_WORD_LIMIT if name == "summary" else SECTION_WORD_LIMIT
            if isinstance(field.widget, forms.Textarea) and name != "links":
                field.widget.attrs.update({"rows": 6, "data-word-limit": limit, "data-words-label": _("words")})
            if isinstance(field.widget, forms.Textarea):
                field.validators.append(draft_length_validator(name))

    def clean_links(self):
        from django.core.validators import URLValidator

        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()]
        bad = []
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError:
                bad.append(line)
        if bad:
            raise forms.ValidationError(_("These are not web addresses (they must start with https:// or http://): %(bad)s")
                                        % {"bad": ", ".join(bad)})
        return "\n".join(lines)

    def section_changes(self):
        """The values of the fields that passed validation, so a draft keeps them even if others failed."""
        return {name: value for name, value in self.cleaned_data.items()
                if name != "new_attachments" and name not in self.errors}
