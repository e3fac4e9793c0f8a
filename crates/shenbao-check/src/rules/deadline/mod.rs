//! Deadline and delivery (R6): the date, the recommender's internal deadline,
//! the paper channel, and whether the call is still open.

pub mod diags;

use super::Context;
use crate::date::Date;
use shenbao_diagnostic::{Diagnostic, Text};

const DATE: &str = "/submission/date";
const CHANNEL: &str = "/submission/channel";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (deadline, _) = cx.profile.deadline();
    if let Some(date) = cx.date(DATE) {
        if date > deadline {
            out.push(
                Diagnostic::new(
                    &diags::LATE,
                    Text::new(
                        format!("申报日期 {date} 晚于截止日期 {deadline}（北京时间）"),
                        format!("submission date {date} is after the deadline {deadline} (Beijing time)"),
                    ),
                )
                .at(DATE)
                .help(Text::new(
                    format!("纸质材料须在 {deadline} 前（含当日）寄出"),
                    format!("the paper copy must be sent on or before {deadline}"),
                )),
            );
        } else if let Some((limit, source)) = internal_deadline(cx) {
            if date > limit {
                let recommender = cx.str("/recommender/name").unwrap_or_default();
                out.push(
                    Diagnostic::new(
                        &diags::INTERNAL_DEADLINE,
                        Text::new(
                            format!("申报日期 {date} 晚于{recommender}规定的截止日期 {limit}"),
                            format!("submission date {date} is after {recommender}'s own deadline {limit}"),
                        ),
                    )
                    .at(DATE)
                    .help(Text::new(
                        format!("按推荐单位通知在 {limit} 前提交（来源：{source}）"),
                        format!("submit by {limit} as the recommending body requires (source: {source})"),
                    )),
                );
            }
        }
    }
    if let Some(channel) = cx.str(CHANNEL) {
        let channels = &cx.profile.paper_channels;
        if !channels.iter().any(|c| c.id == channel) {
            let allowed_zh: Vec<String> = channels
                .iter()
                .map(|c| format!("{}（{}）", c.id, c.name))
                .collect();
            let allowed_en: Vec<&str> = channels.iter().map(|c| c.id.as_str()).collect();
            out.push(
                Diagnostic::new(
                    &diags::CHANNEL,
                    Text::new(
                        format!("报送方式 `{channel}` 不被指南接受"),
                        format!("delivery channel `{channel}` is not accepted by the call"),
                    ),
                )
                .at(CHANNEL)
                .help(Text::new(
                    format!("可选：{}", allowed_zh.join("、")),
                    format!("accepted: {}", allowed_en.join(", ")),
                )),
            );
        }
    }
    if cx.as_of > deadline {
        out.push(
            Diagnostic::new(
                &diags::CLOSED,
                Text::new(
                    format!("截至 {}，申报已于 {deadline} 截止", cx.as_of),
                    format!("as of {}, the call closed on {deadline}", cx.as_of),
                ),
            )
            .at(DATE)
            .help(Text::new(
                "检查往年材料时可用 --as-of 指定日期，如 --as-of 2021-03-20",
                "when checking past material, give the date with --as-of, e.g. --as-of 2021-03-20",
            )),
        );
    }
}

/// The recommending body's own earlier deadline, if the profile knows one.
fn internal_deadline<'a>(cx: &'a Context) -> Option<(Date, &'a str)> {
    let name = cx.str("/recommender/name")?;
    let via = cx.str("/recommender/via");
    cx.profile
        .internal_deadlines
        .iter()
        .filter(|d| d.recommender == name || Some(d.recommender.as_str()) == via)
        .filter_map(|d| Some((Date::parse(&d.date)?, d.source.as_str())))
        .min()
}
