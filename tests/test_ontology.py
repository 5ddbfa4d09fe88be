"""The ontology (ontology/kgb.ttl): in step with kg_builder.vocab, aligned, versioned, and consistent.

The reasoner tests load the ontology into owlready2 (as N-Triples) and run HermiT; each negative
fixture is data the ontology must reject, so the consistency tests can fail.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg_builder.reason import for_reasoner
from kg_builder.validate import load_ontology
from kg_builder.vocab import KGB, ONTOLOGY_IRI

KGB_NS = str(KGB._NS)
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
DECLARATIONS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
# Datatypes HermiT accepts (the OWL 2 datatype map) that this ontology uses as ranges.
OWL2_DATATYPES = {URIRef(XSD_NS + name) for name in ("string", "integer", "nonNegativeInteger", "anyURI", "decimal")}

VOCAB_TERMS = {name for name in KGB.__annotations__ if not name.startswith("_")}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def declared_kgb_terms(graph: Graph) -> set[str]:
    return {
        str(s)[len(KGB_NS):]
        for kind in DECLARATIONS
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(KGB_NS)
    }


# --- (a) parses, in step with vocab.py ----------------------------------------------------------


def test_ontology_header(onto):
    iri = URIRef(ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in onto
    assert onto.value(iri, OWL.versionIRI) == URIRef(ONTOLOGY_IRI + "/0.1.0")
    assert str(onto.value(iri, OWL.versionInfo)) == "0.1.0"
    dcterms = Namespace("http://purl.org/dc/terms/")
    for prop in (dcterms.title, dcterms.description, dcterms.license):
        assert onto.value(iri, prop) is not None, prop
    assert (iri, OWL.imports, None) not in onto, "imports would make the reasoner test need the network"


def test_every_vocab_term_is_declared_with_label_and_definition(onto):
    assert VOCAB_TERMS, "no terms read from vocab.KGB"
    for name in sorted(VOCAB_TERMS):
        term = KGB[name]
        kinds = set(onto.objects(term, RDF.type)) & set(DECLARATIONS)
        assert len(kinds) == 1, f"kgb:{name} declared as {kinds or 'nothing'}"
        assert onto.value(term, RDFS.label) is not None, f"kgb:{name} has no rdfs:label"
        assert onto.value(term, SKOS.definition) is not None, f"kgb:{name} has no skos:definition"


def test_every_kgb_term_in_the_ontology_is_in_vocab(onto):
    used = {str(t)[len(KGB_NS):] for triple in onto for t in triple if str(t).startswith(KGB_NS)}
    assert declared_kgb_terms(onto) == VOCAB_TERMS
    assert used == VOCAB_TERMS, f"undeclared kgb: terms referenced: {sorted(used - VOCAB_TERMS)}"


def test_classes_are_upper_case_and_properties_lower_case(onto):
    for name in declared_kgb_terms(onto):
        is_class = (KGB[name], RDF.type, OWL.Class) in onto
        assert name[0].isupper() == is_class, name


# --- structure and alignment ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sub, sup",
    [
        (KGB.SuicideBombing, KGB.Bombing), (KGB.CarBombing, KGB.Bombing), (KGB.Bombing, KGB.Attack),
        (KGB.RocketAttack, KGB.Attack), (KGB.Kidnapping, KGB.Attack), (KGB.Spokesperson, KGB.Person),
        (KGB.Person, KGB.Actor), (KGB.State, KGB.Actor), (KGB.Attribution, KGB.Claim),
        (KGB.Agreement, KGB.Negotiation), (KGB.NegotiationReport, KGB.Report),
        (KGB.Attack, SEM.Event), (KGB.Negotiation, SEM.Event), (KGB.Actor, SEM.Actor),
        (KGB.Place, SEM.Place), (KGB.TimeSpan, TIME.Interval), (KGB.NewsArticle, SCHEMA.NewsArticle),
        (KGB.NewsArticle, PROV.Entity), (KGB.Report, PROV.Entity), (KGB.Claim, PROV.Entity),
        (KGB.Person, SCHEMA.Person), (KGB.ArmedGroup, SCHEMA.Organization),
    ],
)
def test_subclass(onto, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in onto


def test_property_alignments(onto):
    aligned = {
        (KGB.place, RDFS.subPropertyOf, SEM.hasPlace), (KGB.time, RDFS.subPropertyOf, SEM.hasTime),
        (KGB.participant, RDFS.subPropertyOf, SEM.hasActor),
        (KGB.containedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace),
        (KGB.published, RDFS.subPropertyOf, SCHEMA.datePublished), (KGB.url, RDFS.subPropertyOf, SCHEMA.url),
        (KGB.publisher, SKOS.closeMatch, SCHEMA.publisher),
        (KGB.beginIndex, SKOS.closeMatch, NIF.beginIndex), (KGB.endIndex, SKOS.closeMatch, NIF.endIndex),
        (KGB.time, SKOS.closeMatch, WDT.P585), (KGB.earliestBegin, SKOS.closeMatch, WDT.P580),
        (KGB.latestEnd, SKOS.closeMatch, WDT.P582), (KGB.place, SKOS.closeMatch, WDT.P276),
        (KGB.killed, SKOS.closeMatch, WDT.P1120), (KGB.injured, SKOS.closeMatch, WDT.P1339),
        (KGB.perpetrator, SKOS.closeMatch, WDT.P8031), (KGB.participant, SKOS.closeMatch, WDT.P710),
        (KGB.containedIn, SKOS.closeMatch, WDT.P131), (KGB.country, SKOS.closeMatch, WDT.P17),
    }
    missing = {triple for triple in aligned if triple not in onto}
    assert not missing


def test_external_terms_built_on_are_declared(onto):
    """OWL 2 DL without imports: every external class or property subclassed, used as a domain or
    range, or used by the data (prov:wasDerivedFrom, OWL-Time instants) is declared here."""
    needed = {o for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in onto.objects(None, p)}
    needed |= {PROV.wasDerivedFrom, TIME.hasBeginning, TIME.hasEnd, TIME.Instant, TIME.inXSDDate}
    for term in needed:
        if isinstance(term, URIRef):
            assert set(onto.objects(term, RDF.type)) & set(DECLARATIONS), f"{term} is not declared"


def test_ranges_are_classes_or_owl2_datatypes(onto):
    """HermiT refuses xsd:date (not in the OWL 2 datatype map): date bounds carry no range."""
    for prop, rng in onto.subject_objects(RDFS.range):
        if str(rng).startswith(XSD_NS):
            assert rng in OWL2_DATATYPES, f"{prop} has range {rng}"
    for bound in (KGB.earliestBegin, KGB.latestBegin, KGB.earliestEnd, KGB.latestEnd, KGB.published):
        assert onto.value(bound, RDFS.range) is None


def test_functional_properties(onto):
    functional = set(onto.subjects(RDF.type, OWL.FunctionalProperty))
    for name in ("roundNumber", "killed", "injured", "beginIndex", "endIndex", "earliestBegin",
                 "latestBegin", "earliestEnd", "latestEnd", "claimant", "aboutAttack", "reportsOn", "time"):
        assert KGB[name] in functional, name
    for name in ("participant", "perpetrator", "targetDescription", "place", "country"):
        assert KGB[name] not in functional, name


def test_top_classes_are_pairwise_disjoint(onto):
    members = set()
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= {frozenset(onto.items(onto.value(axiom, OWL.members)))}
    tops = {KGB.Attack, KGB.Actor, KGB.Claim, KGB.Negotiation, KGB.Place, KGB.NewsArticle, KGB.Report}
    assert any(tops <= group for group in members)
    claims = {KGB.ResponsibilityClaim, KGB.Denial, KGB.Attribution, KGB.CasualtyClaim}
    assert any(claims <= group for group in members)


# --- (b) the reasoner ------------------------------------------------------------------------------

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs java on PATH (Java 17 is enough)")

ABOX = """
@prefix kgb: <https://w3id.org/kg-builder/ontology#> .
@prefix id: <https://w3id.org/kg-builder/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:article\\/r9 a kgb:NewsArticle ; kgb:articleId "r9" ; kgb:published "2022-07-02"^^xsd:date ;
  kgb:publisher "Example Wire" ; kgb:url "https://news.example.org/r9"^^xsd:anyURI ;
  kgb:contentHash "sha256:abcd" ; kgb:namedGraph <https://w3id.org/kg-builder/graph/article/r9> .
