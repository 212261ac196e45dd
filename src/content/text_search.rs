//! Where each of many strings first occurs in a text, found in one pass over the text
//! (Aho–Corasick), so that placing many findings in a file does not read the file once per
//! finding.

use std::collections::HashMap;

/// No node: the end of a chain of links.
const NONE: usize = usize::MAX;

/// The byte offset of the first occurrence of each of `patterns` in `text` (as `str::find`
/// gives it; an empty pattern occurs at 0).
pub(crate) fn first_occurrences(text: &str, patterns: &[&str]) -> Vec<Option<usize>> {
    let mut found: Vec<Option<usize>> = patterns
        .iter()
        .map(|pattern| pattern.is_empty().then_some(0))
        .collect();
    // The trie of the patterns: its edges, each node's children, the patterns it ends.
    let mut edges: HashMap<(usize, u8), usize> = HashMap::new();
    let mut children: Vec<Vec<usize>> = vec![Vec::new()];
    let mut ends: Vec<Vec<usize>> = vec![Vec::new()];
    let mut depth: Vec<usize> = vec![0];
    for (index, pattern) in patterns.iter().enumerate() {
        let mut node = 0;
        for &byte in pattern.as_bytes() {
            node = match edges.get(&(node, byte)) {
                Some(&next) => next,
                None => {
                    let next = ends.len();
                    edges.insert((node, byte), next);
                    if let Some(list) = children.get_mut(node) {
                        list.push(next);
                    }
                    children.push(Vec::new());
                    ends.push(Vec::new());
                    depth.push(depth.get(node).map_or(0, |d| d + 1));
                    next
                }
            };
        }
        if let Some(list) = ends.get_mut(node).filter(|_| !pattern.is_empty()) {
            list.push(index);
        }
    }
    // Failure links (the longest proper suffix that is in the trie) and output links (the
    // nearest node on that chain that ends a pattern), breadth first.
    let nodes = ends.len();
    let mut failure = vec![0; nodes];
    let mut output = vec![NONE; nodes];
    let mut bytes_in = vec![0u8; nodes];
    for (&(_, byte), &node) in &edges {
        if let Some(slot) = bytes_in.get_mut(node) {
            *slot = byte;
        }
    }
    let mut queue: Vec<usize> = children.first().cloned().unwrap_or_default();
    let mut next_in_queue = 0;
    while let Some(&node) = queue.get(next_in_queue) {
        next_in_queue += 1;
        for &child in children.get(node).map_or(&[][..], Vec::as_slice) {
            let byte = bytes_in.get(child).copied().unwrap_or(0);
            let mut fallback = failure.get(node).copied().unwrap_or(0);
            let child_failure = loop {
                if let Some(&next) = edges.get(&(fallback, byte)) {
                    break next;
                }
                if fallback == 0 {
                    break 0;
                }
                fallback = failure.get(fallback).copied().unwrap_or(0);
            };
            if let Some(slot) = failure.get_mut(child) {
                *slot = child_failure;
            }
            let ends_one = ends.get(child_failure).is_some_and(|list| !list.is_empty());
            let child_output = if ends_one {
                child_failure
            } else {
                output.get(child_failure).copied().unwrap_or(NONE)
            };
            if let Some(slot) = output.get_mut(child) {
                *slot = child_output;
            }
            queue.push(child);
        }
    }
    // The next node at or after each on its output chain whose patterns are not all found
    // yet; found ones are skipped for good (path halving), so each is reported once.
    let mut unfound: Vec<usize> = (0..nodes)
        .map(|node| {
            if ends.get(node).is_some_and(|list| !list.is_empty()) {
                node
            } else {
                output.get(node).copied().unwrap_or(NONE)
            }
        })
        .collect();
    let mut left = ends.iter().filter(|list| !list.is_empty()).count();
    let mut state = 0;
    for (end, &byte) in text.as_bytes().iter().enumerate() {
        if left == 0 {
            break;
        }
        state = loop {
            if let Some(&next) = edges.get(&(state, byte)) {
                break next;
            }
            if state == 0 {
                break 0;
            }
            state = failure.get(state).copied().unwrap_or(0);
        };
        let mut node = next_unfound(&mut unfound, state);
        while node != NONE {
            let start = end + 1 - depth.get(node).copied().unwrap_or(0);
            for &pattern in ends.get(node).map_or(&[][..], Vec::as_slice) {
                if let Some(slot) = found.get_mut(pattern) {
                    *slot = Some(start);
                }
            }
            left -= 1;
            // This node is found: it points past itself from now on.
            let past = next_unfound(&mut unfound, output.get(node).copied().unwrap_or(NONE));
            if let Some(slot) = unfound.get_mut(node) {
                *slot = past;
            }
            node = past;
        }
    }
    found
}

/// The first node from `node` on (following `unfound`, and halving the path) that points to
/// itself: one whose pattern is not found yet.
fn next_unfound(unfound: &mut [usize], mut node: usize) -> usize {
    while let Some(&next) = unfound.get(node) {
        if next == node {
            return node;
        }
        let after = unfound.get(next).copied().unwrap_or(NONE);
        if let Some(slot) = unfound.get_mut(node) {
            *slot = after;
        }
        node = next;
    }
    NONE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_is_found_where_find_finds_it() {
        let text = "she sells sea shells, hers é-shells; aaaa";
        let patterns = [
            "he", "she", "his", "hers", "shells", "é-s", "aa", "aaa", "a", "", "xyz", "s", "shell",
        ];
        let expected: Vec<Option<usize>> =
            patterns.iter().map(|pattern| text.find(pattern)).collect();
        assert_eq!(first_occurrences(text, &patterns), expected);
        assert_eq!(first_occurrences("", &["a", ""]), [None, Some(0)]);
    }

    #[test]
    fn random_texts_agree_with_find() {
        let mut state = 11u64;
        let mut next = |bound: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % bound
        };
        for _ in 0..2000 {
            let text: String = (0..next(40))
                .map(|_| ['a', 'b', 'é'][next(3) as usize])
                .collect();
            let patterns: Vec<String> = (0..next(8))
                .map(|_| {
                    (0..next(5))
                        .map(|_| ['a', 'b', 'é'][next(3) as usize])
                        .collect()
                })
                .collect();
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let expected: Vec<Option<usize>> =
                patterns.iter().map(|pattern| text.find(pattern)).collect();
            assert_eq!(
                first_occurrences(&text, &patterns),
                expected,
                "{text} {patterns:?}"
            );
        }
    }
}
