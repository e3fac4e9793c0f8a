//! Page composition: A4 pages, margins, headings, paragraphs and bordered
//! tables that grow with their text and break across pages. Produces plain
//! drawing instructions; `pdf.rs` turns them into a PDF.

mod table;

pub use table::{column_widths, Cell, Column, Fill};

use super::font::{Face, Metrics, Typeface};
use super::text::{wrap, Measure};

/// Portrait A4, the form's and the letter's page: its constants, for
/// documents that draw at fixed places (the cover, the seal boxes).
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 25 mm at the binding edge and top, 20 mm right, 25 mm bottom (footer inside).
pub const LEFT: f32 = 70.87;
pub const RIGHT: f32 = 56.69;
pub const TOP: f32 = 70.87;
pub const BOTTOM: f32 = 70.87;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - LEFT - RIGHT;

/// A page's size and margins, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sheet {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Sheet {
    /// A4 upright, bound at the left.
    pub const PORTRAIT: Sheet = Sheet {
        width: PAGE_WIDTH,
        height: PAGE_HEIGHT,
        left: LEFT,
        right: RIGHT,
        top: TOP,
        bottom: BOTTOM,
    };
    /// A4 on its side, for wide tables: bound at the left like the pages
    /// around it, 20 mm at the top and right, the footer inside 25 mm below.
    pub const LANDSCAPE: Sheet = Sheet {
        width: PAGE_HEIGHT,
        height: PAGE_WIDTH,
        left: LEFT,
        right: RIGHT,
        top: 56.69,
        bottom: BOTTOM,
    };

    pub fn content_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

/// Chinese type sizes (号), in points.
pub mod size {
    pub const YI_HAO: f32 = 26.0; // 一号
    pub const ER_HAO: f32 = 22.0; // 二号
    pub const XIAO_ER: f32 = 18.0; // 小二
    pub const SAN_HAO: f32 = 16.0; // 三号
    pub const SI_HAO: f32 = 14.0; // 四号
    pub const XIAO_SI: f32 = 12.0; // 小四
    pub const WU_HAO: f32 = 10.5; // 五号
    pub const XIAO_WU: f32 = 9.0; // 小五
}

/// One drawing instruction; coordinates in points from the page's top-left.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// `y` is the baseline; `spacing` is added after each character (a
    /// justified line's share of its shortfall).
    Text {
        x: f32,
        y: f32,
        size: f32,
        typeface: Typeface,
        text: String,
        spacing: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// Stroked rectangle, `y` its top edge.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
    },
    /// Filled black rectangle (QR modules).
    Fill { x: f32, y: f32, w: f32, h: f32 },
}

#[derive(Clone, Debug)]
pub struct Page {
    pub sheet: Sheet,
    pub draws: Vec<Draw>,
}

impl Page {
    fn new(sheet: Sheet) -> Page {
        Page {
            sheet,
            draws: Vec::new(),
        }
    }
}

/// Horizontal alignment inside a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Lays content out top to bottom, opening pages as needed.
pub struct Composer {
    pub pages: Vec<Page>,
    sheet: Sheet,
    /// Distance from the top of the page to the next free line.
    y: f32,
    /// The header row of the table being set, drawn again at the top of
    /// every page the table continues on.
    running_header: Option<(Vec<Cell>, f32)>,
}

pub(crate) const CELL_PAD_X: f32 = 5.0;
pub(crate) const CELL_PAD_Y: f32 = 4.0;
/// Fewest lines of a paragraph or a table row left alone on either side of
/// a page break: two before it (an orphan is one), three after it (a page
/// holding fewer lines of continued content is almost empty).
const LINES_BEFORE_BREAK: usize = 2;
const LINES_AFTER_BREAK: usize = 3;

/// The spacing after each character that makes `line` fill `measure`: none
/// when the line is short by more than a quarter em per character (a long
/// Latin word went to the next line), which would open visible gaps.
fn justify(line: &str, size: f32, measure: f32) -> f32 {
    let gaps = line.chars().count().saturating_sub(1);
    if gaps == 0 {
        return 0.0;
    }
    let short = measure - text_width(line, size, Typeface::Body);
    let spacing = short.max(0.0) / gaps as f32;
    if spacing > 0.25 * size {
        0.0
    } else {
        spacing
    }
}

pub fn leading(size: f32) -> f32 {
    size * 1.5
}

