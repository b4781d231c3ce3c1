"""Downloading a web page: an honest User-Agent, one wall-clock deadline, a size cap,
and redirects followed only where they may go.

The deadline covers everything: looking up the name, connecting, the TLS handshake,
the headers and the body. A watchdog shuts the socket down when it passes, so a
server trickling a byte a second is cut at the deadline, not at the next read.

Redirects are followed by hand (at most ``MAX_REDIRECTS``): only to http:// or
https://, and never from a public address to a private, loopback or link-local one
(a page on the internet must not make the app read the analyst's router or
intranet). The address that was checked is the one connected to, so a name cannot
change its answer in between.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from workbench import __version__
from workbench.domain.errors import ImportRefused

USER_AGENT = f"QuoteWorkbench/{__version__} (+fact-checking desktop app)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
_CHUNK_BYTES = 64 * 1024
MAX_REDIRECTS = 10
_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class FetchedPage:
    data: bytes
    content_type: str  # lower case, without parameters: "text/html"
    charset: str | None
    final_url: str  # after redirects


@dataclass(frozen=True)
class Network:
    """How names are looked up and addresses dialled; tests replace it to stay on 127.0.0.1."""

    resolve: Callable[[str, int], list[str]]  # host, port -> IP addresses, best first
    dial: Callable[[str, int, float], socket.socket]  # address, port, timeout -> connected socket


def _system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _system_dial(address: str, port: int, timeout: float) -> socket.socket:
    return socket.create_connection((address, port), timeout=timeout)


SYSTEM_NETWORK = Network(resolve=_system_resolve, dial=_system_dial)


class _Deadline:
    """The time left, and a watchdog that shuts the current socket down when it runs out."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self.passed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        left = self._end - time.monotonic()
        if left <= 0 or self.passed:
            self.passed = True
            raise TimeoutError
        return left

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            self._socket = sock
            if self.passed and sock is not None:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            if self._socket is not None:
                _shut(self._socket)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Refused(Exception):
    """A redirect the policy does not follow; carries the sentence to show."""


def fetch(url: str, *, timeout: float, max_bytes: int, network: Network = SYSTEM_NETWORK) -> FetchedPage:
    """Download ``url`` within ``timeout`` seconds in all, or refuse with the reason.

    Runs off the GUI thread; touches no Qt object.
    """
    deadline = _Deadline(timeout)
    try:
        return _fetch(url, deadline, max_bytes, network)
    except _Refused as refused:
        raise ImportRefused(str(refused)) from None
    except ImportRefused:
        raise
    except (TimeoutError, socket.timeout):
        raise _timed_out(url, timeout) from None
    except socket.gaierror as error:
        raise _connection_refusal(url, error, timeout) from None
    except (http.client.HTTPException, OSError) as error:
        if deadline.passed:
            raise _timed_out(url, timeout) from None
        raise _connection_refusal(url, error, timeout) from None
    except (ValueError, UnicodeError):
        raise ImportRefused(f"“{url}” is not a web address Quote Workbench can open.") from None
    finally:
        deadline.cancel()


