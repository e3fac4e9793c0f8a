//! The content of the 《新型信息消费示范项目申报书》, part by part, after the
//! layout in docs/sources/form_structure.md: cover, 填写说明, 表一 申报单位
//! 基本情况, 表二 项目基本情况, 项目详细内容, 真实性承诺, 推荐单位意见, 附件清单.

use shenbao_check::call::{CallProfile, RecommenderKind};
use shenbao_check::date::chinese_date;
use shenbao_check::model::Declaration;
use shenbao_pdf::code::{hex, VerificationCode};
use shenbao_pdf::font::Typeface;
use shenbao_pdf::layout::{
    column_widths, size, Align, Cell, Column, Composer, Draw, CONTENT_WIDTH, LEFT, PAGE_HEIGHT,
};

/// Everything the form shows.
pub struct FormInput<'a> {
    pub declaration: &'a Declaration,
    pub profile: &'a CallProfile,
    pub code: &'a VerificationCode,
    /// SHA-256 of each attachment, in declaration order.
    pub attachment_digests: &'a [[u8; 32]],
}

const LABEL: f32 = 96.0;

fn or_none(value: Option<&str>) -> String {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "无".to_string(),
    }
}

fn amount(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `2021` → `二〇二一`.
fn chinese_year_digits(year: i32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    year.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

fn chinese_month(month: u32) -> &'static str {
    [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ][(month as usize).clamp(1, 12) - 1]
}

fn category_label(input: &FormInput) -> String {
    let profile = input.profile;
    match profile.category_of(&input.declaration.project.category) {
        Some(c) => match profile.direction_of(c.number) {
            Some(d) => format!("{}. {}（{}）", c.number, c.name, d.name),
            None => format!("{}. {}", c.number, c.name),
        },
        None => input.declaration.project.category.to_string(),
    }
}

fn recommender_label(input: &FormInput) -> String {
    let r = &input.declaration.recommender;
    let kind = RecommenderKind::parse(&r.kind)
        .map(RecommenderKind::zh)
        .unwrap_or(&r.kind);
    match &r.via {
        Some(via) => format!("{}（{}，经{}上报）", r.name, kind, via),
        // 浙江省 says it is a province: 浙江省（省） says it twice.
        None if r.name.ends_with(kind) => r.name.clone(),
        None => format!("{}（{}）", r.name, kind),
    }
}

/// Compose every page.
pub fn compose(input: &FormInput) -> Composer {
    let mut c = Composer::new();
    cover(&mut c, input);
    c.new_page();
    instructions(&mut c, input);
    c.new_page();
    applicant_table(&mut c, input);
    c.space(16.0);
    project_table(&mut c, input);
    c.new_page();
    narrative(&mut c, input);
    c.space(12.0);
    commitment(&mut c, input);
    c.new_page();
    recommendation(&mut c, input);
    c.space(16.0);
    attachment_list(&mut c, input);
    c
}

fn cover(c: &mut Composer, input: &FormInput) {
    let d = input.declaration;
    let p = input.profile;
    c.text_at(LEFT, 80.0, size::SI_HAO, Typeface::Body, "附件");

    // Top right: the QR code and the verification code under it.
    let qr_size = 66.0;
    let qr_x = LEFT + CONTENT_WIDTH - qr_size;
    draw_qr(c, &input.code.qr_payload(), qr_x, 48.0, qr_size);
    let code_line = format!("校验码 {}", input.code.short());
    c.aligned(
        LEFT,
        CONTENT_WIDTH,
        48.0 + qr_size + 10.0,
        size::XIAO_WU,
        Typeface::Body,
        Align::Right,
        &code_line,
    );

    c.aligned(
        LEFT,
        CONTENT_WIDTH,
        215.0,
        size::YI_HAO,
        Typeface::Title,
        Align::Center,
        "新型信息消费示范项目申报书",
    );
    let year = shenbao_check::date::Date::parse(&p.issued).map_or(2021, |d| d.year);
    c.aligned(
        LEFT,
        CONTENT_WIDTH,
        252.0,
        size::SAN_HAO,
        Typeface::Body,
        Align::Center,
        &format!("（{year} 年）"),
    );

    let fields = [
        ("项目名称", d.project.name.clone()),
        ("申报单位（盖章）", d.applicant.name.clone()),
        (
            "推荐单位（盖章）",
            d.recommender
                .department
                .clone()
                .unwrap_or_else(|| d.recommender.name.clone()),
        ),
        ("申报方向", category_label(input)),
        ("申报日期", chinese_date(&d.submission.date)),
    ];
    let field_size = size::SAN_HAO;
    // As wide as the longest label, which never wraps.
    let label_width = fields
        .iter()
        .map(|(label, _)| {
            shenbao_pdf::layout::text_width(&format!("{label}："), field_size, Typeface::Heading)
        })
        .fold(0.0, f32::max)
        .ceil();
    let value_x = LEFT + 10.0 + label_width;
    let value_width = CONTENT_WIDTH - 20.0 - label_width;
    let mut y = 330.0;
    for (label, value) in fields {
        let lines = shenbao_pdf::text::wrap(
            &value,
            field_size,
            value_width,
            &shenbao_pdf::font::Metrics {
                typeface: Typeface::Body,
            },
        );
        c.aligned(
            LEFT + 10.0,
            label_width,
            y,
            field_size,
            Typeface::Heading,
            Align::Right,
            &format!("{label}："),
        );
        for line in lines {
            c.aligned(
                value_x,
                value_width,
                y,
                field_size,
                Typeface::Body,
                Align::Center,
                &line,
            );
            c.draw(Draw::Line {
                x1: value_x,
                y1: y + 6.0,
                x2: value_x + value_width,
                y2: y + 6.0,
                width: 0.6,
            });
            y += 32.0;
        }
    }

    // Seal boxes (an official seal is 42 mm across), shrunk if the fields ran long.
    let issuer_top = PAGE_HEIGHT - 150.0;
    let top = y + 6.0;
    let seal = (issuer_top - top - 30.0).clamp(60.0, 110.0);
    let gap = (CONTENT_WIDTH - 2.0 * seal) / 3.0;
    for (i, label) in ["申报单位盖章处", "推荐单位盖章处"].iter().enumerate() {
        let x = LEFT + gap + i as f32 * (seal + gap);
        c.draw(Draw::Rect {
            x,
            y: top,
            w: seal,
            h: seal,
            width: 0.5,
        });
        c.aligned(
            x,
            seal,
            top + seal + 14.0,
            size::XIAO_WU,
            Typeface::Body,
            Align::Center,
            label,
        );
    }

    let issued = shenbao_check::date::Date::parse(&p.issued);
    let issuer_line = match issued {
        Some(d) => format!(
            "{}年{}月",
            chinese_year_digits(d.year),
            chinese_month(d.month)
        ),
        None => p.issued.clone(),
    };
    let issuer_y = (top + seal + 50.0).max(issuer_top + 20.0);
    c.aligned(
        LEFT,
        CONTENT_WIDTH,
        issuer_y,
        size::SAN_HAO,
        Typeface::Body,
        Align::Center,
        "中华人民共和国工业和信息化部制",
    );
    c.aligned(
        LEFT,
        CONTENT_WIDTH,
        issuer_y + 26.0,
        size::SAN_HAO,
        Typeface::Body,
        Align::Center,
        &issuer_line,
    );
}

fn draw_qr(c: &mut Composer, payload: &str, x: f32, y: f32, size: f32) {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M) else {
        return;
    };
    let width = code.width();
    let quiet = 2;
    let module = size / (width + 2 * quiet) as f32;
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (col, row) = (i % width, i / width);
            c.draw(Draw::Fill {
                x: x + (col + quiet) as f32 * module,
                y: y + (row + quiet) as f32 * module,
                w: module,
                h: module,
            });
        }
    }
}

