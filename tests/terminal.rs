//! Nothing from an applicant's file reaches the terminal raw: escape sequences,
//! carriage returns and bidi overrides are shown as symbols (`␛`, `␍`) or
//! `\u{..}` escapes, so a name cannot clear the office's screen or overwrite a row's status. (Since
//! validation refuses such names (U001, U002), only a hand-made dossier can
//! carry one to an office: intake's table is tested on one in
//! src/commands/intake.rs.)

mod common;

use common::{root, shenbao};

/// No byte a terminal would act on (colour is off in these runs).
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let hazard = text.chars().find(|c| {
        matches!(
            c,
            '\u{1b}' | '\r' | '\u{7}' | '\u{9b}' | '\u{202e}' | '\u{2066}'..='\u{2069}'
        )
    });
    assert_eq!(hazard, None, "{what} printed a raw {hazard:?}:\n{text}");
}

#[test]
fn validate_shows_hostile_source_lines_and_keys_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("examples/thermal-screening-robot");
    let yaml = std::fs::read_to_string(example.join("shenbao.yaml")).unwrap();
    // A raw ESC sequence and a CR in a comment (Y012, echoed with its line),
    // and a bidi override in an unknown key (S003, quoted in the message).
    let cases = [
        (
            "applicant:\n  x: 1 # \u{1b}[2J\u{1b}[31m\r通过\n",
            "Y012",
            "␛[2J",
        ),
        (
            "applicant:\n  evil\u{202e}key: 1\n",
            "S003",
            "evil\\u{202e}key",
        ),
    ];
    for (insert, code, shown) in cases {
        let text = yaml.replacen("applicant:\n", insert, 1);
        std::fs::write(dir.path().join("shenbao.yaml"), text).unwrap();
        for lang in ["en", "zh"] {
            let output = shenbao()
                .env("SHENBAO_LANG", lang)
                .arg("validate")
                .arg(dir.path())
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1));
            assert_inert("validate stdout", &output.stdout);
            assert_inert("validate stderr", &output.stderr);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains(code), "{stdout}");
            assert!(stdout.contains(shown), "{shown} is shown:\n{stdout}");
        }
    }
}
