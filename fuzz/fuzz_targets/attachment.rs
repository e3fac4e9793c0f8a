//! An attachment's bytes: its real type, and for a PDF encryption and
//! truncation. The first byte chooses how: whether it is named .pdf, and
//! whether the bytes are padded past the size read whole, so that the file
//! is looked at with seeks and bounded reads. The facts of the file
//! (`inspect_open`) must equal those of the same bytes in memory
//! (`inspect_bytes`), and the type is then judged as the check judges it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shenbao_check::call::CallProfile;
use shenbao_check::rules::attachments::files;
use std::io::Write;

/// Past the 256 KiB an attachment is read whole up to.
const PAD: usize = 300 * 1024;

fuzz_target!(
    init: {
        CallProfile::embedded();
    },
    |data: &[u8]| {
        let Some((&mode, rest)) = data.split_first() else {
            return;
        };
        let is_pdf = mode & 1 == 0;
        let bytes = if mode & 2 == 0 {
            rest.to_vec()
        } else {
            // Padding in the middle keeps the head and the tail as written.
            let middle = rest.len() / 2;
            let mut padded = Vec::with_capacity(rest.len() + PAD);
            padded.extend_from_slice(&rest[..middle]);
            padded.resize(middle + PAD, b' ');
            padded.extend_from_slice(&rest[middle..]);
            padded
        };
        let memory = files::inspect_bytes(&bytes, is_pdf);
        let mut file = tempfile::tempfile().expect("a temporary file");
        file.write_all(&bytes).expect("written");
        std::io::Seek::rewind(&mut file).expect("rewound");
        let on_disk = files::inspect_open(file, bytes.len() as u64, is_pdf).expect("read back");
        assert_eq!(format!("{memory:?}"), format!("{on_disk:?}"));
        assert_eq!(memory.size, bytes.len() as u64);
        assert!(bytes.starts_with(&memory.head) && memory.head.len() == bytes.len().min(16));
        for extension in &CallProfile::embedded().attachments.extensions {
            files::has_magic(&memory.head, &extension.magic_hex);
        }
    }
);
