//! Links: the relative links of the project's pages, each checked to resolve to a file or to a
//! heading's anchor (`tests/pages.rs` here).

use std::path::{Path, PathBuf};

use crate::pages::pages;
use crate::workspace_dir;

/// Pages that a script writes, which a fresh checkout may not have yet: a link to one of them is
/// checked once the page exists. `sh scripts/compare.sh` writes `scripts/README.md`, the
/// measurements.
const GENERATED_PAGES: &[&str] = &["scripts/README.md"];

/// Every relative link on the project's pages (see [`pages`]) that does not resolve, as
/// `PAGE:LINE: TARGET`: see [`broken_links_in`].
pub fn broken_links() -> Vec<String> {
    let top = workspace_dir();
    let read = |page: &Path| std::fs::read_to_string(top.join(page)).expect("read a page");
    pages().iter().flat_map(|page| broken_links_in(&top, page, &read(page))).collect()
}

/// The relative links of `text`, the page at `page` (relative to `top`), that do not resolve: to
/// a file or directory that does not exist, or with a `#fragment` that names no heading of the
/// Markdown page it points to (GitHub's anchors: lower case, spaces made `-`, punctuation
/// dropped). Links inside code are not links; links to other sites are not followed.
pub fn broken_links_in(top: &Path, page: &Path, text: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for (line, target) in links(text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target.as_str(), None),
        };
        if path.is_empty() {
            // A heading of this page.
            if !heading_anchors(text).iter().any(|anchor| Some(anchor.as_str()) == fragment) {
                broken.push(format!("{}:{line}: {target}", page.display()));
            }
            continue;
        }
        let file = lexical(&page.parent().unwrap_or(Path::new("")).join(path));
        let resolves = if !top.join(&file).exists() {
            GENERATED_PAGES.iter().any(|generated| file == Path::new(generated))
        } else if let Some(fragment) = fragment.filter(|_| file.extension() == Some("md".as_ref()))
        {
            let text = std::fs::read_to_string(top.join(&file)).unwrap_or_default();
            heading_anchors(&text).iter().any(|anchor| anchor == fragment)
        } else {
            true
        };
        if !resolves {
            broken.push(format!("{}:{line}: {target}", page.display()));
        }
    }
    broken
}

/// `a/b/../c` as `a/c`, without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            part => out.push(part),
        }
    }
    out
}

/// The lines of a Markdown text outside fenced code blocks, numbered from 1.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            lines.push((index + 1, line));
        }
    }
    lines
}

/// Each `[text](target)` and `![alt](target)` of a Markdown text: its line and its target.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (line, prose) in prose_lines(text) {
        // Without its inline code spans, which may show brackets that are no link.
        let prose: String = prose.split('`').step_by(2).collect();
        let mut rest = prose.as_str();
        while let Some((_, after)) = rest.split_once("](") {
            let (inside, next) = after.split_once(')').unwrap_or((after, ""));
            let target = inside.split_whitespace().next().unwrap_or("");
            found.push((line, target.trim_matches(['<', '>']).to_owned()));
            rest = next;
        }
    }
    found
}

/// The anchors GitHub gives the headings of a Markdown text, in order.
fn heading_anchors(text: &str) -> Vec<String> {
    let mut anchors = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for (_, prose) in prose_lines(text) {
        let Some(title) = prose.strip_prefix('#') else { continue };
        let title = title.trim_start_matches('#');
        if !title.starts_with(' ') {
            continue;
        }
        let slug: String = title
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        // A repeated heading gets `-1`, `-2`, ... after its anchor.
        let times = seen.entry(slug.clone()).or_insert(0);
        anchors.push(if *times == 0 { slug } else { format!("{slug}-{times}") });
        *times += 1;
    }
    anchors
}
