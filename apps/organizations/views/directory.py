"""(Placeholder: being built.)"""

from django.http import HttpResponse


def directory(request, *args, **kwargs):
    return HttpResponse("directory")


def detail(request, *args, **kwargs):
    return HttpResponse("detail")


def edit(request, *args, **kwargs):
    return HttpResponse("edit")
