"""axe-core scans for the browser tests.

axe is injected as a script tag, which the pages' CSP forbids: contexts that scan are opened with
`bypass_csp=True`, in the tests only (the product's CSP is unchanged and tested elsewhere).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page: Any, impacts: tuple[str, ...] = BLOCKING) -> list[dict[str, Any]]:
    """Run axe on the page as it is now; the violations at the given impacts, summarised."""
    assert AXE_JS.is_file(), "install axe-core: npm ci --prefix tests/browser/axe"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]
