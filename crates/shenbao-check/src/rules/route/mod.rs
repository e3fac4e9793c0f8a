//! Recommendation route (R3, R4) and which call the declaration is for.

pub mod diags;

use super::Context;
use crate::call::{diags as call_diags, RecommenderKind, DEFAULT_CALL_ID};
use shenbao_diagnostic::{Diagnostic, Text};

const KIND: &str = "/recommender/kind";
const NAME: &str = "/recommender/name";
const VIA: &str = "/recommender/via";

/// The declaration's `call` must be the active profile's id.
pub fn check_call_id(cx: &Context, out: &mut Vec<Diagnostic>) {
    let declared = cx.str("/call").unwrap_or(DEFAULT_CALL_ID);
    if declared != cx.profile.id {
        out.push(
            Diagnostic::new(
                &call_diags::CALL_MISMATCH,
                Text::new(
                    format!("申报文件针对的是 `{declared}`，当前检查使用的是 `{}`（{}）", cx.profile.id, cx.profile.title),
                    format!("the declaration is for `{declared}` but is being checked against `{}` ({})", cx.profile.id, cx.profile.title),
                ),
            )
            .at("/call")
            .help(Text::new(
                format!("用 --call 指定 `{declared}` 的配置文件，或改正 call 字段"),
                format!("pass --call with the profile of `{declared}`, or correct the call field"),
            )),
        );
    }
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let (Some(kind), Some(name)) = (cx.str(KIND).and_then(RecommenderKind::parse), cx.str(NAME))
    else {
        return;
    };
    let name = name.trim();
    let profile = cx.profile;
    match profile.knows_recommender(kind, name) {
        Some(true) => {}
        Some(false) => {
            let help = match profile.kind_of_name(name) {
                Some(actual) => Text::new(
                    format!("{name}是{}：写 kind: {}", actual.zh(), actual.as_str()),
                    format!(
                        "{name} is a {}: write kind: {}",
                        actual.zh(),
                        actual.as_str()
                    ),
                ),
                None => Text::new(
                    format!(
                        "写推荐单位的规范全称（如“浙江省”“宁波市”“{}”）",
                        profile.regions.xpcc.name
                    ),
                    format!(
                        "write the body's full official name (e.g. 浙江省, 宁波市, {})",
                        profile.regions.xpcc.name
                    ),
                ),
            };
            out.push(
                Diagnostic::new(
                    &diags::UNKNOWN_RECOMMENDER,
                    Text::new(
                        format!("“{name}”不是已知的{}", kind.zh()),
                        format!("`{name}` is not a known {} ({})", kind.zh(), kind.as_str()),
                    ),
                )
                .at(NAME)
                .help(help),
            );
        }
        None => out.push(
            Diagnostic::new(
                &diags::UNLISTED_RECOMMENDER,
                Text::new(
                    format!(
                        "“{name}”不在 shenbao 已知的{}名单中（名单不完整）",
                        kind.zh()
                    ),
                    format!(
                        "`{name}` is not on shenbao's list of {} (the list is incomplete)",
                        kind.as_str()
                    ),
                ),
            )
            .at(NAME)
            .help(Text::new(
                format!("请确认{name}确属{}，名称与官方名单一致", kind.zh()),
                format!(
                    "confirm {name} is a {} and its name matches the official list",
                    kind.as_str()
                ),
            )),
        ),
    }
    check_via(cx, kind, name, out);
    check_area(cx, kind, name, out);
}

fn check_via(cx: &Context, kind: RecommenderKind, name: &str, out: &mut Vec<Diagnostic>) {
    let via = cx.str(VIA).map(str::trim);
    let city = match kind {
        RecommenderKind::DemonstrationCity => cx.profile.demonstration_city(name),
        _ => None,
    };
    match (city, via) {
        (Some(city), via)
            if !cx.profile.files_directly(city) && via != Some(city.province.as_str()) =>
        {
            let (zh, en) = match via {
                None => (
                    format!(
                        "{name}的额外推荐项目须经{}统一上报，未写 `via`",
                        city.province
                    ),
                    format!(
                        "{name}'s extra project must go through {}; `via` is missing",
                        city.province
                    ),
                ),
                Some(other) => (
                    format!("{name}属于{}，`via` 却写的是“{other}”", city.province),
                    format!(
                        "{name} belongs to {}, but `via` says `{other}`",
                        city.province
                    ),
                ),
            };
            let d = Diagnostic::new(&diags::DEMO_CITY_ROUTE, Text::new(zh, en)).help(Text::new(
                format!("写 via: {}", city.province),
                format!("write via: {}", city.province),
            ));
            // Point at the wrong `via`, or at `recommender:` when it is missing.
            out.push(if via.is_some() {
                d.at(VIA)
            } else {
                d.at_key("/recommender")
            });
        }
        (Some(city), _) if !cx.profile.files_directly(city) => {}
        (_, Some(via_name)) if kind != RecommenderKind::DemonstrationCity || city.is_some() => {
            out.push(
                Diagnostic::new(
                    &diags::NEEDLESS_VIA,
                    Text::new(
                        format!("{name}直接向工业和信息化部报送，不需要 via: {via_name}"),
                        format!("{name} files directly with MIIT; via: {via_name} is not needed"),
                    ),
                )
                .at(VIA)
                .help(Text::new(
                    "删去 via，或检查推荐单位类别",
                    "remove via, or check the recommender kind",
                )),
            );
        }
        _ => {}
    }
}

fn check_area(cx: &Context, kind: RecommenderKind, name: &str, out: &mut Vec<Diagnostic>) {
    let Some(code) = cx.str("/applicant/credit_code") else {
        return;
    };
    let region: String = code.chars().skip(2).take(6).collect();
    if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return; // eligibility reports malformed codes
    }
    if cx.profile.provincial_by_code2(&region[..2]).is_none() {
        return; // eligibility reports non-mainland and unknown regions
    }
    let Some(scope) = cx.profile.scope_of(kind, name) else {
        return;
    };
    if scope.contains(&region) {
        return;
    }
    let home = cx
        .profile
        .provincial_by_code2(&region[..2])
        .map(|p| p.name.as_str())
        .unwrap_or_default();
    out.push(
        Diagnostic::new(
            &diags::OUTSIDE_AREA,
            Text::new(
                format!("申报单位登记在 {region}（{home}），不在{name}辖区内"),
                format!("the applicant is registered in {region} ({home}), outside {name}'s area"),
            ),
        )
        .at("/applicant/credit_code")
        .help(Text::new(
            "通常由登记地的主管部门推荐；企业已迁址的请在单位简介中说明",
            "normally the home region recommends; if the company has moved, say so in its profile",
        )),
    );
}
