"""Finding 4: IPv6 forms that carry a local IPv4 address (6to4, Teredo, NAT64), site-local
addresses, and link-local targets even when local targets are allowed."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest

from agents.crawler.ssrf import NetworkPolicy, SSRFBlockedError, check_host, embedded_ipv4

STRICT = NetworkPolicy()
LOCAL = NetworkPolicy(allow_private=True)
ALLOW_LISTED = NetworkPolicy(allowed_networks=("169.254.0.0/16", "fe80::/10", "2002::/16", "fec0::/10"))

# Refused whatever the policy flags.
ALWAYS_REFUSED = [
    "2002:7f00:1::",  # 6to4 embedding 127.0.0.1
    "2002:7f00:1:0:0:0:0:1",
    "2002:a9fe:a9fe::",  # 6to4 embedding 169.254.169.254 (cloud metadata)
    "2002:a00:1::",  # 6to4 embedding 10.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo, client 192.0.2.45
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1 (bits inverted)
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "fec0::1",  # site-local
    "169.254.169.254",
    "fe80::1",
    "::ffff:169.254.169.254",
]


@pytest.mark.parametrize("addr", ALWAYS_REFUSED)
@pytest.mark.parametrize("policy", [STRICT, LOCAL], ids=["strict", "allow_private"])
def test_embedded_site_local_and_link_local_always_refused(policy: NetworkPolicy, addr: str) -> None:
    assert policy.refusal_reason(ipaddress.ip_address(addr)) is not None


@pytest.mark.parametrize("addr", ["169.254.169.254", "fe80::1", "2002:a9fe:a9fe::", "fec0::1"])
def test_allow_list_does_not_open_link_local(addr: str) -> None:
    assert ALLOW_LISTED.refusal_reason(ipaddress.ip_address(addr)) is not None


def test_reasons_name_the_embedded_address() -> None:
    reason = STRICT.refusal_reason(ipaddress.ip_address("2002:a9fe:a9fe::"))
    assert reason is not None and "6to4" in reason and "169.254.169.254" in reason and "link-local" in reason
    reason = LOCAL.refusal_reason(ipaddress.ip_address("2001:0:4136:e378:8000:63bf:80ff:fffe"))
    assert reason is not None and "Teredo" in reason and "127.0.0.1" in reason
    assert LOCAL.refusal_reason(ipaddress.ip_address("fec0::1")) == "site-local address"
    assert LOCAL.refusal_reason(ipaddress.ip_address("169.254.169.254")) == "link-local address"


def test_embedded_ipv4_decoding() -> None:
    assert embedded_ipv4(ipaddress.IPv6Address("2002:7f00:1::")) == [("6to4", ipaddress.IPv4Address("127.0.0.1"))]
    assert ("Teredo", ipaddress.IPv4Address("127.0.0.1")) in embedded_ipv4(
        ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe")
    )
    assert embedded_ipv4(ipaddress.IPv6Address("64:ff9b::7f00:1")) == [("NAT64", ipaddress.IPv4Address("127.0.0.1"))]
    assert embedded_ipv4(ipaddress.IPv6Address("2606:4700::1111")) == []


def test_allow_private_opens_only_loopback_rfc1918_and_ula() -> None:
    for addr in (
        "127.0.0.1",
        "127.0.0.2",
        "10.0.0.5",
        "172.16.3.4",
        "192.168.0.10",
        "::1",
        "fc00::1",
        "::ffff:10.1.2.3",
    ):
        assert LOCAL.refusal_reason(ipaddress.ip_address(addr)) is None, addr
        assert STRICT.refusal_reason(ipaddress.ip_address(addr)) is not None, addr
    for addr in ("100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1"):  # noqa: S104 - a target under test
        assert LOCAL.refusal_reason(ipaddress.ip_address(addr)) is not None, addr


def test_public_addresses_and_public_6to4_still_allowed() -> None:
    for addr in ("93.184.216.34", "2606:4700::1111", "2002:808:808::1"):
        assert STRICT.refusal_reason(ipaddress.ip_address(addr)) is None, addr


def test_check_host_refuses_a_name_resolving_to_6to4_loopback() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "2002:7f00:1::"]

    async def run() -> None:
        with pytest.raises(SSRFBlockedError) as err:
            await check_host("evil.test", 80, LOCAL, resolver)
        assert err.value.address == "2002:7f00:1::"
        with pytest.raises(SSRFBlockedError):
            await check_host("[2002:a9fe:a9fe::]", 80, LOCAL, resolver)
        with pytest.raises(SSRFBlockedError):
            await check_host("169.254.169.254", 80, LOCAL, resolver)

    asyncio.run(run())
