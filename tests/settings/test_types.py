"""components/settings/types.py: every pattern is said in words with an example, never as a regex."""

from __future__ import annotations

import re

import pytest

from components.settings import PlatformSettings, nested_model
from components.settings.types import PATTERNS, Pattern, customer_kms_key, one_of


@pytest.mark.parametrize("pattern", list(PATTERNS.values()), ids=lambda p: p.example)
def test_each_example_is_accepted_by_its_own_pattern(pattern: Pattern) -> None:
    assert re.fullmatch(pattern.regex, pattern.example), pattern
    assert pattern.sentence and pattern.regex not in pattern.rule
    assert pattern.rule.startswith("allowed: ") and pattern.example in pattern.rule


def _patterns_in_models() -> set[str]:
    found: set[str] = set()
    pending: list[type] = [PlatformSettings]
    while pending:
        model = pending.pop()
        for field in model.model_fields.values():  # type: ignore[attr-defined]
            found |= {m.pattern for m in field.metadata if getattr(m, "pattern", None)}
            for arg in getattr(field.annotation, "__args__", ()):
                for meta in getattr(arg, "__metadata__", ()):
                    if getattr(meta, "pattern", None):
                        found.add(meta.pattern)
            sub = nested_model(field.annotation)
            if sub is not None:
                pending.append(sub)
    return found


def test_every_pattern_a_model_uses_has_words() -> None:
    used = _patterns_in_models()
    assert len(used) >= 20, used
    assert used <= set(PATTERNS), used - set(PATTERNS)


def test_one_of_lists_what_is_allowed() -> None:
    assert one_of(7, (1, 7)) == 7
    with pytest.raises(ValueError, match="allowed: one of 1, 7"):
        one_of(3, (1, 7))


def _kms_key_fields() -> dict[str, object]:
    """{model.field: pydantic field} of every kmsKeyArn under PlatformSettings."""
    found: dict[str, object] = {}
    pending: list[type] = [PlatformSettings]
    while pending:
        model = pending.pop()
        for name, field in model.model_fields.items():  # type: ignore[attr-defined]
            if name == "kms_key_arn":
                found[f"{model.__name__}.{name}"] = field
            sub = nested_model(field.annotation)
            if sub is not None:
                pending.append(sub)
    return found


def test_every_kms_key_is_optional_and_says_what_it_encrypts_and_what_does_without_it() -> None:
    fields = _kms_key_fields()
    assert len(fields) == 6, sorted(fields)
    for where, field in fields.items():
        assert field.default is None, where  # type: ignore[attr-defined]
        description = field.description  # type: ignore[attr-defined]
        assert re.fullmatch(r"Customer KMS key for [^;]+; unset: [^;]+\.", description), where
    assert customer_kms_key("the images", "ECR's AES-256").description == (
        "Customer KMS key for the images; unset: ECR's AES-256."
    )