id:report\\/r9\\/A1 a kgb:AttackReport ; kgb:reportsOn id:attack\\/x ; prov:wasDerivedFrom id:article\\/r9 ;
  kgb:evidence "Rockets hit the airport road on Friday." ; kgb:beginIndex 0 ; kgb:endIndex 39 ;
  kgb:extractedBy "attack-trigger" ; kgb:killed 3 ; kgb:killedQualifier "at least" ; kgb:injured 5 ;
  kgb:reportedTime id:report\\/r9\\/A1\\/time ; kgb:place id:place\\/kabul ; kgb:placeDetail "airport road" ;
  kgb:targetDescription "the airport road" ; kgb:perpetrator id:actor\\/hill-army .
id:report\\/r9\\/A1\\/time a kgb:TimeSpan ; kgb:timeExpression "on Friday" ; kgb:granularity "day" ;
  kgb:earliestBegin "2022-07-01"^^xsd:date ; kgb:latestEnd "2022-07-01"^^xsd:date ;
  time:hasBeginning [ a time:Instant ; time:inXSDDate "2022-07-01"^^xsd:date ] .
id:claim\\/r9\\/1 a kgb:Attribution ; kgb:claimant id:actor\\/police ; kgb:speaker id:actor\\/ana-diaz ;
  kgb:aboutAttack id:attack\\/x ; kgb:blamedActor id:actor\\/hill-army ; prov:wasDerivedFrom id:article\\/r9 ;
  kgb:evidence "Police blamed the Hill Army." ; kgb:beginIndex 40 ; kgb:endIndex 68 .
