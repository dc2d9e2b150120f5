//! Opening the database named by `DATABASE_URL` (SQLite or PostgreSQL) and migrating it.

use crate::StartError;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{AnyPool, Connection, Executor};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

pub use faro_app::db::Backend;

/// The database a URL names; a sentence for anything but SQLite and PostgreSQL.
pub fn backend_of_url(url: &str) -> Result<Backend, StartError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StartError::InvalidDatabaseUrl(redact(url)))
    }
}

pub fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// The URL with any password replaced, safe to print.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***{}", &url[..scheme_end], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// The file a `sqlite:` URL names, when it names one.
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// Opens a pool on `url`. For SQLite the file and its folder are created when missing, and
/// every connection gets WAL, foreign keys, a busy timeout and NORMAL sync (settings SQLite
/// does not take in the URL).
pub async fn connect(url: &str) -> Result<AnyPool, StartError> {
    sqlx::any::install_default_drivers();
    let backend = backend_of_url(url)?;
    let mut url = url.to_string();
    if backend == Backend::Sqlite {
        if let Some(path) = sqlite_path(&url) {
            if let Some(folder) = Path::new(path)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(folder).map_err(|source| StartError::DataFolder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
        }
        if !url.contains("mode=") {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("mode=rwc");
        }
    }
    let options = AnyConnectOptions::from_str(&url)
        .map_err(|_| StartError::InvalidDatabaseUrl(redact(&url)))?;
    // One direct connection first: a pool retries a refused connection until its acquire
    // timeout, while a person starting Faro wants the reason at once.
    sqlx::AnyConnection::connect_with(&options)
        .await
        .map_err(|err| connect_error(backend, &url, err))?
        .close()
        .await
        .map_err(|err| connect_error(backend, &url, err))?;
    let pool = AnyPoolOptions::new()
        .max_connections(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        })
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA foreign_keys = ON",
                        "PRAGMA busy_timeout = 5000",
                        "PRAGMA synchronous = NORMAL",
                    ] {
                        conn.execute(pragma).await?;
                    }
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|err| connect_error(backend, &url, err))?;
    Ok(pool)
}

fn connect_error(backend: Backend, url: &str, err: sqlx::Error) -> StartError {
    let reason = match &err {
        sqlx::Error::Database(db) => db.message().to_string(),
        sqlx::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    };
    match backend {
        Backend::Sqlite => StartError::OpenSqlite {
            path: sqlite_path(url).unwrap_or(url).to_string(),
            reason,
        },
        Backend::Postgres => StartError::ConnectPostgres {
            target: redact(url),
            reason,
        },
    }
}

/// Applies the migrations this binary knows. A database migrated by a newer Faro is refused
/// rather than touched.
pub async fn migrate(pool: &AnyPool) -> Result<(), StartError> {
    migrator(Backend::of_pool(pool))
        .run(pool)
        .await
        .map_err(|err| match err {
            MigrateError::VersionMissing(version) => StartError::NewerDatabase(version),
            other => StartError::Migrate(other.to_string()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_printed() {
        assert_eq!(
            redact("postgres://faro:s3cret@db:5432/faro"),
            "postgres://faro:***@db:5432/faro"
        );
        assert_eq!(redact("postgres://db/faro"), "postgres://db/faro");
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite://data/faro.db?mode=rwc"),
            Some("data/faro.db")
        );
        assert_eq!(
            sqlite_path("sqlite:///var/lib/faro.db"),
            Some("/var/lib/faro.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }

    #[test]
    fn only_sqlite_and_postgres_are_accepted() {
        assert_eq!(backend_of_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            backend_of_url("postgresql://h/d").unwrap(),
            Backend::Postgres
        );
        let err = backend_of_url("mysql://root:pw@h/d")
            .unwrap_err()
            .to_string();
        assert!(err.contains("mysql://root:***@h/d"), "{err}");
    }
}
