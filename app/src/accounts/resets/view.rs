//! `/reset/{token}`: choosing a new password from a reset link.

use super::api::{get_reset, ResetPassword};
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, Field, FormError};
use crate::ui::{LinkProblem, Loading, PageTitle};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ResetPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, get_reset);
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    view! {
        <PageTitle text=|t| t.reset_title />
        <section class="sign-in">
            <h1>{move || t.get().reset_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(details) => {
                            view! {
                                <p class="page-intro">
                                    {move || (t.get().reset_intro)(&details.name, &details.email)}
                                </p>
                                <ActionForm action=action attr:class="form" attr:novalidate=true>
                                    <FormError error id="reset-error" />
                                    <input type="hidden" name="token" value=token() />
                                    <Field
                                        name="password"
                                        label=|t| t.new_password_label
                                        kind="password"
                                        autocomplete="new-password"
                                        error
                                        hint=|t| t.new_password_hint
                                    />
                                    <button type="submit" class="button" disabled=move || action.pending().get()>
                                        {move || if action.pending().get() { t.get().saving } else { t.get().reset_button }}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <LinkProblem error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
