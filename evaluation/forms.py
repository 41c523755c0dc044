from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from prize_portal.forms import LimitedTextField

from .models import Round, RoundEntry
from .models.rounds import default_tie_break


class ReviewForm(forms.Form):
    """One score per criterion, an overall comment and a private note. Nothing is required to save a draft;
    the service decides what a submission needs."""

    comment = forms.CharField(
        label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required to submit. The strengths and weaknesses that explain your scores."))
    note = forms.CharField(
        label=_("Note for the secretariat (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the secretariat reads this; other judges never see it."))

    def __init__(self, *args, criteria, round, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scale = [("", _("— not scored yet —"))] + [(str(v), str(v)) for v in range(round.scale_min, round.scale_max + 1)]
        score_fields = {}
        for criterion in self.criteria:
            score_fields[self.field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name, choices=scale, coerce=int, empty_value=None, required=False,
                help_text=criterion.description, disabled=disabled)
        self.fields = {**score_fields, **self.fields}
        if disabled:
            self.fields["comment"].disabled = self.fields["note"].disabled = True

    @staticmethod
    def field_name(criterion):
        return f"score_{criterion.code}"

    def add_problems(self, problems):
        """Put each problem a service found next to its field: a criterion's code, or "comment"."""
        codes = {criterion.code: self.field_name(criterion) for criterion in self.criteria}
        for key, message in problems.items():
            name = codes.get(key, key)
            self.add_error(name if name in self.fields else None, message)

    def score_fields(self):
        return [(criterion, self[self.field_name(criterion)]) for criterion in self.criteria]

    def scores(self):
        """{criterion id: value} of what the judge has scored so far (valid fields only)."""
        data = getattr(self, "cleaned_data", {})
        return {c.pk: data.get(self.field_name(c)) for c in self.criteria if data.get(self.field_name(c)) is not None}


class ConflictForm(forms.Form):
    reason = LimitedTextField(
        label=_("Why do you have a conflict of interest?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: I advised this city on the project. Only the secretariat reads this."))


class NewJudgeAccountForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(label=_("Choose a password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("The password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            try:
                password_validation.validate_password(data["password1"])
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ReopenForm(forms.Form):
    reason = LimitedTextField(label=_("Reason for reopening (kept in the audit log)"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))
    closes_at = forms.DateTimeField(label=_("New closing date-time (KST), optional"), required=False,
                                    help_text=_("Format: 2027-07-31 23:59"))


class OverrideForm(forms.Form):
    entry = forms.ModelChoiceField(queryset=RoundEntry.objects.none(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=RoundEntry.Override.choices, required=False)
    reason = LimitedTextField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = round.entries.all()


class ConflictRecordForm(forms.Form):
    reason = LimitedTextField(label=_("Reason"), max_length=500)


class TieBreakWidget(forms.MultiWidget):
    def decompress(self, value):
        return value if isinstance(value, list) else []


class TieBreakField(forms.MultiValueField):
    """The tie-break as an ordered choice among the round's criteria: first, then, then…

    Cleans to the list of criterion codes the round's JSON field stores; nothing else can be saved."""

    def __init__(self, *, criteria, **kwargs):  # criteria: [(code, name)]
        choices = [("", _("—"))] + list(criteria)
        slots = max(len(criteria), 1)
        fields = [forms.ChoiceField(choices=choices, required=False) for _slot in range(slots)]
        widget = TieBreakWidget([forms.Select(choices=choices, attrs={"aria-label": _("Tie-break, place %(n)d")
                                                                        % {"n": n + 1}}) for n in range(slots)])
        kwargs.setdefault("help_text", _("The criteria whose higher mean breaks a tie, in order: the first, then the "
                                         "next. Leave the rest on “—”."))
        super().__init__(fields, widget=widget, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        codes = [code for code in data_list or [] if code]
        if len(set(codes)) != len(codes):
            raise forms.ValidationError(_("Each criterion can appear only once in the tie-break."))
        return codes


class RoundForm(forms.ModelForm):
    """The round's settings in the admin; the tie-break is chosen among the round's own criteria."""

    class Meta:
        model = Round
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tie_break" not in self.fields:
            return  # read-only once the round is finalized
        criteria = [(c.code, c.name) for c in self.instance.criteria.all()] if self.instance.pk else []
        field = TieBreakField(criteria=criteria or [(code, code) for code in default_tie_break()],
                              label=Round._meta.get_field("tie_break").verbose_name)
        if not criteria:
            field.help_text = _("A new round offers the usual criteria; once its criteria are saved, the "
                                "tie-break is chosen among them.")
        self.fields["tie_break"] = field
        self.initial["tie_break"] = self.instance.tie_break_codes
