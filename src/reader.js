// The page's behaviour that needs no wasm, loaded (deferred, cached) by every page; the theme
// itself is set before first paint by the few lines inline in index.html.
//
// The header's theme toggle flips the theme (one listener on the document serves the
// prerendered page and the app alike) and its aria-pressed is kept in step as the app renders.
(() => {
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const remembered = () => { try { return localStorage.getItem("theme"); } catch { return null; } };
  const apply = (theme) => {
    root.dataset.theme = theme;
    for (const toggle of document.querySelectorAll(".theme-toggle")) {
      toggle.setAttribute("aria-pressed", theme === "dark");
    }
  };
  const systemTheme = () => (system.matches ? "dark" : "light");
  const sync = () => apply(root.dataset.theme);
  system.addEventListener("change", () => { if (!remembered()) apply(systemTheme()); });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".theme-toggle")) return;
    const theme = root.dataset.theme === "dark" ? "light" : "dark";
    apply(theme);
    try { localStorage.setItem("theme", theme); } catch {}
  });
  // Search (src/pages/search.rs): `/` (outside a text field) focuses the search box, or
  // follows the header's search control; focus on the control loads the search module,
  // and the app showing the search page opens it (the module's `open`).
  const searchModule = () => {
    const link = document.querySelector(".search-link");
    const src = link && new URL("../search-index/blogreader-search.js", link.href).pathname;
    if (!src || document.querySelector(`script[src="${src}"]`)) return globalThis.blogreaderSearch;
    const script = document.createElement("script");
    script.type = "module";
    script.src = src;
    document.body.append(script);
  };
  const openSearch = () => {
    const box = document.getElementById("search-input");
    if (!box || box.dataset.open || root.dataset.app !== "live") return;
    box.dataset.open = "1";
    searchModule()?.open();
  };
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey
      || event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    const box = document.getElementById("search-input");
    if (box) box.focus(); else document.querySelector(".search-link")?.click();
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.closest?.(".search-link")) searchModule();
  });
  // A deferred script runs once the page is parsed: the prerendered toggle is there.
  sync();
  new MutationObserver(() => { sync(); openSearch(); })
    .observe(document.getElementById("app"), { childList: true, subtree: true });
})();
