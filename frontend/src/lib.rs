//! The browser entry point: hydrates the server-rendered page into the live app.
//!
//! Each page's code is its own file of the bundle (`cargo leptos build --split`, see
//! `faro_app::pages`): hydration first fetches the code of the page on screen, then attaches to
//! what the server rendered, so nothing already painted is drawn again.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        // The app lives as long as the page.
        leptos::mount::hydrate_from_async(body.clone(), faro_app::App)
            .await
            .forget();
        // Marks the page as live (event handlers attached): browser tests wait for it.
        let _ = body.set_attribute("data-hydrated", "");
    });
}
