//! A declaration's bytes, end to end: decoded (strict UTF-8, and with
//! `--encoding auto` when they are not UTF-8), parsed with both YAML paths
//! compared (`SHENBAO_CHECK_YAML_PATHS`), checked against the embedded 2021
//! profile on a fixed date, and located. Nothing may panic; every location is
//! inside the text, on character boundaries, with the line and column of its
//! offset; the loaded value is a mapping or nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao_check::call::CallProfile;
use shenbao_check::{check, CheckOptions};
use shenbao_load::{Document, EncodingMode, LoadOptions};

fn load_and_check(bytes: &[u8], encoding: EncodingMode) {
    let document = Document::from_bytes("shenbao.yaml", bytes.to_vec(), LoadOptions { encoding });
    assert!(
        document.value.as_ref().is_none_or(|v| v.is_object()),
        "a declaration's value is a mapping"
    );
    let text = &document.source.text;
    shenbao_fuzz::check_locations(text, &document.diagnostics);
    if let Some(value) = &document.value {
        shenbao_fuzz::check_spans(text, value, &document.spans);
    }
    let options = CheckOptions {
        strict: false,
        as_of: Some(shenbao_fuzz::as_of()),
    };
    let mut found = check(&document, CallProfile::embedded(), options);
    shenbao_fuzz::check_locations(text, &found);
    // Every finding the rules left unlocated gets a location when asked again.
    document.resolve(&mut found);
    shenbao_fuzz::check_locations(text, &found);
}

fuzz_target!(
    init: {
        std::env::set_var(shenbao_load::yaml::CHECK_PATHS_ENV, "1");
        CallProfile::embedded();
    },
    |data: &[u8]| {
        load_and_check(data, EncodingMode::Utf8);
        let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        if std::str::from_utf8(body).is_err() {
            load_and_check(data, EncodingMode::Auto);
        }
    }
);