id:claim\\/r9\\/2 a kgb:CasualtyClaim ; kgb:claimant id:actor\\/hill-army ; kgb:aboutAttack id:attack\\/x ;
  kgb:claimedKilled 9 ; kgb:claimedKilledQualifier "more than" ; prov:wasDerivedFrom id:article\\/r9 .
id:report\\/r9\\/N1 a kgb:NegotiationReport ; kgb:reportsOn id:negotiation\\/y ; kgb:status "ongoing" ;
  prov:wasDerivedFrom id:article\\/r9 ; kgb:reportedTime id:report\\/r9\\/N1\\/time .
id:report\\/r9\\/N1\\/time a kgb:TimeSpan ; kgb:granularity "week" ; kgb:earliestBegin "2022-06-27"^^xsd:date .
id:actor\\/ana-diaz a kgb:Spokesperson ; kgb:roleTitle "police spokeswoman" ; kgb:affiliation id:actor\\/police .

id:attack\\/x a kgb:RocketAttack ; rdfs:label "Rocket attack, Kabul, 2022-07-01" ;
  kgb:time id:attack\\/x\\/time ; kgb:place id:place\\/kabul ; kgb:country id:place\\/afghanistan .
id:attack\\/x\\/time a kgb:TimeSpan ; kgb:granularity "day" .
id:negotiation\\/y a kgb:Talks ; rdfs:label "Talks in Doha" ; kgb:place id:place\\/doha ;
  kgb:participant id:actor\\/hill-army , id:actor\\/qatar ; kgb:time id:negotiation\\/y\\/time .