fn instructions(c: &mut Composer, input: &FormInput) {
    let p = input.profile;
    c.heading("填写说明", size::SAN_HAO, Align::Center);
    c.space(6.0);
    let (deadline, _) = p.deadline();
    let channels: Vec<&str> = p.paper_channels.iter().map(|ch| ch.name.as_str()).collect();
    let items = [
        "申报单位应如实填写本申报书，并对所填内容和附件材料的真实性负责。".to_string(),
        "每份申报书只填报一个项目，所选申报方向应为指南所列十个方向之一。".to_string(),
        "申报书用 A4 纸双面打印、左侧装订，封面须加盖申报单位和推荐单位公章。".to_string(),
        "表中金额单位为万元；财务数据为上一年度（2020 年）数据。".to_string(),
        "无内容的栏目填写“无”，不得空缺。".to_string(),
        format!(
            "申报单位在提交纸质材料的同时，须在申报系统（{}）注册并提交电子版；纸质版与电子版应一致，每页页脚的校验码可用于核对。",
            p.online_system.url
        ),
        format!(
            "推荐单位须于 {} 前将推荐项目申报书和推荐意见函纸质版（一份）以{}方式报送工业和信息化部（信息技术发展司）。",
            chinese_date(&deadline.to_string()),
            channels.join("或")
        ),
    ];
    for (i, item) in items.iter().enumerate() {
        c.item(&format!("{}.", i + 1), item, size::XIAO_SI);
        c.space(4.0);
    }
}

