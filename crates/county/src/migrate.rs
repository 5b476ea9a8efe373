//! Schema migrations, embedded in the binary and applied in order at start (and before every
//! admin command). A released migration is never edited: its checksum is compared on start.
use sha2::{Digest, Sha256};
use tokio_postgres::Client;

/// (version, name, sql) in order.
pub const MIGRATIONS: &[(i32, &str, &str)] = &[
    (
        1,
        "0001_init",
        include_str!("../migrations/county/0001_init.sql"),
    ),
    (
        2,
        "0002_merges",
        include_str!("../migrations/county/0002_merges.sql"),
    ),
    (
        3,
        "0003_partial_reference_indexes",
        include_str!("../migrations/county/0003_partial_reference_indexes.sql"),
    ),
    (
        4,
        "0004_mutation_results_as_text",
        include_str!("../migrations/county/0004_mutation_results_as_text.sql"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("database: {0}")]
    Db(#[from] tokio_postgres::Error),
    #[error("migration {0} was changed after it was applied (checksum differs)")]
    Changed(String),
    #[error("the database has migration {0}, newer than this build knows")]
    Newer(i32),
}

fn checksum(sql: &str) -> String {
    hex::encode(Sha256::digest(sql.as_bytes()))
}

/// Applies the missing migrations, each in its own transaction. Concurrent starts serialise on
/// an advisory lock so two servers never apply the same migration twice.
pub async fn migrate(client: &mut Client) -> Result<(), MigrateError> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version integer PRIMARY KEY,
                 name text NOT NULL,
                 checksum text NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock(870001)", &[])
        .await?;
    let applied = tx
        .query(
            "SELECT version, checksum FROM schema_migrations ORDER BY version",
            &[],
        )
        .await?;
    let known_max = MIGRATIONS.last().map_or(0, |m| m.0);
    for row in &applied {
        let version: i32 = row.get(0);
        let sum: String = row.get(1);
        match MIGRATIONS.iter().find(|m| m.0 == version) {
            Some((_, name, sql)) if checksum(sql) != sum => {
                return Err(MigrateError::Changed((*name).to_owned()))
            }
            Some(_) => {}
            None if version > known_max => return Err(MigrateError::Newer(version)),
            None => {}
        }
    }
    for (version, name, sql) in MIGRATIONS {
        if applied.iter().any(|r| r.get::<_, i32>(0) == *version) {
            continue;
        }
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
            &[version, name, &checksum(sql)],
        )
        .await?;
        tracing::info!(migration = name, "applied");
    }
    tx.commit().await?;
    Ok(())
}
