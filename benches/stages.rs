//! Where validation time goes, per stage, on one core: load (decode, YAML into
//! a value with spans), check (schema and rules), category fit alone, end to
//! end; with the full
//! YAML parser's bare event stream and serde-saphyr's deserializer for
//! comparison (declarations in the block style take our fast path instead).
//! `cargo bench --bench stages`. With SHENBAO_BENCH_CORPUS=DIR (a corpus of
//! benches/gen_declarations.py), also the category fit's mean over every
//! declaration of DIR.

use shenbao_check::call::CallProfile;
use shenbao_check::rules::{self, CheckOptions};
use shenbao_load::{Document, LoadOptions};
use std::time::{Duration, Instant};

fn per_second(label: &str, bytes: usize, mut f: impl FnMut()) {
    // Warm up, then run for about a second.
    for _ in 0..50 {
        f();
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < Duration::from_secs(1) {
        for _ in 0..50 {
            f();
        }
        n += 50;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{label:<34} {:>9.0} docs/s  {:>7.1} µs/doc  {:>6.1} MB/s",
        n as f64 / secs,
        secs * 1e6 / n as f64,
        (bytes as f64 * n as f64) / secs / 1e6
    );
}

fn main() {
    // Another declaration with SHENBAO_BENCH_DECL=PATH (one of a generated
    // corpus, say: benches/gen_declarations.py).
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/thermal-screening-robot/shenbao.yaml"
    );
    let chosen = std::env::var("SHENBAO_BENCH_DECL").unwrap_or_else(|_| default.to_string());
    let path = chosen.as_str();
    let bytes = std::fs::read(path).unwrap();
    let len = bytes.len();
    // Before the deadline, so "the call has closed" stays out; no folder, so
    // attachments are not opened (the end-to-end command bench includes them).
    let options = CheckOptions {
        strict: false,
        as_of: shenbao_check::date::Date::parse("2021-03-25"),
    };
    println!("declaration: {path} ({len} bytes)");
    per_second("load (decode + YAML -> Value+spans)", len, || {
        let doc = Document::from_bytes("bench", bytes.clone(), LoadOptions::default());
        assert!(doc.value.is_some());
    });
    let text = String::from_utf8(bytes.clone()).unwrap();
    per_second("full parser: its events only", len, || {
        let mut n = 0;
        for ev in serde_saphyr::granit_parser::Parser::new_from_str(&text) {
            ev.unwrap();
            n += 1;
        }
        assert!(n > 10);
    });
    per_second("for comparison: serde-saphyr -> Value", len, || {
        let _: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    });
    let doc = Document::from_bytes("bench", bytes.clone(), LoadOptions::default());
    per_second("check (schema + rules)", len, || {
        assert!(rules::check(&doc, CallProfile::embedded(), options).is_empty());
    });
    let dir = std::path::Path::new(path).parent().unwrap().to_path_buf();
    let mut form_doc = Document::from_bytes("bench", bytes.clone(), LoadOptions::default());
    form_doc.dir = Some(dir);
    let form = shenbao_form::render(&form_doc, &bytes, CallProfile::embedded()).unwrap();
    println!("form: {} pages, {} bytes", form.pages, form.pdf.len());
    per_second("form (layout + subset + PDF)", len, || {
        let form = shenbao_form::render(&form_doc, &bytes, CallProfile::embedded()).unwrap();
        assert!(form.pdf.len() < 300 * 1024);
    });
    let value = doc.value.clone().unwrap();
    let cx = rules::Context {
        value: &value,
        profile: CallProfile::embedded(),
        files: rules::Files::None,
        as_of: options.as_of.unwrap(),
    };
    let texts = rules::category::scoring::texts(&cx);
    let lexicon = CallProfile::embedded().lexicon();
    let mut matches = 0;
    for field in &texts {
        lexicon
            .index
            .for_each_match(&field.text, |_, _| matches += 1);
    }
    println!(
        "lexicon: {} phrases, {matches} found in the declaration",
        lexicon.index.len()
    );
    per_second("  of which: finding the phrases", len, || {
        let mut n = 0;
        for field in &texts {
            lexicon.index.for_each_match(&field.text, |_, _| n += 1);
        }
        assert_eq!(n, matches);
    });
    per_second("  of which: scoring", len, || {
        let scores = rules::category::scoring::score(CallProfile::embedded(), &texts);
        assert!(scores.of(7) > 0);
    });
    per_second("category fit (score all, C001-C003)", len, || {
        let mut found = Vec::new();
        rules::category::check(&cx, &mut found);
        assert!(found.is_empty());
    });
    per_second("end to end (load + check)", len, || {
        let doc = Document::from_bytes("bench", bytes.clone(), LoadOptions::default());
        assert!(rules::check(&doc, CallProfile::embedded(), options).is_empty());
    });
    if let Ok(corpus) = std::env::var("SHENBAO_BENCH_CORPUS") {
        category_fit_over(std::path::Path::new(&corpus), options);
    }
}

