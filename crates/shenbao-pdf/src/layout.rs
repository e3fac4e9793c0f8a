//! Page composition: A4 pages, margins, headings, paragraphs and bordered
//! tables that grow with their text and break across pages. Produces plain
//! drawing instructions; `pdf.rs` turns them into a PDF.

use super::font::{Metrics, Weight};
use super::text::{wrap, Measure};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
/// 25 mm at the binding edge and top, 20 mm right, 25 mm bottom (footer inside).
pub const LEFT: f32 = 70.87;
pub const RIGHT: f32 = 56.69;
pub const TOP: f32 = 70.87;
pub const BOTTOM: f32 = 70.87;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - LEFT - RIGHT;

/// Chinese type sizes (号), in points.
pub mod size {
    pub const ER_HAO: f32 = 22.0; // 二号
    pub const SAN_HAO: f32 = 16.0; // 三号
    pub const SI_HAO: f32 = 14.0; // 四号
    pub const XIAO_SI: f32 = 12.0; // 小四
    pub const WU_HAO: f32 = 10.5; // 五号
    pub const XIAO_WU: f32 = 9.0; // 小五
}

/// One drawing instruction; coordinates in points from the page's top-left.
#[derive(Clone, Debug, PartialEq)]
pub enum Draw {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        text: String,
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

#[derive(Clone, Debug, Default)]
pub struct Page {
    pub draws: Vec<Draw>,
}

/// Horizontal alignment inside a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table cell: its text, share of the table width, weight and alignment.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub width: f32,
    pub weight: Weight,
    pub align: Align,
}

impl Cell {
    pub fn label(text: &str, width: f32) -> Cell {
        Cell {
            text: text.to_string(),
            width,
            weight: Weight::Bold,
            align: Align::Center,
        }
    }

    pub fn value(text: &str, width: f32) -> Cell {
        Cell {
            text: text.to_string(),
            width,
            weight: Weight::Regular,
            align: Align::Left,
        }
    }
}

/// Lays content out top to bottom, opening pages as needed.
pub struct Composer {
    pub pages: Vec<Page>,
    /// Distance from the top of the page to the next free line.
    y: f32,
}

const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 4.0;

pub fn leading(size: f32) -> f32 {
    size * 1.5
}

pub fn text_width(text: &str, size: f32, weight: Weight) -> f32 {
    Metrics { weight }.width(text, size)
}

impl Default for Composer {
    fn default() -> Self {
        Composer::new()
    }
}

