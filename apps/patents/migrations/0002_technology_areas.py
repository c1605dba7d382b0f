"""The technology areas the roadmap names (roadmap.yaml `technology_areas`), in English and French."""

from django.db import migrations

AREAS = [
    ("cathode-materials", "Cathode materials (NMC, LFP)", "Matériaux de cathode (NMC, LFP)"),
    ("anode-materials", "Anode materials (graphite)", "Matériaux d'anode (graphite)"),
    ("electrolytes", "Electrolytes and additives", "Électrolytes et additifs"),
    ("solid-state", "Solid-state", "Batteries à électrolyte solide"),
    ("lithium-sulfur", "Lithium-sulfur", "Lithium-soufre"),
    ("lithium-metal", "Lithium-metal", "Lithium métal"),
    ("cell-manufacturing", "Cell manufacturing and processing", "Fabrication et transformation des cellules"),
    ("testing-equipment", "Battery testing equipment", "Équipement d'essai des batteries"),
    ("control-systems", "Control systems and BMS", "Systèmes de commande et BMS"),
    ("recycling", "Recycling", "Recyclage"),
    ("critical-minerals", "Critical minerals processing", "Transformation des minéraux critiques"),
]


def add_areas(apps, schema_editor):
    TechnologyArea = apps.get_model("patents", "TechnologyArea")
    for position, (code, english, french) in enumerate(AREAS):
        TechnologyArea.objects.update_or_create(
            code=code,
            defaults={"name": english, "name_en": english, "name_fr": french, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("patents", "0001_initial")]

    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
