"""Staff-editable document templates: the kinds registry and the sandboxed renderer.

A template's subject and body are Django template source written by staff in the admin.
They are compiled by an engine with no built-in tag or filter library (so no `{% load %}`,
`{% include %}`, `{% extends %}`, `{% url %}` or `{% debug %}`), only the filters in
`SAFE_FILTERS`, and every variable must be one of the placeholders the kind declares,
used as is (`{{ name }}`, never `{{ name.attr }}`). Values are plain strings, so nothing
reaches an object's attributes or methods. A template that breaks these rules is refused
with a validation error naming the problem when it is saved; rendering never raises a 500.

The platform imports no domain app: each app registers its `TemplateKind` (its code,
label, placeholders with sample values for the preview) from its `ready()`.
Like `translations.py`, this module imports no model.
"""

from dataclasses import dataclass, field

from django.template import Context, Engine, Library, TemplateSyntaxError, defaultfilters
from django.template.base import FilterExpression, TextNode, Variable, VariableNode
from django.utils.translation import gettext as _

SUBJECT_MAX_CHARS = 300
BODY_MAX_CHARS = 20_000

# Text shaping only: none of them reads an attribute, a file or a setting.
SAFE_FILTERS = (
    "capfirst",
    "default",
    "linebreaksbr",
    "lower",
    "title",
    "upper",
)

_library = Library()
for _name in SAFE_FILTERS:
    _library.filter(_name, getattr(defaultfilters, _name))


class _SandboxEngine(Engine):
    # Engine() always adds Django's tag and filter libraries: this one adds none of them.
    default_builtins = []


_engine = _SandboxEngine(
    builtins=[],
    libraries={},
    loaders=[],
    autoescape=False,  # the output is text; the PDF layout escapes it (autoescaped HTML)
    string_if_invalid="",
    debug=False,
)
_engine.template_builtins = [_library]


@dataclass(frozen=True)
class TemplateKind:
    """A kind of generated document: which placeholders its templates may use."""

    code: str  # "registration.visa_letter"
    label: str  # lazily translated
    placeholders: dict[str, str]  # name -> description (lazily translated)
    samples: dict[str, str] = field(default_factory=dict)  # preview values


_kinds: dict[str, TemplateKind] = {}


def register_template_kind(kind: TemplateKind) -> None:
    _kinds[kind.code] = kind


def template_kind(code: str) -> TemplateKind | None:
    return _kinds.get(code)


def template_kinds() -> list[TemplateKind]:
    return sorted(_kinds.values(), key=lambda k: k.code)


class TemplateError(ValueError):
    """The template source breaks a sandbox rule; the message says which, for the editor."""


def _check_variable(variable, allowed: set[str]) -> None:
    if not isinstance(variable, Variable) or variable.literal is not None:
        return  # a quoted string or number
    path = variable.var
    if variable.lookups is None or len(variable.lookups) != 1 or path not in allowed:
        raise TemplateError(
            _("Unknown placeholder {{ %(name)s }}. Available placeholders: %(names)s.")
            % {"name": path, "names": ", ".join(sorted(allowed)) or "-"}
        )


def _check_expression(expression: FilterExpression, allowed: set[str]) -> None:
    _check_variable(expression.var, allowed)
    for _func, args in expression.filters:
        for _lookup, argument in args:
            _check_variable(argument, allowed)


def compile_template(source: str, kind: TemplateKind):
    """Compile `source` for `kind`, or raise TemplateError with a message for the editor."""
    try:
        template = _engine.from_string(source or "")
    except TemplateSyntaxError as exc:
        raise TemplateError(
            _(
                "The template is not valid (%(error)s). Only placeholders such as {{ name }} "
                "are allowed."
            )
            % {"error": exc}
        ) from None
    allowed = set(kind.placeholders)
    for node in _walk(template.nodelist):
        if isinstance(node, TextNode):
            continue
        if isinstance(node, VariableNode):
            _check_expression(node.filter_expression, allowed)
            continue
        raise TemplateError(
            _("Template tags are not allowed; use placeholders such as {{ name }}.")
        )
    return template


def _walk(nodelist):
    for node in nodelist:
        yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _walk(getattr(node, attr, None) or [])


def validate_template(source: str, kind: TemplateKind) -> None:
    compile_template(source, kind)


def render_template(source: str, kind: TemplateKind, values: dict) -> str:
    """Render with the kind's placeholders only; missing ones render empty."""
    template = compile_template(source, kind)
    context = {
        name: "" if values.get(name) is None else str(values[name]) for name in kind.placeholders
    }
    return template.render(Context(context, autoescape=False))
