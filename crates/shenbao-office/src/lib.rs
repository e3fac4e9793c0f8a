//! A recommending office's work on the dossiers that reach it: [`intake`]
//! verifies them and checks them against each other (quotas, routes,
//! duplicates) into the 汇总表; [`recommend`] checks the office's selection and
//! writes the signed bundle with the 推荐意见函 for MIIT.

pub mod intake;
pub mod recommend;
