//! The conversation on a subject, as every page shows it: each comment (a question says whether
//! it is answered; staff see how long it has been open against the charter's promise), its
//! author's edit and delete, staff's "answered" and "mark as a question", and the form to add
//! one. Each form shows its own error. Plain forms: all of it works without JavaScript.

use super::api::{AddComment, DeleteComment, EditComment, MarkAnswered, MarkQuestion};
use super::{Comment, Subject, Thread};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, count_successes, invalid_when, FormError};
use leptos::prelude::*;

/// One conversation's actions; a success of any of them bumps the page's `done`, which reads
/// the page again (a refused form keeps what was typed).
#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddComment>,
    edit: ServerAction<EditComment>,
    delete: ServerAction<DeleteComment>,
    answer: ServerAction<MarkAnswered>,
    question: ServerAction<MarkQuestion>,
}

impl Actions {
    fn new(done: RwSignal<u64>) -> Actions {
        let actions = Actions {
            add: ServerAction::new(),
            edit: ServerAction::new(),
            delete: ServerAction::new(),
            answer: ServerAction::new(),
            question: ServerAction::new(),
        };
        count_successes(actions.add, done);
        count_successes(actions.edit, done);
        count_successes(actions.delete, done);
        count_successes(actions.answer, done);
        count_successes(actions.question, done);
        actions
    }

    /// The error of whichever of the comments' own forms failed last (the add form shows its
    /// own, under it).
    fn list_error(self) -> Signal<Option<AppError>> {
        let (edit, delete, answer, question) = (
            action_error(self.edit),
            action_error(self.delete),
            action_error(self.answer),
            action_error(self.question),
        );
        Signal::derive(move || {
            edit.get()
                .or_else(|| delete.get())
                .or_else(|| answer.get())
                .or_else(|| question.get())
        })
    }
}

/// The hidden field that names the subject.
fn subject_field(subject: Subject) -> impl IntoView {
    view! { <input type="hidden" name=subject.field() value=subject.id() /> }
}

