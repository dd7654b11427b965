"""The relevance decision: relevant, grey or off-topic, with the evidence and the reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.relevance.match import MatchText, match_query
from pipelines.relevance.similarity import ExemplarModel

if TYPE_CHECKING:
    from datetime import datetime

    from crawler.story import Story

RELEVANT = "relevant"
GREY = "grey"
OFF_TOPIC = "off-topic"
# Words of the body counted as its lead, after the title and standfirst.
LEAD_WORDS = 60


@dataclass(frozen=True)
class Thresholds:
    """Exemplar-similarity cut-offs (TF-IDF cosine, 0 to 1); settings tune them."""

    relevant: float = 0.30  # this close to an exemplar is about the story on its own
    grey: float = 0.20  # below this, text shares no more with the story than any news does


@dataclass(frozen=True)
class Decision:
    """A relevance label with the evidence it rests on; kept for every article, off-topic too."""

    label: str
    reason: str
    query_in_lead: bool | None  # None: the story has no query
    query_in_text: bool | None
    similarity: float | None  # None: the story has no exemplars
    in_window: bool | None  # None: no publication date


class RelevanceJudge:
    """Judges articles against one story's query, exemplars, window and languages."""

    def __init__(self, story: Story, thresholds: Thresholds) -> None:
        self.story = story
        self.thresholds = thresholds
        self.model = ExemplarModel(story.exemplar_texts())

    def judge(
        self,
        *,
        title: str | None,
        description: str | None,
        text: str,
        published_at: datetime | None,
        language: str | None,
    ) -> Decision:
        """Decide whether an article is the story, and say why."""
        story, limits = self.story, self.thresholds
        body_words = text.split()
        lead = "\n".join([title or "", description or "", " ".join(body_words[:LEAD_WORDS])])
        in_lead = in_text = None
        found: list[str] = []
        if story.query_tree is not None:
            lead_match = match_query(story.query_tree, MatchText(lead))
            text_match = match_query(story.query_tree, MatchText(f"{lead}\n{text}"))
            in_lead, in_text, found = lead_match.matched, text_match.matched, text_match.found
        similarity = self.model.similarity(f"{title or ''}\n{text}") if self.model else None
        in_window = story.in_window(published_at) if published_at is not None else None
        evidence = _evidence(in_lead, in_text, found, similarity)

        def decide(label: str, why: str) -> Decision:
            return Decision(label, f"{why}; {evidence}", in_lead, in_text, similarity, in_window)

        primary = (language or "").split("-")[0].lower()
        if story.languages and primary and primary not in story.languages:
            return decide(OFF_TOPIC, f"language {language} is not one of the story's")
        # Strong: the query in the headline or lead, or text very like an exemplar.
        # Related: at least as like the exemplars as same-story coverage usually is.
        strong = bool(in_lead) or (similarity is not None and similarity >= limits.relevant)
        if in_lead is None and similarity is None:
            strong = True  # nothing to judge the subject by: the window decides
        related = similarity is None or similarity >= limits.grey
        if in_text is False:
            return decide(OFF_TOPIC, "the query does not match")
        if not strong and not related:
            return decide(OFF_TOPIC, "mentions the story in passing only")
        if in_window is False:
            assert published_at is not None
            when = published_at.date().isoformat()
            if strong:
                return decide(GREY, f"on the subject but published {when}, outside the window")
            return decide(OFF_TOPIC, f"published {when}, outside the window")
        if strong and related:
            return decide(RELEVANT, "about the story")
        return decide(GREY, "touches the story; check by hand")


def _evidence(
    in_lead: bool | None, in_text: bool | None, found: list[str], similarity: float | None
) -> str:
    parts: list[str] = []
    if in_text is not None:
        where = "in title/lead" if in_lead else "in body only" if in_text else "not matched"
        terms = f" (found: {', '.join(found[:6])})" if found else ""
        parts.append(f"query {where}{terms}")
    if similarity is not None:
        parts.append(f"exemplar similarity {similarity:.2f}")
    return ", ".join(parts) or "no query or exemplars: window only"
