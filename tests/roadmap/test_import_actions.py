"""Importing and exporting actions in the admin (django-import-export): a preview with row-by-row
errors before anything is saved; a file with any bad row saves nothing; status and percent done
are never changed by an import (a row that changes them is refused)."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Event
from apps.roadmap.models import Action, Cadence, Status
from apps.roadmap.resources import ActionResource
from tests.factories import OrganizationFactory, UserFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:roadmap_action_import")
PROCESS_URL = reverse("admin:roadmap_action_process_import")
EXPORT_URL = reverse("admin:roadmap_action_export")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADER = [
    "code",
    "title_en",
    "description_en",
    "area",
    "working_group",
    "owner",
    "lead_organizations",
    "start_date",
    "target_date",
    "cadence",
]


# The export writes each text in both languages.
EXPORT_HEADER = [*HEADER[:2], "title_fr", "description_en", "description_fr", *HEADER[3:]]


@pytest.fixture
def areas(db):
    return {code: AreaFactory(code=code) for code in ("FIN", "SKL")}


@pytest.fixture
def existing(areas, group):
    """FIN-1, on track at 40% after a lead's update."""
    action = ActionFactory(code="FIN-1", area=areas["FIN"], title="Align funding", working_group=group)
    StatusUpdateFactory(action=action, status=Status.ON_TRACK)
    action.refresh_from_db()
    return action


@pytest.fixture
def partners(db):
    return [
        OrganizationFactory(name="Maritime Anodes, Inc."),
        OrganizationFactory(name="Boreal Recycling Ltd."),
    ]


