//! Menus: the site config's `[menu]` / `[menus]` entries (`[[menu.main]]` with `name`, `url`
//! or `pageRef`, `weight`, `identifier`, `parent`) and the pages' own (`menu: main` in front
//! matter). The build resolves each `pageRef` to its page's URL
//! (and warns when it matches no page) and puts each menu in Hugo's order: weight ascending
//! with 0 (unset) last, then name, then identifier. The site's data carries only the
//! result, (name, URL) per entry: all a reader's header needs.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::Value;

use super::described::describe;
use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity};
use blogreader_content::html::is_dangerous_url;
use blogreader_content::links;
use blogreader_content::site::{
    MenuLinks, PageEntry, Site, collate, weight_order, with_trailing_slash,
};
use blogreader_content::url::is_relative_reference;

use super::unpublished::{is_unpublished_ref, is_unpublished_url};

/// One named menu (`main`, `footer`) as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    pub name: String,
    pub entries: Vec<MenuEntry>,
}

/// One link of a menu as configured.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MenuEntry {
    /// The link text; with a `pageRef` and no name, the build takes the page's link title.
    pub name: String,
    /// Where the link leads: `url` as written; the build sets it from `pageRef`.
    pub url: String,
    pub weight: i64,
    pub identifier: String,
    /// `pageRef`: a content path (`/posts`, `about.md`).
    pub page_ref: String,
    /// `parent`: the identifier (or name) of the entry it is nested under.
    pub parent: String,
    /// Line and column of the `pageRef` in the config file, for the build's warning.
    pub page_ref_at: (usize, usize),
    /// Line and column of the `url`, likewise.
    pub url_at: (usize, usize),
}

/// Hugo's menu order: weight (0 last), then name, then identifier.
pub fn menu_order(a: &MenuEntry, b: &MenuEntry) -> Ordering {
    weight_order(a.weight, b.weight)
        .then_with(|| collate(&a.name, &b.name))
        .then_with(|| a.identifier.cmp(&b.identifier))
}

/// A config key of the wrong type, as (key, what was expected, what was found).
pub(crate) type WrongType = (String, &'static str, &'static str);

/// Reads the value of `[menu]`/`[menus]`: a table of menu name → list of entries. `locate`
/// gives the line and column of a text in the config file (to place `pageRef` warnings).
pub(crate) fn parse_menus(
    value: &Value,
    locate: &dyn Fn(&str) -> (usize, usize),
) -> Result<Vec<Menu>, WrongType> {
    let menus = value
        .as_object()
        .ok_or_else(|| wrong("menu", "a table of menus", value))?;
    let mut parsed = Vec::new();
    for (name, entries) in menus {
        let entries = entries
            .as_array()
            .ok_or_else(|| wrong(name, "a list of menu entries", entries))?;
        let mut menu = Menu {
            name: name.to_lowercase(),
            entries: Vec::new(),
        };
        for entry in entries {
            menu.entries.push(parse_entry(name, entry, locate)?.0);
        }
        parsed.push(menu);
    }
    Ok(parsed)
}

fn wrong(key: &str, expected: &'static str, value: &Value) -> WrongType {
    (key.to_owned(), expected, describe(value))
}

/// One entry of the menu `menu` (a table of `name`, `url`, `pageRef`, `weight`,
/// `identifier`, `parent`), and whether it sets its weight.
fn parse_entry(
    menu: &str,
    entry: &Value,
    locate: &dyn Fn(&str) -> (usize, usize),
) -> Result<(MenuEntry, bool), WrongType> {
    let fields = entry
        .as_object()
        .ok_or_else(|| wrong(menu, "a table per menu entry", entry))?;
    let mut parsed = MenuEntry::default();
    let mut weighted = false;
    for (key, field) in fields {
        let text = || {
            field
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| wrong(key, "a string", field))
        };
        match key.to_lowercase().as_str() {
            "name" => parsed.name = text()?,
            "url" => {
                parsed.url = text()?;
                parsed.url_at = locate(&parsed.url);
            }
            "identifier" => parsed.identifier = text()?,
            "parent" => parsed.parent = text()?,
            "pageref" => {
                parsed.page_ref = text()?;
                parsed.page_ref_at = locate(&parsed.page_ref);
            }
            "weight" => {
                parsed.weight = field
                    .as_i64()
                    .ok_or_else(|| wrong(key, "an integer", field))?;
                weighted = true;
            }
            _ => {}
        }
    }
    Ok((parsed, weighted))
}

