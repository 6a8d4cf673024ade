//! The sign-in's first leg: PKCE verifiers and challenges (RFC 7636), the authorize URL a
//! user is sent to, and random `state` values.

use super::LoginBaseUrl;
use crate::error::AuthError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::Arc;

/// `bytes` random bytes from the operating system, base64url-encoded without padding.
fn random_text(bytes: usize) -> Result<String, AuthError> {
    let mut random = vec![0u8; bytes];
    getrandom::fill(&mut random).map_err(|error| {
        AuthError::new("the operating system gave no random bytes").with_source(error)
    })?;
    Ok(URL_SAFE_NO_PAD.encode(random))
}

/// A random `state` for an authorize URL (RFC 6749 §10.12): 128 bits from the operating
/// system, 22 characters. Keep it with the user's session and check that the redirect
/// brings the same one back.
pub fn random_state() -> Result<String, AuthError> {
    random_text(16)
}

/// A PKCE code verifier (RFC 7636 §4.1): kept by the app between the authorize redirect and
/// the code exchange, its S256 [`challenge`](Self::challenge) sent in the authorize URL.
/// Its `Debug` shows no part of it.
#[derive(Clone, PartialEq, Eq)]
pub struct PkceVerifier(Arc<str>);

impl PkceVerifier {
    /// A new verifier: 32 bytes from the operating system's random source, base64url-encoded
    /// (43 characters), as RFC 7636 §4.1 recommends.
    pub fn generate() -> Result<Self, AuthError> {
        random_text(32).map(|text| Self(Arc::from(text)))
    }

    /// A verifier made earlier ([`secret`](Self::secret)), such as one kept in the user's
    /// session across the redirect. Fails unless it is 43 to 128 characters of
    /// `A-Z a-z 0-9 - . _ ~`; the error does not quote it.
    pub fn new(verifier: impl Into<String>) -> Result<Self, AuthError> {
        let verifier = verifier.into();
        let unreserved = |byte: &u8| byte.is_ascii_alphanumeric() || b"-._~".contains(byte);
        if !(43..=128).contains(&verifier.len()) || !verifier.as_bytes().iter().all(unreserved) {
            return Err(AuthError::new(format!(
                "a PKCE code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~; \
                 this one has {} characters{}",
                verifier.chars().count(),
                if verifier.as_bytes().iter().all(unreserved) {
                    ""
                } else {
                    ", not all of them allowed"
                }
            )));
        }
        Ok(Self(Arc::from(verifier)))
    }

    /// The S256 challenge (RFC 7636 §4.2): the base64url encoding, without padding, of the
    /// verifier's SHA-256 digest. It is not secret: the authorize URL carries it.
    pub fn challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.0.as_bytes()))
    }

    /// The verifier itself, to keep until the code exchange.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PkceVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PkceVerifier(<redacted>)")
    }
}

/// The authorize URL a user is sent to, to sign in (RFC 6749 §4.1.1):
/// `<login base URL>/oauth/authorize?client_id=..&response_type=code&redirect_uri=..`, with
/// the PKCE challenge (`code_challenge=..&code_challenge_method=S256`) and the `state` when
/// given. `Display` writes it.
#[derive(Debug, Clone)]
pub struct AuthorizeUrl {
    authorize_url: String,
    client_id: String,
    redirect_uri: String,
    challenge: Option<String>,
    state: Option<String>,
}

impl AuthorizeUrl {
    /// The sign-in of `client_id` at `login` (a [`Region`](crate::Region) or a login base
    /// URL), coming back to `redirect_uri`.
    pub fn new(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        Self {
            authorize_url: login.into().endpoint("/oauth/authorize"),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            challenge: None,
            state: None,
        }
    }

    /// With `verifier`'s S256 challenge (`code_challenge`, `code_challenge_method=S256`).
    pub fn pkce(mut self, verifier: &PkceVerifier) -> Self {
        self.challenge = Some(verifier.challenge());
        self
    }

    /// With `state`, which the redirect brings back ([`random_state`] makes one).
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }
}

impl fmt::Display for AuthorizeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("client_id", &self.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &self.redirect_uri);
        if let Some(challenge) = &self.challenge {
            query
                .append_pair("code_challenge", challenge)
                .append_pair("code_challenge_method", "S256");
        }
        if let Some(state) = &self.state {
            query.append_pair("state", state);
        }
        write!(f, "{}?{}", self.authorize_url, query.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 Appendix B: the verifier, and the challenge S256 makes of it.
    const RFC_VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const RFC_CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn the_challenge_of_rfc_7636_appendix_b() {
        let verifier = PkceVerifier::new(RFC_VERIFIER).expect("a valid verifier");
        assert_eq!(verifier.challenge(), RFC_CHALLENGE);
    }

    #[test]
    fn generated_verifiers_are_43_unreserved_characters_and_differ() {
        let first = PkceVerifier::generate().expect("random bytes");
        let second = PkceVerifier::generate().expect("random bytes");
        assert_eq!(first.secret().len(), 43);
        assert!(PkceVerifier::new(first.secret()).is_ok());
        assert_ne!(first, second);
        assert_eq!(first.challenge().len(), 43);
    }

    #[test]
    fn verifiers_outside_the_rules_are_refused_without_being_quoted() {
        for bad in ["short", &"a".repeat(129), &format!("{}+", "a".repeat(42))] {
            let error = PkceVerifier::new(bad).expect_err("refused");
            assert!(!error.to_string().contains(bad), "{error}");
        }
        assert!(PkceVerifier::new("a".repeat(128)).is_ok());
        assert!(PkceVerifier::new(format!("{}-._~", "a".repeat(39))).is_ok());
    }

    #[test]
    fn states_are_random() {
        let state = random_state().expect("random bytes");
        assert_eq!(state.len(), 22);
        assert_ne!(state, random_state().expect("random bytes"));
    }

    #[test]
    fn the_authorize_url_of_a_region_with_pkce_and_state() {
        let verifier = PkceVerifier::new(RFC_VERIFIER).unwrap();
        let url = AuthorizeUrl::new(
            crate::Region::EuWest1,
            "my-client",
            "http://localhost:8085/cb",
        )
        .pkce(&verifier)
        .state("xyz");
        assert_eq!(
            url.to_string(),
            format!(
                "https://login.mypurecloud.ie/oauth/authorize?client_id=my-client\
                 &response_type=code&redirect_uri=http%3A%2F%2Flocalhost%3A8085%2Fcb\
                 &code_challenge={RFC_CHALLENGE}&code_challenge_method=S256&state=xyz"
            )
        );
    }

    #[test]
    fn the_authorize_url_without_pkce_or_state() {
        let url = AuthorizeUrl::new("http://127.0.0.1:9/", "id 1", "https://app/cb?x=1");
        assert_eq!(
            url.to_string(),
            "http://127.0.0.1:9/oauth/authorize?client_id=id+1&response_type=code\
             &redirect_uri=https%3A%2F%2Fapp%2Fcb%3Fx%3D1"
        );
        assert_eq!(
            format!("{:?}", PkceVerifier::new(RFC_VERIFIER).unwrap()),
            "PkceVerifier(<redacted>)"
        );
    }
}
