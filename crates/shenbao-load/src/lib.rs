//! Loading a YAML file (a declaration or a call profile): bytes → text (UTF-8,
//! or GBK/GB18030 detected) → YAML 1.2 → `serde_json::Value`, with a map from
//! JSON pointers to source spans so every later finding can point at the exact
//! value. Knows nothing of rules, of the call, or of output.
//!
//! ```
//! use shenbao_load::Document;
//!
//! let document = Document::from_text("shenbao.yaml", "project:\n  name: 智能测温机器人\n");
//! let value = document.value.as_ref().unwrap();
//! assert_eq!(value["project"]["name"], "智能测温机器人");
//! assert!(document.diagnostics.is_empty());
//! ```

mod controls;
pub mod diags;
pub mod lookalike;
mod open;
pub mod pointer;
mod scalar;
pub mod source;
mod spans;
pub mod yaml;
mod yaml_errors;

pub use open::{open_regular, OpenError};
pub use source::{EncodingMode, Source, MAX_FILE_BYTES};
pub use yaml::{NodeSpan, SpanMap};

use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Location, Text};
use std::io::Read;
use std::path::Path;

/// A loaded declaration: its text, its value (when it parsed), and what loading
/// noticed.
pub struct Document {
    pub source: Source,
    /// The parsed document; `None` when the text could not be parsed.
    pub value: Option<Value>,
    /// Findings of the loading stage (encoding, YAML).
    pub diagnostics: Vec<Diagnostic>,
    /// Where each node of `value` is in `source`.
    pub spans: SpanMap,
    /// The folder the declaration's attachment paths are relative to (`None`
    /// for text that did not come from a file).
    pub dir: Option<std::path::PathBuf>,
}

/// What the loader needs to know from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    pub encoding: EncodingMode,
}

/// Why a path could not be opened for reading (exit status 2): F001, F002 or
/// F010 for a FIFO, a device or a folder.
pub fn open_error(display: &str, err: &OpenError) -> Diagnostic {
    match err {
        OpenError::Io(err) => file_error(display, err),
        OpenError::NotRegular { zh, en } => Diagnostic::new(
            &diags::NOT_REGULAR,
            Text::new(
                format!("{display} 是{zh}，不是普通文件，未读取"),
                format!("{display} is {en}, not a regular file; not read"),
            ),
        )
        .help(Text::new(
            "给出申报文件（shenbao.yaml）或它所在的文件夹",
            "give the declaration file (shenbao.yaml) or its folder",
        )),
    }
}

/// Why a path could not be loaded at all (exit status 2).
pub fn file_error(display: &str, err: &std::io::Error) -> Diagnostic {
    if err.kind() == std::io::ErrorKind::NotFound {
        return Diagnostic::new(
            &diags::PATH_NOT_FOUND,
            Text::new(
                format!("路径不存在：{display}"),
                format!("no such file or folder: {display}"),
            ),
        );
    }
    let reason = shenbao_diagnostic::io_reason(err);
    Diagnostic::new(
        &diags::UNREADABLE,
        Text::new(
            format!("无法读取 {display}：{}", reason.zh),
            format!("cannot read {display}: {}", reason.en),
        ),
    )
}

