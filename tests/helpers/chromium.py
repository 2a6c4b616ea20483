"""Debian's headless chromium for the browser tests: where it is, and the flags that keep it quiet and
offline. CI installs it (.ci/run); outside CI a machine without it skips the test, in CI it fails."""

from __future__ import annotations

import base64
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import websockets.sync.client

from tests.helpers.tools import system_tool

# No first-run, sync, update or background traffic: the pages under test are the only thing it loads.
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
POLL_SECONDS = 0.5


def executable() -> str:
    return system_tool("chromium", "chromium")


class Tab:
    """One tab of a running chromium, driven over the DevTools protocol: for pages whose content a
    script fetches after load (a single-page app), where --dump-dom cannot know when to stop."""

    def __init__(self, socket, timeout: float):
        self.socket = socket
        self.timeout = timeout
        self.calls = 0

    def call(self, method: str, **params) -> dict:
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while True:  # events may come first; the answer carries our id
            message = json.loads(self.socket.recv(timeout=max(deadline - time.monotonic(), 0)))
            if message.get("id") == self.calls:
                assert "error" not in message, f"{method}: {message['error']}"
                return message["result"]

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def text(self) -> str:
        return self.evaluate("document.body ? document.body.innerText : ''") or ""

    def wait_for_text(self, wanted: str, timeout: float) -> str:
        """The page's visible text once it shows `wanted`; fails with what it showed after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.text()
            if wanted in shown:
                return shown
            if time.monotonic() > deadline:
                pytest.fail(f"{wanted!r} not shown within {timeout} s; the page shows: {shown[:2000]!r}")
            time.sleep(POLL_SECONDS)

    def click(self, text: str) -> None:
        """Click the innermost element whose whole visible text is `text` (a tab, a link)."""
        clicked = self.evaluate(
            "(() => { const all = [...document.querySelectorAll('a, button, [role=tab], li, span, div')]"
            f".filter(e => e.innerText && e.innerText.trim() === {json.dumps(text)});"
            " const e = all[all.length - 1]; if (!e) return false; e.click(); return true; })()"
        )
        assert clicked, f"nothing to click reads {text!r}; the page shows: {self.text()[:2000]!r}"

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        return path


@contextmanager
def tab(profile: Path, window: tuple[int, int], timeout: float) -> Iterator[Tab]:
    """A headless chromium with one blank tab, its DevTools on loopback only; stopped on the way out."""
    browser = subprocess.Popen(
        [
            executable(),
            *HEADLESS,
            f"--user-data-dir={profile}",
            f"--window-size={window[0]},{window[1]}",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",  # chromium picks a free port and writes it to DevToolsActivePort
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port = _devtools_port(profile / "DevToolsActivePort", browser, timeout)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout) as answer:
            (page,) = [target for target in json.load(answer) if target["type"] == "page"]
        with websockets.sync.client.connect(
            page["webSocketDebuggerUrl"], max_size=None, open_timeout=timeout
        ) as socket:
            yield Tab(socket, timeout)
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait(timeout=timeout)


def _devtools_port(port_file: Path, browser: subprocess.Popen, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while not (port_file.exists() and port_file.read_text().strip()):
        assert browser.poll() is None, f"chromium exited with {browser.returncode} before DevTools opened"
        assert time.monotonic() < deadline, f"chromium opened no DevTools port within {timeout} s"
        time.sleep(POLL_SECONDS)
    return int(port_file.read_text().splitlines()[0])