/// A subject's comments and the form to add one, as a landmark labelled by its heading (and by
/// `also_labelled_by`, the subject's title, where a page shows several conversations).
#[component]
pub fn ThreadView(
    thread: Thread,
    done: RwSignal<u64>,
    #[prop(optional, into)] also_labelled_by: Option<String>,
) -> impl IntoView {
    let t = use_strings();
    let actions = Actions::new(done);
    let anchor = thread.subject.anchor();
    let heading = format!("{anchor}-comments");
    let labelled_by = match also_labelled_by {
        Some(other) => format!("{heading} {other}"),
        None => heading.clone(),
    };
    let list_error = actions.list_error();
    let empty = thread.comments.is_empty();
    let seen_through = thread.comments.last().map_or(0, |c| c.id.0);
    let (project, subject, staff) = (thread.project, thread.subject, thread.staff);
    let response_hours = thread.response_hours;
    let may_comment = thread.may_comment;
    view! {
        <section class="comments" aria-labelledby=labelled_by>
            <h3 id=heading>{move || t.get().comments_title}</h3>
            <FormError error=list_error id=format!("{anchor}-comments-error") />
            {if empty {
                view! { <p class="empty-note">{move || t.get().comments_empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="comment-list">
                        {thread
                            .comments
                            .into_iter()
                            .map(|comment| {
                                view! { <CommentItem comment project staff may_comment response_hours actions /> }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {may_comment
                .then(|| {
                    view! {
                        <CommentForm
                            project
                            subject
                            action=actions.add
                            staff
                            seen_through
                            label=|t| t.comment_label
                            question=false
                        />
                    }
                })}
        </section>
    }
}

/// The form that adds a comment to `subject`. A client may tick "this is a question"
/// (`question`: the form asks one, without the tick); staff's comment answers the questions up
/// to `seen_through`.
#[component]
fn CommentForm(
    project: i64,
    subject: Subject,
    action: ServerAction<AddComment>,
    staff: bool,
    seen_through: i64,
    label: fn(&crate::i18n::Strings) -> &'static str,
    question: bool,
) -> impl IntoView {
    let t = use_strings();
    let anchor = subject.anchor();
    let suffix = if question { "question" } else { "comment" };
    let body_id = format!("{anchor}-{suffix}");
    let tick_id = format!("{anchor}-{suffix}-is-question");
    let hint_id = format!("{anchor}-{suffix}-hint");
    let error_id = format!("{anchor}-{suffix}-error");
    let error = action_error(action);
    let invalid = invalid_when(error, "body");
    view! {
        <ActionForm action attr:class="form comment-form">
            <input type="hidden" name="project" value=project />
            {subject_field(subject)}
            <input type="hidden" name="seen_through" value=seen_through />
            {question.then(|| view! { <input type="hidden" name="question" value="on" /> })}
            <label for=body_id.clone()>{move || label(t.get())}</label>
            <textarea
                id=body_id
                name="body"
                rows="2"
                maxlength="10000"
                required
                aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=invalid
            ></textarea>
            <p class="field-hint" id=hint_id>{move || t.get().mention_hint}</p>
            {(!staff && !question)
                .then(|| {
                    view! {
                        <label class="checkbox" for=tick_id.clone()>
                            <input id=tick_id.clone() type="checkbox" name="question" value="on" />
                            {move || t.get().comment_question_label}
                        </label>
                    }
                })}
            <FormError error id=error_id />
            <button type="submit" class="button button-small" disabled=move || action.pending().get()>
                {move || t.get().comment_button}
            </button>
        </ActionForm>
    }
}

/// A client asks the team a question about `subject` (say, a decision an update asks of them):
/// a comment that is a question from the start.
#[component]
pub fn AskForm(project: i64, subject: Subject, done: RwSignal<u64>) -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<AddComment>::new();
    count_successes(action, done);
    view! {
        <details class="ask-question">
            <summary class="button button-small button-secondary">{move || t.get().ask_about_decision}</summary>
            <CommentForm
                project
                subject
                action
                staff=false
                seen_through=0
                label=|t| t.ask_about_decision
                question=true
            />
        </details>
    }
}

#[component]
fn CommentItem(
    comment: Comment,
    project: i64,
    staff: bool,
    may_comment: bool,
    response_hours: i64,
    actions: Actions,
) -> impl IntoView {
    let t = use_strings();
    let c = comment;
    let (on, edited, answered, hours) = (c.on, c.edited, c.answered, c.hours_open);
    // A deleted question is no longer one.
    let question = c.is_question && !c.deleted;
    let late = staff && question && !answered && hours > response_hours;
    let id = c.id;
    let body_id = format!("comment-{id}-body");
    let class = if question && !answered {
        "comment is-open-question"
    } else {
        "comment"
    };
    let may_answer = staff && may_comment && question && !answered;
    let may_make_question = staff && may_comment && !c.by_staff && !question && !c.deleted;
    view! {
        <li class=class id=format!("comment-{id}")>
            <p class="comment-meta">
                <strong>{c.author.clone()}</strong>
                " · "
                {move || on.in_words(t.get())}
                {edited.then(|| view! { " · " {move || t.get().comment_edited} })}
                {question
                    .then(|| {
                        view! {
                            " "
                            <span class="badge question-badge">{move || t.get().question_badge}</span>
                            " "
                            <span class=if late { "question-state is-late" } else { "question-state" }>
                                {move || {
                                    let t = t.get();
                                    if answered {
                                        t.question_answered.to_string()
                                    } else if staff {
                                        (t.question_open_staff)(hours, response_hours)
                                    } else {
                                        t.question_open_client.to_string()
                                    }
                                }}
                            </span>
                        }
                    })}
            </p>
            {if c.deleted {
                view! { <p class="comment-deleted">{move || t.get().comment_deleted}</p> }.into_any()
            } else {
                view! { <div class="markdown" inner_html=c.body_html.clone()></div> }.into_any()
            }}
            <div class="comment-actions">
                {may_answer
                    .then(|| {
                        view! {
                            <ActionForm action=actions.answer attr:class="inline-form">
                                <input type="hidden" name="project" value=project />
                                <input type="hidden" name="comment" value=id.0 />
                                <button type="submit" class="button button-small button-secondary">{move || t.get().mark_answered_button}</button>
                            </ActionForm>
                        }
                    })}
                {may_make_question
                    .then(|| {
                        view! {
                            <ActionForm action=actions.question attr:class="inline-form">
                                <input type="hidden" name="project" value=project />
                                <input type="hidden" name="comment" value=id.0 />
                                <button type="submit" class="button button-small button-secondary">{move || t.get().mark_question_button}</button>
                            </ActionForm>
                        }
                    })}
                {(c.mine && may_comment)
                    .then(|| {
                        let body = c.body.clone();
                        view! {
                            <details class="comment-edit">
                                <summary class="button button-small button-secondary">{move || t.get().edit_comment}</summary>
                                <ActionForm action=actions.edit attr:class="form">
                                    <input type="hidden" name="project" value=project />
                                    <input type="hidden" name="comment" value=id.0 />
                                    <label for=body_id.clone() class="visually-hidden">{move || t.get().edit_comment}</label>
                                    <textarea id=body_id.clone() name="body" rows="2" maxlength="10000" required>{crate::ui::form::textarea_text(body)}</textarea>
                                    <button type="submit" class="button button-small">{move || t.get().save_comment}</button>
                                </ActionForm>
                            </details>
                            <details class="confirm">
                                <summary class="button button-small">{move || t.get().delete_comment}</summary>
                                <p>{move || t.get().delete_comment_confirm}</p>
                                <ActionForm action=actions.delete attr:class="inline-form">
                                    <input type="hidden" name="project" value=project />
                                    <input type="hidden" name="comment" value=id.0 />
                                    <button type="submit" class="button button-small danger">{move || t.get().delete_comment_yes}</button>
                                </ActionForm>
                            </details>
                        }
                    })}
            </div>
        </li>
    }
}

/// Staff's home: the organization's open client questions, oldest first, each with its age
/// against the project's promise and a link to where it was asked.
#[component]
pub fn OpenQuestions(questions: Vec<super::OpenQuestion>) -> impl IntoView {
    let t = use_strings();
    (!questions.is_empty()).then(|| {
        view! {
            <section class="open-questions" aria-labelledby="open-questions-title">
                <h2 id="open-questions-title">{move || t.get().open_questions_title}</h2>
                <ul class="attention-list">
                    {questions
                        .into_iter()
                        .map(|q| {
                            let late = q.hours_open > q.response_hours;
                            let href = format!("{}#comment-{}", q.subject.href(q.project), q.id);
                            let (hours, promised) = (q.hours_open, q.response_hours);
                            let (author, project) = (q.author.clone(), q.project_name.clone());
                            view! {
                                <li>
                                    <a href=href>{q.excerpt.clone()}</a>
                                    <span class="attention-meta">
                                        {move || (t.get().open_question_line)(&author, &project)}
                                        " · "
                                        <span class=if late { "question-state is-late" } else { "question-state" }>
                                            {move || (t.get().question_open_staff)(hours, promised)}
                                        </span>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// Anyone's home: the comments that mention them, until they mark each read.
#[component]
pub fn Mentions(mentions: Vec<super::Mention>, done: RwSignal<u64>) -> impl IntoView {
    let t = use_strings();
    let read = ServerAction::<super::api::ReadMention>::new();
    count_successes(read, done);
    let error = action_error(read);
    (!mentions.is_empty()).then(|| {
        view! {
            <section class="mentions" aria-labelledby="mentions-title">
                <h2 id="mentions-title">{move || t.get().mentions_title}</h2>
                <FormError error id="mentions-error" />
                <ul class="attention-list">
                    {mentions
                        .into_iter()
                        .map(|m| {
                            let href = format!("{}#comment-{}", m.subject.href(m.project), m.comment);
                            let (author, project, on) = (m.author.clone(), m.project_name.clone(), m.on);
                            view! {
                                <li>
                                    <a href=href>{m.excerpt.clone()}</a>
                                    <span class="attention-meta">
                                        {move || (t.get().mention_line)(&author, &project)}
                                        " · "
                                        {move || on.in_words(t.get())}
                                    </span>
                                    <ActionForm action=read attr:class="inline-form">
                                        <input type="hidden" name="comment" value=m.comment.0 />
                                        <button type="submit" class="button button-small button-secondary">
                                            {move || t.get().mention_read_button}
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// Both lists the home page shows above the projects, when there is something in them (read
/// on their own: the project list does not wait for them).
#[component]
pub fn AttentionLists() -> impl IntoView {
    let done = RwSignal::new(0_u64);
    let attention = Resource::new(move || done.get(), |_| super::api::get_attention());
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let attention = attention.await.unwrap_or_default();
                view! {
                    <Mentions mentions=attention.mentions done />
                    <OpenQuestions questions=attention.questions />
                }
            })}
        </Transition>
    }
}
