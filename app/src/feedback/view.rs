//! `/forms/{id}`: a feedback form, answered by the project's client members (radio groups and
//! checkboxes with real labels; works without JavaScript). `/projects/{id}/feedback` (staff):
//! every form of the project with its response rate, CSAT, NPS and each answer, the form to
//! send one, and each form's CSV.

use super::api::{AnswerForm, CloseForm, HandleLowScore, SendForm, SetFeedbackSettings};
use super::{Answer, FeedbackPage, Form, FormResults, Kind, Question, Template};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, count_successes, FormError};
use crate::ui::{LoadFailed, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/forms/{id}`.
#[component]
pub fn FormPage() -> impl IntoView {
    let form_id = crate::ui::param_id("id");
    let action = ServerAction::<AnswerForm>::new();
    let done = RwSignal::new(0_u64);
    count_successes(action, done);
    let form = Resource::new(
        move || (form_id(), done.get()),
        |(id, _)| async move {
            match id {
                Some(id) => super::api::get_form(super::FormId(id)).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let t = use_strings();
    view! {
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <FormView form action done /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn FormView(form: Form, action: ServerAction<AnswerForm>, done: RwSignal<u64>) -> impl IntoView {
    let t = use_strings();
    let error = action_error(action);
    let (open, answered, closes_on) = (form.open, form.answered, form.closes_on);
    let query = leptos_router::hooks::use_query_map();
    // Without JavaScript a saved response comes back as `?saved=1`.
    let saved_here = query.with_untracked(|q| q.get_str("saved").is_some_and(|s| !s.is_empty()));
    let saved = move || (done.get() > 0 || (saved_here && answered)) && error.get().is_none();
    let missing = move || match error.get() {
        Some(AppError::Invalid {
            problem: crate::error::Problem::Unanswered { questions },
            ..
        }) => questions,
        _ => Vec::new(),
    };
    let wrong_field = move || match error.get() {
        Some(AppError::Invalid { field, .. }) => Some(field),
        _ => None,
    };
    // A refused response without JavaScript comes back with what was typed in the address.
    let typed: std::collections::HashMap<String, String> = query.with_untracked(|q| {
        q.clone()
            .into_iter()
            .filter_map(|(key, value)| {
                let name = key.strip_prefix("answers[")?.strip_suffix(']')?;
                Some((name.to_string(), value))
            })
            .collect()
    });
    // Only beside this form's own refusal: a link cannot fill answers in over saved ones.
    let mine = if typed.is_empty() || error.get_untracked().is_none() {
        form.mine.clone()
    } else {
        super::typed_answers(&form.questions, &typed)
    };
    let milestone = form.milestone.clone();
    view! {
        <Title text=form.title.clone() />
        <header class="page-header">
            <h1>{form.title.clone()}</h1>
            <p class="page-intro">
                {form.project_name.clone()}
                {milestone.map(|m| view! { " · " {m} })}
            </p>
            <p class="field-hint">
                {move || {
                    let t = t.get();
                    if open { (t.form_open_until)(&closes_on.in_words(t)) } else { t.form_closed_note.to_string() }
                }}
            </p>
        </header>
        {move || saved().then(|| view! { <p class="success-note" role="status">{move || (t.get().form_saved)(&closes_on.in_words(t.get()))}</p> })}
        {(answered && open).then(|| view! { <p class="field-hint">{move || t.get().form_answered_note}</p> })}
        <ActionForm action attr:class="form feedback-form">
            <input type="hidden" name="form" value=form.id.0 />
            <FormError error id="form-error" />
            {form
                .questions
                .into_iter()
                .enumerate()
                .map(|(index, question)| {
                    let answer = mine.get(index).cloned().flatten();
                    let invalid = Signal::derive(move || {
                        missing().contains(&(index + 1))
                            || wrong_field().as_deref() == Some(super::field(index).as_str())
                    });
                    view! { <QuestionField index question answer open invalid /> }
                })
                .collect_view()}
            {open
                .then(|| {
                    view! {
                        <button type="submit" class="button" disabled=move || action.pending().get()>
                            {move || if answered { t.get().form_update_button } else { t.get().form_send_button }}
                        </button>
                    }
                })}
        </ActionForm>
    }
}

/// One question: a radio group (scores, one choice), checkboxes (several), or a text box —
/// each with a real label; numbered as the error messages name them.
#[component]
fn QuestionField(
    index: usize,
    question: Question,
    answer: Option<Answer>,
    open: bool,
    invalid: Signal<bool>,
) -> impl IntoView {
    let t = use_strings();
    let name = format!("answers[{}]", super::field(index));
    let id = super::field(index);
    let number = index + 1;
    let required = question.required;
    let legend = move || {
        let t = t.get();
        format!(
            "{number}. {}{}",
            question.text,
            if required { "" } else { t.form_optional }
        )
    };
    let score = match answer {
        Some(Answer::Score(s)) => Some(s),
        _ => None,
    };
    let invalid_attr = move || if invalid.get() { "true" } else { "false" };
    let scale = |min: i64, max: i64, low: String, high: String| {
        let name = name.clone();
        let id = id.clone();
        view! {
            <div class="scale">
                {(min..=max)
                    .map(|n| {
                        let input_id = format!("{id}-{n}");
                        let label_for = input_id.clone();
                        let label = if n == min {
                            format!("{n} — {low}")
                        } else if n == max {
                            format!("{n} — {high}")
                        } else {
                            n.to_string()
                        };
                        view! {
                            <label class="scale-choice" for=label_for>
                                <input id=input_id type="radio" name=name.clone() value=n checked=score == Some(n) disabled=!open required=required />
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    };
    let control = match question.kind.clone() {
        Kind::Csat => {
            let s = t.get_untracked();
            scale(1, 5, s.csat_low.to_string(), s.csat_high.to_string())
        }
        Kind::Nps => {
            let s = t.get_untracked();
            scale(0, 10, s.nps_low.to_string(), s.nps_high.to_string())
        }
        Kind::Rating { low, high } => scale(1, 5, low, high),
        Kind::Single { choices } => {
            let chosen = match answer {
                Some(Answer::Choice(c)) => Some(c),
                _ => None,
            };
            view! {
                <div class="choices">
                    {choices
                        .into_iter()
                        .enumerate()
                        .map(|(n, choice)| {
                            let input_id = format!("{id}-{n}");
                        let label_for = input_id.clone();
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input id=input_id type="radio" name=name.clone() value=n checked=chosen == Some(n) disabled=!open required=required />
                                    {choice}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        Kind::Multiple { choices } => {
            let ticked = match answer {
                Some(Answer::Choices(c)) => c,
                _ => Vec::new(),
            };
            view! {
                <div class="choices">
                    {choices
                        .into_iter()
                        .enumerate()
                        .map(|(n, choice)| {
                            let input_id = format!("{id}-{n}");
                        let label_for = input_id.clone();
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input id=input_id type="checkbox" name=format!("answers[{id}_{n}]") value="on" checked=ticked.contains(&n) disabled=!open />
                                    {choice}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            }
            .into_any()
        }
        Kind::Short | Kind::Long => {
            let text = match answer {
                Some(Answer::Text(text)) => text,
                _ => String::new(),
            };
            let long = question.kind == Kind::Long;
            let input_id = format!("{id}-text");
            if long {
                view! {
                    <textarea id=input_id name=name.clone() rows="4" maxlength=super::TEXT_MAX_CHARS.to_string() disabled=!open required=required aria-invalid=invalid_attr>{crate::ui::form::textarea_text(text)}</textarea>
                }
                .into_any()
            } else {
                view! {
                    <input id=input_id type="text" name=name.clone() value=text maxlength=super::SHORT_MAX_CHARS.to_string() disabled=!open required=required aria-invalid=invalid_attr />
                }
                .into_any()
            }
        }
    };
    let text_box = matches!(question.kind, Kind::Short | Kind::Long);
    if text_box {
        view! {
            <div class="form-field question" class:is-invalid=move || invalid.get()>
                <label for=format!("{}-text", super::field(index))>{legend}</label>
                {control}
            </div>
        }
        .into_any()
    } else {
        view! {
            <fieldset class="question" class:is-invalid=move || invalid.get() aria-invalid=invalid_attr>
                <legend>{legend}</legend>
                {control}
            </fieldset>
        }
        .into_any()
    }
}

/// `/projects/{id}/feedback` (staff).
#[component]
pub fn FeedbackResultsPage() -> impl IntoView {
    let project_id = crate::ui::param_id("id");
    let send = ServerAction::<SendForm>::new();
    let close = ServerAction::<CloseForm>::new();
    let handle = ServerAction::<HandleLowScore>::new();
    let live = RwSignal::new(0_u64);
    let stale = RwSignal::new(false);
    let done = RwSignal::new(0_u64);
    count_successes(send, done);
    count_successes(close, done);
    count_successes(handle, done);
    let settings = ServerAction::<SetFeedbackSettings>::new();
    count_successes(settings, done);
    let id = move || project_id().map(crate::projects::ProjectId);
    let page = Resource::new(
        move || (id(), live.get(), done.get()),
        |(id, ..)| async move {
            match id {
                Some(id) => super::api::get_feedback(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // A new answer reaches the open page (feedback changes are internal: staff only).
    #[cfg(feature = "hydrate")]
    crate::board::view::stream::follow(
        id,
        page,
        |p: &FeedbackPage| p.last_change,
        |heard| heard.feedback,
        live,
        stale,
    );
    let t = use_strings();
    view! {
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <crate::ui::LiveNote stale live />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <ResultsView page send close handle settings /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ResultsView(
    page: FeedbackPage,
    send: ServerAction<SendForm>,
    close: ServerAction<CloseForm>,
    handle: ServerAction<HandleLowScore>,
    settings: ServerAction<SetFeedbackSettings>,
) -> impl IntoView {
    let t = use_strings();
    let project = crate::projects::ProjectId(page.project);
    let (on_approval, on_close) = (page.on_approval.clone(), page.on_close.clone());
    let empty = page.forms.is_empty();
    let close_error = crate::ui::form::either_error(action_error(close), action_error(handle));
    view! {
        <Title text=format!("{} · {}", page.project_name, t.get_untracked().tab_feedback) />
        <header class="page-header">
            <h1>{page.project_name.clone()}</h1>
            <crate::projects::view::ProjectTabs project current="feedback" staff=true />
            <p class="page-intro">{move || t.get().feedback_intro}</p>
        </header>
        {page.may_send.then(|| view! { <SendFormView project=page.project send templates=page.templates.clone() /> })}
        {page.may_send.then(|| view! { <AutoSendView project=page.project on_approval on_close settings templates=page.templates.clone() /> })}
        <p>
            <a href="/feedback/templates">{move || t.get().templates_link}</a>
        </p>
        <FormError error=close_error id="feedback-error" />
        <ScoreCharts forms=page.forms.clone() />
        {if empty {
            view! { <p class="empty-note">{move || t.get().feedback_empty}</p> }.into_any()
        } else {
            view! {
                <ol class="feedback-list">
                    {page
                        .forms
                        .into_iter()
                        .map(|results| view! { <FormResultsView results project=page.project close handle /> })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
    }
}

/// The built-in templates as options of a template select (`current`: the chosen key).
pub fn built_in_options(current: &str) -> impl IntoView + use<> {
    let t = use_strings();
    Template::ALL
        .into_iter()
        .map(|template| {
            let selected = current == template.key();
            view! {
                <option value=template.key() selected=selected>
                    {move || match template {
                        Template::MilestoneCheckIn => t.get().template_milestone_check_in,
                        Template::ProjectClose => t.get().template_project_close,
                    }}
                </option>
            }
        })
        .collect_view()
}

/// The organization's own templates as options of a template select (`current`: the chosen
/// key).
fn own_options(
    templates: &[super::templates::TemplateChoice],
    current: &str,
) -> impl IntoView + use<> {
    let t = use_strings();
    let options = templates
        .iter()
        .map(|template| {
            let key = template.key();
            let selected = current == key;
            view! { <option value=key selected=selected>{template.title.clone()}</option> }
        })
        .collect_view();
    (!templates.is_empty()).then(
        move || view! { <optgroup label=move || t.get().own_templates_group>{options}</optgroup> },
    )
}

#[component]
fn SendFormView(
    project: i64,
    send: ServerAction<SendForm>,
    templates: Vec<super::templates::TemplateChoice>,
) -> impl IntoView {
    let t = use_strings();
    let error = action_error(send);
    let language = crate::i18n::view::use_locale().get_untracked();
    view! {
        <section class="panel" aria-labelledby="send-form-title">
            <h2 id="send-form-title">{move || t.get().send_form_title}</h2>
            <ActionForm action=send attr:class="form send-form">
                <input type="hidden" name="project" value=project />
                <label for="send-template">{move || t.get().form_template_label}</label>
                <select id="send-template" name="template">
                    {built_in_options("")}
                    {own_options(&templates, "")}
                </select>
                <label for="send-language">{move || t.get().form_language_label}</label>
                <select id="send-language" name="language">
                    {crate::i18n::Locale::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.code() selected=l == language>{l.native_name()}</option> })
                        .collect_view()}
                </select>
                <label for="send-days">{move || t.get().form_days_label}</label>
                <input id="send-days" name="days" type="number" min="1" max=super::MAX_DAYS.to_string() value="14" required />
                <FormError error id="send-form-error" />
                <button type="submit" class="button" disabled=move || send.pending().get()>
                    {move || t.get().send_form_button}
                </button>
            </ActionForm>
        </section>
    }
}

/// The project's CSAT and NPS across its forms, oldest first, as two small charts with a caption
/// that says the same in words.
#[component]
fn ScoreCharts(forms: Vec<FormResults>) -> impl IntoView {
    let t = use_strings();
    let label = |f: &FormResults| {
        f.form.milestone.clone().unwrap_or_else(|| {
            format!(
                "{}-{:02}-{:02}",
                f.form.sent_on.year, f.form.sent_on.month, f.form.sent_on.day
            )
        })
    };
    let oldest_first: Vec<&FormResults> = forms.iter().rev().collect();
    let csat: Vec<super::chart::Point> = oldest_first
        .iter()
        .filter_map(|f| {
            f.csat.map(|c| super::chart::Point {
                label: label(f),
                value: c.average_tenths,
            })
        })
        .collect();
    let nps: Vec<super::chart::Point> = oldest_first
        .iter()
        .filter_map(|f| {
            f.nps.map(|n| super::chart::Point {
                label: label(f),
                value: n.score,
            })
        })
        .collect();
    let tenths = |v: i64| format!("{}.{}", v / 10, v % 10);
    let words = |points: &[super::chart::Point], text: &dyn Fn(i64) -> String| {
        points
            .iter()
            .map(|p| format!("{}: {}", p.label, text(p.value)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let csat_words = words(&csat, &tenths);
    let nps_words = words(&nps, &|v| format!("{v:+}"));
    (!csat.is_empty() || !nps.is_empty()).then(|| {
        view! {
            <section class="panel score-charts" aria-labelledby="score-charts-title">
                <h2 id="score-charts-title">{move || t.get().score_charts_title}</h2>
                {(!csat.is_empty())
                    .then(|| {
                        let svg = super::chart::svg("csat-chart-title", "CSAT", &csat, 10, 50, tenths);
                        view! {
                            <figure class="score-chart-figure">
                                <div inner_html=svg></div>
                                <figcaption>"CSAT — " {csat_words.clone()}</figcaption>
                            </figure>
                        }
                    })}
                {(!nps.is_empty())
                    .then(|| {
                        let svg = super::chart::svg("nps-chart-title", "NPS", &nps, -100, 100, |v| format!("{v:+}"));
                        view! {
                            <figure class="score-chart-figure">
                                <div inner_html=svg></div>
                                <figcaption>"NPS — " {nps_words.clone()}</figcaption>
                            </figure>
                        }
                    })}
            </section>
        }
    })
}

/// What the project sends by itself, on a milestone's approval and on closing.
#[component]
fn AutoSendView(
    project: i64,
    on_approval: String,
    on_close: String,
    settings: ServerAction<SetFeedbackSettings>,
    templates: Vec<super::templates::TemplateChoice>,
) -> impl IntoView {
    let t = use_strings();
    let error = action_error(settings);
    let templates = StoredValue::new(templates);
    let choice = move |id: &'static str,
                       name: &'static str,
                       label: fn(&crate::i18n::Strings) -> &'static str,
                       current: String| {
        view! {
            <label for=id>{move || label(t.get())}</label>
            <select id=id name=name>
                {built_in_options(&current)}
                {templates.with_value(|templates| own_options(templates, &current))}
                <option value="" selected=current.is_empty()>{move || t.get().send_nothing}</option>
            </select>
        }
    };
    view! {
        <section class="panel" aria-labelledby="auto-send-title">
            <h2 id="auto-send-title">{move || t.get().auto_send_title}</h2>
            <ActionForm action=settings attr:class="form">
                <input type="hidden" name="project" value=project />
                {choice("auto-on-approval", "on_approval", |t| t.on_approval_label, on_approval)}
                {choice("auto-on-close", "on_close", |t| t.on_close_label, on_close)}
                <FormError error id="auto-send-error" />
                <button type="submit" class="button button-secondary" disabled=move || settings.pending().get()>
                    {move || t.get().save_auto_send_button}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn FormResultsView(
    results: FormResults,
    project: i64,
    close: ServerAction<CloseForm>,
    handle: ServerAction<HandleLowScore>,
) -> impl IntoView {
    let form_id = results.form.id;
    let t = use_strings();
    let form = results.form.clone();
    let heading = format!("form-{}-title", form.id);
    let labelled_by = heading.clone();
    let (sent_on, closes_on, open) = (form.sent_on, form.closes_on, form.open);
    let rate = results.response_rate();
    let (answered, asked) = (results.responses.len() as u32, results.asked);
    let csat = results.csat;
    let nps = results.nps;
    let questions = form.questions.clone();
    let csv = format!("/projects/{project}/feedback/{}/responses.csv", form.id);
    let low_count = results.responses.iter().filter(|r| r.low).count();
    view! {
        <li class="panel feedback-form-results">
            <article aria-labelledby=labelled_by>
                <h2 id=heading>{form.title.clone()} {form.milestone.clone().map(|m| view! { " · " {m} })}</h2>
                <p class="update-meta">
                    {move || {
                        let t = t.get();
                        let state = if open {
                            (t.form_open_until)(&closes_on.in_words(t))
                        } else {
                            t.form_closed_note.to_string()
                        };
                        format!("{} · {}", (t.form_sent_on)(&sent_on.in_words(t)), state)
                    }}
                </p>
                {(low_count > 0).then(|| view! { <p class="attention-flag" role="note">{move || (t.get().low_scores_note)(low_count)}</p> })}
                <dl class="feedback-figures">
                    <dt>{move || t.get().response_rate_label}</dt>
                    <dd>{move || (t.get().response_rate)(answered, asked, rate)}</dd>
                    {csat
                        .map(|c| {
                            view! {
                                <dt>"CSAT"</dt>
                                <dd>{move || (t.get().csat_figure)(c.average_tenths, c.satisfied_percent, c.count)}</dd>
                            }
                        })}
                    {nps
                        .map(|n| {
                            view! {
                                <dt>"NPS"</dt>
                                <dd>{move || (t.get().nps_figure)(n.score, n.promoters, n.passives, n.detractors)}</dd>
                            }
                        })}
                </dl>
                {if results.responses.is_empty() {
                    view! { <p class="empty-note">{move || t.get().no_responses}</p> }.into_any()
                } else {
                    view! {
                        <ul class="responses">
                            {results
                                .responses
                                .into_iter()
                                .map(|r| {
                                    let on = r.on;
                                    let person = r.person.clone();
                                    let questions = questions.clone();
                                    view! {
                                        <li class=if r.low { "response is-low" } else { "response" }>
                                            <p class="comment-meta">
                                                <strong>{person}</strong>
                                                " · "
                                                {move || on.in_words(t.get())}
                                                {r.low.then(|| view! { " " <span class="badge attention-badge">{move || t.get().needs_attention}</span> })}
                                            </p>
                                            <dl class="answers">
                                                {questions
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(i, q)| {
                                                        let text = super::answer_text(q, r.answers.get(i).and_then(Option::as_ref));
                                                        let question = q.text.clone();
                                                        view! {
                                                            <dt>{question}</dt>
                                                            <dd>{if text.is_empty() { "—".to_string() } else { text }}</dd>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </dl>
                                            {match (r.low, r.handled.clone()) {
                                                (true, Some((by, day, note))) => {
                                                    view! {
                                                        <p class="handled-note">
                                                            {move || (t.get().handled_line)(&by, &day.in_words(t.get()))}
                                                            " "
                                                            {note}
                                                        </p>
                                                    }
                                                        .into_any()
                                                }
                                                (true, None) => {
                                                    let note_id = format!("handle-{form_id}-{}", r.user);
                                                    view! {
                                                        <ActionForm action=handle attr:class="form handle-form">
                                                            <input type="hidden" name="project" value=project />
                                                            <input type="hidden" name="form" value=form_id.0 />
                                                            <input type="hidden" name="person" value=r.user />
                                                            // As text: a millisecond timestamp as a number attribute broke hydration here.
                                                            <input type="hidden" name="answered_at" value=r.answered_at.to_string() />
                                                            <label for=note_id.clone()>{move || t.get().handle_note_label}</label>
                                                            <textarea id=note_id name="note" rows="2" maxlength=super::NOTE_MAX_CHARS.to_string() required></textarea>
                                                            <button type="submit" class="button button-small">{move || t.get().handle_button}</button>
                                                        </ActionForm>
                                                    }
                                                        .into_any()
                                                }
                                                _ => ().into_any(),
                                            }}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                <div class="button-row">
                    <a class="button button-small button-secondary" href=csv rel="external" download>
                        {move || t.get().download_csv}
                    </a>
                    {open
                        .then(|| {
                            view! {
                                <ActionForm action=close attr:class="inline-form">
                                    <input type="hidden" name="project" value=project />
                                    <input type="hidden" name="form" value=form.id.0 />
                                    <button type="submit" class="button button-small button-secondary">{move || t.get().close_form_button}</button>
                                </ActionForm>
                            }
                        })}
                </div>
            </article>
        </li>
    }
}
