"""Forms and sentences for JSON-shaped settings: staff never type or read raw JSON.

An admin names its JSON fields in `json_form_fields` ({field: factory of a form field});
`AuditedAdmin.formfield_for_dbfield` uses them. `sentence` reads a stored value back as words
for list columns and read-only fields.
"""

from decimal import Decimal

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


def choice_list_field(choices, **kwargs) -> forms.Field:
    """A JSON list of keys, chosen with checkboxes."""
    return forms.MultipleChoiceField(
        choices=choices, widget=forms.CheckboxSelectMultiple, required=False, **kwargs
    )


class LinesField(forms.CharField):
    """A JSON list of short texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class KeyedNumbersWidget(forms.MultiWidget):
    """One labelled number box per key (e.g. per sector)."""

    def __init__(self, keys, step):
        self.keys = list(keys)
        attrs = {"step": step, "min": "0", "class": "vIntegerField"}
        super().__init__([forms.NumberInput(attrs=attrs) for _key in self.keys])

    def decompress(self, value):
        value = value if isinstance(value, dict) else {}
        return [value.get(key) for key, _label in self.keys]

    def render(self, name, value, attrs=None, renderer=None):
        values = value if isinstance(value, list) else self.decompress(value)
        base = (attrs or {}).get("id", f"id_{name}")
        rows = []
        for index, ((_key, label), widget) in enumerate(zip(self.keys, self.widgets, strict=True)):
            widget_id = f"{base}_{index}"
            box = widget.render(f"{name}_{index}", values[index], {"id": widget_id}, renderer)
            rows.append((widget_id, label, box))
        return format_html(
            '<table class="gfmd-keyed">{}</table>',
            format_html_join("", '<tr><td><label for="{}">{}</label></td><td>{}</td></tr>', rows),
        )


class KeyedNumbersField(forms.MultiValueField):
    """A JSON object {key: number}: empty boxes are left out; shares stay decimal strings."""

    def __init__(self, keys, *, decimal=False, max_value=None, **kwargs):
        self.keys, self.decimal = list(keys), decimal
        make = (
            (lambda: forms.DecimalField(min_value=0, max_value=max_value, decimal_places=2))
            if decimal
            else (lambda: forms.IntegerField(min_value=0, max_value=max_value))
        )
        fields = [make() for _key in self.keys]
        for field in fields:
            field.required = False
        kwargs.pop("encoder", None), kwargs.pop("decoder", None)
        kwargs.pop("widget", None), kwargs.pop("max_length", None)
        super().__init__(
            fields,
            widget=KeyedNumbersWidget(self.keys, "0.01" if decimal else "1"),
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list):
        out = {}
        for (key, _label), value in zip(self.keys, data_list or [], strict=False):
            if value in (None, ""):
                continue
            out[key] = str(Decimal(value).normalize()) if self.decimal else int(value)
        return out


def sentence(value, labels=None, *, percent=False) -> str:
    """A stored list or object in words: "Africa, Asia" / "Trade unions: 10"."""
    labels = dict(labels or {})
    if isinstance(value, dict):
        parts = []
        for key, number in value.items():
            shown = f"{Decimal(str(number)) * 100:.0f} %" if percent else str(number)
            parts.append(f"{labels.get(key, key)}: {shown}")
        return "; ".join(parts) or "-"
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value) or "-"
    return "-" if value in (None, "") else str(value)
