//! `TestApp`: the real router on a fresh database (a SQLite file in a temporary folder, or a new
//! PostgreSQL database dropped afterwards), served on a random loopback port and called over
//! HTTP as a browser would.
#![allow(dead_code)]

pub mod smtp;
pub mod stream;

use faro_app::error::AppError;
use faro_server::database::{self, Backend};
use faro_server::AppState;
use sqlx::AnyPool;
use std::sync::atomic::{AtomicU32, Ordering};

/// Where the tests find a PostgreSQL server to create their databases in.
pub fn postgres_admin_url() -> String {
    std::env::var("FARO_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// A database that exists for one test only.
pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    _folder: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> TestDatabase {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}/faro.db", folder.path().display());
                TestDatabase {
                    url,
                    backend,
                    _folder: Some(folder),
                    postgres_name: None,
                }
            }
            Backend::Postgres => {
                static NEXT: AtomicU32 = AtomicU32::new(0);
                let name = format!(
                    "faro_test_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let admin = admin_pool().await;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                    .execute(&admin)
                    .await
                    .unwrap();
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&admin)
                    .await
                    .unwrap();
                admin.close().await;
                let base = postgres_admin_url();
                let server = base
                    .rsplit_once('/')
                    .map_or(base.as_str(), |(server, _)| server);
                let url = format!("{server}/{name}");
                TestDatabase {
                    url,
                    backend,
                    _folder: None,
                    postgres_name: Some(name),
                }
            }
        }
    }
}

async fn admin_pool() -> AnyPool {
    sqlx::any::install_default_drivers();
    let url = postgres_admin_url();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .unwrap_or_else(|e| {
            panic!("PostgreSQL must answer at {url} for the tests (make test starts it): {e}")
        })
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        // Drop runs outside any async context we could borrow, so use a runtime of its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let admin = admin_pool().await;
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&admin)
                    .await;
            });
        })
        .join();
    }
}

pub struct TestApp {
    pub address: String,
    pub pool: AnyPool,
    pub client: reqwest::Client,
    pub database: TestDatabase,
}

impl TestApp {
    /// A migrated, empty database behind the real router.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with_site(backend, "target/site").await
    }

    /// The same, serving the browser files under `site_root` (`pkg/…`).
    pub async fn spawn_with_site(backend: Backend, site_root: &str) -> TestApp {
        TestApp::spawn_configured(backend, site_root, |_| {}).await
    }

    /// The demo data behind a router whose settings `configure` changes first (limits,
    /// intervals, trusted proxies), as flags would.
    pub async fn spawn_with_demo_configured(
        backend: Backend,
        configure: impl FnOnce(&mut AppState),
    ) -> TestApp {
        let app = TestApp::spawn_configured(backend, "target/site", configure).await;
        faro_server::demo::seed(&app.pool).await.expect("demo data");
        app
    }

    /// A router serving `site_root`, with settings `configure` changes first.
    pub async fn spawn_configured(
        backend: Backend,
        site_root: &str,
        configure: impl FnOnce(&mut AppState),
    ) -> TestApp {
        let database = TestDatabase::create(backend).await;
        let pool = database::connect(&database.url)
            .await
            .expect("test database opens");
        database::migrate(&pool).await.expect("migrations apply");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut state = AppState::new(pool.clone(), addr, site_root, &format!("http://{addr}"));
        configure(&mut state);
        tokio::spawn(faro_server::serve(listener, state, std::future::pending()));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            address: format!("http://{addr}"),
            pool,
            client,
            database,
        }
    }

    /// A second Faro node on the same database (its own pool, hub and port), as in a
    /// deployment of several nodes sharing one PostgreSQL. Answers its address.
    #[allow(dead_code)]
    pub async fn another_node(&self) -> String {
        let pool = database::connect(&self.database.url)
            .await
            .expect("test database opens");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState::new(pool, addr, "target/site", &format!("http://{addr}"));
        tokio::spawn(faro_server::serve(listener, state, std::future::pending()));
        format!("http://{addr}")
    }

    /// The same, with the demo data in it.
    pub async fn spawn_with_demo(backend: Backend) -> TestApp {
        let app = TestApp::spawn(backend).await;
        faro_server::demo::seed(&app.pool).await.expect("demo data");
        app
    }

    /// A client that keeps cookies, as a browser does.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// Posts the sign-in form as a script would; answers the response.
    pub async fn sign_in_with(
        &self,
        browser: &reqwest::Client,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        browser
            .post(self.url("/api/accounts/sign_in"))
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap()
    }

    /// A browser signed in as `email` (a demo person, with the demo password).
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let browser = self.browser();
        let response = self
            .sign_in_with(&browser, email, faro_server::demo::DEMO_PASSWORD)
            .await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "{email} signs in: {}",
            response.status()
        );
        browser
    }

    /// GETs `path` with `browser` as a navigation would, answering status and body. The body
    /// is given without the empty `<!>` comments that mark text for hydration, so stories can
    /// look for text as a reader sees it.
    pub async fn page(&self, browser: &reqwest::Client, path: &str) -> (u16, String) {
        let response = browser
            .get(self.url(path))
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap().replace("<!>", ""))
    }

    /// Calls a server function with no arguments, answering status and JSON body.
    pub async fn call(&self, browser: &reqwest::Client, path: &str) -> (u16, serde_json::Value) {
        let response = browser
            .post(self.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    /// Calls a server function as the browser does: its own argument struct (the one
    /// `#[server]` generates), posted as a form to its own address, and its real answer back:
    /// the return type, or the `AppError` with its status.
    pub async fn run<F>(&self, who: &reqwest::Client, call: F) -> Result<F::Output, (u16, AppError)>
    where
        F: leptos::server_fn::ServerFn + serde::Serialize,
        F::Output: serde::de::DeserializeOwned,
    {
        let response = who
            .post(self.url(F::PATH))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(serde_qs::to_string(&call).expect("arguments as a form"))
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        if response.status().is_success() {
            Ok(response.json().await.expect("the declared return type"))
        } else {
            Err((status, response.json().await.expect("an AppError")))
        }
    }

    /// Posts a hand-written form to `path`, for what a typed call cannot send (fields left
    /// out, malformed values): the status and the JSON answer.
    pub async fn post_form(
        &self,
        who: &reqwest::Client,
        path: &str,
        form: &[(&str, String)],
    ) -> (u16, serde_json::Value) {
        let response = who.post(self.url(path)).form(form).send().await.unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// GETs `path` as a browser navigation would.
    pub async fn get_page(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("Accept", "text/html")
            .send()
            .await
            .expect("request reaches the server")
    }
}

/// Writes each story once and runs it on SQLite and on PostgreSQL, as `sqlite::name` and
/// `postgres::name` in the test output.
#[macro_export]
macro_rules! on_both_databases {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story(faro_server::database::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    super::$story(faro_server::database::Backend::Postgres).await;
                }
            )*
        }
    };
}

