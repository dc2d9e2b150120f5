//! The `faro` command line: commands, flags and their environment variables.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;

/// Where the database lives when nothing else is said: a SQLite file, created with its folder
/// on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/faro.db";

#[derive(Debug, Parser)]
#[command(
    name = "faro",
    version,
    about = "Faro, a self-hosted client portal: projects, boards, milestones and status updates \
             shared with your clients.",
    after_help = "Every flag can also be set by the environment variable shown beside it."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub config: Config,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Run the web server (the default): migrates the database, then serves until Ctrl-C or
    /// SIGTERM, finishing the requests in flight.
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Add the demo organization, its people and projects; does nothing if they are already
    /// there.
    Demo,
    /// Manage staff accounts from the command line.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the mail settings.
    #[command(subcommand)]
    Mail(MailCommand),
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum MailCommand {
    /// Send a test message through `--smtp-url` now (not through the outbox) and print the
    /// SMTP server's answer.
    Test {
        /// Where to send it.
        to: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum UserCommand {
    /// Add a staff member. The first owner of a new installation creates its organization.
    /// The password is read from standard input (asked for, hidden, on a terminal).
    Add {
        /// Name of the organization (created when adding its first owner).
        #[arg(long)]
        organization: String,
        /// The person's email address: what they sign in with.
        #[arg(long)]
        email: String,
        /// The person's name, as others see it.
        #[arg(long)]
        name: String,
        /// `owner` manages people and settings; `pm` runs projects.
        #[arg(long, value_enum, default_value = "owner")]
        role: StaffRole,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StaffRole {
    Owner,
    Pm,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port the web server listens on.
    #[arg(
        long,
        env = "FARO_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// Database to use: `sqlite://path/to/file.db` (created if missing) or
    /// `postgres://user:password@host:port/database`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: String,

    /// Public address of this Faro, used in links in emails (default: http://<addr>).
    #[arg(long, env = "FARO_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// What to log, as a tracing filter: `info`, `debug`, `faro_server=debug,sqlx=warn` …
    #[arg(long = "log", env = "RUST_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Log line format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "FARO_LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,

    /// Reverse proxies or load balancers in front of Faro (addresses or networks, comma
    /// separated: `10.0.0.0/8,192.168.1.7`). Requests from them carry the client's address in
    /// `X-Forwarded-For`, which Faro then believes for the hops they wrote; without this, the
    /// connecting address counts (sign-in limits are per address).
    #[arg(long = "trusted-proxy", env = "FARO_TRUSTED_PROXY", value_delimiter = ',',
          value_parser = crate::client_address::parse_network, global = true)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// How many live board streams this node keeps open at most; more are answered 503 with
    /// `Retry-After` (browsers retry). Each costs ~11 KiB.
    #[arg(long, env = "FARO_MAX_LIVE_STREAMS", default_value_t = crate::DEFAULT_MAX_LIVE_STREAMS, global = true)]
    pub max_live_streams: usize,

    /// The SMTP server Faro sends email through: `smtp://user:password@host:587` (STARTTLS,
    /// required when there are credentials), `smtps://user:password@host:465` (TLS), or
    /// `smtp://host:25` (a local relay; STARTTLS if it offers it). Without it nothing is sent:
    /// messages wait in the outbox, and owners see them at /admin/mail.
    #[arg(long, env = "FARO_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of Faro's email, as `Name <address>` (default: Faro at the public address's
    /// host).
    #[arg(long, env = "FARO_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,

    /// Folder with the compiled browser files (`pkg/`), as built by cargo-leptos.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// The sender of Faro's email: `--mail-from`, or `Faro <faro@host>` on the public address's
    /// host (`faro@localhost` for an address that is an IP).
    pub fn mail_from(&self, base_url: &str) -> String {
        if let Some(from) = &self.mail_from {
            return from.clone();
        }
        let host = base_url
            .split("://")
            .nth(1)
            .unwrap_or_default()
            .split(['/', ':'])
            .next()
            .unwrap_or_default();
        let host = if host.contains('.') && host.parse::<std::net::IpAddr>().is_err() {
            host
        } else {
            "localhost"
        };
        format!("Faro <faro@{host}>")
    }

    /// The public base URL without a trailing slash; an error sentence when it is not http(s).
    pub fn base_url(&self) -> Result<String, crate::StartError> {
        match &self.base_url {
            None => Ok(format!("http://{}", self.addr)),
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Ok(url.trim_end_matches('/').to_string())
            }
            Some(url) => Err(crate::StartError::InvalidBaseUrl(url.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("faro").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn serve_is_the_default_command_with_documented_defaults() {
        let cli = parse(&[]);
        assert_eq!(cli.command, None);
        assert_eq!(cli.config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(cli.config.base_url().unwrap(), "http://127.0.0.1:3000");
    }

    #[test]
    fn flags_may_follow_the_command() {
        let cli = parse(&["demo", "--database-url", "sqlite://x.db"]);
        assert_eq!(cli.command, Some(Command::Demo));
        assert_eq!(cli.config.database_url, "sqlite://x.db");
    }

    #[test]
    fn mail_comes_from_the_public_host_unless_told() {
        let cli = parse(&["--base-url", "https://portal.example.com:8443/"]);
        let base = cli.config.base_url().unwrap();
        assert_eq!(
            cli.config.mail_from(&base),
            "Faro <faro@portal.example.com>"
        );
        let cli = parse(&[]);
        assert_eq!(
            cli.config.mail_from("http://127.0.0.1:3000"),
            "Faro <faro@localhost>"
        );
        let cli = parse(&["--mail-from", "Acme <hello@acme.test>"]);
        assert_eq!(cli.config.mail_from("http://x"), "Acme <hello@acme.test>");
    }

    #[test]
    fn base_url_must_be_http() {
        let cli = parse(&["--base-url", "https://portal.example.com/"]);
        assert_eq!(cli.config.base_url().unwrap(), "https://portal.example.com");
        let cli = parse(&["--base-url", "portal.example.com"]);
        assert!(cli.config.base_url().is_err());
    }
}
