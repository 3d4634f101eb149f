"""Request parsers for every API view: bounded JSON nesting and no NUL characters.

PostgreSQL cannot store or compare text containing NUL (0x00), so a NUL that reached a
query was a 500 wherever a value is looked up rather than validated (slugs, codes). The
JSON parser also caps nesting: past Python's recursion limit `json.loads` raises
RecursionError, and far below it deep input only costs time in every later walk.
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

MAX_JSON_DEPTH = 32
NUL = "\x00"


def nul_message() -> str:
    return _("Text may not contain NUL characters (U+0000).")


def check_values(data, max_depth: int | None = None) -> None:
    """Walk parsed data without recursion: refuse nesting past `max_depth` and any NUL
    in a key or a string, naming the top-level field it was found under."""
    stack = [(data, 0, None)]
    while stack:
        value, depth, field = stack.pop()
        if isinstance(value, dict | list):
            if max_depth is not None and depth >= max_depth:
                raise ParseError(
                    _("JSON nested deeper than %(max)d levels is not accepted.")
                    % {"max": max_depth}
                )
            items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
            for key, item in items:
                if isinstance(key, str) and NUL in key:
                    raise ValidationError({field or "non_field_errors": [nul_message()]})
                stack.append((item, depth + 1, field if depth else key))
        elif isinstance(value, str) and NUL in value:
            raise ValidationError({field or "non_field_errors": [nul_message()]})


class JSONParser(parsers.JSONParser):
    max_depth = MAX_JSON_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                _("JSON nested deeper than %(max)d levels is not accepted.")
                % {"max": self.max_depth}
            ) from None
        check_values(data, self.max_depth)
        return data


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        check_values(dict(data.lists()))
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        check_values(dict(result.data.lists()))
        names = {key: [f.name or "" for f in files] for key, files in result.files.lists()}
        check_values(names)
        return result


PARSERS = [JSONParser, FormParser, MultiPartParser]
UPLOAD_PARSERS = [MultiPartParser, FormParser, JSONParser]
