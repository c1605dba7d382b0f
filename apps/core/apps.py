from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    # In the admin, the outbox of events (everything that happened worth telling people about).
    verbose_name = _("Activity")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from apps.core import checks  # noqa: F401  (registers the deploy checks)
        from apps.core.middleware import session_clocks_start
        from apps.core.secretariat import ensure_secretariat_group

        # Runs after every app's permissions exist, so the group gets them all.
        post_migrate.connect(ensure_secretariat_group, dispatch_uid="core.secretariat_group")
        # Signing in (by any path: the sign-in page, an invitation, a test's force_login) starts
        # the session's idle and absolute clocks, in the write that signing in makes anyway.
        user_logged_in.connect(session_clocks_start, dispatch_uid="core.session_clocks")
