"""The three groups the roadmap names exist after `ensure_roadmap_groups()`, however often it runs."""

from apps.working_groups.models import WorkingGroup
from apps.working_groups.services import ensure_roadmap_groups


def test_creates_financing_skills_and_research_groups(db):
    groups = ensure_roadmap_groups()

    assert sorted(groups) == ["financing", "research-and-development", "skills"]
    assert sorted(WorkingGroup.objects.values_list("slug", "name")) == [
        ("financing", "Financing"),
        ("research-and-development", "R&D"),
        ("skills", "Skills"),
    ]
    assert "$3B invested in battery innovation" in groups["financing"].charter
    assert "Battery Innovation Venture Fund" in groups["financing"].charter
    assert "over 10,000 skilled professionals" in groups["skills"].charter
    assert "demonstration facilities" in groups["research-and-development"].charter
    assert all(group.summary and group.is_active for group in groups.values())


def test_running_twice_changes_nothing_and_keeps_edits(db):
    ensure_roadmap_groups()
    WorkingGroup.objects.filter(slug="skills").update(charter="Edited by the lead.")

    groups = ensure_roadmap_groups()

    assert WorkingGroup.objects.count() == 3
    assert groups["skills"].charter == "Edited by the lead."


def test_uses_the_existing_group_with_that_slug(group):
    groups = ensure_roadmap_groups()

    assert groups["financing"].pk == group.pk
    assert WorkingGroup.objects.count() == 3
