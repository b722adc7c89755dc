"""The store: migrations, idempotent upserts, rejected inputs. Runs on SQLite, or on the database
named by $SITREP_TEST_DB (PostgreSQL in CI's second pass)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sitrep.ids import content_hash
from sitrep.records import Article, PubDate, Rejected, Removed
from sitrep.store import open_store
from sitrep.store.schema import metadata


def article(id: str = "a.txt", text: str = "Government forces retook the town.") -> Article:
    return Article(id=id, source=f"corpus/{id}", title="Town retaken", text=text,
                   removed=(Removed(text="Share this", reason="share-widget"),), outlet="Example",
                   published=PubDate(date="2016-03-27", earliest="2016-03-27", latest="2016-03-27", basis="jsonl", confidence=0.95),
                   content_hash=content_hash("Town retaken", text))


def test_migrations_match_the_schema(db_url: str) -> None:
    with open_store(db_url) as store:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_opening_twice_is_harmless(db_url: str) -> None:
    open_store(db_url).close()
    with open_store(db_url) as store:
        assert store.counts()["documents"] == 0


def test_same_article_twice_changes_nothing(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.add_articles([article()]) == 1
        with store.engine.connect() as conn:
            before = conn.execute(sa.text("select * from documents")).all()
        assert store.add_articles([article()]) == 0
        with store.engine.connect() as conn:
            after = conn.execute(sa.text("select * from documents")).all()
        assert before == after


def test_changed_article_is_updated(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add_articles([article()])
        assert store.add_articles([article(text="Government forces retook the town on Sunday.")]) == 1
        doc = store.document("a.txt")
        assert doc["text"].endswith("on Sunday.") and store.counts()["documents"] == 1


def test_documents_listing_and_removed_spans(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add_articles([article("b.txt"), article("a.txt")])
        docs = list(store.documents())
        assert [d["id"] for d in docs] == ["a.txt", "b.txt"]
        assert docs[0]["published"]["basis"] == "jsonl"
        assert store.document("a.txt")["removed"] == [{"text": "Share this", "reason": "share-widget"}]


def test_rejected_are_kept_once(db_url: str) -> None:
    bad = Rejected(source="x/empty.txt", id="empty.txt", code="E_EMPTY", reason="the file is empty")
    with open_store(db_url) as store:
        assert store.add_rejected([bad]) == 1
        assert store.add_rejected([bad]) == 0
        assert list(store.rejected()) == [{"source": "x/empty.txt", "id": "empty.txt", "code": "E_EMPTY", "reason": "the file is empty"}]


def test_bad_database_url_is_a_store_error(tmp_path) -> None:
    import pytest

    from sitrep.errors import StoreError

    with pytest.raises(StoreError):
        open_store(f"sqlite:///{tmp_path}/no/such/dir/x.db")


def _event(eid: str, mention_ids: list[str]) -> dict:
    return {"id": eid, "event_type": "Battles", "sub_event_type": "Armed clash",
            "date": {"start": "2016-03-27", "end": "2016-03-27", "precision": "day"}, "location": None,
            "confidence": 0.5, "mention_ids": mention_ids, "mentions": []}


def test_events_replace_and_redirect(db_url: str) -> None:
    from sitrep.records import Mention

    with open_store(db_url) as store:
        store.add_articles([article("a.txt"), article("b.txt")])
        for doc, mid in (("a.txt", "m1"), ("b.txt", "m2")):
            m = Mention(id=mid, document=doc, start=0, end=5, sentence="x", event_type="Battles",
                        sub_event_type="Armed clash", date_start=None, date_end=None, date_precision=None, confidence=0.5)
            store.add_mentions(doc, [(m, {"id": mid})])
        first = store.replace_events([_event("e1", ["m1"]), _event("e2", ["m2"])])
        assert first["added"] == 2 and store.counts()["events"] == 2
        # A later run finds both reports are one event: e2's id now redirects to e1.
        second = store.replace_events([_event("e1", ["m1", "m2"])])
        assert (second["removed"], second["redirected"]) == (1, 1) and store.counts()["events"] == 1
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("select old_id, new_id from event_redirects")).all() == [("e2", "e1")]
        # Running again changes nothing.
        assert store.replace_events([_event("e1", ["m1", "m2"])])["added"] == 0


def test_same_text_new_date_replaces_document_and_mentions(db_url: str) -> None:
    """An article loaded again in another batch may get another publication date (undated articles
    take the dates of similar ones), so its mentions, with the same ids, get other dates: the store
    then holds the new document and the new mentions, never the old row beside the new mentions."""
    from dataclasses import replace

    from sitrep.records import Mention

    def mention(day: str) -> tuple[Mention, dict]:
        m = Mention(id="m1", document="a.txt", start=0, end=5, sentence="x", event_type="Battles",
                    sub_event_type="Armed clash", date_start=day, date_end=day, date_precision="day", confidence=0.5)
        return m, {"id": "m1", "date": day}

    first = article()
    later = replace(first, published=PubDate(date="2016-04-03", earliest="2016-03-28", latest="2016-04-05",
                                             basis="similar-articles", confidence=0.4))
    with open_store(db_url) as store:
        store.add_batch([(first, [mention("2016-03-27")])])
        assert store.add_batch([(later, [mention("2016-04-03")])]) == 1
        assert store.document("a.txt")["published_info"]["basis"] == "similar-articles"
        assert store.document("a.txt")["published"] == "2016-04-03"
        assert list(store.mentions("a.txt")) == [{"id": "m1", "date": "2016-04-03"}]
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("select date_start from mentions")).scalar_one() == "2016-04-03"
        # The same batch again writes nothing.
        assert store.add_batch([(later, [mention("2016-04-03")])]) == 0


def test_two_readings_of_one_sentence_come_in_one_order(db_url: str) -> None:
    """Two mentions that start together (two events read in one sentence) are listed by id,
    whatever order they were written in and whatever the database."""
    from sitrep.records import Mention

    def mention(mid: str, sub: str) -> tuple[Mention, dict]:
        return Mention(id=mid, document="a.txt", start=0, end=5, sentence="x", event_type="Battles",
                       sub_event_type=sub, date_start=None, date_end=None, date_precision=None,
                       confidence=0.5), {"id": mid}

    with open_store(db_url) as store:
        store.add_batch([(article(), [mention("m2", "Armed clash"), mention("m1", "Attack")])])
        assert [m["id"] for m in store.mentions("a.txt")] == ["m1", "m2"]
        assert [m["id"] for m in store.mentions()] == ["m1", "m2"]
