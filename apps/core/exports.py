"""The one way the portal writes CSV and spreadsheet files, so that none of their cells runs as a
formula when a member opens the file (CSV injection: `=HYPERLINK(...)` typed into a title or a
summary by one member must not become a live link or a command on another's computer).

Views answer with `csv_response`; the admin's import-export formats are `CSV` and `XLSX` below.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from import_export.formats import base_formats

# What a spreadsheet reads as the start of a formula (OWASP's list), tab and carriage return
# included because some programs skip them before looking for one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def inert(value):
    """A text cell that a spreadsheet would run as a formula, written as text: with a leading
    apostrophe, which spreadsheets show as "this is text" and do not display. Numbers and dates
    are left as they are (a negative number is a number, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def restored(value):
    """The text `inert` guarded, as it was: an exported file imported back changes nothing."""
    if isinstance(value, str) and value.startswith(GUARD) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_response(*, filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV download: UTF-8 with a byte-order mark (so spreadsheet programs read accents right),
    every cell, headers included, through `inert`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([inert(value) for value in header])
    for row in rows:
        writer.writerow([inert(value) for value in row])
    return response


class _GuardedFormat:
    """django-import-export's format, with every exported cell through `inert` and every
    imported one through `restored`."""

    def export_data(self, dataset, **kwargs):
        dataset = _map_cells(dataset, inert)
        return super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return _map_cells(super().create_dataset(in_stream, **kwargs), restored)


def _map_cells(dataset, function):
    headers = [function(header) for header in dataset.headers] if dataset.headers else None
    copy = dataset.__class__(headers=headers)
    copy.title = dataset.title
    for row in dataset:
        copy.append([function(value) for value in row])
    return copy


class CSV(_GuardedFormat, base_formats.CSV):
    pass


class XLSX(_GuardedFormat, base_formats.XLSX):
    pass
