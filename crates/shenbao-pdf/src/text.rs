//! Line breaking for Chinese text with Latin words inside: break opportunities
//! from UAX #14 (a break is allowed between ideographs, never inside a Latin
//! word, never before closing punctuation such as ，。、）》 or after opening
//! punctuation such as （《“), filled greedily to the measured width.

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

fn wrap_paragraph(
    text: &str,
    size: f32,
    max_width: f32,
    measure: &impl Measure,
    lines: &mut Vec<String>,
) {
    let mut line = String::new();
    let mut start = 0;
    for (at, opportunity) in linebreaks(text) {
        if at == 0 {
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
    fn overlong_segments_are_split() {
        let url = "https://example.com/a/very/long/path/that/cannot/fit";
        let lines = wrap10(url);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
    }
}
