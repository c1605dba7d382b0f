from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (`seed_demo`): on the top floor, since it writes through every app's services."""

    name = "apps.demo"
    label = "demo"
