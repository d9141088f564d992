"""The offline engine: runs the Pulumi program with no Pulumi CLI and no cloud.

`runner` runs `__main__.py` for a stack under `mocks` (provider-like answers) and `monitor` (records
every resource registration); `reference` reads the real chart and CRD schemas in ../shared.
`rendering` renders the pinned chart packages with Helm's engine and `verify` checks the rendered
cluster state. `tools/plan.py` and the tests both use it.
"""