def as_csv(rows, header=HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def as_xlsx(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview(client, content: bytes, file_format=CSV_FORMAT, name="actions.csv"):
    upload = SimpleUploadedFile(name, content)
    return client.post(IMPORT_URL, {"import_file": upload, "format": file_format, "resource": "0"})


def confirm(client, preview_response):
    form = preview_response.context["confirm_form"]
    return client.post(PROCESS_URL, {name: form.initial.get(name, "") for name in form.fields})


def errors_by_row(response) -> dict[int, dict[str, list[str]]]:
    """The preview's errors by row number and column; an unexpected failure counts as one too."""
    result = response.context["result"]
    errors = {
        row.number: {field: list(messages) for field, messages in row.error_dict.items()}
        for row in result.invalid_rows
    }
    for number, row_errors in result.row_errors():
        errors.setdefault(number, {})["unexpected"] = [str(error.error) for error in row_errors]
    assert not result.base_errors
    return errors


def good_rows(lead_email, today=None):
    today = today or timezone.localdate()
    return [
        [
            "FIN-5",
            "Create a loan guarantee program",
            "For battery plants.",
            "FIN",
            "financing",
            lead_email,
            "maritime anodes, inc.; Boreal Recycling Ltd.",
            today.isoformat(),
            (today + timedelta(days=365)).isoformat(),
            "14",
        ],
        ["fin-1", "Align and focus funding", "", "fin", "financing", "", "", "", "", "monthly"],
    ]


def test_a_csv_import_previews_then_creates_and_updates_actions(client_for, staff, lead, existing, partners):
    client = client_for(staff)

    response = preview(client, as_csv(good_rows(lead.email)))

    assert response.status_code == 200
    assert not response.context["result"].has_validation_errors()
    assert "confirm_form" in response.context
    assert not Action.objects.filter(code="FIN-5").exists()
    assert Action.objects.get(code="FIN-1").title == "Align funding"

    confirmed = confirm(client, response)

    assert confirmed.status_code == 302
    created = Action.objects.get(code="FIN-5")
    assert (created.title, created.area.code, created.working_group.slug, created.owner) == (
        "Create a loan guarantee program",
        "FIN",
        "financing",
        lead,
    )
    assert sorted(created.lead_organizations.values_list("name", flat=True)) == sorted(
        p.name for p in partners
    )
    assert created.update_cadence_days == Cadence.FORTNIGHTLY
    assert created.next_update_due_on == timezone.localdate() + timedelta(days=14)
    assert (created.status, created.percent_done) == (Status.NOT_STARTED, 0)
    updated = Action.objects.get(code="FIN-1")
    assert (updated.title, updated.status, updated.percent_done, updated.version) == (
        "Align and focus funding",
        Status.ON_TRACK,
        40,
        existing.version,
    )
    assert updated.history.first().history_user == staff
    assert Event.objects.filter(kind=Event.Kind.ACTION_OWNER_NAMED).count() == 1
    assert Action.objects.count() == 2


def test_an_xlsx_import_reads_dates_and_numbers_from_cells(client_for, staff, lead, areas, group, partners):
    client = client_for(staff)
    rows = [
        [
            "SKL-6",
            "Fund apprenticeships",
            "",
            "SKL",
            "",
            lead.email,
            "Boreal Recycling Ltd.",
            date(2026, 1, 15),
            date(2027, 6, 30),
            91,
        ],
    ]

    response = preview(client, as_xlsx(rows), XLSX_FORMAT, "actions.xlsx")
    assert errors_by_row(response) == {}
    confirm(client, response)

    action = Action.objects.get(code="SKL-6")
    assert (action.start_date, action.target_date, action.update_cadence_days) == (
        date(2026, 1, 15),
        date(2027, 6, 30),
        Cadence.QUARTERLY,
    )
    assert action.working_group is None
    assert list(action.lead_organizations.values_list("name", flat=True)) == ["Boreal Recycling Ltd."]


BAD_ROWS = [
    ["SKL-7", "A good row", "", "SKL", "", "", "", "2026-01-01", "2026-12-31", "30"],
    ["XYZ-1", "Unknown area", "", "XYZ", "", "", "", "", "", ""],
    ["SKL-8", "Bad date", "", "SKL", "", "", "", "2026-02-30", "", ""],
    ["SKL-9", "Target before start", "", "SKL", "", "", "", "2026-06-01", "2026-05-01", ""],
    [
        "SKL-10",
        "Unknown people",
        "",
        "SKL",
        "no-such-group",
        "nobody@example.ca",
        "Nowhere Inc.",
        "",
        "",
        "12",
    ],
    ["", "No code", "", "SKL", "", "", "", "", "", ""],
]
BAD_ROW_ERRORS = {
    2: {"area": ["No area has the code “XYZ”."]},
    3: {"start_date": ["“2026-02-30” is not a date: write it as YYYY-MM-DD."]},
    4: {"target_date": ["The target date cannot be before the start date."]},
    5: {
        "working_group": ["No working group has the short name “no-such-group”."],
        "owner": ["No active person has the e-mail address “nobody@example.ca”."],
        "lead_organizations": ["No member organization is named “Nowhere Inc.”."],
        "update_cadence_days": ["“12” is not a cadence: write 7, 14, 30 or 91 (days between updates)."],
    },
    6: {"code": ["This field cannot be blank."]},
}


def test_a_csv_with_bad_rows_shows_each_error_and_saves_nothing(client_for, staff, areas):
    client = client_for(staff)

    response = preview(client, as_csv(BAD_ROWS))

    assert response.status_code == 200
    assert errors_by_row(response) == BAD_ROW_ERRORS
    assert "confirm_form" not in response.context
    html = response.content.decode()
    assert "No area has the code “XYZ”." in html
    assert not Action.objects.exists()


def test_an_xlsx_with_bad_rows_shows_each_error_and_saves_nothing(client_for, staff, areas):
    client = client_for(staff)

    response = preview(client, as_xlsx(BAD_ROWS), XLSX_FORMAT, "actions.xlsx")

    assert errors_by_row(response) == BAD_ROW_ERRORS
    assert "confirm_form" not in response.context
    assert not Action.objects.exists()


def test_a_deactivated_owner_is_refused(client_for, staff, areas):
    gone = UserFactory(is_active=False, email="gone@example.ca")

    response = preview(client_for(staff), as_csv([["FIN-7", "T", "", "FIN", "", gone.email, "", "", "", ""]]))

    assert errors_by_row(response) == {
        1: {"owner": ["No active person has the e-mail address “gone@example.ca”."]}
    }


def test_an_import_cannot_change_status_or_percent(client_for, staff, existing):
    header = [*HEADER, "status", "percent_done"]
    rows = [["FIN-1", "Align funding", "", "FIN", "financing", "", "", "", "", "30", "done", "100"]]

    response = preview(client_for(staff), as_csv(rows, header))

    assert errors_by_row(response) == {
        1: {
            "status": ["The status changes only through status updates: leave it as exported (“on_track”)."],
            "percent_done": ["Percent done changes only through status updates: leave it as exported (40)."],
        }
    }
    stored = Action.objects.get(pk=existing.pk)
    assert (stored.status, stored.percent_done) == (Status.ON_TRACK, 40)


def test_a_new_action_cannot_start_with_a_status(client_for, staff, areas):
    header = [*HEADER, "status", "percent_done"]
    rows = [["FIN-8", "Fresh", "", "FIN", "", "", "", "", "", "", "on_track", "50"]]

    response = preview(client_for(staff), as_csv(rows, header))

    assert set(errors_by_row(response)[1]) == {"status", "percent_done"}
    assert not Action.objects.exists()


def export(client, file_format=CSV_FORMAT) -> bytes:
    response = client.post(
        EXPORT_URL,
        {
            "format": file_format,
            "resource": "0",
            **{f"actionresource_{name}": "on" for name in ActionResource._meta.fields},
        },
    )
    assert response.status_code == 200
    return response.content


def export_csv(client) -> str:
    return export(client).decode("utf-8-sig")


def export_xlsx(client) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, XLSX_FORMAT))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


