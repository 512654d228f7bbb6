//! Each budget of `Limits`, set low through the API, trips with a clear
//! message at the place where it was reached.

use reelnet_spec::{Diagnostic, Limits, LoadError, Loaded, Loader};

fn loader(limits: Limits) -> Loader {
    Loader::new(limits)
}

/// The one SPEC000 diagnostic of a failed load, with its line and column.
fn spec000(loaded: &Loaded) -> (&Diagnostic, u32, u32) {
    assert!(loaded.model.is_none(), "the load should fail");
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == "SPEC000")
        .unwrap_or_else(|| panic!("no SPEC000 in {:?}", loaded.diagnostics));
    let file = loaded.sources.file(d.primary.file);
    let at = file.line_col(d.primary.range.start);
    (d, at.line, at.column)
}

#[test]
fn file_size() {
    let limits = Limits {
        max_file_bytes: 16,
        ..Limits::default()
    };
    let text = "name: a-spec-longer-than-sixteen-bytes\n";
    let loaded = loader(limits.clone()).read_str("big.yaml", text);
    let (d, line, column) = spec000(&loaded);
    assert_eq!(
        d.message,
        format!(
            "the text is {} bytes, over the limit of 16 bytes",
            text.len()
        )
    );
    assert_eq!((line, column), (1, 1));
    assert!(d.help.as_deref().unwrap_or("").contains("max_file_bytes"));

    // From a path, the size is checked before the file is read.
    let path = std::env::temp_dir().join(format!("reelnet-limits-{}.yaml", std::process::id()));
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let loaded = loader(limits)
        .read_path(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(&path);
    let (d, _, _) = spec000(&loaded);
    assert!(
        d.message.starts_with("the file is ") && d.message.ends_with("over the limit of 16 bytes"),
        "{}",
        d.message
    );
}

#[test]
fn depth() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    // Three levels load; the fourth is refused where it opens.
    let ok = loader(limits.clone()).read_str(
        "ok.yaml",
        "name: x\nvpc: { cidr: 10.0.0.0/16, peers: [] }\n",
    );
    assert!(
        ok.diagnostics.iter().all(|d| d.code != "SPEC000"),
        "{:?}",
        ok.diagnostics
    );
    let loaded = loader(limits.clone()).read_str("deep.yaml", "name: x\nvpc:\n  peers: [[x]]\n");
    let (d, line, column) = spec000(&loaded);
    assert_eq!(
        d.message,
        "the YAML nests deeper than 3 levels of mappings and lists"
    );
    assert_eq!((line, column), (3, 11));
    assert!(d.help.as_deref().unwrap_or("").contains("Limits"));
    // Block nesting too.
    let loaded = loader(limits).read_str("block.yaml", "a:\n  b:\n    c:\n      d: 1\n");
    let (_, line, column) = spec000(&loaded);
    assert_eq!((line, column), (4, 7));
}

