//! `/feedback/templates` (the organization's templates, and the built-in forms to copy) and
//! `/feedback/templates/{id}` (one template's editor, and deleting it). Staff only.

use super::api::{get_template, list_templates, CopyTemplate, DeleteTemplate, SaveTemplate};
use super::{question_field, OwnTemplate, QuestionInput, KINDS, NEW_ROWS};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::i18n::{Locale, Strings};
use crate::ui::form::{action_error, FormError};
use crate::ui::{LoadFailed, Loading, PageTitle};
use leptos::prelude::*;
use leptos_router::components::A;

/// The kind of answer, as the editor's select names it.
fn kind_name(key: &str, t: &Strings) -> &'static str {
    match key {
        "csat" => t.kind_csat,
        "nps" => t.kind_nps,
        "rating" => t.kind_rating,
        "single" => t.kind_single,
        "multiple" => t.kind_multiple,
        "short" => t.kind_short,
        _ => t.kind_long,
    }
}

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let t = use_strings();
    let copy = ServerAction::<CopyTemplate>::new();
    let error = action_error(copy);
    let templates = Resource::new(|| (), |_| list_templates());
    // With JavaScript the copy opens in its editor here (without, the server's answer does).
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = copy.value().get() {
            navigate(&format!("/feedback/templates/{id}"), Default::default());
        }
    });
    let language = crate::i18n::view::use_locale().get_untracked();
    view! {
        <PageTitle text=|t| t.templates_title />
        <header class="page-header">
            <h1>{move || t.get().templates_title}</h1>
            <p class="page-intro">{move || t.get().templates_intro}</p>
        </header>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match templates.await {
                    Ok(templates) => {
                        view! {
                            <section class="panel" aria-labelledby="own-templates-title">
                                <h2 id="own-templates-title">{move || t.get().templates_own_title}</h2>
                                {if templates.is_empty() {
                                    view! { <p class="empty-note">{move || t.get().templates_empty}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="template-list">
                                            {templates
                                                .into_iter()
                                                .map(|template| {
                                                    let title = template.title.clone();
                                                    view! {
                                                        <li>
                                                            <A href=format!("/feedback/templates/{}", template.id) attr:aria-label=move || (t.get().edit_template_link)(&title)>
                                                                {template.title.clone()}
                                                            </A>
                                                            " · "{template.language.native_name()}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }}
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
        <section class="panel" aria-labelledby="builtin-templates-title">
            <h2 id="builtin-templates-title">{move || t.get().templates_builtin_title}</h2>
            <ActionForm action=copy attr:class="form send-form">
                <label for="copy-template">{move || t.get().form_template_label}</label>
                <select id="copy-template" name="template">
                    {crate::feedback::view::built_in_options("")}
                </select>
                <label for="copy-language">{move || t.get().form_language_label}</label>
                <select id="copy-language" name="language">
                    {Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.code() selected=l == language>{l.native_name()}</option> })
                        .collect_view()}
                </select>
                <FormError error id="copy-template-error" />
                <button type="submit" class="button" disabled=move || copy.pending().get()>
                    {move || t.get().copy_template_button}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn TemplateEditorPage() -> impl IntoView {
    let id = crate::ui::param_id("id");
    let save = ServerAction::<SaveTemplate>::new();
    let done = RwSignal::new(0_u64);
    crate::ui::form::count_successes(save, done);
    let template = Resource::new(
        move || (id(), done.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_template(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <PageTitle text=|t| t.templates_title />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match template.await {
                    Ok(template) => view! { <Editor template save /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Editor(template: OwnTemplate, save: ServerAction<SaveTemplate>) -> impl IntoView {
    let t = use_strings();
    let error = action_error(save);
    let query = leptos_router::hooks::use_query_map();
    let saved = move || {
        matches!(save.value().get(), Some(Ok(())))
            || query.read().get("saved").is_some_and(|s| !s.is_empty())
    };
    let existing = template.questions.len();
    // Refused without JavaScript: what was typed, sent back in the address; else the template.
    let (title, rows) = match typed_back(&query.read_untracked(), existing + NEW_ROWS) {
        Some(typed) => typed,
        None => {
            let mut rows: Vec<QuestionInput> = template
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| QuestionInput::of(q, i))
                .collect();
            rows.extend((0..NEW_ROWS).map(|_| QuestionInput {
                kind: "short".into(),
                ..QuestionInput::default()
            }));
            (template.title.clone(), rows)
        }
    };
    let language = template.language.native_name();
    view! {
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/feedback/templates">{move || t.get().templates_back}</A>
        </nav>
        <header class="page-header">
            <h1>{template.title.clone()}</h1>
            <p class="page-intro">{move || (t.get().template_language_note)(language)}</p>
        </header>
        <section class="panel template-editor">
            <ActionForm action=save attr:class="form">
                <FormError error id="template-error" />
                <input type="hidden" name="template" value=template.id />
                <input type="hidden" name="version" value=template.version />
                <label for="template-title">{move || t.get().template_title_label}</label>
                <input
                    id="template-title"
                    name="title"
                    type="text"
                    required
                    maxlength=super::TITLE_MAX_CHARS.to_string()
                    value=title
                    aria-invalid=invalid(error, "title".to_string())
                />
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(row, input)| {
                        let new = row >= existing;
                        view! { <QuestionRow row input new error /> }
                    })
                    .collect_view()}
                <button type="submit" class="button" disabled=move || save.pending().get()>
                    {move || t.get().save_template_button}
                </button>
                <p class="form-success" role="status">{move || saved().then(|| t.get().saved)}</p>
            </ActionForm>
        </section>
        <DeleteTemplateForm id=template.id />
    }
}

/// The editor as it was typed before a refusal without JavaScript (see `api::back_with_typed`):
/// the title and `rows` rows, or `None` when the address carries none.
fn typed_back(
    query: &leptos_router::params::ParamsMap,
    rows: usize,
) -> Option<(String, Vec<QuestionInput>)> {
    let title = query.get("title")?;
    let field = |row: usize, name: &str| query.get(&question_field(row, name)).unwrap_or_default();
    let ticked = |row: usize, name: &str| Some(field(row, name)).filter(|v| !v.is_empty());
    let rows = (0..rows)
        .map(|row| QuestionInput {
            text: field(row, "text"),
            kind: ticked(row, "kind").unwrap_or_else(|| "short".into()),
            required: ticked(row, "required"),
            choices: field(row, "choices"),
            low: field(row, "low"),
            high: field(row, "high"),
            position: field(row, "position"),
            remove: ticked(row, "remove"),
        })
        .collect();
    Some((title, rows))
}

/// `aria-invalid` of the input `name`: "true" while `error` is about it.
fn invalid(error: Signal<Option<AppError>>, name: String) -> impl Fn() -> &'static str {
    move || {
        let about_it = error
            .get()
            .is_some_and(|e| matches!(&e, AppError::Invalid { field, .. } if *field == name));
        if about_it {
            "true"
        } else {
            "false"
        }
    }
}

/// One question's fields (`new`: an empty row for a question to add).
#[component]
fn QuestionRow(
    row: usize,
    input: QuestionInput,
    new: bool,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let id = |name: &str| format!("question-{row}-{name}");
    let name = |field: &str| question_field(row, field);
    let kind = input.kind.clone();
    view! {
        <fieldset class="question template-question">
            <legend>
                {move || if new { t.get().new_question_legend.to_string() } else { (t.get().question_legend)(row + 1) }}
            </legend>
            <label for=id("text")>{move || t.get().question_text_label}</label>
            <input
                id=id("text")
                name=name("text")
                type="text"
                maxlength=crate::feedback::SHORT_MAX_CHARS.to_string()
                value=input.text.clone()
                aria-invalid=invalid(error, name("text"))
            />
            <label for=id("kind")>{move || t.get().question_kind_label}</label>
            <select id=id("kind") name=name("kind") aria-invalid=invalid(error, name("kind"))>
                {KINDS
                    .into_iter()
                    .map(|key| {
                        view! { <option value=key selected=kind == key>{move || kind_name(key, t.get())}</option> }
                    })
                    .collect_view()}
            </select>
            <label class="checkbox" for=id("required")>
                <input id=id("required") name=name("required") type="checkbox" checked=input.required.is_some() />
                {move || t.get().question_required_label}
            </label>
            <label for=id("choices")>{move || t.get().question_choices_label}</label>
            <textarea id=id("choices") name=name("choices") rows="3" aria-invalid=invalid(error, name("choices"))>
                {crate::ui::form::textarea_text(input.choices.clone())}
            </textarea>
            <label for=id("low")>{move || t.get().question_low_label}</label>
            <input
                id=id("low")
                name=name("low")
                type="text"
                maxlength=super::CHOICE_MAX_CHARS.to_string()
                value=input.low.clone()
                aria-invalid=invalid(error, name("low"))
            />
            <label for=id("high")>{move || t.get().question_high_label}</label>
            <input
                id=id("high")
                name=name("high")
                type="text"
                maxlength=super::CHOICE_MAX_CHARS.to_string()
                value=input.high.clone()
                aria-invalid=invalid(error, name("high"))
            />
            <label for=id("position")>{move || t.get().question_position_label}</label>
            <input
                id=id("position")
                name=name("position")
                type="number"
                min="1"
                max="100"
                value=input.position.clone()
                aria-invalid=invalid(error, name("position"))
            />
            {(!new)
                .then(|| {
                    view! {
                        <label class="checkbox" for=id("remove")>
                            <input id=id("remove") name=name("remove") type="checkbox" checked=input.remove.is_some() />
                            {move || t.get().question_remove_label}
                        </label>
                    }
                })}
        </fieldset>
    }
}

/// Deleting the template, with a box to tick first.
#[component]
fn DeleteTemplateForm(id: i64) -> impl IntoView {
    let t = use_strings();
    let delete = ServerAction::<DeleteTemplate>::new();
    let error = action_error(delete);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate("/feedback/templates", Default::default());
        }
    });
    view! {
        <section class="panel" aria-labelledby="delete-template-title">
            <h2 id="delete-template-title">{move || t.get().delete_template_title}</h2>
            <ActionForm action=delete attr:class="form">
                <FormError error id="delete-template-error" />
                <input type="hidden" name="template" value=id />
                <label class="checkbox" for="delete-template-confirm">
                    <input id="delete-template-confirm" name="confirm" type="checkbox" required />
                    {move || t.get().delete_template_confirm}
                </label>
                <button type="submit" class="button danger" disabled=move || delete.pending().get()>
                    {move || t.get().delete_template_button}
                </button>
            </ActionForm>
        </section>
    }
}
