//! Stories about starting Faro: migrations on both databases, and the one-sentence errors of
//! the `faro` command when something is wrong.

mod common;

use common::TestDatabase;
use faro_server::database::{self, Backend};
use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

on_both_databases!(
    migrating_twice_is_harmless,
    a_database_from_a_newer_faro_is_refused,
);

async fn migrating_twice_is_harmless(backend: Backend) {
    let db = TestDatabase::create(backend).await;
    let pool = database::connect(&db.url).await.unwrap();
    database::migrate(&pool).await.unwrap();
    database::migrate(&pool).await.unwrap();
}

async fn a_database_from_a_newer_faro_is_refused(backend: Backend) {
    let db = TestDatabase::create(backend).await;
    let pool = database::connect(&db.url).await.unwrap();
    database::migrate(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES ($1, 'from the future', $2, $3, 0)",
    )
    .bind(29991231000000_i64)
    .bind(true)
    .bind(vec![0_u8; 48])
    .execute(&pool)
    .await
    .unwrap();
    let err = database::migrate(&pool).await.unwrap_err().to_string();
    assert!(err.contains("newer version of Faro"), "{err}");
    assert!(err.contains("29991231000000"), "{err}");
}

/// The migrations of both databases have the same versions and descriptions, and produce the
/// same tables with the same columns.
#[tokio::test]
async fn both_databases_get_the_same_schema() {
    let list = |backend: Backend| -> Vec<(i64, String)> {
        database::migrator(backend)
            .iter()
            .map(|m| (m.version, m.description.to_string()))
            .collect()
    };
    assert_eq!(list(Backend::Sqlite), list(Backend::Postgres));

    let mut schemas = Vec::new();
    for (backend, sql) in [
        (
            Backend::Sqlite,
            "SELECT m.name AS table_name, p.name AS column_name
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        ),
        (
            Backend::Postgres,
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT)
             FROM information_schema.columns
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
        ),
    ] {
        let db = TestDatabase::create(backend).await;
        let pool = database::connect(&db.url).await.unwrap();
        database::migrate(&pool).await.unwrap();
        let mut columns: Vec<(String, String)> =
            sqlx::query_as(sql).fetch_all(&pool).await.unwrap();
        columns.sort();
        assert!(columns
            .iter()
            .any(|(t, c)| t == "projects" && c == "client_company_id"));
        schemas.push(columns);
    }
    assert_eq!(schemas[0], schemas[1]);
}

fn faro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("FARO_ADDR")
        .env("RUST_LOG", "info")
        .output()
        .expect("faro runs")
}

/// Asserts that `faro` failed with one sentence on stderr containing `expected`.
fn assert_fails_with(output: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "faro should have failed; stderr: {stderr}"
    );
    assert!(
        stderr.contains(expected),
        "expected {expected:?} in: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    let sentence = stderr
        .lines()
        .find(|l| l.starts_with("faro: "))
        .expect("a `faro: …` line");
    assert!(sentence.contains(expected), "{sentence}");
}

#[test]
fn a_database_url_of_another_kind_is_explained() {
    let output = faro(&[
        "migrate",
        "--database-url",
        "mysql://root:hunter2@localhost/faro",
    ]);
    assert_fails_with(
        &output,
        "DATABASE_URL must start with sqlite:// or postgres://",
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("hunter2"),
        "passwords stay secret"
    );
}

#[test]
fn an_unreachable_postgres_is_explained() {
    let output = faro(&[
        "migrate",
        "--database-url",
        "postgres://faro:pw@127.0.0.1:1/faro",
    ]);
    assert_fails_with(
        &output,
        "Cannot connect to the PostgreSQL database at postgres://faro:***@127.0.0.1:1/faro",
    );
}

#[test]
fn an_unwritable_data_folder_is_explained() {
    let output = faro(&[
        "migrate",
        "--database-url",
        "sqlite:///dev/null/faro/faro.db",
    ]);
    assert_fails_with(&output, "Cannot create the data folder /dev/null/faro");
}

#[test]
fn a_port_in_use_is_explained() {
    let folder = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let url = format!("sqlite://{}/faro.db", folder.path().display());
    let output = faro(&["serve", "--addr", &addr, "--database-url", &url]);
    assert_fails_with(&output, &format!("Address {addr} is already in use"));
}

