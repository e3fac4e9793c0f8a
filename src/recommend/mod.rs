//! What a recommending office sends to MIIT. The office picks the dossiers it
//! forwards; the selection is checked (each dossier verifies; quotas, routes
//! and duplicates across them; whether this office may forward directly; the
//! letter's date), and the bundle holds the 推荐意见函, the 汇总表 and the
//! forwarded dossiers' digests, signed with the office's key. `verify` checks
//! a bundle and every dossier it names (verify.rs).

pub mod bundle;
pub mod diags;
pub mod letter;
pub mod verify;

use crate::call::{CallProfile, RecommenderKind};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Text};
use crate::intake::{self, Arrival};

/// Findings about the office and its letter, not about one dossier.
pub fn check_office(office: &str, profile: &CallProfile, letter_date: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(city) = profile.demonstration_city(office) {
        // A city that is also a provincial body or a 计划单列市 files directly.
        let direct_body = profile
            .kind_of_name(office)
            .is_some_and(|kind| kind != RecommenderKind::DemonstrationCity);
        if !profile.files_directly(city) && !direct_body {
            out.push(
                Diagnostic::new(
                    diags::OFFICE_CANNOT_FORWARD.code,
                    Text::new(
                        format!("{office}的额外推荐项目须经{}统一上报", city.province),
                        format!(
                            "{office}'s extra projects are forwarded by {}, not directly",
                            city.province
                        ),
                    ),
                )
                .help(Text::new(
                    format!("把材料包交给{}，由其在推荐材料包中一并上报", city.province),
                    format!(
                        "hand the dossiers to {}, which forwards them in its bundle",
                        city.province
                    ),
                )),
            );
        }
    }
    let (deadline, _) = profile.deadline();
    if letter_date > deadline {
        out.push(
            Diagnostic::new(
                diags::LETTER_AFTER_DEADLINE.code,
                Text::new(
                    format!("推荐意见函日期 {letter_date} 晚于截止日期 {deadline}"),
                    format!("the letter is dated {letter_date}, after the deadline {deadline}"),
                ),
            )
            .help(Text::new(
                "用 --date 写明实际发函日期；逾期报送请先与工业和信息化部联系",
                "give the real date with --date; for a late submission, ask MIIT first",
            )),
        );
    }
    out
}

/// Every check of a selection: across the dossiers (onto each dossier) and of
/// the office (returned).
pub fn check_selection(
    arrivals: &mut [Arrival],
    profile: &CallProfile,
    office: &str,
    letter_date: Date,
) -> Vec<Diagnostic> {
    intake::cross_check(arrivals, profile, Some(office));
    check_office(office, profile, letter_date)
}

/// The letter's order: the office's own projects first, then each
/// demonstration city's extra ones; by category and name within.
pub fn rank(arrivals: &mut [Arrival], office: &str) {
    arrivals.sort_by(|a, b| {
        (a.recommender != office)
            .cmp(&(b.recommender != office))
            .then_with(|| a.recommender.cmp(&b.recommender))
            .then_with(|| a.category.cmp(&b.category))
            .then_with(|| a.project.cmp(&b.project))
    });
}

/// The file name a dossier travels under, as the bundle lists it.
pub fn file_name(arrival: &Arrival) -> String {
    arrival
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `<sha256>  <file name>` per forwarded dossier, in the letter's order: what
/// `sha256sum -c` reads in the folder where the dossiers are.
pub fn forwarded_list(arrivals: &[Arrival]) -> String {
    arrivals
        .iter()
        .map(|a| format!("{}  {}\n", a.digest, file_name(a)))
        .collect()
}

/// The bundle's id and top folder: `shenbao-recommendation-<office>-<date>`.
pub fn bundle_id(office: &str, date: Date) -> String {
    format!(
        "shenbao-recommendation-{office}-{}",
        date.to_string().replace('-', "")
    )
}

/// Who forwards a dossier, as the letter says it: this office, or a
/// demonstration city through it.
pub fn channel(arrival: &Arrival, office: &str) -> String {
    if arrival.recommender == office {
        "本单位推荐".to_string()
    } else {
        format!("{}额外推荐", arrival.recommender)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::code::letter_code;

    #[test]
    fn a_demonstration_city_outside_the_direct_ones_cannot_forward() {
        let profile = CallProfile::embedded();
        let in_time = Date::parse("2021-03-30").unwrap();
        let codes = |office: &str, date: Date| -> Vec<&'static str> {
            check_office(office, profile, date)
                .iter()
                .map(|d| d.code)
                .collect()
        };
        assert_eq!(codes("合肥市", in_time), vec!["I006"]);
        assert!(codes("安徽省", in_time).is_empty());
        assert!(codes("宁波市", in_time).is_empty());
        assert_eq!(
            codes("安徽省", Date::parse("2021-04-01").unwrap()),
            vec!["I007"]
        );
        assert!(codes("安徽省", Date::parse("2021-03-31").unwrap()).is_empty());
    }

    #[test]
    fn the_letter_code_depends_on_list_office_and_signer() {
        let a = letter_code("江苏省", "ab  x.zip\n", "K1").short();
        assert_ne!(a, letter_code("江苏省", "ab  y.zip\n", "K1").short());
        assert_ne!(a, letter_code("浙江省", "ab  x.zip\n", "K1").short());
        assert_ne!(a, letter_code("江苏省", "ab  x.zip\n", "K2").short());
        assert_eq!(a, letter_code("江苏省", "ab  x.zip\n", "K1").short());
    }
}
