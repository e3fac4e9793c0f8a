//! A recommending office's work on the dossiers that reach it: [`intake`]
//! verifies them and checks them against each other (quotas, routes,
//! duplicates) into the 汇总表; [`recommend`] checks the office's selection and
//! writes the signed bundle with the 推荐意见函 for MIIT.
//!
//! ```
//! use shenbao_check::date::Date;
//! use shenbao_office::recommend;
//!
//! // Names travel as file names inside the bundle: they must be portable.
//! assert!(recommend::unportable_name("江苏省").is_none());
//! let why = recommend::unportable_name("江苏省:工信厅").unwrap();
//! assert!(why.en.contains(':'));
//!
//! let date = Date::parse("2021-03-29").unwrap();
//! assert!(recommend::bundle_id("江苏省", date).contains("20210329"));
//! ```

pub mod intake;
pub mod recommend;
