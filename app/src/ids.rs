//! Typed ids: a project id cannot be passed where a client company id is expected.

/// Declares `pub struct $name(pub i64)`, serialisable, and readable/bindable by sqlx on the
/// server as a plain integer.
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// A client company of the organization: the customer a project is for. Here, not in
    /// `projects`, because a person (`accounts`) belongs to one too.
    ClientCompanyId
);

/// A yes/no stored as a 0/1 integer: sqlx `Any` cannot read a SQLite integer as `bool`
/// (docs/database.md), so rows read it through this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Flag(pub bool);

impl From<i64> for Flag {
    fn from(value: i64) -> Self {
        Flag(value != 0)
    }
}

/// An instant, as UTC milliseconds since the Unix epoch: the one representation that sorts and
/// compares exactly on both SQLite and PostgreSQL through sqlx `Any` (see docs/database.md).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Now, computed in Rust and bound as a parameter: SQL never calls `now()`.
    #[cfg(feature = "ssr")]
    pub fn now() -> Timestamp {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX))
    }
}
