import GRDB

/// The register's versioned migrations. A shipped migration never changes and uses
/// no application types; a schema change is a new migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

                CREATE TABLE change (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    type TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id INTEGER NOT NULL,
                    public INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    openings TEXT
                );
                CREATE INDEX change_entity ON change(entity, entity_id, seq);

                CREATE TABLE unit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    updated_seq INTEGER NOT NULL
                );
                CREATE TABLE official (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    title TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    party TEXT,
                    unit_id INTEGER NOT NULL REFERENCES unit(id),
                    active_from TEXT NOT NULL,
                    active_to TEXT,
                    updated_seq INTEGER NOT NULL
                );
                CREATE TABLE organisation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    organisation_number TEXT,
                    sole_trader INTEGER NOT NULL,
                    eu_transparency_id TEXT,
                    website TEXT,
                    updated_seq INTEGER NOT NULL
                );
                CREATE TABLE organisation_private (
                    organisation_id INTEGER PRIMARY KEY REFERENCES organisation(id),
                    personnummer TEXT NOT NULL
                );
                CREATE TABLE issue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    position TEXT NOT NULL,
                    status TEXT NOT NULL,
                    case_number TEXT,
                    policy_areas TEXT NOT NULL,
                    unit_id INTEGER NOT NULL REFERENCES unit(id),
                    updated_seq INTEGER NOT NULL
                );

                CREATE TABLE meeting_record (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    status TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    record TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    published_at TEXT,
                    updated_at TEXT NOT NULL,
                    updated_seq INTEGER NOT NULL
                );

                CREATE TABLE meeting (
                    id INTEGER PRIMARY KEY REFERENCES meeting_record(id),
                    status TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    starts_at TEXT,
                    duration_minutes INTEGER,
                    place TEXT,
                    format TEXT,
                    direction TEXT,
                    initiator TEXT,
                    subject TEXT,
                    summary TEXT,
                    participants_disclosed INTEGER NOT NULL,
                    counterparts_disclosed INTEGER NOT NULL,
                    issues_disclosed INTEGER NOT NULL,
                    documents_disclosed INTEGER NOT NULL,
                    withheld TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    published_at TEXT NOT NULL,
                    published_month TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    correction_reason TEXT,
                    withdrawn_at TEXT,
                    withdrawal_reason TEXT,
                    updated_seq INTEGER NOT NULL
                );
                CREATE INDEX meeting_starts_at ON meeting(starts_at);
                CREATE INDEX meeting_published ON meeting(published_at);
                CREATE INDEX meeting_month ON meeting(published_month);

                CREATE TABLE meeting_participant (
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
                    position INTEGER NOT NULL,
                    official_id INTEGER NOT NULL REFERENCES official(id),
                    PRIMARY KEY (meeting_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX meeting_participant_official ON meeting_participant(official_id, meeting_id);

                CREATE TABLE meeting_counterpart (
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
                    position INTEGER NOT NULL,
                    organisation_id INTEGER REFERENCES organisation(id),
                    on_behalf_of_id INTEGER REFERENCES organisation(id),
                    PRIMARY KEY (meeting_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX meeting_counterpart_organisation ON meeting_counterpart(organisation_id, meeting_id);
                CREATE INDEX meeting_counterpart_client ON meeting_counterpart(on_behalf_of_id, meeting_id);

                CREATE TABLE meeting_person (
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
                    counterpart_position INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    name TEXT,
                    role TEXT,
                    private INTEGER NOT NULL,
                    PRIMARY KEY (meeting_id, counterpart_position, position)
                ) WITHOUT ROWID;

                CREATE TABLE meeting_issue (
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
                    position INTEGER NOT NULL,
                    issue_id INTEGER NOT NULL REFERENCES issue(id),
                    PRIMARY KEY (meeting_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX meeting_issue_issue ON meeting_issue(issue_id, meeting_id);

                CREATE TABLE meeting_document (
                    meeting_id INTEGER NOT NULL REFERENCES meeting(id),
                    position INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    direction TEXT NOT NULL,
                    url TEXT,
                    PRIMARY KEY (meeting_id, position)
                ) WITHOUT ROWID;

                CREATE VIRTUAL TABLE meeting_search USING fts5(
                    subject, summary, place, counterparts, issues,
                    tokenize = 'unicode61 remove_diacritics 0'
                );

                CREATE TABLE endpoint (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    url TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    secret TEXT,
                    token TEXT,
                    enabled INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    created_after_seq INTEGER NOT NULL
                );
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    endpoint_id INTEGER NOT NULL REFERENCES endpoint(id),
                    change_seq INTEGER NOT NULL REFERENCES change(seq),
                    entity TEXT NOT NULL,
                    entity_id INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT NOT NULL,
                    last_attempt_at TEXT,
                    last_error TEXT,
                    delivered_at TEXT,
                    UNIQUE (endpoint_id, change_seq)
                );
                CREATE INDEX outbox_queue ON outbox(endpoint_id, state, change_seq);
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE endpoint ADD COLUMN resource_id TEXT;
                ALTER TABLE outbox ADD COLUMN queued_at TEXT;
                ALTER TABLE outbox ADD COLUMN first_failed_at TEXT;
                UPDATE outbox SET queued_at = next_attempt_at;
                CREATE INDEX outbox_record ON outbox(endpoint_id, entity, entity_id, state, change_seq);
                """)
        }
        migrator.registerMigration("v3-feed-indexes") { db in
            try db.execute(sql: """
                CREATE INDEX meeting_status_published ON meeting(status, published_at);
                """)
        }
        migrator.registerMigration("v4-ledger-commitments") { db in
            // Every string of a change now stands as a commitment (so that it can be redacted);
            // a ledger written in the earlier form cannot be converted without breaking its chain.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change") ?? 0 > 0 {
                throw LedgerFormatError()
            }
            try db.execute(sql: """
                ALTER TABLE change ADD COLUMN confidential TEXT;
                ALTER TABLE change ADD COLUMN redacted TEXT;
                ALTER TABLE change ADD COLUMN public_body TEXT;
                """)
        }
        migrator.registerMigration("v4-push") { db in
            try db.execute(sql: """
                ALTER TABLE endpoint ADD COLUMN paused_at TEXT;
                ALTER TABLE endpoint ADD COLUMN pause_reason TEXT;
                """)
        }
        migrator.registerMigration("v4-feeds") { db in
            // The public meeting changes numbered 1, 2, 3… in ledger order: the feed
            // archives are pages of consecutive numbers.
            try db.execute(sql: """
                CREATE TABLE feed_change (
                    ordinal INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL UNIQUE
                );
                INSERT INTO feed_change(seq) SELECT seq FROM change WHERE entity = 'meeting' AND public = 1 ORDER BY seq;
                """)
        }
        migrator.registerMigration("v5-statistics") { db in
            // Cover the statistics page's counts by direction, format, disclosed counterparts and start
            // month, and its range counts at month boundaries.
            try db.execute(sql: """
                CREATE INDEX meeting_statistics ON meeting(status, direction, format, counterparts_disclosed, starts_at);
                CREATE INDEX meeting_status_starts ON meeting(status, starts_at);
                """)
        }
        migrator.registerMigration("v5-web") { db in
            // The start page lists the meetings changed last.
            try db.execute(sql: "CREATE INDEX meeting_status_updated ON meeting(status, updated_at, id)")
        }
        migrator.registerMigration("v5-search") { db in
            // The index gains our officials' names and the filter tags (see `SearchIndex`),
            // and prefix indexes for two- and three-letter prefixes; it is built anew
            // from the public tables (the row is `SearchIndex.rowSelect` as it was
            // when this migration shipped). The second index is the search's newest-first
            // order, a withheld start last.
            try db.execute(sql: """
                DROP TABLE meeting_search;
                CREATE VIRTUAL TABLE meeting_search USING fts5(
                    subject, summary, place, counterparts, issues, officials, tags,
                    tokenize = "unicode61 remove_diacritics 0 tokenchars '_'", prefix = '2 3'
                );
                INSERT INTO meeting_search(rowid, subject, summary, place, counterparts, issues, officials, tags)
                SELECT m.id, COALESCE(m.subject, ''), COALESCE(m.summary, ''), COALESCE(m.place, ''),
                    COALESCE((SELECT group_concat(name, ' ') FROM (
                        SELECT o.name AS name FROM meeting_counterpart c JOIN organisation o ON o.id = c.organisation_id WHERE c.meeting_id = m.id
                        UNION ALL SELECT o.name FROM meeting_counterpart c JOIN organisation o ON o.id = c.on_behalf_of_id WHERE c.meeting_id = m.id
                        UNION ALL SELECT p.name FROM meeting_person p WHERE p.meeting_id = m.id AND p.name IS NOT NULL)), ''),
                    COALESCE((SELECT group_concat(i.title, ' ') FROM meeting_issue mi JOIN issue i ON i.id = mi.issue_id WHERE mi.meeting_id = m.id), ''),
                    COALESCE((SELECT group_concat(o.name, ' ') FROM meeting_participant p JOIN official o ON o.id = p.official_id WHERE p.meeting_id = m.id), ''),
                    COALESCE((SELECT group_concat(tag, ' ') FROM (
                        SELECT '_o' || official_id AS tag FROM meeting_participant WHERE meeting_id = m.id
                        UNION SELECT '_u' || o.unit_id FROM meeting_participant p JOIN official o ON o.id = p.official_id WHERE p.meeting_id = m.id
                        UNION SELECT '_g' || organisation_id FROM meeting_counterpart WHERE meeting_id = m.id AND organisation_id IS NOT NULL
                        UNION SELECT '_g' || on_behalf_of_id FROM meeting_counterpart WHERE meeting_id = m.id AND on_behalf_of_id IS NOT NULL
                        UNION SELECT '_k' || replace(o.kind, '-', '') FROM meeting_counterpart c JOIN organisation o
                            ON o.id = c.organisation_id OR o.id = c.on_behalf_of_id WHERE c.meeting_id = m.id
                        UNION SELECT '_i' || issue_id FROM meeting_issue WHERE meeting_id = m.id
                        UNION SELECT '_d' || m.direction WHERE m.direction IS NOT NULL
                        UNION SELECT '_f' || replace(m.format, '-', '') WHERE m.format IS NOT NULL)), '')
                FROM meeting m
                WHERE m.status = 'published';
                CREATE INDEX meeting_newest_start ON meeting(status, COALESCE(starts_at, ''), id);
                """)
        }
        migrator.registerMigration("v6-tallies") { db in
            // The subject pages and the statistics read counts kept by the write path (`MeetingTallies`).
            try db.execute(sql: MeetingTallies.schema)
            try MeetingTallies.rebuild(in: db)
        }
        migrator.registerMigration("v6-accounts") { db in
            // Who may write: accounts (a password only as a bcrypt hash), the officials a
            // recorder acts for, API tokens and sessions and reset links (each only as a
            // SHA-256 hash of the secret), failed sign-ins for throttling, and the access
            // log of reads of confidential values, which nobody can change.
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL,
                    password_hash TEXT,
                    created_at TEXT NOT NULL,
                    disabled_at TEXT
                );
                CREATE TABLE account_official (
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    official_id INTEGER NOT NULL REFERENCES official(id),
                    PRIMARY KEY (account_id, official_id)
                ) WITHOUT ROWID;

                CREATE TABLE api_token (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    hash TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT,
                    last_used_at TEXT,
                    revoked_at TEXT
                );
                CREATE TABLE api_token_official (
                    token_id INTEGER NOT NULL REFERENCES api_token(id),
                    official_id INTEGER NOT NULL REFERENCES official(id),
                    PRIMARY KEY (token_id, official_id)
                ) WITHOUT ROWID;

                CREATE TABLE session (
                    hash TEXT PRIMARY KEY NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    csrf TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    last_seen_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX session_account ON session(account_id);

                CREATE TABLE password_reset (
                    hash TEXT PRIMARY KEY NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL,
                    used_at TEXT
                ) WITHOUT ROWID;

                CREATE TABLE sign_in_failure (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL,
                    address TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE INDEX sign_in_failure_email ON sign_in_failure(email, at);
                CREATE INDEX sign_in_failure_address ON sign_in_failure(address, at);

                CREATE TABLE access_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    principal_kind TEXT NOT NULL,
                    principal_id INTEGER,
                    principal_name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id INTEGER,
                    what TEXT NOT NULL
                );
                CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
                    BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
                CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
                    BEGIN SELECT RAISE(ABORT, 'the access log cannot be changed'); END;
                """)
        }
        migrator.registerMigration("v6-write-api") { db in
            // A create sent again with the same Idempotency-Key (per actor) within a day
            // returns what the first made; the key is written in the create's transaction.
            // The legal grounds on which a field may be withheld, kept by the registrar.
            try db.execute(sql: """
                CREATE TABLE idempotency_key (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (scope, key)
                );
                CREATE INDEX idempotency_key_created ON idempotency_key(created_at);
                CREATE TABLE legal_ground (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ground TEXT NOT NULL UNIQUE,
                    description TEXT NOT NULL,
                    added_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v7-oversight") { db in
            // The statistics' timeliness: each public meeting's start month and publication
            // delay, and their counts per unit (see `PublicationTimeliness`).
            try db.execute(sql: PublicationTimeliness.schema)
            try PublicationTimeliness.rebuild(in: db)
        }
        migrator.registerMigration("v7-review") { db in
            // A draft sent for the registrar's review (`queued`) or returned with a
            // comment (`returned`); no row for a draft outside review. Written only with
            // the `meeting.submitted` and `meeting.returned` changes and cleared on publication.
            try db.execute(sql: """
                CREATE TABLE meeting_review (
                    meeting_id INTEGER PRIMARY KEY REFERENCES meeting_record(id),
                    state TEXT NOT NULL CHECK (state IN ('queued', 'returned')),
                    at TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    by_name TEXT NOT NULL,
                    comment TEXT
                );
                CREATE INDEX meeting_review_state ON meeting_review(state, seq);
                """)
        }
        migrator.registerMigration("v8-searchspeed") { db in
            // Every token of the search index, so that a word beginning only one of them
            // is searched as that token (see `SearchTerms`); kept by the write path.
            try db.execute(sql: SearchTerms.schema)
            try db.execute(sql: SearchTerms.fill)
        }
        migrator.registerMigration("v9-searchspeed2") { db in
            // How many index rows hold each token, so that ranking needs no count (see `SearchRank`); kept by the write path.
            try db.execute(sql: SearchTerms.countRows)
        }
        migrator.registerMigration("v10-pagespeed2") { db in
            // The footprints' top lists read from indexes (see `MeetingTallies.footprintIndexes`).
            try db.execute(sql: MeetingTallies.footprintIndexes)
        }
        migrator.registerMigration("v11-importspeed2") { db in
            // A change's openings are stored as its salts in bytes and the values the public body
            // lacks (`StoredOpenings`); changes stored before keep theirs in `openings`, read as before.
            try db.execute(sql: """
                ALTER TABLE change ADD COLUMN salts BLOB;
                ALTER TABLE change ADD COLUMN kept_openings TEXT;
                """)
            // The batch path before this version left its published meetings out of the timeliness counts.
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meeting WHERE status = 'published' AND starts_at IS NOT NULL AND start_month IS NULL)") == true {
                try PublicationTimeliness.rebuild(in: db)
            }
        }
        migrator.registerMigration("v12-statisticsspeed") { db in
            // The statistics' top lists read from indexes (see `MeetingTallies.rankedIndexes`).
            try db.execute(sql: MeetingTallies.rankedIndexes)
        }
        return migrator
    }
}

/// A register written by a development version before the ledger's commitment form.
public struct LedgerFormatError: Error, CustomStringConvertible {
    public var description: String {
        "this register was written by an earlier development version of Insyn, whose ledger form is no longer read; create it anew (e.g. remove the file and run `insyn demo`)"
    }
}
