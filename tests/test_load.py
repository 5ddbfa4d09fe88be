"""`kgb load` against a private Virtuoso: graphs arrive whole, re-loads replace, resumes skip, errors explain."""
from __future__ import annotations

import json

import pytest
from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from kg_builder.errors import EndpointError
from kg_builder.load import _batches, ox_term, load

EX = Namespace("https://example.org/load-test/")
GRAPHS = [URIRef(f"https://example.org/load-test/graph/{name}") for name in ("a", "b", "c")]


def small_dataset(extra: int = 0) -> Dataset:
    """Three graphs of 30, 60 and 90 attack-report-like triples, a third of them on blank nodes."""
    dataset = Dataset(default_union=True)
    for size, name in enumerate(GRAPHS, start=1):
        graph = dataset.graph(name)
        for i in range(10 * size + extra):
            report = EX[f"report/{name.rsplit('/', 1)[1]}/{i}"]
            time = BNode()
            graph.add((report, RDF.type, EX.AttackReport))
            graph.add((report, EX.time, time))
            graph.add((time, EX.inXSDDate, Literal(f"2020-11-{1 + i % 28:02d}", datatype=XSD.date)))
    return dataset


def remote_counts(virtuoso) -> dict[str, int]:
    rows = virtuoso._request(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER(STRSTARTS(STR(?g), 'https://example.org/load-test/')) } GROUP BY ?g").convert()
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows["results"]["bindings"]}


@pytest.fixture
def server(virtuoso):
    virtuoso.clear()
    yield virtuoso
    virtuoso.clear()


def test_blank_node_groups_stay_in_one_batch():
    dataset = small_dataset()
    triples = [tuple(ox_term(t) for t in triple) for triple in dataset.graph(GRAPHS[2])]
    batches = list(_batches(triples, size=7, blank_size=4))
    assert sum(len(lines) for lines, _ in batches) == 90
    for lines, has_blank in batches:
        blanks = {token for line in lines for token in line.split() if token.startswith("_:")}
        assert has_blank == bool(blanks)
        # each blank node's two triples (report → time, time → date) arrive together
        assert all(sum(line.count(blank) for line in lines) == 2 for blank in blanks)


@pytest.mark.server
def test_load_counts_back_every_graph(server):
    progress = []
    report = load(small_dataset(), server.update_url, user=server.user, password=server.password,
                  batch_triples=25, progress=lambda done, total: progress.append((done, total)))
    assert {g.name: g.triples for g in report.graphs} == {str(g): n for g, n in zip(GRAPHS, (30, 60, 90))}
    assert all(g.verified and g.method == "gsp" for g in report.graphs)
    assert remote_counts(server) == {str(g): n for g, n in zip(GRAPHS, (30, 60, 90))}
    assert progress[-1] == (180, 180) and [d for d, _ in progress] == sorted(d for d, _ in progress)


@pytest.mark.server
def test_reload_replaces_instead_of_duplicating(server):
    for _ in range(2):
        load(small_dataset(), server.update_url, user=server.user, password=server.password, batch_triples=25)
    assert remote_counts(server) == {str(g): n for g, n in zip(GRAPHS, (30, 60, 90))}
    # a smaller graph replaces a bigger one: nothing of the old content is left over
    smaller = Dataset(default_union=True)
    smaller.graph(GRAPHS[0]).add((EX.only, RDF.type, EX.AttackReport))
    load(smaller, server.update_url, user=server.user, password=server.password)
    assert remote_counts(server)[str(GRAPHS[0])] == 1


@pytest.mark.server
def test_sparql_update_fallback_when_there_is_no_graph_store(server):
    report = load(small_dataset(), server.update_url, graph_store=f"{server.base_url}/no-such-graph-store",
                  user=server.user, password=server.password, batch_triples=25)
    assert {g.method for g in report.graphs} == {"update"} and all(g.verified for g in report.graphs)
    assert remote_counts(server) == {str(g): n for g, n in zip(GRAPHS, (30, 60, 90))}


@pytest.mark.server
def test_resume_skips_loaded_graphs_and_reloads_changed_ones(server, tmp_path):
    state = tmp_path / "load-state.json"
    first = load(small_dataset(), server.update_url, user=server.user, password=server.password, state_file=state)
    assert len(first.graphs) == 3 and first.skipped == ()
    assert set(json.loads(state.read_text())[server.update_url]) == {str(g) for g in GRAPHS}

    again = load(small_dataset(), server.update_url, user=server.user, password=server.password, state_file=state)
    assert again.graphs == () and set(again.skipped) == {str(g) for g in GRAPHS}

    changed = small_dataset()
    changed.graph(GRAPHS[1]).add((EX.extra, RDF.type, EX.AttackReport))
    server.update(f"DROP SILENT GRAPH <{GRAPHS[2]}>")  # lost on the server: must go up again
    third = load(changed, server.update_url, user=server.user, password=server.password, state_file=state)
    assert {g.name for g in third.graphs} == {str(GRAPHS[1]), str(GRAPHS[2])}
    assert third.skipped == (str(GRAPHS[0]),)
    assert remote_counts(server) == {str(GRAPHS[0]): 30, str(GRAPHS[1]): 61, str(GRAPHS[2]): 90}


