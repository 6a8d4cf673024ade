//! The OAuth authorization-code grant (RFC 6749 §4.1), with or without PKCE (RFC 7636):
//! a user signs in on the login host, and the code their browser brings back is exchanged
//! for a token and a refresh token.

use super::core::{ClientAuth, Grant, GrantCore, TokenRequest, token_request_settings};
use super::{
    AccessToken, BoxFuture, ClientDefaults, LoginBaseUrl, PkceVerifier, RefreshToken, TokenProvider,
};
use crate::error::AuthError;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// The authorization-code grant: the first token request exchanges the code
/// (`grant_type=authorization_code` with `code` and `redirect_uri`), later ones renew with
/// the refresh token the endpoint issued (`grant_type=refresh_token`), before the token
/// expires and when the API answers 401; a new refresh token sent with a renewal replaces
/// the old one.
///
/// A code is good for one exchange: once it has brought a token it is dropped, and if the
/// endpoint issued no refresh token, the first renewal fails (the user signs in again).
/// Made with [`new`](Self::new), a confidential client sends its id and secret in an HTTP
/// Basic header; made with [`pkce`](Self::pkce), a public client names itself in the form
/// and proves the sign-in was its own with the PKCE verifier.
pub struct AuthorizationCode {
    core: GrantCore,
    client: ClientAuth,
    redirect_uri: String,
    /// The code, until an exchange has brought a token.
    code: Mutex<Option<String>>,
    verifier: Option<PkceVerifier>,
}

impl fmt::Debug for AuthorizationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("AuthorizationCode");
        self.core.debug_fields(&mut debug);
        debug
            .field("client", &self.client)
            .field("redirect_uri", &self.redirect_uri)
            .field("code", &"<redacted>")
            .field("verifier", &self.verifier)
            .field("refresh_token", &self.core.refresh_token())
            .finish_non_exhaustive()
    }
}

impl AuthorizationCode {
    /// A confidential client's exchange of `code` at `login` (a [`Region`](crate::Region) or
    /// a login base URL); `redirect_uri` is the one the authorize request named.
    pub fn new(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        let client = ClientAuth::Basic {
            id: client_id.into(),
            secret: client_secret.into(),
        };
        Self::with_client(login.into(), client, code.into(), redirect_uri.into())
    }

    /// A public client's exchange of `code` with PKCE (RFC 7636 §4.5): `verifier` is the one
    /// whose challenge the authorize URL carried ([`AuthorizeUrl::pkce`](super::AuthorizeUrl::pkce)).
    /// No secret is sent; the client is named by `client_id` in the form.
    pub fn pkce(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
        verifier: PkceVerifier,
    ) -> Self {
        let client = ClientAuth::Public {
            id: client_id.into(),
        };
        Self::with_client(login.into(), client, code.into(), redirect_uri.into())
            .code_verifier(verifier)
    }

    fn with_client(
        login: LoginBaseUrl,
        client: ClientAuth,
        code: String,
        redirect_uri: String,
    ) -> Self {
        Self {
            core: GrantCore::new(login, None),
            client,
            redirect_uri,
            code: Mutex::new(Some(code)),
            verifier: None,
        }
    }

    /// Sends `verifier` with the code: PKCE for a confidential client too.
    pub fn code_verifier(mut self, verifier: PkceVerifier) -> Self {
        self.verifier = Some(verifier);
        self
    }

    /// The refresh token the endpoint issued last, if any: to keep, so that a later session
    /// can go on without the user ([`RefreshTokenGrant`](super::RefreshTokenGrant)).
    pub fn refresh_token(&self) -> Option<RefreshToken> {
        self.core.refresh_token()
    }
}

token_request_settings!(AuthorizationCode);

impl Grant for AuthorizationCode {
    fn request(&self, refresh_token: Option<&RefreshToken>) -> Result<TokenRequest, AuthError> {
        if let Some(refresh_token) = refresh_token {
            return Ok(TokenRequest::refresh(&self.client, refresh_token));
        }
        let code = self
            .code
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(code) = code else {
            return Err(AuthError::new(
                "the authorization code was exchanged and no refresh token was issued: \
                 the user must sign in again",
            ));
        };
        let request = TokenRequest::new("authorization_code", &self.client)
            .secret("code", &code)
            .param("redirect_uri", &self.redirect_uri);
        Ok(match &self.verifier {
            Some(verifier) => request.secret("code_verifier", verifier.secret()),
            None => request,
        })
    }

    fn issued(&self) {
        *self.code.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }
}

impl TokenProvider for AuthorizationCode {
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
    use crate::testing::{Server, respond, within};
    use std::sync::Arc;

    /// A token endpoint that records each request's head and body, and answers the first
    /// with `first` and later ones with a refresh-free token.
    async fn recording(first: &'static str) -> (Server, Arc<Mutex<Vec<String>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        let server = Server::start(move |number, stream, head| {
            record.lock().unwrap().push(head);
            async move {
                let body = if number == 1 {
                    first
                } else {
                    r#"{"access_token":"tok-2","expires_in":3600}"#
                };
                respond(stream, "200 OK", &[], body).await;
            }
        })
        .await;
        (server, seen)
    }

    #[tokio::test]
    async fn without_a_refresh_token_the_code_is_not_sent_twice() {
        let (server, _) = recording(r#"{"access_token":"tok-1","expires_in":3600}"#).await;
        let grant = AuthorizationCode::new(&server.url, "id", "secret", "code-1", "https://app");

        let token = within(grant.token()).await.expect("the exchange");
        assert_eq!(token.secret(), "tok-1");
        grant.invalidate(&token);
        let error = within(grant.token())
            .await
            .expect_err("nothing to renew with");

        assert_eq!(server.requests(), 1, "the spent code was sent again");
        assert!(error.message.contains("sign in again"), "{error}");
        assert!(grant.refresh_token().is_none());
    }

    #[tokio::test]
    async fn debug_shows_neither_code_nor_secret_nor_refresh_token() {
        let (server, _) =
            recording(r#"{"access_token":"tok-1","refresh_token":"rt-hidden"}"#).await;
        let grant = AuthorizationCode::new(
            &server.url,
            "id",
            "secret-hidden",
            "code-hidden",
            "https://app",
        )
        .code_verifier(PkceVerifier::new("v".repeat(43)).unwrap());
        within(grant.token()).await.expect("the exchange");

        let shown = format!("{grant:?}");
        for secret in ["secret-hidden", "code-hidden", "rt-hidden", "tok-1", "vvvv"] {
            assert!(!shown.contains(secret), "{secret} shows in {shown}");
        }
        assert!(shown.contains("https://app"), "{shown}");
    }
}
