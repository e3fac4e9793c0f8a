//! The YAML fast path against the full parser. Whenever the fast path takes
//! a text, the full path must parse it to the same value (keys in the same
//! order) and the same span map; the fast path may always step aside. Then
//! the spans of whatever parsed, and the position of any error, lie inside
//! the text on character boundaries (locations clamp positions, which would
//! hide a wrong one).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao_load::yaml::{self, YamlError};

fuzz_target!(|data: &[u8]| {
    // Documents are text by the time they are parsed.
    let text = String::from_utf8_lossy(data);
    if let Err(disagreement) = yaml::differential(&text) {
        panic!("{disagreement}\n{text:?}");
    }
    match yaml::parse(&text) {
        Ok((value, spans)) => shenbao_fuzz::check_spans(&text, &value, &spans),
        Err(err) => {
            let at = match &err {
                YamlError::Syntax(scan) => (yaml::offset_of(&text, scan.marker()), 0),
                YamlError::DuplicateKey { at, .. }
                | YamlError::MultipleDocuments { at }
                | YamlError::Budget { at, .. }
                | YamlError::Unsupported { at, .. } => *at,
            };
            shenbao_fuzz::in_text(&text, at, "", &format!("{err:?}"));
        }
    }
});
