//! The browser entry point: install the panic hook and mount the app. Nothing else.

fn main() {
    // The app only runs in a browser; natively this binary exists so `cargo test` builds it.
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        leptos::mount::mount_to_body(blogreader::app::App);
    }
}
