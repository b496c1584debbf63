"""A fetch run over recorded feeds on a local server: feeds read, items chosen, pages kept, problems named."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from digest.fetch.client import FetchOptions, HttpClient
from digest.fetch.crawl import crawl
from digest.fetch.selection import Window
from digest.fetch.store import RawStore
from digest.model import Entity, FeedFilters
from tests.fetch.local_server import LocalServer, Reply
from tests.fetch.recorded import serve_recorded, sources_for
from tests.fetch.support import local_client

WINDOW = Window(dt.date(2022, 1, 6), dt.date(2022, 1, 14), "Europe/Zurich")
ENTITIES = {"nato": Entity("nato", "NATO", "organisation", ("North Atlantic Treaty Organization",))}


@pytest.fixture
def server():
    with LocalServer() as running:
        serve_recorded(running)
        yield running


@pytest.fixture
def store(tmp_path: Path) -> RawStore:
    return RawStore(tmp_path / "content" / "raw")


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def by_status(report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in report.pages:
        found.setdefault(page.status, []).append(page.request.url.split("/", 3)[3])
    return found


def test_reads_rss_atom_and_json_feed_and_keeps_each_page_with_a_sidecar(server, store):
    sources = sources_for(server, "/news/rss.xml", "/wire/atom.xml", "/json/feed.json")
    report = crawl(sources, WINDOW, ENTITIES, store, local_client())
    assert report.items_found == 7
    assert sorted(by_status(report)["new"]) == ["json/kazakhstan-troops", "news/geneva-talks-open",
                                                "news/nato-council",
                                                "wire/geneva-talks", "wire/osce-vienna"]
    page = next(p for p in report.pages if p.request.url.endswith("osce-vienna"))
    sidecar = json.loads(store.sidecar_path(page.path).read_text())
    assert sidecar["url"] == server.url("/wire/osce-vienna") == sidecar["final_url"]
    assert (sidecar["status"], sidecar["content_type"], sidecar["source"]) == (200, "text/html; charset=utf-8", "wire")
    assert sidecar["etag"].startswith('"') and sidecar["last_modified"] == "Thu, 13 Jan 2022 18:00:00 GMT"
    assert dt.datetime.fromisoformat(sidecar["fetched_at"]).tzinfo is not None
    assert page.path.read_bytes() == server.routes["/wire/osce-vienna"](type("S", (), {"headers": {}})()).body


def test_items_outside_the_coverage_window_are_skipped_with_the_reason(server, store):
    report = crawl(sources_for(server, "/news/rss.xml"), WINDOW, ENTITIES, store, local_client())
    assert report.skipped == [(server.url("/news/holiday-markets"), "published 2021-12-18, outside the coverage window")]
    assert server.requests_to("/news/holiday-markets") == []


def test_a_feed_item_pointing_at_the_metadata_address_is_refused_and_the_rest_goes_on(server, store):
    report = crawl(sources_for(server, "/json/feed.json"), WINDOW, ENTITIES, store, local_client())
    assert by_status(report)["new"] == ["json/kazakhstan-troops"]
    [problem] = report.problems
    assert (problem.source, problem.url) == ("json", "http://169.254.169.254/latest/meta-data/")
    assert problem.reason.startswith("refused-address")


def test_by_default_a_feed_on_a_loopback_address_is_refused(server, store):
    client = HttpClient(FetchOptions(retries=0, delay=0))
    report = crawl(sources_for(server, "/news/rss.xml"), WINDOW, ENTITIES, store, client)
    assert [(p.source, p.reason.split(":")[0]) for p in report.problems] == [("news", "refused-address")]
    assert server.seen == [] and not store.raw_dir.exists()


def test_a_broken_feed_and_a_missing_feed_are_reported_and_the_others_read(server, store):
    sources = sources_for(server, "/broken/rss.xml", "/gone/rss.xml", "/wire/atom.xml")
    report = crawl(sources, WINDOW, ENTITIES, store, local_client())
    reasons = {p.source: p.reason for p in report.problems}
    assert reasons["broken"].startswith("bad-feed") and reasons["gone"] == "http-status: HTTP 404"
    assert sorted(by_status(report)["new"]) == ["wire/geneva-talks", "wire/osce-vienna"]


def test_a_second_run_makes_only_conditional_requests_and_writes_nothing(server, store):
    sources = sources_for(server, "/news/rss.xml", "/wire/atom.xml", "/json/feed.json")
    crawl(sources, WINDOW, ENTITIES, store, local_client())
    before = snapshot(store.raw_dir)
    client = local_client()
    report = crawl(sources, WINDOW, ENTITIES, store, client)
    assert snapshot(store.raw_dir) == before
    assert report.feeds_unchanged == 3 and "new" not in by_status(report)
    assert client.counters.requests - 1 == client.counters.conditional == client.counters.not_modified == 3  # + robots.txt


def test_a_changed_feed_asks_for_its_known_pages_conditionally(server, store):
    sources = sources_for(server, "/wire/atom.xml")
    crawl(sources, WINDOW, ENTITIES, store, local_client())
    changed = server.routes["/wire/atom.xml"]({"headers": {}} and type("S", (), {"headers": {}})()).body
    from tests.fetch.recorded import static
    server.routes["/wire/atom.xml"] = static(changed.replace(b"Danube Wire", b"Danube Wire Service"), "application/atom+xml")
    server.seen.clear()
    report = crawl(sources, WINDOW, ENTITIES, store, local_client())
    pages = [s for s in server.seen if s.path.startswith("/wire/") and s.path != "/wire/atom.xml"]
    assert len(pages) == 2 and all("if-none-match" in s.headers for s in pages)
    assert by_status(report) == {"unchanged": ["wire/osce-vienna", "wire/geneva-talks"]}


def test_the_same_url_in_two_feeds_is_one_page(server, store):
    sources = sources_for(server, "/news/rss.xml") + sources_for(server, "/news/rss.xml")
    sources[1] = type(sources[1])("courier-copy", "Courier copy", feeds=sources[1].feeds)
    report = crawl(sources, WINDOW, ENTITIES, store, local_client())
    assert len(by_status(report)["new"]) == 2
    assert sum("the same page as an item of news" in why for _, why in report.skipped) == 2
    assert len(server.requests_to("/news/geneva-talks-open")) == 1


def test_a_link_that_redirects_to_a_page_already_kept_is_recorded_as_a_copy(server, store):
    server.routes["/wire/geneva-talks"] = Reply(301, {"Location": "/news/geneva-talks-open"})
    report = crawl(sources_for(server, "/news/rss.xml", "/wire/atom.xml"), WINDOW, ENTITIES, store, local_client())
    copy = next(p for p in report.pages if p.request.url.endswith("/wire/geneva-talks"))
    original = next(p for p in report.pages if p.request.url.endswith("/news/geneva-talks-open"))
    assert copy.status == "copy" and copy.path == original.path
    sidecar = json.loads(store.sidecar_path(store.page_path(copy.request.url)).read_text())
    assert sidecar["copy_of"] == original.path.name and sidecar["final_url"] == server.url("/news/geneva-talks-open")
    assert not store.page_path(copy.request.url).exists()  # no second copy of the bytes


def test_robots_txt_disallowing_an_item_path_is_a_named_failure(server, store):
    server.routes["/robots.txt"] = Reply(200, {}, b"User-agent: *\nDisallow: /news/nato\n")
    report = crawl(sources_for(server, "/news/rss.xml"), WINDOW, ENTITIES, store, local_client())
    [problem] = report.problems
    assert "nato-council" in problem.url and problem.reason.startswith("robots")
    assert by_status(report)["new"] == ["news/geneva-talks-open"]


def test_source_filters_choose_by_keyword_entity_and_language(server, store):
    keyword = sources_for(server, "/news/rss.xml", filters=FeedFilters(keywords=("Geneva",)))
    report = crawl(keyword, WINDOW, ENTITIES, store, local_client())
    assert by_status(report)["new"] == ["news/geneva-talks-open"]
    entity = sources_for(server, "/news/rss.xml", filters=FeedFilters(entities=("nato",)))
    assert [u for u, why in crawl(entity, WINDOW, ENTITIES, store, local_client()).skipped
            if "entities" in why] == [server.url("/news/geneva-talks-open")]
    french = sources_for(server, "/wire/atom.xml", filters=FeedFilters(languages=("fr",)))
    report = crawl(french, WINDOW, ENTITIES, store, local_client())
    assert report.pages == [] and all("language en" in why for _, why in report.skipped)


def test_a_server_error_on_one_page_then_success_keeps_every_page(server, store):
    body = server.routes["/wire/osce-vienna"]
    server.routes["/wire/osce-vienna"] = [Reply(500), Reply(503), body]
    report = crawl(sources_for(server, "/wire/atom.xml"), WINDOW, ENTITIES, store, local_client())
    assert sorted(by_status(report)["new"]) == ["wire/geneva-talks", "wire/osce-vienna"]


def test_pages_are_asked_for_one_host_at_a_time_in_turn():
    from digest.fetch.crawl import PageRequest, interleave_hosts
    requests = [PageRequest(f"https://a.example/{n}") for n in range(3)] + [PageRequest("https://b.example/0")]
    assert [r.url for r in interleave_hosts(requests)] == [
        "https://a.example/0", "https://b.example/0", "https://a.example/1", "https://a.example/2"]
