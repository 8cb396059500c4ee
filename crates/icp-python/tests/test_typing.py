"""The file `mypy --strict` checks (`cargo xtask python` runs mypy on it) also runs."""

import typing_usage


def test_typing_usage_runs() -> None:
    typing_usage.main()
