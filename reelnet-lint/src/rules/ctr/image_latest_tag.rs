use reelnet_spec::Spec;

use crate::rule::{Checker, Finding};

crate::declare_rule! {
    /// ## What it does
    /// Reports a service image that is not pinned: its tag is `latest`, or it
    /// has neither a tag nor a digest (which pulls `latest`). The reference is
    /// parsed as `[registry[:port]/]path[:tag][@digest]`: the tag follows the
    /// last `:` of the last path component only, so `registry:5000/repo` has
    /// no tag. A digest (`@sha256:…`) pins the image whatever its tag says.
    /// A reference that does not parse (an uppercase repository, an empty tag,
    /// a malformed digest) is reported too, with the reason, since what it
    /// pins cannot be known.
    ///
    /// Every image reference counts (CONTAINERS.md): a service's `image`, each
    /// `FROM` of the Dockerfiles the services reference (not a stage name,
    /// `scratch` or a `$VARIABLE`), and each container `image` of their
    /// Kubernetes manifests.
    ///
    /// ## Why is this bad?
    /// `latest` is whatever was pushed last. Two tasks of one service can run
    /// different code, a restart can deploy an untested build, and a rollback
    /// has nothing to roll back to. A release tag (or, stricter, a digest)
    /// makes every deployment reproducible.
    ///
    /// ## Example
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:latest
    ///       replicas: 3
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// compute:
    ///   services:
    ///     - name: backend
    ///       image: reelnet/backend:1.4.2
    ///       replicas: 3
    /// ```
    ///
    /// ## References
    /// - [Amazon ECS task definition parameters: `image`](https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image)
    /// - [Amazon ECR: Preventing image tags from being overwritten (tag immutability)](https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html)
    /// - [The image reference grammar of distribution/reference](https://github.com/distribution/reference/blob/main/reference.go)
    pub struct ImageLatestTag {
        code: "CTR001",
        name: "image-latest-tag",
        severity: Warning,
        summary: "an image has tag `latest` or no tag and no digest",
    }
    impl Rule;
}

/// A parsed image reference: `[registry[:port]/]path[:tag][@digest]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// `registry.example.com:5000`, when the reference names one.
    pub registry: Option<&'a str>,
    /// The repository path, e.g. `reelnet/backend`.
    pub path: &'a str,
    pub tag: Option<&'a str>,
    /// `algorithm:encoded`, e.g. `sha256:…`.
    pub digest: Option<&'a str>,
}

impl ImageRef<'_> {
    /// The repository with its registry, without tag or digest.
    #[must_use]
    pub fn repository(&self) -> String {
        match self.registry {
            Some(r) => format!("{r}/{}", self.path),
            None => self.path.to_owned(),
        }
    }
}

/// The longest repository name (registry and path), as in distribution/reference.
const NAME_MAX: usize = 255;

/// Parse an image reference (the grammar of distribution/reference and the
/// OCI image spec's digests).
///
/// # Errors
/// Why the text is not an image reference.
pub fn parse_image(text: &str) -> Result<ImageRef<'_>, String> {
    if text.is_empty() {
        return Err("it is empty".into());
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("it contains {c:?}"));
    }
    let (name_tag, digest) = match text.split_once('@') {
        Some((n, d)) => {
            check_digest(d)?;
            (n, Some(d))
        }
        None => (text, None),
    };
    let last_component = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[last_component..].rfind(':') {
        Some(i) => {
            let at = last_component + i;
            let tag = &name_tag[at + 1..];
            check_tag(tag)?;
            (&name_tag[..at], Some(tag))
        }
        None => (name_tag, None),
    };
    if name.len() > NAME_MAX {
        return Err(format!(
            "the repository name is longer than {NAME_MAX} characters"
        ));
    }
    let (registry, path) = match name.split_once('/') {
        Some((first, rest)) if is_registry(first) => (Some(first), rest),
        _ => (None, name),
    };
    if let Some(r) = registry {
        check_registry(r)?;
    }
    check_path(path)?;
    Ok(ImageRef {
        registry,
        path,
        tag,
        digest,
    })
}

/// Whether the first component of a name is a registry: it has a `.` or a
/// `:`, is `localhost`, is an IPv6 literal, or has uppercase letters (which
/// a path cannot), as Docker decides.
fn is_registry(first: &str) -> bool {
    first.contains(['.', ':'])
        || first == "localhost"
        || first.starts_with('[')
        || first.chars().any(|c| c.is_ascii_uppercase())
}

