//! The layering of `app/src`, checked from the code's own `crate::` and `super::` paths (`make
//! lint` runs it):
//! - the shared core (`error`, `i18n`, `ui`, `db`, `ids`, `text`, `request`, `markdown`,
//!   `patch`, `calendar`) names no feature;
//! - no two files import each other, directly or round a longer circle.
//!
//! A module's `mod.rs` declaring and re-exporting its own children is containment, not an
//! import, so those edges are left out. Paths are read as text, like a reviewer would: every
//! `crate::a::b` or `super::x` in a file is followed down the module tree as far as it goes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CORE: &[&str] = &[
    "error", "i18n", "ui", "db", "ids", "text", "request", "markdown", "patch", "calendar",
];
const FEATURES: &[&str] = &[
    "accounts",
    "board",
    "comments",
    "feedback",
    "milestones",
    "projects",
    "updates",
];

/// Module path (`["board", "view", "state"]`) → file.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut found = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                    parts.pop();
                }
                found.insert(parts, path);
            }
        }
    }
    found
}

/// Every path a file names: `crate::…` and `super::…`, with `{a, b::c}` groups expanded.
fn named_paths(text: &str) -> Vec<Vec<String>> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let mut end = i;
            let mut depth = 0;
            while end < bytes.len() {
                let c = bytes[end];
                if c == '{' {
                    depth += 1;
                } else if c == '}' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') {
                    break;
                }
                end += 1;
            }
            let path: String = bytes[i..end].iter().collect();
            paths.extend(expand(&path));
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    paths
}

/// `crate::a::{b, c::d}` → `crate::a::b`, `crate::a::c::d`.
fn expand(path: &str) -> Vec<Vec<String>> {
    // `x as y` keeps `x`; then spaces and line breaks go.
    let path: String = path
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" as ", "@")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(open) = path.find('{') else {
        let path = path.split('@').next().unwrap_or(&path);
        return vec![path
            .split("::")
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()];
    };
    let head = &path[..open];
    let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(|item| {
            let item = item.split('@').next().unwrap_or(item);
            expand(&format!("{head}{item}"))
        })
        .collect()
}

/// The module a path leads to from module `from`, as deep as the tree goes.
fn resolve(
    path: &[String],
    from: &[String],
    tree: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let mut at: Vec<String> = Vec::new();
    let mut rest = path;
    if rest.first().is_some_and(|p| p == "crate") {
        rest = &rest[1..];
    } else {
        // `super` in `a/b.rs` and in `a/b/mod.rs` (both module a::b) is `a`.
        at = from.to_vec();
        while rest.first().is_some_and(|p| p == "super") {
            at.pop()?;
            rest = &rest[1..];
        }
    }
    for part in rest {
        let mut deeper = at.clone();
        deeper.push(part.clone());
        if tree.contains_key(&deeper) {
            at = deeper;
        } else {
            break;
        }
    }
    Some(at)
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let tree = modules(&src);
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &tree {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests inside a file are not part of its imports.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for path in named_paths(text) {
            let Some(target) = resolve(&path, module, &tree) else {
                continue;
            };
            // Itself, the crate root, or its own descendants (containment).
            if target == *module || target.is_empty() || target.starts_with(module) {
                continue;
            }
            edges.entry(module.clone()).or_default().insert(target);
        }
    }
    edges
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "lib".to_string()
    } else {
        module.join("::")
    }
}

#[test]
fn the_shared_core_names_no_feature() {
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        if !from.first().is_some_and(|top| CORE.contains(&top.as_str())) {
            continue;
        }
        for target in targets {
            if target
                .first()
                .is_some_and(|top| FEATURES.contains(&top.as_str()))
            {
                wrong.push(format!("{} → {}", name(&from), name(&target)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the core imports features:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_files_import_each_other() {
    let edges = graph();
    // Tarjan's strongly connected components: every component of more than one file is a circle.
    struct Walk<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<Vec<String>, usize>,
        low: BTreeMap<Vec<String>, usize>,
        stack: Vec<Vec<String>>,
        on_stack: BTreeSet<Vec<String>>,
        circles: Vec<Vec<Vec<String>>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, node: &Vec<String>) {
            let n = self.index.len();
            self.index.insert(node.clone(), n);
            self.low.insert(node.clone(), n);
            self.stack.push(node.clone());
            self.on_stack.insert(node.clone());
            let targets: Vec<Vec<String>> = self
                .edges
                .get(node)
                .map(|t| t.iter().cloned().collect())
                .unwrap_or_default();
            for target in targets {
                if !self.index.contains_key(&target) {
                    self.visit(&target);
                    let low = self.low[&target].min(self.low[node]);
                    self.low.insert(node.clone(), low);
                } else if self.on_stack.contains(&target) {
                    let low = self.index[&target].min(self.low[node]);
                    self.low.insert(node.clone(), low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut circle = Vec::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(&top);
                    let done = top == *node;
                    circle.push(top);
                    if done {
                        break;
                    }
                }
                if circle.len() > 1 {
                    self.circles.push(circle);
                }
            }
        }
    }
    let mut walk = Walk {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        circles: Vec::new(),
    };
    for node in edges.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    let described: Vec<String> = walk
        .circles
        .iter()
        .map(|circle| {
            let members: BTreeSet<&Vec<String>> = circle.iter().collect();
            let ties: Vec<String> = circle
                .iter()
                .flat_map(|from| {
                    edges[from]
                        .iter()
                        .filter(|to| members.contains(to))
                        .map(move |to| format!("{} → {}", name(from), name(to)))
                })
                .collect();
            ties.join(", ")
        })
        .collect();
    assert!(
        described.is_empty(),
        "{} import circle(s):\n{}",
        described.len(),
        described.join("\n")
    );
}

#[test]
fn the_check_sees_an_import_and_a_group() {
    let paths =
        named_paths("use crate::board::{db, view::state::BoardState as S};\nsuper::x::y();");
    assert_eq!(
        paths,
        vec![
            vec!["crate", "board", "db"],
            vec!["crate", "board", "view", "state", "BoardState"],
            vec!["super", "x", "y"],
        ]
    );
}
