//! Category scoring on realistic project texts for all ten categories
//! (tests/fixtures/category_texts.yaml): each scores best on its own category
//! and draws no warning; texts filed in the wrong category are caught.

use serde_json::{json, Value};
use shenbao_check::call::CallProfile;
use shenbao_check::rules::{self, category::scoring, Context};
use shenbao_load::yaml;

/// What every rule sees, for `value` alone (no files) under the 2021 call.
fn context(value: &Value) -> Context<'_> {
    let profile = CallProfile::embedded();
    Context {
        value,
        profile,
        files: shenbao_check::rules::Files::None,
        as_of: profile.deadline().0,
    }
}

fn fixtures() -> Vec<Value> {
    let text = include_str!("fixtures/category_texts.yaml");
    let (value, _) = yaml::parse(text).expect("fixtures parse");
    value.as_array().expect("a list").clone()
}

fn declaration(entry: &Value) -> Value {
    json!({"project": {
        "name": entry["name"],
        "summary": entry["summary"],
        "keywords": entry["keywords"],
        "category": entry["category"],
    }})
}

fn category_codes(value: &Value) -> Vec<String> {
    let cx = context(value);
    let mut found = Vec::new();
    rules::category::check(&cx, &mut found);
    found.into_iter().map(|d| d.code.to_string()).collect()
}

fn best_of(value: &Value, declared: u32) -> u32 {
    let profile = CallProfile::embedded();
    let cx = context(value);
    let fits = scoring::all_fits(profile, &scoring::texts(&cx));
    scoring::best(&fits, declared).number
}

#[test]
fn every_category_is_covered_by_at_least_three_texts() {
    let entries = fixtures();
    for n in 1..=10u64 {
        let count = entries
            .iter()
            .filter(|e| e["category"] == n && e.get("tricky").is_none())
            .count();
        assert!(count >= 3, "category {n} has {count} texts");
    }
}

