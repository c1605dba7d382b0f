from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .i18n import is_supported_language


@require_POST
def set_language(request):
    """Switch the language and stay on the same page; signed-in people keep the choice on their
    profile, so it follows them to other devices and into their e-mails."""
    language = request.POST.get("language", "")
    if not is_supported_language(language):
        return HttpResponseBadRequest(_("The portal speaks English and French."))
    response = django_set_language(request)
    if request.user.is_authenticated:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response