/// A page's own entry in a menu, from its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageMenuEntry {
    /// The menu's name, lower-case.
    pub menu: String,
    /// Its name, weight, identifier and parent as written (the link is the page's).
    pub entry: MenuEntry,
    /// Whether it sets its weight; else it has the page's, as in Hugo.
    pub weighted: bool,
}

/// Reads a page's `menu` (or `menus`) front matter: a menu's name (`menu: main`), a list of
/// names, or a table of menu name → entry (`name`, `weight`, `identifier`, `parent`).
pub(crate) fn parse_page_menus(value: &Value) -> Result<Vec<PageMenuEntry>, WrongType> {
    let plain = |menu: &Value| {
        let menu = menu
            .as_str()
            .ok_or_else(|| wrong("menu", "a menu's name", menu))?;
        Ok(PageMenuEntry {
            menu: menu.to_lowercase(),
            entry: MenuEntry::default(),
            weighted: false,
        })
    };
    match value {
        Value::String(_) => Ok(vec![plain(value)?]),
        Value::Array(menus) => menus.iter().map(plain).collect(),
        Value::Object(menus) => menus
            .iter()
            .map(|(menu, entry)| {
                let (entry, weighted) = match entry {
                    // `menu: {main: }` in YAML: an entry with nothing to say.
                    Value::Null => (MenuEntry::default(), false),
                    _ => parse_entry(menu, entry, &|_| (1, 1))?,
                };
                Ok(PageMenuEntry {
                    menu: menu.to_lowercase(),
                    entry,
                    weighted,
                })
            })
            .collect(),
        _ => Err(wrong(
            "menu",
            "a menu's name, a list of them or a table of entries",
            value,
        )),
    }
}

/// The configured `menus` with each page's own entries added: `pages` pairs a published
/// page's front matter entries with the page, which gives each its link, its name when it
/// has none (the link title, else the title) and its weight when it sets none.
pub(crate) fn with_page_entries<'p>(
    menus: &[Menu],
    pages: impl Iterator<Item = (&'p [PageMenuEntry], &'p PageEntry)>,
) -> Vec<Menu> {
    let mut menus = menus.to_vec();
    let mut positions: HashMap<String, usize> = menus
        .iter()
        .enumerate()
        .map(|(position, menu)| (menu.name.clone(), position))
        .collect();
    for (entries, page) in pages {
        for page_entry in entries {
            let mut entry = page_entry.entry.clone();
            entry.url.clone_from(&page.url);
            if entry.name.is_empty() {
                entry.name = page.link_title.clone().unwrap_or(page.title.clone());
            }
            if !page_entry.weighted {
                entry.weight = page.weight;
            }
            let position = *positions.entry(page_entry.menu.clone()).or_insert_with(|| {
                menus.push(Menu {
                    name: page_entry.menu.clone(),
                    entries: Vec::new(),
                });
                menus.len() - 1
            });
            menus[position].entries.push(entry);
        }
    }
    menus
}