fn check_registry(registry: &str) -> Result<(), String> {
    let bad = || format!("`{registry}` is not a registry host[:port]");
    let (host, port) = if let Some(rest) = registry.strip_prefix('[') {
        let (v6, after) = rest.split_once(']').ok_or_else(bad)?;
        v6.parse::<std::net::Ipv6Addr>().map_err(|_| bad())?;
        match after {
            "" => (None, None),
            _ => (None, Some(after.strip_prefix(':').ok_or_else(bad)?)),
        }
    } else {
        match registry.split_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(registry), None),
        }
    };
    if let Some(host) = host {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if !host.split('.').all(label_ok) {
            return Err(bad());
        }
    }
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!("the registry port `{port}` is not a number"));
    }
    Ok(())
}

/// A path: components of lowercase letters and digits, separated inside a
/// component by `.`, `_`, `__` or runs of `-`.
fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the repository path is empty".into());
    }
    for component in path.split('/') {
        if component.is_empty() {
            return Err(format!(
                "the repository path `{path}` has an empty component"
            ));
        }
        if component.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "repository names must be lowercase (`{component}`)"
            ));
        }
        if !component_ok(component) {
            return Err(format!(
                "`{component}` is not a repository name component (lowercase letters and digits, separated by `.`, `_`, `__` or `-`)"
            ));
        }
    }
    Ok(())
}

fn component_ok(component: &str) -> bool {
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let bytes = component.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if !alnum(first) || !alnum(last) {
        return false;
    }
    // Each separator run between alphanumerics: `.`, `_`, `__` or `-`+.
    let mut run = String::new();
    for &b in bytes {
        if alnum(b) {
            if !(run.is_empty()
                || matches!(run.as_str(), "." | "_" | "__")
                || run.bytes().all(|r| r == b'-'))
            {
                return false;
            }
            run.clear();
        } else if matches!(b, b'.' | b'_' | b'-') {
            run.push(char::from(b));
        } else {
            return false;
        }
    }
    true
}

/// A tag: a word character, then up to 127 word characters, `.` or `-`.
fn check_tag(tag: &str) -> Result<(), String> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut chars = tag.chars();
    let ok = chars.next().is_some_and(word)
        && tag.len() <= 128
        && chars.all(|c| word(c) || c == '.' || c == '-');
    if ok {
        Ok(())
    } else if tag.is_empty() {
        Err("the tag after `:` is empty".into())
    } else {
        Err(format!(
            "`{tag}` is not a tag (up to 128 letters, digits, `_`, `.` or `-`, not starting with `.` or `-`)"
        ))
    }
}

