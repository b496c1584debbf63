"""What the fuzz targets share: the example budget and a time limit on every input.

The fast suite runs a fixed slice of each target; the long run sets FUZZ_EXAMPLES, e.g.
`FUZZ_EXAMPLES=10000 nice python -m pytest -q -n0 tests/hardening/test_fuzz.py tests/hardening/test_fuzz_targets.py
--hypothesis-show-statistics`. Any traceback, any input over FUZZ_SECONDS (5 s of CPU) and any output
that is not well-formed XML fails the target with the input that did it.
"""
from __future__ import annotations

import contextlib
import io
import os
import signal
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
SECONDS = float(os.environ.get("FUZZ_SECONDS", "5"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


class Hang(BaseException):
    """An input took longer than the limit (a BaseException: no `except Exception` can hide it)."""


@contextlib.contextmanager
def time_limit(seconds: float = SECONDS) -> Iterator[None]:
    """Fail the input that takes more than `seconds` of CPU time (SIGPROF: main thread only).
    CPU time, not wall time: a machine busy with other work does not make an input hang. The
    signal may land where an exception is swallowed (a gc callback): the input fails anyway."""
    expired = []

    def expire(signum, frame):
        expired.append(True)
        raise Hang(f"one input took over {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    if expired:
        raise Hang(f"one input took over {seconds:g} s of CPU time")


def not_well_formed(name: str, data: bytes) -> list[str]:
    """Why `data` is not well-formed XML (expat, as feed readers parse it); empty when it is."""
    try:
        ET.fromstring(data)
    except ET.ParseError as error:
        return [f"{name}: {error}"]
    return []


def epub_not_well_formed(data: bytes) -> list[str]:
    """Every XML member of an EPUB checked (XHTML chapters, package, navigation, container)."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                problems += not_well_formed(name, archive.read(name))
    return problems
