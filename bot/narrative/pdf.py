"""The pack as PDF: Chromium's print to PDF, driven by Playwright (the browser tests' set-up), entirely offline.

The HTML is loaded with `set_content` and every request the page might make is refused, so printing never touches
the network. Needs Debian's `chromium` (scripts/system-deps.sh); without it, say so and keep the HTML.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class PdfUnavailable(Exception):
    pass


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def to_pdf(html: str, out: Path) -> Path:
    """Print ``html`` to ``out`` (A4, backgrounds on) and return the path."""
    exe = chromium_path()
    if exe is None:
        raise PdfUnavailable(
            "Chromium is not installed (scripts/system-deps.sh installs Debian's chromium), so no PDF was made; "
            "open the HTML pack and print it instead."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # the dev extra is not installed
        raise PdfUnavailable("Playwright is not installed, so no PDF was made; open the HTML pack and print it instead.") from exc
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(html, wait_until="load")
            page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    return out
