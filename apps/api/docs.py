"""/api/docs/: Swagger UI under the portal's Content-Security-Policy."""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView

from .renderers import CSP_UPDATE


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served as a file (the split view) and its page style
    in static/css/swagger_ui.css (templates/drf_spectacular/swagger_ui.html). Swagger UI's own
    stylesheet draws its icons as data: images, so this page alone allows them."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        setattr(response, CSP_UPDATE, {"img-src": ["data:"]})
        return response
