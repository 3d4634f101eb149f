"""GET/PUT /api/v1/me/preferences/: the caller's own settings (any signed-in caller: staff,
focal points, partner clients' service accounts). Anonymous callers get the API's 403."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from gfmd.platform.languages import language_for, saved_language
from gfmd.platform.services.preferences import preference_set_language


class PreferencesSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES,
        help_text=_(
            "The language of the interface, the API's messages and your emails "
            "(it beats Accept-Language)."
        ),
    )
    language_saved = serializers.BooleanField(
        read_only=True,
        help_text=_("False while you have not chosen: `language` is then the one emails use."),
    )


def _payload(user) -> dict:
    return {"language": language_for(user), "language_saved": saved_language(user) is not None}


class PreferencesView(viewsets.GenericViewSet):
    """Your own preferences. `PUT {"language": "fr"}` makes the admin, the API's messages
    and the emails you receive French, whatever your client's Accept-Language says."""

    serializer_class = PreferencesSerializer
    permission_map = {"show": "gfmd.view_own_preferences", "save": "gfmd.change_own_preferences"}
    pagination_class = None
    filter_backends: list = []

    @extend_schema(responses=PreferencesSerializer)
    def show(self, request):
        return Response(_payload(request.user))

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    def save(self, request):
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        language = serializer.validated_data["language"]
        preference_set_language(actor=request.user, user=request.user, language=language)
        return Response(_payload(request.user))
