//! The 推荐意见函 (recommendation letter) as an A4 PDF: the letter to MIIT's
//! 信息技术发展司 with the seal box and date, then the attached list of the
//! projects (附表). Every page carries the letter's code.

use super::{channel, is_extra};
use crate::intake::table::PROJECT_COLUMNS;
use crate::intake::Arrival;
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_pdf::code::VerificationCode;
use shenbao_pdf::font::Typeface;
use shenbao_pdf::layout::{
    column_widths, size, Align, Column, Composer, Sheet, CONTENT_WIDTH, LEFT,
};

/// Everything the letter shows.
pub struct Letter<'a> {
    pub office: &'a str,
    /// Who signs: the office's department (e.g. 江苏省工业和信息化厅).
    pub issuer: &'a str,
    /// The letter's document number (文号), when the office gives one.
    pub reference: Option<&'a str>,
    pub date: Date,
    /// Who MIIT can call about the letter.
    pub contact: Option<&'a str>,
    /// The bundle's file name, which the letter points to.
    pub bundle: &'a str,
    pub arrivals: &'a [Arrival],
    pub profile: &'a CallProfile,
    pub code: &'a VerificationCode,
}

const ADDRESSEE: &str = "工业和信息化部信息技术发展司：";

/// Render the letter and its list.
pub fn render(letter: &Letter) -> Result<Vec<u8>, shenbao_pdf::PdfError> {
    let mut c = Composer::new();
    let year = letter.profile.issued.get(..4).unwrap_or("2021");
    let body = size::SAN_HAO;
    if let Some(reference) = letter.reference {
        let y = c.y() + size::XIAO_SI;
        c.aligned(
            LEFT,
            CONTENT_WIDTH,
            y,
            size::XIAO_SI,
            Typeface::Body,
            Align::Right,
            reference,
        );
        c.space(size::XIAO_SI * 2.0);
    }
    let title = format!("关于推荐{year}年新型信息消费示范项目的函");
    c.title(&title, size::ER_HAO);
    c.space(10.0);
    let y = c.y() + body;
    c.text_at(LEFT, y, body, Typeface::Body, ADDRESSEE);
    c.space(body * 1.5);
    let own = letter.arrivals.iter().filter(|a| !is_extra(a)).count();
    let mut extra: Vec<(String, usize)> = Vec::new();
    for a in letter.arrivals.iter().filter(|a| is_extra(a)) {
        match extra.iter_mut().find(|(city, _)| *city == a.recommender) {
            Some((_, n)) => *n += 1,
            None => extra.push((a.recommender.clone(), 1)),
        }
    }
    let mut count = format!("现推荐 {} 个项目（见附表）", letter.arrivals.len());
    if !extra.is_empty() {
        let total: usize = extra.iter().map(|(_, n)| n).sum();
        let cities: Vec<String> = extra
            .iter()
            .map(|(city, n)| format!("{city} {n} 个"))
            .collect();
        let cities = cities.join("、");
        if own > 0 {
            count.push_str(&format!(
                "，其中本单位推荐 {own} 个，信息消费示范城市额外推荐 {total} 个（{cities}）"
            ));
        } else {
            count.push_str(&format!("，均为信息消费示范城市额外推荐（{cities}）"));
        }
    }
    let p = letter.profile;
    let mut text = format!(
        "根据{}《关于组织开展{year}年新型信息消费示范项目申报工作的通知》（{}）要求，我单位组织开展了本地区新型信息消费示范项目的征集和审核工作。{count}。\n\
         经审核，上述项目的申报主体均在中华人民共和国境内注册、具备独立法人资格，申报材料齐全，推荐数量符合申报指南的要求。\n\
         各项目申报材料的电子版及其 SHA-256 摘要见随函报送的推荐材料包 {}，本函校验码为 {}。",
        p.issuer,
        p.notice,
        letter.bundle,
        letter.code.short()
    );
    if let Some(contact) = letter.contact {
        text.push_str(&format!("\n联系人及电话：{contact}"));
    }
    text.push_str(&format!(
        "\n附表：{}{year}年新型信息消费示范项目推荐汇总表",
        letter.office
    ));
    c.paragraph(&text, body);
    c.space(24.0);
    signature(&mut c, letter.issuer, letter.date);

    project_list(&mut c, letter, year);
    shenbao_pdf::footers(&mut c, Some(letter.code), shenbao_pdf::Cover::No);
    shenbao_pdf::render_pages(&c.pages, &title, letter.office)
}

/// The seal box, with the issuer and date right-aligned under it.
fn signature(c: &mut Composer, issuer: &str, date: Date) {
    let seal = 110.0;
    let s = size::SAN_HAO;
    c.ensure(seal + 3.0 * s + 20.0);
    let top = c.y();
    let x_seal = LEFT + CONTENT_WIDTH - seal - 30.0;
    c.seal_box(x_seal, top, seal, "推荐单位盖章处");
    let date_text = shenbao_check::date::chinese_date(&date.to_string());
    for (i, line) in [issuer, date_text.as_str()].iter().enumerate() {
        c.aligned(
            LEFT,
            CONTENT_WIDTH,
            top + seal + s * 1.6 * (i as f32 + 1.0),
            s,
            Typeface::Body,
            Align::Right,
            line,
        );
    }
    c.set_y(top + seal + 4.0 * s);
}

/// 附表: the projects, with the columns a recommendation list carries
/// after [`PROJECT_COLUMNS`].
const COLUMNS: [Column; 2] = [
    Column::text(&["推荐渠道"]),
    Column::whole(&["联系人", "及电话"]),
];

/// 附表 on landscape pages after the letter, its header on every page.
fn project_list(c: &mut Composer, letter: &Letter, year: &str) {
    c.new_page_on(Sheet::LANDSCAPE);
    c.heading(
        &format!(
            "附表：{}{year}年新型信息消费示范项目推荐汇总表",
            letter.office
        ),
        size::SAN_HAO,
        Align::Center,
    );
    c.space(8.0);
    let rows: Vec<Vec<String>> = letter
        .arrivals
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                a.project.clone(),
                a.applicant.clone(),
                a.credit_code.clone(),
                a.category.clone(),
                channel(a),
                a.contact.clone(),
            ]
        })
        .collect();
    let s = size::WU_HAO;
    let columns = [&PROJECT_COLUMNS[..], &COLUMNS[..]].concat();
    let widths = column_widths(&columns, &rows, s, c.width());
    c.table(&columns, &rows, &widths, s);
}
