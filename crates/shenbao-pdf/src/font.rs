//! The embedded CJK typefaces (SIL OFL 1.1; see crates/shenbao-pdf/fonts/README.md):
//! Noto Serif SC Regular for body text, subset to GBK and the 通用规范汉字表;
//! Noto Sans SC Bold for headings and labels, subset to GB2312 and that table;
//! Noto Serif SC Bold for titles, subset to their own characters. Also their
//! metrics for layout, and the per-document subset that goes into each PDF
//! (only the glyphs used).

use super::text::Measure;
use super::PdfError;
use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;
use std::collections::BTreeSet;
use std::sync::OnceLock;

// Statics, not consts: a const is copied into every codegen unit that uses it,
// and a font is megabytes.
static BODY_BYTES: &[u8] = include_bytes!("../fonts/NotoSerifSC-Regular.subset.ttf");
static HEADING_BYTES: &[u8] = include_bytes!("../fonts/NotoSansSC-Bold.subset.ttf");
static TITLE_BYTES: &[u8] = include_bytes!("../fonts/NotoSerifSC-Bold.title.ttf");

/// The three faces of Chinese official documents (GB/T 9704 sets body text in
/// 仿宋/宋体, headings in 黑体 and titles in 小标宋).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Typeface {
    /// 宋体-style serif (Noto Serif SC Regular): body text, table cells and
    /// everything an applicant writes.
    Body,
    /// 黑体-style bold sans (Noto Sans SC Bold): headings and labels.
    Heading,
    /// 小标宋-style bold serif (Noto Serif SC Bold): document titles, which
    /// are shenbao's own words (fonts/title-chars.txt holds them).
    Title,
}

impl Typeface {
    /// The font's PostScript name, as the PDF names its subset.
    pub fn font_name(self) -> &'static str {
        match self {
            Typeface::Body => "NotoSerifSC-Regular",
            Typeface::Heading => "NotoSansSC-Bold",
            Typeface::Title => "NotoSerifSC-Bold",
        }
    }
}

/// One embedded face: its bytes and what layout needs to know, read from
/// its `cmap`, `head`, `hhea`, `maxp` and `hmtx` alone. (printpdf's own
/// parser decodes every outline: for the 22,000 glyphs of Regular that is
/// tens of megabytes, while a document embeds a few hundred glyphs, parsed
/// from its subset in [`Face::subset_for`].)
pub struct Face {
    bytes: &'static [u8],
    units_per_em: f32,
    /// Code point to glyph, for the glyphs the font maps (not .notdef).
    glyphs: std::collections::HashMap<u32, u16>,
    /// Advance width of each glyph, in font units.
    advances: Vec<u16>,
}

