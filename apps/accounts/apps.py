from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("People and sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .auth import count_sign_in_failure

        user_login_failed.connect(count_sign_in_failure, dispatch_uid="accounts.count_sign_in_failure")
