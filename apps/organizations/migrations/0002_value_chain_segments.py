"""The value-chain segments the roadmap names (roadmap.yaml `value_chain_segments`)."""

from django.db import migrations

SEGMENTS = [
    ("upstream", "Upstream (mining, extraction)"),
    ("midstream", "Midstream (materials processing, CAM/PCAM, anodes)"),
    ("downstream", "Downstream (cells, packs, vehicles)"),
    ("recycling", "Recycling"),
]


def add_segments(apps, schema_editor):
    ValueChainSegment = apps.get_model("organizations", "ValueChainSegment")
    for position, (code, name) in enumerate(SEGMENTS):
        ValueChainSegment.objects.update_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(add_segments, migrations.RunPython.noop)]
