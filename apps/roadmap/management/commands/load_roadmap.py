"""`manage.py load_roadmap`: load or refresh the roadmap from apps/roadmap/data/roadmap.yaml."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.roadmap.loading import DATA_FILE, RoadmapDataError, load_roadmap


class Command(BaseCommand):
    help = (
        "Load the roadmap's pillars, areas, indicators and named actions. Safe to run again: it "
        "updates, never duplicates, and keeps what people changed in the portal since the last load."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="Another copy of roadmap.yaml.")

    def handle(self, *args, file: Path, verbosity: int = 1, **options):
        try:
            report = load_roadmap(path=file)
        except RoadmapDataError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            for line in report.lines():
                self.stdout.write(line)
