"""Namespaces of the graph. ``KGB`` rejects names the ontology does not define (kept in step by a test)."""
from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-builder/ontology"
DATA = Namespace("https://w3id.org/kg-builder/id/")
GRAPH = Namespace("https://w3id.org/kg-builder/graph/")
TIME = Namespace("http://www.w3.org/2006/time#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WD = Namespace("http://www.wikidata.org/entity/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")


class KGB(DefinedNamespace):
    """Terms of the kg-builder ontology (ontology/kgb.ttl)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Attacks
    Attack: object
    Bombing: object
    SuicideBombing: object
    CarBombing: object
    RocketAttack: object
    ArmedAssault: object
    Shelling: object
    Airstrike: object
    Assassination: object
    Kidnapping: object
    # Actors
    Actor: object
    ArmedGroup: object
    GovernmentBody: object
    State: object
    Organization: object
    Person: object
    Spokesperson: object
    # Claims
    Claim: object
    ResponsibilityClaim: object
    Denial: object
    Attribution: object
    CasualtyClaim: object
    # Negotiations
    Negotiation: object
    Talks: object
    NegotiationRound: object
    Meeting: object
    Agreement: object
    # Places, sources, reports, time
    Place: object
    NewsArticle: object
    Report: object
    AttackReport: object
    NegotiationReport: object
    TimeSpan: object

    # Event properties
    place: object
    country: object
    placeDetail: object
    containedIn: object
    latitude: object
    longitude: object
    geonamesId: object
    placeType: object
    admin2Name: object
    time: object
    reportedTime: object
    participant: object
    mediator: object
    roundNumber: object
    partOf: object
    status: object
    targetDescription: object
    perpetrator: object
    # Interval relations (graph/inferred)
    certainlyOverlaps: object
    possiblyBefore: object
    possiblyAfter: object
    possiblyDuring: object
    possiblyOverlaps: object
    # Derived for the questions (graph/inferred; kg_builder.derive)
    nearStartOf: object
    within: object
    claimedBy: object
    deniedBy: object
    blamedOn: object
    sourceCount: object
    earliestBeginDay: object
    latestBeginDay: object
    earliestEndDay: object
    latestEndDay: object
    happenedDuring: object
    possiblyHappenedDuring: object
    attackType: object
    negotiationType: object
    dateAsKnown: object
    earliestDate: object
    beginAsKnown: object
    endAsKnown: object
    placeLabel: object
    timeOrder: object
    claimedByNames: object
    deniedByNames: object
    blamedOnNames: object
    reportedKilled: object
    reportedKilledAsStated: object
    casualtyClaimAbout: object
    claimantLabel: object
    speakerLabel: object
    sourceArticleId: object
    sameArticleReport: object
    # Figures
    killed: object
    killedQualifier: object
    injured: object
    injuredQualifier: object
    killedMin: object
    killedMax: object
    injuredMin: object
    injuredMax: object
    # Claims
    claimant: object
    speaker: object
    aboutAttack: object
    blamedActor: object
    claimedKilled: object
    claimedKilledQualifier: object
    # Actors
    affiliation: object
    roleTitle: object
    # Reports and provenance
    reportsOn: object
    evidence: object
    beginIndex: object
    endIndex: object
    extractedBy: object
    # Articles
    articleId: object
    published: object
    publisher: object
    url: object
    contentHash: object
    namedGraph: object
    # Time bounds
    earliestBegin: object
    latestBegin: object
    earliestEnd: object
    latestEnd: object
    granularity: object
    timeExpression: object
    # Linking
    linkConfidence: object
    linkMethod: object
    linkSource: object
