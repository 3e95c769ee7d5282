//! `scripts/plot.sh`, which `scripts/compare.sh` calls: the SVG it writes is well-formed XML (read
//! back by Python's XML parser) with the three series in each of its two panels.

use std::io::Write;
use std::process::{Command, Stdio};

use demo_testing::workspace_dir;

/// Runs the plot script on `rows`; returns its status, stdout and stderr.
fn plot(rows: &str) -> (Option<i32>, String, String) {
    let mut child = Command::new("sh")
        .arg(workspace_dir().join("scripts/plot.sh"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sh");
    child.stdin.take().unwrap().write_all(rows.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).unwrap();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

#[test]
fn the_plot_is_well_formed_svg_with_three_series() {
    // A few rows of a real run of compare.sh, a junk line, and an overhead of 0.0.
    let rows = "threads 1 422.9 2080.00\nprocesses 1 466.1 2112.00\ntasks 1 1426.9 2084.00\n\
                threads-demo wall 2.002s met\n\
                threads 1000 73.5 11.56\nprocesses 1000 244.8 377.62\ntasks 1000 2.0 2.23\n\
                tasks 1000000 0.0 0.17\n";
    let (status, svg, stderr) = plot(rows);
    assert_eq!(status, Some(0), "{stderr}");
    let check = r#"
import sys, xml.dom.minidom
svg = xml.dom.minidom.parseString(sys.stdin.read()).documentElement
assert svg.tagName == "svg", svg.tagName
for panel in ("panel-1", "panel-2"):
    group = [g for g in svg.getElementsByTagName("g") if g.getAttribute("id") == panel][0]
    lines = group.getElementsByTagName("polyline")
    print(panel, " ".join(f"{l.getAttribute('data-model')}:{len(l.getAttribute('points').split())}" for l in lines))
    print(panel, "texts", len(group.getElementsByTagName("text")))
"#;
    let Ok(mut python) = Command::new("python3")
        .args(["-c", check])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("skipped: no python3 to parse the SVG with");
        return;
    };
    python.stdin.take().unwrap().write_all(svg.as_bytes()).unwrap();
    let output = python.wait_with_output().unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "not well-formed: {}\n{svg}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = report.lines().collect();
    // Each panel: the three series with as many points as rows, a title, axis labels and ticks.
    assert_eq!(lines[0], "panel-1 threads:2 processes:2 tasks:3", "{report}");
    assert_eq!(lines[2], "panel-2 threads:2 processes:2 tasks:3", "{report}");
    for line in [lines[1], lines[3]] {
        let texts: usize = line.rsplit(' ').next().unwrap().parse().unwrap();
        assert!(texts >= 5, "{report}");
    }
    for model in ["threads", "processes", "tasks"] {
        assert!(svg.contains(&format!(">{model}</text>")), "no legend for {model}");
    }
}

#[test]
fn the_plot_refuses_no_rows() {
    let (status, svg, stderr) = plot("nothing to plot\n");
    assert_eq!((status, svg.as_str()), (Some(1), ""));
    assert_eq!(stderr, "plot: no rows of MODEL N OVERHEAD KIB to plot\n");
}

#[test]
fn python_series_are_dashed_beside_rust_in_the_same_colour() {
    let rows = "rust-threads 1 422.9 2080.00\npython-threads 1 900.1 9000.00\n\
                rust-threads 100 70.0 30.92\npython-threads 100 150.3 149.28\n\
                rust-tasks 100 2.0 21.68\npython-tasks 100 114.1 220.60\n";
    let (status, svg, stderr) = plot(rows);
    assert_eq!(status, Some(0), "{stderr}");
    let series: Vec<&str> = svg.lines().filter(|l| l.starts_with("<polyline")).collect();
    // Two panels, each with the four series in the order they came.
    assert_eq!(series.len(), 8, "{svg}");
    let attribute = |line: &str, name: &str| -> String {
        let at = line.find(&format!(" {name}=\"")).unwrap_or_else(|| panic!("no {name}: {line}"));
        let rest = &line[at + name.len() + 3..];
        rest[..rest.find('"').unwrap()].to_owned()
    };
    for panel in series.chunks(4) {
        let names: Vec<String> = panel.iter().map(|l| attribute(l, "data-model")).collect();
        assert_eq!(names, ["rust-threads", "python-threads", "rust-tasks", "python-tasks"]);
        for pair in panel.chunks(2) {
            let (rust, python) = (pair[0], pair[1]);
            assert_eq!(
                attribute(rust, "stroke"),
                attribute(python, "stroke"),
                "one colour a model"
            );
            assert_eq!(attribute(rust, "data-language"), "rust");
            assert_eq!(attribute(python, "data-language"), "python");
            assert!(!rust.contains("stroke-dasharray"), "{rust}");
            assert_eq!(attribute(python, "stroke-dasharray"), "6 4");
        }
        assert_ne!(attribute(panel[0], "stroke"), attribute(panel[2], "stroke"));
        let points = |line: &str| attribute(line, "points").split_whitespace().count();
        assert_eq!(panel.iter().map(|l| points(l)).collect::<Vec<_>>(), [2, 2, 1, 1]);
    }
    // The legend names each model once, and each language's line style.
    for label in [">threads</text>", ">tasks</text>", ">Rust</text>", ">Python</text>"] {
        assert_eq!(svg.matches(label).count(), 1, "{label}: {svg}");
    }
}
