"""A small helper for tests and benchmarks: headless Chromium through selenium.

Chromium is looked for at the Debian paths (``/usr/bin/chromium``, ``/usr/bin/chromedriver``);
``ZHKG_CHROMIUM`` and ``ZHKG_CHROMEDRIVER`` override them. The browser runs with a fresh
temporary profile, no background networking, and Chrome's browser and performance logs on,
so a test can read console errors and every network request the page made.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("ZHKG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ZHKG_CHROMEDRIVER", "/usr/bin/chromedriver")
#: URL schemes that never reach the network: the page's own file and inline data, and
#: Chromium's internal pages (its start page loads ``chrome://`` resources on its own).
LOCAL_SCHEMES = (
    "file:", "data:", "blob:", "about:", "chrome:", "chrome-untrusted:", "chrome-error:", "devtools:",
)
ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--window-size=1400,900",
)


def missing() -> str | None:
    """Return why the browser cannot start (no selenium, chromium or chromedriver), or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).is_file() and os.access(path, os.X_OK)):
            return f"{path} is missing"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """Yield a selenium WebDriver for headless Chromium with a fresh temporary profile.

    The profile folder is removed and the browser quit when the block ends.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="zhkg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ARGUMENTS:
        options.add_argument(argument)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, path: Path, timeout: float = 60.0) -> float:
    """Open ``path`` as a file:// URL and wait until ``window.zhkgReady`` is true.

    Drains the old logs first so later reads see only this page. Returns the seconds the
    page itself reports from navigation start to ready (``window.zhkgReadyMs``).
    """
    drain_logs(driver)
    driver.get(Path(path).resolve().as_uri())
    wait_for(driver, "return window.zhkgReady === true", timeout)
    return float(driver.execute_script("return window.zhkgReadyMs")) / 1000.0


def wait_for(driver: Any, script: str, timeout: float = 30.0) -> Any:
    """Run ``script`` until it returns something truthy; return that, or raise TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for: {script}")
        time.sleep(0.05)


def drain_logs(driver: Any) -> None:
    """Read and drop the browser and performance logs collected so far."""
    driver.get_log("browser")
    driver.get_log("performance")


def console_errors(driver: Any) -> list[str]:
    """Return the messages of SEVERE browser-log entries since the logs were last read."""
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def requested_urls(driver: Any) -> list[str]:
    """Return every URL the page asked for (devtools ``Network.requestWillBeSent``) since the last read."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def non_local(urls: list[str]) -> list[str]:
    """Return the URLs that would reach a network (none of :data:`LOCAL_SCHEMES`)."""
    return [url for url in urls if not url.startswith(LOCAL_SCHEMES)]
