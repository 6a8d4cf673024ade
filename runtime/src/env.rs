//! Client configuration from the environment variables the Genesys Cloud CLI and Terraform
//! provider read: [`ClientBuilder::from_env`].
//!
//! | variable | what it holds |
//! | --- | --- |
//! | [`GENESYSCLOUD_REGION`] | the region: a name as [`Region`] parses it (`eu-west-1`), or its host (`mypurecloud.ie`, also as `api.mypurecloud.ie` or `https://api.mypurecloud.ie`). Not set: the client's default hosts, us-east-1's for Genesys Cloud. |
//! | [`GENESYSCLOUD_ACCESS_TOKEN`] | a bearer token, sent as it is and never renewed |
//! | [`GENESYSCLOUD_OAUTHCLIENT_ID`], [`GENESYSCLOUD_OAUTHCLIENT_SECRET`] | an OAuth client, for the client-credentials grant |
//!
//! When both a token and a client are set, the token wins: it is the narrower choice (one
//! session, one user or one scope), and whoever set it beside the client's credentials meant
//! it to be used. The client's credentials are then not read at all.
//!
//! A variable set to an empty (or all white space) value counts as not set, as CI templates
//! often leave them; white space around a value is dropped (a secret read from a file often
//! ends in a newline). Credentials are what Genesys Cloud issues, printable ASCII without
//! spaces: any other character makes the variable malformed. Errors name the variable and
//! never show a credential's value.
//!
//! [`ClientBuilder::from_env`]: crate::ClientBuilder::from_env

use crate::client::{ClientBuilder, DefaultHosts, Transport};
use crate::error::Error;
use crate::region::Region;

/// The region variable: a region name or host.
pub const GENESYSCLOUD_REGION: &str = "GENESYSCLOUD_REGION";
/// The OAuth client id of the client-credentials grant.
pub const GENESYSCLOUD_OAUTHCLIENT_ID: &str = "GENESYSCLOUD_OAUTHCLIENT_ID";
/// The OAuth client secret of the client-credentials grant.
pub const GENESYSCLOUD_OAUTHCLIENT_SECRET: &str = "GENESYSCLOUD_OAUTHCLIENT_SECRET";
/// A bearer token, used as it is.
pub const GENESYSCLOUD_ACCESS_TOKEN: &str = "GENESYSCLOUD_ACCESS_TOKEN";

impl<C: From<Transport> + DefaultHosts, E> ClientBuilder<C, E> {
    /// A builder configured from the environment: region and credentials from the variables
    /// the Genesys Cloud CLI and Terraform provider read (see the [`env`](crate::env) module
    /// for each one and the rules). Fails with [`Error::Config`] naming the variable that is
    /// missing or malformed. The other settings can still be changed before `build`:
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use purecloud_platform_client_runtime::{ClientBuilder, Error, Transport};
    ///
    /// let transport: Transport = ClientBuilder::<Transport>::from_env()?
    ///     .operation_timeout(Duration::from_secs(60))
    ///     .build()?;
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_env() -> Result<Self, Error<E>> {
        Self::from_vars(|name| match std::env::var(name) {
            Ok(value) => Some(value),
            // Not UTF-8: kept, lossily, so that the check below calls it malformed rather
            // than missing.
            Err(std::env::VarError::NotUnicode(value)) => {
                Some(value.to_string_lossy().into_owned())
            }
            Err(std::env::VarError::NotPresent) => None,
        })
    }

