//! Where the documentation lives: `docs/` in the repository, read on the
//! web at [`DOCS_URL`]. `reelnet-lint explain` and SARIF's `helpUri` point
//! there.

/// The repository's `docs/` directory on the web. Built from the
/// workspace's `repository` URL (Cargo.toml), which is a **placeholder**
/// (`https://example.invalid/reelnet`) until the project is published:
/// change it there, and only there.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs");

/// A catalogue rule's page, relative to the repository root:
/// `docs/rules/NET001.md`.
#[must_use]
pub fn rule_page(code: &str) -> String {
    format!("docs/rules/{code}.md")
}

/// A catalogue rule's page on the web: [`DOCS_URL`]`/rules/NET001.md`.
#[must_use]
pub fn rule_url(code: &str) -> String {
    format!("{DOCS_URL}/rules/{code}.md")
}
