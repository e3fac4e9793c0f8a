//! `shenbao call show|schema`: the call profile in use.

use super::{load_profile, write_stdout, Context, Failure, Outcome};
use crate::cli::CallCommand;
use shenbao_check::call::{CallProfile, EMBEDDED_2021, PROFILE_SCHEMA};
use std::fmt::Write as _;

pub fn run(command: &CallCommand, context: Context) -> Outcome {
    match command {
        CallCommand::Schema => write_stdout(PROFILE_SCHEMA),
        CallCommand::Show { profile, raw } => {
            let loaded = load_profile(profile)?;
            if *raw {
                return match &profile.call {
                    None => write_stdout(EMBEDDED_2021),
                    // It loaded above: a regular file of at most MAX_FILE_BYTES.
                    Some(path) => {
                        let shown = shenbao_diagnostic::shown_path(path);
                        let (mut file, _) = shenbao_load::open_regular(path).map_err(|e| {
                            Failure::cannot_run(shenbao_load::open_error(&shown, &e))
                        })?;
                        let mut text = String::new();
                        std::io::Read::read_to_string(&mut file, &mut text).map_err(|e| {
                            Failure::cannot_run(shenbao_load::file_error(&shown, &e))
                        })?;
                        write_stdout(&text)
                    }
                };
            }
            write_stdout(&summary(&loaded, context))
        }
    }
}

/// A readable summary of a profile.
pub fn summary(p: &CallProfile, cx: Context) -> String {
    let mut out = String::new();
    let t = |zh: &'static str, en: &'static str| cx.t(zh, en);
    let _ = writeln!(out, "{} ({})", p.title, p.id);
    let _ = writeln!(out, "{} {} {}", p.issuer, p.notice, p.issued);
    let _ = writeln!(
        out,
        "{} {} (UTC{}, {})",
        t("截止日期：", "deadline:"),
        p.deadline.date,
        p.deadline.utc_offset,
        p.deadline.clause
    );
    for internal in &p.internal_deadlines {
        let _ = writeln!(
            out,
            "  {} {}: {}",
            t("内部截止", "internal deadline"),
            internal.recommender,
            internal.date
        );
    }
    let channels: Vec<String> = p
        .paper_channels
        .iter()
        .map(|c| format!("{} ({})", c.id, c.name))
        .collect();
    let _ = writeln!(
        out,
        "{} {}",
        t("报送方式：", "paper channels:"),
        channels.join(", ")
    );
    let _ = writeln!(
        out,
        "{} {} ({})",
        t("网上申报：", "online system:"),
        p.online_system.url,
        p.online_system.clause
    );
    let _ = writeln!(out, "\n{}", t("类别（方向）：", "categories (direction):"));
    for c in &p.categories {
        let direction = p
            .direction_of(c.number)
            .map(|d| d.name.as_str())
            .unwrap_or("");
        let summary = if cx.lang == shenbao_diagnostic::Lang::Zh {
            &c.summary
        } else {
            &c.summary_en
        };
        let _ = writeln!(
            out,
            "  {:>2}. {} [{}, {}, {} {}] {}",
            c.number,
            c.name,
            c.clause,
            c.facet,
            c.terms.len(),
            t("个特征词", "terms"),
            direction
        );
        let _ = writeln!(out, "      {summary}");
    }
    let q = &p.quotas;
    let _ = writeln!(
        out,
        "\n{} {}: province/autonomous_region/municipality {}/{}/{}, separately_planned_city {}, xpcc {}, central_enterprise {}, demonstration_city +{}",
        t("名额", "quotas"),
        q.clause,
        q.province,
        q.autonomous_region,
        q.municipality,
        q.separately_planned_city,
        q.xpcc,
        q.central_enterprise,
        q.demonstration_city_extra
    );
    let _ = writeln!(
        out,
        "{} {} + {} + {}",
        t("推荐单位：", "recommending bodies:"),
        p.regions.provincial.len(),
        p.regions.separately_planned_cities.len(),
        p.regions.xpcc.name
    );
    let completeness = |complete: bool| {
        if complete {
            t("完整", "complete")
        } else {
            t("不完整", "incomplete")
        }
    };
    let _ = writeln!(
        out,
        "{} {} ({}; {})",
        t("中央企业：", "central enterprises:"),
        p.central_enterprises.list.len(),
        completeness(p.central_enterprises.complete),
        p.central_enterprises.confidence
    );
    let _ = writeln!(
        out,
        "{} {} / {} ({})",
        t("信息消费示范城市：", "demonstration cities:"),
        p.demonstration_cities.list.len(),
        p.demonstration_cities.expected_count,
        completeness(p.demonstration_cities.complete)
    );
    let a = &p.attachments;
    let exts: Vec<&str> = a.extensions.iter().map(|e| e.ext.as_str()).collect();
    let _ = writeln!(
        out,
        "{} {} {}; {} MiB / {} MiB; {}",
        t("附件：", "attachments:"),
        t("必需", "required"),
        a.required_kinds.join(", "),
        a.max_file_mib,
        a.max_total_mib,
        exts.join(", ")
    );
    out
}
