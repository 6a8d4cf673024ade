//! The OAuth refresh-token grant (RFC 6749 §6) on its own: tokens from a refresh token kept
//! from an earlier sign-in.

use super::core::{ClientAuth, Grant, GrantCore, TokenRequest, token_request_settings};
use super::{AccessToken, BoxFuture, ClientDefaults, LoginBaseUrl, RefreshToken, TokenProvider};
use crate::error::AuthError;
use std::fmt;

/// Tokens from a refresh token obtained elsewhere (an earlier
/// [`AuthorizationCode`](super::AuthorizationCode) sign-in, kept in a store):
/// `grant_type=refresh_token`, before the token expires and when the API answers 401. A new
/// refresh token sent with a token replaces the old one; [`refresh_token`](Self::refresh_token)
/// says which is current, to store again.
pub struct RefreshTokenGrant {
    core: GrantCore,
    client: ClientAuth,
}

impl fmt::Debug for RefreshTokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("RefreshTokenGrant");
        self.core.debug_fields(&mut debug);
        debug
            .field("client", &self.client)
            .field("refresh_token", &self.core.refresh_token())
            .finish_non_exhaustive()
    }
}

impl RefreshTokenGrant {
    /// A confidential client's renewals with `refresh_token` at `login` (a
    /// [`Region`](crate::Region) or a login base URL), its id and secret in an HTTP Basic
    /// header.
    pub fn new(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        let client = ClientAuth::Basic {
            id: client_id.into(),
            secret: client_secret.into(),
        };
        Self::with_client(login.into(), client, refresh_token.into())
    }

    /// A public client's renewals (one that signed in with PKCE): `client_id` in the form,
    /// no secret.
    pub fn public_client(
        login: impl Into<LoginBaseUrl>,
        client_id: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        let client = ClientAuth::Public {
            id: client_id.into(),
        };
        Self::with_client(login.into(), client, refresh_token.into())
    }

    fn with_client(login: LoginBaseUrl, client: ClientAuth, refresh_token: String) -> Self {
        Self {
            core: GrantCore::new(login, Some(RefreshToken::new(refresh_token))),
            client,
        }
    }

    /// The current refresh token: the one given, or the last the endpoint sent instead.
    pub fn refresh_token(&self) -> RefreshToken {
        self.core
            .refresh_token()
            .expect("a refresh-token grant always holds one")
    }
}

token_request_settings!(RefreshTokenGrant);

impl Grant for RefreshTokenGrant {
    fn request(&self, refresh_token: Option<&RefreshToken>) -> Result<TokenRequest, AuthError> {
        let refresh_token = refresh_token.ok_or_else(|| AuthError::new("no refresh token"))?;
        Ok(TokenRequest::refresh(&self.client, refresh_token))
    }
}

impl TokenProvider for RefreshTokenGrant {
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
