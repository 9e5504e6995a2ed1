"""Schema migrations: named functions, applied in order, each in its own transaction.

The ``migration`` table records which have run. A migration is never edited once it
has shipped; later stages append new ones to :data:`MIGRATIONS`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from yokuryu.store.db import transaction

Migration = Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction.

    ``sqlite3.executescript`` would commit first, breaking the one-transaction rule.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")


RECORD_KINDS = (
    "soviet_card",
    "soviet_death",
    "mhlw_death",
    "jp_landing",
    "jp_roster",
    "inquiry",
    "other",
)


def m001_sources_and_batches(conn: sqlite3.Connection) -> None:
    kinds = ", ".join(f"'{k}'" for k in RECORD_KINDS)
    run_script(
        conn,
        f"""
        CREATE TABLE source (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ({kinds})),
            language TEXT,
            citation TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE import_batch (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            size_bytes INTEGER NOT NULL,
            file_format TEXT NOT NULL,
            encoding TEXT,
            delimiter TEXT,
            mapping_json TEXT NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            records INTEGER NOT NULL DEFAULT 0,
            quarantined INTEGER NOT NULL DEFAULT 0,
            field_problems INTEGER NOT NULL DEFAULT 0,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            imported_by TEXT NOT NULL
        );
        """,
    )


def m002_records_and_quarantine(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE record (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            batch_id INTEGER NOT NULL REFERENCES import_batch(id),
            row_number INTEGER NOT NULL,
            ref TEXT,
            full_name TEXT,
            family_name TEXT,
            given_name TEXT,
            father_name TEXT,
            name_reading TEXT,
            birth_date TEXT,
            birth_date_precision TEXT,
            birth_year INTEGER,
            birth_place TEXT,
            prefecture TEXT,
            rank TEXT,
            unit TEXT,
            camp TEXT,
            capture_date TEXT,
            capture_date_precision TEXT,
            capture_place TEXT,
            transfer_date TEXT,
            transfer_date_precision TEXT,
            death_date TEXT,
            death_date_precision TEXT,
            death_place TEXT,
            burial_place TEXT,
            grave_no TEXT,
            repatriation_date TEXT,
            repatriation_date_precision TEXT,
            ship TEXT,
            port TEXT,
            status TEXT,
            notes TEXT,
            raw_json TEXT NOT NULL,
            problems_json TEXT
        );
        CREATE INDEX record_source ON record(source_id);
        CREATE INDEX record_batch ON record(batch_id);
        CREATE UNIQUE INDEX record_source_ref ON record(source_id, ref) WHERE ref IS NOT NULL;
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES source(id),
            batch_id INTEGER NOT NULL REFERENCES import_batch(id),
            row_number INTEGER NOT NULL,
            raw_json TEXT NOT NULL,
            reasons_json TEXT NOT NULL
        );
        CREATE INDEX quarantine_batch ON quarantine(batch_id);
        """,
    )


def m003_gazetteer_and_claims(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE place (
            id INTEGER PRIMARY KEY,
            name_en TEXT NOT NULL,
            name_ru TEXT,
            name_ja TEXT,
            kind TEXT NOT NULL,
            region TEXT,
            country_now TEXT,
            latitude REAL,
            longitude REAL,
            camp_numbers TEXT,
            notes TEXT,
            source TEXT NOT NULL
        );
        CREATE TABLE place_camp_number (
            place_id INTEGER NOT NULL REFERENCES place(id),
            camp_number INTEGER NOT NULL,
            PRIMARY KEY (place_id, camp_number)
        );
        CREATE TABLE claim (
            id INTEGER PRIMARY KEY,
            quantity TEXT NOT NULL,
            value_low REAL,
            value_high REAL,
            who TEXT NOT NULL,
            year_published TEXT,
            basis TEXT,
            source TEXT NOT NULL
        );
        """,
    )


def m004_users_and_audit(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE user (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL
                CHECK (role IN ('public', 'researcher', 'family', 'archivist', 'admin')),
            password_hash TEXT,
            created_at TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail_json TEXT
        );
        CREATE INDEX audit_at ON audit(at);
        """,
    )


