"""`load_roadmap` loads the roadmap's pillars, areas, indicators and named actions from the
project's copy of roadmap.yaml, and is safe to run again: it updates, never duplicates, and keeps
what people changed in the portal since the last load."""

from decimal import Decimal
from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.roadmap.loading import DATA_FILE, load_roadmap
from apps.roadmap.models import Action, Area, Indicator, Pillar, Status
from apps.working_groups.models import WorkingGroup
from tests.roadmap.factories import StatusUpdateFactory

pytestmark = pytest.mark.django_db

NAMED_ACTIONS = {
    "FIN": 4,
    "PHY": 4,
    "SKL": 5,
    "SCL": 5,
    "IP": 5,
}


def run_load(**options) -> str:
    output = StringIO()
    call_command("load_roadmap", stdout=output, **options)
    return output.getvalue()


def snapshot() -> dict:
    """Every loaded row, with the fields the load writes."""
    return {
        "pillars": list(Pillar.objects.order_by("pk").values_list("pk", "name", "position")),
        "areas": list(
            Area.objects.order_by("pk").values_list(
                "pk", "code", "pillar_id", "name", "summary", "goal", "position"
            )
        ),
        "indicators": list(
            Indicator.objects.order_by("pk").values_list(
                "pk", "area_id", "name", "kind", "unit", "target", "target_year", "position"
            )
        ),
        "actions": list(
            Action.objects.order_by("pk").values_list(
                "pk", "code", "area_id", "title", "working_group_id", "is_named_in_roadmap", "version"
            )
        ),
    }


def edited_data_file(tmp_path, edit) -> str:
    data = yaml.safe_load(DATA_FILE.read_text())
    edit(data)
    path = tmp_path / "roadmap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_loads_every_pillar_area_indicator_and_named_action():
    output = run_load()

    data = yaml.safe_load(DATA_FILE.read_text())
    assert list(Pillar.objects.values_list("name", flat=True)) == [
        "Innovation Infrastructure",
        "Industrial Policy",
    ]
    assert list(Area.objects.values_list("code", "name", "pillar__name")) == [
        ("FIN", "Financial Ecosystem", "Innovation Infrastructure"),
        ("PHY", "Physical Assets", "Innovation Infrastructure"),
        ("SKL", "Skills & Talent", "Innovation Infrastructure"),
        ("SCL", "Scale-up Support", "Industrial Policy"),
        ("IP", "IP Strategy", "Industrial Policy"),
    ]
    financial = Area.objects.get(code="FIN")
    assert financial.goal == "$3B invested in battery innovation through public and private funding."
    assert financial.summary.startswith("Enhance funding mechanisms")
    expected_actions = [
        (f"{area['code']}-{number}", area["code"], title)
        for pillar in data["pillars"]
        for area in pillar["areas"]
        for number, title in enumerate(area["actions"], start=1)
    ]
    assert sorted(Action.objects.values_list("code", "area__code", "title")) == sorted(expected_actions)
    assert {code: Action.objects.filter(area__code=code).count() for code in NAMED_ACTIONS} == NAMED_ACTIONS
    assert Action.objects.get(code="FIN-2").title == (
        "Establish a dedicated Battery Innovation Venture Fund for early-stage capital"
    )
    assert not Action.objects.filter(is_named_in_roadmap=False).exists()
    assert set(Action.objects.values_list("status", "percent_done")) == {(Status.NOT_STARTED, 0)}
    assert sorted(
        Indicator.objects.values_list("area__code", "name", "kind", "unit", "target", "target_year")
    ) == [
        (
            "FIN",
            "Investment in battery innovation (public and private)",
            "stock",
            "CAD",
            Decimal("3000000000"),
            2035,
        ),
        ("IP", "Battery technology patents secured", "stock", "patents", Decimal("1000"), 2035),
        ("SCL", "Canadian-owned firms in the battery sector", "multiple", "firms", Decimal("10"), 2035),
        ("SCL", "Share of the North American battery value chain", "share", "percent", Decimal("20"), 2035),
        (
            "SKL",
            "Graduates per year from specialized training programs",
            "rate",
            "people/year",
            Decimal("500"),
            2035,
        ),
        ("SKL", "Skilled professionals trained and integrated", "stock", "people", Decimal("10000"), 2035),
    ]
    assert "created action FIN-1" in output
    assert output.strip().endswith(
        "Roadmap loaded (2 pillars, 5 areas, 6 indicators, 23 actions): 36 created, 0 updated, "
        "0 with changes kept, 0 unchanged."
    )


