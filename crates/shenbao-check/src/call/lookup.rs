//! Questions rules ask the profile: is this a known recommending body of that
//! kind, which area does it cover, what is its quota.

use super::{CallProfile, DemoCity, Provincial};

/// `recommender.kind` as the declaration writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecommenderKind {
    Province,
    AutonomousRegion,
    Municipality,
    SeparatelyPlannedCity,
    Xpcc,
    CentralEnterprise,
    DemonstrationCity,
}

impl RecommenderKind {
    pub fn parse(text: &str) -> Option<RecommenderKind> {
        Some(match text {
            "province" => RecommenderKind::Province,
            "autonomous_region" => RecommenderKind::AutonomousRegion,
            "municipality" => RecommenderKind::Municipality,
            "separately_planned_city" => RecommenderKind::SeparatelyPlannedCity,
            "xpcc" => RecommenderKind::Xpcc,
            "central_enterprise" => RecommenderKind::CentralEnterprise,
            "demonstration_city" => RecommenderKind::DemonstrationCity,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RecommenderKind::Province => "province",
            RecommenderKind::AutonomousRegion => "autonomous_region",
            RecommenderKind::Municipality => "municipality",
            RecommenderKind::SeparatelyPlannedCity => "separately_planned_city",
            RecommenderKind::Xpcc => "xpcc",
            RecommenderKind::CentralEnterprise => "central_enterprise",
            RecommenderKind::DemonstrationCity => "demonstration_city",
        }
    }

    /// The Chinese name of the kind.
    pub fn zh(self) -> &'static str {
        match self {
            RecommenderKind::Province => "省",
            RecommenderKind::AutonomousRegion => "自治区",
            RecommenderKind::Municipality => "直辖市",
            RecommenderKind::SeparatelyPlannedCity => "计划单列市",
            RecommenderKind::Xpcc => "新疆生产建设兵团",
            RecommenderKind::CentralEnterprise => "中央企业",
            RecommenderKind::DemonstrationCity => "信息消费示范城市",
        }
    }

    /// The kind the profile's provincial list uses for the three provincial kinds.
    fn provincial_kind(self) -> Option<&'static str> {
        match self {
            RecommenderKind::Province => Some("province"),
            RecommenderKind::AutonomousRegion => Some("autonomous_region"),
            RecommenderKind::Municipality => Some("municipality"),
            _ => None,
        }
    }
}

/// The area whose registrations a recommending body covers, as region-code
/// prefixes (USCC positions 3–8).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegionScope {
    /// Any mainland registration (central enterprises).
    Nationwide,
    /// Codes starting with one of these prefixes.
    Prefixes(Vec<String>),
}

impl RegionScope {
    pub fn contains(&self, region_code6: &str) -> bool {
        match self {
            RegionScope::Nationwide => true,
            RegionScope::Prefixes(prefixes) => prefixes
                .iter()
                .any(|p| region_code6.starts_with(p.as_str())),
        }
    }
}

/// A city's code6 → the prefix covering its districts (`330200` → `3302`).
fn city_prefix(code6: &str) -> String {
    code6.trim_end_matches("00").chars().take(4).collect()
}

impl CallProfile {
    pub fn provincial(&self, name: &str) -> Option<&Provincial> {
        self.regions.provincial.iter().find(|p| p.name == name)
    }

    pub fn provincial_by_code2(&self, code2: &str) -> Option<&Provincial> {
        self.regions.provincial.iter().find(|p| p.code2 == code2)
    }

    pub fn demonstration_city(&self, name: &str) -> Option<&DemoCity> {
        self.demonstration_cities
            .list
            .iter()
            .find(|c| c.name == name)
    }

    pub fn is_xpcc(&self, name: &str) -> bool {
        self.regions.xpcc.name == name || self.regions.xpcc.aliases.iter().any(|a| a == name)
    }

    pub fn central_enterprise(&self, name: &str) -> bool {
        self.central_enterprises
            .list
            .iter()
            .any(|e| e.name == name || (!e.short.is_empty() && e.short == name))
    }

    /// Is `name` a known body of `kind`? `None` when the profile's list for that
    /// kind is incomplete and the name is not on it (cannot tell).
    pub fn knows_recommender(&self, kind: RecommenderKind, name: &str) -> Option<bool> {
        match kind {
            RecommenderKind::Province
            | RecommenderKind::AutonomousRegion
            | RecommenderKind::Municipality => Some(
                self.provincial(name)
                    .is_some_and(|p| Some(p.kind.as_str()) == kind.provincial_kind()),
            ),
            RecommenderKind::SeparatelyPlannedCity => Some(
                self.regions
                    .separately_planned_cities
                    .iter()
                    .any(|c| c.name == name),
            ),
            RecommenderKind::Xpcc => Some(self.is_xpcc(name)),
            RecommenderKind::CentralEnterprise => match self.central_enterprise(name) {
                true => Some(true),
                false if self.central_enterprises.complete => Some(false),
                false => None,
            },
            RecommenderKind::DemonstrationCity => match self.demonstration_city(name) {
                Some(_) => Some(true),
                None if self.demonstration_cities.complete => Some(false),
                None => None,
            },
        }
    }