/// The configured menus as built: each `pageRef` entry given its page's URL (and, without a
/// name, its link title), each menu in Hugo's order; warns about a `pageRef` that matches no
/// page, and leaves out (with a warning) an entry whose `url` is `javascript:` or another
/// dangerous URL, which every page would otherwise carry as a live link, and an entry that
/// leads to a page the site does not publish (a disabled kind, a headless page).
pub(crate) fn build_menus(
    mut menus: Vec<Menu>,
    config_file: &str,
    site: &Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<MenuLinks> {
    let base_path = site.config().base_path();
    let search_url = site.search_url();
    for menu in &mut menus {
        // Hugo nests an entry with a parent under it; a menu shows its top level (as
        // PaperMod's header does), so nested entries are not among its links.
        menu.entries.retain(|entry| entry.parent.is_empty());
        menu.entries.retain_mut(|entry| {
            let warn = |at: (usize, usize), kind: DiagnosticKind| Diagnostic {
                severity: Severity::Warning,
                file: config_file.to_owned(),
                line: at.0,
                column: at.1,
                kind,
            };
            if is_dangerous_url(&entry.url) {
                diagnostics.push(warn(
                    entry.url_at,
                    DiagnosticKind::DangerousUrl {
                        field: format!("menu \"{}\" url", menu.name),
                        url: entry.url.clone(),
                    },
                ));
                return false;
            }
            if entry.page_ref.is_empty() {
                // A URL such as `about` is the site's (themes print it with `relLangURL` or
                // `absLangURL`), not relative to the page that shows the menu.
                // A page's address ends in a slash, as the page's own URL does (so the
                // header marks it on its page, and no host redirects it).
                if is_site_relative(&entry.url) {
                    let last = entry.url.rsplit('/').next().unwrap_or_default();
                    let is_page = !last.contains(['.', '?', '#']) && !last.is_empty();
                    let slash = if is_page { "/" } else { "" };
                    entry.url = format!("{base_path}{}{slash}", entry.url);
                }
                // A link to a page the site does not publish is left out, as Hugo has no
                // page there.
                if is_unpublished_url(site, &entry.url) {
                    diagnostics.push(warn(
                        entry.url_at,
                        DiagnosticKind::UnpublishedTarget {
                            reference: format!("menu \"{}\" url \"{}\"", menu.name, entry.url),
                        },
                    ));
                    return false;
                }
                return true;
            }
            match links::resolve(&entry.page_ref, "", site) {
                Ok(url) => {
                    let page = site.page_by_url(&url);
                    if let (true, Some(page)) = (entry.name.is_empty(), page) {
                        entry.name = page.link_title.clone().unwrap_or(page.title.clone());
                    }
                    entry.url = url;
                    true
                }
                Err(_) if is_unpublished_ref(site, &entry.page_ref) => {
                    diagnostics.push(warn(
                        entry.page_ref_at,
                        DiagnosticKind::UnpublishedTarget {
                            reference: format!(
                                "menu \"{}\" pageRef \"{}\"",
                                menu.name, entry.page_ref
                            ),
                        },
                    ));
                    false
                }
                Err(error) => {
                    diagnostics.push(warn(
                        entry.page_ref_at,
                        DiagnosticKind::MenuPageNotFound {
                            menu: menu.name.clone(),
                            page_ref: entry.page_ref.clone(),
                        },
                    ));
                    // Like a broken relref: the link leads to the not-found view.
                    entry.url = match error {
                        links::LinkError::NotFound { guessed_url }
                        | links::LinkError::Ambiguous { guessed_url } => guessed_url,
                    };
                    true
                }
            }
        });
        // The header has its own search control: an entry to the same page would repeat it
        // (PaperMod's menus link its search page).
        if let Some(search_url) = &search_url {
            menu.entries.retain(|entry| {
                with_trailing_slash(entry.url.split(['?', '#']).next().unwrap_or("")) != *search_url
            });
        }
        menu.entries.sort_by(menu_order);
    }
    menus
        .into_iter()
        .map(|menu| {
            let links = menu
                .entries
                .into_iter()
                .map(|entry| (entry.name, entry.url));
            (menu.name, links.collect())
        })
        .collect()
}

/// Whether `url` is a path without a leading slash (`about`, `posts/`): not a web address
/// (`https:`, `mailto:`), a fragment or a query, which stay the page's own.
fn is_site_relative(url: &str) -> bool {
    is_relative_reference(url) && !url.starts_with(['#', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, weight: i64, identifier: &str) -> MenuEntry {
        MenuEntry {
            name: name.to_owned(),
            weight,
            identifier: identifier.to_owned(),
            ..MenuEntry::default()
        }
    }

    #[test]
    fn menus_are_ordered_by_weight_with_zero_last_then_name_then_identifier() {
        // Hugo 0.111 orders this very menu so (checked in tests/fixtures/parity).
        let mut entries = [
            entry("Zed", 0, ""),
            entry("about", 2, ""),
            entry("Alpha", 2, ""),
            entry("Beta", 1, ""),
            entry("neg", -1, ""),
            entry("apple", 0, ""),
            entry("Twin", 3, "b"),
            entry("Twin", 3, "a"),
        ];
        entries.sort_by(menu_order);
        let order: Vec<String> = entries
            .iter()
            .map(|entry| format!("{}{}", entry.name, entry.identifier))
            .collect();
        assert_eq!(
            order,
            [
                "neg", "Beta", "about", "Alpha", "Twina", "Twinb", "apple", "Zed"
            ]
        );
    }
}