id:negotiation\\/y\\/time a kgb:TimeSpan ; kgb:granularity "unknown" .
id:round\\/z a kgb:NegotiationRound ; rdfs:label "Round 4" ; kgb:roundNumber 4 .
id:actor\\/hill-army a kgb:ArmedGroup ; rdfs:label "Hill Army" ; skos:altLabel "the Army of the Hills" .
id:actor\\/police a kgb:GovernmentBody ; rdfs:label "Kabul police" .
id:actor\\/qatar a kgb:State ; rdfs:label "Qatar" .
id:actor\\/mediators a kgb:Organization ; rdfs:label "Mediation Group" .
id:actor\\/ana-diaz a kgb:Person ; rdfs:label "Ana Diaz" .
id:place\\/kabul a kgb:Place ; rdfs:label "Kabul" ; kgb:containedIn id:place\\/afghanistan .
id:place\\/afghanistan a kgb:Place ; rdfs:label "Afghanistan" .
id:place\\/doha a kgb:Place ; rdfs:label "Doha" .
"""

ID = Namespace("https://w3id.org/kg-builder/id/")


def run_hermit(graph: Graph, tmp_path: Path):
    """Load ``graph`` into a fresh owlready2 World and run HermiT; returns the World."""
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "kgb.nt"
    for_reasoner(graph).serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def with_abox(extra: Graph | None = None) -> Graph:
    graph = load_ontology()
    graph.parse(data=ABOX, format="turtle")
    if extra is not None:
        graph += extra
    return graph


@pytest.mark.reasoner
@needs_java
def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class(tmp_path):
    world = run_hermit(load_ontology(), tmp_path)
    assert list(world.inconsistent_classes()) == []


@pytest.mark.reasoner
@needs_java
def test_hermit_finds_a_sample_following_model_md_consistent(tmp_path):
    graph = with_abox()
    assert len(graph) > len(load_ontology()) + 80
    world = run_hermit(graph, tmp_path)
    assert list(world.inconsistent_classes()) == []
    # the reasoner did reason over the sample: the spokesperson is an actor, the attack an event
    spokesperson = world[str(ID["actor/ana-diaz"])]
    assert world[str(KGB.Actor)] in spokesperson.INDIRECT_is_a


def _triples(*triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


INCONSISTENT = {
    "attack typed as an actor": _triples((ID["attack/x"], RDF.type, KGB.Actor)),
    "claim both responsibility and denial": _triples((ID["claim/r9/2"], RDF.type, KGB.Denial)),
    "report with two death tolls": _triples((ID["report/r9/A1"], KGB.killed, Literal(4))),
    "report on a place": _triples((ID["report/r9/N1"], KGB.reportsOn, ID["place/kabul"])),
    "death toll on a claim": _triples((ID["claim/r9/1"], KGB.killed, Literal(2))),
    "person who is an armed group": _triples((ID["actor/ana-diaz"], RDF.type, KGB.ArmedGroup)),
    "count that is not an integer": _triples((ID["round/z"], KGB.roundNumber, Literal("four"))),
}


@pytest.mark.reasoner
@needs_java
@pytest.mark.parametrize("case", sorted(INCONSISTENT))
def test_hermit_rejects(case, tmp_path):
    owlready2 = pytest.importorskip("owlready2")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        run_hermit(with_abox(INCONSISTENT[case]), tmp_path)


@pytest.mark.reasoner
@needs_java
def test_hermit_rejects_a_bare_individual_typed_attack_and_actor(tmp_path):
    owlready2 = pytest.importorskip("owlready2")
    graph = load_ontology()
    node = URIRef("https://w3id.org/kg-builder/id/attack/both")
    graph.add((node, RDF.type, KGB.Attack))
    graph.add((node, RDF.type, KGB.Actor))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        run_hermit(graph, tmp_path)
