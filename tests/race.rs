//! The attachment that turns into a link while it is packaged: a background
//! thread swaps it, 1,000 times, between the real file and a symlink to a
//! file outside the declaration's folder (with the right magic bytes, so only
//! the no-symlink open can refuse it), while `shenbao package` runs again and
//! again. Every dossier written must hold the real attachment: zero leaks.
#![cfg(unix)]

mod common;

use common::{root, shenbao};
use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SWAPS: usize = 1_000;
const ATTACHMENT: &str = "attachments/robot-photo.png";

#[test]
fn an_attachment_swapped_for_a_link_is_never_packed() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("decl");
    let source = root().join("examples/thermal-screening-robot");
    std::fs::create_dir_all(folder.join("attachments")).unwrap();
    std::fs::copy(source.join("shenbao.yaml"), folder.join("shenbao.yaml")).unwrap();
    for entry in std::fs::read_dir(source.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        let to = folder.join("attachments").join(entry.file_name());
        std::fs::copy(entry.path(), to).unwrap();
    }
    let attachment = folder.join(ATTACHMENT);
    let real = std::fs::read(&attachment).unwrap();
    // Outside the folder: a PNG header, then a secret.
    let outside = work.path().join("secret.png");
    let mut secret = real[..16].to_vec();
    secret.extend_from_slice(b"OUTSIDE-SECRET");
    std::fs::write(&outside, &secret).unwrap();
    // The real file kept outside the folder too, hard-linked back each time.
    let stash = work.path().join("real.png");
    std::fs::copy(&attachment, &stash).unwrap();

    let key = work.path().join("k");
    let keygen = shenbao()
        .args(["keygen", "--no-password", "-o", key.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(keygen.status.success(), "{keygen:?}");
    let out = work.path().join("out");
    std::fs::create_dir(&out).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicUsize::new(0));
    let swapper = {
        let (stop, swaps) = (stop.clone(), swaps.clone());
        let (attachment, outside, stash) = (attachment.clone(), outside.clone(), stash.clone());
        let link = folder.join("attachments/.link");
        let back = folder.join("attachments/.back");
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(&outside, &link).unwrap();
                std::fs::rename(&link, &attachment).unwrap();
                // Vary how long each side stays, so opens land everywhere.
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                std::thread::sleep(Duration::from_micros(500 + (n >> 33) % 3000));
                let _ = std::fs::remove_file(&back);
                std::fs::hard_link(&stash, &back).unwrap();
                std::fs::rename(&back, &attachment).unwrap();
                swaps.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_micros(2000 + (n >> 40) % 6000));
            }
        })
    };

    let started = Instant::now();
    let (mut packaged, mut refused, mut runs) = (0usize, 0usize, 0usize);
    let mut leaks = Vec::new();
    while swaps.load(Ordering::Relaxed) < SWAPS || runs < 10 {
        assert!(
            started.elapsed() < Duration::from_secs(240),
            "too slow: {runs} runs, {} swaps",
            swaps.load(Ordering::Relaxed)
        );
        let dossier = out.join(format!("{runs}.zip"));
        let output = shenbao()
            .args(["package", folder.to_str().unwrap(), "--key"])
            .arg(key.with_extension("key"))
            .arg("-o")
            .arg(&dossier)
            .output()
            .unwrap();
        runs += 1;
        let printed = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => {
                packaged += 1;
                let packed = entry(&dossier, ATTACHMENT);
                if packed != real {
                    leaks.push(runs);
                }
            }
            // Refused: by validation (T001, the link leads outside) or by
            // package's own open (T001, it is a link now). Never a dossier.
            Some(1 | 2) => {
                refused += 1;
                assert!(
                    ["[T001]", "[T002]", "[Z027]"]
                        .iter()
                        .any(|code| printed.contains(code)),
                    "{printed}"
                );
                assert!(!dossier.exists(), "{printed}");
            }
            other => panic!("exit {other:?}:\n{printed}"),
        }
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();
    let swaps = swaps.load(Ordering::Relaxed);
    eprintln!(
        "{swaps} swaps, {runs} package runs: {packaged} dossiers, {refused} refused, {} leaks, {:.1} s",
        leaks.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        leaks.is_empty(),
        "runs that packed the outside file: {leaks:?}"
    );
    assert!(packaged > 0, "no run packaged at all");
    // No temp file left beside the dossiers.
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".shenbao-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The bytes of the dossier's entry for the attachment `name`.
fn entry(dossier: &std::path::Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(dossier).unwrap()).unwrap();
    let wanted = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .find(|n| n.ends_with(&format!("/data/{name}")))
        .expect("the attachment is in the dossier");
    let mut bytes = Vec::new();
    zip.by_name(&wanted)
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    bytes
}
