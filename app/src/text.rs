//! Validated short text (names of organizations, companies, projects and people), and text
//! made safe for markup.

use crate::error::{AppError, Problem};
use serde::{Deserialize, Serialize};

/// Text made safe for HTML (and SVG) content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A trimmed, non-empty name of at most `max` characters, on one line.
fn parse_name(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if name.chars().count() > max {
        return Err(AppError::invalid(field, Problem::TooLong { max }));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(field, Problem::ControlCharacters));
    }
    Ok(name.to_string())
}

/// Declares a validated name type with `parse`, `as_str` and `Display`. `$field` is the form
/// field the name is entered in.
macro_rules! name_type {
    ($(#[$meta:meta])* $name:ident, $field:literal, $max:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, AppError> {
                parse_name($field, raw, $max).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// The name of an organization (the agency running Faro).
    OrganizationName, "organization_name", 120
);
name_type!(
    /// The name of a client company.
    CompanyName, "company_name", 120
);
name_type!(
    /// The name of a project.
    ProjectName, "project_name", 120
);
name_type!(
    /// A person's display name.
    PersonName, "name", 120
);
name_type!(
    /// A card's title on the board.
    CardTitle, "title", 200
);
name_type!(
    /// A milestone's title.
    MilestoneTitle, "title", 200
);
name_type!(
    /// A status update's one-line summary.
    UpdateSummary, "summary", 200
);
name_type!(
    /// The name of a board column.
    ColumnName, "column_name", 60
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            ProjectName::parse("  Web shop ").unwrap().as_str(),
            "Web shop"
        );
    }

    #[test]
    fn empty_long_and_multiline_names_are_refused_with_the_rule() {
        assert_eq!(
            ProjectName::parse("   ").unwrap_err(),
            AppError::invalid("project_name", Problem::Required)
        );
        let long = CompanyName::parse(&"x".repeat(121)).unwrap_err();
        assert_eq!(
            long.message(Locale::En.strings()),
            "Use at most 120 characters."
        );
        assert_eq!(
            long.message(Locale::Es.strings()),
            "Usa como máximo 120 caracteres."
        );
        assert!(CompanyName::parse(&"ñ".repeat(120)).is_ok());
        assert_eq!(
            OrganizationName::parse("a\nb").unwrap_err(),
            AppError::invalid("organization_name", Problem::ControlCharacters)
        );
    }
}
