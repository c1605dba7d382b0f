from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from apps.accounts.membership import member_required
from apps.accounts.models import User
from apps.core.errors import DomainError

from . import services
from .forms import PreferenceForm, UnsubscribeForm
from .models import Frequency
from .selectors import preference_for
from .unsubscribe import Scope, unsubscribe_token_read


@member_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = preference_for(request.user)
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        try:
            services.preference_save(user=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your e-mail preferences are saved."))
            return redirect("notifications:preferences")
    return render(
        request, "notifications/preferences.html", {"form": form}, status=400 if form.errors else 200
    )


# Mail clients post the one-click unsubscribe (RFC 8058) without a CSRF token: the signed link is
# the credential, and it can do nothing but lower what the person receives.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a page to confirm (or to choose a weekly digest instead) and changes nothing,
    because mail scanners follow links; POST unsubscribes at once."""
    found = unsubscribe_token_read(token)
    person = User.objects.filter(pk=found[0], is_active=True).first() if found else None
    if person is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    scope = found[1]
    preference = preference_for(person)
    context = {
        "person": person,
        "scope": scope,
        "preference": preference,
        "is_digest": scope == Scope.DIGEST,
    }
    if request.method == "GET":
        return render(request, "notifications/unsubscribe.html", context)
    form = UnsubscribeForm(request.POST)
    frequency = form.cleaned_data["frequency"] if form.is_valid() else ""
    preference = services.unsubscribe(user=person, scope=scope, frequency=frequency or Frequency.NEVER)
    return render(request, "notifications/unsubscribed.html", {**context, "preference": preference})
