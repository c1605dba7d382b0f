"""A mail server that refuses some recipients (settings.REFUSED_ADDRESSES) and keeps the rest in
mail.outbox, as the locmem backend does: to prove a retry sends only to the refused."""

import smtplib

from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend


class RefuseSomeAddresses(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            refused = set(message.to) & set(getattr(settings, "REFUSED_ADDRESSES", []))
            if refused:
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(refused, (550, b"Mailbox unavailable"))
                )
        return super().send_messages(messages)
