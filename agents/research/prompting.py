"""Instructions of the research tasks; the data protocol is in agents.llm.prompting."""

from agents.llm.prompting import SYSTEM_PROMPT, build_messages, extract_data

__all__ = [
    "EXTRACT_INSTRUCTIONS",
    "SUMMARY_INSTRUCTIONS",
    "SYSTEM_PROMPT",
    "VOICE_INSTRUCTIONS",
    "build_messages",
    "extract_data",
]

EXTRACT_INSTRUCTIONS = (
    "From the page in DATA, list: facts (sentences stating names, numbers, prices, dates, percentages, "
    "awards, policies; copy each sentence verbatim into 'quote'), products (name, price, supporting quote), "
    "audience_segments and competitors (name + verbatim supporting quote). Use only what the page states."
)
VOICE_INSTRUCTIONS = (
    "Describe the brand voice from the measured features and sample sentences in DATA: tone adjectives, "
    "formality (casual|neutral|formal) and grammatical person (first_plural|second|third|mixed)."
)
SUMMARY_INSTRUCTIONS = (
    "Write a one- or two-sentence neutral summary of the brand using only the facts in DATA, and list "
    "the ids of the facts you used in fact_ids."
)
