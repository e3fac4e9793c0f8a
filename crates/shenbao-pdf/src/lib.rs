//! A small PDF composer for Chinese A4 documents: the embedded font and its
//! subsetting ([`font`]), line breaking by UAX #14 with Chinese punctuation
//! rules ([`text`]), pages, paragraphs and tables that break across pages
//! ([`layout`]), tables with column widths from their content, page furniture ([`footers`]), verification codes ([`code`])
//! and the PDF writer ([`render_pages`]). The application form, the office's
//! letter and the 汇总表 are three documents built on it; it knows none of them.
//!
//! ```
//! use shenbao_pdf::layout::{size, Align, Composer};
//!
//! let mut c = Composer::new();
//! c.heading("新型信息消费示范项目申报书", size::ER_HAO, Align::Center);
//! c.paragraph("一段正文。", size::XIAO_SI);
//! shenbao_pdf::footers(&mut c, None, shenbao_pdf::Cover::No);
//! let pdf = shenbao_pdf::render_pages(&c.pages, "标题", "主题").unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! ```

pub mod code;
pub mod diags;
mod error;
pub mod font;
pub mod layout;
mod pdf;
pub mod text;

pub use error::PdfError;
pub use pdf::render as render_pages;

use code::VerificationCode;
use font::Typeface;
use layout::{size, Composer, Draw};

/// Whether the first page is a cover: then it carries no page number, and
/// the pages after it are numbered from 1, as bound forms are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cover {
    Yes,
    No,
}

/// Page footers, once the page count is known: "第 N 页 共 M 页" and the code
/// (the code on every page, the cover included).
pub fn footers(c: &mut Composer, code: Option<&VerificationCode>, cover: Cover) {
    let skipped = usize::from(cover == Cover::Yes);
    let total = c.pages.len().saturating_sub(skipped);
    let short = code.map(VerificationCode::short);
    for (i, page) in c.pages.iter_mut().enumerate() {
        let sheet = page.sheet;
        let y = sheet.height - 40.0;
        let s = size::XIAO_WU;
        if i >= skipped {
            let middle = format!("第 {} 页 共 {} 页", i + 1 - skipped, total);
            let mw = layout::text_width(&middle, s, Typeface::Body);
            page.draws.push(Draw::Text {
                x: (sheet.width - mw) / 2.0,
                y,
                size: s,
                typeface: Typeface::Body,
                text: middle,
                spacing: 0.0,
            });
        }
        if let Some(short) = &short {
            let right = format!("校验码 {short}");
            let rw = layout::text_width(&right, s, Typeface::Body);
            page.draws.push(Draw::Text {
                x: sheet.width - sheet.right - rw,
                y,
                size: s,
                typeface: Typeface::Body,
                text: right,
                spacing: 0.0,
            });
        }
        page.draws.push(Draw::Line {
            x1: sheet.left,
            y1: y - 14.0,
            x2: sheet.width - sheet.right,
            y2: y - 14.0,
            width: 0.4,
        });
    }
}
