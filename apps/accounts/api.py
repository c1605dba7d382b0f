"""How a person appears in the API of other apps: an id and a name, nothing more."""

from rest_framework import serializers

from .models import User


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name"]
        read_only_fields = fields
