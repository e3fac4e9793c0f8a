//! The WebAssembly module's functions. The page copies its records (see
//! [`crate::wire`]) into memory it got from [`shenbao_alloc`], calls
//! [`shenbao_validate`] or [`shenbao_form`], and reads the answer, whose
//! length the call returns, at [`shenbao_output`]. The first byte of an
//! answer says what follows: 0 a PDF, 1 findings (JSON), 2 a wire error
//! (text).

use super::wire::{decode, findings_json};
use std::cell::RefCell;

thread_local! {
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

const PDF: u8 = 0;
const FINDINGS: u8 = 1;
const WIRE_ERROR: u8 = 2;

fn answer(kind: u8, body: &[u8]) -> usize {
    OUTPUT.with(|out| {
        let mut out = out.borrow_mut();
        out.clear();
        out.push(kind);
        out.extend_from_slice(body);
        out.len()
    })
}

/// `len` bytes for the page to write into.
#[no_mangle]
pub extern "C" fn shenbao_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Give back memory from [`shenbao_alloc`].
///
/// # Safety
/// `ptr` and `len` are exactly what one call of [`shenbao_alloc`] gave and took.
#[no_mangle]
pub unsafe extern "C" fn shenbao_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller passes back a buffer of that capacity, once.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len) });
}

/// # Safety
/// `ptr` points at `len` initialised bytes (from [`shenbao_alloc`]).
unsafe fn input<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    // SAFETY: as the caller promises.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Check the records at `ptr`: findings as JSON.
///
/// # Safety
/// `ptr` points at `len` initialised bytes (from [`shenbao_alloc`]).
#[no_mangle]
pub unsafe extern "C" fn shenbao_validate(ptr: *const u8, len: usize) -> usize {
    // SAFETY: as the caller promises.
    match decode(unsafe { input(ptr, len) }) {
        Ok(input) => answer(FINDINGS, findings_json(&crate::validate(&input)).as_bytes()),
        Err(error) => answer(WIRE_ERROR, error.0.as_bytes()),
    }
}

/// Render the form for the records at `ptr`: the PDF, or the findings that stop it.
///
/// # Safety
/// `ptr` points at `len` initialised bytes (from [`shenbao_alloc`]).
#[no_mangle]
pub unsafe extern "C" fn shenbao_form(ptr: *const u8, len: usize) -> usize {
    // SAFETY: as the caller promises.
    match decode(unsafe { input(ptr, len) }) {
        Ok(input) => match crate::form(&input) {
            Ok(pdf) => answer(PDF, &pdf),
            Err(found) => answer(FINDINGS, findings_json(&found).as_bytes()),
        },
        Err(error) => answer(WIRE_ERROR, error.0.as_bytes()),
    }
}

/// Where the last answer is.
#[no_mangle]
pub extern "C" fn shenbao_output() -> *const u8 {
    OUTPUT.with(|out| out.borrow().as_ptr())
}
