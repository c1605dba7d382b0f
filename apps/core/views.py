from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


@require_POST
def set_language(request):
    """Switch the language and stay on the same page; signed-in people keep the choice on their
    profile, so it follows them to other devices and into their e-mails."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and translation.check_for_language(language):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response