def test_links_actions_to_the_obvious_roadmap_groups():
    run_load()

    groups = dict(Action.objects.values_list("code", "working_group__slug"))
    assert {code: slug for code, slug in groups.items() if code.startswith("FIN")} == {
        f"FIN-{n}": "financing" for n in range(1, 5)
    }
    assert groups["SKL-5"] == "skills"
    assert groups["PHY-1"] == groups["IP-3"] == "research-and-development"
    assert {groups[f"SCL-{n}"] for n in range(1, 6)} == {None}
    assert WorkingGroup.objects.count() == 3


def test_loading_twice_leaves_the_same_rows():
    run_load()
    before = snapshot()

    output = run_load()

    assert snapshot() == before
    assert "created" not in output.replace("0 created", "")
    assert output.strip() == (
        "Roadmap loaded (2 pillars, 5 areas, 6 indicators, 23 actions): 0 created, 0 updated, "
        "0 with changes kept, 36 unchanged."
    )
    assert Action.history.count() == 23


def test_a_field_edited_by_staff_survives_a_reload(tmp_path):
    run_load()
    Action.objects.filter(code="FIN-2").update(title="Launch the venture fund with two provinces")
    Area.objects.filter(code="SKL").update(goal="Train 12,000 professionals by 2035.")
    Indicator.objects.filter(name="Battery technology patents secured").update(target=Decimal("1200"))
    Pillar.objects.filter(name="Industrial Policy").update(name="Industrial Strategy")

    output = run_load()

    assert Action.objects.get(code="FIN-2").title == "Launch the venture fund with two provinces"
    assert Area.objects.get(code="SKL").goal == "Train 12,000 professionals by 2035."
    assert Indicator.objects.get(name="Battery technology patents secured").target == Decimal("1200")
    assert list(Pillar.objects.values_list("name", flat=True)) == [
        "Innovation Infrastructure",
        "Industrial Strategy",
    ]
    assert (
        Pillar.objects.count(),
        Area.objects.count(),
        Indicator.objects.count(),
        Action.objects.count(),
    ) == (
        2,
        5,
        6,
        23,
    )
    assert "kept action FIN-2 (title_en: changed in the portal since the last load)" in output
    assert "kept area SKL (goal_en: changed in the portal since the last load)" in output
    assert "kept pillar Industrial Policy (name_en: changed in the portal since the last load)" in output


def test_a_reload_updates_what_nobody_changed_and_keeps_what_people_changed(tmp_path):
    run_load()
    Action.objects.filter(code="FIN-2").update(title="Edited in the portal")

    def edit(data):
        financial = data["pillars"][0]["areas"][0]
        financial["goal"] = "$4B invested in battery innovation."
        financial["actions"][0] = "Align existing funding mechanisms with the battery sector"
        financial["actions"][1] = "A new wording nobody in the portal asked for"
        financial["actions"].append("Create a loan guarantee program for battery plants")

    output = run_load(file=edited_data_file(tmp_path, edit))

    assert Area.objects.get(code="FIN").goal == "$4B invested in battery innovation."
    assert (
        Action.objects.get(code="FIN-1").title == "Align existing funding mechanisms with the battery sector"
    )
    assert Action.objects.get(code="FIN-2").title == "Edited in the portal"
    assert Action.objects.get(code="FIN-5").working_group.slug == "financing"
    assert "updated area FIN (goal_en)" in output
    assert "updated action FIN-1 (title_en)" in output
    assert "created action FIN-5" in output
    assert "kept action FIN-2 (title_en: changed in the portal since the last load)" in output
    assert Action.objects.get(code="FIN-1").history.first().history_change_reason == "load_roadmap"


