"""The preview answers only to its own names (DNS rebinding), and a client leaving is not an error."""
from __future__ import annotations

import http.client
import io

import pytest

from digest.project import Project
from digest.serve.server import LOCAL_HOSTS, PreviewServer, host_is_allowed
from digest.serve.session import PreviewSession
from tests.conftest import copy_project
from tests.serve.test_preview_server import free_port


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("host") / "p")
    preview = PreviewSession(Project(project), port=free_port(), out=io.StringIO())
    preview.start()
    yield preview
    preview.stop()


def status_for(session: PreviewSession, host: str | None) -> int:
    address, port = session.server.server_address[:2]
    connection = http.client.HTTPConnection(address, port, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.parametrize("host", ["evil.com", "evil.com:8000", "127.0.0.1.evil.com", None])
def test_a_request_for_another_name_is_refused(session: PreviewSession, host: str | None):
    assert status_for(session, host) == 421


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "preview.localhost"])
def test_local_names_are_served(session: PreviewSession, host: str):
    port = session.server.server_address[1]
    assert status_for(session, f"{host}:{port}") == 200


def test_with_an_explicit_host_any_name_is_served(session: PreviewSession):
    session.state.allowed_hosts = None
    try:
        assert status_for(session, "digest.lan") == 200
    finally:
        session.state.allowed_hosts = LOCAL_HOSTS | {"127.0.0.1"}


def test_host_header_forms():
    assert host_is_allowed("[::1]:8000", LOCAL_HOSTS)
    assert not host_is_allowed("[::1].evil.com", LOCAL_HOSTS)
    assert host_is_allowed("anything", None)


def test_a_client_that_goes_away_leaves_no_traceback(capsys):
    server = PreviewServer.__new__(PreviewServer)
    for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset"), TimeoutError()):
        try:
            raise error
        except OSError:
            server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""
    try:
        raise ValueError("a real bug")
    except ValueError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a real bug" in capsys.readouterr().err
