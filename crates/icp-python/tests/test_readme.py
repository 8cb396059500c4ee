"""The Python examples of the package's README and of the root README run and say what they
show: `>>>` examples as doctests, and `expression  # → value` lines in ```python blocks."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any, Dict

import icp_number
from conftest import PACKAGE, ROOT

ARROW = re.compile(r"^(?P<expr>.+?)\s+# → (?P<value>.+)$")


def run_blocks(path: Path) -> int:
    """Runs every ```python block of `path` without `>>>`; returns how many `# →` lines it
    checked."""
    text = path.read_text(encoding="utf-8")
    checked = 0
    for block in re.findall(r"```python\n(.*?)```", text, re.S):
        if ">>>" in block or "def scan_batches" in block:
            continue
        scope: Dict[str, Any] = {}
        for line in block.splitlines():
            m = ARROW.match(line)
            if m:
                assert eval(m["expr"], scope) == eval(m["value"], scope), f"{path.name}: {line}"
                checked += 1
            elif line.strip():
                exec(line, scope)
    return checked


def test_root_readme() -> None:
    assert run_blocks(ROOT / "README.md") >= 4


def test_package_readme() -> None:
    assert run_blocks(PACKAGE / "README.md") >= 1
    text = (PACKAGE / "README.md").read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: Dict[str, Any] = {"icp_number": icp_number}
    for i, block in enumerate(re.findall(r"```python\n(.*?)```", text, re.S)):
        if ">>>" in block:
            runner.run(parser.get_doctest(block, globs, f"README.md block {i}", None, 0))
    assert runner.tries >= 5 and runner.failures == 0, "README examples failed (output above)"
