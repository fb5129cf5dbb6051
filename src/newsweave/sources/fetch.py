"""All URL fetching goes through ``Fetcher``: the one network seam.

Rules, each re-checked at every redirect hop: only ``http``/``https``; the host must resolve only to
public addresses (private, loopback, link-local, multicast, reserved and unspecified ones are refused
unless ``fetch.allow_private``); at most ``fetch.max_redirects`` redirects; the body is streamed and
the download stops as soon as it passes ``fetch.max_bytes``; every request has ``fetch.timeout``.

The name is resolved once per hop, by ``resolve``, and the connection goes to exactly the addresses
that were checked: the client's connection pool uses ``_PinnedBackend``, which dials the pinned
address for the host instead of letting the name be resolved again (a DNS server answering a public
address to the check and 127.0.0.1 to the connection, DNS rebinding, gets nowhere). The URL, the
Host header and the TLS server name and certificate check still use the name. Proxies named in the
environment are not used, for the same reason.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

import httpcore
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
    """Fetches URLs under the rules above. Use as a context manager to close its client.

    ``resolve`` (host name → addresses) and ``network`` (the httpcore backend that opens the pinned
    connections) are the seams tests replace to stay off the network."""

    def __init__(self, options: FetchOptions, *, resolve: Resolver = _resolve,
                 network: httpcore.NetworkBackend | None = None):
        self.options = options
        self.resolve = resolve
        self._pins = _PinnedBackend(network or httpcore.SyncBackend())
        # trust_env=False: a proxy from the environment would make the address check meaningless
        # (the proxy, not us, would decide where the request goes).
        self.client = httpx.Client(headers={"User-Agent": options.user_agent}, trust_env=False,
                                   transport=_PinnedTransport(self._pins))

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str) -> Fetched:
        """The body of ``url`` after allowed redirects, or ``FetchError`` saying what was refused."""
        current = url
        for _ in range(self.options.max_redirects + 1):
            addresses = self.check(current, original=url)
            request = self.client.build_request("GET", current, timeout=self.options.timeout)
            self._pins.pin(request.url.raw_host.decode("ascii"), addresses)
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

    def check(self, url: str, *, original: str | None = None) -> list[str]:
        """The addresses ``url``'s host resolves to, all allowed; ``FetchError`` for a URL that
        breaks the scheme or address rules. Resolves once: connect only to what this returns."""
        original = original or url
        try:
            scheme = urlsplit(url).scheme
            host = httpx.URL(url).raw_host.decode("ascii")  # IDNA-encoded, as the connection uses it
        except (ValueError, httpx.InvalidURL) as error:
            raise FetchError(original, f"invalid URL {url}: {error}") from None
        if scheme.lower() not in ("http", "https"):
            raise FetchError(original, f"only http and https URLs are fetched, not {scheme or 'no scheme'!r}: {url}")
        if not host:
            raise FetchError(original, f"URL has no host: {url}")
        try:
            addresses = [host] if _is_ip(host) else self.resolve(host)
        except (OSError, UnicodeError) as error:
            raise FetchError(original, f"cannot resolve host {host!r}: {error}") from None
        if not addresses:
            raise FetchError(original, f"host {host!r} resolves to no address")
        if not self.options.allow_private:
            for address in addresses:
                ip = ipaddress.ip_address(address.split("%")[0])
                if not _public(ip):
                    raise FetchError(original, f"refused: {host} resolves to non-public address {ip} "
                                               "(private/loopback/link-local); allow it with --allow-private")
        return list(addresses)

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


class _PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to the addresses pinned for a host by ``Fetcher.check``; a host
    nobody pinned is refused rather than resolved. Thread-safe: a pin is replaced only by another
    checked answer, so a connection always goes to some checked address."""

    def __init__(self, network: httpcore.NetworkBackend):
        self._network = network
        self._pins: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def pin(self, host: str, addresses: list[str]) -> None:
        with self._lock:
            self._pins[host] = addresses

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        with self._lock:
            addresses = self._pins.get(host)
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        failure: Exception | None = None
        for address in addresses:  # in the resolver's order, like a connection to the name would
            try:
                return self._network.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                 socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._network.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport (request/response and error mapping) over a pool that connects through
    the pinned backend. httpx has no public argument for the backend (encode/httpx#3749), so the
    pool it builds is replaced; tests/test_sources_fetch.py fails if httpx stops using it."""

    def __init__(self, backend: _PinnedBackend):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=backend)


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
