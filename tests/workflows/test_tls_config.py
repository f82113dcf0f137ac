"""Production talks to Temporal over mTLS only; development may use the embedded dev server."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ServiceError
from core.settings import Settings
from workflows.worker import tls_config


def _prod(**kw: object) -> Settings:
    return Settings(env="production", secret_key="x" * 40, crawl_allow_private=False, **kw)  # type: ignore[arg-type]


def test_production_without_client_certificates_is_refused() -> None:
    with pytest.raises(ServiceError, match="mTLS"):
        tls_config(_prod(temporal_address="temporal:7233"))


def test_partial_tls_settings_are_refused(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("ca")
    with pytest.raises(ServiceError, match="go together"):
        tls_config(_prod(temporal_address="temporal:7233", temporal_tls_ca=ca))


def test_client_certificates_are_loaded(tmp_path: Path) -> None:
    files = {}
    for name in ("ca", "cert", "key"):
        files[name] = tmp_path / f"{name}.pem"
        files[name].write_text(f"-----{name}-----")
    tls = tls_config(_prod(temporal_address="temporal:7233", temporal_tls_ca=files["ca"],
                           temporal_tls_cert=files["cert"], temporal_tls_key=files["key"],
                           temporal_tls_server_name="temporal"))
    assert not isinstance(tls, bool)
    assert tls.client_cert == b"-----cert-----" and tls.client_private_key == b"-----key-----"
    assert tls.server_root_ca_cert == b"-----ca-----" and tls.domain == "temporal"


def test_development_may_use_the_embedded_server() -> None:
    assert tls_config(Settings(env="development")) is False
