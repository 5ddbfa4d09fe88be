"""kg_builder.nlp.parse: Docs in input order, the same whatever the batch size it picks."""
from kg_builder.nlp import BATCH_CHARS, MAX_BATCH_DOCS, _batch_size, parse

TEXTS = [
    "A car bomb exploded near a market in Kandahar on Monday, killing four people.",
    "Talks between the two delegations resumed in Doha after a week-long pause.",
    "Police said no group had claimed the attack on the checkpoint.",
]


def test_short_texts_go_in_batches_of_at_most_max_batch_docs():
    assert _batch_size(["a short report"] * 10) == MAX_BATCH_DOCS


def test_long_texts_go_fewer_a_batch():
    assert _batch_size(["x" * (BATCH_CHARS // 4)] * 10) == 4
    assert _batch_size(["x" * (BATCH_CHARS * 3)]) == 1


def test_no_text_is_no_batch_problem(nlp):
    assert _batch_size([]) >= 1
    assert list(parse(nlp, [])) == []


def test_docs_are_the_same_in_one_batch_as_one_by_one(nlp):
    def reading(doc):
        return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.is_sent_start) for t in doc]

    batched = [reading(doc) for doc in parse(nlp, TEXTS * 4)]
    one_by_one = [reading(doc) for doc in parse(nlp, TEXTS * 4, batch_size=1)]
    assert batched == one_by_one
    assert [doc[0].text for doc in parse(nlp, TEXTS)] == ["A", "Talks", "Police"]
