"""Pydantic's error messages said as rules in words, each with an example.

Pydantic's own messages may show a regular expression ("should match pattern ...") or an internal
class name ("instance of DatabaseSettings"); a stack file's author needs neither.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

from components.settings.types import PATTERNS

_OBJECT = "allowed: an object of keys (a YAML mapping), e.g. {multiAz: true}"
_BY_TYPE: dict[str, str] = {
    "bool_type": "allowed: true or false, written as a YAML boolean without quotes, e.g. true",
    "bool_parsing": "allowed: true or false, written as a YAML boolean without quotes, e.g. true",
    "int_type": "allowed: a whole number, e.g. 3",
    "int_parsing": "allowed: a whole number, e.g. 3",
    "int_from_float": "allowed: a whole number, e.g. 3",
    "float_type": "allowed: a number, e.g. 0.5",
    "float_parsing": "allowed: a number, e.g. 0.5",
    "string_type": "allowed: a text value, e.g. airflow",
    "list_type": "allowed: a list (a YAML sequence), e.g. [a, b]",
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "missing": "required but not set",
}


def _literal(ctx: dict[str, Any]) -> str:
    """'allowed: 'a' or 'b', e.g. 'a'' from pydantic's expected-values text."""
    expected = str(ctx.get("expected", ""))
    first = expected.split(" or ")[0].split(", ")[0]
    return f"allowed: {expected}, e.g. {first}"


def rule_in_words(item: ErrorDetails) -> str:
    """The rule an error broke, in words with an example."""
    kind, ctx = item["type"], dict(item.get("ctx") or {})
    if kind == "string_pattern_mismatch":
        return PATTERNS[ctx["pattern"]].rule
    if kind in ("literal_error", "enum"):
        return _literal(ctx)
    if kind in _BY_TYPE:
        return _BY_TYPE[kind]
    if kind == "string_too_long":
        return f"allowed: at most {ctx.get('max_length')} characters"
    return item["msg"].removeprefix("Value error, ")
