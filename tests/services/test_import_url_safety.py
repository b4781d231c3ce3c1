"""Fetching from hostile servers: a wall-clock deadline on the whole download, and
redirects only to http(s) and never from the internet into a private network.

Every byte goes to a server on 127.0.0.1 started here. Where a hop must look public,
a fake Network answers the name lookup with a public address and dials 127.0.0.1
whatever address it is asked for, so nothing else is ever contacted.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workbench.domain.errors import ImportRefused
from workbench.services.importing import extract_url
from workbench.services.importing.fetch import MAX_REDIRECTS, Network

ARTICLE_PAGE = (Path(__file__).parents[1] / "fixtures" / "import" / "council-budget.html").read_bytes()
TRICKLE_GAP = 0.1  # seconds between bytes; the tests' deadline is far shorter than the whole page
PUBLIC_ADDRESS = "93.184.215.14"  # a global address the fake network pretends names resolve to


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/article":
            self._send(200, ARTICLE_PAGE)
        elif self.path == "/trickle-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE_PAGE)))
            self.end_headers()
            self._trickle(ARTICLE_PAGE)
        elif self.path == "/trickle-headers":
            self._trickle(b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n")
        elif self.path == "/silent":
            time.sleep(5)
        elif self.path.startswith("/go?"):
            self.send_response(302)
            self.send_header("Location", self.path[len("/go?"):])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"<h1>Not found</h1>")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, data: bytes) -> None:
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(TRICKLE_GAP)
        except OSError:
            pass  # the importer hung up at its deadline

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture(scope="module")
def port():
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


class FakeNetwork:
    """Names resolve to the addresses given; every dial goes to 127.0.0.1 and is recorded."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.dialled: list[str] = []

    def network(self) -> Network:
        def resolve(host: str, port: int) -> list[str]:
            if host not in self.names:
                raise socket.gaierror(socket.EAI_NONAME, "unknown")
            return [self.names[host]]

        def dial(address: str, port: int, timeout: float) -> socket.socket:
            self.dialled.append(address)
            return socket.create_connection(("127.0.0.1", port), timeout=timeout)

        return Network(resolve=resolve, dial=dial)


# --- the deadline ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers", "/silent"])
def test_the_deadline_covers_the_whole_download(port, path):
    started = time.monotonic()
    with pytest.raises(ImportRefused) as refused:
        extract_url(f"http://127.0.0.1:{port}{path}", timeout=1.5)
    took = time.monotonic() - started
    assert 1.4 < took < 2.2, f"cut after {took:.2f} s, not at the 1.5 s deadline"
    assert refused.value.message == (
        f"The site at “http://127.0.0.1:{port}{path}” did not send the page within 1.5 seconds, the time "
        "allowed for a whole download. Try again later, or save the page from your browser and import the file."
    )


def test_a_deadline_spanning_redirects_is_one_deadline(port):
    hops = "/go?/go?/trickle-body"
    started = time.monotonic()
    with pytest.raises(ImportRefused, match="within 1 seconds"):
        extract_url(f"http://127.0.0.1:{port}{hops}", timeout=1)
    assert time.monotonic() - started < 1.6


# --- redirects -------------------------------------------------------------------------------

def test_a_redirect_on_the_same_local_server_is_followed(port):
    article = extract_url(f"http://127.0.0.1:{port}/go?/article")
    assert article.title == "Council delays vote on library budget"


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/article.txt", "file:///etc/passwd", "gopher://127.0.0.1/"])
def test_redirects_to_other_schemes_are_refused(port, target):
    url = f"http://127.0.0.1:{port}/go?{target}"
    with pytest.raises(ImportRefused) as refused:
        extract_url(url, timeout=3)
    assert refused.value.message == (
        f"“{url}” sends the app on to “{target}”, which is not a web page (only http:// and https:// are "
        "followed). Open the address in your browser and save the page instead."
    )


def test_a_public_page_may_not_redirect_to_loopback(port):
    fake = FakeNetwork({"news.example": PUBLIC_ADDRESS})
    url = f"http://news.example:{port}/go?http://127.0.0.1:{port}/article"
    with pytest.raises(ImportRefused) as refused:
        extract_url(url, timeout=3, network=fake.network())
    assert refused.value.message == (
        f"“{url}” redirects to “http://127.0.0.1:{port}/article”, an address inside a private network or on "
        "this computer; a page on the internet may not send the app there, so it was not followed."
    )
    assert fake.dialled == [PUBLIC_ADDRESS]  # the loopback hop was never dialled


@pytest.mark.parametrize("private", ["10.1.2.3", "192.168.1.1", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1"])
def test_a_public_page_may_not_redirect_to_a_name_inside_a_private_network(port, private):
    fake = FakeNetwork({"news.example": PUBLIC_ADDRESS, "router.example": private})
    with pytest.raises(ImportRefused, match="an address inside a private network or on this computer"):
        extract_url(f"http://news.example:{port}/go?http://router.example:{port}/article",
                    timeout=3, network=fake.network())
    assert fake.dialled == [PUBLIC_ADDRESS]


def test_a_public_page_may_redirect_to_another_public_one(port):
    fake = FakeNetwork({"news.example": PUBLIC_ADDRESS, "cdn.example": "151.101.1.1"})
    article = extract_url(f"http://news.example:{port}/go?http://cdn.example:{port}/article",
                          timeout=3, network=fake.network())
    assert article.title == "Council delays vote on library budget"
    assert fake.dialled == [PUBLIC_ADDRESS, "151.101.1.1"]


def test_endless_redirects_stop(port):
    with pytest.raises(ImportRefused, match=f"redirects more than {MAX_REDIRECTS} times"):
        extract_url(f"http://127.0.0.1:{port}/loop", timeout=3)


def test_a_name_lookup_that_hangs_is_cut_at_the_deadline():
    def resolve(host, port):
        time.sleep(5)
        return [PUBLIC_ADDRESS]

    def dial(address, port, timeout):
        raise AssertionError("nothing may be dialled after the deadline")

    started = time.monotonic()
    with pytest.raises(ImportRefused, match="did not send the page within 1 seconds"):
        extract_url("http://slow-dns.example/article", timeout=1, network=Network(resolve=resolve, dial=dial))
    assert time.monotonic() - started < 1.5