/// A table row of two label/value pairs.
fn pair(c: &mut Composer, l1: &str, v1: String, l2: &str, v2: String) {
    let value = (CONTENT_WIDTH - 2.0 * LABEL) / 2.0;
    c.row(
        &[
            Cell::label(l1, LABEL),
            Cell::value(&v1, value),
            Cell::label(l2, LABEL),
            Cell::value(&v2, value),
        ],
        size::WU_HAO,
    );
}

/// A table row of one label and a value across the rest of the width.
fn single(c: &mut Composer, label: &str, v: String) {
    c.row(
        &[
            Cell::label(label, LABEL),
            Cell::value(&v, CONTENT_WIDTH - LABEL),
        ],
        size::WU_HAO,
    );
}

fn applicant_table(c: &mut Composer, input: &FormInput) {
    let a = &input.declaration.applicant;
    c.heading("一、申报单位基本情况", size::SI_HAO, Align::Left);
    single(c, "单位名称", a.name.clone());
    pair(
        c,
        "统一社会信用代码",
        a.credit_code.clone(),
        "单位性质",
        a.ownership.clone(),
    );
    single(c, "营业执照类型", or_none(a.legal_form.as_deref()));
    pair(
        c,
        "成立时间",
        chinese_date(&a.established),
        "注册资本（万元）",
        amount(a.registered_capital),
    );
    single(c, "注册地址", a.address.clone());
    pair(
        c,
        "邮政编码",
        a.postal_code.clone(),
        "法定代表人",
        a.legal_representative.clone(),
    );
    pair(
        c,
        "联系人",
        a.contact.name.clone(),
        "职务",
        or_none(a.contact.title.as_deref()),
    );
    pair(
        c,
        "联系电话",
        a.contact.phone.clone(),
        "手机",
        or_none(a.contact.mobile.as_deref()),
    );
    single(c, "电子邮箱", a.contact.email.clone());
    pair(
        c,
        "员工人数",
        a.employees.to_string(),
        "研发人员数",
        a.rd_staff.to_string(),
    );
    pair(
        c,
        "营业收入（万元）",
        amount(a.finance.revenue),
        "利润（万元）",
        amount(a.finance.profit),
    );
    let listed = match (a.listed, a.stock_code.as_deref()) {
        (Some(true), Some(code)) => format!("是（{code}）"),
        (Some(true), None) => "是".to_string(),
        _ => "否".to_string(),
    };
    pair(
        c,
        "研发投入（万元）",
        amount(a.finance.rd_expense),
        "是否上市",
        listed,
    );
    single(c, "单位简介", a.profile.clone());
}

