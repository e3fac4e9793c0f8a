//! A call profile's text (`--call FILE`): `CallProfile::parse` either gives
//! a profile that a declaration (an example, with its attachments) can be
//! checked against without a panic, or problems located inside the text.
//! Both YAML paths are compared on the way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao_check::call::CallProfile;
use shenbao_check::{check, CheckOptions};
use shenbao_load::Document;
use std::sync::OnceLock;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/thermal-screening-robot"
);

/// The example declaration, loaded once; checked against each profile.
fn example() -> &'static Document {
    static DOCUMENT: OnceLock<Document> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let path = std::path::Path::new(EXAMPLE).join("shenbao.yaml");
        Document::load_file(&path, "shenbao.yaml", Default::default()).expect("the example loads")
    })
}

fuzz_target!(
    init: {
        std::env::set_var(shenbao_load::yaml::CHECK_PATHS_ENV, "1");
        example();
    },
    |data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        match CallProfile::parse("call.yaml", &text) {
            Ok(profile) => {
                // What loading promises the rest of the program.
                let _ = profile.deadline();
                for category in &profile.categories {
                    assert!(profile.category(category.number).is_some());
                    let _ = profile.direction_of(category.number);
                }
                let _ = profile.lexicon();
                let document = example();
                let options = CheckOptions {
                    strict: false,
                    as_of: Some(shenbao_fuzz::as_of()),
                };
                let found = check(document, &profile, options);
                shenbao_fuzz::check_locations(&document.source.text, &found);
            }
            Err(error) => {
                shenbao_fuzz::check_locations(&error.text, &error.problems);
                let _ = error.describe(shenbao_diagnostic::Lang::En);
            }
        }
    }
);