def test_a_reload_never_touches_status_percent_or_version(tmp_path):
    run_load()
    action = Action.objects.get(code="SKL-1")
    StatusUpdateFactory(action=action, status=Status.AT_RISK)
    action.refresh_from_db()

    def edit(data):
        data["pillars"][0]["areas"][2]["actions"][0] = "Map the skills the battery industry needs"

    run_load(file=edited_data_file(tmp_path, edit))

    reloaded = Action.objects.get(code="SKL-1")
    assert reloaded.title == "Map the skills the battery industry needs"
    assert (reloaded.status, reloaded.percent_done, reloaded.version, reloaded.last_update_at) == (
        Status.AT_RISK,
        30,
        action.version,
        action.last_update_at,
    )


def test_a_group_staff_removed_or_changed_is_not_linked_again():
    run_load()
    skills = WorkingGroup.objects.get(slug="skills")
    Action.objects.filter(code="PHY-1").update(working_group=None)
    Action.objects.filter(code="FIN-1").update(working_group=skills)

    run_load()

    assert Action.objects.get(code="PHY-1").working_group is None
    assert Action.objects.get(code="FIN-1").working_group == skills


def test_an_action_the_secretariat_created_with_a_roadmap_code_is_left_as_it_is(tmp_path):
    area = Pillar.objects.create(name="Innovation Infrastructure").areas.create(
        code="FIN", name="Financial Ecosystem"
    )
    Action.objects.create(code="FIN-1", area=area, title="Our own first action")

    output = run_load()

    action = Action.objects.get(code="FIN-1")
    assert (action.title, action.is_named_in_roadmap) == ("Our own first action", False)
    assert (
        "kept action FIN-1 (title_en, is_named_in_roadmap: changed in the portal since the last load)"
        in output
    )
    assert Area.objects.get(code="FIN").goal.startswith("$3B")


def test_groups_the_secretariat_made_are_used_and_kept(group):
    group.charter = "Our own charter."
    group.save()

    run_load()

    assert Action.objects.get(code="FIN-1").working_group == group
    group.refresh_from_db()
    assert group.charter == "Our own charter."


def test_a_broken_data_file_changes_nothing(tmp_path):
    path = tmp_path / "roadmap.yaml"
    path.write_text("pillars:\n  - name: Only a name\n")

    with pytest.raises(CommandError, match="Each pillar needs name, areas"):
        run_load(file=path)

    assert not Pillar.objects.exists()
    assert not WorkingGroup.objects.exists()


def test_a_missing_data_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_load(file=tmp_path / "missing.yaml")


def test_the_loader_reports_what_it_did():
    report = load_roadmap()

    assert report.counts == {"pillars": 2, "areas": 5, "indicators": 6, "actions": 23}
    assert len(report.created) == 36
    assert report.updated == report.kept == report.unchanged == []


def test_quiet_mode_prints_nothing():
    assert run_load(verbosity=0) == ""
    assert Action.objects.count() == 23


def test_the_roadmap_loads_with_its_french_texts():
    load_roadmap()

    with translation.override("fr"):
        area = Area.objects.get(code="FIN")
        assert area.name == "Écosystème financier"
        assert area.goal.startswith("3 G$ investis")
        assert Action.objects.get(code="IP-5").title.startswith("Élaborer des programmes de partage")
        assert Indicator.objects.get(area__code="IP").name == "Brevets obtenus en technologies de batteries"
        assert Pillar.objects.order_by("position").first().name == "Infrastructure d'innovation"
    with translation.override("en"):
        assert Area.objects.get(code="FIN").name == "Financial Ecosystem"


def test_loading_in_french_finds_the_same_rows():
    load_roadmap()
    counts = (Pillar.objects.count(), Area.objects.count(), Indicator.objects.count(), Action.objects.count())

    with translation.override("fr"):
        load_roadmap()

    assert (
        Pillar.objects.count(),
        Area.objects.count(),
        Indicator.objects.count(),
        Action.objects.count(),
    ) == counts
