//! Bordered tables: cells that wrap by their kind of content, rows that grow
//! with their text and break across pages with the header repeated, and
//! column widths measured from the content.

use super::{leading, Align, Composer, Draw, CELL_PAD_X, CELL_PAD_Y};
use crate::font::{Metrics, Typeface};
use crate::text::{wrap, wrap_whole, Measure};

/// How a cell's text may break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    /// Running text: anywhere UAX #14 and the Chinese rules allow.
    Text,
    /// Only at newlines: each line of the text (a credit code, a phone
    /// number, a date, an amount, a digest) stays whole.
    Whole,
}

/// A table cell: its text, width, typeface, alignment and how it breaks.
#[derive(Clone, Debug)]
pub struct Cell {
    pub text: String,
    pub width: f32,
    pub typeface: Typeface,
    pub align: Align,
    pub fill: Fill,
}

impl Cell {
    /// A label (a header, or a field's name beside its value): bold, centred.
    pub fn label(text: &str, width: f32) -> Cell {
        Cell {
            text: text.to_string(),
            width,
            typeface: Typeface::Heading,
            align: Align::Center,
            fill: Fill::Text,
        }
    }

    pub fn value(text: &str, width: f32) -> Cell {
        Cell {
            text: text.to_string(),
            width,
            typeface: Typeface::Body,
            align: Align::Left,
            fill: Fill::Text,
        }
    }

    fn lines(&self, size: f32) -> Vec<String> {
        let measure = Metrics {
            typeface: self.typeface,
        };
        let inner = self.width - 2.0 * CELL_PAD_X;
        let lines = match self.fill {
            Fill::Text => wrap(&self.text, size, inner, &measure),
            Fill::Whole => wrap_whole(&self.text, size, inner, &measure),
        };
        if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        }
    }
}

/// A column of a table: its header, how its cells break and align.
#[derive(Clone, Debug)]
pub struct Column<'a> {
    /// The header's words: it breaks between them only ("统一社会", "信用代码").
    pub header: &'a [&'a str],
    pub fill: Fill,
    pub align: Align,
}

