//! The project's Markdown pages: every relative link between them resolves, each checked block
//! (`<!-- code: ... -->`, `sample`, `timeline`, `python`) is on one page only, and each crate's
//! manifest names its page.

use std::path::Path;

use demo_testing::{broken_links, broken_links_in, pages, workspace_dir};

#[test]
fn every_relative_link_resolves() {
    let broken = broken_links();
    assert!(broken.is_empty(), "links that resolve to nothing:\n{}", broken.join("\n"));
}

#[test]
fn the_link_check_finds_a_missing_file_and_a_missing_heading() {
    let text = "# A page\n\n\
                [ok](README.md), [ok too](#a-page), [dir](threads-demo/)\n\
                [gone](no-such-file.md) and [no heading](README.md#no-such-heading)\n\
                `[in code](nowhere.md)`\n\
                ```\n[in a block](nowhere.md)\n```\n\
                [web](https://doc.rust-lang.org/nowhere)\n";
    let broken = broken_links_in(&workspace_dir(), Path::new("PAGE.md"), text);
    assert_eq!(
        broken,
        ["PAGE.md:4: no-such-file.md", "PAGE.md:4: README.md#no-such-heading"],
        "{broken:#?}"
    );
}

#[test]
fn each_checked_block_is_on_one_page() {
    let mut markers = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(workspace_dir().join(&page)).unwrap();
        for line in text.lines() {
            let kinds = ["code", "sample", "timeline", "python"];
            if kinds.iter().any(|kind| line.starts_with(&format!("<!-- {kind}: "))) {
                markers.push((line.to_owned(), page.clone()));
            }
        }
    }
    markers.sort();
    for pair in markers.windows(2) {
        assert_ne!(pair[0].0, pair[1].0, "shown twice: {pair:?}");
    }
    // The three ports: each original, each listing, each sample, trace and timeline.
    assert!(markers.len() >= 15, "{markers:#?}");
}

#[test]
fn each_crate_names_its_page() {
    for krate in ["threads-demo", "process-demo", "async-demo"] {
        let manifest = std::fs::read_to_string(workspace_dir().join(krate).join("Cargo.toml"));
        let manifest = manifest.expect("read a manifest");
        let line = manifest.lines().find(|line| line.starts_with("readme = "));
        let name = line.unwrap_or_else(|| panic!("{krate}/Cargo.toml names no readme"));
        let name = name.trim_start_matches("readme = ").trim_matches('"');
        let page = Path::new(krate).join(name);
        assert!(pages().contains(&page), "{} is not a page", page.display());
    }
}