#[test]
fn depth_above_the_ceiling_is_still_bounded() {
    let limits = Limits {
        max_depth: usize::MAX,
        ..Limits::default()
    };
    let depth = 5_000;
    let text = format!("name: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let loaded = loader(limits).read_str("deep.yaml", &text);
    let (d, _, _) = spec000(&loaded);
    assert_eq!(
        d.message,
        "the YAML nests deeper than 1000 levels of mappings and lists"
    );
}

#[test]
fn nodes() {
    let limits = Limits {
        max_nodes: 6,
        ..Limits::default()
    };
    // The root, `name`, the list and its three items: six values.
    let ok = loader(limits.clone()).read_str("ok.yaml", "name: x\navailability_zones: [a, b, c]\n");
    assert!(ok.model.is_some(), "{:?}", ok.diagnostics);
    let loaded =
        loader(limits).read_str("many.yaml", "name: x\navailability_zones: [a, b, c, d]\n");
    let (d, line, column) = spec000(&loaded);
    assert_eq!(
        d.message,
        "the document has more than 6 YAML values (mappings, lists and scalars)"
    );
    // At the seventh value, `d`.
    assert_eq!((line, column), (2, 31));
}

#[test]
fn alias_expansion() {
    let limits = Limits {
        max_alias_expansions: 4,
        ..Limits::default()
    };
    let base = "name: x\nzones: &z [a, b, c]\n";
    // One alias copies the list and its three items: four values.
    let ok = loader(limits.clone()).read_str("ok.yaml", &format!("{base}availability_zones: *z\n"));
    assert!(
        ok.diagnostics.iter().all(|d| d.code != "SPEC000"),
        "{:?}",
        ok.diagnostics
    );
    let text = format!("{base}availability_zones: *z\nregion: *z\n");
    let loaded = loader(limits).read_str("bomb.yaml", &text);
    let (d, line, column) = spec000(&loaded);
    assert_eq!(
        d.message,
        "aliases and merge keys expand to more than 4 values: is this an alias bomb?"
    );
    // At the alias that went over.
    assert_eq!((line, column), (4, 9));
    let file = loaded.sources.file(d.primary.file);
    assert_eq!(file.slice(d.primary.range), "*z");
}

#[test]
fn merge_keys_count_as_expansion() {
    let limits = Limits {
        max_alias_expansions: 2,
        ..Limits::default()
    };
    let text = "name: x\nbase: &b { rate_limit: 1, burst_limit: 2 }\napi_gateway:\n  throttling: { <<: *b }\n";
    let loaded = loader(limits).read_str("merge.yaml", text);
    let ok = loaded.diagnostics.iter().all(|d| d.code != "SPEC000");
    assert!(ok, "two merged values fit: {:?}", loaded.diagnostics);
    let tight = Limits {
        max_alias_expansions: 1,
        ..Limits::default()
    };
    let loaded = loader(tight).read_str("merge.yaml", text);
    let (d, line, _) = spec000(&loaded);
    assert!(d.message.contains("more than 1 values"), "{}", d.message);
    assert_eq!(line, 4);
}

#[test]
fn files_in_a_directory() {
    let dir = std::env::temp_dir().join(format!("reelnet-limits-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in [
        ("a.yaml", "name: x\n"),
        ("b.yaml", "region: r\n"),
        ("c.yml", "dr_region: d\n"),
    ] {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let limits = Limits {
        max_files: 2,
        ..Limits::default()
    };
    let err = loader(limits).read_path(&dir);
    let fits = loader(Limits {
        max_files: 3,
        ..Limits::default()
    })
    .read_path(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    match err {
        Err(LoadError::Io { source, .. }) => assert_eq!(
            source.to_string(),
            "the directory holds 3 YAML files, over the limit of 2"
        ),
        other => panic!("expected an I/O error, got {other:?}"),
    }
    let fits = fits.unwrap_or_else(|e| panic!("{e}"));
    assert!(fits.model.is_some(), "{:?}", fits.diagnostics);
}

#[test]
fn one_document_per_file() {
    let loaded = Loader::default().read_str("two.yaml", "name: a\n---\nname: b\n");
    let (d, line, column) = spec000(&loaded);
    assert_eq!(
        d.message,
        "a second YAML document starts here; a spec file holds one document"
    );
    assert_eq!((line, column), (2, 1));
}

/// A million problems in one file cost no more than the file's tree: past
/// the YAML layer's per-file cap they are counted in one closing diagnostic,
/// not kept (issue #9: `a:` repeated 1,000,000 times needed 2 GB).
#[test]
fn problems_per_file_are_capped() {
    let mut text = String::from("name: x\n");
    for _ in 0..20_000 {
        text.push_str("a:\n");
    }
    let loaded = Loader::default().read_str("dup.yaml", &text);
    assert!(loaded.model.is_none());
    let spec002 = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "SPEC002")
        .count();
    assert!(spec002 <= 501, "{spec002} diagnostics kept");
    let last = loaded
        .diagnostics
        .iter()
        .rfind(|d| d.code == "SPEC002")
        .map(|d| d.message.clone())
        .unwrap_or_default();
    assert!(
        last.starts_with("19499 more problem(s) in this file are not listed"),
        "{last}"
    );
}

/// A `manifests` glob walks at most `max_files` directories: past that, the
/// reference is unreadable (SPEC006 at it), and nothing more is walked.
#[test]
fn manifest_glob_walk() {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("limits-glob-walk");
    let _ = std::fs::remove_dir_all(&d);
    for i in 0..6 {
        std::fs::create_dir_all(d.join(format!("k8s/d{i}"))).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(
        d.join("reelnet.yaml"),
        "name: t\ncompute:\n  services:\n    - name: web\n      image: reelnet/web:1.0.0\n      port: 8080\n      replicas: 3\n      manifests: [\"k8s/**/*.yaml\"]\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let limits = Limits {
        max_files: 3,
        ..Limits::default()
    };
    let loaded = loader(limits)
        .read_path(&d.join("reelnet.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let model = loaded
        .model
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let reasons: Vec<&str> = model
        .containers
        .unreadable
        .iter()
        .map(|u| u.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("walks more than 3 directories"),
        "{reasons:?}"
    );
}

/// Many distinct top-level keys: each is looked up once among the sections
/// already defined (a hash lookup, not a scan of all of them), and a section
/// repeated in a second file is still reported once, at its second place.
/// Not timed: the growth is measured by `scripts/bench-hostile.sh` (shape
/// `topkeys`); here 50,000 keys must load and keep every finding located.
#[test]
fn many_top_level_keys() {
    let n = 50_000;
    let mut first = String::from("name: x\n");
    for i in 0..n {
        first.push_str(&format!("k{i}: 1\n"));
    }
    let second = format!("k{}: 2\n", n - 1);
    let loaded = Loader::default().read_texts(vec![
        ("a.yaml".to_owned(), first),
        ("b.yaml".to_owned(), second),
    ]);
    let dups: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "SPEC005")
        .collect();
    assert_eq!(dups.len(), 1, "{:?}", dups);
    let d = dups[0];
    assert_eq!(
        d.message,
        format!(
            "section `k{}` is defined in two files: a.yaml and b.yaml",
            n - 1
        )
    );
    assert_eq!(loaded.sources.file(d.primary.file).name, "b.yaml");
    let first_at = &d.related[0];
    let file = loaded.sources.file(first_at.file);
    assert_eq!(file.name, "a.yaml");
    assert_eq!(file.line_col(first_at.range.start).line, n + 1);
}
