"""Periodic work on the patent pool. Each job is also a management command (`expire_listings`)."""

from celery import shared_task

from .services.listings import listings_expire


@shared_task(time_limit=600)
def expire_listings_task() -> int:
    """Daily: listings past their expiry date become expired. Safe to run twice the same day."""
    return listings_expire()
