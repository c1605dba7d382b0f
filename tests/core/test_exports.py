"""The portal's one CSV writer: no cell, header included, starts a formula in a spreadsheet."""

import csv
import io
from decimal import Decimal

import pytest

from apps.core.exports import csv_response, inert, restored


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("https://evil.example")', '\'=HYPERLINK("https://evil.example")'),
        ("@SUM(1)", "'@SUM(1)"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Plain text", "Plain text"),
        ("", ""),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_a_cell_that_would_start_a_formula_is_written_as_text(value, written):
    assert inert(value) == written
    assert restored(inert(value)) == value


def test_a_csv_response_guards_every_cell_and_starts_with_a_byte_order_mark():
    response = csv_response(filename="figures.csv", header=["=name", "count"], rows=[["@me", -3]])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["'=name", "count"], ["'@me", "-3"]]