impl Composer {
    pub fn new() -> Composer {
        Composer {
            pages: vec![Page::default()],
            y: TOP,
        }
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
        PAGE_HEIGHT - BOTTOM - self.y
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
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

    /// Text at an absolute position (x from the left edge, y the baseline).
    pub fn text_at(&mut self, x: f32, y: f32, size: f32, weight: Weight, text: &str) {
        self.draw(Draw::Text {
            x,
            y,
            size,
            weight,
            text: text.to_string(),
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
        weight: Weight,
        align: Align,
        text: &str,
    ) {
        let w = text_width(text, size, weight);
        let left = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text_at(left, y, size, weight, text);
    }

    /// A heading kept together with at least two lines of what follows.
    pub fn heading(&mut self, text: &str, size: f32, align: Align) {
        let lh = leading(size);
        self.ensure(lh + 2.0 * leading(size::XIAO_SI) + 6.0);
        self.space(4.0);
        let baseline = self.y + size;
        self.aligned(
            LEFT,
            CONTENT_WIDTH,
            baseline,
            size,
            Weight::Bold,
            align,
            text,
        );
        self.y += lh + 2.0;
    }

    /// A paragraph with a two-character first-line indent, breaking across pages.
    pub fn paragraph(&mut self, text: &str, size: f32) {
        let lh = leading(size);
        for para in text.split('\n').filter(|p| !p.trim().is_empty()) {
            let indent = "\u{3000}\u{3000}";
            let lines = wrap(
                &format!("{indent}{}", para.trim()),
                size,
                CONTENT_WIDTH,
                &Metrics {
                    weight: Weight::Regular,
                },
            );
            for line in lines {
                self.ensure(lh);
                let baseline = self.y + size;
                self.text_at(LEFT, baseline, size, Weight::Regular, &line);
                self.y += lh;
            }
        }
    }

    /// A numbered item with a hanging indent: the marker (`1.`) indented two
    /// em like a paragraph, and the text beside it, its wrapped lines aligned
    /// under its first character rather than under the marker.
    pub fn item(&mut self, marker: &str, text: &str, size: f32) {
        let lh = leading(size);
        let metrics = Metrics {
            weight: Weight::Regular,
        };
        let lead = 2.0 * size;
        let marker = format!("{marker} ");
        let hang = lead + metrics.width(&marker, size);
        let lines = wrap(text.trim(), size, CONTENT_WIDTH - hang, &metrics);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            let baseline = self.y + size;
            if i == 0 {
                self.text_at(LEFT + lead, baseline, size, Weight::Regular, &marker);
            }
            self.text_at(LEFT + hang, baseline, size, Weight::Regular, line);
            self.y += lh;
        }
    }

    /// A bordered table row; cell texts wrap, the row grows to its tallest
    /// cell and, if taller than the rest of the page, continues on the next.
    pub fn row(&mut self, cells: &[Cell], size: f32) {
        let lh = leading(size);
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .map(|c| {
                let lines = wrap(
                    &c.text,
                    size,
                    c.width - 2.0 * CELL_PAD_X,
                    &Metrics { weight: c.weight },
                );
                if lines.is_empty() {
                    vec![String::new()]
                } else {
                    lines
                }
            })
            .collect();
        let total_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut done = 0;
        while done < total_lines {
            let min_part = (total_lines - done).min(2) as f32 * lh + 2.0 * CELL_PAD_Y;
            if self.remaining() < min_part {
                self.new_page();
            }
            let fit = (((self.remaining() - 2.0 * CELL_PAD_Y) / lh).floor() as usize).max(1);
            let take = fit.min(total_lines - done);
            let height = take as f32 * lh + 2.0 * CELL_PAD_Y;
            let top = self.y;
            let mut x = LEFT;
            for (cell, lines) in cells.iter().zip(&wrapped) {
                self.draw(Draw::Rect {
                    x,
                    y: top,
                    w: cell.width,
                    h: height,
                    width: 0.6,
                });
                // Short cells are centred vertically when the row is one piece.
                let offset = if take == total_lines {
                    (total_lines - lines.len().min(total_lines)) as f32 * lh / 2.0
                } else {
                    0.0
                };
                // A label whose row continued from the previous page says so.
                if done > 0 && lines.len() <= done && cell.weight == Weight::Bold {
                    let baseline = top + CELL_PAD_Y + size * 1.1;
                    let label = format!("{}（续）", lines.join(""));
                    self.aligned(
                        x + CELL_PAD_X,
                        cell.width - 2.0 * CELL_PAD_X,
                        baseline,
                        size,
                        cell.weight,
                        cell.align,
                        &label,
                    );
                }
                for (i, line) in lines.iter().skip(done).take(take).enumerate() {
                    let baseline = top + CELL_PAD_Y + offset + i as f32 * lh + size * 1.1;
                    self.aligned(
                        x + CELL_PAD_X,
                        cell.width - 2.0 * CELL_PAD_X,
                        baseline,
                        size,
                        cell.weight,
                        cell.align,
                        line,
                    );
                }
                x += cell.width;
            }
            self.y = top + height;
            done += take;
        }
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
            Weight::Regular,
            Align::Center,
            label,
        );
    }

    /// A table's header row: bold labels of the given widths.
    pub fn header_row(&mut self, labels: &[&str], widths: &[f32], size: f32) {
        let cells: Vec<Cell> = labels
            .iter()
            .zip(widths)
            .map(|(label, width)| Cell::label(label, *width))
            .collect();
        self.row(&cells, size);
    }

    /// A numbered table row: the values of the given widths, the first (the
    /// number) centred.
    pub fn numbered_row(&mut self, values: &[String], widths: &[f32], size: f32) {
        let mut cells: Vec<Cell> = values
            .iter()
            .zip(widths)
            .map(|(value, width)| Cell::value(value, *width))
            .collect();
        if let Some(first) = cells.first_mut() {
            first.align = Align::Center;
        }
        self.row(&cells, size);
    }

    /// An empty bordered box of `height` (opinions, seals), with a label inside.
    pub fn boxed(&mut self, height: f32, label: &str, size: f32) {
        self.ensure(height);
        let top = self.y;
        self.draw(Draw::Rect {
            x: LEFT,
            y: top,
            w: CONTENT_WIDTH,
            h: height,
            width: 0.6,
        });
        self.text_at(
            LEFT + CELL_PAD_X,
            top + CELL_PAD_Y + size * 1.1,
            size,
            Weight::Bold,
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
                    weight,
                    text,
                    ..
                } = d
                {
                    let right = x + text_width(text, *size, *weight);
                    assert!(
                        right <= LEFT + CONTENT_WIDTH + 0.5,
                        "{text} overflows to {right}"
                    );
                }
            }
        }
    }
}
