//! The embedded call profile, read from its YAML once here and written as
//! JSON for the binary: deserialising JSON at start costs a fraction of
//! parsing the YAML. The YAML stays the source (and what `call show` prints);
//! `call::tests` checks that both give the same profile.

fn main() {
    let source = "../../schemas/calls/miit-xxxf-2021.yaml";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).expect("the embedded call profile");
    let document = shenbao_load::Document::from_text("miit-xxxf-2021.yaml", &text);
    let value = document.value.unwrap_or_else(|| {
        panic!(
            "the embedded call profile does not load: {:?}",
            document.diagnostics
        )
    });
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("miit-xxxf-2021.json");
    std::fs::write(
        out,
        serde_json::to_string(&value).expect("a value serialises"),
    )
    .expect("OUT_DIR is writable");
}
