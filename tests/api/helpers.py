"""The API's addresses (always from reverse(), so a language prefix or a move changes nothing here)
and a valid status update to post."""

from django.urls import reverse

from apps.roadmap.models import Status


def areas_url() -> str:
    return reverse("api:area-list")


def area_url(code: str) -> str:
    return reverse("api:area-detail", kwargs={"code": code})


def actions_url() -> str:
    return reverse("api:action-list")


def action_url(code: str) -> str:
    return reverse("api:action-detail", kwargs={"code": code})


def updates_url(code: str) -> str:
    return reverse("api:action-updates", kwargs={"code": code})


def indicators_url() -> str:
    return reverse("api:indicator-list")


def indicator_url(pk: int) -> str:
    return reverse("api:indicator-detail", kwargs={"pk": pk})


def valid_update(action, **changes) -> dict:
    """A status update that passes every rule, based on the action's current version."""
    return {
        "version": action.version,
        "status": Status.ON_TRACK,
        "percent_done": 40,
        "summary": "Term sheet agreed with two lenders.",
        "blockers": "",
        "asks": "Introductions to provincial funds.",
        "next_steps": "Sign by the end of the quarter.",
        "evidence_links": ["https://example.ca/term-sheet"],
        **changes,
    }