def _fetch(url: str, deadline: _Deadline, max_bytes: int, network: Network) -> FetchedPage:
    current = url
    came_from_public = False
    for hop in range(MAX_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(current)
        scheme = parts.scheme.lower()
        if scheme not in _DEFAULT_PORTS:
            if hop == 0:
                raise ImportRefused(f"“{url}” is not a web address Quote Workbench can open.")
            raise _Refused(
                f"“{url}” sends the app on to “{current}”, which is not a web page (only http:// and "
                "https:// are followed). Open the address in your browser and save the page instead."
            )
        host = parts.hostname
        if not host:
            raise ValueError(current)
        port = parts.port or _DEFAULT_PORTS[scheme]
        addresses = _resolve(network, host, port, deadline)
        if hop > 0 and came_from_public and not all(_is_public(address) for address in addresses):
            raise _Refused(
                f"“{url}” redirects to “{current}”, an address inside a private network or on this "
                "computer; a page on the internet may not send the app there, so it was not followed."
            )
        came_from_public = all(_is_public(address) for address in addresses)
        response, connection = _request(network, scheme, host, port, _target(parts), addresses, deadline)
        try:
            if response.status in _REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise _http_refusal(url, response.status)
                current = urllib.parse.urljoin(current, location.strip())
                continue
            if response.status >= 400:
                raise _http_refusal(url, response.status)
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            data = _read_capped(response, url, deadline, max_bytes)
            message = response.msg
            return FetchedPage(
                data=data,
                content_type=message.get_content_type(),
                charset=message.get_content_charset(),
                final_url=current,
            )
        finally:
            deadline.watch(None)
            connection.close()
    raise ImportRefused(f"“{url}” redirects more than {MAX_REDIRECTS} times; it was not followed to the end.")


def _target(parts: urllib.parse.SplitResult) -> str:
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _resolve(network: Network, host: str, port: int, deadline: _Deadline) -> list[str]:
    """The host's addresses, looked up in a thread so that a hung lookup cannot outlive the deadline."""
    try:
        ipaddress.ip_address(host)
        return [host]
    except ValueError:
        pass
    found: list = []
    lookup = threading.Thread(target=lambda: found.append(_try(network.resolve, host, port)), daemon=True)
    lookup.start()
    lookup.join(deadline.left())
    if not found:
        raise TimeoutError
    result = found[0]
    if isinstance(result, BaseException):
        raise result
    if not result:
        raise socket.gaierror(socket.EAI_NONAME, "no address")
    return result


def _try(function, *args):
    try:
        return function(*args)
    except Exception as error:  # handed back to the waiting thread
        return error


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address already checked, naming ``host`` in Host and SNI."""

    def __init__(self, network: Network, scheme: str, host: str, port: int, address: str,
                 deadline: _Deadline) -> None:
        super().__init__(host, port, timeout=deadline.left())
        self._network = network
        self._scheme = scheme
        self._address = address
        self._deadline = deadline

    def connect(self) -> None:
        sock = self._network.dial(self._address, self.port, self._deadline.left())
        self._deadline.watch(sock)
        if self._scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)
            self._deadline.watch(sock)
        self.sock = sock


def _request(network: Network, scheme: str, host: str, port: int, target: str, addresses: list[str],
             deadline: _Deadline):
    error: OSError | None = None
    for address in addresses:
        connection = _PinnedConnection(network, scheme, host, port, address, deadline)
        try:
            connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
            return connection.getresponse(), connection
        except (ConnectionRefusedError, socket.timeout, OSError) as problem:
            connection.close()
            if deadline.passed or isinstance(problem, (ssl.SSLError, TimeoutError)):
                raise
            error = problem
    assert error is not None
    raise error


def _read_capped(response: http.client.HTTPResponse, url: str, deadline: _Deadline, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        deadline.left()
        # read1: one read from the socket, so the loop (and the deadline check) comes round often.
        chunk = response.read1(_CHUNK_BYTES)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        chunks.append(chunk)
    if deadline.passed:
        raise TimeoutError
    return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> ImportRefused:
    return ImportRefused(
        f"The page at “{url}” is larger than {max_bytes / 1_000_000:.0f} MB, too large for an article. "
        "Save the article from your browser and import the file instead."
    )


def _timed_out(url: str, timeout: float) -> ImportRefused:
    return ImportRefused(
        f"The site at “{url}” did not send the page within {timeout:g} seconds, the time allowed "
        "for a whole download. Try again later, or save the page from your browser and import the file."
    )


def _http_refusal(url: str, code: int) -> ImportRefused:
    if code in (404, 410):
        reason = f"The page “{url}” was not found (error {code}). Check the address."
    elif code in (401, 402, 403, 451):
        reason = (
            f"The site refused to send “{url}” (error {code}); it may need a login or block apps. "
            "Open it in your browser, save the page as .html and import that file."
        )
    elif code >= 500:
        reason = f"The site's server failed while sending “{url}” (error {code}). Try again later."
    else:
        reason = f"The site did not send “{url}” (error {code})."
    return ImportRefused(reason)


def _connection_refusal(url: str, reason: object, timeout: float) -> ImportRefused:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timed_out(url, timeout)
    if isinstance(reason, socket.gaierror):
        return ImportRefused(
            f"The site in “{url}” could not be found. Check the address and your internet connection."
        )
    if isinstance(reason, ssl.SSLError):
        return ImportRefused(f"A secure connection to “{url}” could not be made (certificate or encryption problem).")
    if isinstance(reason, ConnectionRefusedError):
        return ImportRefused(f"The site at “{url}” refused the connection. Check the address or try again later.")
    return ImportRefused(f"The connection to “{url}” failed ({reason}). Check your internet connection and try again.")
