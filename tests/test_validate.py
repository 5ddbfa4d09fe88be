"""SHACL shapes and quality checks on a small hand-built graph that follows ontology/MODEL.md.

The valid sample must conform; each way of breaking it must be reported against the node broken.
"""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg_builder.errors import KGBError
from kg_builder.validate import ValidationReport, load_checks, load_ontology, merged_graph, run_checks, validate
from kg_builder.vocab import DATA, GRAPH, KGB

PREFIXES = """
@prefix kgb: <https://w3id.org/kg-builder/ontology#> .
@prefix id: <https://w3id.org/kg-builder/id/> .
@prefix graph: <https://w3id.org/kg-builder/graph/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# One article (t1) reporting one car bombing and one round of talks, with a responsibility claim,
# a denial, an attribution and a casualty claim; the fused graph holds the attack, the talks, the
# actors and the places. Facts invented for the test.
SAMPLE = PREFIXES + """
graph:article\\/t1 {
  id:article\\/t1 a kgb:NewsArticle ; kgb:articleId "t1" ; kgb:published "2021-03-06"^^xsd:date ;
    kgb:publisher "Example Wire" ; kgb:url "https://news.example.org/t1"^^xsd:anyURI ;
    kgb:contentHash "sha256:00ff" ; kgb:namedGraph graph:article\\/t1 .

  id:report\\/t1\\/A1 a kgb:AttackReport ; kgb:reportsOn id:attack\\/a1 ;
    prov:wasDerivedFrom id:article\\/t1 ;
    kgb:evidence "A car packed with explosives blew up near a market in Kandahar on Friday." ;
    kgb:beginIndex 0 ; kgb:endIndex 72 ; kgb:extractedBy "attack-trigger" ;
    kgb:killed 7 ; kgb:killedQualifier "at least" ; kgb:injured 19 ; kgb:injuredQualifier "more than" ;
    kgb:reportedTime id:report\\/t1\\/A1\\/time ; kgb:place id:place\\/kandahar ;
    kgb:placeDetail "near a market" ; kgb:targetDescription "a market" ;
    kgb:perpetrator id:actor\\/northern-front .
  id:report\\/t1\\/A1\\/time a kgb:TimeSpan ; kgb:timeExpression "on Friday" ; kgb:granularity "day" ;
    kgb:earliestBegin "2021-03-05"^^xsd:date ; kgb:latestBegin "2021-03-05"^^xsd:date ;
    kgb:earliestEnd "2021-03-05"^^xsd:date ; kgb:latestEnd "2021-03-05"^^xsd:date ;
    time:hasBeginning [ a time:Instant ; time:inXSDDate "2021-03-05"^^xsd:date ] ;
    time:hasEnd [ a time:Instant ; time:inXSDDate "2021-03-05"^^xsd:date ] .

  id:claim\\/t1\\/1 a kgb:ResponsibilityClaim ; kgb:claimant id:actor\\/northern-front ;
    kgb:speaker id:actor\\/sam-ortega ; kgb:aboutAttack id:attack\\/a1 ;
    prov:wasDerivedFrom id:article\\/t1 ; kgb:evidence "The Northern Front said it carried out the bombing." ;
    kgb:beginIndex 73 ; kgb:endIndex 124 ; kgb:extractedBy "claim-verb" .
  id:claim\\/t1\\/2 a kgb:Denial ; kgb:claimant id:actor\\/river-brigade ; kgb:aboutAttack id:attack\\/a1 ;
    prov:wasDerivedFrom id:article\\/t1 ; kgb:evidence "The River Brigade denied any part in it." ;
    kgb:beginIndex 125 ; kgb:endIndex 165 .
  id:claim\\/t1\\/3 a kgb:Attribution ; kgb:claimant id:actor\\/interior-ministry ;
    kgb:blamedActor id:actor\\/northern-front ; kgb:aboutAttack id:attack\\/a1 ;
    prov:wasDerivedFrom id:article\\/t1 ; kgb:evidence "The interior ministry blamed the Northern Front." ;
    kgb:beginIndex 166 ; kgb:endIndex 214 .
  id:claim\\/t1\\/4 a kgb:CasualtyClaim ; kgb:claimant id:actor\\/northern-front ;
    kgb:claimedKilled 12 ; kgb:claimedKilledQualifier "about" ; kgb:aboutAttack id:attack\\/a1 ;
    prov:wasDerivedFrom id:article\\/t1 ; kgb:evidence "The group said about 12 soldiers died." ;
    kgb:beginIndex 215 ; kgb:endIndex 253 .

  id:report\\/t1\\/N1 a kgb:NegotiationReport ; kgb:reportsOn id:negotiation\\/n1 ;
    kgb:reportedTime id:report\\/t1\\/N1\\/time ; kgb:status "planned" ;
    prov:wasDerivedFrom id:article\\/t1 ; kgb:evidence "A sixth round of talks is due in March." ;
    kgb:beginIndex 254 ; kgb:endIndex 293 ; kgb:extractedBy "talks-noun" .
  id:report\\/t1\\/N1\\/time a kgb:TimeSpan ; kgb:timeExpression "in March" ; kgb:granularity "month" ;
    kgb:earliestBegin "2021-03-01"^^xsd:date ; kgb:latestEnd "2021-03-31"^^xsd:date .

  id:actor\\/sam-ortega a kgb:Person , kgb:Spokesperson ; kgb:roleTitle "spokesman" ;
    kgb:affiliation id:actor\\/northern-front .
}

