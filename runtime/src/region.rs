//! Genesys Cloud regions and the API and login hosts of each.

use std::fmt;
use std::str::FromStr;

/// A Genesys Cloud region: where an organization lives, which decides the hosts to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Region {
    /// `us-east-1`: `mypurecloud.com`.
    UsEast1,
    /// `eu-west-1`: `mypurecloud.ie`.
    EuWest1,
    /// `ap-southeast-2`: `mypurecloud.com.au`.
    ApSoutheast2,
    /// `ap-northeast-1`: `mypurecloud.jp`.
    ApNortheast1,
    /// `eu-central-1`: `mypurecloud.de`.
    EuCentral1,
    /// `us-west-2`: `usw2.pure.cloud`.
    UsWest2,
    /// `ca-central-1`: `cac1.pure.cloud`.
    CaCentral1,
    /// `ap-northeast-2`: `apne2.pure.cloud`.
    ApNortheast2,
    /// `eu-west-2`: `euw2.pure.cloud`.
    EuWest2,
    /// `ap-south-1`: `aps1.pure.cloud`.
    ApSouth1,
    /// `us-east-2`: `use2.us-gov-pure.cloud`.
    UsEast2,
    /// `sa-east-1`: `sae1.pure.cloud`.
    SaEast1,
    /// `me-central-1`: `mec1.pure.cloud`.
    MeCentral1,
    /// `ap-northeast-3`: `apne3.pure.cloud`.
    ApNortheast3,
    /// `eu-central-2`: `euc2.pure.cloud`.
    EuCentral2,
    /// `mx-central-1`: `mxc1.pure.cloud`.
    MxCentral1,
    /// `ap-southeast-1`: `apse1.pure.cloud`.
    ApSoutheast1,
    /// `eusc-de-east-1`: `edee1.eusc-pure.cloud`.
    EuscDeEast1,
}

