"""DRF's browsable API, whose templates are third-party, with the narrowest exception to the
portal's Content-Security-Policy it needs, on its own pages only; scripts stay 'self'."""

from rest_framework import renderers

# django-csp reads this attribute of a response (what its @csp_update decorator sets) and adds
# these sources to the policy of that response alone.
CSP_UPDATE = "_csp_update"


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """Its templates use style attributes and a style block (syntax highlighting): inline
    styles are allowed on these HTML pages alone. Its scripts are static files."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            setattr(response, CSP_UPDATE, {"style-src": ["'unsafe-inline'"]})
        return super().render(data, accepted_media_type, renderer_context)
