"""The HTTP layer against a real server on 127.0.0.1: each case a named failure or a success."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from digest.fetch.client import FetchOptions, HttpClient, Validators
from digest.fetch.errors import FetchError
from tests.fetch.local_server import LocalServer, Reply
from tests.fetch.support import FakeClock, local_client

HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><head><title>Talks</title></head><body><p>Geneva.</p></body></html>"


@pytest.fixture
def server():
    with LocalServer() as running:
        running.routes["/robots.txt"] = Reply(404)
        yield running


def failure(client: HttpClient, url: str, kind: str = "page") -> FetchError:
    with pytest.raises(FetchError) as caught:
        client.get(url, kind)
    return caught.value


def test_fetches_a_page_and_names_the_tool_in_the_user_agent(server):
    server.routes["/a"] = Reply(200, {**HTML, "ETag": '"v1"', "Last-Modified": "Mon, 10 Jan 2022 08:00:00 GMT"}, PAGE)
    response = local_client().get(server.url("/a"), "page")
    assert (response.status, response.body, response.etag) == (200, PAGE, '"v1"')
    assert response.last_modified == "Mon, 10 Jan 2022 08:00:00 GMT"
    assert server.requests_to("/a")[0].headers["user-agent"].startswith("news-digest/")


def test_a_missing_page_is_an_http_status_failure(server):
    error = failure(local_client(), server.url("/gone"))
    assert (error.reason, error.status) == ("http-status", 404)
    assert len(server.requests_to("/gone")) == 1  # a 404 is not retried


def test_a_server_error_then_success_is_retried_after_a_backoff(server):
    clock = FakeClock()
    server.routes["/flaky"] = [Reply(500), Reply(503), Reply(200, HTML, PAGE)]
    response = local_client(clock).get(server.url("/flaky"), "page")
    assert response.body == PAGE
    assert clock.waits == [1.0, 2.0]


def test_errors_that_persist_fail_after_the_last_retry(server):
    server.routes["/down"] = Reply(502)
    error = failure(local_client(retries=2), server.url("/down"))
    assert (error.reason, error.status) == ("http-status", 502)
    assert len(server.requests_to("/down")) == 3


def test_too_many_requests_waits_as_long_as_retry_after_says(server):
    clock = FakeClock()
    server.routes["/busy"] = [Reply(429, {"Retry-After": "7"}), Reply(200, HTML, PAGE)]
    assert local_client(clock).get(server.url("/busy"), "page").body == PAGE
    assert clock.waits == [7.0]


def test_a_retry_after_longer_than_the_limit_is_a_named_failure(server):
    server.routes["/later"] = Reply(429, {"Retry-After": "86400"})
    error = failure(local_client(), server.url("/later"))
    assert (error.reason, error.status) == ("retry-after", 429)
    assert len(server.requests_to("/later")) == 1


def test_a_redirect_loop_is_detected(server):
    server.routes["/a"] = Reply(302, {"Location": "/b"})
    server.routes["/b"] = Reply(301, {"Location": server.url("/a")})
    error = failure(local_client(), server.url("/a"))
    assert error.reason == "redirect-loop"
    assert "/b" in error.detail


def test_redirects_are_followed_up_to_a_limit(server):
    for n in range(10):
        server.routes[f"/r{n}"] = Reply(302, {"Location": f"/r{n + 1}"})
    server.routes["/r3"] = Reply(200, HTML, PAGE)
    response = local_client(max_redirects=3).get(server.url("/r0"), "page")
    assert response.final_url == server.url("/r3")
    assert response.redirects == (server.url("/r1"), server.url("/r2"), server.url("/r3"))
    assert failure(local_client(max_redirects=3), server.url("/r4")).reason == "too-many-redirects"


def test_a_50_megabyte_stream_is_cut_at_the_limit_without_reading_it_all(server):
    megabyte = b"x" * (1024 * 1024)
    server.routes["/huge"] = Reply(200, HTML, (megabyte for _ in range(50)))
    error = failure(local_client(max_bytes=2 * 1024 * 1024), server.url("/huge"))
    assert error.reason == "too-large"
    deadline = time.monotonic() + 5
    while "/huge" not in server.bytes_sent and time.monotonic() < deadline:
        time.sleep(0.01)  # the handler thread notices the closed connection
    assert server.bytes_sent["/huge"] < 20 * 1024 * 1024


def test_a_declared_50_megabyte_body_is_refused_before_reading(server):
    server.routes["/declared"] = Reply(200, {**HTML, "Content-Length": str(50 * 1024 * 1024)}, iter([b"x" * 1024]))
    error = failure(local_client(), server.url("/declared"))
    assert error.reason == "too-large" and "declared" in error.detail


def test_a_body_that_is_not_html_is_refused_as_a_page(server):
    server.routes["/logo.png"] = Reply(200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(100))
    error = failure(local_client(), server.url("/logo.png"))
    assert error.reason == "content-type" and "image/png" in error.detail


def test_a_slow_server_times_out(server):
    server.routes["/slow"] = Reply(200, HTML, PAGE, delay=5.0)
    started = time.monotonic()
    error = failure(local_client(timeout=0.2, retries=1), server.url("/slow"))
    assert error.reason == "timeout"
    assert time.monotonic() - started < 4  # the client gave up; it did not wait for the server


def test_only_http_and_https_are_fetched():
    client = local_client()
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "/relative", "http://"):
        assert failure(client, url).reason == "bad-url", url


def test_by_default_loopback_and_metadata_addresses_are_refused(server):
    server.routes["/a"] = Reply(200, HTML, PAGE)
    client = HttpClient(FetchOptions(retries=0, timeout=0.5))
    for url in (server.url("/a"), "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/", "http://10.1.2.3/"):
        error = failure(client, url)
        assert error.reason == "refused-address", url
    assert server.seen == []  # not even robots.txt was asked for


def test_allow_private_lets_the_tool_read_the_local_server(server):
    server.routes["/a"] = Reply(200, HTML, PAGE)
    client = HttpClient(FetchOptions(allow_private=True, retries=0, timeout=0.5))
    assert client.get(server.url("/a"), "page").body == PAGE


def test_a_redirect_to_a_private_address_is_refused(server):
    server.routes["/out"] = Reply(302, {"Location": "http://169.254.169.254/latest/meta-data/"})
    server.routes["/in"] = Reply(302, {"Location": "http://10.0.0.8/admin"})
    assert failure(local_client(), server.url("/out")).reason == "refused-address"
    assert failure(local_client(), server.url("/in")).reason == "refused-address"


def test_the_address_is_checked_after_name_resolution():
    def rebinding(host, port, **_):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]
    client = HttpClient(FetchOptions(retries=0), FakeClock(), resolver=rebinding)
    error = failure(client, "http://news.example.org/article")
    assert error.reason == "refused-address" and "169.254.169.254" in error.detail


def test_robots_txt_disallowing_a_path_is_respected(server):
    server.routes["/robots.txt"] = Reply(200, {"Content-Type": "text/plain"},
                                         b"User-agent: *\nDisallow: /private/\n")
    server.routes["/private/a"] = Reply(200, HTML, PAGE)
    server.routes["/public/a"] = Reply(200, HTML, PAGE)
    client = local_client()
    assert failure(client, server.url("/private/a")).reason == "robots"
    assert client.get(server.url("/public/a"), "page").body == PAGE
    assert server.requests_to("/private/a") == []
    assert len(server.requests_to("/robots.txt")) == 1  # read once per host


def test_robots_txt_that_cannot_be_read_disallows_everything(server):
    server.routes["/robots.txt"] = Reply(500)
    server.routes["/a"] = Reply(200, HTML, PAGE)
    error = failure(local_client(retries=0), server.url("/a"))
    assert error.reason == "robots" and "could not be read" in error.detail


def test_robots_crawl_delay_spaces_the_requests(server):
    server.routes["/robots.txt"] = Reply(200, {}, b"User-agent: news-digest\nCrawl-delay: 4\n")
    server.routes["/a"] = Reply(200, HTML, PAGE)
    clock = FakeClock()
    client = local_client(clock, per_host=1)
    for _ in range(3):
        client.get(server.url("/a"), "page")
    assert sum(clock.waits) == pytest.approx(8.0)


def test_a_second_request_with_validators_is_conditional(server):
    def conditional(seen):
        if seen.headers.get("if-none-match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'})
        return Reply(200, {**HTML, "ETag": '"v1"'}, PAGE)
    server.routes["/a"] = conditional
    client = local_client()
    first = client.get(server.url("/a"), "page")
    second = client.get(server.url("/a"), "page", Validators(etag=first.etag))
    assert second.not_modified and second.body == b"" and second.conditional
    assert (client.counters.requests, client.counters.conditional, client.counters.not_modified) == (3, 1, 1)  # robots.txt, then /a twice


def test_no_more_than_n_requests_at_a_time_to_one_host(server):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def counted(seen):
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.05)
        with lock:
            in_flight[0] -= 1
        return Reply(200, HTML, PAGE)
    for n in range(8):
        server.routes[f"/p{n}"] = counted
    client = local_client(per_host=2)
    threads = [threading.Thread(target=client.get, args=(server.url(f"/p{n}"), "page")) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 2


def test_requests_to_one_host_start_a_delay_apart():
    from digest.fetch.politeness import HostSlots
    clock = FakeClock()
    slots = HostSlots(per_host=4, delay=1.5, clock=clock)
    starts = []
    for _ in range(3):
        with slots.turn("news.example.org"):
            starts.append(clock.now())
    with slots.turn("other.example.org"):
        starts.append(clock.now())
    assert [s - 1000 for s in starts] == [0.0, 1.5, 3.0, 3.0]


def test_a_server_trickling_its_body_is_cut_off_at_the_body_deadline(server):
    def trickle():
        yield b"<html><body>"
        for _ in range(200):
            if server.stopping.wait(0.05):
                return
            yield b"x"
    server.routes["/trickle"] = Reply(200, HTML, trickle())
    error = failure(local_client(timeout=1.0, body_timeout=0.3, retries=0), server.url("/trickle"))
    assert error.reason == "timeout" and "body" in error.detail
    deadline = time.monotonic() + 5
    while "/trickle" not in server.bytes_sent and time.monotonic() < deadline:
        time.sleep(0.01)  # the handler notices the closed connection at its next write
    assert server.bytes_sent["/trickle"] < 12 + 100  # cut off long before the 200 bytes were sent