#[test]
fn correctly_filed_projects_score_best_on_their_category_and_draw_no_warning() {
    let mut misses = Vec::new();
    for entry in fixtures().iter().filter(|e| e.get("tricky").is_none()) {
        let declared = entry["category"].as_u64().unwrap() as u32;
        let value = declaration(entry);
        let best = best_of(&value, declared);
        let codes = category_codes(&value);
        if best != declared || !codes.is_empty() {
            misses.push(format!(
                "{} (cat {declared}): best {best}, {codes:?}",
                entry["name"]
            ));
        }
    }
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn misfiled_projects_are_pointed_to_the_right_category() {
    for entry in fixtures().iter().filter(|e| e.get("tricky").is_some()) {
        let declared = entry["declared"].as_u64().unwrap() as u32;
        let expected = entry["expected_best"].as_u64().unwrap() as u32;
        let value = declaration(entry);
        assert_eq!(best_of(&value, declared), expected, "{}", entry["name"]);
        let codes = category_codes(&value);
        assert!(
            codes.iter().any(|c| c == "C002" || c == "C001"),
            "{}: {codes:?}",
            entry["name"]
        );
    }
}

#[test]
fn scoring_is_deterministic_and_explained() {
    let entry = &fixtures()[0];
    let value = declaration(entry);
    let profile = CallProfile::embedded();
    let cx = context(&value);
    let texts = scoring::texts(&cx);
    let a = scoring::all_fits(profile, &texts);
    let b = scoring::all_fits(profile, &texts);
    assert_eq!(a, b);
    for fit in &a {
        let sum: u32 = fit.evidence.iter().map(|e| e.score).sum();
        assert_eq!(sum, fit.score, "the evidence adds up to the score");
    }
}

// ---- the severity policy (docs/category-fit.md) ------------------------------

/// The C-findings, with severities, for a whole declaration in plain words.
fn judged(name: &str, summary: &str, content: &str, category: u32) -> Vec<(String, String)> {
    let value = json!({
        "project": {"name": name, "summary": summary, "category": category},
        "narrative": {"content": content},
    });
    let cx = context(&value);
    let mut found = Vec::new();
    rules::category::check(&cx, &mut found);
    found
        .into_iter()
        .map(|d| {
            (
                d.code.to_string(),
                format!("{} {}", d.severity.as_str(), d.message.en),
            )
        })
        .collect()
}

#[test]
fn projects_in_their_own_words_are_never_blocked() {
    // The three projects the issue found blocked, described as applicants do.
    for (name, summary, content, category) in [
        (
            "农田受灾快速查勘服务",
            "利用卫星遥感和无人机为保险公司快速查勘农田受灾面积，一天内出具查勘报告，农户更快拿到理赔款。",
            "每年汛期，保险公司要派人到田里逐块丈量受灾面积，耗时长、争议多。我们把卫星影像和无人机航拍结合起来，自动圈出倒伏和淹水的地块，生成查勘报告供保险公司定损。",
            6,
        ),
        (
            "听障司机接单助手",
            "网约车平台为听力障碍司机提供语音转文字接单工具，乘客的语音留言实时变成文字，司机点按即可回复。",
            "全国有数万名听障司机靠网约车谋生，但接单时听不到乘客电话。我们与平台合作开发了语音转文字和快捷回复功能，并为司机开设手语客服。",
            4,
        ),
        (
            "城市交通运行一张图",
            "全市公交、地铁和共享单车数据汇入一张交通运行图，交警据此调整信号灯配时，高峰拥堵时长明显缩短。",
            "过去各部门的数据各管各的。项目把公交到站、地铁客流、共享单车停放和路口流量汇总到一张图上，交警指挥中心据此动态调整主要路口的信号灯配时。",
            9,
        ),
    ] {
        let found = judged(name, summary, content, category);
        assert!(
            found.iter().all(|(_, text)| !text.starts_with("error")),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn a_missing_venue_is_an_error_only_when_the_text_says_so_and_then_quoted() {
    let summary = "面向社区居民提供智能家居产品的展示、试用和线上预约服务。";
    // The venue not shown: a warning.
    let found = judged("社区智能生活馆", summary, "居民可在小程序预约。", 10);
    assert!(
        found.iter().all(|(_, text)| !text.starts_with("error")),
        "{found:?}"
    );
    // Said outright: an error that quotes the sentence.
    let found = judged(
        "社区智能生活服务",
        summary,
        "本项目纯线上运营，不设实体场馆，用户在小程序下单。",
        10,
    );
    let c003: Vec<_> = found.iter().filter(|(code, _)| code == "C003").collect();
    assert_eq!(c003.len(), 1, "{found:?}");
    assert!(c003[0].1.starts_with("error"), "{found:?}");
    assert!(c003[0].1.contains("本项目纯线上运营"), "{found:?}");
}

#[test]
fn a_negated_phrase_does_not_count() {
    let profile = CallProfile::embedded();
    let score = |text: &str| {
        let value = json!({"project": {"name": text, "category": 5}});
        let cx = context(&value);
        scoring::score(profile, &scoring::texts(&cx)).of(5)
    };
    assert!(score("直播电商带货平台") > 0);
    assert_eq!(score("本项目不是直播电商带货平台"), 0);
    assert_eq!(score("并非一个直播电商平台"), 0);
    // The reach is ten characters, the negation's own included, however
    // many bytes they take (𠀀 takes four).
    let rare = |n: usize| format!("不是{}直播电商", "𠀀".repeat(n));
    assert_eq!(score(&rare(8)), 0);
    assert!(score(&rare(9)) > 0);
    assert_eq!(score(&format!("不是{}直播电商", "之".repeat(8))), 0);
    assert!(score(&format!("不是{}直播电商", "之".repeat(9))) > 0);
}

#[test]
fn the_concept_a_name_ends_in_counts_once_more() {
    let profile = CallProfile::embedded();
    let fits = |name: &str, summary: Option<&str>| {
        let mut value = json!({"project": {"name": name, "category": 10}});
        if let Some(summary) = summary {
            value["project"]["summary"] = json!(summary);
        }
        let cx = context(&value);
        scoring::all_fits(profile, &scoring::texts(&cx))
    };
    let of = |fits: &[scoring::Fit], n: u32| fits.iter().find(|f| f.number == n).unwrap().clone();
    // The same two concepts, in either order: the one the name ends in wins.
    let hall = fits("春熙路电竞主题体验馆项目", None);
    let games = fits("春熙路体验馆电竞赛事项目", None);
    assert!(of(&hall, 10).score > of(&hall, 1).score, "{hall:?}");
    assert!(of(&games, 1).score > of(&games, 10).score, "{games:?}");
    // Only the head is marked, and its points hold the extra weight: the
    // evidence still adds up to the score.
    for fit in [of(&hall, 10), of(&hall, 1)] {
        let heads: Vec<_> = fit.evidence.iter().filter(|e| e.head).collect();
        assert_eq!(heads.len(), usize::from(fit.number == 10), "{fit:?}");
        assert_eq!(fit.evidence.iter().map(|e| e.score).sum::<u32>(), fit.score);
    }
    let venue = &of(&hall, 10).evidence[0];
    assert!(venue.head && venue.phrases == ["体验馆"], "{venue:?}");
    // The name counts 3 times a concept's weight, its head 3 + 1.
    assert_eq!(of(&hall, 10).score * 3, of(&games, 10).score * 4);
    // Words only in the summary make no head.
    let summary_only = fits("某公司项目", Some("建设电竞主题体验馆"));
    assert!(summary_only
        .iter()
        .all(|f| f.evidence.iter().all(|e| !e.head)));
}
