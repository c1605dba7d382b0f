"""(Placeholder: being built.)"""

from django.http import HttpResponse


def people(request, *args, **kwargs):
    return HttpResponse("people")


def invite(request, *args, **kwargs):
    return HttpResponse("invite")


def invitation_resend(request, *args, **kwargs):
    return HttpResponse("invitation_resend")


def invitation_revoke(request, *args, **kwargs):
    return HttpResponse("invitation_revoke")


def membership_remove(request, *args, **kwargs):
    return HttpResponse("membership_remove")


def membership_role(request, *args, **kwargs):
    return HttpResponse("membership_role")


def person_deactivate(request, *args, **kwargs):
    return HttpResponse("person_deactivate")


def person_handover(request, *args, **kwargs):
    return HttpResponse("person_handover")
