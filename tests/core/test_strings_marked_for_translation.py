"""Every user-facing string is marked for translation, so the French catalogue can cover it.

Templates: any text between tags, and the values of alt, title, placeholder and aria-label
attributes, must come from {% translate %}/{% blocktranslate %} or a variable. Python: the strings
people read (messages, domain errors, form labels and help texts, choices, verbose names) must be
wrapped in gettext.
"""

import ast
import re
from pathlib import Path

from django.template.base import Lexer, TokenType

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_ROOT = PROJECT_ROOT / "templates"
APPS_ROOT = PROJECT_ROOT / "apps"

# Text that is not language: punctuation, numbers, symbols, entities.
NOT_WORDS = re.compile(r"^[\s\W\d_]*$|^(&[a-z]+;|[\s%·•→←×©|*/:,.()\[\]-])+$")
ATTRIBUTE_TEXT = re.compile(r'\b(alt|title|placeholder|aria-label)="([^"{]*)"')


def _untranslated_text(template_source: str) -> list[str]:
    found = []
    in_translation_block = False
    in_ignored_block = False
    inside_tag = False  # carried across tokens: a template tag can sit inside an HTML tag
    for token in Lexer(_drop_script_and_style(template_source)).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans"):
                in_translation_block = True
            elif name in ("endblocktranslate", "endblocktrans"):
                in_translation_block = False
            elif name in ("comment", "verbatim"):
                in_ignored_block = True
            elif name in ("endcomment", "endverbatim"):
                in_ignored_block = False
            continue
        if token.token_type != TokenType.TEXT:
            continue
        text, inside_tag = _split_outside_tags(token.contents, inside_tag)
        if in_translation_block or in_ignored_block:
            continue
        for _attribute, value in ATTRIBUTE_TEXT.findall(token.contents):
            if not NOT_WORDS.match(value):
                found.append(value.strip())
        found += [line.strip() for line in text.splitlines() if not NOT_WORDS.match(line)]
    return found


def _split_outside_tags(text: str, inside_tag: bool) -> tuple[str, bool]:
    """The characters of `text` outside HTML tags, and whether the text ends inside a tag."""
    outside = []
    for index, character in enumerate(text):
        if inside_tag:
            inside_tag = character != ">"
        elif character == "<" and re.match(r"[A-Za-z/!]", text[index + 1 : index + 2]):
            inside_tag = True
            outside.append(" ")
        else:
            outside.append(character)
    return "".join(outside), inside_tag


def _drop_script_and_style(text: str) -> str:
    return re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)


def test_templates_have_no_untranslated_text():
    problems = {}
    for path in sorted(TEMPLATE_ROOT.rglob("*")):
        if path.suffix not in (".html", ".txt") or not path.is_file():
            continue
        untranslated = _untranslated_text(path.read_text())
        if untranslated:
            problems[str(path.relative_to(PROJECT_ROOT))] = untranslated
    assert problems == {}, "Mark these for translation:\n" + "\n".join(
        f"{path}: {texts}" for path, texts in problems.items()
    )


# Calls whose string arguments people read.
USER_FACING_CALLS = {
    "success",
    "error",
    "info",
    "warning",
    "DomainError",
    "Conflict",
    "ValidationError",
    "add_error",
    "message_user",
    "PermissionDenied",
    "Http404",
}
USER_FACING_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "message",
    "description",
}


# Log lines are for the people who run the portal, in English.
LOGGERS = {"logger", "logging", "log"}


def _call_name(node: ast.Call) -> str:
    function = node.func
    if isinstance(function, ast.Attribute) and getattr(function.value, "id", "") in LOGGERS:
        return ""
    if isinstance(function, ast.Attribute):
        return function.attr
    if isinstance(function, ast.Name):
        return function.id
    return ""


def _is_plain_text(node) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(re.search(r"[A-Za-z]{2}", node.value))
    )


def _plain_strings_in_python(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in USER_FACING_CALLS:
            found += [(arg.lineno, arg.value) for arg in node.args if _is_plain_text(arg)]
        found += [
            (keyword.value.lineno, keyword.value.value)
            for keyword in node.keywords
            if keyword.arg in USER_FACING_KEYWORDS and _is_plain_text(keyword.value)
        ]
    return found


def test_python_user_facing_strings_are_marked():
    problems = []
    for path in sorted(APPS_ROOT.rglob("*.py")):
        if "migrations" in path.parts or "management" in path.parts:
            continue
        for line, text in _plain_strings_in_python(path.read_text()):
            problems.append(f"{path.relative_to(PROJECT_ROOT)}:{line}: {text!r}")
    assert problems == [], "Wrap these in gettext:\n" + "\n".join(problems)


def test_the_checker_catches_unmarked_text():
    assert _untranslated_text("<p>Hello there</p>") == ["Hello there"]
    assert _untranslated_text('<img alt="A battery">') == ["A battery"]
    assert _untranslated_text("{% load i18n %}<p>{% translate 'Hello' %}</p>") == []
    assert _untranslated_text('<a href="{% url \'home\' %}" class="x">{{ name }}</a>') == []
    assert _plain_strings_in_python("messages.success(request, 'Saved.')") == [(1, "Saved.")]
    assert _plain_strings_in_python("messages.success(request, _('Saved.'))") == []


def test_the_checker_leaves_log_lines_and_entities_alone():
    assert _plain_strings_in_python("logger.warning('Broker down: %s', error)") == []
    assert _plain_strings_in_python("self.warning('Watch out')") == [(1, "Watch out")]
    assert _untranslated_text("<td>{{ percent }}&nbsp;%) &rarr;</td>") == []
    assert _untranslated_text("<td>{{ percent }}&nbsp;% done</td>") == ["&nbsp;% done"]
