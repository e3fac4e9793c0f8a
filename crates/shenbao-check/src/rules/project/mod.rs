//! Project requirements (R2): narrative sections substantive, figures and
//! dates consistent, the project running when it applies.

pub mod diags;

use super::Context;
use crate::date::Date;
use shenbao_diagnostic::{Diagnostic, Text};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    check_narrative(cx, out);
    check_investment(cx, out);
    check_dates(cx, out);
    check_staff(cx, out);
    check_magnitudes(cx, out);
}

fn section_name(key: &str) -> (&'static str, &'static str) {
    match key {
        "background" => ("项目背景与必要性", "background"),
        "content" => ("建设内容", "content"),
        "innovation" => ("创新点", "innovation"),
        "results" => ("应用成效", "results"),
        "replicability" => ("推广价值", "replicability"),
        "safeguards" => ("保障措施", "safeguards"),
        _ => ("", ""),
    }
}

fn check_narrative(cx: &Context, out: &mut Vec<Diagnostic>) {
    let min = cx.profile.narrative.min_chars;
    for key in &cx.profile.narrative.required {
        let pointer = format!("/narrative/{key}");
        let Some(text) = cx.get(&pointer).and_then(serde_json::Value::as_str) else {
            continue; // missing: the schema reports it
        };
        // Stop counting at the minimum: the exact count is only needed for
        // the message about a section that is too short.
        if non_whitespace_chars(text).take(min).count() >= min {
            continue;
        }
        let chars = non_whitespace_chars(text).count();
        let (zh, en) = section_name(key);
        out.push(
            Diagnostic::new(
                &diags::THIN_SECTION,
                Text::new(
                    format!("“{zh}”只有 {chars} 个字，至少需要 {min} 字"),
                    format!("the {en} section has {chars} characters; at least {min} are expected"),
                ),
            )
            .at(pointer)
            .help(Text::new(
                "写清具体做法、数据和成效",
                "describe concretely what was done, with figures and results",
            )),
        );
    }
}

fn non_whitespace_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_whitespace())
}

fn check_investment(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(total), Some(completed)) = (
        cx.number("/project/investment/total"),
        cx.number("/project/investment/completed"),
    ) else {
        return;
    };
    if completed > total {
        out.push(
            Diagnostic::new(
                &diags::INVESTMENT,
                Text::new(
                    format!("已完成投资 {completed} 万元大于总投资 {total} 万元"),
                    format!("completed investment {completed} (万元) exceeds the total {total}"),
                ),
            )
            .at("/project/investment/completed")
            .help(Text::new(
                "检查单位（万元）和两栏是否填反",
                "check the unit (万元) and whether the two figures were swapped",
            )),
        );
    }
}

fn check_dates(cx: &Context, out: &mut Vec<Diagnostic>) {
    // Each pair must be in order; the later field is the one flagged.
    const ORDER: &[(&str, &str, &str, &str, &str, &str)] = &[
        (
            "/applicant/established",
            "/project/start_date",
            "单位成立",
            "项目启动",
            "the applicant's founding",
            "the project start",
        ),
        (
            "/project/start_date",
            "/project/launch_date",
            "项目启动",
            "上线运营",
            "the project start",
            "the launch",
        ),
        (
            "/project/start_date",
            "/project/end_date",
            "项目启动",
            "计划完成",
            "the project start",
            "the planned completion",
        ),
        (
            "/project/start_date",
            "/submission/date",
            "项目启动",
            "申报",
            "the project start",
            "the submission",
        ),
        (
            "/applicant/established",
            "/submission/date",
            "单位成立",
            "申报",
            "the applicant's founding",
            "the submission",
        ),
    ];
    for (earlier, later, earlier_zh, later_zh, earlier_en, later_en) in ORDER {
        let (Some(a), Some(b)) = (cx.date(earlier), cx.date(later)) else {
            continue;
        };
        if b < a {
            out.push(
                Diagnostic::new(
                    &diags::DATE_ORDER,
                    Text::new(
                        format!("{later_zh}日期 {b} 早于{earlier_zh}日期 {a}"),
                        format!("{later_en} ({b}) is before {earlier_en} ({a})"),
                    ),
                )
                .at(*later)
                .help(Text::new("核对两个日期", "check both dates")),
            );
        }
    }
    let submitted: Option<Date> = cx.date("/submission/date");
    match (cx.date("/project/launch_date"), submitted) {
        (Some(launch), Some(submitted)) if launch > submitted => out.push(
            Diagnostic::new(
                &diags::NOT_IN_OPERATION,
                Text::new(
                    format!("上线时间 {launch} 晚于申报日期 {submitted}：申报时项目尚未运营"),
                    format!("launch {launch} is after submission {submitted}: the project was not running yet"),
                ),
            )
            .at("/project/launch_date")
            .help(Text::new(
                "已上线的项目请写实际上线日期；未上线的项目缺少应用成效，入选机会很小",
                "give the actual launch date; a project not yet running has no results to show",
            )),
        ),
        (None, Some(_)) if cx.get("/project/launch_date").is_none() => out.push(
            Diagnostic::new(
                &diags::NOT_IN_OPERATION,
                Text::new(
                    "未填写上线（投入运营）时间，看不出项目已经运营",
                    "no launch date: nothing shows the project is running",
                ),
            )
            .at_key("/project")
            .help(Text::new(
                "填写 project.launch_date（上线或投入运营的日期）",
                "fill in project.launch_date (when it went live)",
            )),
        ),
        _ => {}
    }
}

