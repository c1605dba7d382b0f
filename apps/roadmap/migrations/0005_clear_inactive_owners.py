"""An inactive person never owns an action: deactivations now hand their actions over, and this
clears the owner of actions whose owner was deactivated before they did. The leads see such an
action without an owner on its page and name one (its earlier history records show who owned it)."""

from django.db import migrations


def clear_inactive_owners(apps, schema_editor):
    Action = apps.get_model("roadmap", "Action")
    Action.objects.filter(owner__is_active=False).update(owner=None)


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0004_indicator_validation"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(clear_inactive_owners, migrations.RunPython.noop)]
