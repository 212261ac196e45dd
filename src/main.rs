//! The browser entry point: install the panic hook and start the app over the prerendered
//! page. Nothing else.

fn main() {
    // The app only runs in a browser; natively this binary exists so `cargo test` builds it.
    #[cfg(target_arch = "wasm32")]
    {
        use blogreader::content::contract::APP_ROOT_ID;
        use wasm_bindgen::JsCast;

        console_error_panic_hook::set_once();
        let root = leptos::prelude::document()
            .get_element_by_id(APP_ROOT_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        match root {
            Some(root) => wasm_bindgen_futures::spawn_local(blogreader::app::start(root)),
            None => leptos::logging::error!("the page has no element with id \"{APP_ROOT_ID}\""),
        }
    }
}
