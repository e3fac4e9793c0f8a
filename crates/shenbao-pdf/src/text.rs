//! Line breaking for Chinese text with Latin words inside: break opportunities
//! from UAX #14 (a break is allowed between ideographs, never inside a Latin
//! word, never before closing punctuation such as ，。、）》 or after opening
//! punctuation such as （《“), filled greedily to the measured width. Two
//! rules of Chinese typesetting on top: a short bracketed note such as
//! （万元） is not broken inside, and a paragraph does not end on a line of
//! one or two characters when the line above can lend it one.

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Advance widths in points.
pub trait Measure {
    fn width(&self, text: &str, size: f32) -> f32;
}

/// Break `text` into lines no wider than `max_width` at `size`. Explicit
/// newlines end lines; a segment wider than a whole line (a long URL) is split
/// by characters; trailing spaces do not count.
pub fn wrap(text: &str, size: f32, max_width: f32, measure: &impl Measure) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end_matches('\r');
        if paragraph.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        wrap_paragraph(paragraph, size, max_width, measure, &mut lines);
    }
    // A text ending in a newline has no empty last line to show.
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Break `text` only at its newlines and zero-width spaces (which are not
/// drawn), so that each piece stays whole, spaces and all: for cells of
/// codes, phone numbers ("0551-6532 9876"), dates and amounts, and for
/// table headers. A piece wider than a whole line is split by characters,
/// as in [`wrap`].
pub fn wrap_whole(text: &str, size: f32, max_width: f32, measure: &impl Measure) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for piece in paragraph.trim_end_matches('\r').split('\u{200b}') {
            place_segment(piece, size, max_width, measure, &mut line, &mut lines);
        }
        lines.push(line.trim_end().to_string());
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn wrap_paragraph(
    text: &str,
    size: f32,
    max_width: f32,
    measure: &impl Measure,
    lines: &mut Vec<String>,
) {
    let mut line = String::new();
    let mut start = 0;
    let first = lines.len();
    let kept = short_brackets(text);
    for (at, opportunity) in linebreaks(text) {
        if at == 0 || kept.iter().any(|&(open, close)| open < at && at < close) {
            continue;
        }
        let segment = &text[start..at];
        start = at;
        place_segment(segment, size, max_width, measure, &mut line, lines);
        // A forced break inside the paragraph (U+2028 and the like).
        if opportunity == BreakOpportunity::Mandatory && at < text.len() {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    no_orphan(&mut lines[first..], size, max_width, measure);
}

/// Byte spans of full-width brackets holding at most six characters, such as
/// （万元） or （盖章）: a label's unit or note, read as one word.
fn short_brackets(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (byte offset, characters since)
    for (at, c) in text.char_indices() {
        match c {
            '（' => open = Some((at, 0)),
            '）' => {
                if let Some((from, count)) = open.take() {
                    if count <= 6 {
                        spans.push((from, at + c.len_utf8()));
                    }
                }
            }
            _ => {
                if let Some((_, count)) = open.as_mut() {
                    *count += 1;
                }
            }
        }
    }
    spans
}

/// A last line of one or two characters (closing punctuation not counted)
/// takes characters from the end of the line above, one at a time, until it
/// has three: each must be an ideograph (which may start a line), and the
/// line above keeps at least three.
fn no_orphan(lines: &mut [String], size: f32, max_width: f32, measure: &impl Measure) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    let counted = |l: &str| l.chars().filter(|c| !is_closing(*c)).count();
    while counted(&lines[n - 1]) < 3 && counted(&lines[n - 2]) > 3 {
        let Some(last) = lines[n - 2].chars().next_back() else {
            return;
        };
        let is_ideograph = ('\u{3400}'..='\u{9fff}').contains(&last)
            || ('\u{20000}'..='\u{3ffff}').contains(&last);
        if !is_ideograph {
            return;
        }
        let moved = format!("{last}{}", lines[n - 1]);
        if measure.width(&moved, size) > max_width {
            return;
        }
        lines[n - 2].pop();
        lines[n - 1] = moved;
    }
}

fn is_closing(c: char) -> bool {
    "，。、；：！？）》」』】〕”’…—".contains(c)
}

fn place_segment(
    segment: &str,
    size: f32,
    max_width: f32,
    measure: &impl Measure,
    line: &mut String,
    lines: &mut Vec<String>,
) {
    let candidate = format!("{line}{segment}");
    if measure.width(candidate.trim_end(), size) <= max_width {
        *line = candidate;
        return;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
        line.clear();
    }
    if measure.width(segment.trim_end(), size) <= max_width {
        *line = segment.to_string();
        return;
    }
    // Longer than a line on its own: split by characters.
    for c in segment.chars() {
        let mut next = line.clone();
        next.push(c);
        if measure.width(next.trim_end(), size) > max_width && !line.is_empty() {
            lines.push(line.trim_end().to_string());
            *line = c.to_string();
        } else {
            *line = next;
        }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Ideographs and full-width forms 1 em, everything else half an em.
    pub struct Monospace;

    impl Measure for Monospace {
        fn width(&self, text: &str, size: f32) -> f32 {
            text.chars()
                .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.5 })
                .sum::<f32>()
                * size
        }
    }

    fn wrap10(text: &str) -> Vec<String> {
        wrap(text, 10.0, 100.0, &Monospace) // ten ideographs per line
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap10("一二三四五六七八九十，十一十二。");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with('，') && !l.starts_with('。')),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "一二三四五六七八九十，十一十二。");
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = wrap10("一二三四五六七八九（十）");
        assert!(lines.iter().all(|l| !l.ends_with('（')), "{lines:?}");
    }

    #[test]
    fn latin_words_stay_whole() {
        let lines = wrap10("项目采用 infrared thermography 技术");
        assert!(lines.iter().any(|l| l.contains("infrared")), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("thermography")),
            "{lines:?}"
        );
        for l in &lines {
            assert!(Monospace.width(l, 10.0) <= 100.0, "{l}");
        }
    }

    #[test]
    fn numbers_with_units_stay_together_and_newlines_break() {
        let lines = wrap10("累计测温4860万人次\n第二段");
        assert_eq!(lines.last().unwrap(), "第二段");
        assert!(lines.iter().any(|l| l.contains("4860")));
    }

    #[test]
    fn short_bracketed_notes_stay_whole() {
        // 项目总投资（万元）: seven ideographs per line would split （万 / 元）.
        let lines = wrap("项目总投资（万元）", 10.0, 70.0, &Monospace);
        assert!(lines.iter().any(|l| l.contains("（万元）")), "{lines:?}");
        // A long bracket is text like any other and may break.
        let long = "智慧城市治理与服务平台（信息消费支撑平台）";
        assert_eq!(wrap(long, 10.0, 100.0, &Monospace).concat(), long);
    }

    #[test]
    fn a_paragraph_does_not_end_on_one_or_two_characters() {
        // Eleven characters in lines of ten would leave 台） alone.
        let text = "一二三四五六七八九平台）";
        let lines = wrap10(text);
        assert_eq!(lines.concat(), text);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].chars().count() >= 3, "{lines:?}");
        // Latin and digits are not taken apart.
        let lines = wrap10("一二三四五六七八九十AB");
        assert_eq!(lines.concat(), "一二三四五六七八九十AB");
    }

    #[test]
    fn overlong_segments_are_split() {
        let url = "https://example.com/a/very/long/path/that/cannot/fit";
        let lines = wrap10(url);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
    }
}
