//! Bytes → text: size cap, BOMs, UTF-8 or a detected Chinese legacy encoding, and
//! the line index that turns byte offsets into line / character-column pairs.

use super::diags;
use shenbao_diagnostic::{Diagnostic, Location, Text};
use std::sync::OnceLock;

/// Declarations are a few tens of KB; anything this large is a mistake (or an
/// attack), and refusing it before reading keeps memory flat.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// How to treat bytes that are not UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EncodingMode {
    /// UTF-8 only (with or without BOM); a GBK/GB18030 file is an error that says so.
    #[default]
    Utf8,
    /// Detect GBK/GB18030/Big5, convert, and warn.
    Auto,
}

/// A decoded source file.
#[derive(Debug)]
pub struct Source {
    /// The path as the user gave it (used in every report).
    pub name: String,
    pub text: String,
    /// Built on first use: a valid declaration is never asked for a location.
    line_starts: OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: String) -> Source {
        Source {
            name: name.into(),
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// Location of a byte range (clamped to the text and to char boundaries).
    pub fn location(&self, offset: usize, len: usize) -> Location {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let end = floor_char_boundary(&self.text, (offset + len).min(self.text.len()));
        let line_starts = self.line_starts();
        let line_index = line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        Location {
            offset,
            len: end - offset,
            line: line_index + 1,
            column,
        }
    }

    /// Byte offset of a 1-based line and character column (clamped).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = &self.text[start..];
        let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
        start
            + line_text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map(|(i, _)| i)
                .unwrap_or(line_text.len())
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return "";
        };
        let rest = &self.text[start..];
        rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r')
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The outcome of decoding: text (if any could be had) and what was noticed.
pub struct Decoded {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
    /// False when the text must not be parsed (the encoding error is final).
    pub usable: bool,
}

/// What a file that is not text is, by its first bytes (and, for a ZIP, the
/// names inside it): in both languages, with what to do instead.
fn not_text(name: &str, bytes: &[u8]) -> Option<(String, String, Text)> {
    let lower = name.to_lowercase();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let use_yaml = || {
        Text::new(
            "shenbao 检查的是 shenbao.yaml 文本文件：给出它或它所在的文件夹；还没有的话用 `shenbao init` 生成模板。申报书 PDF 由 `shenbao form` 从 shenbao.yaml 生成",
            "shenbao checks the text file shenbao.yaml: give it or its folder; if there is none yet, `shenbao init` writes a template. The PDF form is made from shenbao.yaml by `shenbao form`",
        )
    };
    let (zh, en, help) = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if has(b"bagit.txt") {
            (
                "打包好的申报材料包（ZIP）",
                "a packaged dossier (ZIP)",
                Text::new(
                    format!("核验材料包用 `shenbao verify {name}`；要检查申报文件本身，给出 shenbao.yaml"),
                    format!("check a dossier with `shenbao verify {name}`; to check the declaration itself, give shenbao.yaml"),
                ),
            )
        } else if has(b"word/") || lower.ends_with(".docx") {
            (" Word 文档（.docx）", "a Word document (.docx)", use_yaml())
        } else if has(b"xl/") || lower.ends_with(".xlsx") {
            (
                " Excel 表格（.xlsx）",
                "an Excel workbook (.xlsx)",
                use_yaml(),
            )
        } else {
            (" ZIP 压缩包", "a ZIP archive", use_yaml())
        }
    } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        if lower.ends_with(".xls") || lower.ends_with(".et") {
            (
                " Excel 或 WPS 表格（旧格式）",
                "an Excel or WPS workbook (old format)",
                use_yaml(),
            )
        } else {
            (
                " Word 或 WPS 文档（旧格式 .doc/.wps）",
                "a Word or WPS document (old format, .doc/.wps)",
                use_yaml(),
            )
        }
    } else if bytes.starts_with(b"%PDF-") {
        (" PDF 文件", "a PDF file", use_yaml())
    } else if bytes.starts_with(b"{\\rtf") {
        (
            " RTF 文档（Word 可打开的格式）",
            "an RTF document (a format Word opens)",
            use_yaml(),
        )
    } else if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xff, 0xd8, 0xff])
        || bytes.starts_with(b"GIF8")
    {
        ("图片", "an image", use_yaml())
    } else if bytes.starts_with(b"Rar!") || bytes.starts_with(&[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])
    {
        ("压缩包（RAR/7z）", "an archive (RAR/7z)", use_yaml())
    } else {
        return None;
    };
    Some((zh.to_string(), en.to_string(), help))
}

/// Decode a file's bytes. Never fails: problems become diagnostics.
pub fn decode(name: &str, bytes: Vec<u8>, mode: EncodingMode) -> Decoded {
    if let Some((zh, en, help)) = not_text(name, &bytes) {
        return Decoded {
            source: Source::new(name, String::new()),
            diagnostics: vec![Diagnostic::new(
                &diags::NOT_TEXT,
                Text::new(
                    format!("{name} 是{zh}，不是 YAML 文本文件"),
                    format!("{name} is {en}, not a YAML text file"),
                ),
            )
            .help(help)],
            usable: false,
        };
    }
    // A UTF-16 BOM is an explicit, legal YAML encoding; honour it.
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            let source = Source::new(name, text.into_owned());
            let mut diagnostics = Vec::new();
            if had_errors {
                diagnostics.push(
                    Diagnostic::new(
                        &diags::INVALID_UTF8,
                        Text::new(
                            format!("文件声明为 {} 但含有无法解码的字节", encoding.name()),
                            format!(
                                "the file declares {} but contains undecodable bytes",
                                encoding.name()
                            ),
                        ),
                    )
                    .help(save_as_utf8_help()),
                );
            }
            let usable = !had_errors;
            return Decoded {
                source,
                diagnostics,
                usable,
            };
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // simdutf8 checks mostly-Chinese text several times faster than std,
    // whose fast path is for ASCII; std then says where invalid text breaks.
    match simdutf8::basic::from_utf8(body) {
        Ok(text) => Decoded {
            source: Source::new(name, text.to_owned()),
            diagnostics: Vec::new(),
            usable: true,
        },
        Err(_) => {
            let valid_up_to = std::str::from_utf8(body).map_or_else(|e| e.valid_up_to(), str::len);
            decode_legacy(name, body, valid_up_to, mode)
        }
    }
}

