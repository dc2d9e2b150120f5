//! Server functions for a person's own account: read it, change name / language / timezone,
//! change the password (which ends their other sessions).

use super::AccountSettings;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::policy::Action,
    crate::accounts::{password, session},
    crate::error::{with_status, Problem},
};

#[server(prefix = "/api", endpoint = "accounts/get_account")]
pub async fn get_account() -> Result<AccountSettings, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::EditOwnAccount).await?;
            let pool = crate::db::pool()?;
            let (name, email, locale, timezone) = super::db::find_settings(&pool, actor.id).await?;
            Ok(AccountSettings {
                name,
                email,
                locale: locale.as_deref().and_then(crate::i18n::Locale::from_tag),
                timezone,
                timezones: super::TimeZone::choices(),
            })
        }
        .await,
    )
}

/// Saves name, language (`""` follows the browser) and timezone. A chosen language also
/// becomes this browser's language.
#[server(prefix = "/api", endpoint = "accounts/update_profile")]
pub async fn update_profile(
    name: String,
    locale: String,
    timezone: String,
) -> Result<Option<crate::i18n::Locale>, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::EditOwnAccount).await?;
            let name = crate::text::PersonName::parse(&name)?;
            let locale = super::parse_locale(&locale)?;
            let timezone = super::TimeZone::parse(&timezone)?;
            let pool = crate::db::pool()?;
            super::db::update_profile(&pool, actor.id, &name, locale, &timezone).await?;
            if let Some(locale) = locale {
                crate::i18n::api::remember_locale(locale.code())?;
            }
            Ok(locale)
        }
        .await,
    )
}

/// Changes the password after checking the current one, and signs the person out everywhere
/// else; this browser stays signed in.
#[server(prefix = "/api", endpoint = "accounts/change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::EditOwnAccount).await?;
            let pool = crate::db::pool()?;
            // Wrong current passwords count like failed sign-ins: a session left open on a
            // shared computer must not become a way to guess the password.
            // The new password is checked first: a refused one is no password attempt.
            let new_password =
                crate::accounts::Password::parse(&new_password).map_err(|e| match e {
                    AppError::Invalid { problem, .. } => AppError::invalid("new_password", problem),
                    other => other,
                })?;
            let email = crate::accounts::Email::parse(&actor.email)?;
            let ip = crate::accounts::api::client_address();
            let attempt = crate::accounts::api::attempt_password(&pool, &email, &ip).await?;
            let stored = super::db::password_hash(&pool, actor.id).await?;
            let verified = password::verify(current_password, stored).await;
            if !matches!(verified, Ok(false)) {
                // Right, or never judged (busy): not a failure.
                crate::accounts::db::forget_attempt(&pool, attempt).await?;
            }
            if !verified? {
                // The attempt stays recorded: it is a failure.
                return Err(AppError::invalid(
                    "current_password",
                    Problem::WrongPassword,
                ));
            }
            let hash = password::hash(new_password.expose().to_string()).await?;
            super::db::change_password(&pool, actor.id, actor.organization_id, &hash).await?;
            // This session's row went with the others: save it again under a new id.
            session::sign_in(actor.id).await?;
            Ok(())
        }
        .await,
    )
}