    /// As [`from_env`](Self::from_env), reading each variable through `lookup` (its name in,
    /// its value out, `None` when not set) rather than from the process environment: for
    /// tests, and for settings kept elsewhere (a secrets store, a `.env` file read by hand).
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error<E>> {
        let read = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        let mut builder = Self::for_hosts(C::API_BASE_URL, C::LOGIN_BASE_URL);
        if let Some(region) = read(GENESYSCLOUD_REGION) {
            let region: Region = region.parse().map_err(|error| {
                Error::Config(format!("{GENESYSCLOUD_REGION} is malformed: {error}"))
            })?;
            builder = builder.region(region);
        }
        let credential = |name: &str| -> Result<Option<String>, Error<E>> {
            let value = read(name);
            if let Some(value) = &value
                && !value.bytes().all(|byte| byte.is_ascii_graphic())
            {
                return Err(Error::Config(format!(
                    "{name} is malformed: it holds a space, a control character or a \
                     character outside ASCII (the value is not shown)"
                )));
            }
            Ok(value)
        };
        if let Some(token) = credential(GENESYSCLOUD_ACCESS_TOKEN)? {
            return Ok(builder.bearer_token(token));
        }
        let id = credential(GENESYSCLOUD_OAUTHCLIENT_ID)?;
        let secret = credential(GENESYSCLOUD_OAUTHCLIENT_SECRET)?;
        match (id, secret) {
            (Some(id), Some(secret)) => Ok(builder.client_credentials(id, secret)),
            (Some(_), None) => Err(Error::Config(format!(
                "{GENESYSCLOUD_OAUTHCLIENT_SECRET} is not set: the client-credentials grant \
                 needs it beside {GENESYSCLOUD_OAUTHCLIENT_ID}"
            ))),
            (None, Some(_)) => Err(Error::Config(format!(
                "{GENESYSCLOUD_OAUTHCLIENT_ID} is not set: the client-credentials grant \
                 needs it beside {GENESYSCLOUD_OAUTHCLIENT_SECRET}"
            ))),
            (None, None) => Err(Error::Config(format!(
                "no credentials in the environment: set {GENESYSCLOUD_OAUTHCLIENT_ID} and \
                 {GENESYSCLOUD_OAUTHCLIENT_SECRET} (the client-credentials grant), or \
                 {GENESYSCLOUD_ACCESS_TOKEN} (a bearer token)"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Builds from `vars` and returns the builder's `Debug` text, or the error's `Display`.
    fn configure(vars: &[(&str, &str)]) -> Result<String, String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        ClientBuilder::<Transport>::from_vars(|name| vars.get(name).cloned())
            .map(|builder| format!("{builder:?}"))
            .map_err(|error| error.to_string())
    }

    const SECRET: &str = "s3cr3t-Value_42";

    #[test]
    fn a_client_id_and_secret_make_the_client_credentials_grant() {
        let shown = configure(&[
            (GENESYSCLOUD_OAUTHCLIENT_ID, " the-id\n"),
            (GENESYSCLOUD_OAUTHCLIENT_SECRET, SECRET),
        ])
        .unwrap();
        assert!(
            shown.contains(r#"ClientCredentials { id: "the-id""#),
            "{shown}"
        );
        assert!(shown.contains("region: None"), "{shown}");
        assert!(!shown.contains(SECRET), "{shown}");
    }

    #[test]
    fn a_token_wins_over_a_client() {
        let shown = configure(&[
            (GENESYSCLOUD_ACCESS_TOKEN, "tok"),
            (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id"),
        ])
        .unwrap();
        assert!(shown.contains("Bearer(<redacted>)"), "{shown}");
    }

    #[test]
    fn a_region_is_a_name_or_a_host() {
        for value in [
            "eu-west-1",
            "EU-WEST-1",
            "mypurecloud.ie",
            "api.mypurecloud.ie",
            "https://login.mypurecloud.ie/",
        ] {
            let shown = configure(&[
                (GENESYSCLOUD_REGION, value),
                (GENESYSCLOUD_ACCESS_TOKEN, "tok"),
            ])
            .unwrap();
            assert!(shown.contains("region: Some(EuWest1)"), "{value}: {shown}");
        }
    }

    #[test]
    fn empty_values_count_as_not_set() {
        let error = configure(&[
            (GENESYSCLOUD_REGION, ""),
            (GENESYSCLOUD_ACCESS_TOKEN, "  "),
            (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id"),
        ])
        .unwrap_err();
        assert!(
            error.contains("GENESYSCLOUD_OAUTHCLIENT_SECRET is not set"),
            "{error}"
        );
    }

    #[test]
    fn malformed_credentials_are_named_and_not_shown() {
        for name in [
            GENESYSCLOUD_ACCESS_TOKEN,
            GENESYSCLOUD_OAUTHCLIENT_ID,
            GENESYSCLOUD_OAUTHCLIENT_SECRET,
        ] {
            for bad in ["in side", "tab\tbed", "caf\u{e9}", "\u{fffd}"] {
                let value = format!("{SECRET}{bad}");
                let mut vars = vec![
                    (GENESYSCLOUD_OAUTHCLIENT_ID, "the-id"),
                    (GENESYSCLOUD_OAUTHCLIENT_SECRET, SECRET),
                ];
                vars.push((name, &value));
                let error = configure(&vars).unwrap_err();
                assert!(
                    error.starts_with(&format!("client configuration: {name} is malformed")),
                    "{name}: {error}"
                );
                assert!(!error.contains(SECRET), "{error}");
            }
        }
    }
}