/// A digest: `algorithm:encoded`; `sha256` is 64 and `sha512` 128 lowercase
/// hex digits (OCI image spec).
fn check_digest(digest: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("`@{digest}` is not a digest: {why}"));
    let Some((algorithm, encoded)) = digest.split_once(':') else {
        return bad("expected `algorithm:hex`, e.g. `sha256:` and 64 hex digits");
    };
    let algorithm_ok = !algorithm.is_empty()
        && algorithm.split(['+', '.', '_', '-']).all(|c| {
            !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !algorithm_ok {
        return bad("the algorithm is not lowercase letters and digits");
    }
    let hex = |len: usize| {
        encoded.len() == len
            && encoded
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    match algorithm {
        "sha256" if !hex(64) => bad("sha256 takes 64 lowercase hex digits"),
        "sha512" if !hex(128) => bad("sha512 takes 128 lowercase hex digits"),
        _ if encoded.is_empty()
            || !encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-')) =>
        {
            bad(
                "the encoded part is empty or has characters other than letters, digits, `=`, `_`, `-`",
            )
        }
        _ => Ok(()),
    }
}

impl ImageLatestTag {
    fn check(&self, spec: &Spec, cx: &mut Checker<'_>) {
        for service in spec.services() {
            let owner = format!("service `{}`", service.name.value);
            if let Some(f) = finding(&owner, &service.image.value, service.image.loc) {
                cx.report(f);
            }
        }
        // Every image reference of the container layer (CONTAINERS.md).
        for d in &spec.containers.dockerfiles {
            for (i, stage) in d.stages.iter().enumerate() {
                let text = stage.image.value.as_str();
                let earlier_stage = d.stages[..i].iter().any(|s| {
                    s.name
                        .as_ref()
                        .is_some_and(|n| n.value.eq_ignore_ascii_case(text))
                });
                if earlier_stage || text == "scratch" || text.contains('$') {
                    continue;
                }
                let owner = format!("{}: `FROM`", d.path);
                if let Some(f) = finding(&owner, text, stage.image.loc) {
                    cx.report(f);
                }
            }
        }
        for m in &spec.containers.manifests {
            for (doc, w) in m.workloads() {
                for c in &w.containers {
                    let Some(image) = &c.image else { continue };
                    let owner = format!(
                        "{}: {} `{}`, container `{}`,",
                        m.path,
                        doc.kind.as_ref().map_or("", |k| k.value.as_str()),
                        doc.name.as_ref().map_or("", |n| n.value.as_str()),
                        c.name.as_ref().map_or("", |n| n.value.as_str())
                    );
                    if let Some(f) = finding(&owner, &image.value, image.loc) {
                        cx.report(f);
                    }
                }
            }
        }
    }
}

/// The finding for one image reference of `owner`, if it is not pinned.
fn finding(owner: &str, text: &str, loc: reelnet_spec::Loc) -> Option<Finding> {
    let finding = match parse_image(text) {
        Err(why) => Finding::new(
            loc,
            format!(
                "{owner} has image `{text}`, which is not a valid image reference ({why}): what it pins cannot be checked"
            ),
        )
        .label("invalid image reference")
        .help("write it as `[registry[:port]/]repository[:tag][@sha256:digest]`, e.g. `reelnet/backend:1.4.2`"),
        Ok(r) if r.digest.is_some() => return None,
        Ok(r) => {
            let repo = r.repository();
            let help =
                format!("pin a release tag (`{repo}:1.4.2`) or a digest (`{repo}@sha256:…`)");
            match r.tag {
                Some("latest") => Finding::new(
                    loc,
                    format!("{owner} runs `{text}`: `latest` is whatever was pushed last, so deployments are not reproducible"),
                )
                .label("mutable `latest` tag")
                .help(help),
                Some(_) => return None,
                None => Finding::new(
                    loc,
                    format!("{owner} runs `{text}`, with no tag and no digest: it pulls `latest`, whatever was pushed last"),
                )
                .label("no tag: pulls `latest`")
                .help(help),
            }
        }
    };
    Some(finding)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{ImageRef, parse_image};

    const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn ok(text: &str) -> ImageRef<'_> {
        parse_image(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn image<'a>(
        registry: Option<&'a str>,
        path: &'a str,
        tag: Option<&'a str>,
        digest: Option<&'a str>,
    ) -> ImageRef<'a> {
        ImageRef {
            registry,
            path,
            tag,
            digest,
        }
    }

    #[test]
    fn tags_and_paths() {
        assert_eq!(ok("nginx"), image(None, "nginx", None, None));
        assert_eq!(ok("nginx:1.27"), image(None, "nginx", Some("1.27"), None));
        assert_eq!(
            ok("reelnet/backend:latest"),
            image(None, "reelnet/backend", Some("latest"), None)
        );
        assert_eq!(
            ok("reelnet/team/backend:1.4.2-rc.1"),
            image(None, "reelnet/team/backend", Some("1.4.2-rc.1"), None)
        );
        assert_eq!(
            ok("my_org/my-app__x.y:v2"),
            image(None, "my_org/my-app__x.y", Some("v2"), None)
        );
    }

    #[test]
    fn registries_and_ports() {
        // A port is not a tag: the tag is only after the last path component.
        assert_eq!(
            ok("registry:5000/repo"),
            image(Some("registry:5000"), "repo", None, None)
        );
        assert_eq!(
            ok("registry:5000/repo:1.2"),
            image(Some("registry:5000"), "repo", Some("1.2"), None)
        );
        assert_eq!(
            ok("123456789012.dkr.ecr.us-east-1.amazonaws.com/reelnet/backend:1.4.2"),
            image(
                Some("123456789012.dkr.ecr.us-east-1.amazonaws.com"),
                "reelnet/backend",
                Some("1.4.2"),
                None
            )
        );
        assert_eq!(
            ok("localhost/app"),
            image(Some("localhost"), "app", None, None)
        );
        assert_eq!(
            ok("[::1]:5000/app:3"),
            image(Some("[::1]:5000"), "app", Some("3"), None)
        );
        assert_eq!(
            ok("Registry.Example.com/app:1"),
            image(Some("Registry.Example.com"), "app", Some("1"), None)
        );
        // An uppercase first component can only be a registry host, as Docker reads it.
        assert_eq!(
            ok("Reelnet/backend:1.0"),
            image(Some("Reelnet"), "backend", Some("1.0"), None)
        );
        // Without a `.`, `:` or `localhost`, the first component is a path.
        assert_eq!(ok("library/app"), image(None, "library/app", None, None));
    }

    #[test]
    fn digests_pin() {
        let with_digest = format!("reelnet/backend@{SHA}");
        assert_eq!(
            ok(&with_digest),
            image(None, "reelnet/backend", None, Some(SHA))
        );
        let both = format!("registry:5000/reelnet/backend:latest@{SHA}");
        assert_eq!(
            ok(&both),
            image(
                Some("registry:5000"),
                "reelnet/backend",
                Some("latest"),
                Some(SHA)
            )
        );
        let sha512 = format!("app@sha512:{}", "ab".repeat(64));
        assert!(parse_image(&sha512).is_ok());
        assert!(
            parse_image("app@multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8")
                .is_ok()
        );
    }

    #[test]
    fn invalid_forms() {
        for bad in [
            "",
            "reelnet/Backend:1.0",
            "reelnet/backend:",
            "reelnet/backend:.hidden",
            "reelnet//backend",
            "reelnet/backend/",
            "/backend",
            "registry:5000/",
            "registry:port/app",
            "-app",
            "app-",
            "a..b",
            "a_-b",
            "a___b",
            "reel net/backend",
            "reelnet/backend@sha256:abc",
            "reelnet/backend@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "reelnet/backend@latest",
            "reelnet/backend@SHA256:00",
            "[::1/app",
            "[zz::1]:5000/app",
        ] {
            assert!(parse_image(bad).is_err(), "{bad:?} parsed");
        }
        let long_tag = format!("app:{}", "a".repeat(129));
        assert!(parse_image(&long_tag).is_err());
        let max_tag = format!("app:{}", "a".repeat(128));
        assert!(parse_image(&max_tag).is_ok());
        let long_name = format!("{}:1", "a".repeat(256));
        assert!(parse_image(&long_name).is_err());
    }

    #[test]
    fn errors_say_why() {
        assert_eq!(
            parse_image("reelnet/Backend:1.0"),
            Err("repository names must be lowercase (`Backend`)".to_owned())
        );
        assert_eq!(
            parse_image("reelnet/backend:"),
            Err("the tag after `:` is empty".to_owned())
        );
    }

    proptest! {
        /// Any reference built from the grammar's parts parses back into them.
        #[test]
        fn parts_round_trip(
            registry in proptest::option::of("[a-z][a-z0-9]{0,5}(\\.[a-z0-9]{1,5}){1,2}(:[0-9]{1,5})?"),
            first in "[a-z0-9]{1,6}(-[a-z0-9]{1,4})?",
            rest in proptest::collection::vec("[a-z0-9]{1,6}(([._]|__|-+)[a-z0-9]{1,6}){0,2}", 0..3),
            tag in proptest::option::of("[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"),
            digest in proptest::option::of("[0-9a-f]{64}"),
        ) {
            let path = std::iter::once(first).chain(rest).collect::<Vec<_>>().join("/");
            let digest = digest.map(|d| format!("sha256:{d}"));
            let mut text = registry.as_ref().map_or_else(String::new, |r| format!("{r}/"));
            text.push_str(&path);
            if let Some(t) = &tag {
                text.push(':');
                text.push_str(t);
            }
            if let Some(d) = &digest {
                text.push('@');
                text.push_str(d);
            }
            let parsed = parse_image(&text);
            prop_assert_eq!(
                parsed,
                Ok(ImageRef {
                    registry: registry.as_deref(),
                    path: &path,
                    tag: tag.as_deref(),
                    digest: digest.as_deref(),
                })
            );
        }

        /// No input makes the parser panic.
        #[test]
        fn never_panics(text in "\\PC{0,40}") {
            let _ = parse_image(&text);
        }
    }
}
