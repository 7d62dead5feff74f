//! Forward-only migrations keyed by SQLite's `user_version`.
//!
//! Each entry upgrades the schema by one version inside one transaction. Never edit a shipped
//! entry: add a new one. A database from a newer program is refused, not guessed at.

use crate::error::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};

pub const MIGRATIONS: &[&str] = &[
    // 1: the desk's records.
    r#"
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

    CREATE TABLE citizen (
        id TEXT PRIMARY KEY,
        full_name TEXT NOT NULL,
        name_folded TEXT NOT NULL,
        id_number TEXT,
        phone TEXT,
        address TEXT,
        address_folded TEXT,
        province TEXT,
        commune TEXT,
        birth_year INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE INDEX citizen_by_id_number ON citizen(id_number) WHERE id_number IS NOT NULL;
    CREATE INDEX citizen_by_phone ON citizen(phone) WHERE phone IS NOT NULL;
    CREATE INDEX citizen_by_name ON citizen(name_folded);

    CREATE TABLE visit (
        id TEXT PRIMARY KEY,
        visited_at TEXT NOT NULL,
        officer TEXT NOT NULL,
        kind TEXT NOT NULL,
        leader_present INTEGER NOT NULL,
        channel TEXT NOT NULL,
        headcount INTEGER NOT NULL CHECK (headcount >= 1),
        notes TEXT NOT NULL,
        handling TEXT NOT NULL
    );
    CREATE INDEX visit_by_time ON visit(visited_at);

    CREATE TABLE visit_citizen (
        visit_id TEXT NOT NULL REFERENCES visit(id),
        citizen_id TEXT NOT NULL REFERENCES citizen(id),
        representative INTEGER NOT NULL,
        PRIMARY KEY (visit_id, citizen_id)
    ) WITHOUT ROWID;
    CREATE INDEX visit_citizen_by_citizen ON visit_citizen(citizen_id);

    CREATE TABLE petition (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        received_on TEXT NOT NULL,
        source TEXT NOT NULL,
        source_agency TEXT,
        kind TEXT NOT NULL,
        round TEXT,
        field TEXT NOT NULL,
        subject TEXT NOT NULL,
        subject_folded TEXT NOT NULL,
        summary TEXT NOT NULL,
        remote_area INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        unit TEXT,
        officer TEXT,
        repeat_of TEXT REFERENCES petition(id),
        visit_id TEXT REFERENCES visit(id),
        -- Derived from the events by the lifecycle; cached for lists and verified by `check`.
        status TEXT NOT NULL,
        state TEXT NOT NULL,
        due_on TEXT,
        due_kind TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX petition_by_received ON petition(received_on);
    CREATE INDEX petition_by_due ON petition(due_on) WHERE due_on IS NOT NULL;
    CREATE INDEX petition_by_repeat ON petition(repeat_of) WHERE repeat_of IS NOT NULL;
    CREATE INDEX petition_by_visit ON petition(visit_id) WHERE visit_id IS NOT NULL;

    CREATE TABLE petition_filer (
        petition_id TEXT NOT NULL REFERENCES petition(id),
        citizen_id TEXT NOT NULL REFERENCES citizen(id),
        PRIMARY KEY (petition_id, citizen_id)
    ) WITHOUT ROWID;
    CREATE INDEX petition_filer_by_citizen ON petition_filer(citizen_id);

    CREATE TABLE code_counter (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);

    CREATE TABLE event (
        id TEXT PRIMARY KEY,
        petition_id TEXT NOT NULL REFERENCES petition(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        on_date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail TEXT NOT NULL,
        UNIQUE (petition_id, seq)
    );

    -- One row per write; each row hashes the previous one so edits behind the program's back show.
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        change TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    "#,
    // 2: the search index (see `search::index`): one contentless FTS5 row per petition over
    // folded text, kept current by the write paths; older petitions are indexed in the background.
    r#"
    CREATE VIRTUAL TABLE search_fts USING fts5(
        who, place, what, body, tag,
        content = '', contentless_delete = 1, detail = column,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
    );
    -- Every alphabetic term of three letters or more in the index: typo and prefix expansion.
    CREATE TABLE search_vocab (term TEXT PRIMARY KEY) WITHOUT ROWID;
    -- What each citizen looked like when their petitions were indexed; a change re-indexes them.
    CREATE TABLE search_citizen (citizen_id BLOB PRIMARY KEY, sig INTEGER NOT NULL) WITHOUT ROWID;
    -- Petitions stored before the index existed: indexed in the background, newest first.
    INSERT OR REPLACE INTO meta (key, value)
        SELECT 'search_backfill_upto', COALESCE(MAX(rowid), 0) FROM petition;
    "#,
    // 3: FTS5 keeps up to 8 MiB of new index entries in memory before writing a segment (the
    // default is 1 MiB): bulk loads write and merge far fewer small segments; a desk's one-petition
    // transactions are unaffected.
    r#"
    INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 8388608);
    "#,
    // 4: the open petitions alone, by deadline, carrying every column the deadline board, the
    // desk and the dashboard count and filter on: their counts read this small index and never
    // the table (a million petitions, a few hundred thousand open). The WHERE must stay the text
    // of `petitions::open_filter()` so SQLite sees that queries using it may use this index.
    r#"
    CREATE INDEX petition_open_by_due ON petition(due_on, status, kind, field, flags, officer, unit)
        WHERE status NOT IN ('transferred','guided','returned','filed','resolved','withdrawn');
    "#,
    // 5: the same index also carries what the board's "tái diễn" and "phức tạp" filters test
    // (`repeat_of`, and the complexity inside the lifecycle state, by the very expression
    // `due_lists` filters with), so those counts stay off the table too: 0.6 s and 3.4 s
    // on a million petitions before, ~50 ms after.
    r#"
    DROP INDEX petition_open_by_due;
    CREATE INDEX petition_open_by_due ON petition(
        due_on, status, kind, field, flags, officer, unit, repeat_of,
        json_extract(state, '$.complexity')
    ) WHERE status NOT IN ('transferred','guided','returned','filed','resolved','withdrawn');
    "#,
    // 6: typos on both sides (issue 11). The vocabulary takes two-letter words too (a record's
    // "vn" is a typo of "van"), and `search_typo` holds each term's deletion neighbourhood
    // (`search::query::typo_keys`, via the SQL function `tiepdan_typo_keys`), so a query finds
    // the terms within a typo of each of its words — first letter included — with a few lookups.
    r#"
    CREATE TABLE search_typo (
        del TEXT NOT NULL,
        term TEXT NOT NULL,
        PRIMARY KEY (del, term)
    ) WITHOUT ROWID;
    CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(main, 'search_fts', 'row');
    INSERT OR IGNORE INTO search_vocab (term)
        SELECT term FROM temp.search_terms
        WHERE term >= 'aa' AND term < 'zzz' AND length(term) = 2 AND term GLOB '[a-z][a-z]';
    DROP TABLE temp.search_terms;
    INSERT OR IGNORE INTO search_typo (del, term)
        SELECT k.value, v.term FROM search_vocab v, json_each(tiepdan_typo_keys(v.term)) k;
    "#,
    // 7: the keyed blind index of denouncers (`store::denouncers`, `secrecy`): HMAC tokens of
    // a denouncer's name words, typo keys, ID and phone, by the denunciation's search key. The
    // desk key lives outside the database; tokens are made once it is unlocked.
    r#"
    CREATE TABLE denouncer_blind (
        token TEXT NOT NULL,
        key INTEGER NOT NULL,
        PRIMARY KEY (token, key)
    ) WITHOUT ROWID;
    CREATE INDEX denouncer_blind_by_key ON denouncer_blind(key);
    "#,
    // 8: identity as given. A citizen row is a snapshot from now on: one filer exactly as written
    // on one intake, never updated. `person_id` links the snapshots of one person (a person is
    // named by their first snapshot's id); `linked_by` names the rule that linked a snapshot to
    // an earlier one (see `person::LinkRule`; NULL: it began a person of its own). Before this,
    // a filer matched by CCCD or phone was filed under the earlier record and what the new
    // petition said was dropped: those petitions are listed in `identity_unrecorded`, so
    // `check` can say which petitions' given identity was not kept.
    r#"
    ALTER TABLE citizen ADD COLUMN person_id BLOB;
    ALTER TABLE citizen ADD COLUMN linked_by TEXT;
    UPDATE citizen SET person_id = id;
    CREATE INDEX citizen_by_person ON citizen(person_id);

    -- Merges, splits and review flags of persons, oldest first: the history behind person_id.
    CREATE TABLE person_event (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        person_id BLOB NOT NULL,
        other_id BLOB,
        citizens TEXT NOT NULL,
        reason TEXT NOT NULL  -- the officer's reason; for a review flag, the shared ID number
    );
    CREATE INDEX person_event_by_person ON person_event(person_id);
    CREATE INDEX person_event_by_other ON person_event(other_id) WHERE other_id IS NOT NULL;

    CREATE TABLE identity_unrecorded (
        petition_id BLOB NOT NULL,
        citizen_id BLOB NOT NULL,
        PRIMARY KEY (petition_id, citizen_id)
    ) WITHOUT ROWID;
    INSERT INTO identity_unrecorded (petition_id, citizen_id)
        SELECT f.petition_id, f.citizen_id
        FROM petition_filer f JOIN petition p ON p.id = f.petition_id
        WHERE EXISTS (SELECT 1 FROM petition_filer g JOIN petition q ON q.id = g.petition_id
                      WHERE g.citizen_id = f.citizen_id AND q.rowid < p.rowid);
    "#,
    // 9: a petition voided as entered by mistake (`voided`) is closed: the open petitions'
    // index leaves it out too, its WHERE still the text of `petitions::open_filter()`.
    r#"
    DROP INDEX petition_open_by_due;
    CREATE INDEX petition_open_by_due ON petition(
        due_on, status, kind, field, flags, officer, unit, repeat_of,
        json_extract(state, '$.complexity')
    ) WHERE status NOT IN ('transferred','guided','returned','filed','resolved','withdrawn','voided');
    "#,
    // 10: denouncers' identities at rest (issue 13, `store::sealed`): a denouncer's name, ID,
    // phone, address and birth year, a denunciation's subject and summary, and the notes of the
    // visit that brought it (where the desk writes what was said), are kept only as
    // ciphertexts made with the desk key (key id ‖ nonce ‖ XChaCha20-Poly1305). The rows stored
    // before are sealed, and the file vacuumed, the first time a desk opens it with its key
    // (`Store::unlock_denouncer_index`): the key never enters the database, so SQL cannot.
    r#"
    ALTER TABLE citizen ADD COLUMN sealed BLOB;
    ALTER TABLE petition ADD COLUMN sealed BLOB;
    ALTER TABLE visit ADD COLUMN sealed BLOB;
    CREATE INDEX petition_unsealed ON petition(kind) WHERE kind = 'denunciation' AND sealed IS NULL;
    "#,
    // 11: the province tier (issue 16). Other desks' petitions pulled from the province server,
    // read-only, each with the desk that filed it: the record as pulled (`line`, JSON), the
    // fields a list shows, and `terms`, its folded search words (`PetitionLine::search_terms`)
    // between spaces, so " word" finds a word and its continuations. Never pushed back: a
    // desk pushes its own events only. The pull cursor and the last sync live in `meta`.
    r#"
    CREATE TABLE province_petition (
        id BLOB PRIMARY KEY,
        desk TEXT NOT NULL,
        seq INTEGER NOT NULL,
        code TEXT NOT NULL,
        received_on TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        subject TEXT NOT NULL,
        names TEXT NOT NULL,
        terms TEXT NOT NULL,
        line TEXT NOT NULL
    );
    CREATE INDEX province_petition_by_received ON province_petition(received_on);
    "#,
    // 12: an anonymous denunciation handled as information (`info_handled`, Luật Tố cáo 2018,
    // Điều 25) is closed: the open petitions' index leaves it out too, its WHERE still the text
    // of `petitions::open_filter()`.
    r#"
    DROP INDEX petition_open_by_due;
    CREATE INDEX petition_open_by_due ON petition(
        due_on, status, kind, field, flags, officer, unit, repeat_of,
        json_extract(state, '$.complexity')
    ) WHERE status NOT IN ('transferred','guided','returned','filed','info_handled','resolved','withdrawn','voided');
    "#,
    // 13: the leaders' published reception schedule (`store::schedule`): one row per day and
    // leader, never overwritten (a second entry for the same day and leader is refused).
    r#"
    CREATE TABLE leader_schedule (
        day TEXT NOT NULL,
        leader TEXT NOT NULL,
        note TEXT,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        PRIMARY KEY (day, leader)
    ) WITHOUT ROWID;
    "#,
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema to [`LATEST`], one transaction per step; refuses a newer database.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, LATEST)
}

/// Migrates up to `target` (tests use it to build every earlier version).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    // The search index's typo keys, for the migration that builds them over an existing
    // vocabulary (one definition: the write paths call `typo_keys` directly).
    conn.create_scalar_function(
        "tiepdan_typo_keys",
        1,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8
            | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let term: String = ctx.get(0)?;
            Ok(serde_json::to_string(&crate::search::query::typo_keys(&term)).unwrap_or_default())
        },
    )?;
    let found = version(conn)?;
    if found > LATEST {
        return Err(Error::DatabaseTooNew {
            found,
            supported: LATEST,
        });
    }
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the write lock.
        if version(&tx)? > index as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
