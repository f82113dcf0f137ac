"""SSRF guard: every connection target is resolved and checked before connecting.

The check runs inside the HTTP transport, so it applies to the first request
and to every redirect hop (the crawler follows redirects itself). The
connection is pinned to the address that was checked, which closes the DNS
rebinding window between the check and the connect.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_TRUE = {"1", "true", "yes", "on"}


class SSRFBlockedError(Exception):
    """The target resolves to an address that the network policy refuses."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"refused to connect to {host} ({address}): {reason}")
        self.host = host
        self.address = address
        self.reason = reason


def allow_private_from_env(workspace_flag: bool | None = None, env: dict[str, str] | None = None) -> bool:
    """Local targets are allowed per workspace, or installation-wide via SMM_CRAWL_ALLOW_PRIVATE."""
    if workspace_flag:
        return True
    source = os.environ if env is None else env
    return source.get("SMM_CRAWL_ALLOW_PRIVATE", "").strip().lower() in _TRUE


# What ``allow_private`` opens: loopback and RFC 1918 / unique-local networks, nothing else.
# Link-local (169.254.0.0/16, fe80::/10: cloud metadata lives there), site-local, CGNAT,
# reserved and embedded-IPv4 forms of local addresses stay refused.
LOCAL_NETWORKS: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = (
    ipaddress.ip_network("127.0.0.0/8"),
    ipaddress.ip_network("10.0.0.0/8"),
    ipaddress.ip_network("172.16.0.0/12"),
    ipaddress.ip_network("192.168.0.0/16"),
    ipaddress.ip_network("::1/128"),
    ipaddress.ip_network("fc00::/7"),
)
SITE_LOCAL = ipaddress.ip_network("fec0::/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """IPv4 addresses carried inside an IPv6 address: 6to4 (2002::/16), Teredo client
    (2001::/32) and NAT64 well-known prefix (64:ff9b::/96)."""
    out: list[tuple[str, ipaddress.IPv4Address]] = []
    if address.sixtofour is not None:
        out.append(("6to4", address.sixtofour))
    if address.teredo is not None:
        server, client = address.teredo
        out += [("Teredo", client), ("Teredo", server)]
    if address in NAT64:
        out.append(("NAT64", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)))
    return out


@dataclass(frozen=True)
class NetworkPolicy:
    """Which addresses the crawler may connect to.

    By default only globally routable unicast addresses. ``allow_private``
    opens loopback and RFC 1918 / ULA networks (local fixtures, demos);
    ``allowed_networks`` lists CIDRs that are allowed although not global
    (e.g. a workspace's intranet). Link-local and site-local addresses, and
    IPv4 addresses embedded in 6to4 / Teredo / NAT64 that are not global, are
    refused whatever the flags.
    """

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = field(default_factory=tuple)

    def refusal_reason(self, address: IPAddress) -> str | None:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address.is_unspecified:
            return "unspecified address"
        if address.is_multicast:
            return "multicast address"
        # Never opened, not even by allow_private or an allow-list: cloud metadata endpoints.
        if address.is_link_local:
            return "link-local address"
        if isinstance(address, ipaddress.IPv6Address):
            if address in SITE_LOCAL:
                return "site-local address"
            for kind, inner in embedded_ipv4(address):
                inner_reason = _STRICT.refusal_reason(inner)
                if inner_reason is not None:
                    return f"{kind} address embedding {inner} ({inner_reason})"
        for net in self.allowed_networks:
            if address in ipaddress.ip_network(net, strict=False):
                return None
        if self.allow_private and any(address in net for net in LOCAL_NETWORKS):
            return None
        if address.is_loopback:
            return "loopback address"
        if address.is_private:
            return "private address"
        if address.is_reserved:
            return "reserved address"
        if not address.is_global:
            return "non-global address"
        return None


_STRICT = NetworkPolicy()


async def system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        if addr not in out:
            out.append(addr)
    return out


async def check_host(host: str, port: int, policy: NetworkPolicy, resolver: Resolver = system_resolver) -> str:
    """Return the address to connect to, or raise SSRFBlockedError.

    Every resolved address must be allowed: a name resolving to one public and
    one private address is refused, since the client may pick either.
    """
    host = host.strip("[]")
    try:
        addresses: Sequence[str] = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = await resolver(host, port)
    if not addresses:
        raise OSError(f"could not resolve {host}")
    for addr in addresses:
        reason = policy.refusal_reason(ipaddress.ip_address(addr))
        if reason is not None:
            raise SSRFBlockedError(host, addr, reason)
    return addresses[0]


class GuardedTransport(httpx.AsyncBaseTransport):
    """Checks (and pins) the connection target of every request it sends."""

    def __init__(
        self,
        policy: NetworkPolicy,
        *,
        inner: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._policy = policy
        self._inner = inner or httpx.AsyncHTTPTransport(retries=0)
        self._resolver = resolver

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        address = await check_host(host, port, self._policy, self._resolver)
        if address != host.strip("[]"):
            # Pin the checked address; the Host header already carries the name,
            # and TLS verifies the certificate against the original name.
            request.url = url.copy_with(host=address)
            if url.scheme == "https":
                request.extensions = {**request.extensions, "sni_hostname": host}
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
