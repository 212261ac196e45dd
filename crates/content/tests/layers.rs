//! The content core's modules keep their layers (the crate doc's list, small to large): each
//! module's code names only modules of its own layer or of those before it, and no modules
//! name each other in a cycle. Cargo forbids a cycle between crates; this test does the same
//! for the modules of this one. A module's tests may use any module; a module's own child
//! modules (`site/lookup.rs`) count as the module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/`, by layer.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaf helpers",
        &[
            "contract",
            "html",
            "url",
            "error",
            "raw_string",
            "linkify",
            "nesting",
            "definition_marks",
            "code_lines",
        ],
    ),
    (
        "the model, and what reads only it",
        &[
            "date",
            "build_options",
            "site",
            "front_matter",
            "route_json",
            "routes",
            "navigation",
            "route_model",
            "display",
            "meta",
            "testing",
        ],
    ),
    ("link resolution", &["links"]),
    (
        "Markdown",
        &["markdown", "highlight", "sanitize", "typographer"],
    ),
    (
        "shortcodes",
        &["math", "emoji", "builtin", "embeds", "shortcode"],
    ),
    ("page rendering", &["render", "reading_aids"]),
];

/// `text` without `//` comments and without `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut code = String::with_capacity(text.len());
    for line in text.lines() {
        code.push_str(line.split("//").next().unwrap_or(""));
        code.push('\n');
    }
    while let Some(start) = code.find("#[cfg(test)]") {
        let after = code.get(start..).unwrap_or("");
        let is_module = after
            .trim_start_matches("#[cfg(test)]")
            .trim_start()
            .starts_with("mod ");
        let Some(open) = after.find('{').filter(|_| is_module) else {
            code.replace_range(start..start + "#[cfg(test)]".len(), "");
            continue;
        };
        let mut depth = 0;
        let mut end = after.len();
        for (offset, character) in after.char_indices().skip_while(|(at, _)| *at < open) {
            match character {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = offset + 1;
                break;
            }
        }
        code.replace_range(start..start + end, "");
    }
    code
}

/// The first segment of each path that follows `prefix` (`super::`, `crate::`) in `code`,
/// also of each path in a `super::{a, b::c}` group.
fn named_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let identifier = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices(prefix) {
        let rest = code.get(at + prefix.len()..).unwrap_or("");
        match rest.strip_prefix('{') {
            Some(group) => names.extend(split_top_level(group).into_iter().map(identifier)),
            None => {
                names.insert(identifier(rest));
            }
        }
    }
    names
}

/// The items of a `{a, b::{c, d}, e}` group (`group` starts after its `{`), split at its top
/// level.
fn split_top_level(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (at, character) in group.char_indices() {
        match character {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(group.get(start..at).unwrap_or(""));
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(group.get(start..at).unwrap_or(""));
                start = at + 1;
            }
            _ => {}
        }
    }
    items
}

/// Each module of `src/` (its file and its child modules' files) and the modules its code
/// names.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let read = |path: &Path| {
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    };
    let mut modules: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(&source).unwrap_or_else(|error| panic!("{error}")) {
        let path = entry.unwrap_or_else(|error| panic!("{error}")).path();
        let Some(name) = path
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_suffix(".rs"))
        else {
            continue;
        };
        if name == "lib" {
            continue;
        }
        let mut code = code_of(&read(&path));
        // A child module's `super::` is its parent: only its `crate::` paths lead elsewhere.
        let children = source.join(name);
        if children.is_dir() {
            for child in std::fs::read_dir(&children).unwrap_or_else(|error| panic!("{error}")) {
                let child = child.unwrap_or_else(|error| panic!("{error}")).path();
                code.push_str(&code_of(&read(&child)).replace("super::", "self::"));
            }
        }
        modules.insert(name.to_owned(), code);
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, code)| {
            let mut used = named_after(code, "super::");
            used.extend(named_after(code, "crate::"));
            used.retain(|used| used != name && names.contains(used));
            (name.clone(), used)
        })
        .collect()
}

/// A cycle through `module`, if its uses lead back to it.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    let current = path.last()?.clone();
    for used in graph.get(&current).into_iter().flatten() {
        if let Some(start) = path.iter().position(|module| module == used) {
            let mut cycle = path.get(start..).unwrap_or_default().to_vec();
            cycle.push(used.clone());
            return Some(cycle);
        }
        if done.contains(used) {
            continue;
        }
        path.push(used.clone());
        if let Some(cycle) = cycle_from(graph, path, done) {
            return Some(cycle);
        }
        path.pop();
    }
    done.insert(current);
    None
}

#[test]
fn every_module_uses_only_its_own_layer_and_those_before_it() {
    let graph = module_graph();
    let layer_of: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, (_, modules))| modules.iter().map(move |module| (*module, layer)))
        .collect();
    for module in graph.keys() {
        assert!(
            layer_of.contains_key(module.as_str()),
            "src/{module}.rs is in no layer: add it to LAYERS (and to the crate doc's list)"
        );
    }
    for (module, used) in &graph {
        let layer = layer_of.get(module.as_str()).copied().unwrap_or_default();
        for used in used {
            let used_layer = layer_of.get(used.as_str()).copied().unwrap_or_default();
            assert!(
                used_layer <= layer,
                "{module} ({}) uses {used} ({}), a layer above it",
                LAYERS.get(layer).map_or("", |(name, _)| name),
                LAYERS.get(used_layer).map_or("", |(name, _)| name),
            );
        }
    }
}

#[test]
fn no_modules_use_each_other_in_a_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 20, "the modules of src/ were read");
    assert!(
        graph
            .get("render")
            .is_some_and(|used| used.contains("markdown"))
    );
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        let cycle = cycle_from(&graph, &mut vec![module.clone()], &mut done);
        assert_eq!(cycle, None, "modules that use each other in a cycle");
    }
}