@pytest.mark.server
def test_wrong_password_names_the_graph_and_the_remedy(server):
    with pytest.raises(EndpointError) as error:
        load(small_dataset(), server.update_url, user=server.user, password="not-the-password",
             graphs=[str(GRAPHS[1])])
    message = str(error.value)
    assert str(GRAPHS[1]) in message and "401" in message and "--password" in message
    assert remote_counts(server) == {}


@pytest.mark.server
def test_rejected_data_reports_the_server_reason(server):
    dataset = Dataset(default_union=True)
    dataset.graph(GRAPHS[0]).add((EX.report, EX.killed, Literal("several", datatype=XSD.integer)))
    with pytest.raises(EndpointError) as error:  # Virtuoso's SPARQL compiler refuses the literal
        load(dataset, server.update_url, graph_store=f"{server.base_url}/no-such-graph-store",
             user=server.user, password=server.password)
    assert str(GRAPHS[0]) in str(error.value) and "several" in str(error.value)


def test_unreachable_endpoint_says_so():
    with pytest.raises(EndpointError) as error:
        load(small_dataset(), "http://127.0.0.1:9/sparql-auth", user="dba", password="dba")
    message = str(error.value)
    assert "cannot reach http://127.0.0.1:9/sparql-graph-crud-auth" in message and str(GRAPHS[0]) in message


@pytest.mark.server
def test_large_graph_goes_up_in_authenticated_batches(server):
    # Virtuoso answers a large unauthenticated PUT with 401 and closes the connection before reading
    # it (a broken pipe for urllib's retry-after-401 digest auth): credentials must go with the body.
    dataset = Dataset(default_union=True)
    graph = dataset.graph(GRAPHS[0])
    for i in range(40_000):  # two batches of about 2 MB: enough to break the old way
        graph.add((EX[f"attack/{i}"], EX.evidence, Literal(f"A rocket hit the district centre, report {i}.")))
    report = load(dataset, server.update_url, user=server.user, password=server.password, batch_triples=20_000)
    assert [(g.triples, g.verified, g.method) for g in report.graphs] == [(40_000, True, "gsp")]


def bulk_target(virtuoso, tmp_path_factory=None):
    from kg_builder.bulk import BulkTarget
    return BulkTarget(virtuoso.folder, virtuoso.sql, virtuoso.user, virtuoso.password, streams=2)


@pytest.mark.server
def test_bulk_loader_loads_replaces_and_counts_back(server):
    report = load(small_dataset(), server.update_url, user=server.user, password=server.password,
                  bulk=bulk_target(server))
    assert {g.method for g in report.graphs} == {"bulk"} and all(g.verified for g in report.graphs)
    assert remote_counts(server) == {str(g): n for g, n in zip(GRAPHS, (30, 60, 90))}
    smaller = Dataset(default_union=True)
    smaller.graph(GRAPHS[0]).add((EX.only, RDF.type, EX.AttackReport))
    again = load(smaller, server.update_url, user=server.user, password=server.password, bulk=bulk_target(server))
    assert [g.verified for g in again.graphs] == [True]
    assert remote_counts(server) == {str(GRAPHS[0]): 1, str(GRAPHS[1]): 60, str(GRAPHS[2]): 90}
    assert not list((server.folder / "kgb-load").glob("*.nq"))  # the files are gone once loaded


@pytest.mark.server
def test_bulk_reload_replaces_graphs_whose_names_hold_quotes_and_accents(server):
    """The old copies' names reach the server in a file: an apostrophe or a UTF-8 letter must match the loaded ones."""
    names = [URIRef(f"https://example.org/load-test/graph/{name}") for name in ("d'Ivoire", "Kunduz-São", "Ḥimṣ")]
    for size in (3, 1):  # the second load holds other triples: the first load's must be gone
        dataset = Dataset(default_union=True)
        for i, name in enumerate(names):
            for j in range(size + i):
                dataset.graph(name).add((EX[f"report/{size}/{i}/{j}"], RDF.type, EX.AttackReport))
        report = load(dataset, server.update_url, user=server.user, password=server.password, bulk=bulk_target(server))
        assert all(g.verified for g in report.graphs)
    assert remote_counts(server) == {str(name): 1 + i for i, name in enumerate(names)}


@pytest.mark.server
def test_bulk_loader_keeps_blank_nodes_of_a_graph_together(server):
    load(small_dataset(), server.update_url, user=server.user, password=server.password, bulk=bulk_target(server))
    rows = server._request(
        f"SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ GRAPH <{GRAPHS[2]}> {{ ?r <{EX.time}> ?t . "
        f"?t <{EX.inXSDDate}> ?d }} }}").convert()["results"]["bindings"]
    assert int(rows[0]["n"]["value"]) == 30


def test_bulk_loader_into_a_missing_folder_says_what_to_do(tmp_path):
    from kg_builder.bulk import BulkTarget
    from kg_builder.errors import StoreError
    with pytest.raises(StoreError, match="no-such-folder.*DirsAllowed"):
        load(small_dataset(), "http://127.0.0.1:9/sparql-auth", bulk=BulkTarget(tmp_path / "no-such-folder"))


@pytest.mark.server
def test_several_streams_load_every_graph(server):
    report = load(small_dataset(), server.update_url, user=server.user, password=server.password, streams=3,
                  batch_triples=25)
    assert all(g.verified for g in report.graphs)
    assert remote_counts(server) == {str(g): n for g, n in zip(GRAPHS, (30, 60, 90))}
