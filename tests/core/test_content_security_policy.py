"""The Content-Security-Policy: on every response, scripts and styles from the portal only, with
no inline script or style in our templates or our generated HTML. Only the browsable API's own
pages allow inline styles (its templates are DRF's)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "/en/accounts/sign-in/"),
        (None, "/en/organizations/apply/"),
        ("member", "/en/"),
        ("member", "/en/roadmap/"),
        ("member", "/api/v1/areas/"),
        ("staff", "/en/admin/"),
    ],
)
def test_every_page_allows_scripts_and_styles_from_the_portal_only(request, db, client_for, who, url):
    user = request.getfixturevalue(who) if who else None

    response = client_for(user).get(url, HTTP_ACCEPT="application/json" if "/api/" in url else "text/html")

    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_only_the_browsable_api_allows_inline_styles(client_for, member):
    html = client_for(member).get("/api/v1/areas/", HTTP_ACCEPT="text/html")
    docs = client_for(member).get(reverse("api:docs"))

    assert policy(html)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy(html)["script-src"] == ["'self'"]
    assert policy(docs)["style-src"] == ["'self'"]
    assert policy(docs)["img-src"] == ["'self'", "data:"]
    assert b"<script>" not in docs.content


INLINE = re.compile(
    r"""\sstyle=["']|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=["']""", re.IGNORECASE
)
# Data for scripts, never run: allowed under the policy.
JSON_SCRIPT = re.compile(r"""<script[^>]*type=["']application/(ld\+)?json["']""")


def inline_code(text: str) -> list[str]:
    return [match.group() for match in INLINE.finditer(text) if not JSON_SCRIPT.match(match.group())]


def test_no_template_has_inline_style_or_script():
    # E-mails are not pages: mail readers need their styles inline.
    templates = [path for path in (ROOT / "templates").rglob("*.html") if "emails" not in path.parts]

    found = {str(path.relative_to(ROOT)): inline_code(path.read_text()) for path in templates}

    assert {path: matches for path, matches in found.items() if matches} == {}


def test_no_python_generated_html_has_inline_style():
    sources = (ROOT / "apps").rglob("*.py")

    found = {str(path.relative_to(ROOT)): inline_code(path.read_text()) for path in sources}

    assert {path: matches for path, matches in found.items() if matches} == {}
