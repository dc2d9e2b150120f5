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
/// and the answer is `Conflict`. Invalid input is refused whole, naming the field; without
/// JavaScript the editor comes back with what was typed.
#[server(prefix = "/api", endpoint = "feedback/save_template")]
pub async fn save_template(
    template: i64,
    version: i64,
    title: String,
    #[server(default)] questions: Vec<QuestionInput>,
) -> Result<(), AppError> {
    with_status(
        async {
            let saved = save(template, version, &title, &questions).await;
            if crate::request::wants_html() {
                match &saved {
                    Ok(()) => {
                        leptos_axum::redirect(&format!("/feedback/templates/{template}?saved=1"))
                    }
                    Err(error @ AppError::Invalid { .. }) => {
                        back_with_typed(template, &title, &questions, error)
                    }
                    Err(_) => {}
                }
            }
            saved
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn save(
    template: i64,
    version: i64,
    title: &str,
    questions: &[QuestionInput],
) -> Result<(), AppError> {
    let actor = session::authorize(Action::ManageFeedback).await?;
    let pool = crate::db::pool()?;
    let (title, questions) = super::parse_template(title, questions)?;
    let mut tx = crate::db::begin_write(&pool).await?;
    let organization = actor.organization_id;
    if !super::db::update(&mut tx, organization, template, version, &title, &questions).await? {
        return Err(
            match super::db::find(&mut *tx, organization, template).await? {
                Some(_) => AppError::Conflict,
                None => AppError::NotFound,
            },
        );
    }
    tx.commit().await?;
    Ok(())
}

/// Without JavaScript a refused template goes back to its editor with the error and what was
/// typed (under the form's own field names) in the address, and the editor shows it again. All
/// of it or, past the address' budget (see `TYPED_ANSWERS_MAX_BYTES`), none of it: a
/// half-restored template would be worse than the saved one.
#[cfg(feature = "ssr")]
fn back_with_typed(template: i64, title: &str, questions: &[QuestionInput], error: &AppError) {
    use leptos::server_fn::{error::ServerFnUrlError, ServerFn};
    let Ok(plain) = ServerFnUrlError::new(SaveTemplate::PATH, error.clone()).to_url(&format!(
        "http://faro.invalid/feedback/templates/{template}"
    )) else {
        return;
    };
    let mut typed = plain.clone();
    {
        let mut query = typed.query_pairs_mut();
        query.append_pair("title", title);
        for (row, question) in questions.iter().enumerate() {
            let fields = [
                ("text", question.text.as_str()),
                ("kind", question.kind.as_str()),
                ("required", question.required.as_deref().unwrap_or_default()),
                ("choices", question.choices.as_str()),
                ("low", question.low.as_str()),
                ("high", question.high.as_str()),
                ("position", question.position.as_str()),
                ("remove", question.remove.as_deref().unwrap_or_default()),
            ];
            for (field, value) in fields {
                if !value.is_empty() {
                    query.append_pair(&super::question_field(row, field), value);
                }
            }
        }
    }
    let budget = crate::feedback::api::TYPED_ANSWERS_MAX_BYTES;
    let back = if typed.query().map_or(0, str::len) <= budget {
        &typed
    } else {
        &plain
    };
    leptos_axum::redirect(&format!(
        "{}?{}",
        back.path(),
        back.query().unwrap_or_default()
    ));
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
