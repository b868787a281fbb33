"""A real headless browser: Debian's chromium + chromedriver, driven by selenium.

The API runs under uvicorn in a background thread with the founding article loaded; the test
opens /graph/view for Mali, waits until cytoscape has laid out the graph, checks that the canvas
has pixels, and keeps a screenshot in test-artifacts/. It then loads Neo4j Browser from the
managed server, logs in, and checks that the post-connect commands applied geokg's style and
opened geokg's guide.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from conftest import REPO
from neo4j import Driver
from test_cypher_guard import load_founding

from api.app import create_app
from graph import localserver
from graph.settings import Settings

pytestmark = pytest.mark.neo4j

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip(
        "chromium and chromedriver are not installed (Debian: apt-get install chromium "
        "chromium-driver)",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    # SO_REUSEADDR as uvicorn does: sockets in TIME_WAIT from an earlier run do not count.
    with contextlib.closing(socket.socket()) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextlib.contextmanager
def serve(settings: Settings, port: int) -> Iterator[str]:
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def api_url(driver: Driver, settings: Settings) -> Iterator[str]:
    load_founding(driver, settings.neo4j_database)
    # The managed Neo4j's Browser fetches the guide from settings.api_port; use it when free.
    port = settings.api_port if _port_free(settings.api_port) else _free_port()
    with serve(settings, port) as url:
        yield url


@pytest.fixture(scope="module")
def chrome() -> Iterator[webdriver.Chrome]:
    profile = tempfile.mkdtemp(prefix="geokg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM  # type: ignore[assignment]
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


CANVAS_INK = """
let ink = 0;
for (const c of document.querySelectorAll('#cy canvas')) {
  const ctx = c.getContext('2d');
  if (!ctx || !c.width || !c.height) continue;
  const px = ctx.getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;
}
return ink;
"""


def test_graph_view_draws_mali(api_url: str, chrome: webdriver.Chrome) -> None:
    chrome.get(f"{api_url}/graph/view?entity=MLI")
    ready = WebDriverWait(chrome, 60).until(
        lambda d: d.execute_script("return window.__graphReady || window.__graphError")
    )
    assert isinstance(ready, dict), f"the page reported an error: {ready}"
    assert ready["nodes"] >= 3 and ready["edges"] >= 2, ready
    drawn = chrome.execute_script(
        "return window.__cy.nodes().map(n => n.id()).concat(window.__cy.edges().map(e => "
        "e.data('relation')))"
    )
    assert "MLI" in drawn and "RUS" in drawn and "AID" in drawn
    assert chrome.execute_script(CANVAS_INK) > 1000, "the graph canvas is blank"
    dashed = chrome.execute_script(
        "return window.__cy.edges().filter(e => e.style('line-style') !== 'solid')"
        ".map(e => e.data('status'))"
    )
    assert "contested" in dashed, dashed
    # click an edge -> the evidence panel shows its claims; the screenshot keeps both
    chrome.execute_script(
        "const e = window.__cy.edges().filter(e => e.data('relation') === 'AID')[0];"
        "e.select(); e.emit('tap');"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graph-view-mali.png"
    assert chrome.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    panel = chrome.find_element(By.ID, "details").text
    assert "AID" in panel and "Lavrov" in panel, panel


def test_graph_view_reports_unknown_entity(api_url: str, chrome: webdriver.Chrome) -> None:
    chrome.get(f"{api_url}/graph/view?entity=Atlantis-Nowhere-42")
    err = WebDriverWait(chrome, 30).until(lambda d: d.execute_script("return window.__graphError"))
    assert "Atlantis" in err
    assert "Atlantis" in chrome.find_element(By.ID, "summary").text


def test_neo4j_browser_loads_and_plays_the_guide(
    api_url: str, chrome: webdriver.Chrome, settings: Settings
) -> None:
    if not settings.managed:
        pytest.skip("Neo4j Browser is checked on the managed server only")
    chrome.get(f"http://127.0.0.1:{settings.neo4j_http_port}/browser/")
    assert chrome.title == "Neo4j Browser"
    WebDriverWait(chrome, 60).until(
        lambda d: d.execute_script("return document.getElementById('mount').children.length > 0")
    )
    # Log in through the connect form; the server's post-connect commands then run.
    password = localserver.read_password(settings)
    assert password
    # The form is in the DOM before it can take input (it renders, then animates in).
    wait = WebDriverWait(chrome, 60)
    field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='password']")))
    address = chrome.find_element(By.CSS_SELECTOR, "[data-testid='boltaddress']")
    assert str(settings.neo4j_bolt_port) in (address.get_attribute("value") or "")
    user = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='username']")))
    user.clear()
    user.send_keys(settings.neo4j_user)
    field.send_keys(password)
    wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='connect']"))).click()
    if not api_url.endswith(f":{settings.api_port}"):
        pytest.skip(f"port {settings.api_port} was busy, so Browser cannot reach this API")
    # Browser runs the post-connect commands once its settings arrive after connecting.
    WebDriverWait(chrome, 90).until(
        lambda d: "geokg: who does what to whom" in d.find_element(By.TAG_NAME, "body").text
    )
    body = chrome.find_element(By.TAG_NAME, "body").text
    assert "geokg: who does what to whom" in body
    ARTIFACTS.mkdir(exist_ok=True)
    chrome.save_screenshot(str(ARTIFACTS / "neo4j-browser-guide.png"))
    # the style from /browser/style.grass is now Browser's graph style
    styled = WebDriverWait(chrome, 30).until(
        lambda d: d.execute_script(
            "return Object.keys(localStorage).some(k => (localStorage.getItem(k) || '')"
            ".includes('AID {status}'))"
        )
    )
    assert styled