fn project_table(c: &mut Composer, input: &FormInput) {
    let p = &input.declaration.project;
    let sub = &input.declaration.submission;
    c.heading("二、项目基本情况", size::SI_HAO, Align::Left);
    single(c, "项目名称", p.name.clone());
    single(c, "申报方向", category_label(input));
    single(c, "关键词", p.keywords.join("、"));
    pair(
        c,
        "项目启动时间",
        chinese_date(&p.start_date),
        "上线运营时间",
        p.launch_date
            .as_deref()
            .map_or_else(|| "无".to_string(), chinese_date),
    );
    pair(
        c,
        "计划完成时间",
        p.end_date
            .as_deref()
            .map_or_else(|| "无".to_string(), chinese_date),
        "网上申报登记号",
        if sub.registration_id == "not_yet" {
            "尚未登记".to_string()
        } else {
            sub.registration_id.clone()
        },
    );
    pair(
        c,
        "项目总投资（万元）",
        amount(p.investment.total),
        "已完成投资（万元）",
        amount(p.investment.completed),
    );
    let metrics = if p.metrics.is_empty() {
        "无".to_string()
    } else {
        p.metrics
            .iter()
            .map(|m| match &m.as_of {
                Some(at) => format!(
                    "{}：{} {}（截至 {}）",
                    m.name,
                    amount(m.value),
                    m.unit,
                    chinese_date(at)
                ),
                None => format!("{}：{} {}", m.name, amount(m.value), m.unit),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    single(c, "主要指标", metrics);
    single(
        c,
        "合作单位",
        if p.partners.is_empty() {
            "无".to_string()
        } else {
            p.partners.join("、")
        },
    );
    single(c, "推荐单位", recommender_label(input));
    single(c, "项目简介", p.summary.clone());
}

fn narrative(c: &mut Composer, input: &FormInput) {
    let n = &input.declaration.narrative;
    c.heading("三、项目详细内容", size::SI_HAO, Align::Left);
    let mut sections = vec![
        ("（一）项目背景与必要性", n.background.as_str()),
        ("（二）建设内容、技术方案与运营模式", n.content.as_str()),
        ("（三）创新点", n.innovation.as_str()),
        ("（四）应用成效", n.results.as_str()),
        ("（五）推广价值与可复制经验", n.replicability.as_str()),
    ];
    if let Some(safeguards) = n.safeguards.as_deref() {
        sections.push(("（六）保障措施", safeguards));
    }
    for (title, text) in sections {
        c.heading(title, size::XIAO_SI, Align::Left);
        c.paragraph(text, size::XIAO_SI);
        c.space(6.0);
    }
}

fn commitment(c: &mut Composer, input: &FormInput) {
    let d = input.declaration;
    c.ensure(300.0);
    c.heading("四、真实性承诺", size::SI_HAO, Align::Left);
    c.paragraph(
        &format!(
            "本单位郑重承诺：本申报书所填内容及所附材料真实、准确、完整，纸质版与网上提交的电子版一致。本单位积极履行社会责任，切实保障消费者合法权益，积极维护公共利益。如有虚假，本单位愿承担由此产生的一切后果，并接受撤销示范项目称号等处理。\n申报单位：{}",
            d.applicant.name
        ),
        size::XIAO_SI,
    );
    c.space(24.0);
    signature_block(
        c,
        "法定代表人（签字）：",
        d.commitments.date.as_deref(),
        "申报单位（盖章）",
        0.0,
    );
}

/// Signature line, seal box and date line, right-aligned.
fn signature_block(
    c: &mut Composer,
    signer: &str,
    date: Option<&str>,
    seal_label: &str,
    inset: f32,
) {
    let s = size::XIAO_SI;
    let seal = 100.0;
    c.ensure(seal + 60.0);
    let top = c.y();
    let left = LEFT + inset;
    let x_seal = LEFT + CONTENT_WIDTH - seal - 20.0;
    c.seal_box(x_seal, top, seal, seal_label);
    if !signer.is_empty() {
        c.text_at(left, top + 30.0, s, Typeface::Body, signer);
        let x = left + shenbao_pdf::layout::text_width(signer, s, Typeface::Body);
        c.draw(Draw::Line {
            x1: x,
            y1: top + 34.0,
            x2: x + 110.0,
            y2: top + 34.0,
            width: 0.6,
        });
    }
    let date_text = match date {
        Some(d) => format!("日期：{}", chinese_date(d)),
        None => "日期：        年      月      日".to_string(),
    };
    c.text_at(left, top + 70.0, s, Typeface::Body, &date_text);
    c.set_y(top + seal + 20.0);
}

fn recommendation(c: &mut Composer, input: &FormInput) {
    let r = &input.declaration.recommender;
    c.heading("五、推荐单位意见", size::SI_HAO, Align::Left);
    let s = size::XIAO_SI;
    c.paragraph(&format!("推荐单位：{}", recommender_label(input)), s);
    if let Some(department) = &r.department {
        c.paragraph(&format!("主管部门：{department}"), s);
    }
    c.space(6.0);
    let top = c.y();
    c.boxed(
        300.0,
        "推荐意见（是否同意推荐、对申报材料真实性的审核意见）：",
        s,
    );
    let after = c.y();
    c.set_y(top + 170.0);
    signature_block(c, "", None, "推荐单位（盖章）", 24.0);
    c.set_y(after);
}

fn attachment_list(c: &mut Composer, input: &FormInput) {
    let d = input.declaration;
    c.heading("六、附件清单", size::SI_HAO, Align::Left);
    let s = size::XIAO_WU;
    let mut rows = Vec::new();
    for (i, (attachment, digest)) in d
        .attachments
        .iter()
        .zip(input.attachment_digests)
        .enumerate()
    {
        let kind = match attachment.kind.as_str() {
            "business_licence" => "营业执照",
            "financial_statement" => "财务报表",
            "ip_certificate" => "知识产权",
            "qualification" => "资质许可",
            "evidence" => "成效佐证",
            "award" => "获奖证明",
            _ => "其他",
        };
        rows.push(vec![
            (i + 1).to_string(),
            attachment
                .title
                .clone()
                .unwrap_or_else(|| attachment.path.clone()),
            kind.to_string(),
            attachment.path.clone(),
            hex(&digest[..8]),
        ]);
    }
    const COLUMNS: [Column; 5] = [
        Column::centred(&["序号"]),
        Column::text(&["附件名称"]),
        Column::centred(&["类型"]),
        Column::text(&["文件"]),
        Column::whole(&["SHA-256", "（前16位）"]),
    ];
    let widths = column_widths(&COLUMNS, &rows, s, c.width());
    c.table(&COLUMNS, &rows, &widths, s);
}
