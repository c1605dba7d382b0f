"""How a working group appears in the API of other apps."""

from rest_framework import serializers

from .models import WorkingGroup


class WorkingGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkingGroup
        fields = ["slug", "name"]
        read_only_fields = fields
