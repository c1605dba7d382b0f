"""(Placeholder: being built.)"""

from django.http import HttpResponse


def group_list(request, *args, **kwargs):
    return HttpResponse("group_list")


def detail(request, *args, **kwargs):
    return HttpResponse("detail")


def edit(request, *args, **kwargs):
    return HttpResponse("edit")


def join(request, *args, **kwargs):
    return HttpResponse("join")


def request_decide(request, *args, **kwargs):
    return HttpResponse("request_decide")


def member_add(request, *args, **kwargs):
    return HttpResponse("member_add")


def member_remove(request, *args, **kwargs):
    return HttpResponse("member_remove")