impl Face {
    pub fn get(typeface: Typeface) -> &'static Face {
        static BODY: OnceLock<Face> = OnceLock::new();
        static HEADING: OnceLock<Face> = OnceLock::new();
        static TITLE: OnceLock<Face> = OnceLock::new();
        let (cell, bytes) = match typeface {
            Typeface::Body => (&BODY, BODY_BYTES),
            Typeface::Heading => (&HEADING, HEADING_BYTES),
            Typeface::Title => (&TITLE, TITLE_BYTES),
        };
        cell.get_or_init(|| Face::read(bytes).expect("embedded font parses"))
    }

    fn read(bytes: &'static [u8]) -> Result<Face, Box<dyn std::error::Error>> {
        use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
        use allsorts::tag;
        let font_data = ReadScope::new(bytes).read::<FontData<'_>>()?;
        let provider = font_data.table_provider(0)?;
        let head = ReadScope::new(&provider.read_table_data(tag::HEAD)?).read::<HeadTable>()?;
        let hhea = ReadScope::new(&provider.read_table_data(tag::HHEA)?).read::<HheaTable>()?;
        let maxp = ReadScope::new(&provider.read_table_data(tag::MAXP)?).read::<MaxpTable>()?;
        let hmtx_data = provider.read_table_data(tag::HMTX)?;
        let hmtx = ReadScope::new(&hmtx_data).read_dep::<HmtxTable<'_>>((
            usize::from(maxp.num_glyphs),
            usize::from(hhea.num_h_metrics),
        ))?;
        let advances = (0..maxp.num_glyphs)
            .map(|glyph| hmtx.horizontal_advance(glyph))
            .collect::<Result<Vec<u16>, _>>()?;
        let mut glyphs = std::collections::HashMap::new();
        each_mapping(&provider, |code, glyph| {
            glyphs.insert(code, glyph);
        })?;
        Ok(Face {
            bytes,
            units_per_em: f32::from(head.units_per_em.max(1)),
            glyphs,
            advances,
        })
    }

    pub fn has_char(&self, c: char) -> bool {
        self.glyphs.contains_key(&(c as u32))
    }

    /// The advance in em; a character without a glyph takes a full em, the
    /// box drawn in its place for a hand-written character.
    pub(crate) fn advance(&self, c: char) -> f32 {
        match self.glyphs.get(&(c as u32)) {
            Some(&glyph) => {
                f32::from(self.advances.get(usize::from(glyph)).copied().unwrap_or(0))
                    / self.units_per_em
            }
            None if c.is_control() => 0.0,
            None => 1.0,
        }
    }

    /// A font holding only the glyphs for `chars` (plus .notdef), for embedding.
    pub fn subset_for(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, PdfError> {
        let mut glyphs: BTreeSet<u16> = chars
            .iter()
            .filter_map(|c| self.glyphs.get(&(*c as u32)).copied())
            .collect();
        glyphs.insert(0);
        let glyphs: Vec<u16> = glyphs.into_iter().collect();
        let font_data = ReadScope::new(self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| PdfError::Font(e.to_string()))?;
        let provider = font_data
            .table_provider(0)
            .map_err(|e| PdfError::Font(e.to_string()))?;
        let bytes = subset(
            &provider,
            &glyphs,
            &SubsetProfile::Minimal,
            CmapTarget::Unicode,
        )
        .map_err(|e| PdfError::Font(e.to_string()))?;
        let mut warnings = Vec::new();
        ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font("the subset does not parse".to_string()))
    }
}

/// Measures text in the embedded faces.
pub struct Metrics {
    pub typeface: Typeface,
}

impl Measure for Metrics {
    fn width(&self, text: &str, size: f32) -> f32 {
        let face = Face::get(self.typeface);
        text.chars().map(|c| face.advance(c)).sum::<f32>() * size
    }
}

/// Every code point the font's Unicode `cmap` maps to a real glyph (not
/// .notdef), with that glyph: what [`Face`] and [`Coverage`] both read.
fn each_mapping(
    provider: &impl allsorts::tables::FontTableProvider,
    mut f: impl FnMut(u32, u16),
) -> Result<(), Box<dyn std::error::Error>> {
    let data = provider.read_table_data(allsorts::tag::CMAP)?;
    let cmap = ReadScope::new(&data).read::<allsorts::tables::cmap::Cmap<'_>>()?;
    if let Some((_, subtable)) = allsorts::font::read_cmap_subtable(&cmap)? {
        subtable.mappings_fn(|code, glyph| {
            if glyph != 0 {
                f(code, glyph);
            }
        })?;
    }
    Ok(())
}

/// The code points the body face maps to a glyph, one bit each, read from its
/// `cmap` alone: `validate` asks of every text of every declaration, and
/// needs neither the outlines nor the metrics that [`Face::get`] parses.
struct Coverage {
    bits: Vec<u64>,
}

/// Code points above this (past CJK Extension H) are never covered.
const COVERAGE_END: u32 = 0x40000;

impl Coverage {
    fn get() -> &'static Coverage {
        static COVERAGE: OnceLock<Coverage> = OnceLock::new();
        COVERAGE.get_or_init(|| Coverage::read(BODY_BYTES).expect("embedded font has a cmap"))
    }

    fn read(bytes: &[u8]) -> Result<Coverage, Box<dyn std::error::Error>> {
        let font_data = ReadScope::new(bytes).read::<FontData<'_>>()?;
        let provider = font_data.table_provider(0)?;
        let mut bits = vec![0u64; (COVERAGE_END / 64) as usize];
        each_mapping(&provider, |code, _| {
            if code < COVERAGE_END {
                bits[(code / 64) as usize] |= 1 << (code % 64);
            }
        })?;
        Ok(Coverage { bits })
    }

    fn has(&self, c: char) -> bool {
        let code = c as u32;
        code < COVERAGE_END && self.bits[(code / 64) as usize] & (1 << (code % 64)) != 0
    }
}

