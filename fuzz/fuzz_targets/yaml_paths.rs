//! The YAML fast path against the full parser. Whenever the fast path takes
//! a text, the full path must parse it to the same value (keys in the same
//! order) and the same span map; the fast path may always step aside. Then
//! the spans of whatever parsed lie inside the text, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao_load::yaml;

fuzz_target!(|data: &[u8]| {
    // Documents are text by the time they are parsed.
    let text = String::from_utf8_lossy(data);
    if let Err(disagreement) = yaml::differential(&text) {
        panic!("{disagreement}\n{text:?}");
    }
    if let Ok((value, spans)) = yaml::parse(&text) {
        shenbao_fuzz::check_spans(&text, &value, &spans);
    }
});
