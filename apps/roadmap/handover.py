"""The roadmap's part when a person leaves: the handover pages list the actions they own and ask
who takes each over; deactivating them hands each over (services.actions_reassign_for_departure).

Organizations owns the deactivation and the handover pages but sits below the roadmap, so it
cannot import it: this module registers with the hooks organizations offers instead (loaded by
RoadmapConfig.ready), and every deactivation, from the portal or the admin, runs it.
"""

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from apps.core.errors import DomainError
from apps.organizations.selectors import HandoverItem, HandoverSection, handover_provider
from apps.organizations.services.people import departure_step

from .models import Action
from .services import actions_reassign_for_departure, departure_successor_ids


def owner_choice_name(action: Action) -> str:
    return f"action-{action.pk}-owner"


def _successor_choices(action: Action, successors: dict[int, set[int]], people: dict) -> tuple:
    if action.working_group_id:
        leave = _("Nobody yet: leave it to the leads of %(group)s") % {"group": action.working_group.name}
    else:
        leave = _("Nobody yet: leave it to the secretariat")
    eligible = sorted(
        (people[user_id] for user_id in successors.get(action.working_group_id, ())),
        key=lambda person: (person.full_name.casefold(), person.email),
    )
    return (("", leave), *((str(person.pk), person.full_name or person.email) for person in eligible))


@handover_provider
def _actions_owned(person, viewer):
    actions = list(
        Action.objects.filter(owner=person).select_related("working_group").order_by("code")
    )
    successors = departure_successor_ids(actions, leaver=person) if actions else {}
    people_ids = set().union(*successors.values()) if successors else set()
    people = get_user_model().objects.in_bulk(people_ids) if people_ids else {}
    return HandoverSection(
        title=_("Roadmap actions they own"),
        advice=_(
            "When they are deactivated, each action goes to the member of its working group you "
            "choose, or has no owner until the group's leads name one; the leads are told."
        ),
        items=[
            HandoverItem(
                text=f"{action.code} {action.title}",
                url=action.get_absolute_url(),
                note=action.working_group.name if action.working_group else _("No working group"),
                choice_name=owner_choice_name(action),
                choice_label=_("Who takes %(code)s over") % {"code": action.code},
                choices=_successor_choices(action, successors, people),
            )
            for action in actions
        ],
    )


def _chosen_owner_ids(person, choices: Mapping[str, str]) -> dict[int, int | None]:
    chosen = {}
    for action in Action.objects.filter(owner=person).only("pk", "code"):
        value = (choices.get(owner_choice_name(action)) or "").strip()
        if value and not (value.isascii() and value.isdigit()):
            raise DomainError(
                _("Choose who takes over %(code)s from the list.") % {"code": action.code}
            )
        chosen[action.pk] = int(value) if value else None
    return chosen


@departure_step
def _hand_over_actions(*, person, actor, choices: Mapping[str, str]) -> None:
    actions_reassign_for_departure(
        person=person, actor=actor, new_owner_ids=_chosen_owner_ids(person, choices)
    )