/// Like `on_both_databases!`, for stories about requests at the same instant: the server runs
/// on several threads, as in production, as `sqlite_at_once::name` and `postgres_at_once::name`.
#[macro_export]
macro_rules! on_both_databases_at_once {
    ($($story:ident),* $(,)?) => {
        mod sqlite_at_once {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $story() {
                    super::$story(faro_server::database::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres_at_once {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $story() {
                    super::$story(faro_server::database::Backend::Postgres).await;
                }
            )*
        }
    };
}

/// The session cookie (`faro_session=…`) a response sets, for a second device to use.
pub fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("faro_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_string()
}

/// A second client member of the shop, signed in.
pub async fn second_shop_client(app: &TestApp) -> reqwest::Client {
    use faro_app::accounts::{db, password, Email, Role};
    use faro_app::text::PersonName;
    let (org, company): (i64, i64) = sqlx::query_as(
        "SELECT organization_id, client_company_id FROM users WHERE email = 'ana@cliente-uno.test'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let email = Email::parse("carla@cliente-uno.test").unwrap();
    let name = PersonName::parse("Carla Ruiz").unwrap();
    let user = db::create_user(
        &app.pool,
        db::NewUser {
            organization: faro_app::accounts::OrganizationId(org),
            client_company: Some(faro_app::ids::ClientCompanyId(company)),
            email: &email,
            name: &name,
            role: Role::Client,
        },
    )
    .await
    .unwrap();
    let hash = password::hash("carla's long password".into())
        .await
        .unwrap();
    db::set_password_hash(&app.pool, user, &hash).await.unwrap();
    let shop = project_named(app, "Tienda online").await;
    faro_app::projects::db::add_project_member(&app.pool, shop, user)
        .await
        .unwrap();
    let browser = app.browser();
    app.sign_in_with(&browser, "carla@cliente-uno.test", "carla's long password")
        .await;
    browser
}

/// The demo project called `name`.
pub async fn project_named(app: &TestApp, name: &str) -> faro_app::projects::ProjectId {
    faro_app::projects::ProjectId(
        sqlx::query_scalar("SELECT id FROM projects WHERE name = $1")
            .bind(name)
            .fetch_one(&app.pool)
            .await
            .unwrap(),
    )
}

/// A client's sign-off of the completion `milestone` is at now (its current round), as the
/// milestone page would post it.
pub async fn sign_off(
    app: &TestApp,
    project: faro_app::projects::ProjectId,
    milestone: faro_app::milestones::MilestoneId,
    decision: &str,
    comment: &str,
) -> faro_app::milestones::api::SignOffMilestone {
    let round: Option<i64> = sqlx::query_scalar("SELECT round FROM milestones WHERE id = $1")
        .bind(milestone)
        .fetch_optional(&app.pool)
        .await
        .unwrap();
    faro_app::milestones::api::SignOffMilestone {
        project,
        milestone,
        decision: decision.into(),
        comment: comment.into(),
        round: round.unwrap_or(0),
    }
}

/// A single number the database answers `sql` with (a count, an id, a version).
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}