graph:fused {
  id:attack\\/a1 a kgb:CarBombing ; rdfs:label "Car bombing, Kandahar, 2021-03-05" ;
    kgb:time id:attack\\/a1\\/time ; kgb:place id:place\\/kandahar ; kgb:country id:place\\/afghanistan .
  id:attack\\/a1\\/time a kgb:TimeSpan ; kgb:granularity "day" ;
    kgb:earliestBegin "2021-03-05"^^xsd:date ; kgb:latestEnd "2021-03-05"^^xsd:date .

  id:negotiation\\/n1 a kgb:NegotiationRound ; rdfs:label "Sixth round of talks, 2021-03" ;
    kgb:participant id:actor\\/northern-front , id:actor\\/afghanistan ; kgb:roundNumber 6 ;
    kgb:time id:negotiation\\/n1\\/time ; kgb:place id:place\\/afghanistan .
  id:negotiation\\/n1\\/time a kgb:TimeSpan ; kgb:granularity "month" ;
    kgb:earliestBegin "2021-03-01"^^xsd:date ; kgb:latestEnd "2021-03-31"^^xsd:date .

  id:actor\\/northern-front a kgb:ArmedGroup ; rdfs:label "Northern Front" ; skos:altLabel "the Front" .
  id:actor\\/river-brigade a kgb:ArmedGroup ; rdfs:label "River Brigade" .
  id:actor\\/interior-ministry a kgb:GovernmentBody ; rdfs:label "Ministry of Interior" .
  id:actor\\/afghanistan a kgb:State ; rdfs:label "Afghanistan" .
  id:actor\\/sam-ortega a kgb:Person ; rdfs:label "Sam Ortega" .

  id:place\\/kandahar a kgb:Place ; rdfs:label "Kandahar" ; kgb:containedIn id:place\\/afghanistan .
  id:place\\/afghanistan a kgb:Place ; rdfs:label "Afghanistan" .
}
"""

DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
DATE_TIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
ARTICLE_GRAPH = GRAPH["article/t1"]
FUSED = GRAPH["fused"]
REPORT = DATA["report/t1/A1"]
CLAIM = DATA["claim/t1/1"]
ATTACK = DATA["attack/a1"]
TIME_NODE = DATA["report/t1/A1/time"]


def sample() -> Dataset:
    """The valid sample as a Dataset of named graphs whose default graph is their union."""
    dataset = Dataset(default_union=True)
    dataset.parse(data=SAMPLE, format="trig")
    return dataset


def shacl_row(report: ValidationReport, focus: URIRef, path: str) -> tuple[str, str, str]:
    """The SHACL result on ``focus`` at ``path``; fails the test naming all results if none."""
    rows = [row for row in report.shacl_results if row[0] == str(focus) and row[1] == path]
    assert rows, f"no SHACL result for {focus} {path}; got:\n{report.describe()}"
    assert not report.conforms
    assert any(line.startswith(f"{focus} {path}: ") for line in report.describe().splitlines())
    return rows[0]


def test_sample_uses_named_graphs():
    dataset = sample()
    names = {graph.identifier for graph in dataset.graphs()}
    assert {ARTICLE_GRAPH, FUSED} <= names
    assert (ATTACK, RDF.type, KGB.CarBombing) in dataset.graph(FUSED)
    assert (ATTACK, RDF.type, KGB.CarBombing) not in dataset.graph(ARTICLE_GRAPH)


def test_valid_sample_conforms():
    report = validate(sample())
    assert report.conforms, report.describe()
    assert report.shacl_results == ()
    assert report.check_failures == {}
    assert report.describe() == "conforms"


def test_merged_graph_is_the_union_of_named_graphs():
    dataset = sample()
    merged = merged_graph(dataset)
    assert (ATTACK, RDF.type, KGB.CarBombing) in merged  # from graph/fused
    assert (REPORT, KGB.reportsOn, ATTACK) in merged  # from the article graph
    # the spokesperson is typed kgb:Person in both graphs: one triple once merged
    assert len(merged) == sum(len(graph) for graph in dataset.graphs()) - 1


def test_validate_accepts_a_plain_graph():
    graph = Graph()
    for s, p, o, _ in sample().quads((None, None, None, None)):
        graph.add((s, p, o))
    assert validate(graph).conforms


def test_rdfs_inference_gives_the_same_verdict():
    assert validate(sample(), inference="rdfs").conforms


def test_unknown_inference_is_refused():
    with pytest.raises(KGBError, match="unknown inference 'owlrl'"):
        validate(sample(), inference="owlrl")


def broken(*, remove=(), add=()) -> Dataset:
    """The sample with ``remove`` triples taken out of every graph and ``add`` (graph, triple) added."""
    dataset = sample()
    for triple in remove:
        for graph in list(dataset.graphs()):
            graph.remove(triple)
    for graph_name, triple in add:
        dataset.graph(graph_name).add(triple)
    return dataset


def test_claim_without_claimant_is_reported():
    dataset = broken(remove=[(CLAIM, KGB.claimant, None)])
    report = validate(dataset)
    assert not report.conforms
    focus, path, message = shacl_row(report, CLAIM, "kgb:claimant")
    assert "exactly one kgb:claimant" in message
    assert str(CLAIM) in report.describe()


def test_claimant_that_is_not_an_actor_is_reported():
    dataset = broken(remove=[(CLAIM, KGB.claimant, None)], add=[(ARTICLE_GRAPH, (CLAIM, KGB.claimant, ATTACK))])
    report = validate(dataset)
    _, _, message = shacl_row(report, CLAIM, "kgb:claimant")
    assert str(ATTACK.n3()) in message or "attack/a1" in message


def test_negative_death_toll_is_reported():
    dataset = broken(
        remove=[(REPORT, KGB.killed, None)], add=[(ARTICLE_GRAPH, (REPORT, KGB.killed, Literal(-1)))]
    )
    report = validate(dataset)
    assert not report.conforms
    _, _, message = shacl_row(report, REPORT, "kgb:killed")
    assert "'-1'" in message


def test_unknown_qualifier_is_reported():
    dataset = broken(
        remove=[(REPORT, KGB.killedQualifier, None)],
        add=[(ARTICLE_GRAPH, (REPORT, KGB.killedQualifier, Literal("roughly")))],
    )
    report = validate(dataset)
    _, _, message = shacl_row(report, REPORT, "kgb:killedQualifier")
    assert "'roughly'" in message and "at least" in message


def test_count_of_the_wrong_datatype_is_reported():
    dataset = broken(
        remove=[(REPORT, KGB.injured, None)], add=[(ARTICLE_GRAPH, (REPORT, KGB.injured, Literal("19")))]
    )
    shacl_row(validate(dataset), REPORT, "kgb:injured")


def test_begin_after_end_is_reported_by_shapes_and_check():
    late = Literal("2021-03-09", datatype=DATE)
    dataset = broken(
        remove=[(TIME_NODE, KGB.earliestBegin, None)], add=[(ARTICLE_GRAPH, (TIME_NODE, KGB.earliestBegin, late))]
    )
    report = validate(dataset)
    assert not report.conforms
    paths = {row[1] for row in report.shacl_results if row[0] == str(TIME_NODE)}
    assert paths == {"kgb:earliestBegin"}
    messages = {row[2] for row in report.shacl_results if row[0] == str(TIME_NODE)}
    assert any("after kgb:latestEnd" in m for m in messages)
    rows = report.check_failures["time-span-bounds"]
    problems = {row[1] for row in rows if row[0] == str(TIME_NODE)}
    assert problems == {
        "earliestBegin after latestBegin",
        "earliestBegin after earliestEnd",
        "earliestBegin after latestEnd",
    }


def test_bound_that_is_not_a_date_is_reported():
    dataset = broken(
        remove=[(TIME_NODE, KGB.latestEnd, None)],
        add=[(ARTICLE_GRAPH, (TIME_NODE, KGB.latestEnd, Literal("2021-03-05T10:00:00", datatype=DATE_TIME)))],
    )
    shacl_row(validate(dataset), TIME_NODE, "kgb:latestEnd")


def test_report_without_article_is_reported_by_shapes_and_check():
    dataset = broken(remove=[(REPORT, PROV_DERIVED, None)])
    report = validate(dataset)
    _, _, message = shacl_row(report, REPORT, "prov:wasDerivedFrom")
    assert "kgb:NewsArticle" in message
    assert report.check_failures["report-without-source"] == [(str(REPORT), str(KGB.AttackReport))]


def test_offsets_out_of_order_are_reported():
    dataset = broken(remove=[(CLAIM, KGB.endIndex, None)], add=[(ARTICLE_GRAPH, (CLAIM, KGB.endIndex, Literal(10)))])
    _, _, message = shacl_row(validate(dataset), CLAIM, "kgb:beginIndex")
    assert "less than kgb:endIndex" in message


def test_attribution_without_blamed_actor_is_reported():
    attribution = DATA["claim/t1/3"]
    dataset = broken(remove=[(attribution, KGB.blamedActor, None)])
    shacl_row(validate(dataset), attribution, "kgb:blamedActor")


def test_blamed_actor_on_a_denial_is_reported():
    denial = DATA["claim/t1/2"]
    dataset = broken(add=[(ARTICLE_GRAPH, (denial, KGB.blamedActor, DATA["actor/river-brigade"]))])
    report = validate(dataset)
    assert any(row[0] == str(denial) and "kgb:Attribution" in row[2] for row in report.shacl_results)


def test_fused_attack_without_label_or_with_two_times_is_reported():
    dataset = broken(
        remove=[(ATTACK, RDFS.label, None)],
        add=[(FUSED, (ATTACK, KGB.time, TIME_NODE))],
    )
    report = validate(dataset)
    shacl_row(report, ATTACK, "rdfs:label")
    shacl_row(report, ATTACK, "kgb:time")


def test_article_with_two_publication_dates_is_reported():
    article = DATA["article/t1"]
    dataset = broken(add=[(ARTICLE_GRAPH, (article, KGB.published, Literal("2021-03-07", datatype=DATE)))])
    shacl_row(validate(dataset), article, "kgb:published")


def test_participant_that_is_not_an_actor_is_reported():
    negotiation = DATA["negotiation/n1"]
    dataset = broken(add=[(FUSED, (negotiation, KGB.participant, DATA["place/kandahar"]))])
    shacl_row(validate(dataset), negotiation, "kgb:participant")


# --- the check queries one by one -------------------------------------------------------------

CHECK_BREAKS = {
    "report-without-source": dict(remove=[(CLAIM, PROV_DERIVED, None)]),
    "time-span-bounds": dict(
        remove=[(TIME_NODE, KGB.latestEnd, None)],
        add=[(ARTICLE_GRAPH, (TIME_NODE, KGB.latestEnd, Literal("2021-03-01", datatype=DATE)))],
    ),
    "undefined-term": dict(add=[(ARTICLE_GRAPH, (REPORT, KGB._NS["casualties"], Literal(3)))]),
    "attack-without-report": dict(remove=[(REPORT, KGB.reportsOn, None)]),
    "claim-about-missing-attack": dict(remove=[(ATTACK, RDF.type, None)]),
}

EXPECTED_ROWS = {
    "report-without-source": [(str(CLAIM), str(KGB.ResponsibilityClaim))],
    "undefined-term": [(str(KGB._NS["casualties"]), "not declared in the ontology")],
    "attack-without-report": [(str(ATTACK), "Car bombing, Kandahar, 2021-03-05")],
    "claim-about-missing-attack": [(str(DATA[f"claim/t1/{n}"]), str(ATTACK)) for n in (1, 2, 3, 4)],
}


def checked(dataset: Dataset) -> dict:
    graph = merged_graph(dataset)
    graph += load_ontology()
    return run_checks(graph)


def test_every_check_file_is_exercised():
    assert set(load_checks()) == set(CHECK_BREAKS)


def test_checks_return_nothing_on_the_valid_sample():
    assert checked(sample()) == {name: [] for name in CHECK_BREAKS}


@pytest.mark.parametrize("name", sorted(CHECK_BREAKS))
def test_check_finds_its_break(name):
    results = checked(broken(**CHECK_BREAKS[name]))
    assert results[name], f"{name} found nothing"
    if name in EXPECTED_ROWS:
        assert sorted(results[name]) == EXPECTED_ROWS[name]
    else:
        assert {row[:2] for row in results[name]} == {
            (str(TIME_NODE), "earliestBegin after latestEnd"),
            (str(TIME_NODE), "latestBegin after latestEnd"),
            (str(TIME_NODE), "earliestEnd after latestEnd"),
        }


def test_undefined_term_reports_a_term_without_label():
    graph = merged_graph(sample())
    ontology = load_ontology()
    ontology.remove((KGB.killed, RDFS.label, None))
    graph += ontology
    assert run_checks(graph)["undefined-term"] == [(str(KGB.killed), "declared without an rdfs:label")]


def test_checks_run_on_pyoxigraph_with_the_union_as_default_graph():
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    broken_sample = broken(**CHECK_BREAKS["attack-without-report"])
    store.load(broken_sample.serialize(format="nquads").encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    store.load(
        load_ontology().serialize(format="nt").encode(),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(str(GRAPH["ontology"])),
    )
    found = {}
    for name, text in load_checks().items():
        found[name] = [tuple(str(term.value) for term in row if term is not None)
                       for row in store.query(text, use_default_graph_as_union=True)]
    assert found["attack-without-report"] == [(str(ATTACK), "Car bombing, Kandahar, 2021-03-05")]
    assert all(not rows for name, rows in found.items() if name != "attack-without-report")
