//! `faro`: parses the command line, sets up logging, runs the command, and turns any failure
//! into one sentence on stderr and a non-zero exit code.

use clap::Parser;
use faro_server::config::{Cli, Command, Config, LogFormat, MailCommand, UserCommand};
use faro_server::mailer::MailSettings;
use faro_server::{database, demo, AppState, StartError};
use std::io::IsTerminal;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    return_large_blocks_to_the_system();
    let cli = Cli::parse();
    if let Err(err) = init_logging(&cli.config) {
        eprintln!("faro: {err}");
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("faro: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), cli.config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("faro: {err}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(config: &Config) -> Result<(), StartError> {
    let filter = EnvFilter::try_new(&config.log)
        .map_err(|_| StartError::InvalidLogFilter(config.log.clone()))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match config.log_format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
    Ok(())
}

async fn run(command: Command, config: Config) -> Result<(), StartError> {
    let base_url = config.base_url()?;
    let pool = database::connect(&config.database_url).await?;
    database::migrate(&pool).await?;
    match command {
        Command::Migrate => {
            println!("The database is up to date.");
            Ok(())
        }
        Command::Demo => {
            let outcome = demo::seed(&pool)
                .await
                .map_err(|e| StartError::Demo(e.to_string()))?;
            match outcome {
                demo::Seeded::Created => {
                    println!("Demo data created: {}.", demo::DEMO_ORGANIZATION)
                }
                demo::Seeded::AlreadyThere => println!("Demo data is already there."),
            }
            println!(
                "Sign in as any of these, with the password {}:",
                demo::DEMO_PASSWORD
            );
            for (email, name, role) in demo::DEMO_PEOPLE {
                println!("  {email:<24} {name} ({role})");
            }
            Ok(())
        }
        Command::User(UserCommand::Add {
            organization,
            email,
            name,
            role,
        }) => {
            let password = read_password()?;
            let who = faro_server::users::NewStaff {
                organization: &organization,
                name: &name,
                email: &email,
                role,
            };
            println!("{}", faro_server::users::add(&pool, who, &password).await?);
            println!("They can sign in at {base_url}/login");
            Ok(())
        }
        Command::Mail(MailCommand::Test { to }) => {
            let smtp_url = config.smtp_url.as_deref().ok_or(StartError::NoSmtp)?;
            let mail = MailSettings::new(smtp_url, &config.mail_from(&base_url), node_name())?;
            let message = faro_app::notifications::compose::test_message(&to, &base_url);
            let email = lettre::Message::builder()
                .from(mail.from().clone())
                .to(to
                    .parse()
                    .map_err(|e| StartError::MailTest(format!("{to}: {e}")))?)
                .subject(&message.subject)
                .body(message.text)
                .map_err(|e| StartError::MailTest(e.to_string()))?;
            let answer = mail
                .send_message(email)
                .await
                .map_err(|failure| StartError::MailTest(failure.answer))?;
            println!("Sent to {to}. The mail server answered: {answer}");
            Ok(())
        }
        Command::Serve => {
            let listener = faro_server::bind(config.addr).await?;
            let mut state = AppState::new(pool, config.addr, &config.site_root, &base_url);
            if let Some(smtp_url) = &config.smtp_url {
                state.mail = Some(MailSettings::new(
                    smtp_url,
                    &config.mail_from(&base_url),
                    node_name(),
                )?);
            } else {
                println!("No mail server is set (FARO_SMTP_URL): email waits in the outbox, see /admin/mail.");
            }
            state.trusted_proxies =
                faro_server::client_address::TrustedProxies::new(config.trusted_proxies.clone());
            state.open_streams = faro_server::live::OpenStreams::new(config.max_live_streams);
            tracing::info!(addr = %config.addr, "listening");
            println!("Faro is running at {base_url}  (Ctrl-C stops it)");
            faro_server::serve(listener, state, shutdown_signal()).await?;
            tracing::info!("stopped");
            Ok(())
        }
    }
}

/// The new person's password: asked for twice, hidden, on a terminal; else the first line of
/// standard input (for scripts: `echo "$PASSWORD" | faro user add …`).
fn read_password() -> Result<String, StartError> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 10 characters): ")
            .map_err(StartError::ReadPassword)?;
        let again = rpassword::prompt_password("The same password again: ")
            .map_err(StartError::ReadPassword)?;
        if first != again {
            return Err(StartError::User("the two passwords differ".to_string()));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(StartError::ReadPassword)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Each password hash takes one 19 MiB block (Argon2's memory cost). glibc's allocator raises
/// its "use mmap" threshold to the size of the largest block freed, so after the first sign-in
/// those blocks came from the heap and stayed there: 22 MiB idle became 255 MiB after 100
/// sign-ins (`make bench`). A fixed threshold keeps every block of 1 MiB or more mmapped, so
/// freeing it gives the memory back at once.
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; called before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// This process's name in the outbox's claims: host, process id and a random part.
fn node_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    // Containers often share a pid (1) and may share a hostname: the random part keeps two
    // nodes' claims apart whatever their surroundings.
    format!(
        "{}:{}:{:04x}",
        if host.is_empty() { "faro" } else { &host },
        std::process::id(),
        rand::random::<u16>()
    )
}
