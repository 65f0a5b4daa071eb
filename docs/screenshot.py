"""Take the README's screenshot of ``exports/graph.html`` in headless Chromium.

Usage: ``python docs/screenshot.py`` (needs Debian's chromium and chromium-driver).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402


def main() -> None:
    """Open the committed page, wait until it is drawn, and save ``docs/graph.png``."""
    with chromium() as driver:
        driver.get((ROOT / "exports" / "graph.html").as_uri())
        deadline = time.time() + 30
        while not driver.execute_script("return window.zhkgReady === true") and time.time() < deadline:
            time.sleep(0.2)
        driver.execute_script("window.network.fit();")
        time.sleep(1.0)
        driver.save_screenshot(str(ROOT / "docs" / "graph.png"))
    print(ROOT / "docs" / "graph.png")


if __name__ == "__main__":
    main()
