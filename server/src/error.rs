//! Why Faro could not start: each variant is one sentence that says what to fix.

use std::net::SocketAddr;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "DATABASE_URL must start with sqlite:// or postgres://; got \"{0}\". \
         Fix it, or leave it unset to use a SQLite file in ./data/."
    )]
    InvalidDatabaseUrl(String),

    #[error(
        "Cannot create the data folder {path}: {source}. \
         Choose a writable location with --database-url or DATABASE_URL."
    )]
    DataFolder {
        path: String,
        source: std::io::Error,
    },

    #[error(
        "Cannot open the SQLite database {path}: {reason}. \
         Check that its folder is writable, or choose another with --database-url."
    )]
    OpenSqlite { path: String, reason: String },

    #[error(
        "Cannot connect to the PostgreSQL database at {target}: {reason}. \
         Check that the server is running and DATABASE_URL is right."
    )]
    ConnectPostgres { target: String, reason: String },

    #[error(
        "The database was set up by a newer version of Faro (it has migration {0}, which this \
         version does not know). Run the newer Faro, or point DATABASE_URL at another database."
    )]
    NewerDatabase(i64),

    #[error("Could not bring the database schema up to date: {0}.")]
    Migrate(String),

    #[error(
        "Address {0} is already in use by another program. \
         Stop it, or choose another address with --addr or FARO_ADDR."
    )]
    AddressInUse(SocketAddr),

    #[error("Cannot listen on {addr}: {source}. Choose another address with --addr or FARO_ADDR.")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },

    #[error("FARO_BASE_URL must start with http:// or https://; got \"{0}\".")]
    InvalidBaseUrl(String),

    #[error("The log filter \"{0}\" is not valid; try --log info or RUST_LOG=debug.")]
    InvalidLogFilter(String),

    #[error("Could not write the demo data: {0}.")]
    Demo(String),

    #[error("Could not add the user: {0}.")]
    User(String),

    #[error("Could not read the password: {0}.")]
    ReadPassword(std::io::Error),

    #[error("The web server stopped with an error: {0}.")]
    Serve(std::io::Error),

    #[error("{0}")]
    MailSettings(#[from] crate::mailer::SettingsError),

    #[error("No mail server is set: give --smtp-url or FARO_SMTP_URL.")]
    NoSmtp,

    #[error("The test message was not sent: {0}")]
    MailTest(String),
}
