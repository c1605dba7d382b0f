"""Import and export of actions (django-import-export), one row per action, found by its code.

Columns: code, title_en, title_fr, description_en, description_fr (each text in English and in
French; a missing column is left as it is), area (its code), working_group (its slug), owner (an e-mail),
lead_organizations (names separated by ";"), start_date and target_date (YYYY-MM-DD), cadence
(days: 7, 14, 30 or 91; blank is monthly). The export adds status and percent_done. Those two
change only through status updates: an import may carry them as exported, but a row whose value
differs from the action's current one is refused with a row error (never silently ignored).
Every row is saved through services.action_save, like the admin form.
"""

from functools import reduce
from operator import or_

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from apps.accounts.models import User
from apps.organizations.models import Organization
from apps.working_groups.models import WorkingGroup

from .models import Action, Area, Cadence, Status
from .services import action_save

DATE_FORMAT = "%Y-%m-%d"
ORGANIZATION_SEPARATOR = ";"


def _is_blank(value) -> bool:
    return value is None or str(value).strip() == ""


class TextWidget(widgets.CharWidget):
    """Text without surrounding spaces; an empty cell is an empty text."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).strip()


class TranslationWidget(TextWidget):
    """A text in one language; an empty cell means no translation yet (stored as empty)."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or None


class LookupWidget(widgets.ForeignKeyWidget):
    """A related row found by one of its fields, ignoring case, with an error that names the value."""

    def __init__(self, model, field, *, error, queryset=None):
        super().__init__(model, field=field)
        self.error = error
        self.queryset = queryset

    def get_queryset(self, value, row, *args, **kwargs):
        return self.queryset.all() if self.queryset is not None else self.model.objects.all()

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        value = str(value).strip()
        try:
            return self.get_queryset(value, row).get(**{f"{self.field}__iexact": value})
        except ObjectDoesNotExist:
            raise ValueError(str(self.error) % {"value": value}) from None


class OrganizationNamesWidget(widgets.ManyToManyWidget):
    """Member organizations by name, separated by ";" (names may contain commas)."""

    def __init__(self):
        super().__init__(Organization, separator=ORGANIZATION_SEPARATOR, field="name")

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return Organization.objects.none()
        names = [name.strip() for name in str(value).split(self.separator) if name.strip()]
        found = Organization.objects.filter(reduce(or_, (Q(name__iexact=name) for name in names)))
        known = {organization.name.lower() for organization in found}
        unknown = [name for name in names if name.lower() not in known]
        if unknown:
            raise ValueError(
                _("No member organization is named %(names)s.")
                % {"names": ", ".join(f"“{n}”" for n in unknown)}
            )
        return found


class IsoDateWidget(widgets.DateWidget):
    def __init__(self):
        super().__init__(format=DATE_FORMAT)

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return None
        try:
            return super().clean(str(value).strip() if isinstance(value, str) else value, row, **kwargs)
        except (ValueError, TypeError):
            raise ValueError(
                _("“%(value)s” is not a date: write it as YYYY-MM-DD.") % {"value": value}
            ) from None


class CadenceWidget(widgets.Widget):
    """Days between updates (7, 14, 30 or 91) or the cadence's name; blank means monthly."""

    def clean(self, value, row=None, **kwargs):
        if _is_blank(value):
            return Cadence.MONTHLY.value
        text = str(value).strip().lower()
        for cadence in Cadence:
            names = {cadence.name.lower(), str(cadence.label).lower(), str(cadence.value)}
            if text in names or _as_whole_number(text) == cadence.value:
                return cadence.value
        raise ValueError(
            _("“%(value)s” is not a cadence: write 7, 14, 30 or 91 (days between updates).")
            % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def _as_whole_number(text) -> int | None:
    try:
        number = float(text)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


class ActionResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name="code", widget=TextWidget())
    title_en = fields.Field(attribute="title_en", column_name="title_en", widget=TextWidget())
    title_fr = fields.Field(attribute="title_fr", column_name="title_fr", widget=TranslationWidget())
    description_en = fields.Field(
        attribute="description_en", column_name="description_en", widget=TranslationWidget()
    )
    description_fr = fields.Field(
        attribute="description_fr", column_name="description_fr", widget=TranslationWidget()
    )
    area = fields.Field(
        attribute="area",
        column_name="area",
        widget=LookupWidget(Area, "code", error=gettext_lazy("No area has the code “%(value)s”.")),
    )
    working_group = fields.Field(
        attribute="working_group",
        column_name="working_group",
        widget=LookupWidget(
            WorkingGroup, "slug", error=gettext_lazy("No working group has the short name “%(value)s”.")
        ),
        saves_null_values=True,
    )
    owner = fields.Field(
        attribute="owner",
        column_name="owner",
        widget=LookupWidget(
            User,
            "email",
            error=gettext_lazy("No active person has the e-mail address “%(value)s”."),
            queryset=User.objects.filter(is_active=True),
        ),
        saves_null_values=True,
    )
    lead_organizations = fields.Field(
        attribute="lead_organizations", column_name="lead_organizations", widget=OrganizationNamesWidget()
    )
    start_date = fields.Field(
        attribute="start_date", column_name="start_date", widget=IsoDateWidget(), saves_null_values=True
    )
    target_date = fields.Field(
        attribute="target_date", column_name="target_date", widget=IsoDateWidget(), saves_null_values=True
    )
    cadence = fields.Field(attribute="update_cadence_days", column_name="cadence", widget=CadenceWidget())
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    percent_done = fields.Field(attribute="percent_done", column_name="percent_done", readonly=True)

    class Meta:
        model = Action
        import_id_fields = ("code",)
        fields = (
            "code",
            "title_en",
            "title_fr",
            "description_en",
            "description_fr",
            "area",
            "working_group",
            "owner",
            "lead_organizations",
            "start_date",
            "target_date",
            "cadence",
            "status",
            "percent_done",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def get_user_visible_fields(self):
        """The columns an import reads (status and percent are only checked, never imported)."""
        return [field for field in super().get_user_visible_fields() if not field.readonly]

    def before_import(self, dataset, **kwargs):
        self.actor = kwargs.get("user")

    def before_import_row(self, row, **kwargs):
        if "code" in row and not _is_blank(row["code"]):
            row["code"] = str(row["code"]).strip().upper()

    def import_instance(self, instance, row, **kwargs):
        """Collect every problem of the row as field errors, so the preview lists them all."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "lead_organizations" in row:
            try:
                self.fields["lead_organizations"].clean(row)
            except ValueError as error:
                errors["lead_organizations"] = [str(error)]
        errors.update(self._status_changes(instance, row))
        if errors:
            raise ValidationError(errors)

    def _status_changes(self, instance, row) -> dict:
        """Refuse a status or percent that differs from the action's: only status updates change them."""
        errors = {}
        status = row.get("status")
        if not _is_blank(status):
            text = str(status).strip().lower()
            current = Status(instance.status)
            if text not in {current.value, str(current.label).lower()}:
                errors["status"] = [
                    _("The status changes only through status updates: leave it as exported (“%(status)s”).")
                    % {"status": current.value}
                ]
        percent = row.get("percent_done")
        if (
            not _is_blank(percent)
            and _as_whole_number(str(percent).strip().rstrip("%")) != instance.percent_done
        ):
            errors["percent_done"] = [
                _("Percent done changes only through status updates: leave it as exported (%(percent)d).")
                % {"percent": instance.percent_done}
            ]
        return errors

    def do_instance_save(self, instance, is_create):
        action_save(action=instance, actor=self.actor)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("area", "working_group", "owner").prefetch_related(
            "lead_organizations"
        )
