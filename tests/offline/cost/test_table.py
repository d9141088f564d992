import json
import re

from offline.cost.table import PRICES_FILE, price_table, priced_regions


def test_the_table_is_dated_and_holds_the_same_rates_in_every_region() -> None:
    regions = priced_regions()
    assert {"us-east-1", "eu-west-1"} <= set(regions)
    tables = [price_table(region) for region in regions]
    assert all(table is not None for table in tables)
    keys = {tuple(sorted(table.rates)) for table in tables if table is not None}
    assert len(keys) == 1, "every region prices the same things"
    first = tables[0]
    assert first is not None
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first.date)
    assert first.hours_per_month == 730


def test_a_region_without_prices_has_no_table() -> None:
    assert price_table("cn-north-1") is None


def test_an_unknown_size_has_no_rate_instead_of_a_guess() -> None:
    table = price_table("eu-west-1")
    assert table is not None
    assert table.hourly("rdsPostgresInstanceHourly", "db.x2iedn.32xlarge") is None
    assert table.hourly("rdsPostgresInstanceHourly", "db.m7g.large") == 0.187


def test_the_table_says_plainly_how_its_prices_were_got() -> None:
    table = price_table("eu-west-1")
    assert table is not None
    assert table.provenance == "hand-entered, not checked against AWS's price list"
    source = json.loads(PRICES_FILE.read_text())["source"]
    assert "Hand-entered" in source and "not checked since" in source
