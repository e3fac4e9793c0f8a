//! The signed dossier: a BagIt bag (RFC 8493) inside a ZIP, signed with
//! minisign (our own [`minisign`] module), that `verify` checks without extracting. Format and manual check:
//! docs/dossier-format.md.
//!
//! Signatures are deterministic Ed25519 over BLAKE2b-512 in minisign's format,
//! so the same files and key give the same dossier, byte for byte, and the
//! minisign command-line tool checks them:
//!
//! ```
//! use shenbao_dossier::minisign::{PublicKey, SecretKey, Signature};
//!
//! let key = SecretKey::from_seed([7; 8], &[42; 32]);
//! let signed = key.sign(b"tagmanifest", "shenbao dossier", "signature from shenbao");
//! assert_eq!(signed.to_text(), key.sign(b"tagmanifest", "shenbao dossier", "signature from shenbao").to_text());
//!
//! // What an office holds: the public key's text, and the .minisig file.
//! let public = PublicKey::parse(&key.public().to_text()).unwrap();
//! let received = Signature::parse(&signed.to_text()).unwrap();
//! assert!(public.verify(b"tagmanifest", &received).is_ok());
//! assert!(public.verify(b"tampered", &received).is_err());
//! ```

pub mod bag;
pub mod central;
pub mod diags;
pub mod keys;
pub mod minisign;
pub mod package;
pub mod verify;
