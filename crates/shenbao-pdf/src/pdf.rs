//! Drawing instructions → PDF bytes with printpdf, reproducibly: fixed font
//! ids, fixed dates, and the trailer `/ID` derived from the content instead of
//! printpdf's random one.

use super::font::{Face, Typeface};
use super::layout::{Draw, Page};
use super::PdfError;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

fn font_id(typeface: Typeface) -> FontId {
    FontId(match typeface {
        Typeface::Body => "F1".to_string(),
        Typeface::Heading => "F2".to_string(),
        Typeface::Title => "F3".to_string(),
    })
}

fn black() -> Color {
    Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None))
}

/// Render pages to PDF bytes. `title` goes into the document information.
pub fn render(pages: &[Page], title: &str, subject: &str) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.subject = subject.to_string();
    doc.metadata.info.creator = "shenbao".to_string();
    doc.metadata.info.producer = format!("shenbao {}", env!("CARGO_PKG_VERSION"));

    // Only the glyphs this document uses go in, per typeface.
    let mut used: BTreeMap<Typeface, BTreeSet<char>> = BTreeMap::new();
    for page in pages {
        for draw in &page.draws {
            if let Draw::Text { typeface, text, .. } = draw {
                used.entry(*typeface).or_default().extend(text.chars());
            }
        }
    }
    for (typeface, chars) in &used {
        let font = Face::get(*typeface).subset_for(chars)?;
        doc.resources
            .fonts
            .map
            .insert(font_id(*typeface), printpdf::PdfFont::new(font));
    }

    let pdf_pages: Vec<PdfPage> = pages.iter().map(page_ops).collect();
    doc.with_pages(pdf_pages);

    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false, // already subset above
        secure: true,
        image_optimization: None,
    };
    let mut lopdf = doc.to_lopdf_document(&options, &mut warnings);
    name_subsets(&mut lopdf, &used);
    // printpdf leaves the embedded font programs uncompressed.
    lopdf.compress();
    // printpdf writes a random /ID: derive it from the content instead.
    lopdf.trailer.remove(b"ID");
    let mut body = Vec::new();
    lopdf
        .save_to(&mut body)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    let id: [u8; 32] = Sha256::digest(&body).into();
    let id = lopdf::Object::String(id[..16].to_vec(), lopdf::StringFormat::Hexadecimal);
    lopdf
        .trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::new();
    lopdf
        .save_to(&mut bytes)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(bytes)
}

/// A line of text to draw, as [`Draw::Text`] holds it.
struct TextLine<'a> {
    x: f32,
    y: f32,
    size: f32,
    typeface: Typeface,
    text: &'a str,
    spacing: f32,
}

/// One line of text. A character the face has no glyph for (M001 warned of
/// it) is drawn as an empty box of its width, for the applicant to write it
/// in by hand on the paper; the text around it is set as usual.
fn text_ops(ops: &mut Vec<Op>, height: f32, line: &TextLine) {
    let TextLine {
        x,
        y,
        size,
        typeface,
        text,
        spacing,
    } = *line;
    let face = Face::get(typeface);
    let show = |ops: &mut Vec<Op>, at: f32, run: &str| {
        if run.is_empty() {
            return;
        }
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font_id(typeface)),
            size: Pt(size),
        });
        if spacing != 0.0 {
            ops.push(Op::SetCharacterSpacing {
                multiplier: spacing,
            });
        }
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(at),
                y: flip(height, y),
            },
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(run.to_string())],
        });
        if spacing != 0.0 {
            ops.push(Op::SetCharacterSpacing { multiplier: 0.0 });
        }
        ops.push(Op::EndTextSection);
    };
    if text.chars().all(|c| c.is_control() || face.has_char(c)) {
        show(ops, x, text);
        return;
    }
    let (mut pen, mut run_at, mut run) = (x, x, String::new());
    for c in text.chars() {
        let advance = face.advance(c) * size;
        let step = advance + if c.is_control() { 0.0 } else { spacing };
        if c.is_control() || face.has_char(c) {
            run.push(c);
        } else {
            show(ops, run_at, &run);
            run.clear();
            // The ideographic em box: from 0.88 em above the baseline to 0.12 below.
            let mut rect = Rect::from_xywh(
                Pt(pen + 0.06 * advance),
                flip(height, y + 0.12 * size),
                Pt(0.88 * advance),
                Pt(size),
            );
            rect.mode = Some(PaintMode::Stroke);
            ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
            ops.push(Op::DrawRectangle { rectangle: rect });
            run_at = pen + step;
        }
        pen += step;
    }
    show(ops, run_at, &run);
}

/// Give each embedded font the PDF name of a subset, `ABCDEF+NotoSerifSC-Regular`,
/// with a tag derived from the glyphs it holds (readers and `pdffonts` rely on
/// the tag to know the font is partial).
fn name_subsets(doc: &mut lopdf::Document, used: &BTreeMap<Typeface, BTreeSet<char>>) {
    let names: BTreeMap<Vec<u8>, Vec<u8>> = used
        .iter()
        .map(|(typeface, chars)| {
            let digest = Sha256::digest(chars.iter().collect::<String>().as_bytes());
            let tag: String = digest
                .iter()
                .take(6)
                .map(|b| (b'A' + b % 26) as char)
                .collect();
            let base = typeface.font_name();
            (
                font_id(*typeface).0.into_bytes(),
                format!("{tag}+{base}").into_bytes(),
            )
        })
        .collect();
    for object in doc.objects.values_mut() {
        let dict = match object {
            lopdf::Object::Dictionary(dict) => dict,
            lopdf::Object::Stream(stream) => &mut stream.dict,
            _ => continue,
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let renamed = match dict.get(key) {
                Ok(lopdf::Object::Name(name)) => names.get(name).cloned(),
                _ => None,
            };
            if let Some(renamed) = renamed {
                dict.set(key, lopdf::Object::Name(renamed));
            }
        }
    }
}

/// PDF y grows upwards; our layout's grows downwards.
fn flip(height: f32, y: f32) -> Pt {
    Pt(height - y)
}

fn page_ops(page: &Page) -> PdfPage {
    let page_height = page.sheet.height;
    let mut ops = vec![
        Op::SetOutlineColor { col: black() },
        Op::SetFillColor { col: black() },
    ];
    for draw in &page.draws {
        match draw {
            Draw::Text {
                x,
                y,
                size,
                typeface,
                text,
                spacing,
            } => text_ops(
                &mut ops,
                page_height,
                &TextLine {
                    x: *x,
                    y: *y,
                    size: *size,
                    typeface: *typeface,
                    text,
                    spacing: *spacing,
                },
            ),
            Draw::Line {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: flip(page_height, *y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: flip(page_height, *y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Draw::Rect { x, y, w, h, width } => {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let mut rect = Rect::from_xywh(Pt(*x), flip(page_height, *y + *h), Pt(*w), Pt(*h));
                rect.mode = Some(PaintMode::Stroke);
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
            Draw::Fill { x, y, w, h } => {
                let mut rect = Rect::from_xywh(Pt(*x), flip(page_height, *y + *h), Pt(*w), Pt(*h));
                rect.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
        }
    }
    PdfPage::new(
        Mm(page.sheet.width * 25.4 / 72.0),
        Mm(page_height * 25.4 / 72.0),
        ops,
    )
}
