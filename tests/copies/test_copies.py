from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipelines.copies.clustering import assign_roles, find_pairs
from pipelines.copies.compare import CopyThresholds, compare
from pipelines.copies.originals import Candidate, choose_original
from pipelines.copies.shingles import Fingerprints, sketch

LIMITS = CopyThresholds()
T0 = datetime(2024, 5, 16, 8, tzinfo=UTC)


def paragraph(topic: str, n: int = 60) -> str:
    # Distinct words per topic, so unrelated paragraphs share no 5-gram.
    return " ".join(f"{topic}{i}" for i in range(n)) + "."


ORIGINAL = "\n".join(paragraph(t) for t in "abcdef")  # 360 words


def score(first: str, second: str):
    return compare(sketch(first).shingles, sketch(second).shingles)


def test_same_text_is_a_duplicate_whatever_the_case_and_punctuation():
    assert score(ORIGINAL, ORIGINAL.upper().replace(".", "!")).label(LIMITS) == "duplicate"


def test_shortened_rewrite_is_syndicated_by_containment_although_jaccard_is_low():
    rewrite = "\n".join(paragraph(t) for t in "abc") + "\n" + paragraph("new", 40)
    result = score(rewrite, ORIGINAL)
    assert result.containment > 0.8 and result.other_containment < 0.5
    assert result.label(LIMITS) == "syndicated"


def test_one_shared_paragraph_is_partial_reuse():
    own = "\n".join(paragraph(t) for t in "uvwxyz")
    reuse = own + "\n" + paragraph("a")
    assert score(reuse, ORIGINAL).label(LIMITS) == "partial"


def test_shared_short_quotes_are_not_copying():
    quote = "negotiations must take into account the interests of all countries involved"
    first = paragraph("p", 200) + " " + quote
    second = paragraph("q", 200) + " " + quote
    assert score(first, second).label(LIMITS) is None


def member(i: int, **overrides) -> Candidate:
    values = {
        "id": i,
        "outlet": f"Outlet {i}",
        "urls": frozenset({f"https://o{i}.example/a"}),
        "cross_domain_canonical": None,
        "credits": (),
        "published_at": T0 + timedelta(hours=i),
        "published_precision": "time",
        "published_source": "jsonld",
        "word_count": 500,
    } | overrides
    return Candidate(**values)


def test_an_explicit_credit_beats_an_earlier_time():
    members = [member(1), member(2, credits=("Source: Outlet 3",)), member(3)]
    assert choose_original(members).original == 3
    assert choose_original(members).method == "credit"


def test_a_cross_domain_canonical_names_the_original():
    members = [member(1), member(2, cross_domain_canonical="https://o3.example/a"), member(3)]
    choice = choose_original(members)
    assert (choice.original, choice.method) == (3, "canonical")


def test_earliest_precise_time_wins_over_first_seen_times():
    members = [
        member(1, published_source="first_seen", published_at=T0 - timedelta(days=1)),
        member(2),
        member(3),
    ]
    choice = choose_original(members)
    assert (choice.original, choice.method) == (2, "earliest")


def test_without_times_the_most_complete_text_is_the_original():
    members = [
        member(i, published_precision="day", word_count=w)
        for i, w in ((1, 300), (2, 900), (3, 500))
    ]
    choice = choose_original(members)
    assert (choice.original, choice.method) == (2, "completeness")
    assert choice.confidence < 0.5


def test_roles_in_a_cluster_of_a_duplicate_and_a_rewrite():
    rewrite = "\n".join(paragraph(t) for t in "abc") + "\n" + paragraph("new", 40)
    texts = {1: ORIGINAL, 2: ORIGINAL, 3: rewrite, 4: "\n".join(paragraph(t) for t in "mnopqr")}
    sketches = {i: sketch(t) for i, t in texts.items()}
    ids = list(texts)
    fingerprints = [
        Fingerprints.of(s.norm_hash, s.word_count, s.shingles) for s in sketches.values()
    ]
    loaded: list[int] = []

    def load(wanted):
        loaded.extend(wanted)
        return {i: sketches[i].shingles for i in wanted}

    pairs = find_pairs(ids, fingerprints, LIMITS, load)
    # Full shingles are read only for articles some candidate involves: not the unrelated one.
    assert sorted(loaded) == [1, 2, 3]
    members = {i: member(i) for i in ids}
    roles = assign_roles(ids, pairs, members)
    assert roles[1].role == "original" and roles[1].method == "earliest"
    assert (roles[2].role, roles[2].original_id) == ("duplicate", 1)
    assert (roles[3].role, roles[3].original_id) == ("syndicated", 1)
    assert roles[4].role == "original" and roles[4].cluster_id == 4
