"""Checks for values that come from outside (CLI options, API bodies), shared by both front doors.

Each check returns the (normalised) value or raises ValueError with a message meant for the user,
so it fits a pydantic ``AfterValidator`` and a typer option callback alike (see core/cli_support.py).
"""

from __future__ import annotations

import math
import re
import uuid
from typing import Annotated, Literal, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

#: Embedders a request may name; the settings' SMM_EMBEDDER uses the same names.
EmbedderName = Literal["minilm", "hashing", "openai"]
EMBEDDERS: tuple[str, ...] = get_args(EmbedderName)

#: The most pages one onboarding may crawl (`smm onboard --max-pages`, the API's onboarding request).
MAX_CRAWL_PAGES = 500

#: Region codes: ISO 3166-1 alpha-2 shapes (US, GB, DE; UK is reserved but used by the policies) and the
#: EU/EEA blocs the consent rules know. Workspace.region is a short column and the policies compare it
#: verbatim, so free text would silently miss every region-specific rule.
_REGION = re.compile(r"[A-Z]{2}|EEA")


def finite(value: float) -> float:
    """Refuse inf, -inf and nan (a float option given "inf", "nan" or "1e309")."""
    if not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value!r}")
    return value


def positive_finite(value: float) -> float:
    """A finite number above zero (budgets)."""
    if finite(value) <= 0:
        raise ValueError(f"must be greater than 0, got {value!r}")
    return value


def http_url(value: str) -> str:
    """An absolute http(s) URL with a host; returned stripped of surrounding blanks."""
    url = value.strip()
    if any(c.isspace() or ord(c) < 32 for c in url):
        raise ValueError("URL must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - property access validates the port (raises ValueError when out of range)
    except ValueError as exc:
        raise ValueError(f"not a valid URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"URL must start with http:// or https://, got {value!r}")
    if not parts.hostname:
        raise ValueError(f"URL must name a host, got {value!r}")
    if parts.username is not None or parts.password is not None:
        # Credentials would be written to the policy log, the audit log and the crawl report.
        raise ValueError("URL must not contain credentials (user:password@)")
    return url


def uuid_text(value: str) -> str:
    """A UUID in canonical text form."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError):
        raise ValueError(f"{value!r} is not a UUID") from None


def region_code(value: str) -> str:
    """A region code such as US, GB, EU or EEA (case-insensitive; returned upper-case)."""
    code = value.strip().upper()
    if not _REGION.fullmatch(code):
        raise ValueError(f"must be a two-letter region code such as US, GB or EU (or EEA), got {value!r}")
    return code


def embedder_name(value: str) -> str:
    """One of the built-in embedders."""
    if value not in EMBEDDERS:
        raise ValueError(f"must be one of {', '.join(EMBEDDERS)}, got {value!r}")
    return value


# pydantic field types built from the checks above.
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]
PositiveBudget = Annotated[float, Field(gt=0, allow_inf_nan=False)]
HttpUrlText = Annotated[str, AfterValidator(http_url)]
UuidText = Annotated[str, AfterValidator(uuid_text)]
RegionCode = Annotated[str, AfterValidator(region_code)]
EmbedderText = Annotated[str, AfterValidator(embedder_name)]  # a str for callers that hold one
