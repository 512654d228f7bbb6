//! Parse a baseline from arbitrary text and apply it to a report: never a
//! panic or a blow-up; what parses writes back to a file that parses.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use reelnet_lint::baseline::Baseline;
use reelnet_lint::{Linter, Report};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(baseline) = Baseline::parse(text, Path::new("b.json"), Path::new("/fuzz")) else {
        return;
    };
    let again = Baseline::parse(&baseline.to_json(), Path::new("b.json"), Path::new("/fuzz"));
    assert!(again.is_ok(), "{again:?}");
    let linter = Linter::builtin();
    let mut report = Report::new(vec![linter.check_str(
        "/fuzz/s.yaml",
        "name: x\nvpc:\n  cidr: 10.0.0.0/16\n  public_subnets: [10.0.1.0/24, 10.0.1.0/25]\n",
    )]);
    baseline.apply(&mut report, "fuzz", &|_| false, &|_| true);
    let _ = reelnet_lint::report::notes(&report);
});
