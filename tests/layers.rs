//! The layers hold: library crates depend only on crates below them and never
//! on the command line's crates, and inside each crate no two sibling modules
//! use each other, directly or around a loop (docs/architecture.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The library crates, bottom to top, as the workspace lists them.
fn layer_order() -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let section = manifest
        .split("[workspace.dependencies]")
        .nth(1)
        .expect("a [workspace.dependencies] table");
    section
        .lines()
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| name.starts_with("shenbao-"))
        .map(str::to_string)
        .collect()
}

/// The names in a manifest's `[dependencies]` table.
fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let mut names = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with('[') {
            inside = line == "[dependencies]" || line.ends_with(".dependencies]");
            inside &= !line.contains("dev-dependencies");
            continue;
        }
        if inside {
            if let Some(name) = line.split(['.', ' ', '=']).next().filter(|n| !n.is_empty()) {
                names.push(name.to_string());
            }
        }
    }
    names
}

#[test]
fn library_crates_depend_only_downwards_and_never_on_the_command_line() {
    let order = layer_order();
    assert!(order.len() >= 5, "workspace lists its layers: {order:?}");
    // What belongs to the binary alone: flags, terminals, progress, the allocator.
    let binary_only = [
        "clap",
        "clap_complete",
        "clap_mangen",
        "indicatif",
        "miette",
        "ctrlc",
        "mimalloc",
    ];
    let mut problems = Vec::new();
    for (level, name) in order.iter().enumerate() {
        let manifest = root().join("crates").join(name).join("Cargo.toml");
        for dep in dependencies(&manifest) {
            if binary_only.contains(&dep.as_str()) {
                problems.push(format!(
                    "{name} depends on {dep}, which only the binary may use"
                ));
            }
            if let Some(at) = order.iter().position(|n| *n == dep) {
                if at >= level {
                    problems.push(format!("{name} depends on {dep}, which is not below it"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A crate's modules: path segments below the crate root → file.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    for entry in walkdir(src) {
        let relative = entry.strip_prefix(src).unwrap().with_extension("");
        let mut segments: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            segments.last().map(String::as_str),
            Some("lib" | "main" | "mod")
        ) {
            segments.pop();
        }
        out.insert(segments, entry);
    }
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Every `crate::…` and `super::…` path in `text`, braces expanded one level
/// (`crate::{a, b::c}` gives `crate::a` and `crate::b::c`).
fn paths(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut rest = text;
        while let Some(at) = rest.find(start) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                rest = &rest[start.len()..];
                continue;
            }
            let head = if start == "crate::" { "crate" } else { "super" };
            let tail = &rest[start.len()..];
            let end = tail
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
                .unwrap_or(tail.len());
            let mut prefix: Vec<String> = vec![head.to_string()];
            let chain = &tail[..end];
            if let Some(open) = chain.find('{') {
                prefix.extend(segments(&chain[..open]));
                let close = tail[open..].find('}').map_or(tail.len(), |c| open + c);
                for item in tail[open + 1..close].split(',') {
                    let mut path = prefix.clone();
                    path.extend(segments(item.trim()));
                    out.push(path);
                }
            } else {
                prefix.extend(segments(chain));
                out.push(prefix);
            }
            rest = tail;
        }
    }
    out
}

fn segments(text: &str) -> Vec<String> {
    text.split("::")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Sibling → sibling edges of one crate, keyed by the parent module.
fn sibling_edges(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<(String, String)>> {
    let modules = modules(src);
    let mut edges: BTreeMap<Vec<String>, BTreeSet<(String, String)>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may reach anywhere in their crate.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for path in paths(code) {
            let mut target: Vec<String> = if path[0] == "crate" {
                Vec::new()
            } else {
                module[..module.len().saturating_sub(1)].to_vec()
            };
            for segment in &path[1..] {
                if segment == "super" {
                    target.pop();
                    continue;
                }
                let mut next = target.clone();
                next.push(segment.clone());
                if modules.contains_key(&next) {
                    target = next;
                } else {
                    break;
                }
            }
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common < module.len() && common < target.len() {
                edges
                    .entry(module[..common].to_vec())
                    .or_default()
                    .insert((module[common].clone(), target[common].clone()));
            }
        }
    }
    edges
}

fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeSet<(String, String)>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for (_, next) in edges.iter().filter(|(from, _)| from == node) {
            match state.get(next) {
                Some(1) => {
                    let at = stack.iter().position(|n| n == next).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(cycle) = visit(next, edges, state, stack) {
                        return Some(cycle);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for (from, _) in edges {
        if !state.contains_key(from) {
            if let Some(cycle) = visit(from, edges, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn no_module_cycles_inside_any_crate() {
    let mut sources = vec![root().join("src")];
    for name in layer_order() {
        sources.push(root().join("crates").join(name).join("src"));
    }
    let mut cycles = Vec::new();
    for src in &sources {
        for (parent, edges) in sibling_edges(src) {
            if let Some(cycle) = find_cycle(&edges) {
                cycles.push(format!(
                    "{}: in `{}`: {}",
                    src.display(),
                    parent.join("::"),
                    cycle.join(" → ")
                ));
            }
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_planted_cycle() {
    // Guard the guard: a checker that never reports would pass every tree.
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::write(src.join("lib.rs"), "mod a;\nmod b;\nmod c;\n").unwrap();
    std::fs::write(src.join("a.rs"), "use crate::b::Thing;\n").unwrap();
    std::fs::write(src.join("b.rs"), "use super::{c::Other, x};\n").unwrap();
    std::fs::write(src.join("c.rs"), "fn f() { crate::a::g() }\n").unwrap();
    let edges = sibling_edges(src);
    let cycle = find_cycle(&edges[&Vec::<String>::new()]).expect("a → b → c → a");
    assert_eq!(cycle.len(), 4, "{cycle:?}");
    std::fs::write(src.join("c.rs"), "fn f() {}\n").unwrap();
    let edges = sibling_edges(src);
    assert_eq!(find_cycle(&edges[&Vec::<String>::new()]), None);
}
