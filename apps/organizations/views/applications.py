"""(Placeholder: being built.)"""

from django.http import HttpResponse


def apply(request, *args, **kwargs):
    return HttpResponse("apply")


def apply_done(request, *args, **kwargs):
    return HttpResponse("apply_done")


def membership_status(request, *args, **kwargs):
    return HttpResponse("membership_status")
