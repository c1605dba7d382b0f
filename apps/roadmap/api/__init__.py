"""The roadmap in /api/v1/: areas, actions, their status updates, and indicators.

Members read everything; posting a status update follows the page's rule
(permissions.can_post_update) and goes through services.status_update_post, so the page, the API
and the admin agree. Errors (400, 401, 403, 404, 409) come out in one shape (apps.core.api).
Reads come from apps.roadmap.selectors, shared with the pages; only the indicators' read, which
no page needs yet, lives in views.py.
"""

from .views import ActionStatusUpdatesView, ActionViewSet, AreaViewSet, IndicatorViewSet

__all__ = ["ActionStatusUpdatesView", "ActionViewSet", "AreaViewSet", "IndicatorViewSet"]
