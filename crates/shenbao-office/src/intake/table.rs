//! The 汇总表 (summary table) of an intake, as CSV (UTF-8 with BOM, so Excel
//! opens the Chinese) and as a printable PDF.

use super::Arrival;
use shenbao_pdf::font::Weight;
use shenbao_pdf::layout::{size, Align, Composer, CONTENT_WIDTH, LEFT};

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

/// The status column: 通过, or the codes found.
pub fn status(arrival: &Arrival) -> String {
    let mut codes: Vec<&str> = arrival
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
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

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
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

/// A column wide enough for an 18-character credit code on one line.
pub fn credit_code_width(size: f32) -> f32 {
    let digits = shenbao_pdf::layout::text_width("913201153021847731", size, Weight::Regular);
    (digits + 12.0).ceil()
}

/// The printable table, with a title naming the office and page numbers.
pub fn pdf(arrivals: &[Arrival], office: Option<&str>) -> Result<Vec<u8>, shenbao_pdf::PdfError> {
    let mut c = Composer::new();
    let title = match office {
        Some(office) => format!("{office}新型信息消费示范项目汇总表"),
        None => "新型信息消费示范项目汇总表".to_string(),
    };
    c.heading(&title, size::SAN_HAO, Align::Center);
    let ok = arrivals.iter().filter(|a| a.ok()).count();
    c.aligned(
        LEFT,
        CONTENT_WIDTH,
        c.y() + size::WU_HAO,
        size::WU_HAO,
        Weight::Regular,
        Align::Center,
        &format!(
            "共 {} 个材料包：通过 {ok} 个，未通过 {} 个",
            arrivals.len(),
            arrivals.len() - ok
        ),
    );
    c.space(24.0);
    let s = size::XIAO_WU - 1.0;
    let code = credit_code_width(s);
    let name = (CONTENT_WIDTH - 22.0 - code - 56.0 - 50.0 - 44.0 - 50.0) / 2.0;
    let widths = [22.0, name, name, code, 56.0, 50.0, 44.0, 50.0];
    // The digest's long CSV heading would wrap letter by letter in its narrow column.
    let mut header = HEADER;
    header[7] = "SHA-256";
    c.header_row(&header, &widths, s);
    for (i, a) in arrivals.iter().enumerate() {
        let mut fields = row(i, a);
        // The printed table shows the digest's first 16 digits; the CSV has it whole.
        fields[7] = a.digest.chars().take(16).collect();
        c.numbered_row(&fields, &widths, s);
    }
    shenbao_pdf::footers(&mut c, None);
    shenbao_pdf::render_pages(&c.pages, &title, office.unwrap_or(""))
}