impl Document {
    /// Read and parse a file. `display` is the name reports use. I/O failures are
    /// returned as a diagnostic (F001/F002) for the caller to report.
    pub fn load_file(
        path: &Path,
        display: &str,
        options: LoadOptions,
    ) -> Result<Document, Box<Diagnostic>> {
        let fail = |e: std::io::Error| Box::new(file_error(display, &e));
        let (mut file, size) = open_regular(path).map_err(|e| Box::new(open_error(display, &e)))?;
        if size > MAX_FILE_BYTES {
            return Ok(Document::too_large(display, size));
        }
        // Asked for one byte more than its size, a file usually comes whole in
        // one read, and exactly `size` bytes then mean its end: no second read
        // to see the end. Anything else (fewer bytes, or more: the file grew)
        // reads on to the end, at most one byte past the cap.
        let mut bytes = vec![0; size as usize + 1];
        let read = loop {
            match file.read(&mut bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                other => break other.map_err(fail)?,
            }
        };
        bytes.truncate(read);
        if read as u64 != size {
            file.take(MAX_FILE_BYTES + 1 - read as u64)
                .read_to_end(&mut bytes)
                .map_err(fail)?;
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Ok(Document::too_large(display, bytes.len() as u64));
        }
        let mut document = Document::from_bytes(display, bytes, options);
        document.dir = Some(match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        });
        Ok(document)
    }

    fn too_large(display: &str, size: u64) -> Document {
        let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
        let diagnostic = Diagnostic::new(
            &diags::FILE_TOO_LARGE,
            Text::new(
                format!(
                    "文件有 {:.1} MiB，超过申报文件上限 {:.0} MiB，未读取",
                    mib(size),
                    mib(MAX_FILE_BYTES)
                ),
                format!(
                    "the file is {:.1} MiB, over the {:.0} MiB limit for a declaration; not read",
                    mib(size),
                    mib(MAX_FILE_BYTES)
                ),
            ),
        )
        .help(Text::new(
            "附件请放在单独的文件中，在 attachments 里按路径引用",
            "put attachments in their own files and reference them from `attachments`",
        ));
        Document {
            source: Source::new(display, String::new()),
            value: None,
            diagnostics: vec![diagnostic],
            spans: SpanMap::default(),
            dir: None,
        }
    }

    /// Decode and parse bytes.
    pub fn from_bytes(display: &str, bytes: Vec<u8>, options: LoadOptions) -> Document {
        let decoded = source::decode(display, bytes, options.encoding);
        let mut document = Document {
            source: decoded.source,
            value: None,
            diagnostics: decoded.diagnostics,
            spans: SpanMap::default(),
            dir: None,
        };
        if decoded.usable {
            document.parse();
        }
        document
    }

    /// Parse text that is already a string (tests, stdin).
    pub fn from_text(display: &str, text: &str) -> Document {
        Document::from_bytes(display, text.as_bytes().to_vec(), LoadOptions::default())
    }

    fn parse(&mut self) {
        let lookalikes = lookalike::scan(&self.source.text);
        let (parsed, controls) = {
            let (text, controls) = controls::blank(&self.source);
            (yaml::parse(&text), controls)
        };
        let located_controls = controls.len();
        self.diagnostics.extend(controls);
        let value = match parsed {
            Ok((value, spans)) => {
                self.spans = spans;
                for diagnostic in self.diagnostics.iter_mut().rev().take(located_controls) {
                    if let Some(location) = diagnostic.location {
                        if let Some(pointer) = self.spans.pointer_at(location.offset) {
                            diagnostic.pointer = pointer;
                        }
                    }
                }
                // A quoted value is still read: say which, so that what its
                // quotes cause there (a length, a checksum) is not reported
                // besides the quotes.
                self.diagnostics.extend(lookalikes.iter().map(|found| {
                    let mut diagnostic = yaml_errors::lookalike(&self.source, found);
                    if let Some(pointer) = self.spans.pointer_at(found.offset) {
                        diagnostic.pointer = pointer;
                    }
                    diagnostic
                }));
                // A colon or an indentation YAML did not see gave the file
                // another shape than the one meant: what the schema would
                // say of that shape is noise.
                if lookalikes
                    .iter()
                    .any(|found| found.kind != lookalike::Kind::ChineseQuotes)
                {
                    return;
                }
                value
            }
            Err(err) => {
                let parser = yaml_errors::diagnose(&self.source, &err);
                if lookalikes.is_empty() {
                    self.diagnostics.push(parser);
                } else {
                    // What was typed for YAML's ASCII is the cause; the
                    // parser's words stay as a second line.
                    self.diagnostics.extend(yaml_errors::lookalikes_with_parser(
                        &self.source,
                        &lookalikes,
                        &parser,
                    ));
                }
                return;
            }
        };
        match &value {
            Value::Object(_) => self.value = Some(value),
            Value::Null => self.diagnostics.push(
                Diagnostic::new(
                    &diags::EMPTY,
                    Text::new("申报文件没有内容", "the declaration has no content"),
                )
                .help(Text::new(
                    "运行 `shenbao init` 生成带注释的模板",
                    "run `shenbao init` to write a commented template",
                )),
            ),
            other => {
                let (zh, en) = match other {
                    Value::Array(_) => ("列表", "a list"),
                    _ => ("单个值", "a single value"),
                };
                self.diagnostics.push(
                    Diagnostic::new(
                        &diags::NOT_A_MAPPING,
                        Text::new(
                            format!("顶层是{zh}，应为字段映射（applicant:、project: …）"),
                            format!(
                                "the top level is {en}; it must be a mapping (applicant:, project: …)"
                            ),
                        ),
                    )
                    .at(""),
                );
            }
        }
    }

    /// The location of the node at `pointer` (its key when `at_key`), falling
    /// back to the nearest ancestor that exists.
    pub fn locate(&self, pointer: &str, at_key: bool) -> Option<Location> {
        let spans = &self.spans;
        let mut current = pointer;
        let mut want_key = at_key;
        loop {
            if let Some(span) = spans.get(current) {
                let (offset, len) = match (want_key, span.key) {
                    (true, Some(key)) => key,
                    _ => span.value,
                };
                return Some(self.source.location(offset, len));
            }
            if current.is_empty() {
                return None;
            }
            // A missing node is best shown at the key of its parent.
            current = pointer::parent(current);
            want_key = true;
        }
    }

    /// Give every diagnostic that has a pointer but no location its location.
    pub fn resolve(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics.iter_mut() {
            if diagnostic.location.is_none() && self.value.is_some() {
                diagnostic.location = self.locate(&diagnostic.pointer, diagnostic.at_key);
            }
        }
    }
}