impl Region {
    /// Every region, in the order Genesys lists them.
    pub const ALL: &'static [Region] = &[
        Self::UsEast1,
        Self::EuWest1,
        Self::ApSoutheast2,
        Self::ApNortheast1,
        Self::EuCentral1,
        Self::UsWest2,
        Self::CaCentral1,
        Self::ApNortheast2,
        Self::EuWest2,
        Self::ApSouth1,
        Self::UsEast2,
        Self::SaEast1,
        Self::MeCentral1,
        Self::ApNortheast3,
        Self::EuCentral2,
        Self::MxCentral1,
        Self::ApSoutheast1,
        Self::EuscDeEast1,
    ];

    /// The region's name, such as `eu-west-1`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::UsEast1 => "us-east-1",
            Self::EuWest1 => "eu-west-1",
            Self::ApSoutheast2 => "ap-southeast-2",
            Self::ApNortheast1 => "ap-northeast-1",
            Self::EuCentral1 => "eu-central-1",
            Self::UsWest2 => "us-west-2",
            Self::CaCentral1 => "ca-central-1",
            Self::ApNortheast2 => "ap-northeast-2",
            Self::EuWest2 => "eu-west-2",
            Self::ApSouth1 => "ap-south-1",
            Self::UsEast2 => "us-east-2",
            Self::SaEast1 => "sa-east-1",
            Self::MeCentral1 => "me-central-1",
            Self::ApNortheast3 => "ap-northeast-3",
            Self::EuCentral2 => "eu-central-2",
            Self::MxCentral1 => "mx-central-1",
            Self::ApSoutheast1 => "ap-southeast-1",
            Self::EuscDeEast1 => "eusc-de-east-1",
        }
    }

    /// The region's base host, such as `mypurecloud.ie`.
    pub const fn host(self) -> &'static str {
        match self {
            Self::UsEast1 => "mypurecloud.com",
            Self::EuWest1 => "mypurecloud.ie",
            Self::ApSoutheast2 => "mypurecloud.com.au",
            Self::ApNortheast1 => "mypurecloud.jp",
            Self::EuCentral1 => "mypurecloud.de",
            Self::UsWest2 => "usw2.pure.cloud",
            Self::CaCentral1 => "cac1.pure.cloud",
            Self::ApNortheast2 => "apne2.pure.cloud",
            Self::EuWest2 => "euw2.pure.cloud",
            Self::ApSouth1 => "aps1.pure.cloud",
            Self::UsEast2 => "use2.us-gov-pure.cloud",
            Self::SaEast1 => "sae1.pure.cloud",
            Self::MeCentral1 => "mec1.pure.cloud",
            Self::ApNortheast3 => "apne3.pure.cloud",
            Self::EuCentral2 => "euc2.pure.cloud",
            Self::MxCentral1 => "mxc1.pure.cloud",
            Self::ApSoutheast1 => "apse1.pure.cloud",
            Self::EuscDeEast1 => "edee1.eusc-pure.cloud",
        }
    }

    /// The API base URL: `https://api.<host>`.
    pub fn api_base_url(self) -> String {
        format!("https://api.{}", self.host())
    }

    /// The login (OAuth) base URL: `https://login.<host>`.
    pub fn login_base_url(self) -> String {
        format!("https://login.{}", self.host())
    }

    /// The region whose host `host` is, as the Genesys Cloud CLI names regions:
    /// `mypurecloud.ie`; also one of the region's own hosts (`api.mypurecloud.ie`,
    /// `login.mypurecloud.ie`, `apps.mypurecloud.ie`), or its URL (`https://api.mypurecloud.ie/`).
    /// Letter case does not matter.
    pub fn from_host(host: &str) -> Option<Region> {
        let host = host.trim();
        let host = host
            .strip_prefix("https://")
            .or_else(|| host.strip_prefix("http://"))
            .unwrap_or(host);
        let host = host.strip_suffix('/').unwrap_or(host);
        let find = |host: &str| {
            Region::ALL
                .iter()
                .copied()
                .find(|region| region.host().eq_ignore_ascii_case(host))
        };
        find(host).or_else(|| {
            let (prefix, rest) = host.split_once('.')?;
            ["api", "login", "apps"]
                .iter()
                .any(|known| known.eq_ignore_ascii_case(prefix))
                .then(|| find(rest))?
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A text that names none of [`Region::ALL`], by name or by host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRegion(pub String);

impl fmt::Display for UnknownRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Region::ALL.iter().map(|region| region.name()).collect();
        write!(
            f,
            "unknown region `{}`; known regions: {} (or their hosts, such as mypurecloud.ie)",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownRegion {}

/// A region by its name (`eu-west-1`), or by its host as [`Region::from_host`] reads it
/// (`mypurecloud.ie`): the Genesys Cloud tools use both.
impl FromStr for Region {
    type Err = UnknownRegion;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Region::ALL
            .iter()
            .copied()
            .find(|region| region.name().eq_ignore_ascii_case(name.trim()))
            .or_else(|| Region::from_host(name))
            .ok_or_else(|| UnknownRegion(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_is_found_by_its_hosts() {
        for &region in Region::ALL {
            let host = region.host();
            for text in [
                host.to_owned(),
                host.to_uppercase(),
                format!("api.{host}"),
                format!("login.{host}"),
                format!("https://api.{host}/"),
                format!(" apps.{host} "),
            ] {
                assert_eq!(Region::from_host(&text), Some(region), "{text}");
                assert_eq!(text.parse(), Ok(region), "{text}");
            }
        }
    }

    #[test]
    fn near_misses_are_no_region() {
        for text in [
            "purecloud.ie",
            "mypurecloud.ie.example.com",
            "evil.mypurecloud.ie",
            "api.api.mypurecloud.ie",
            "ftp://api.mypurecloud.ie",
            "eu-west-9",
            "",
        ] {
            assert_eq!(Region::from_host(text), None, "{text}");
            assert!(text.parse::<Region>().is_err(), "{text}");
        }
    }
}
