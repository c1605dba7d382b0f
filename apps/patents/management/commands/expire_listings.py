from django.core.management.base import BaseCommand

from apps.patents.services.listings import listings_expire


class Command(BaseCommand):
    help = "Mark patent listings past their expiry date as expired (the daily task, run by hand)."

    def handle(self, *args, **options):
        expired = listings_expire()
        self.stdout.write(f"{expired} listing(s) expired.")
