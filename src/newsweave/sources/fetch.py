"""All URL fetching goes through ``Fetcher``: the one network seam.

Rules, each re-checked at every redirect hop: only ``http``/``https``; the host must resolve only to
public addresses (private, loopback, link-local, multicast, reserved and unspecified ones are refused
unless ``fetch.allow_private``); at most ``fetch.max_redirects`` redirects; the body is streamed and
the download stops as soon as it passes ``fetch.max_bytes``; every request has ``fetch.timeout``.
The httpx client is passed in (tests hand one pointed at a local server); by default a real one.

Proxies named in the environment are not used by the default client, for the same reason.
Known limit: the address is checked before httpx connects, and httpx resolves again, so a DNS
server that answers differently the second time (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import FetchOptions
from ..errors import FetchError

__all__ = ["Fetched", "Fetcher", "is_url"]

Resolver = Callable[[str], list[str]]
_REDIRECTS = {301, 302, 303, 307, 308}


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _resolve(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    content: bytes
    content_type: str


class Fetcher:
    """Fetches URLs under the rules above. Use as a context manager to close a client it created."""

    def __init__(self, options: FetchOptions, *, client: httpx.Client | None = None,
                 resolve: Resolver = _resolve):
        self.options = options
        self._owns_client = client is None
        # trust_env=False: a proxy from the environment would make the address check meaningless
        # (the proxy, not us, would decide where the request goes).
        self.client = client or httpx.Client(headers={"User-Agent": options.user_agent}, trust_env=False)
        self.resolve = resolve

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_client:
            self.client.close()

    def get(self, url: str) -> Fetched:
        """The body of ``url`` after allowed redirects, or ``FetchError`` saying what was refused."""
        current = url
        for _ in range(self.options.max_redirects + 1):
            self.check(current, original=url)
            request = self.client.build_request("GET", current, timeout=self.options.timeout)
            try:
                response = self.client.send(request, stream=True, follow_redirects=False)
            except httpx.HTTPError as error:
                raise FetchError(url, f"could not fetch {current}: {type(error).__name__}: {error}") from None
            try:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    current = urljoin(current, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code} from {current}")
                content = self._body(response, url)
                return Fetched(url=url, final_url=current, content=content,
                               content_type=response.headers.get("content-type", ""))
            finally:
                response.close()
        raise FetchError(url, f"more than {self.options.max_redirects} redirects (fetch.max_redirects)")

    def check(self, url: str, *, original: str | None = None) -> None:
        """Refuse a URL that breaks the scheme or address rules, before any connection is made."""
        original = original or url
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            raise FetchError(original, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}: {url}")
        host = parts.hostname
        if not host:
            raise FetchError(original, f"URL has no host: {url}")
        try:
            addresses = [host] if _is_ip(host) else self.resolve(host)
        except (OSError, UnicodeError) as error:
            raise FetchError(original, f"cannot resolve host {host!r}: {error}") from None
        if not addresses:
            raise FetchError(original, f"host {host!r} resolves to no address")
        if self.options.allow_private:
            return
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not _public(ip):
                raise FetchError(original, f"refused: {host} resolves to non-public address {ip} "
                                           "(private/loopback/link-local); allow it with --allow-private")

    def _body(self, response: httpx.Response, url: str) -> bytes:
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(url, f"response is {int(declared)} bytes, over fetch.max_bytes={limit}")
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"response passed fetch.max_bytes={limit} bytes; download stopped")
                chunks.append(chunk)
        except httpx.HTTPError as error:
            raise FetchError(url, f"download failed: {type(error).__name__}: {error}") from None
        return b"".join(chunks)


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Globally routable and not multicast, also for IPv4 addresses wrapped in IPv6 (mapped, 6to4,
    NAT64), which would otherwise let ``[::ffff:127.0.0.1]``-style URLs reach loopback."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not _public(embedded):
            return False
    return ip.is_global and not ip.is_multicast


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return True
