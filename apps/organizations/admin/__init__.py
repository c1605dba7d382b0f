"""The secretariat's tools for organizations, applications to decide and the people of each
organization. State changes go through the same services as the portal, from actions on the
lists and buttons on the change pages; those that need a reason ask for it on a page between.

Applications come first: their count leads the admin's front page.
"""

from . import applications, organizations  # noqa: F401  (they register their model admins)
