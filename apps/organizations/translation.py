"""An organization's description in English and French (its name is a proper noun)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organization, ValueChainSegment


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(ValueChainSegment)
class ValueChainSegmentTranslationOptions(TranslationOptions):
    fields = ("name",)
