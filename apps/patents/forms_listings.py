"""Forms of the listing pages and the pool. They check shape, length and the PDF's content; the
rules (dates, unique number, status) live in the services, which check them again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.edit_conflicts import VersionedForm
from apps.core.errors import DomainError
from apps.organizations.models import Organization

from .models import PatentListing, TechnologyArea
from .selectors import Sort
from .services.listings import document_check

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ListingForm(VersionedForm):
    """Every field a contact fills in; `organization` appears only when a new listing's author is a
    contact of several organizations. When editing, it carries the listing's version (see
    apps/core/edit_conflicts.py); a new listing has none."""

    organization = forms.ModelChoiceField(
        label=_("Owner organization"), queryset=Organization.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    number = forms.CharField(
        label=_("Patent or application number"),
        max_length=60,
        help_text=_("As the patent office writes it, for example 3012345 or 2021/0123456."),
    )
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), choices=PatentListing.Jurisdiction.choices)
    filing_date = forms.DateField(label=_("Filing date"), widget=DATE_INPUT)
    grant_date = forms.DateField(
        label=_("Grant date"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Leave empty for an application."),
    )
    expiry_date = forms.DateField(label=_("Expiry date"), widget=DATE_INPUT, required=False)
    technology_areas = forms.ModelMultipleChoiceField(
        label=_("Technology areas"),
        queryset=TechnologyArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    abstract = forms.CharField(
        label=_("Abstract"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )
    licence_terms = forms.ChoiceField(
        label=_("Licence terms"), choices=PatentListing.Terms.choices, widget=forms.RadioSelect
    )
    terms_note = forms.CharField(
        label=_("Note on the terms"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Field of use, territory, royalties: anything a requester should know first."),
    )
    eligibility = forms.ChoiceField(
        label=_("Who may request it"), choices=PatentListing.Eligibility.choices, widget=forms.RadioSelect
    )
    document = forms.FileField(
        label=_("PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_("Optional: the patent or a summary, as a PDF of at most 10 MB."),
    )

    def __init__(self, *args, organizations=None, listing: PatentListing | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if listing is None:
            del self.fields["version"]
        if listing is not None or organizations is None or len(organizations) < 2:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        if listing is not None and listing.document:
            self.fields["document"].help_text = _(
                "A PDF is attached; choose a new one to replace it, or tick “Clear” to remove it."
            )

    @classmethod
    def initial_for(cls, listing: PatentListing) -> dict:
        return {
            "version": listing.version,
            "title": listing.title,
            "number": listing.number,
            "jurisdiction": listing.jurisdiction,
            "filing_date": listing.filing_date,
            "grant_date": listing.grant_date,
            "expiry_date": listing.expiry_date,
            "technology_areas": list(listing.technology_areas.all()),
            "abstract": listing.abstract,
            "licence_terms": listing.licence_terms,
            "terms_note": listing.terms_note,
            "eligibility": listing.eligibility,
            "document": listing.document or None,
        }

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document:
            try:
                document_check(document)
            except DomainError as error:
                raise forms.ValidationError(error.message) from error
        return document

    def service_arguments(self) -> dict:
        """cleaned_data shaped for listing_create / listing_update."""
        data = dict(self.cleaned_data)
        data.pop("organization", None)
        document = data.pop("document", None)
        data["technology_areas"] = list(data["technology_areas"])
        data["remove_document"] = document is False
        data["document"] = document or None
        return data


class ListingWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Requesters whose requests are still open are told, with this reason."),
    )


class PoolFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words from the title, abstract or number."),
    )
    technology_area = forms.ModelChoiceField(
        label=_("Technology area"),
        queryset=TechnologyArea.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Any area"),
    )
    licence_terms = forms.ChoiceField(
        label=_("Licence terms"), choices=[("", _("Any terms")), *PatentListing.Terms.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any status")),
            *[
                (value, label)
                for value, label in PatentListing.Status.choices
                if value in PatentListing.VISIBLE_TO_MEMBERS
            ],
        ],
        required=False,
    )
    jurisdiction = forms.ChoiceField(
        label=_("Jurisdiction"),
        choices=[("", _("Any jurisdiction")), *PatentListing.Jurisdiction.choices],
        required=False,
    )
    organization = forms.ModelChoiceField(
        label=_("Owner organization"),
        queryset=Organization.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any organization"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[(Sort.RELEVANCE, _("Relevance")), (Sort.NEWEST, _("Newest"))],
        required=False,
        help_text=_("Relevance applies when you search."),
    )

    def __init__(self, *args, owner_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owner_organizations is not None:
            self.fields["organization"].queryset = owner_organizations


class LicensingContactsForm(forms.Form):
    contacts = forms.MultipleChoiceField(
        label=_("Contacts who handle licence requests"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked and every contact of the organization handles them."),
    )

    def __init__(self, *args, contact_memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(membership.user_id): membership.user for membership in contact_memberships}
        self.fields["contacts"].choices = [
            (key, person.full_name or person.email) for key, person in self.people.items()
        ]

    def chosen_people(self) -> list:
        return [self.people[key] for key in self.cleaned_data["contacts"]]