/// The category fit's mean time per declaration over a whole corpus: one
/// declaration is one size, a corpus has them all.
fn category_fit_over(corpus: &std::path::Path, options: CheckOptions) {
    let mut values = Vec::new();
    let mut total_bytes = 0;
    let mut folders: Vec<_> = std::fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path().join("shenbao.yaml"))
        .filter(|p| p.is_file())
        .collect();
    folders.sort();
    for path in folders {
        let bytes = std::fs::read(&path).unwrap();
        total_bytes += bytes.len();
        let doc = Document::from_bytes("bench", bytes, LoadOptions::default());
        values.push(doc.value.unwrap());
    }
    let contexts: Vec<_> = values
        .iter()
        .map(|value| rules::Context {
            value,
            profile: CallProfile::embedded(),
            files: rules::Files::None,
            as_of: options.as_of.unwrap(),
        })
        .collect();
    let run = || {
        let mut warnings = 0;
        for cx in &contexts {
            let mut found = Vec::new();
            rules::category::check(cx, &mut found);
            warnings += found.len();
        }
        warnings
    };
    let texts: Vec<_> = contexts
        .iter()
        .map(rules::category::scoring::texts)
        .collect();
    let lexicon = CallProfile::embedded().lexicon();
    let find = || {
        let mut n = 0usize;
        for fields in &texts {
            for field in fields {
                lexicon.index.for_each_match(&field.text, |_, _| n += 1);
            }
        }
        n
    };
    let matches = find();
    let start = Instant::now();
    for _ in 0..5 {
        assert_eq!(find(), matches);
    }
    println!(
        "  finding the phrases alone: {:.1} µs/doc, {:.0} found per declaration",
        start.elapsed().as_secs_f64() * 1e6 / (5 * contexts.len()) as f64,
        matches as f64 / contexts.len().max(1) as f64
    );
    let warnings = run();
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        assert_eq!(run(), warnings);
    }
    let per_doc = start.elapsed().as_secs_f64() * 1e6 / (rounds * contexts.len()) as f64;
    println!(
        "category fit over {} ({} declarations, mean {} bytes, {warnings} C-findings): {per_doc:.1} µs/doc",
        corpus.display(),
        contexts.len(),
        total_bytes / contexts.len().max(1)
    );
    // In `validate` the fit runs on a declaration already loaded and
    // checked, its value and text in the cache. What it adds there: each
    // declaration read first (its texts gathered and every byte summed),
    // with the fit and without, the difference.
    let read = |cx: &rules::Context| -> usize {
        rules::category::scoring::texts(cx)
            .iter()
            .map(|field| field.text.bytes().map(usize::from).sum::<usize>())
            .sum()
    };
    let (mut with_fit, mut without) = (0.0, 0.0);
    for _ in 0..rounds {
        let start = Instant::now();
        let mut sum = 0;
        for cx in &contexts {
            sum += read(cx);
        }
        without += start.elapsed().as_secs_f64();
        std::hint::black_box(sum);
        let start = Instant::now();
        let mut sum = 0;
        for cx in &contexts {
            sum += read(cx);
            let mut found = Vec::new();
            rules::category::check(cx, &mut found);
            sum += found.len();
        }
        with_fit += start.elapsed().as_secs_f64();
        std::hint::black_box(sum);
    }
    let n = (rounds * contexts.len()) as f64;
    println!(
        "  of which the fit adds to a declaration already read: {:.1} µs/doc (read alone {:.1} µs/doc)",
        (with_fit - without) * 1e6 / n,
        without * 1e6 / n
    );
}
