"""The home page's record of visits, which its "New" marks are based on."""

from datetime import datetime, timedelta

from django.utils import timezone

from .models import User

# Home-page views closer together than this are one visit: reloading the page keeps its marks.
VISIT_GAP = timedelta(minutes=30)


def user_record_home_visit(*, user: User, now: datetime | None = None) -> datetime | None:
    """Record that `user` opened their home page and return when their previous visit was
    (None before the first), so the page can mark what is new since then.

    A visit is a stretch of home-page views less than VISIT_GAP apart: coming back after the gap
    turns the visit that ended into the previous one. One UPDATE, atomic by itself, so no
    transaction block (the home page counts its queries). Two tabs racing can only both record
    "now", which is right.
    """
    now = now or timezone.now()
    if user.last_visit_at is None or now - user.last_visit_at >= VISIT_GAP:
        previous_visit_at = user.last_visit_at
    else:
        previous_visit_at = user.previous_visit_at
    User.objects.filter(pk=user.pk).update(last_visit_at=now, previous_visit_at=previous_visit_at)
    user.last_visit_at, user.previous_visit_at = now, previous_visit_at
    return previous_visit_at