FORMULA_TITLES = ['=HYPERLINK("https://evil.example","Open")', "@SUM(1)", "+1+2", "-2+3", "\t=cmd"]


@pytest.fixture
def formula_actions(areas):
    """Actions whose titles a spreadsheet would run as formulas, were they written as they are."""
    return [
        ActionFactory(code=f"FIN-{number}", area=areas["FIN"], title=title, description="")
        for number, title in enumerate(FORMULA_TITLES, start=1)
    ]


def test_the_csv_export_writes_formulas_as_text(client_for, staff, formula_actions):
    rows = list(csv.DictReader(io.StringIO(export_csv(client_for(staff)))))

    assert sorted(row["title_en"] for row in rows) == sorted(f"'{title}" for title in FORMULA_TITLES)


def test_the_xlsx_export_writes_formulas_as_text(client_for, staff, formula_actions):
    header, *rows = export_xlsx(client_for(staff))

    titles = [row[header.index("title_en")] for row in rows]
    assert sorted(titles) == sorted(f"'{title}" for title in FORMULA_TITLES)


def test_an_exported_file_imports_back_with_its_titles_unchanged(client_for, staff, formula_actions):
    client = client_for(staff)

    response = preview(client, export_csv(client).encode())
    assert errors_by_row(response) == {}
    confirm(client, response)

    titles = dict(Action.objects.values_list("code", "title_en"))
    # (The import strips the spaces and tabs around a title, as it always did.)
    assert titles == {action.code: action.title.strip() for action in formula_actions}


def test_the_export_has_every_column_and_reimports_unchanged(client_for, staff, existing, lead, partners):
    Action.objects.filter(pk=existing.pk).update(owner=lead)
    existing.lead_organizations.set(partners)
    client = client_for(staff)

    exported = export_csv(client)

    rows = list(csv.DictReader(io.StringIO(exported)))
    assert list(rows[0]) == [*EXPORT_HEADER, "status", "percent_done"]
    assert rows[0]["code"] == "FIN-1"
    assert rows[0]["owner"] == lead.email
    assert rows[0]["status"] == "on_track"
    assert rows[0]["percent_done"] == "40"
    assert sorted(rows[0]["lead_organizations"].split(";")) == sorted(p.name for p in partners)

    response = preview(client, exported.encode())

    assert errors_by_row(response) == {}
    assert response.context["result"].totals["skip"] == 1
    confirm(client, response)
    assert Action.objects.get(pk=existing.pk).version == existing.version


@pytest.mark.parametrize("count", [3, 30])
def test_the_export_runs_a_fixed_number_of_queries(client_for, staff, count, django_assert_max_num_queries):
    for _ in range(count):
        ActionFactory(owner=UserFactory(), lead_organizations=[OrganizationFactory(), OrganizationFactory()])
    client = client_for(staff)
    export_csv(client)

    with django_assert_max_num_queries(10):
        exported = export_csv(client)

    assert exported.count("\n") == count + 1


@pytest.mark.parametrize("role", ["member", "lead"])
def test_people_who_are_not_staff_cannot_import(request, client_for, areas, role):
    client = client_for(request.getfixturevalue(role))

    response = preview(client, as_csv(good_rows("x@example.ca")))

    assert response.status_code == 302
    assert not Action.objects.exists()


def test_staff_who_may_only_view_actions_cannot_import(client_for, areas):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_action"))

    response = preview(client_for(viewer), as_csv(good_rows("x@example.ca")))

    assert response.status_code == 403
    assert not Action.objects.exists()
