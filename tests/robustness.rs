//! Whatever bytes arrive, loading and checking return diagnostics — never a
//! panic. Deterministic pseudo-random mutations of real declarations.

use shenbao_check::call::CallProfile;
use shenbao_check::rules::{self, CheckOptions};
use shenbao_load::{Document, EncodingMode, LoadOptions};

#[path = "../crates/shenbao-load/src/yaml/rng.rs"]
mod rng;
use rng::Rng;

const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"'",
    b"\t",
    b"\n",
    b": ",
    b"- ",
    b"&a ",
    b"*a",
    b"{",
    b"[",
    b"]",
    b"}",
    b"#",
    b"\xff",
    b"\xca\xbe",
    b"\xe6\xb5",
    b"---\n",
    b"? ",
    b"!!binary ",
    b"<<: ",
    b"\r",
    b"\0",
    b"~",
    b"0x1F",
    b".inf",
    b"\xEF\xBB\xBF",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] = rng.next() as u8,
            1 => bytes.truncate(at),
            2 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            _ => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
        }
    }
    bytes
}

#[test]
fn mutated_declarations_never_panic_and_always_locate_their_findings() {
    let examples = [
        "thermal-screening-robot",
        "city-brain-platform",
        "remote-diagnosis-platform",
    ];
    let mut rng = Rng(0x5EED_2021_0331);
    for example in examples {
        let path = format!(
            "{}/examples/{example}/shenbao.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let original = std::fs::read(path).unwrap();
        for _ in 0..400 {
            let bytes = mutate(&mut rng, &original);
            for encoding in [EncodingMode::Utf8, EncodingMode::Auto] {
                let document = Document::from_bytes("m", bytes.clone(), LoadOptions { encoding });
                let findings =
                    rules::check(&document, CallProfile::embedded(), CheckOptions::default());
                for d in &findings {
                    if let Some(l) = d.location {
                        let text = &document.source.text;
                        assert!(l.offset + l.len <= text.len(), "{} out of range", d.code);
                        assert!(
                            text.is_char_boundary(l.offset)
                                && text.is_char_boundary(l.offset + l.len)
                        );
                        assert!(l.line >= 1 && l.column >= 1);
                    }
                }
            }
        }
    }
}
