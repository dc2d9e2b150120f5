//! Form parts shared by every form: the error message above it, and labelled fields that mark
//! themselves invalid when the server's answer is about them.

use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::i18n::Strings;
use leptos::prelude::*;

/// The error an action answered with, if it did (also after a plain form post without
/// JavaScript, which comes back with the error in the address).
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// Bumps `done` each time `action` succeeds. A page reads its data again on `done`, not on every
/// completion: a refused form keeps what the person typed (rebuilding the page would lose it).
pub fn count_successes<S>(action: ServerAction<S>, done: RwSignal<u64>)
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            done.update(|n| *n += 1);
        }
    });
}

/// The `aria-invalid` value of the input `name`: "true" while `error` is about it.
pub fn invalid_when(
    error: Signal<Option<AppError>>,
    name: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || {
        let about_it = error
            .get()
            .is_some_and(|e| matches!(&e, AppError::Invalid { field, .. } if field == name));
        if about_it {
            "true"
        } else {
            "false"
        }
    }
}

/// The error of whichever of two actions failed (two forms that share one message).
pub fn either_error(
    first: Signal<Option<AppError>>,
    second: Signal<Option<AppError>>,
) -> Signal<Option<AppError>> {
    Signal::derive(move || first.get().or_else(|| second.get()))
}

/// The message above a form, read out when it appears.
#[component]
pub fn FormError(error: Signal<Option<AppError>>, #[prop(into)] id: String) -> impl IntoView {
    let t = use_strings();
    move || {
        error.get().map(|e| {
            view! {
                <p class="form-error" role="alert" id=id.clone()>
                    {move || e.message(t.get())}
                </p>
            }
        })
    }
}

/// One labelled input of a form; marked invalid when the action's error is about it.
#[component]
pub fn Field(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<fn(&Strings) -> &'static str>,
    /// The value the field starts with (a form that edits something).
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let t = use_strings();
    let invalid = invalid_when(error, name);
    let hint_id = format!("{name}-hint");
    let described_by = hint.map(|_| hint_id.clone());
    view! {
        <label for=name>{move || label(t.get())}</label>
        {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{move || hint(t.get())}</p> })}
        <input
            id=name
            name=name
            type=kind
            autocomplete=autocomplete
            required
            aria-invalid=invalid
            aria-describedby=described_by
            value=value
        />
    }
}

/// A read-only field holding a link to hand over; it selects its whole text on focus, ready to
/// copy.
#[component]
pub fn LinkField(
    id: &'static str,
    label: fn(&Strings) -> &'static str,
    value: String,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <label for=id>{move || label(t.get())}</label>
        <input id=id type="text" readonly value=value on:focus=select_all />
    }
}

fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<leptos::web_sys::HtmlInputElement>(&ev).select();
}

/// The text a `<textarea>` starts with, ready to be its child.
///
/// Leptos writes a textarea's children into the page unescaped (like a `<script>`'s), so text
/// holding `</textarea>` would end the box and become markup: anyone's saved text, or an
/// address that fills a form in again. On the server this escapes what HTML parses in a
/// textarea (`&`, `<`); in the browser the text becomes a text node and is left as it is
/// (hydration keeps the server's node).
/// (The HTML parser drops one newline right after `<textarea>`, so text starting with one gets
/// another on the server.)
pub fn textarea_text(text: String) -> String {
    if !cfg!(feature = "ssr") {
        return text;
    }
    let text = if text.contains(['&', '<']) {
        text.replace('&', "&amp;").replace('<', "&lt;")
    } else {
        text
    };
    if text.starts_with('\n') {
        format!("\n{text}")
    } else {
        text
    }
}
