"""The API against its own OpenAPI schema: schemathesis generates requests from the schema (valid
and invalid parameters, odd strings, out-of-range numbers) and checks every answer — no server
error, a status code and a body the schema declares, the declared content type."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import store_url
import schemathesis
from hypothesis import HealthCheck, given, settings

from sitrep.pipeline import run
from sitrep.web.app import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx, value) -> bytes:
    """The ingest body is JSON Lines text: sent as the generated string, UTF-8 encoded."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode("utf-8")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    """The app over a store holding part of the demo corpus (Palmyra's articles among them)."""
    db = store_url(tmp_path_factory.mktemp("schema"), "schema")
    run(sorted((EXAMPLES / "txt").glob("*.txt"))[:12] + [EXAMPLES / "feed.rss"], db=db)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db, token="s3cret"))


def operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms_to_the_schema(api_schema) -> None:
    ops = operations(api_schema)
    assert len(ops) >= 8, [op.label for op in ops]
    failures = []
    for op in ops:
        # 30 generated requests per operation keeps the file near half a minute here while still
        # mixing valid and invalid values for every parameter.
        @given(case=op.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case) -> None:
            case.call_and_validate()

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{op.label}: {exc}"[:3000])
    assert not failures, "\n\n".join(failures)
