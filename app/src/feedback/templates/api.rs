//! Server functions of the organization's feedback templates (staff only: `ManageFeedback` in
//! their own organization; another organization's template answers like a missing one).

use super::{OwnTemplate, QuestionInput, TemplateChoice};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::accounts::{policy::Action, session},
    crate::error::{with_status, Problem},
};

/// The organization's own templates, oldest first.
#[server(prefix = "/api", endpoint = "feedback/list_templates")]
pub async fn list_templates() -> Result<Vec<TemplateChoice>, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManageFeedback).await?;
            let pool = crate::db::pool()?;
            Ok(super::db::list(&pool, actor.organization_id).await?)
        }
        .await,
    )
}

/// One of the organization's templates, for its editor.
#[server(prefix = "/api", endpoint = "feedback/get_template")]
pub async fn get_template(template: i64) -> Result<OwnTemplate, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManageFeedback).await?;
            let pool = crate::db::pool()?;
            super::db::find(&pool, actor.organization_id, template)
                .await?
                .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// Copies a built-in template (`milestone_check_in`, `project_close`) in a language (`en`,
/// `es`) as a template of the organization; answers its id (without JavaScript, its editor
/// opens).
#[server(prefix = "/api", endpoint = "feedback/copy_template")]
pub async fn copy_template(template: String, language: String) -> Result<i64, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManageFeedback).await?;
            let built_in = crate::feedback::Template::parse(&template)?;
            let language = crate::i18n::Locale::from_tag(&language)
                .ok_or_else(|| AppError::invalid("language", Problem::Malformed))?;
            let (title, questions) = built_in.questions(language);
            let pool = crate::db::pool()?;
            let mut tx = crate::db::begin_write(&pool).await?;
            let id = super::db::insert(
                &mut tx,
                actor.organization_id,
                &title,
                language,
                &questions,
                actor.id,
            )
            .await?;
            tx.commit().await?;
            if crate::request::wants_html() {
                leptos_axum::redirect(&format!("/feedback/templates/{id}"));
            }
            Ok(id)
        }
        .await,
    )
}

/// Saves a template's title and questions (`questions[0][text]` …, see [`QuestionInput`]).
/// `version` is the one the editor showed: when someone saved in between, nothing is written
/// and the answer is `Conflict`. Invalid input is refused whole, naming the field.
#[server(prefix = "/api", endpoint = "feedback/save_template")]
pub async fn save_template(
    template: i64,
    version: i64,
    title: String,
    #[server(default)] questions: Vec<QuestionInput>,
) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManageFeedback).await?;
            let pool = crate::db::pool()?;
            let (title, questions) = super::parse_template(&title, &questions)?;
            let mut tx = crate::db::begin_write(&pool).await?;
            let organization = actor.organization_id;
            if !super::db::update(&mut tx, organization, template, version, &title, &questions)
                .await?
            {
                return Err(
                    match super::db::find(&mut *tx, organization, template).await? {
                        Some(_) => AppError::Conflict,
                        None => AppError::NotFound,
                    },
                );
            }
            tx.commit().await?;
            if crate::request::wants_html() {
                leptos_axum::redirect(&format!("/feedback/templates/{template}?saved=1"));
            }
            Ok(())
        }
        .await,
    )
}

/// Deletes a template (`confirm` must be ticked). Forms already sent from it keep their
/// questions; a template a project sends by itself is refused, naming the project.
#[server(prefix = "/api", endpoint = "feedback/delete_template")]
pub async fn delete_template(
    template: i64,
    #[server(default)] confirm: Option<String>,
) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ManageFeedback).await?;
            if confirm.as_deref().is_none_or(str::is_empty) {
                return Err(AppError::invalid("confirm", Problem::Required));
            }
            let pool = crate::db::pool()?;
            let organization = actor.organization_id;
            let mut tx = crate::db::begin_write(&pool).await?;
            // Held until the end: a project choosing it meanwhile waits, then finds it gone.
            crate::db::lock_row(&mut tx, "feedback_templates", template).await?;
            if super::db::find(&mut *tx, organization, template)
                .await?
                .is_none()
            {
                return Err(AppError::NotFound);
            }
            let key = super::custom_key(template);
            if let Some(project) = super::db::used_by(&mut *tx, organization, &key).await? {
                return Err(AppError::invalid(
                    "template",
                    Problem::TemplateInUse { project },
                ));
            }
            super::db::delete(&mut tx, organization, template).await?;
            tx.commit().await?;
            if crate::request::wants_html() {
                leptos_axum::redirect("/feedback/templates");
            }
            Ok(())
        }
        .await,
    )
}
