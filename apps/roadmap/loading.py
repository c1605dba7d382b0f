"""Load the roadmap (pillars, areas, indicators and the actions it names) from the project's copy
of roadmap.yaml.

Safe to run again. Each row is found by its key (pillar name, area code, indicator name within its
area, action code), or by the key the last load gave it if staff renamed it since. A field is
written only while it still holds what the last load wrote (kept in the row's `loaded_values`), so
what people change in the portal survives every later load; the report names what was kept.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from apps.working_groups.services import ensure_roadmap_groups

from .models import Action, Area, Indicator, Pillar

DATA_FILE = Path(__file__).resolve().parent / "data" / "roadmap.yaml"
FRENCH_FILE = DATA_FILE.with_name("roadmap.fr.yaml")

# The working group that owns an area's actions where the roadmap makes it obvious. Scale-up
# support (SCL) spans the whole alliance: the secretariat assigns those actions.
GROUP_SLUG_FOR_AREA = {
    "FIN": "financing",
    "SKL": "skills",
    "PHY": "research-and-development",
    "IP": "research-and-development",
}
LOAD_REASON = "load_roadmap"
_MISSING = object()


class RoadmapDataError(ValueError):
    """The data file cannot be read as a roadmap; the message says where."""


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        lines = [f"created {label}" for label in self.created]
        lines += [f"updated {label}" for label in self.updated]
        lines += [f"kept {label}" for label in self.kept]
        lines.append(self.summary())
        return lines

    def summary(self) -> str:
        loaded = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        return (
            f"Roadmap loaded ({loaded}): {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.kept)} with changes kept, {len(self.unchanged)} unchanged."
        )


def read_roadmap(path: Path = DATA_FILE) -> list[dict]:
    """The pillars of the data file, checked for what the loader needs."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RoadmapDataError(f"Cannot read {path}: {error}") from error
    pillars = data.get("pillars") if isinstance(data, dict) else None
    if not pillars:
        raise RoadmapDataError(f"{path} lists no pillars.")
    seen_codes = set()
    for pillar in pillars:
        _require(pillar, ("name", "areas"), "pillar")
        for area in pillar["areas"]:
            _require(area, ("code", "name"), f"area of pillar {pillar['name']!r}")
            if area["code"] in seen_codes:
                raise RoadmapDataError(f"Area code {area['code']!r} appears twice.")
            seen_codes.add(area["code"])
            for indicator in area.get("indicators") or []:
                _require(
                    indicator,
                    ("name", "kind", "unit", "target", "target_year"),
                    f"indicator of {area['code']}",
                )
                if indicator["kind"] not in Indicator.Kind.values:
                    raise RoadmapDataError(f"Indicator {indicator['name']!r} has an unknown kind.")
                _decimal(indicator["target"], f"target of {indicator['name']!r}")
    return pillars


def _require(item, keys: tuple[str, ...], what: str) -> None:
    if not isinstance(item, dict) or any(item.get(key) in (None, "") for key in keys):
        raise RoadmapDataError(f"Each {what} needs {', '.join(keys)}: {item!r}")


def _decimal(value, what: str) -> Decimal:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise RoadmapDataError(f"The {what} is not a number: {value!r}") from error


def action_code(area_code: str, number: int) -> str:
    """Named actions are numbered within their area in the roadmap's order: FIN-1, FIN-2..."""
    return f"{area_code}-{number}"


def read_french(path: Path = FRENCH_FILE) -> dict:
    """The project's French versions of the roadmap's texts (see roadmap.fr.yaml), or none."""
    if not Path(path).exists():
        return {}
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise RoadmapDataError(f"Cannot read {path}: {error}") from error


def _in_french(items: list, position: int) -> str | None:
    return items[position] if position < len(items) else None


@transaction.atomic
def load_roadmap(*, path: Path = DATA_FILE, french_path: Path = FRENCH_FILE) -> LoadReport:
    """Create or update every pillar, area, indicator and named action of the data file, with
    the French versions of their texts."""
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return _load(read_roadmap(path), read_french(french_path))