def m005_persons_and_decisions(conn: sqlite3.Connection) -> None:
    """Linkage results and the human decisions that override them.

    Only one run is live at a time; ``person`` and ``person_record`` always describe the
    live run, so readers never see a half-finished one.
    """
    run_script(
        conn,
        """
        CREATE TABLE link_run (
            id TEXT PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            engine TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('running', 'failed', 'rejected', 'checked', 'live',
                                  'superseded')),
            threshold REAL,
            settings_json TEXT,
            metrics_json TEXT,
            checks_json TEXT,
            artefacts_dir TEXT,
            started_by TEXT NOT NULL
        );
        CREATE TABLE person (
            id TEXT PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES link_run(id),
            display_name TEXT,
            birth_year INTEGER,
            fate TEXT,
            death_date TEXT,
            restricted INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE TABLE person_record (
            record_id INTEGER PRIMARY KEY REFERENCES record(id),
            person_id TEXT NOT NULL REFERENCES person(id),
            run_id TEXT NOT NULL REFERENCES link_run(id),
            match_probability REAL
        );
        CREATE INDEX person_record_person ON person_record(person_id);
        CREATE TABLE person_id_history (
            old_id TEXT NOT NULL,
            new_id TEXT NOT NULL,
            run_id TEXT NOT NULL REFERENCES link_run(id),
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (old_id, run_id)
        );
        CREATE TABLE decision (
            id INTEGER PRIMARY KEY,
            record_id_l INTEGER NOT NULL REFERENCES record(id),
            record_id_r INTEGER NOT NULL REFERENCES record(id),
            verdict TEXT NOT NULL CHECK (verdict IN ('match', 'non_match', 'unsure', 'undo')),
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            reason TEXT,
            supersedes INTEGER REFERENCES decision(id),
            CHECK (record_id_l < record_id_r)
        );
        CREATE INDEX decision_pair ON decision(record_id_l, record_id_r);
        CREATE TRIGGER decision_append_only_update BEFORE UPDATE ON decision
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        CREATE TRIGGER decision_append_only_delete BEFORE DELETE ON decision
        BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        CREATE TABLE estimate (
            id INTEGER PRIMARY KEY,
            estimate_run TEXT NOT NULL,
            link_run_id TEXT REFERENCES link_run(id),
            quantity TEXT NOT NULL,
            stratum_by TEXT NOT NULL,
            stratum TEXT NOT NULL,
            estimator TEXT NOT NULL,
            lists TEXT NOT NULL,
            observed_n INTEGER NOT NULL,
            median REAL,
            lower REAL,
            upper REAL,
            diagnostics_json TEXT,
            created_at TEXT NOT NULL
        );
        """,
    )


def m006_web_accounts(conn: sqlite3.Connection) -> None:
    """The web's own tables: sessions, login throttling, family grants, the search index,
    and the review queue the linkage stage fills (pairs in the uncertain band).

    Session tokens are stored only as keyed hashes, so a copy of the registry does not
    hand out logins.
    """
    run_script(
        conn,
        """
        CREATE TABLE web_session (
            token_hash TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id),
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE login_attempt (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            client TEXT,
            at TEXT NOT NULL,
            ok INTEGER NOT NULL
        );
        CREATE INDEX login_attempt_name ON login_attempt(name, at);
        CREATE TABLE family_grant (
            user_id INTEGER NOT NULL REFERENCES user(id),
            person_id TEXT NOT NULL,
            granted_by TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (user_id, person_id)
        );
        CREATE TABLE person_search_key (
            key TEXT NOT NULL,
            person_id TEXT NOT NULL,
            part TEXT NOT NULL,
            PRIMARY KEY (key, person_id, part)
        ) WITHOUT ROWID;
        CREATE TABLE search_index_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            fingerprint TEXT NOT NULL,
            built_at TEXT NOT NULL,
            keys INTEGER NOT NULL
        );
        CREATE TABLE review_pair (
            id INTEGER PRIMARY KEY,
            run_id TEXT NOT NULL REFERENCES link_run(id),
            record_id_l INTEGER NOT NULL REFERENCES record(id),
            record_id_r INTEGER NOT NULL REFERENCES record(id),
            match_probability REAL NOT NULL,
            match_weight REAL,
            features_json TEXT,
            priority REAL NOT NULL DEFAULT 0,
            CHECK (record_id_l < record_id_r),
            UNIQUE (run_id, record_id_l, record_id_r)
        );
        CREATE INDEX review_pair_priority ON review_pair(run_id, priority DESC);
        """,
    )


def m007_arrival_date(conn: sqlite3.Connection) -> None:
    """The day a man arrived in the camp of a Soviet card (Прибыл): a card covers one camp
    stay, from its arrival to its leaving (``transfer_date``). Records imported before
    keep it empty (their raw rows hold it; import the list again into a new archive)."""
    run_script(
        conn,
        """
        ALTER TABLE record ADD COLUMN arrival_date TEXT;
        ALTER TABLE record ADD COLUMN arrival_date_precision TEXT;
        """,
    )


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_sources_and_batches", m001_sources_and_batches),
    ("002_records_and_quarantine", m002_records_and_quarantine),
    ("003_gazetteer_and_claims", m003_gazetteer_and_claims),
    ("004_users_and_audit", m004_users_and_audit),
    ("005_persons_and_decisions", m005_persons_and_decisions),
    ("006_web_accounts", m006_web_accounts),
    ("007_arrival_date", m007_arrival_date),
]


def _ensure_migration_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migration (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    _ensure_migration_table(conn)
    return [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY rowid")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    done = set(applied_migrations(conn))
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with transaction(conn):
            step(conn)
            conn.execute(
                "INSERT INTO migration (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        applied.append(name)
    return applied
