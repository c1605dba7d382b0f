"""Technology area names in English and French."""

from modeltranslation.translator import TranslationOptions, register

from .models import TechnologyArea


@register(TechnologyArea)
class TechnologyAreaTranslationOptions(TranslationOptions):
    fields = ("name",)
