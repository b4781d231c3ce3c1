"""Importing from a web address, against a local HTTP server started by the test."""

from __future__ import annotations

import datetime
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workbench.domain.errors import ImportRefused
from workbench.services.importing import extract_any, extract_url
from workbench.services.importing.fetch import USER_AGENT

ARTICLE_PAGE = (Path(__file__).parents[1] / "fixtures" / "import" / "council-budget.html").read_bytes()
SLOW_SECONDS = 2.0


class _Handler(BaseHTTPRequestHandler):
    user_agents: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).user_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/article": lambda: self._send(200, "text/html; charset=utf-8", ARTICLE_PAGE),
            "/plain": lambda: self._send(200, "text/plain; charset=windows-1252",
                                         "Rates held\n\nThe bank’s board voted 7–2.".encode("cp1252")),
            "/slow": self._slow,
            "/huge": lambda: self._send(200, "text/html", b"<p>" + b"x" * 3_000_000 + b"</p>"),
            "/huge-undeclared": self._huge_without_length,
            "/image": lambda: self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            "/pdf": lambda: self._send(200, "application/pdf", b"%PDF-1.4\n"),
            "/forbidden": lambda: self._send(403, "text/html", b"<h1>Forbidden</h1>"),
        }
        route = routes.get(self.path)
        if route is None:
            self._send(404, "text/html", b"<h1>Not found</h1>")
        else:
            route()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _slow(self) -> None:
        time.sleep(SLOW_SECONDS)
        self._send(200, "text/html", ARTICLE_PAGE)

    def _huge_without_length(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(300):
            self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # the importer hangs up on oversized pages on purpose


@pytest.fixture(scope="module")
def server():
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_article_page_is_downloaded_with_metadata(server):
    article = extract_url(f"{server}/article")
    assert article.format == "url"
    assert article.source == f"{server}/article"
    assert article.title == "Council delays vote on library budget"
    assert article.published == datetime.date(2023, 5, 14)
    assert article.site == "Riverside Courier"
    assert article.url == "https://courier.example.org/news/2023/05/14/council-library-budget"
    assert "“We heard you, and we need more time to look at the numbers,”" in article.text
    assert "cookies" not in article.text


def test_the_app_says_who_it_is(server):
    extract_url(f"{server}/article")
    assert _Handler.user_agents[-1] == USER_AGENT
    assert USER_AGENT.startswith("QuoteWorkbench/") and USER_AGENT.endswith("(+fact-checking desktop app)")


def test_extract_any_dispatches_web_addresses(server):
    assert extract_any(f"  {server}/article ").format == "url"


def test_plain_text_page_uses_the_declared_charset(server):
    assert extract_url(f"{server}/plain").text == "Rates held\n\nThe bank’s board voted 7–2."


def test_missing_page_is_refused(server):
    with pytest.raises(ImportRefused, match=r"was not found \(error 404\)"):
        extract_url(f"{server}/nowhere")


def test_forbidden_page_suggests_saving_it(server):
    with pytest.raises(ImportRefused, match="save the page as .html"):
        extract_url(f"{server}/forbidden")


def test_slow_site_times_out(server):
    started = time.monotonic()
    with pytest.raises(ImportRefused, match="did not send the page within 0.5 seconds"):
        extract_url(f"{server}/slow", timeout=0.5)
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared"])
def test_oversized_page_is_refused(server, path):
    with pytest.raises(ImportRefused, match="larger than 1 MB"):
        extract_url(f"{server}{path}", max_bytes=1_000_000)


def test_image_and_pdf_are_refused(server):
    with pytest.raises(ImportRefused, match="is an image"):
        extract_url(f"{server}/image")
    with pytest.raises(ImportRefused, match="PDF files are not supported yet"):
        extract_url(f"{server}/pdf")


def test_connection_refused_is_explained():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ImportRefused, match="refused the connection"):
        extract_url(f"http://127.0.0.1:{port}/article", timeout=2)


@pytest.mark.parametrize("address", ["ftp://example.org/a.txt", "http://", "https://[::1"])
def test_bad_addresses_are_refused(address):
    with pytest.raises(ImportRefused):
        extract_url(address, timeout=1)