fn decode_legacy(name: &str, body: &[u8], valid_up_to: usize, mode: EncodingMode) -> Decoded {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(body, true);
    let guess = detector.guess(Some(b"cn"), true);
    let chinese = [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5].contains(&guess);
    let (decoded, had_errors) = guess.decode_without_bom_handling(body);
    // Count lines in the raw bytes: b'\n' never occurs inside a multi-byte
    // character of these encodings, so line numbers agree with the decoded text.
    let source = Source::new(name, decoded.into_owned());
    let line = body[..valid_up_to].iter().filter(|&&b| b == b'\n').count() + 1;
    let location = source.location(source.offset_of(line, 1), source.line_text(line).len());
    let label = if guess == encoding_rs::BIG5 {
        "Big5"
    } else {
        "GB18030/GBK"
    };
    if chinese && !had_errors {
        let line = source.line_text(location.line).trim().to_string();
        if mode == EncodingMode::Auto {
            let diagnostic = Diagnostic::new(
                &diags::CONVERTED_ENCODING,
                Text::new(
                    format!("文件不是 UTF-8，已按 {label} 编码转换后检查"),
                    format!("the file is not UTF-8; it was converted from {label} before checking"),
                ),
            )
            .located(location)
            .help(save_as_utf8_help());
            return Decoded {
                source,
                diagnostics: vec![diagnostic],
                usable: true,
            };
        }
        let diagnostic = Diagnostic::new(
            &diags::LEGACY_ENCODING,
            Text::new(
                format!("文件是 {label} 编码，不是 UTF-8（第 {} 行按 {label} 解码为：{line}）", location.line),
                format!(
                    "the file is {label}-encoded, not UTF-8 (line {} decodes as {label} to: {line})",
                    location.line
                ),
            ),
        )
        .located(location)
        .help(Text::new(
            "在编辑器中“另存为 UTF-8”，或加 --encoding auto 让 shenbao 自动转换",
            "save the file as UTF-8 in your editor, or pass --encoding auto to convert it",
        ));
        return Decoded {
            source,
            diagnostics: vec![diagnostic],
            usable: false,
        };
    }
    // Not a Chinese legacy encoding: show the raw position with lossy text.
    let lossy = String::from_utf8_lossy(body).into_owned();
    let source = Source::new(name, lossy);
    // The lossy text equals the input up to the first bad byte.
    let location = source.location(valid_up_to, 1);
    let diagnostic = Diagnostic::new(
        &diags::INVALID_UTF8,
        Text::new(
            format!("第 {} 行含有不是 UTF-8 的字节", location.line),
            format!("line {} contains bytes that are not UTF-8", location.line),
        ),
    )
    .located(location)
    .help(save_as_utf8_help());
    Decoded {
        source,
        diagnostics: vec![diagnostic],
        usable: false,
    }
}

fn save_as_utf8_help() -> Text {
    Text::new(
        "请将文件另存为 UTF-8 编码（记事本：另存为 → 编码 UTF-8）",
        "save the file as UTF-8 (Notepad: Save As → Encoding UTF-8)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_columns_after_cjk() {
        let s = Source::new("x", "名称: 测试\nb: 1\n".to_string());
        let offset = s.text.find("测试").unwrap();
        let loc = s.location(offset, "测试".len());
        assert_eq!((loc.line, loc.column), (1, 5));
        assert_eq!(s.offset_of(1, 5), offset);
        let loc = s.location(s.text.find('b').unwrap(), 1);
        assert_eq!((loc.line, loc.column), (2, 1));
    }

    #[test]
    fn gbk_is_detected_and_converted_only_on_request() {
        let (gbk, _, _) = encoding_rs::GBK.encode("project:\n  name: 智能测温机器人项目\n");
        let strict = decode("f", gbk.to_vec(), EncodingMode::Utf8);
        assert!(!strict.usable);
        assert_eq!(strict.diagnostics[0].code, "E001");
        assert!(strict.diagnostics[0]
            .message
            .zh
            .contains("智能测温机器人项目"));
        assert_eq!(strict.diagnostics[0].location.unwrap().line, 2);
        let auto = decode("f", gbk.to_vec(), EncodingMode::Auto);
        assert!(auto.usable);
        assert_eq!(auto.diagnostics[0].code, "E002");
        assert!(auto.source.text.contains("智能测温机器人项目"));
    }

    #[test]
    fn gbk_bytes_that_look_like_utf8_do_not_confuse_positions() {
        // 示 in GBK is CA BE, which is also a valid UTF-8 sequence.
        let (gbk, _, _) = encoding_rs::GBK.encode("# 示例：类别 7\nname: 测温\n");
        let d = decode("f", gbk.to_vec(), EncodingMode::Utf8);
        assert_eq!(d.diagnostics[0].code, "E001");
        assert_eq!(d.diagnostics[0].location.unwrap().line, 1);
        assert!(d.diagnostics[0].message.zh.contains("示例"));
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode("f", b"\xEF\xBB\xBFa: 1\n".to_vec(), EncodingMode::Utf8);
        assert!(d.usable && d.diagnostics.is_empty());
        assert_eq!(d.source.text, "a: 1\n");
    }
}