#[test]
fn help_explains_every_setting() {
    let output = faro(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for needle in [
        "serve",
        "migrate",
        "demo",
        "FARO_ADDR",
        "DATABASE_URL",
        "FARO_BASE_URL",
        "RUST_LOG",
    ] {
        assert!(help.contains(needle), "--help mentions {needle}:\n{help}");
    }
}

#[test]
fn demo_from_the_command_line_runs_twice_and_creates_the_data_folder() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/data/faro.db", folder.path().display());
    let first = faro(&["demo", "--database-url", &url]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(
        stdout.contains("Demo data created") && stdout.contains("pm@demo.test"),
        "{stdout}"
    );
    let second = faro(&["demo", "--database-url", &url]);
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).contains("already there"));
}

fn http_get(addr: &str, path: &str) -> std::io::Result<String> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

#[test]
fn serve_logs_each_request_and_stops_cleanly_on_sigterm() {
    let folder = tempfile::tempdir().unwrap();
    let addr = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().to_string()
    };
    let url = format!("sqlite://{}/faro.db", folder.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_faro"))
        .args([
            "serve",
            "--addr",
            &addr,
            "--database-url",
            &url,
            "--log",
            "info",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let started = Instant::now();
    let health = loop {
        match http_get(&addr, "/healthz") {
            Ok(response) => break response,
            Err(_) if started.elapsed() < Duration::from_secs(20) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            Err(e) => panic!("faro did not answer on {addr}: {e}"),
        }
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let missing = http_get(&addr, "/missing").unwrap();
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");

    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let stopped = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopped.elapsed() < Duration::from_secs(15),
            "faro did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        status.success(),
        "a requested stop is a clean exit: {status}"
    );

    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert!(
        stdout.contains(&format!("Faro is running at http://{addr}")),
        "{stdout}"
    );
    let mut logs = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    let line = |path: &str, status: &str| {
        logs.lines().any(|l| {
            l.contains(&format!("path={path}"))
                && l.contains(&format!("status={status}"))
                && l.contains("latency=")
        })
    };
    assert!(
        line("/healthz", "200"),
        "one line for /healthz with status and latency:\n{logs}"
    );
    assert!(
        line("/missing", "404"),
        "one line for /missing with status and latency:\n{logs}"
    );
    assert!(logs.contains("shutting down"), "{logs}");
}

/// Runs `faro` with `stdin` as its standard input (the password of `faro user add`).
fn faro_with_input(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("faro runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn the_first_owner_and_a_pm_are_added_from_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/faro.db", folder.path().display());
    let add = |email: &str, name: &str, role: &str, password: &str| {
        faro_with_input(
            &[
                "user",
                "add",
                "--organization",
                "Faro Agency",
                "--email",
                email,
                "--name",
                name,
                "--role",
                role,
                "--database-url",
                &url,
            ],
            &format!("{password}\n"),
        )
    };

    let short = add("olga@agency.test", "Olga Owner", "owner", "short");
    assert_fails_with(&short, "Use at least 10 characters");
    let pm_first = add("pablo@agency.test", "Pablo", "pm", "a long enough password");
    assert_fails_with(&pm_first, "no organization called \"Faro Agency\"");

    let owner = add(
        "Olga@Agency.test",
        "Olga Owner",
        "owner",
        "a long enough password",
    );
    let stdout = String::from_utf8_lossy(&owner.stdout);
    assert!(
        owner.status.success(),
        "{}",
        String::from_utf8_lossy(&owner.stderr)
    );
    assert!(
        stdout.contains(
            "Created the organization Faro Agency with its owner Olga Owner <olga@agency.test>"
        ),
        "{stdout}"
    );
    let pm = add("pablo@agency.test", "Pablo", "pm", "another long password");
    assert!(
        pm.status.success(),
        "{}",
        String::from_utf8_lossy(&pm.stderr)
    );
    assert!(String::from_utf8_lossy(&pm.stdout)
        .contains("Added Pablo <pablo@agency.test> to Faro Agency as pm"));
    let again = add("pablo@agency.test", "Pablo", "pm", "another long password");
    assert_fails_with(&again, "already exists");

    let pool = database::connect(&url).await.unwrap();
    let people: Vec<(String, String, String)> =
        sqlx::query_as("SELECT email, role, password_hash FROM users ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    let roles: Vec<(&str, &str)> = people
        .iter()
        .map(|(e, r, _)| (e.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        roles,
        [("olga@agency.test", "owner"), ("pablo@agency.test", "pm")]
    );
    assert!(people
        .iter()
        .all(|(_, _, hash)| hash.starts_with("$argon2id$")));
    let organizations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(organizations, 1);
}
