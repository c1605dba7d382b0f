"""The roadmap's texts in English and French (django-modeltranslation): name_en, name_fr, ..."""

from modeltranslation.translator import TranslationOptions, register

from .models import Action, Area, Indicator, Pillar


@register(Pillar)
class PillarTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Area)
class AreaTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "goal")


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Action)
class ActionTranslationOptions(TranslationOptions):
    fields = ("title", "description")
