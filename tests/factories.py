"""factory_boy factories for every model. Passwords are valid under the portal's rules."""

import secrets
from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import Invitation, User, hash_token
from apps.organizations.models import (
    Kind,
    Membership,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    Province,
    ValueChainSegment,
)
from apps.working_groups.models import GroupMembership, JoinRequest, WorkingGroup

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.ca")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ValueChainSegmentFactory(factory.django.DjangoModelFactory):
    """The four roadmap segments exist from a migration; this returns one of them by code."""

    class Meta:
        model = ValueChainSegment
        django_get_or_create = ["code"]

    code = "upstream"
    name = factory.LazyAttribute(lambda o: o.code.title())


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Kind.INDUSTRY
    province = Province.ON
    is_canadian_owned = True
    membership_status = Organization.Status.ACTIVE
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    renewal_due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=265))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    """`invitation.token` holds the raw token of the link (only its hash is stored)."""

    class Meta:
        model = Invitation

    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    email = factory.Sequence(lambda n: f"invitee{n}@example.ca")
    organization = factory.SubFactory(OrganizationFactory)
    role = Invitation.Role.MEMBER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    sent_at = factory.LazyFunction(timezone.now)  # its e-mail, with `token`, went out

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token", None)
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token
        return invitation


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    organization_name = factory.Sequence(lambda n: f"Applicant Organization {n}")
    kind = Kind.INDUSTRY
    province = Province.QC
    applicant_name = factory.Faker("name")
    applicant_email = factory.Sequence(lambda n: f"applicant{n}@example.ca")


class MembershipStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipStatusChange

    organization = factory.SubFactory(OrganizationFactory)
    from_status = Organization.Status.ACTIVE
    to_status = Organization.Status.SUSPENDED
    reason = "Membership fee unpaid"


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    summary = "A group of the alliance."
    charter = "We meet monthly."


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = GroupMembership.Role.MEMBER


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)
    message = "I would like to help."