/// Whether the body face, which sets everything an applicant writes, draws `c`.
/// Controls and invisible format characters (zero-width space, bidi marks,
/// BOM, soft hyphen) draw nothing by design: the text rules (U001, U002)
/// speak of them, not the font.
pub fn printable(c: char) -> bool {
    let invisible = matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{feff}'
    );
    c.is_ascii_graphic() || c == ' ' || c.is_control() || invisible || Coverage::get().has(c)
}

/// Whether the font draws all of `text`: the question for every text of
/// every declaration, so ASCII is passed over without decoding.
pub fn all_printable(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let coverage = Coverage::get();
    // The CJK Unified Ideographs of GBK (U+4E00–U+9FA5) are all covered: most
    // characters of a declaration pass on a comparison.
    text.chars().all(|c| {
        c.is_ascii() || ('\u{4e00}'..='\u{9fa5}').contains(&c) || coverage.has(c) || printable(c)
    })
}

/// Characters of `text` the font cannot draw.
pub fn missing_chars(text: &str) -> Vec<char> {
    if all_printable(text) {
        return Vec::new();
    }
    let mut missing: Vec<char> = text.chars().filter(|c| !printable(*c)).collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_the_form_and_reports_what_it_lacks() {
        for c in "申报书盖章（）。，、“”《》0123456789ABCabc·①℃".chars() {
            assert!(Face::get(Typeface::Body).has_char(c), "{c}");
            assert!(Face::get(Typeface::Heading).has_char(c), "{c}");
        }
        // Name characters beyond GB2312 (one beyond the BMP) print; a variant
        // no standard list holds and a ballot box do not.
        assert!(missing_chars("喆玥堃昇䶮𬙊").is_empty());
        assert_eq!(missing_chars("王𠮷☐"), vec!['☐', '𠮷']);
    }

    #[test]
    fn what_we_read_agrees_with_printpdfs_parser() {
        // printpdf's parser, independent of ours, on the same bytes.
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(BODY_BYTES, 0, &mut warnings).unwrap();
        let face = Face::get(Typeface::Body);
        let coverage = Coverage::get();
        let upem = f32::from(parsed.units_per_em);
        let mut covered = 0;
        for code in 0x20..COVERAGE_END {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let glyph = parsed.lookup_glyph_index(code);
            assert_eq!(coverage.has(c), glyph.is_some(), "U+{code:04X}");
            assert_eq!(face.has_char(c), glyph.is_some(), "U+{code:04X}");
            if let Some(glyph) = glyph {
                let width = f32::from(parsed.glyph_widths.get(&glyph).copied().unwrap_or(0));
                assert_eq!(face.advance(c), width / upem, "U+{code:04X}");
                covered += 1;
            }
        }
        assert!(covered > 22_000, "{covered}");
        // all_printable's shortcut: GBK's unified ideographs are all there.
        assert!(('\u{4e00}'..='\u{9fa5}').all(|c| coverage.has(c)));
    }

    #[test]
    fn the_title_face_holds_every_title() {
        let face = Face::get(Typeface::Title);
        for title in [
            "新型信息消费示范项目申报书",
            "关于推荐2027年新型信息消费示范项目的函",
        ] {
            assert!(title.chars().all(|c| face.has_char(c)), "{title}");
        }
        // Anything else is set in the heading face instead (Composer::title).
        assert!(!face.has_char('浙'));
    }

    #[test]
    fn metrics_are_em_based() {
        let m = Metrics {
            typeface: Typeface::Body,
        };
        assert!((m.width("申报", 10.0) - 20.0).abs() < 0.01);
        assert!(m.width("abc", 10.0) < 20.0);
    }

    #[test]
    fn per_document_subsets_are_small() {
        let chars: BTreeSet<char> = "新型信息消费示范项目申报书".chars().collect();
        let font = Face::get(Typeface::Body).subset_for(&chars).unwrap();
        assert!(
            font.original_bytes.len() < 20_000,
            "{}",
            font.original_bytes.len()
        );
        assert!(font.lookup_glyph_index('申' as u32).is_some());
    }
}