impl Column<'_> {
    /// Running text, left-aligned.
    pub const fn text<'a>(header: &'a [&'a str]) -> Column<'a> {
        Column {
            header,
            fill: Fill::Text,
            align: Align::Left,
        }
    }

    /// Codes and numbers, each line kept whole, left-aligned.
    pub const fn whole<'a>(header: &'a [&'a str]) -> Column<'a> {
        Column {
            header,
            fill: Fill::Whole,
            align: Align::Left,
        }
    }

    /// A short centred value (序号).
    pub const fn centred<'a>(header: &'a [&'a str]) -> Column<'a> {
        Column {
            header,
            fill: Fill::Whole,
            align: Align::Center,
        }
    }
}

/// A running-text column narrower than this many em reads as a word list.
const TEXT_MIN_EM: f32 = 5.0;

/// Column widths for `rows` in `total` points, measured from the content.
/// Each column gets at least its widest unbreakable piece (a header word, a
/// code, a phone number); what is left goes to the columns whose text would
/// wrap, in proportion to what they lack, until each fits on one line; any
/// rest is shared by the running-text columns. When even the unbreakable
/// pieces do not fit, the widths are their shares of `total`.
pub fn column_widths(columns: &[Column], rows: &[Vec<String>], size: f32, total: f32) -> Vec<f32> {
    let body = Metrics {
        typeface: Typeface::Body,
    };
    let head = Metrics {
        typeface: Typeface::Heading,
    };
    let pad = 2.0 * CELL_PAD_X + 1.0;
    let mut least = Vec::with_capacity(columns.len());
    let mut wish = Vec::with_capacity(columns.len());
    for (i, column) in columns.iter().enumerate() {
        let header_word = column
            .header
            .iter()
            .map(|w| head.width(w, size))
            .fold(0.0, f32::max);
        let header_line = head.width(&column.header.concat(), size);
        let cells = rows.iter().filter_map(|r| r.get(i));
        let (mut piece, mut line) = (0.0f32, 0.0f32);
        for text in cells {
            for part in text.split('\n') {
                line = line.max(body.width(part, size));
                if column.fill == Fill::Whole {
                    piece = line;
                }
            }
        }
        if column.fill == Fill::Text {
            piece = line.min(TEXT_MIN_EM * size);
        }
        least.push(header_word.max(piece) + pad);
        wish.push(header_line.max(line).max(header_word.max(piece)) + pad);
    }
    let floor: f32 = least.iter().sum();
    if floor > total {
        return least.iter().map(|w| w * total / floor).collect();
    }
    let spare = total - floor;
    let lacking: f32 = least.iter().zip(&wish).map(|(l, w)| w - l).sum();
    let mut widths: Vec<f32> = if lacking > spare {
        least
            .iter()
            .zip(&wish)
            .map(|(l, w)| l + (w - l) * spare / lacking)
            .collect()
    } else {
        wish.clone()
    };
    let rest = total - widths.iter().sum::<f32>();
    if rest > 0.01 {
        let texts: f32 = columns
            .iter()
            .zip(&widths)
            .filter(|(c, _)| c.fill == Fill::Text)
            .map(|(_, w)| w)
            .sum();
        let share = |(c, w): (&Column, &mut f32)| {
            if texts > 0.0 && c.fill == Fill::Text {
                *w += rest * *w / texts;
            } else if texts == 0.0 {
                *w += rest / columns.len() as f32;
            }
        };
        columns.iter().zip(widths.iter_mut()).for_each(share);
    }
    widths
}

impl Composer {
    /// A bordered table row; cell texts wrap, the row grows to its tallest
    /// cell and, if taller than the rest of the page, continues on the next
    /// (by the rules of [`Composer::lines_here`]).
    pub fn row(&mut self, cells: &[Cell], size: f32) {
        let lh = leading(size);
        let wrapped: Vec<Vec<String>> = cells.iter().map(|c| c.lines(size)).collect();
        let total_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut done = 0;
        while done < total_lines {
            let take = self.lines_here(total_lines - done, lh, 2.0 * CELL_PAD_Y);
            if take == 0 {
                self.new_page();
                continue;
            }
            let height = take as f32 * lh + 2.0 * CELL_PAD_Y;
            let top = self.y();
            let mut x = self.left();
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
                let continued =
                    (done > 0 && lines.len() <= done && cell.typeface == Typeface::Heading)
                        .then(|| format!("{}（续）", lines.join("")));
                let shown = lines.iter().skip(done).take(take).map(String::as_str);
                for (i, line) in continued.as_deref().into_iter().chain(shown).enumerate() {
                    let baseline = top + CELL_PAD_Y + offset + i as f32 * lh + size * 1.1;
                    self.aligned(
                        x + CELL_PAD_X,
                        cell.width - 2.0 * CELL_PAD_X,
                        baseline,
                        size,
                        cell.typeface,
                        cell.align,
                        line,
                    );
                }
                x += cell.width;
            }
            self.set_y(top + height);
            done += take;
            if done < total_lines {
                self.new_page();
            }
        }
    }

    /// A table: its header row, then one row per entry, the header repeated
    /// on every page the table continues on. Widths from [`column_widths`].
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], widths: &[f32], size: f32) {
        let header: Vec<Cell> = columns
            .iter()
            .zip(widths)
            .map(|(column, width)| Cell {
                // Words of a header are joined: a narrow column breaks between them.
                text: column.header.join("\u{200b}"),
                fill: Fill::Whole,
                ..Cell::label("", *width)
            })
            .collect();
        // The header never stands alone at the foot of a page.
        let first = rows.first().map_or(0, |_| 2);
        self.ensure(
            (header_lines(&header, size) + first) as f32 * leading(size) + 4.0 * CELL_PAD_Y,
        );
        self.row(&header, size);
        self.running_header = Some((header, size));
        for values in rows {
            let cells: Vec<Cell> = values
                .iter()
                .zip(columns.iter().zip(widths))
                .map(|(value, (column, width))| Cell {
                    align: column.align,
                    fill: column.fill,
                    ..Cell::value(value, *width)
                })
                .collect();
            self.row(&cells, size);
        }
        self.running_header = None;
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
}

fn header_lines(header: &[Cell], size: f32) -> usize {
    header
        .iter()
        .map(|c| c.lines(size).len())
        .max()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::size;

    #[test]
    fn codes_and_phones_get_their_width() {
        let columns = [
            Column::centred(&["序号"]),
            Column::text(&["项目名称"]),
            Column::text(&["申报单位"]),
            Column::whole(&["统一社会", "信用代码"]),
            Column::text(&["申报方向"]),
            Column::text(&["推荐渠道"]),
            Column::whole(&["联系人", "及电话"]),
        ];
        let rows = vec![vec![
            "1".to_string(),
            "城市大脑数字孪生协同治理与政务服务平台".to_string(),
            "合肥数衍城市智能科技股份有限公司".to_string(),
            "91340104058372165T".to_string(),
            "9.智慧城市治理与服务平台".to_string(),
            "合肥市额外推荐".to_string(),
            "韩蕾\n0551-6532 9876转8012".to_string(),
        ]];
        let s = size::WU_HAO;
        let widths = column_widths(&columns, &rows, s, 714.0);
        assert!(
            (widths.iter().sum::<f32>() - 714.0).abs() < 0.1,
            "{widths:?}"
        );
        for (i, text) in rows[0].iter().enumerate() {
            let cell = Cell {
                fill: columns[i].fill,
                ..Cell::value(text, widths[i])
            };
            let lines = cell.lines(s);
            if columns[i].fill == Fill::Whole {
                for whole in text.split('\n') {
                    assert!(
                        lines.iter().any(|l| l == whole),
                        "{whole} broken: {lines:?} in {widths:?}"
                    );
                }
            }
        }
    }
}
