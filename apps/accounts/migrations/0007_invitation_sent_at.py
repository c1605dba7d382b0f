from django.db import migrations, models


class Migration(migrations.Migration):
    """`last_sent_at` becomes `sent_at`: empty while the e-mail waits in the outbox. Invitations
    made before keep their time (their e-mail was handed to the broker then)."""

    dependencies = [
        ("accounts", "0006_invitation_language"),
    ]

    operations = [
        migrations.RenameField(model_name="invitation", old_name="last_sent_at", new_name="sent_at"),
        migrations.AlterField(
            model_name="invitation",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="sent"),
        ),
    ]
