"""Dependencies between apps point downward only (DESIGN.md, "Layers"): an app imports only
from the layers below it. Event recording, the CSV writer and other shared helpers sit on the
ground floor (core), so no domain app needs to know who reads what it writes."""

import ast
from pathlib import Path

from apps.accounts.membership import ACTIVE_ORGANIZATION
from apps.organizations.models import Organization

APPS_DIR = Path(__file__).resolve().parents[2] / "apps"

# Lowest first, as written in DESIGN.md; `demo` (seed_demo, which writes through every app's
# services) sits on the top floor beside the API.
LAYERS = [
    {"core"},
    {"accounts"},
    {"organizations"},
    {"working_groups"},
    {"roadmap", "patents"},
    {"data_calls", "workspace"},
    {"notifications"},
    {"dashboard", "search", "home"},
    {"api", "demo"},
]
LAYER_OF = {app: floor for floor, apps_on_floor in enumerate(LAYERS) for app in apps_on_floor}

# Crossings that remain, each to be removed by the change that fixes it (the test fails when
# one disappears, so this list only shrinks). The home page and the person admin move out of
# accounts with the home app; the organization page's working groups with it.
KNOWN_CROSSINGS = {
    ("apps/accounts/admin.py", "apps.organizations.models"),
    ("apps/accounts/admin.py", "apps.working_groups.models"),
    ("apps/accounts/admin.py", "apps.organizations.services.people"),
    ("apps/accounts/selectors.py", "apps.organizations.models"),
    ("apps/accounts/selectors.py", "apps.working_groups.models"),
    ("apps/accounts/services.py", "apps.organizations.models"),
    ("apps/accounts/views.py", "apps.roadmap"),
    ("apps/organizations/selectors.py", "apps.working_groups.models"),
}


def imported_modules(path: Path):
    """Every absolute module `path` imports, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "apps" and len(parts) > 1 else None


def source_files():
    for path in sorted(APPS_DIR.rglob("*.py")):
        if "migrations" not in path.parts and path.parent != APPS_DIR:
            yield path


def upward_imports() -> set[tuple[str, str]]:
    crossings = set()
    for path in source_files():
        importer = path.relative_to(APPS_DIR).parts[0]
        for module in imported_modules(path):
            imported = app_of(module)
            if imported and imported != importer and LAYER_OF[imported] >= LAYER_OF[importer]:
                crossings.add((f"apps/{path.relative_to(APPS_DIR)}", module))
    return crossings


def test_every_app_has_a_layer():
    apps_on_disk = {path.name for path in APPS_DIR.iterdir() if (path / "__init__.py").exists()}

    assert apps_on_disk - LAYER_OF.keys() == set()


def test_no_app_imports_from_its_own_layer_or_above():
    new_crossings = upward_imports() - KNOWN_CROSSINGS

    assert new_crossings == set(), "import only from the layers below (DESIGN.md, Layers)"


def test_the_list_of_remaining_crossings_is_kept_true():
    fixed = KNOWN_CROSSINGS - upward_imports()

    assert fixed == set(), "remove these from KNOWN_CROSSINGS: they are fixed"


def test_portal_membership_reads_the_same_active_status_as_organizations():
    assert ACTIVE_ORGANIZATION == Organization.Status.ACTIVE
