"""Group texts in English and French (django-modeltranslation): name_en, name_fr, ..."""

from modeltranslation.translator import TranslationOptions, register

from .models import WorkingGroup


@register(WorkingGroup)
class WorkingGroupTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "charter")
