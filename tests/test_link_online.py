"""Online linking adds to the offline links: checked offline ids win, the endpoint is asked only for
what they leave unlinked, the endpoint used is recorded on each link, and its rate is configurable."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg_builder import cli
from kg_builder.link import AugmentedKB, Candidate, LinkContext, LinkFallbackWarning, OfflineKB, WikidataKB, link, link_graph
from kg_builder.vocab import DATA, KGB, WD

ENDPOINT = "http://sparql.example.org/wikidata"
UNREACHABLE = "http://127.0.0.1:9/sparql"


class RecordingKB:
    """An endpoint double that knows one item and records what it was asked."""

    def __init__(self):
        self.asked: list[str] = []

    def candidates(self, mention, kind, context):
        self.asked.append(mention)
        if mention == "Zabihullah Mujahid":
            return [Candidate("Q3573512", "Zabihullah Mujahid", 0.9, "person", "wikidata-exact-label", ENDPOINT)]
        return []

    def facts(self, qid):
        raise AssertionError("not asked in these tests")


@pytest.fixture(scope="module")
def offline() -> OfflineKB:
    return OfflineKB.from_file()


def test_an_offline_link_is_kept_and_the_endpoint_not_asked(offline):
    online = RecordingKB()
    found = link("Kabul", "Place", AugmentedKB(online, offline), LinkContext(country="Afghanistan"))
    assert found.qid == "Q5838" and found.method.startswith("offline-")
    assert found.source == "data/wikidata/items.jsonl"
    assert online.asked == []


def test_what_offline_leaves_unlinked_is_asked_online(offline):
    online = RecordingKB()
    found = link("Zabihullah Mujahid", "Person", AugmentedKB(online, offline))
    assert (found.qid, found.source) == ("Q3573512", ENDPOINT)
    assert online.asked == ["Zabihullah Mujahid"]
    assert link("Atlantis", "Place", AugmentedKB(online, offline)) is None


def test_the_graph_records_where_each_link_came_from(offline):
    fused = Graph()
    for name, cls in (("Kabul", KGB.Place), ("Zabihullah Mujahid", KGB.Person)):
        fused.add((DATA[name], RDF.type, cls))
        fused.add((DATA[name], RDFS.label, Literal(name)))
    links = link_graph(fused, AugmentedKB(RecordingKB(), offline))
    assert links.value(DATA["Kabul"], KGB.linkSource) == Literal("data/wikidata/items.jsonl")
    assert links.value(DATA["Zabihullah Mujahid"], KGB.linkSource) == Literal(ENDPOINT)
    assert (DATA["Zabihullah Mujahid"], None, WD["Q3573512"]) in links


def test_an_unreachable_endpoint_keeps_the_offline_links(offline, tmp_path):
    kb = AugmentedKB(WikidataKB(UNREACHABLE, cache_dir=tmp_path, min_interval_s=0, timeout_s=2), offline)
    assert link("Doha", "Place", kb).qid == "Q3861"  # offline: no query, no warning
    with pytest.warns(LinkFallbackWarning):
        assert link("Zabihullah Mujahid", "Person", kb) is None
    assert "127.0.0.1:9" in kb.degraded and kb.primary.requests == 1
    assert link("Zabihullah Mujahid", "Person", kb) is None and kb.primary.requests == 1  # not asked again


def test_progress_reports_queries_sent_and_cached(tmp_path):
    seen = []
    kb = WikidataKB(ENDPOINT, cache_dir=tmp_path, min_interval_s=0, progress=lambda sent, cached: seen.append((sent, cached)))
    kb._send = lambda query: [{"item": "http://www.wikidata.org/entity/Q1"}]  # no network in tests
    kb.select("SELECT * WHERE { ?item ?p ?o }")
    again = WikidataKB(ENDPOINT, cache_dir=tmp_path, min_interval_s=0, progress=lambda sent, cached: seen.append((sent, cached)))
    assert again.select("SELECT * WHERE { ?item ?p ?o }") == [{"item": "http://www.wikidata.org/entity/Q1"}]
    assert seen == [(0, 0), (0, 1)] and again.cached == 1


@pytest.mark.model
def test_cli_takes_an_interval_and_says_which_endpoint_failed(tmp_path, capsys):
    article = tmp_path / "report.txt"
    article.write_text("KABUL, March 6 (Wire One) - A bomb exploded near a market in Kabul on Saturday, killing "
                       "four people, police said.\n", encoding="utf-8")
    code = cli.main(["build", str(article), "--store", str(tmp_path / "kg"), "--wikidata", UNREACHABLE,
                     "--wikidata-interval", "0"])
    err = capsys.readouterr().err
    assert code == 0 and "127.0.0.1:9" in err and "offline items" in err
    assert cli.main(["build", str(article), "--store", str(tmp_path / "kg"), "--wikidata", UNREACHABLE,
                     "--wikidata-interval", "-1"]) == 2