pub fn text_width(text: &str, size: f32, typeface: Typeface) -> f32 {
    Metrics { typeface }.width(text, size)
}

impl Default for Composer {
    fn default() -> Self {
        Composer::new()
    }
}

impl Composer {
    /// A composer of portrait A4 pages.
    pub fn new() -> Composer {
        Composer::on(Sheet::PORTRAIT)
    }

    /// A composer of pages of `sheet`.
    pub fn on(sheet: Sheet) -> Composer {
        Composer {
            pages: vec![Page::new(sheet)],
            sheet,
            y: sheet.top,
            running_header: None,
        }
    }

    pub fn sheet(&self) -> Sheet {
        self.sheet
    }

    /// The left edge of the text block.
    pub fn left(&self) -> f32 {
        self.sheet.left
    }

    /// The width of the text block.
    pub fn width(&self) -> f32 {
        self.sheet.content_width()
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    pub fn draw(&mut self, draw: Draw) {
        self.page().draws.push(draw);
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    fn remaining(&self) -> f32 {
        self.sheet.height - self.sheet.bottom - self.y
    }

    /// Whether nothing has been set on this page yet.
    fn at_top(&self) -> bool {
        self.y <= self.sheet.top + 0.01
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(self.sheet));
        self.y = self.sheet.top;
        if let Some((header, size)) = self.running_header.take() {
            self.row(&header, size);
            self.running_header = Some((header, size));
        }
    }

    /// Continue on a new page of another sheet (a landscape table after a
    /// portrait letter).
    pub fn new_page_on(&mut self, sheet: Sheet) {
        self.sheet = sheet;
        self.new_page();
    }

    /// Start a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.remaining() < height {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// How many of the `left` lines of a block (lines of height `lh`, plus
    /// `pad` of box padding) to set on this page: as many as fit, except that
    /// a break leaves at least [`LINES_BEFORE_BREAK`] lines before it and
    /// [`LINES_AFTER_BREAK`] after it. 0 means: start the block on the next page.
    fn lines_here(&self, left: usize, lh: f32, pad: f32) -> usize {
        let fit = ((self.remaining() - pad + 0.01) / lh).floor().max(0.0) as usize;
        if fit >= left {
            return left;
        }
        if self.at_top() {
            // Nothing gains from moving on: fill the page.
            return fit.max(1);
        }
        let take = fit.min(left.saturating_sub(LINES_AFTER_BREAK));
        if take < LINES_BEFORE_BREAK {
            0
        } else {
            take
        }
    }

    /// Text at an absolute position (x from the left edge, y the baseline).
    pub fn text_at(&mut self, x: f32, y: f32, size: f32, typeface: Typeface, text: &str) {
        self.draw(Draw::Text {
            x,
            y,
            size,
            typeface,
            text: text.to_string(),
            spacing: 0.0,
        });
    }

    /// One line of text aligned within [x, x + width] at baseline `y`.
    #[allow(clippy::too_many_arguments)] // position, box, type and text: all needed
    pub fn aligned(
        &mut self,
        x: f32,
        width: f32,
        y: f32,
        size: f32,
        typeface: Typeface,
        align: Align,
        text: &str,
    ) {
        let w = text_width(text, size, typeface);
        let left = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text_at(left, y, size, typeface, text);
    }

    /// A document title, centred, in the title face when it holds every
    /// character (shenbao's own titles), else in the heading face.
    pub fn title(&mut self, text: &str, size: f32) {
        let face = if text.chars().all(|c| Face::get(Typeface::Title).has_char(c)) {
            Typeface::Title
        } else {
            Typeface::Heading
        };
        self.space(4.0);
        let (left, width) = (self.left(), self.width());
        self.aligned(left, width, self.y + size, size, face, Align::Center, text);
        self.y += leading(size) + 2.0;
    }

    /// A heading kept together with the first two lines of what follows (a
    /// paragraph, or a table row with its padding).
    pub fn heading(&mut self, text: &str, size: f32, align: Align) {
        let lh = leading(size);
        let follows = LINES_BEFORE_BREAK as f32 * leading(size::XIAO_SI) + 2.0 * CELL_PAD_Y;
        self.ensure(lh + follows + 6.0);
        self.space(4.0);
        let baseline = self.y + size;
        let (left, width) = (self.left(), self.width());
        self.aligned(left, width, baseline, size, Typeface::Heading, align, text);
        self.y += lh + 2.0;
    }

    /// Lines of a paragraph set one under the other from `x`, breaking
    /// across pages by [`Composer::lines_here`], each but the last justified
    /// to the right margin (as Chinese text is set); `marker` is drawn beside
    /// the first line.
    fn lines(&mut self, x: f32, lines: &[String], size: f32, marker: Option<(f32, &str)>) {
        let lh = leading(size);
        let mut done = 0;
        while done < lines.len() {
            let take = self.lines_here(lines.len() - done, lh, 0.0);
            if take == 0 {
                self.new_page();
                continue;
            }
            for (i, line) in lines[done..done + take].iter().enumerate() {
                let baseline = self.y + size;
                if let (0, 0, Some((mx, marker))) = (done, i, marker) {
                    self.text_at(mx, baseline, size, Typeface::Body, marker);
                }
                let last = done + i + 1 == lines.len();
                let measure = self.width() - (x - self.left());
                let spacing = if last {
                    0.0
                } else {
                    justify(line, size, measure)
                };
                self.draw(Draw::Text {
                    x,
                    y: baseline,
                    size,
                    typeface: Typeface::Body,
                    text: line.clone(),
                    spacing,
                });
                self.y += lh;
            }
            done += take;
            if done < lines.len() {
                self.new_page();
            }
        }
    }

    /// A paragraph with a two-character first-line indent, breaking across pages.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        for para in text.split('\n').filter(|p| !p.trim().is_empty()) {
            let indent = "\u{3000}\u{3000}";
            let lines = wrap(
                &format!("{indent}{}", para.trim()),
                size,
                self.width(),
                &Metrics {
                    typeface: Typeface::Body,
                },
            );
            self.lines(self.left(), &lines, size, None);
        }
    }

    /// A numbered item with a hanging indent: the marker (`1.`) indented two
    /// em like a paragraph, and the text beside it, its wrapped lines aligned
    /// under its first character rather than under the marker.
    pub fn item(&mut self, marker: &str, text: &str, size: f32) {
        let metrics = Metrics {
            typeface: Typeface::Body,
        };
        let lead = 2.0 * size;
        let marker = format!("{marker} ");
        let hang = lead + metrics.width(&marker, size);
        let lines = wrap(text.trim(), size, self.width() - hang, &metrics);
        let left = self.left();
        self.lines(left + hang, &lines, size, Some((left + lead, &marker)));
    }

    /// A square box where a seal goes, its label centred inside.
    pub fn seal_box(&mut self, x: f32, top: f32, side: f32, label: &str) {
        self.draw(Draw::Rect {
            x,
            y: top,
            w: side,
            h: side,
            width: 0.5,
        });
        self.aligned(
            x,
            side,
            top + side / 2.0 + 4.0,
            size::XIAO_WU,
            Typeface::Body,
            Align::Center,
            label,
        );
    }

    /// An empty bordered box of `height` (opinions, seals), with a label inside.
    pub fn boxed(&mut self, height: f32, label: &str, size: f32) {
        self.ensure(height);
        let top = self.y;
        self.draw(Draw::Rect {
            x: self.sheet.left,
            y: top,
            w: self.sheet.content_width(),
            h: height,
            width: 0.6,
        });
        self.text_at(
            self.sheet.left + CELL_PAD_X,
            top + CELL_PAD_Y + size * 1.1,
            size,
            Typeface::Heading,
            label,
        );
        self.y = top + height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<&str> {
        page.draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn long_rows_continue_on_the_next_page_with_borders() {
        let mut c = Composer::new();
        let long = "项目内容详尽说明。".repeat(400);
        c.row(
            &[
                Cell::label("项目简介", 90.0),
                Cell::value(&long, CONTENT_WIDTH - 90.0),
            ],
            size::WU_HAO,
        );
        assert!(c.pages.len() >= 2, "{} pages", c.pages.len());
        for page in &c.pages {
            assert!(
                page.draws.iter().any(|d| matches!(d, Draw::Rect { .. })),
                "each part has its border"
            );
            for d in &page.draws {
                if let Draw::Text { y, .. } = d {
                    assert!(
                        *y <= PAGE_HEIGHT - BOTTOM + 1.0,
                        "text below the bottom margin at {y}"
                    );
                }
            }
        }
        let all: String = c.pages.iter().flat_map(|p| texts(p)).collect();
        assert!(
            texts(&c.pages[1]).contains(&"项目简介（续）"),
            "the label says the row continues"
        );
        assert_eq!(
            all.replace("项目简介（续）", "").replace("项目简介", ""),
            long
        );
    }

    #[test]
    fn items_hang_under_their_first_character() {
        let mut c = Composer::new();
        c.item(
            "7.",
            &"推荐单位须于规定日期前报送纸质材料。".repeat(6),
            size::XIAO_SI,
        );
        let xs: Vec<(f32, String)> = c.pages[0]
            .draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, text, .. } => Some((*x, text.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(xs[0].1, "7. ", "the marker comes first, once");
        assert!(xs.iter().skip(1).all(|(_, t)| !t.starts_with("7.")));
        let text_x = xs[1].0;
        assert!(xs.len() > 3, "the item wraps: {xs:?}");
        assert!(xs.iter().skip(1).all(|(x, _)| (*x - text_x).abs() < 0.01));
        assert!(text_x > xs[0].0, "the text hangs right of the marker");
    }

    #[test]
    fn paragraphs_keep_within_the_margins() {
        let mut c = Composer::new();
        c.paragraph(
            &"申报单位应如实填写各项内容。Latin words stay whole. ".repeat(200),
            size::XIAO_SI,
        );
        for page in &c.pages {
            for d in &page.draws {
                if let Draw::Text {
                    x,
                    size,
                    typeface,
                    text,
                    ..
                } = d
                {
                    let right = x + text_width(text, *size, *typeface);
                    assert!(
                        right <= LEFT + CONTENT_WIDTH + 0.5,
                        "{text} overflows to {right}"
                    );
                }
            }
        }
    }

    /// Text lines of each page, top to bottom.
    fn page_lines(c: &Composer) -> Vec<Vec<String>> {
        c.pages
            .iter()
            .map(|p| texts(p).into_iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn a_break_leaves_no_orphan_and_no_widow() {
        // Fill a page up to n lines from its foot, then set a paragraph of 5 lines.
        let lh = leading(size::XIAO_SI);
        let line = "申".repeat((CONTENT_WIDTH / size::XIAO_SI) as usize);
        let text = format!("{}申报", line.repeat(4));
        for room in 1..=6 {
            let mut c = Composer::new();
            c.set_y(PAGE_HEIGHT - BOTTOM - room as f32 * lh - 0.5);
            c.paragraph(&text, size::XIAO_SI);
            let pages = page_lines(&c);
            let first = pages[0].len();
            let rest: usize = pages[1..].iter().map(Vec::len).sum();
            assert_eq!(first + rest, 5);
            assert!(
                first == 0 || first >= 2,
                "room {room}: {first} line(s) before the break"
            );
            assert!(
                rest == 0 || rest >= 3,
                "room {room}: {rest} line(s) after the break"
            );
        }
    }

    #[test]
    fn tables_repeat_their_header_on_each_page() {
        let columns = [Column::centred(&["序号"]), Column::text(&["项目名称"])];
        let rows: Vec<Vec<String>> = (1..=80)
            .map(|i| vec![i.to_string(), format!("第{i}个项目")])
            .collect();
        let mut c = Composer::on(Sheet::LANDSCAPE);
        let widths = column_widths(&columns, &rows, size::WU_HAO, c.width());
        c.table(&columns, &rows, &widths, size::WU_HAO);
        assert!(c.pages.len() >= 3, "{} pages", c.pages.len());
        for (i, page) in c.pages.iter().enumerate() {
            assert_eq!(page.sheet, Sheet::LANDSCAPE);
            assert_eq!(&texts(page)[..2], ["序号", "项目名称"], "page {}", i + 1);
        }
        let numbers: Vec<String> = c
            .pages
            .iter()
            .flat_map(|p| texts(p))
            .filter(|t| t.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        let expected: Vec<String> = (1..=80).map(|i| i.to_string()).collect();
        assert_eq!(numbers, expected, "every row once, in order");
        // The header itself is never the last thing on a page.
        let mut c = Composer::on(Sheet::LANDSCAPE);
        c.set_y(Sheet::LANDSCAPE.height - BOTTOM - 40.0);
        c.table(&columns, &rows[..3], &widths, size::WU_HAO);
        assert!(
            texts(&c.pages[0]).is_empty(),
            "the table moved to the next page"
        );
    }
}
