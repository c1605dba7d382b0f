"""Who may change whose account. Pure predicates, shared by the admin, the portal's people pages
and the services behind both."""


def can_change_account(actor, person) -> bool:
    """Only a superuser changes a superuser, in any way (e-mail, password, activity, deletion).

    Secretariat staff hold `change_user` to look after ordinary people; without this rule they
    could set a superuser's password and sign in as them.
    """
    return actor.is_superuser or not person.is_superuser


def can_grant_access(actor) -> bool:
    """Set or clear staff and superuser status, change groups, hand out single permissions: the
    rights a person holds in the admin are a superuser's to give, so staff cannot give themselves
    or a friend more than they have."""
    return actor.is_superuser
