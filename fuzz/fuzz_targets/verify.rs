//! Arbitrary bytes as a dossier: `verify_reader` with no trusted key and the
//! embedded profile. Nothing may panic, and nothing verifies clean: with no
//! trusted key there is always at least the unchecked key to report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao_check::call::CallProfile;
use shenbao_dossier::verify::{verify_reader, VerifyOptions};

fuzz_target!(
    init: {
        CallProfile::embedded();
    },
    |data: &[u8]| {
        let options = VerifyOptions {
            trusted: &[],
            trusted_offices: &[],
            paper_code: None,
            profile: CallProfile::embedded(),
            as_of: Some(shenbao_fuzz::as_of()),
        };
        let found = verify_reader(std::io::Cursor::new(data), &options);
        assert!(!found.is_empty(), "verified clean without a trusted key");
    }
);