def _load(pillars: list[dict], french: dict) -> LoadReport:
    report = LoadReport()
    groups = ensure_roadmap_groups()
    area_position = indicator_count = action_count = 0
    french_pillars = french.get("pillars") or []
    french_areas = french.get("areas") or {}
    for pillar_position, pillar_data in enumerate(pillars, start=1):
        french_pillar = french_pillars[pillar_position - 1] if pillar_position <= len(french_pillars) else {}
        pillar = _sync(
            Pillar,
            key={"name_en": pillar_data["name"]},
            values={
                "name_en": pillar_data["name"],
                "name_fr": french_pillar.get("name"),
                "position": pillar_position,
            },
            label=f"pillar {pillar_data['name']}",
            report=report,
        )
        for area_data in pillar_data["areas"]:
            area_position += 1
            area_code = area_data["code"]
            french_area = french_areas.get(area_code) or {}
            area = _sync(
                Area,
                key={"code": area_code},
                values={
                    "code": area_code,
                    "pillar_id": pillar.pk,
                    "name_en": area_data["name"],
                    "name_fr": french_area.get("name"),
                    "summary_en": area_data.get("summary") or "",
                    "summary_fr": french_area.get("summary"),
                    "goal_en": area_data.get("goal") or "",
                    "goal_fr": french_area.get("goal"),
                    "position": area_position,
                },
                label=f"area {area_code}",
                report=report,
            )
            french_indicators = french_area.get("indicators") or []
            for position, indicator_data in enumerate(area_data.get("indicators") or [], start=1):
                indicator_count += 1
                _sync(
                    Indicator,
                    key={"name_en": indicator_data["name"]},
                    scope={"area": area},
                    values={
                        "area_id": area.pk,
                        "name_en": indicator_data["name"],
                        "name_fr": _in_french(french_indicators, position - 1),
                        "kind": indicator_data["kind"],
                        "unit": indicator_data["unit"],
                        "target": _decimal(indicator_data["target"], "target"),
                        "target_year": int(indicator_data["target_year"]),
                        "position": position,
                    },
                    label=f"indicator {area_code}: {indicator_data['name']}",
                    report=report,
                )
            group = groups.get(GROUP_SLUG_FOR_AREA.get(area_code, ""))
            french_actions = french_area.get("actions") or []
            for number, title in enumerate(area_data.get("actions") or [], start=1):
                action_count += 1
                code = action_code(area_code, number)
                _sync(
                    Action,
                    key={"code": code},
                    values={
                        "code": code,
                        "area_id": area.pk,
                        "title_en": title,
                        "title_fr": _in_french(french_actions, number - 1),
                        "is_named_in_roadmap": True,
                    },
                    label=f"action {code}",
                    report=report,
                    link_group=group,
                )
    report.counts = {
        "pillars": len(pillars),
        "areas": area_position,
        "indicators": indicator_count,
        "actions": action_count,
    }
    return report


def _sync(
    model: type[models.Model],
    *,
    key: dict[str, Any],
    values: dict[str, Any],
    label: str,
    report: LoadReport,
    scope: dict[str, Any] | None = None,
    link_group=None,
):
    """Create the row, or update the fields nobody changed since the last load."""
    scope = scope or {}
    loaded_key = {f"loaded_values__{name}": value for name, value in key.items()}
    instance = (
        model.objects.filter(**scope, **key).first() or model.objects.filter(**scope, **loaded_key).first()
    )
    if instance is None:
        instance = model(**values)
        instance.loaded_values = {name: _as_json(value) for name, value in values.items()}
        if link_group is not None:
            _link_group(instance, link_group)
        instance._change_reason = LOAD_REASON
        instance.save()
        report.created.append(label)
        return instance

    loaded = dict(instance.loaded_values or {})
    changed, kept = [], []
    for name, new_value in values.items():
        current, new = _as_json(getattr(instance, name)), _as_json(new_value)
        if current == new:
            loaded[name] = new
            continue
        last_loaded = loaded.get(name, _MISSING)
        changed_by_people = current not in ("", None) if last_loaded is _MISSING else current != last_loaded
        if changed_by_people:
            kept.append(name.removesuffix("_id"))
            continue
        setattr(instance, name, new_value)
        loaded[name] = new
        changed.append(name)
    if link_group is not None and _link_group(instance, link_group, loaded=loaded):
        changed.append("working_group_id")
        loaded["working_group_id"] = link_group.pk

    if changed:
        instance.loaded_values = loaded
        instance._change_reason = LOAD_REASON
        # Only what the load writes: never the status, percent or version a status update sets.
        update_fields = [*changed, "loaded_values"]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            update_fields.append("updated_at")
        instance.save(update_fields=update_fields)
        report.updated.append(f"{label} ({', '.join(name.removesuffix('_id') for name in changed)})")
    elif loaded != instance.loaded_values:
        # Only the record of what was loaded moved: no edit, so no history row.
        model.objects.filter(pk=instance.pk).update(loaded_values=loaded)
        instance.loaded_values = loaded
    if kept:
        report.kept.append(f"{label} ({', '.join(kept)}: changed in the portal since the last load)")
    elif not changed:
        report.unchanged.append(label)
    return instance


def _link_group(action: Action, group, *, loaded: dict | None = None) -> bool:
    """Give the action its obvious working group, once: only while it has none, and never again
    after staff removed the one the load gave."""
    if action.working_group_id is not None:
        return False
    if loaded is not None and "working_group_id" in loaded:
        return False
    action.working_group = group
    if loaded is None:
        action.loaded_values["working_group_id"] = group.pk
    return True


def _as_json(value):
    """How a value is kept in `loaded_values` and compared with it."""
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value
