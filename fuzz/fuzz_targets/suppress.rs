//! Parse suppression comments from arbitrary text, then lint it: never a
//! panic or a blow-up; every directive and malformed comment lies inside
//! the text, on a char boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reelnet_lint::Linter;
use reelnet_lint::suppress::parse;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let inside = |start: u32, end: u32| {
        start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize)
    };
    let parsed = parse(text);
    for d in &parsed.directives {
        assert!(inside(d.comment.start, d.comment.end), "{d:?}");
        assert!(inside(d.head.start, d.head.end), "{d:?}");
        for n in &d.rules {
            assert!(inside(n.range.start, n.range.end), "{d:?}");
        }
    }
    for m in &parsed.malformed {
        assert!(inside(m.range.start, m.range.end), "{m:?}");
    }
    let _ = Linter::builtin().check_str("fuzz.yaml", text);
});
