import hashlib
import unicodedata

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel


def canonical_email(address: str) -> str:
    """The one form of an e-mail address the portal stores, looks accounts up by and locks on.

    Compatibility forms folded (NFKC: a full-width "ｉ" is an "i"), surrounding spaces dropped,
    lower case as Python folds it. Lookups compare this form exactly, never with the database's
    own case-insensitive match: PostgreSQL's UPPER() turns a dotless "ı" into "I", so "ırıs@" would
    find the account of "iris@" while counting its failed sign-ins under another name.
    """
    return unicodedata.normalize("NFKC", address or "").strip().lower()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=canonical_email(email))

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=canonical_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with e-mail and password. Belongs to organizations via Membership."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A deactivated person can no longer sign in; what they led is kept for handover."),
    )
    is_staff = models.BooleanField(
        _("secretariat staff"),
        default=False,
        help_text=_("Staff sign in to the admin and run the alliance."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    deactivated_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deactivated by"),
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")
    # The home page marks what is new since the previous visit (apps/accounts/services_visits.py).
    last_visit_at = models.DateTimeField(_("last visit"), null=True, blank=True, editable=False)
    previous_visit_at = models.DateTimeField(_("previous visit"), null=True, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "last_visit_at", "previous_visit_at"]
    )
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ci",
                violation_error_message=_("A person with this e-mail address already exists."),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = canonical_email(self.email)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(TimeStampedModel):
    """An e-mailed, single-use link to join an organization, as its contact or a member.

    Only the SHA-256 of the link's token is stored, so the database alone cannot be used to
    accept an invitation. The token is made when the e-mail is sent (see `sent_at`).
    """

    class Role(models.TextChoices):
        CONTACT = "contact", _("Organization contact")
        MEMBER = "member", _("Member")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        _("language"),
        max_length=8,
        default="en",
        help_text=_("The language the invitation e-mail is written in."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires"))
    sent_count = models.PositiveSmallIntegerField(_("times sent"), default=1)
    # When the e-mail with the current link went out; empty while it waits in the outbox (the
    # link is made when the e-mail is sent, so no secret waits in the broker).
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [
            # The admin front page and the organization's people page list pending invitations.
            models.Index(fields=["organization", "accepted_at", "revoked_at", "expires_at"]),
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self):
        return self.State(self.state).label

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Tokens that still sign a script in: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    """A token a person creates on their profile for scripts using the API. Only its SHA-256 is
    stored; the token itself is shown once, when created.

    A token expires (API_TOKEN_LIFETIME_DAYS after it is made) and is revoked by its owner, by
    the secretariat, or on its own when its owner's password changes or they are deactivated.
    """

    class RevokedReason(models.TextChoices):
        OWNER = "owner", _("Revoked by its owner")
        STAFF = "staff", _("Revoked by the secretariat")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        DEACTIVATED = "deactivated", _("Person deactivated")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("person")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “reporting script”.")
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.CharField(
        _("why revoked"), max_length=20, choices=RevokedReason.choices, blank=True
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        indexes = [
            # The daily reminder scan looks for tokens that expire within the week.
            models.Index(
                fields=["expires_at"],
                condition=models.Q(revoked_at__isnull=True),
                name="apitoken_expiring_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired
