"""Page forms: they only parse input; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Campaign, CommendationForm, Gender, Issuer, Proposal, ProposalStatus


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    year = forms.IntegerField(label=_("Year of the achievements"), min_value=2000, max_value=2100)
    form = forms.ModelChoiceField(label=_("Form proposed"), queryset=CommendationForm.objects.none())
    campaign = forms.ModelChoiceField(label=_("Campaign or movement"), queryset=Campaign.objects.all(), required=False)
    include_unit = forms.BooleanField(label=_("Propose the unit itself (collective)"), required=False)
    unit_achievement = forms.CharField(
        label=_("The unit's achievements"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["form"]).queryset = CommendationForm.objects.select_related("issuer")


class PersonLineForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    achievement = forms.CharField(label=_("Achievements"), required=False)


PersonLineFormSet = forms.formset_factory(PersonLineForm, extra=3, max_num=30)


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Return to the unit"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Issuer.objects.all())
    form = forms.ModelChoiceField(label=_("Form"), queryset=CommendationForm.objects.all())
    number = forms.IntegerField(label=_("Number"), min_value=1)
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    signer_name = forms.CharField(label=_("Signed by"), max_length=255)
    signer_title = forms.CharField(label=_("Title of the signer"), max_length=100)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    year = forms.IntegerField(label=_("Year of the achievements"), min_value=2000, max_value=2100)
    campaign = forms.ModelChoiceField(label=_("Campaign or movement"), queryset=Campaign.objects.all(), required=False)
    achievement = forms.CharField(
        label=_("Achievements (as the decision words them)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Approved proposals"), queryset=Proposal.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["proposals"]).queryset = Proposal.objects.filter(
            status=ProposalStatus.APPROVED
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))
    criterion = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CountsForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the achievements"), required=False)
    date_from = forms.DateField(
        label=_("Decisions from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("Decisions to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    issuer = forms.ModelChoiceField(
        label=_("Issuer"), queryset=Issuer.objects.all(), required=False, to_field_name="code"
    )
    form_code = forms.ModelChoiceField(
        label=_("Form"), queryset=CommendationForm.objects.all(), required=False, to_field_name="code"
    )
    campaign_code = forms.ModelChoiceField(
        label=_("Campaign or movement"), queryset=Campaign.objects.all(), required=False, to_field_name="code"
    )
