"""Structured outputs the research agent asks a provider for."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from core.contracts.brand import FactKind


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ExtractedFact(_Out):
    text: str
    quote: str = Field(description="verbatim copy of the sentence from the page text")
    kind: FactKind = "claim"
    start: int | None = Field(default=None, description="offset of the quote in the page text, if known")
    end: int | None = None
    confidence: float = Field(default=0.6, ge=0.0, le=1.0)


class ExtractedProduct(_Out):
    name: str
    price: str | None = None
    quote: str | None = Field(default=None, description="verbatim sentence that names the product")


class ExtractedMention(_Out):
    name: str
    quote: str = Field(description="verbatim sentence that supports it")


class PageExtraction(_Out):
    facts: list[ExtractedFact] = Field(default_factory=list)
    products: list[ExtractedProduct] = Field(default_factory=list)
    audience_segments: list[ExtractedMention] = Field(default_factory=list)
    competitors: list[ExtractedMention] = Field(default_factory=list)


class VoiceOut(_Out):
    tone: list[str] = Field(default_factory=list)
    formality: str = "neutral"
    person: str = "mixed"


class SummaryOut(_Out):
    summary: str
    fact_ids: list[str] = Field(default_factory=list)
