"""Downloading a web page: urllib with an honest User-Agent, one deadline and a size cap."""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from workbench import __version__
from workbench.domain.errors import ImportRefused

USER_AGENT = f"QuoteWorkbench/{__version__} (+fact-checking desktop app)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
_CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    data: bytes
    content_type: str  # lower case, without parameters: "text/html"
    charset: str | None
    final_url: str  # after redirects


def fetch(url: str, *, timeout: float, max_bytes: int) -> FetchedPage:
    """Download ``url`` within ``timeout`` seconds in all, or refuse with the reason.

    Runs off the GUI thread; touches no Qt object.
    """
    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(url, max_bytes)
            data = _read_capped(response, url, deadline, max_bytes)
            return FetchedPage(
                data=data,
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
                final_url=response.geturl(),
            )
    except urllib.error.HTTPError as error:
        raise _http_refusal(url, error.code) from None
    except urllib.error.URLError as error:
        raise _connection_refusal(url, error.reason, timeout) from None
    except (TimeoutError, socket.timeout):
        raise _timed_out(url, timeout) from None
    except (http.client.HTTPException, OSError) as error:
        raise _connection_refusal(url, error, timeout) from None
    except ValueError:
        raise ImportRefused(f"“{url}” is not a web address Quote Workbench can open.") from None


def _read_capped(response, url: str, deadline: float, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> ImportRefused:
    return ImportRefused(
        f"The page at “{url}” is larger than {max_bytes / 1_000_000:.0f} MB, too large for an article. "
        "Save the article from your browser and import the file instead."
    )


def _timed_out(url: str, timeout: float) -> ImportRefused:
    return ImportRefused(
        f"The site at “{url}” did not answer within {timeout:g} seconds. "
        "Try again later, or save the page from your browser and import the file."
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
    if isinstance(reason, str) and reason.startswith("unknown url type"):
        return ImportRefused(f"“{url}” is not a web address Quote Workbench can open.")
    return ImportRefused(f"The connection to “{url}” failed ({reason}). Check your internet connection and try again.")