    /// Which kind a name actually is, for "did you mean kind X" help.
    pub fn kind_of_name(&self, name: &str) -> Option<RecommenderKind> {
        if let Some(p) = self.provincial(name) {
            return RecommenderKind::parse(&p.kind);
        }
        if self
            .regions
            .separately_planned_cities
            .iter()
            .any(|c| c.name == name)
        {
            return Some(RecommenderKind::SeparatelyPlannedCity);
        }
        if self.is_xpcc(name) {
            return Some(RecommenderKind::Xpcc);
        }
        if self.central_enterprise(name) {
            return Some(RecommenderKind::CentralEnterprise);
        }
        if self.demonstration_city(name).is_some() {
            return Some(RecommenderKind::DemonstrationCity);
        }
        None
    }

    /// The area a recommending body covers, when the profile knows it.
    pub fn scope_of(&self, kind: RecommenderKind, name: &str) -> Option<RegionScope> {
        match kind {
            RecommenderKind::CentralEnterprise => Some(RegionScope::Nationwide),
            RecommenderKind::Province
            | RecommenderKind::AutonomousRegion
            | RecommenderKind::Municipality => self
                .provincial(name)
                .map(|p| RegionScope::Prefixes(vec![p.code2.clone()])),
            RecommenderKind::SeparatelyPlannedCity => self
                .regions
                .separately_planned_cities
                .iter()
                .find(|c| c.name == name)
                .map(|c| RegionScope::Prefixes(vec![city_prefix(&c.code6)])),
            // Corps entities register under Xinjiang's codes, not only its
            // cities' (docs/sources/regions.yaml): the two-digit prefix is what can be checked.
            RecommenderKind::Xpcc => {
                let mut prefixes: Vec<String> = self
                    .regions
                    .xpcc
                    .region_code6
                    .iter()
                    .map(|c| c[..2].to_string())
                    .collect();
                prefixes.dedup();
                Some(RegionScope::Prefixes(prefixes))
            }
            RecommenderKind::DemonstrationCity => self
                .demonstration_city(name)
                .map(|c| RegionScope::Prefixes(vec![city_prefix(&c.code6)])),
        }
    }

    /// The quota of one recommending body of `kind` (for a demonstration city,
    /// its extra projects).
    pub fn quota(&self, kind: RecommenderKind) -> u32 {
        let q = &self.quotas;
        match kind {
            RecommenderKind::Province => q.province,
            RecommenderKind::AutonomousRegion => q.autonomous_region,
            RecommenderKind::Municipality => q.municipality,
            RecommenderKind::SeparatelyPlannedCity => q.separately_planned_city,
            RecommenderKind::Xpcc => q.xpcc,
            RecommenderKind::CentralEnterprise => q.central_enterprise,
            RecommenderKind::DemonstrationCity => q.demonstration_city_extra,
        }
    }

    /// The name a recommending body is counted under: a central enterprise's
    /// short name and the XPCC's aliases become the full name, so one body's
    /// dossiers share one quota however they write it.
    pub fn canonical_name(&self, name: &str) -> String {
        let name = name.trim();
        if let Some(e) = self
            .central_enterprises
            .list
            .iter()
            .find(|e| !e.short.is_empty() && e.short == name)
        {
            return e.name.clone();
        }
        if self.regions.xpcc.aliases.iter().any(|a| a == name) {
            return self.regions.xpcc.name.clone();
        }
        name.to_string()
    }

    /// May a demonstration city's extra project travel through `office` (R4)?
    /// A listed city goes through its own province unless it files directly;
    /// for a city the profile does not list, the applicant's registration
    /// (region code, USCC positions 3–8) must lie in the office's province.
    pub fn routes_through(&self, city: &str, office: &str, applicant_region6: &str) -> bool {
        match self.demonstration_city(city) {
            Some(listed) => !self.files_directly(listed) && listed.province == office,
            None => self.provincial(office).is_some_and(|p| {
                !applicant_region6.is_empty() && applicant_region6.starts_with(p.code2.as_str())
            }),
        }
    }

    /// Does a demonstration city file directly (a municipality or a 计划单列市)
    /// rather than through its province?
    pub fn files_directly(&self, city: &DemoCity) -> bool {
        self.provincial(&city.name)
            .is_some_and(|p| p.kind == "municipality")
            || self
                .regions
                .separately_planned_cities
                .iter()
                .any(|c| c.name == city.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_kinds() {
        let p = CallProfile::embedded();
        assert_eq!(
            p.kind_of_name("宁波市"),
            Some(RecommenderKind::SeparatelyPlannedCity)
        );
        assert_eq!(p.kind_of_name("浙江省"), Some(RecommenderKind::Province));
        assert_eq!(
            p.kind_of_name("北京市"),
            Some(RecommenderKind::Municipality)
        );
        let ningbo = p
            .scope_of(RecommenderKind::SeparatelyPlannedCity, "宁波市")
            .unwrap();
        assert!(ningbo.contains("330212") && !ningbo.contains("330106"));
        let zhejiang = p.scope_of(RecommenderKind::Province, "浙江省").unwrap();
        assert!(zhejiang.contains("330106"));
        assert_eq!(
            p.knows_recommender(RecommenderKind::Province, "宁波市"),
            Some(false)
        );
        assert_eq!(
            p.knows_recommender(RecommenderKind::DemonstrationCity, "合肥市"),
            Some(true)
        );
        assert_eq!(p.quota(RecommenderKind::CentralEnterprise), 5);
        assert_eq!(city_prefix("440300"), "4403");
    }
}
