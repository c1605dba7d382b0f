from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class WebsiteField(models.URLField):
    """A URL that people may type without its scheme: "example.ca" becomes https://example.ca."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def translated_history_base(model_name: str, /, **fields: models.Field) -> type[models.Model]:
    """An abstract base for a model's HistoricalRecords holding its <field>_<language> columns.

    django-modeltranslation adds those columns when the app registry is ready, after
    django-simple-history has built the historical model; without this base, saving a
    translated model would fail and its history would miss the translations.
    Usage: HistoricalRecords(bases=[translated_history_base("Group", name=CharField(...))]).
    """
    from django.conf import settings

    attributes = {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True})}
    for field_name, field in fields.items():
        for code, _label in settings.LANGUAGES:
            column = field.clone()
            column.null, column.blank, column._unique = True, True, False
            attributes[f"{field_name}_{code}"] = column
    return type(f"{model_name}TranslationsHistory", (models.Model,), attributes)
