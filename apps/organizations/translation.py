"""An organization's description in English and French (its name is a proper noun)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("description",)
