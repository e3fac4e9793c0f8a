//! The 汇总表 (summary table) of an intake, as CSV (UTF-8 with BOM, so Excel
//! opens the Chinese) and as a printable PDF.

use super::Arrival;
use shenbao_pdf::font::Typeface;
use shenbao_pdf::layout::{column_widths, size, Align, Column, Composer, Sheet};

pub const HEADER: [&str; 8] = [
    "序号",
    "项目名称",
    "申报单位",
    "统一社会信用代码",
    "申报方向",
    "推荐单位",
    "状态",
    "材料包摘要（SHA-256）",
];

/// The codes of the errors found in a dossier, sorted, each once.
pub fn error_codes(arrival: &Arrival) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = arrival
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The status column of the 汇总表 (a Chinese document): 通过, or the codes found.
pub fn status(arrival: &Arrival) -> String {
    let codes = error_codes(arrival);
    if codes.is_empty() {
        "通过".to_string()
    } else {
        format!("未通过：{}", codes.join(" "))
    }
}

fn row(index: usize, a: &Arrival) -> [String; 8] {
    let recommender = match &a.via {
        Some(via) => format!("{}（经{via}）", a.recommender),
        None => a.recommender.clone(),
    };
    [
        (index + 1).to_string(),
        a.project.clone(),
        a.applicant.clone(),
        a.credit_code.clone(),
        a.category.clone(),
        recommender,
        status(a),
        a.digest.clone(),
    ]
}

/// One CSV cell. Every text in the table comes from an applicant's file, and
/// a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return as a formula (OWASP, "CSV Injection"): such a cell gets a
/// leading apostrophe, which Excel and LibreOffice show as text, as written.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// CSV with a BOM and CRLF line ends (what Excel expects).
pub fn csv(arrivals: &[Arrival]) -> Vec<u8> {
    let mut text = String::from("\u{FEFF}");
    text.push_str(&HEADER.map(csv_field).join(","));
    text.push_str("\r\n");
    for (i, a) in arrivals.iter().enumerate() {
        text.push_str(&row(i, a).map(|f| csv_field(&f)).join(","));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// The columns that open a printed list of projects (this table and the
/// letter's 附表).
pub const PROJECT_COLUMNS: [Column; 5] = [
    Column::centred(&["序号"]),
    Column::text(&["项目名称"]),
    Column::text(&["申报单位"]),
    Column::whole(&["统一社会", "信用代码"]),
    Column::text(&["申报方向"]),
];

/// The printed table's columns: the CSV's, with the digest's heading in
/// words that break.
const COLUMNS: [Column; 3] = [
    Column::text(&["推荐单位"]),
    Column::text(&["状态"]),
    Column::whole(&["材料包摘要", "（SHA-256）"]),
];

/// The printable table on landscape A4, with a title naming the office and
/// page numbers; the header repeats on every page.
pub fn pdf(arrivals: &[Arrival], office: Option<&str>) -> Result<Vec<u8>, shenbao_pdf::PdfError> {
    let mut c = Composer::on(Sheet::LANDSCAPE);
    let title = match office {
        Some(office) => format!("{office}新型信息消费示范项目汇总表"),
        None => "新型信息消费示范项目汇总表".to_string(),
    };
    c.title(&title, size::XIAO_ER);
    let ok = arrivals.iter().filter(|a| a.ok()).count();
    let (left, width) = (c.left(), c.width());
    c.aligned(
        left,
        width,
        c.y() + size::SI_HAO,
        size::SI_HAO,
        Typeface::Body,
        Align::Center,
        &format!(
            "共 {} 个材料包：通过 {ok} 个，未通过 {} 个",
            arrivals.len(),
            arrivals.len() - ok
        ),
    );
    c.space(size::SI_HAO * 2.0);
    let rows: Vec<Vec<String>> = arrivals
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut fields = row(i, a);
            // The printed table shows the digest's first 16 digits; the CSV has it whole.
            fields[7] = a.digest.chars().take(16).collect();
            fields.to_vec()
        })
        .collect();
    let s = size::WU_HAO;
    let columns = [&PROJECT_COLUMNS[..], &COLUMNS[..]].concat();
    let widths = column_widths(&columns, &rows, s, c.width());
    c.table(&columns, &rows, &widths, s);
    shenbao_pdf::footers(&mut c, None, shenbao_pdf::Cover::No);
    shenbao_pdf::render_pages(&c.pages, &title, office.unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival(project: &str, applicant: &str) -> Arrival {
        Arrival {
            path: "d.zip".into(),
            digest: "ab".repeat(32),
            project: project.to_string(),
            applicant: applicant.to_string(),
            credit_code: "91330106MA2H7K3Q0X".to_string(),
            category: "6".to_string(),
            recommender: "浙江省".to_string(),
            kind: None,
            via: None,
            department: None,
            contact: String::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The cells of a CSV text, quotes undone (what a spreadsheet reads).
    fn cells(csv: &str) -> Vec<Vec<String>> {
        let mut rows = vec![vec![String::new()]];
        let mut quoted = false;
        let mut chars = csv.trim_start_matches('\u{FEFF}').chars().peekable();
        while let Some(c) = chars.next() {
            let row = rows.last_mut().unwrap();
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    row.last_mut().unwrap().push('"');
                }
                ('"', _) => quoted = !quoted,
                (',', false) => row.push(String::new()),
                ('\r', false) if chars.peek() == Some(&'\n') => {
                    chars.next();
                    rows.push(vec![String::new()]);
                }
                (c, _) => row.last_mut().unwrap().push(c),
            }
        }
        rows
    }

    #[test]
    fn formulas_from_applicants_reach_the_spreadsheet_as_text() {
        let hostile = [
            "=HYPERLINK(\"http://x.invalid\",\"点击\")",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "\t=1",
            "\r=1",
        ];
        for text in hostile {
            let csv = String::from_utf8(csv(&[arrival(text, text)])).unwrap();
            let rows = cells(&csv);
            // The cells read back as the text behind one apostrophe.
            assert_eq!(rows[1][1], format!("'{text}"), "{csv:?}");
            assert_eq!(rows[1][2], format!("'{text}"), "{csv:?}");
        }
        // Ordinary names are untouched.
        let csv =
            String::from_utf8(csv(&[arrival("智能测温机器人", "杭州某科技有限公司")])).unwrap();
        assert!(csv.contains(",智能测温机器人,杭州某科技有限公司,"), "{csv}");
    }
}
