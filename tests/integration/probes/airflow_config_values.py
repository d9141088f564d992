"""`airflow config get-value SECTION OPTION` for each requested option, through Airflow's own CLI
parser and command in one process (one interpreter start instead of one per option). Prints, per
option, what the command printed and every warning raised while reading it."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import warnings


def main() -> None:
    options = json.load(sys.stdin)
    with warnings.catch_warnings(record=True) as startup:
        warnings.simplefilter("always")
        from airflow.cli.cli_parser import get_parser

        parser = get_parser()
    results = []
    for section, option in options:
        out, err = io.StringIO(), io.StringIO()
        with (
            warnings.catch_warnings(record=True) as caught,
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            warnings.simplefilter("always")
            args = parser.parse_args(["config", "get-value", section, option])
            code = 0
            try:
                args.func(args)
            except SystemExit as exit_:
                code = int(exit_.code or 0)
        results.append(
            {
                "section": section,
                "option": option,
                "code": code,
                "value": out.getvalue().strip(),
                "stderr": err.getvalue(),
                "warnings": [f"{w.category.__name__}: {w.message}" for w in caught],
            }
        )
    startup_warnings = [f"{w.category.__name__}: {w.message}" for w in startup]
    print(json.dumps({"startup_warnings": startup_warnings, "options": results}))


if __name__ == "__main__":
    main()