fn check_staff(cx: &Context, out: &mut Vec<Diagnostic>) {
    if let (Some(employees), Some(rd)) = (
        cx.number("/applicant/employees"),
        cx.number("/applicant/rd_staff"),
    ) {
        if rd > employees {
            out.push(
                Diagnostic::new(
                    &diags::STAFF,
                    Text::new(
                        format!("研发人员 {rd} 人多于员工总数 {employees} 人"),
                        format!("R&D staff ({rd}) outnumber all employees ({employees})"),
                    ),
                )
                .at("/applicant/rd_staff")
                .help(Text::new(
                    "研发人员包含在员工总数中",
                    "R&D staff are counted among the employees",
                )),
            );
        }
    }
}

/// Amounts in 万元 that only make sense as 元: above 10⁷ 万元 (100 billion
/// yuan), or at least 1000 times last year's revenue.
fn check_magnitudes(cx: &Context, out: &mut Vec<Diagnostic>) {
    const CEILING: f64 = 1.0e7;
    const TIMES_REVENUE: f64 = 1000.0;
    let revenue = cx.number("/applicant/finance/revenue").filter(|r| *r > 0.0);
    let amounts = [
        (
            "/applicant/registered_capital",
            "注册资本",
            "registered capital",
        ),
        (
            "/applicant/finance/revenue",
            "上年度营业收入",
            "last year's revenue",
        ),
        (
            "/applicant/finance/profit",
            "上年度利润总额",
            "last year's profit",
        ),
        (
            "/applicant/finance/rd_expense",
            "上年度研发投入",
            "last year's R&D spending",
        ),
        (
            "/project/investment/total",
            "项目总投资",
            "total investment",
        ),
        (
            "/project/investment/completed",
            "已完成投资",
            "completed investment",
        ),
    ];
    for (pointer, zh, en) in amounts {
        let Some(amount) = cx.number(pointer) else {
            continue;
        };
        let size = amount.abs();
        let against_revenue = revenue
            .filter(|_| pointer != "/applicant/finance/revenue")
            .filter(|r| size >= r * TIMES_REVENUE);
        if size <= CEILING && against_revenue.is_none() {
            continue;
        }
        let yi = amount / 10_000.0;
        let why = match against_revenue {
            Some(r) if size <= CEILING => Text::new(
                format!("，是上年度营业收入（{r} 万元）的 {:.0} 倍", size / r),
                format!(", {:.0} times last year's revenue ({r} 万元)", size / r),
            ),
            _ => Text::new("", ""),
        };
        out.push(
            Diagnostic::new(
                &diags::IMPLAUSIBLE_AMOUNT,
                Text::new(
                    format!(
                        "{zh}为 {amount} 万元（即 {yi} 亿元）{}：是否把元填成了万元？",
                        why.zh
                    ),
                    format!(
                        "{en} is {amount} 万元 ({yi} 亿元){}: 元 written where 万元 was meant?",
                        why.en
                    ),
                ),
            )
            .help(Text::new(
                format!(
                    "金额以万元为单位；如 {amount} 是以元计的数字，应填 {}",
                    amount / 10_000.0
                ),
                format!(
                    "amounts are in 万元; if {amount} is in 元, write {}",
                    amount / 10_000.0
                ),
            ))
            .at(pointer),
        );
    }
}
