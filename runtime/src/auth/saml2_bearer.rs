//! The SAML 2.0 bearer assertion grant (RFC 7522 §2.1): a SAML assertion from the
//! organization's identity provider, exchanged for a token.

use super::core::{ClientAuth, Grant, GrantCore, TokenRequest, token_request_settings};
use super::{AccessToken, BoxFuture, ClientDefaults, LoginBaseUrl, RefreshToken, TokenProvider};
use crate::error::AuthError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::fmt;
use std::sync::Arc;

/// The `grant_type` of the SAML 2.0 bearer grant (RFC 7522 §2.1).
const SAML2_BEARER: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";

/// A SAML 2.0 assertion, base64url-encoded without padding as the grant sends it. Its
/// `Debug` shows no part of it.
#[derive(Clone, PartialEq, Eq)]
pub struct SamlAssertion(Arc<str>);

impl SamlAssertion {
    /// The assertion's XML, which this encodes.
    pub fn from_xml(xml: impl AsRef<[u8]>) -> Self {
        Self(Arc::from(URL_SAFE_NO_PAD.encode(xml.as_ref())))
    }

    /// An assertion already base64url-encoded, sent as given.
    pub fn from_base64url(encoded: impl Into<String>) -> Self {
        Self(Arc::from(encoded.into()))
    }

    /// The encoded assertion, as the form carries it.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SamlAssertion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SamlAssertion(<redacted>)")
    }
}

/// The SAML2 bearer grant: `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer` with
/// the assertion and, as Genesys Cloud requires, `orgName`, the name of the organization the
/// user signs in to; the client's id and secret go in an HTTP Basic header.
///
/// A renewal (before the token expires, or when the API answers 401) uses the refresh token
/// the endpoint issued, if it issued one, and otherwise sends the assertion again, which the
/// endpoint refuses (`invalid_grant`) once the assertion has expired: a new assertion then
/// needs a new provider.
pub struct Saml2Bearer {
    core: GrantCore,
    client: ClientAuth,
    org_name: String,
    assertion: SamlAssertion,
}

impl fmt::Debug for Saml2Bearer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Saml2Bearer");
        self.core.debug_fields(&mut debug);
        debug
            .field("client", &self.client)
            .field("org_name", &self.org_name)
            .field("assertion", &self.assertion)
            .field("refresh_token", &self.core.refresh_token())
            .finish_non_exhaustive()
    }
}

impl Saml2Bearer {
    /// The exchange of `assertion` at `login` (a [`Region`](crate::Region) or a login base
    /// URL), for a user of the organization named `org_name`.
    pub fn new(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        org_name: impl Into<String>,
        assertion: SamlAssertion,
    ) -> Self {
        Self {
            core: GrantCore::new(login.into(), None),
            client: ClientAuth::Basic {
                id: client_id.into(),
                secret: client_secret.into(),
            },
            org_name: org_name.into(),
            assertion,
        }
    }

    /// The refresh token the endpoint issued last, if it issued one.
    pub fn refresh_token(&self) -> Option<RefreshToken> {
        self.core.refresh_token()
    }
}

token_request_settings!(Saml2Bearer);

impl Grant for Saml2Bearer {
    fn request(&self, refresh_token: Option<&RefreshToken>) -> Result<TokenRequest, AuthError> {
        if let Some(refresh_token) = refresh_token {
            return Ok(TokenRequest::refresh(&self.client, refresh_token));
        }
        Ok(TokenRequest::new(SAML2_BEARER, &self.client)
            .param("orgName", &self.org_name)
            .secret("assertion", self.assertion.secret()))
    }
}

impl TokenProvider for Saml2Bearer {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(self.core.token(self))
    }

    fn invalidate(&self, token: &AccessToken) {
        self.core.invalidate(token);
    }

    fn use_client_defaults(&self, defaults: &ClientDefaults) {
        self.core.endpoint.use_client_defaults(defaults);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assertion_is_encoded_base64url_without_padding() {
        // 5 bytes: standard base64 would end in `=`; `>` and `?` pick `-`/`_` over `+`/`/`.
        let assertion = SamlAssertion::from_xml("<a>?>");
        assert_eq!(assertion.secret(), "PGE-Pz4");
        assert_eq!(
            SamlAssertion::from_base64url("PGE-Pz4").secret(),
            assertion.secret()
        );
        assert_eq!(format!("{assertion:?}"), "SamlAssertion(<redacted>)");
    }
}
