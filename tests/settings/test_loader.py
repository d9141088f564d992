"""components/settings/loader.py: unknown keys, every problem at once, values shown, config decoding."""

from __future__ import annotations

import copy

from components.settings import parse_settings
from components.settings.loader import _decode
from tests.settings.stacks import VALID_DEV, assert_rejected, error_of, with_changes


def test_unknown_environment() -> None:
    raw = with_changes(VALID_DEV, environment="staging")
    assert_rejected(raw, "airflow-platform:environment", "'dev' or 'prod'")


def test_typo_in_a_structured_object_lists_the_keys_allowed_there() -> None:
    raw = with_changes(VALID_DEV, **{"database.instanceClas": "db.t4g.small"})
    key = "airflow-platform:database.instanceClas"
    assert_rejected(raw, key, "allowed keys here: engineVersion, instanceClass")


def test_unknown_top_level_key() -> None:
    assert_rejected(with_changes(VALID_DEV, databse={}), "airflow-platform:databse", "allowed keys")


def test_every_problem_is_reported_at_once() -> None:
    raw = with_changes(
        VALID_DEV, **{"database.instanceClass": "big", "airflow.executor": "Dask", "keda.bogus": 1}
    )
    problems = error_of(raw).problems
    assert {p.split(":")[1].split(" ")[0] for p in problems} >= {
        "database.instanceClass",
        "airflow.executor",
        "keda.bogus",
    }


def test_error_shows_the_value_given_and_never_a_regex() -> None:
    message = str(error_of(with_changes(VALID_DEV, **{"database.instanceClass": "huge-box"})))
    assert "'huge-box'" in message
    assert "pattern" not in message and "^" not in message, message


def test_missing_required_key_is_named() -> None:
    raw = copy.deepcopy(VALID_DEV)
    del raw["airflow"]["host"]
    assert "airflow-platform:airflow.host: required" in str(error_of(raw))


def test_missing_section_names_its_required_keys() -> None:
    raw = copy.deepcopy(VALID_DEV)
    del raw["certManager"]
    assert "airflow-platform:certManager.email: required" in str(error_of(raw))


def test_structured_values_arrive_as_json_strings() -> None:
    assert _decode('{"a": [1]}') == {"a": [1]}
    assert _decode("[not json") == "[not json"
    assert _decode("plain") == "plain"
    assert parse_settings(VALID_DEV).region == "eu-west-1"


def test_a_number_out_of_range_gets_the_range_and_an_example() -> None:
    raw = with_changes(VALID_DEV, **{"registry.keepImages": 0, "database.allocatedStorageGb": 5})
    assert_rejected(raw, "airflow-platform:registry.keepImages", "allowed: 1 to 10000, e.g. 1")
    # A field with a default offers it as the example.
    bundle = {"repository": "https://github.com/o/d.git", "refreshIntervalSeconds": 5}
    raw = with_changes(VALID_DEV, **{"airflow.dags": {"source": "gitBundle", "gitBundle": bundle}})
    assert_rejected(
        raw,
        "airflow-platform:airflow.dags.gitBundle.refreshIntervalSeconds",
        "got 5; Input should be greater than or equal to 30; allowed: 30 to 86400, e.g. 300",
    )
