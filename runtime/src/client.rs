//! The HTTP side of the client: configuration, and the one request path every operation goes
//! through.

use crate::auth::{
    AccessToken, BoxFuture, ClientCredentials, ClientDefaults, StaticToken, TokenProvider,
};
use crate::body::{self, ERROR_BODY_READ_LIMIT, Unread};
use crate::error::{ApiError, DecodeError, Error, TimeoutError, Undecoded};
use crate::hook::{Attempt, Exchange, Hook, Outcome};
use crate::metadata::{HttpMethod, OperationInfo};
use crate::parameter::{self, Node};
pub use crate::parameter::{FormField, Style};
use crate::region::Region;
use crate::retry::{self, RetryPolicy};
use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT as USER_AGENT_HEADER,
};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tracing::Instrument;

/// The API's base URL when the caller sets neither a region nor a URL: us-east-1's.
pub const DEFAULT_BASE_URL: &str = "https://api.mypurecloud.com";

/// The login (OAuth) base URL when the caller sets neither a region nor a URL: us-east-1's.
pub const DEFAULT_LOGIN_BASE_URL: &str = "https://login.mypurecloud.com";

/// The hosts a client of type `Self` calls when told neither a region nor URLs: the
/// generated client's are its spec's server, which [`ClientBuilder::from_env`] starts from.
#[doc(hidden)]
pub trait DefaultHosts {
    /// The API's base URL.
    const API_BASE_URL: &'static str;
    /// The login (OAuth) base URL.
    const LOGIN_BASE_URL: &'static str;
}

impl DefaultHosts for Transport {
    const API_BASE_URL: &'static str = DEFAULT_BASE_URL;
    const LOGIN_BASE_URL: &'static str = DEFAULT_LOGIN_BASE_URL;
}

/// The `User-Agent` sent with every request: the client crate's name and version (which this
/// crate shares), then the product set with [`ClientBuilder::user_agent`], if any.
pub const USER_AGENT: &str = concat!("purecloud-platform-client", "/", env!("CARGO_PKG_VERSION"));

/// Bytes kept as they are in a path segment: RFC 3986 unreserved characters.
pub(crate) const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// The request timeout when the caller sets none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest successful response body the client reads when the caller sets no other
/// limit ([`ClientBuilder::max_response_bytes`]): 64 MiB, far above any page of the API.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// What a client sends requests with: its connection pool, base URL, token source and retry
/// policy. Cheap to clone: clones share one connection pool and token cache.
///
/// The client crate's `Client` wraps it and adds an accessor per group of operations.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    user_agent: HeaderValue,
    api_base_url: String,
    /// Whether the caller chose `api_base_url` with [`ClientBuilder::base_url`]: then every
    /// request goes there, the operations that name a server of their own included.
    base_url_from_caller: bool,
    auth: Option<Arc<dyn TokenProvider>>,
    timeout: Duration,
    /// The deadline of a whole call, when the caller set one.
    operation_timeout: Option<Duration>,
    default_headers: HeaderMap,
    retry: RetryPolicy,
    max_response_bytes: usize,
    hooks: Vec<Arc<dyn Hook>>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("api_base_url", &self.inner.api_base_url)
            .field("base_url_from_caller", &self.inner.base_url_from_caller)
            .field("auth", &self.inner.auth)
            .field("timeout", &self.inner.timeout)
            .field("operation_timeout", &self.inner.operation_timeout)
            .field(
                "default_headers",
                &self.inner.default_headers.keys().collect::<Vec<_>>(),
            )
            .field("retry", &self.inner.retry)
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("hooks", &self.inner.hooks.len())
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// The base URL requests go to, without a trailing slash; an operation whose spec names a
    /// server of its own may go elsewhere (see [`ClientBuilder::base_url`]).
    pub fn base_url(&self) -> &str {
        &self.inner.api_base_url
    }

    /// Sends `request` (or returns the error that building it met) and decodes the response
    /// as `D` says. Every operation goes through here: the only code an operation has of its
    /// own is how it builds its request. Sending is compiled once, in this crate, behind a
    /// boxed future; decoding is compiled where the [`Call`] is awaited, and only for the
    /// operations a program awaits.
    #[doc(hidden)]
    pub fn call<D: Decode, E>(&self, request: Result<Request, Error<Undecoded>>) -> Call<D, E> {
        Call {
            response: self.send(request),
            decode: PhantomData,
        }
    }

    /// Sends one call, retrying as the retry policy allows; statuses outside 2xx become errors.
    /// The future owns a clone of the transport, so that calls can be spawned.
    fn send(
        &self,
        request: Result<Request, Error<Undecoded>>,
    ) -> BoxFuture<'static, Result<RawResponse, Error<Undecoded>>> {
        let transport = self.clone();
        Box::pin(async move { transport.execute(request?).await })
    }

    async fn execute(&self, request: Request) -> Result<RawResponse, Error<Undecoded>> {
        let info = request.info;
        let span = tracing::info_span!(
            "purecloud.request",
            operation = info.id,
            method = info.method.as_str(),
            path = info.path,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            correlation_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        // Requests sent so far, which a timeout error reports: the count outlives the call's
        // future, which the deadline drops.
        let mut requests = 0;
        let result = match request.operation_timeout.or(self.inner.operation_timeout) {
            None => {
                self.execute_with_retries(request, None, &mut requests)
                    .instrument(span.clone())
                    .await
            }
            Some(limit) => {
                let deadline = tokio::time::Instant::now() + limit;
                let bounded = tokio::time::timeout_at(
                    deadline,
                    self.execute_with_retries(request, Some(deadline), &mut requests)
                        .instrument(span.clone()),
                )
                .await;
                bounded.unwrap_or_else(|_| {
                    span.in_scope(|| tracing::info!(attempts = requests, "operation timeout"));
                    Err(Error::Timeout(
                        TimeoutError::new(info.id, limit).with_attempts(requests),
                    ))
                })
            }
        };
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        result
    }

    /// Sends `request` until it succeeds or may not be tried again, counting the requests
    /// sent in `requests`; a retry whose wait would end past `deadline` is not waited for.
    async fn execute_with_retries(
        &self,
        request: Request,
        deadline: Option<tokio::time::Instant>,
        requests: &mut u32,
    ) -> Result<RawResponse, Error<Undecoded>> {
        let info = request.info;
        let span = tracing::Span::current();
        let url = self.url(&request)?;
        let headers = request_headers(info, &request.headers)?;
        let policy = request.retry.as_ref().unwrap_or(&self.inner.retry);
        let mut schedule = policy.schedule();
        let idempotent = matches!(
            info.method,
            HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete | HttpMethod::Head
        );
        let mut attempt = 0;
        let mut renewed_token = false;
        loop {
            attempt += 1;
            let token = match &self.inner.auth {
                Some(auth) => Some(auth.token().await.map_err(Error::from)?),
                None => None,
            };
            *requests += 1;
            let requests = *requests;
            span.record("attempts", requests);
            let sent = self
                .send_once(&request, requests, url.clone(), &headers, token.as_ref())
                .await;
            let (retryable, retry_after, failure) = match sent {
                Ok(raw) => {
                    span.record("status", raw.status.as_u16());
                    if let Some(id) = raw.correlation_id() {
                        span.record("correlation_id", id);
                    }
                    tracing::debug!(attempt = requests, status = raw.status.as_u16(), "response");
                    if raw.status.is_success() {
                        if raw.unread != Unread::Nothing {
                            return Err(Error::ResponseTooLarge {
                                operation: info.id,
                                status: raw.status,
                                limit: self.inner.max_response_bytes,
                                correlation_id: raw.correlation_id().map(str::to_owned),
                            });
                        }
                        return Ok(RawResponse {
                            info,
                            status: raw.status,
                            headers: raw.headers,
                            body: raw.body,
                        });
                    }
                    // Sent again only with a new token: a provider that cannot renew (a
                    // static token) would send the very token the API just refused.
                    if raw.status == StatusCode::UNAUTHORIZED
                        && !renewed_token
                        && let (Some(auth), Some(token)) = (&self.inner.auth, &token)
                        && auth.can_renew()
                    {
                        auth.invalidate(token);
                        renewed_token = true;
                        attempt -= 1;
                        tracing::debug!("401: renewing the token and trying again");
                        continue;
                    }
                    let retry_after = retry::retry_after(&raw.headers);
                    let retryable = raw.status == StatusCode::TOO_MANY_REQUESTS
                        || (idempotent
                            && matches!(
                                raw.status,
                                StatusCode::BAD_GATEWAY
                                    | StatusCode::SERVICE_UNAVAILABLE
                                    | StatusCode::GATEWAY_TIMEOUT
                            ));
                    let failure = Failure::Status(raw);
                    (retryable, retry_after, failure)
                }
                Err(failed) => {
                    let error = failed.error.without_url();
                    tracing::debug!(
                        attempt = requests, error = % error, "request failed"
                    );
                    // A connection that failed, timed out, or was closed before any response
                    // header came is a connection failure: for an idempotent call, sending it
                    // again is safe whether or not the server saw it. A body cut short after
                    // the headers is not retried: the server did answer.
                    let retryable = idempotent
                        && (error.is_connect() || error.is_timeout() || failed.before_response);
                    (retryable, None, Failure::Transport(error))
                }
            };
            let delay = retryable
                .then(|| schedule.next_delay(attempt, retry_after))
                .flatten()
                // Waiting past the deadline could only end in a timeout: the failure in hand
                // says more.
                .filter(|delay| {
                    deadline.is_none_or(|deadline| tokio::time::Instant::now() + *delay < deadline)
                });
            if let Some(delay) = delay {
                tracing::info!(
                    attempt = requests,
                    delay_ms = delay.as_millis() as u64,
                    "retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            return Err(match failure {
                Failure::Status(raw) => Error::Api(Box::new(
                    ApiError::new(info.id, raw.status)
                        .with_raw_body(body::excerpt(&raw.body, raw.unread))
                        .with_attempts(requests, retry_after)
                        .with_correlation(raw.correlation_id()),
                )),
                Failure::Transport(source) => Error::Transport {
                    operation: info.id,
                    attempts: requests,
                    source,
                },
            });
        }
    }

    async fn send_once(
        &self,
        request: &Request,
        number: u32,
        url: reqwest::Url,
        headers: &HeaderMap,
        token: Option<&AccessToken>,
    ) -> Result<Received, AttemptError> {
        let info = request.info;
        let method = match info.method {
            HttpMethod::Get => reqwest::Method::GET,
            HttpMethod::Put => reqwest::Method::PUT,
            HttpMethod::Post => reqwest::Method::POST,
            HttpMethod::Delete => reqwest::Method::DELETE,
            HttpMethod::Patch => reqwest::Method::PATCH,
            HttpMethod::Head => reqwest::Method::HEAD,
            HttpMethod::Options => reqwest::Method::OPTIONS,
            HttpMethod::Trace => reqwest::Method::TRACE,
        };
        let mut builder = self
            .inner
            .http
            .request(method, url)
            .timeout(request.timeout.unwrap_or(self.inner.timeout))
            .header(ACCEPT, request.accept)
            .header(USER_AGENT_HEADER, self.inner.user_agent.clone());
        for extra in [&self.inner.default_headers, headers] {
            if !extra.is_empty() {
                builder = builder.headers(extra.clone());
            }
        }
        if let Some(token) = token {
            builder = builder.bearer_auth(token.secret());
        }
        if let Some(body) = &request.body {
            // A `Content-Type` the caller set (a multipart boundary, say) wins over the spec's.
            if !headers.contains_key(CONTENT_TYPE) {
                builder = builder.header(CONTENT_TYPE, request.body_type);
            }
            builder = builder.body(body.clone());
        }
        let mut response = self.send_through_hooks(info, number, builder).await?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        // A success is read up to the client's limit, and refused past it; an error body
        // only up to what an error keeps a part of.
        let limit = if status.is_success() {
            self.inner.max_response_bytes
        } else {
            ERROR_BODY_READ_LIMIT
        };
        if status.is_success()
            && let Some(length) = response.content_length()
            && length > limit as u64
        {
            // Announced too large: not a byte of it is read.
            return Ok(Received {
                status,
                headers,
                body: Bytes::new(),
                unread: Unread::Exactly(length),
            });
        }
        let body = body::read_bounded(&mut response, limit)
            .await
            .map_err(|error| AttemptError {
                error,
                before_response: false,
            })?;
        Ok(Received {
            status,
            headers,
            body: body.bytes,
            unread: body.unread,
        })
    }

    /// Sends one attempt, the hooks seeing the request before it goes and the response's head
    /// (or the failure) when it comes.
    async fn send_through_hooks(
        &self,
        operation: &'static OperationInfo,
        number: u32,
        builder: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, AttemptError> {
        let failed = |error| AttemptError {
            error,
            before_response: true,
        };
        let hooks = &self.inner.hooks;
        if hooks.is_empty() {
            return builder.send().await.map_err(failed);
        }
        let attempt = Attempt { operation, number };
        let mut request = builder.build().map_err(failed)?;
        for hook in hooks {
            hook.before_send(&attempt, &mut request);
        }
        let (method, url) = (request.method().clone(), request.url().clone());
        let started = Instant::now();
        let sent = self.inner.http.execute(request).await;
        let outcome = match &sent {
            Ok(response) => Outcome::Response {
                status: response.status(),
                headers: response.headers(),
            },
            Err(error) => Outcome::Failed(error),
        };
        let exchange = Exchange {
            method: &method,
            url: &url,
            elapsed: started.elapsed(),
            outcome,
        };
        for hook in hooks {
            hook.after_send(&attempt, &exchange);
        }
        sent.map_err(failed)
    }

    fn url(&self, request: &Request) -> Result<reqwest::Url, Error<Undecoded>> {
        let base_url = match request.server {
            None => std::borrow::Cow::Borrowed(self.inner.api_base_url.as_str()),
            Some(server) => operation_base_url(
                &self.inner.api_base_url,
                self.inner.base_url_from_caller,
                server,
            )
            .map_err(|message| Error::invalid_request(request.info, message))?
            .into(),
        };
        let text = format!("{base_url}{}", request.path);
        let mut url = reqwest::Url::parse(&text).map_err(|error| {
            Error::invalid_request(request.info, format!("bad URL `{text}`: {error}"))
        })?;
        append_query(&mut url, &request.query);
        Ok(url)
    }
}

/// Adds the query pairs `query` to `url`, after those its path wrote: a spec may write a query
/// string into a path key (`/search?query={query}`), its variables filled as path parameters.
fn append_query(url: &mut reqwest::Url, query: &str) {
    if query.is_empty() {
        return;
    }
    let joined = match url.query() {
        Some(written) if !written.is_empty() => format!("{written}&{query}"),
        _ => query.to_owned(),
    };
    url.set_query(Some(&joined));
}

/// Why one attempt failed.
enum Failure {
    Status(Received),
    Transport(reqwest::Error),
}

/// An attempt that got no complete response.
struct AttemptError {
    error: reqwest::Error,
    /// Whether it failed before any response header came (connecting, sending, or waiting
    /// for the answer), rather than while reading the body.
    before_response: bool,
}

/// A response read up to its limit, before it is judged.
pub(crate) struct Received {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// What was past the limit and not read.
    pub(crate) unread: Unread,
}

impl Received {
    /// The `ININ-Correlation-Id` header, which identifies the call to Genesys support.
    pub(crate) fn correlation_id(&self) -> Option<&str> {
        correlation_id(&self.headers)
    }
}

/// The `ININ-Correlation-Id` header of a response.
fn correlation_id(headers: &HeaderMap) -> Option<&str> {
    headers
        .get("inin-correlation-id")
        .and_then(|value| value.to_str().ok())
}

/// Checks and converts header pairs; a value with CR or LF could smuggle a header in.
fn checked_headers<'a>(
    pairs: impl IntoIterator<Item = &'a (String, String)>,
) -> Result<HeaderMap, String> {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        if value.contains(['\r', '\n']) {
            return Err(format!("header `{name}` has a CR or LF in its value"));
        }
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("`{name}` is not a valid header name"))?;
        let header_value = HeaderValue::from_str(value)
            .map_err(|_| format!("header `{name}` has a value that is not valid in HTTP"))?;
        map.append(header_name, header_value);
    }
    Ok(map)
}

fn request_headers(
    info: &OperationInfo,
    pairs: &[(String, String)],
) -> Result<HeaderMap, Error<Undecoded>> {
    checked_headers(pairs).map_err(|message| Error::invalid_request(info, message))
}

/// How the client authenticates.
#[derive(Clone)]
enum Auth {
    Bearer(String),
    ClientCredentials { id: String, secret: String },
    Provider(Arc<dyn TokenProvider>),
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Self::ClientCredentials { id, .. } => f
                .debug_struct("ClientCredentials")
                .field("id", id)
                .field("secret", &"<redacted>")
                .finish(),
            Self::Provider(provider) => f.debug_tuple("Provider").field(provider).finish(),
        }
    }
}

/// The future of one call: the response on its way, then decoded as `D` says, with the
/// API's error document read as `E`. It owns what it needs, so it can be spawned.
#[must_use = "a call does nothing unless awaited"]
pub struct Call<D, E = serde_json::Value> {
    response: BoxFuture<'static, Result<RawResponse, Error<Undecoded>>>,
    decode: PhantomData<fn() -> (D, E)>,
}

impl<D, E> fmt::Debug for Call<D, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").finish_non_exhaustive()
    }
}

impl<D: Decode, E: serde::de::DeserializeOwned> Future for Call<D, E> {
    type Output = Result<D::Output, Error<E>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.response
            .as_mut()
            .poll(cx)
            .map(|response| match response {
                Ok(response) => D::decode(response).map_err(Error::Decode),
                Err(error) => Err(error.decode_body()),
            })
    }
}

/// How a [`Call`] turns its response into what the operation returns: [`Json`], [`Text`],
/// [`Binary`], [`Empty`], [`WithResponse`], or an operation's own type when it answers several
/// statuses.
pub trait Decode {
    /// What the operation returns.
    type Output;

    /// Reads `response`.
    fn decode(response: RawResponse) -> Result<Self::Output, Box<DecodeError>>;
}

/// Decodes the JSON body as `T`.
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: serde::de::DeserializeOwned> Decode for Json<T> {
    type Output = T;

    fn decode(response: RawResponse) -> Result<T, Box<DecodeError>> {
        response.json()
    }
}

/// Takes the body as text.
pub struct Text;

impl Decode for Text {
    type Output = String;

    fn decode(response: RawResponse) -> Result<String, Box<DecodeError>> {
        response.text()
    }
}

/// Takes the body as bytes.
pub struct Binary;

impl Decode for Binary {
    type Output = Bytes;

    fn decode(response: RawResponse) -> Result<Bytes, Box<DecodeError>> {
        Ok(response.into_bytes())
    }
}

/// Expects no body.
pub struct Empty;

impl Decode for Empty {
    type Output = ();

    fn decode(_: RawResponse) -> Result<(), Box<DecodeError>> {
        Ok(())
    }
}

/// Decodes as `D` says and keeps the status and headers beside what it decoded: what
/// `send_with_response` returns.
pub struct WithResponse<D>(PhantomData<fn() -> D>);

impl<D: Decode> Decode for WithResponse<D> {
    type Output = Response<D::Output>;

    fn decode(mut response: RawResponse) -> Result<Response<D::Output>, Box<DecodeError>> {
        let status = response.status;
        let headers = std::mem::take(&mut response.headers);
        let body = D::decode(response)?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// A successful response: what it decoded to, with its status and headers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    /// A response with `status`, `headers` and `body`: for tests of code that reads them.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The `ININ-Correlation-Id` header, which identifies the call to Genesys support.
    pub fn correlation_id(&self) -> Option<&str> {
        correlation_id(&self.headers)
    }

    /// The decoded body, dropping the rest.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// Configures a client; `build` makes a `C` from the [`Transport`] it configures, or fails
/// with an [`Error<E>`], `E` being the client's error document.
pub struct ClientBuilder<C, E = serde_json::Value> {
    settings: Settings,
    client: PhantomData<fn() -> (C, E)>,
}

impl<C, E> Default for ClientBuilder<C, E> {
    /// A builder for [`DEFAULT_BASE_URL`] and [`DEFAULT_LOGIN_BASE_URL`].
    fn default() -> Self {
        Self::for_hosts(DEFAULT_BASE_URL, DEFAULT_LOGIN_BASE_URL)
    }
}

impl<C, E> ClientBuilder<C, E> {
    /// A builder whose client calls `api_base_url` and asks `login_base_url` for tokens unless
    /// told a region or other URLs: the generated client passes its spec's server.
    #[doc(hidden)]
    pub fn for_hosts(api_base_url: &str, login_base_url: &str) -> Self {
        Self {
            settings: Settings {
                default_api_base_url: api_base_url.to_owned(),
                default_login_base_url: login_base_url.to_owned(),
                ..Settings::default()
            },
            client: PhantomData,
        }
    }
}

/// What a [`ClientBuilder`] was told, kept apart from its type parameter so that building
/// is compiled once, here.
#[derive(Default)]
struct Settings {
    default_api_base_url: String,
    default_login_base_url: String,
    region: Option<Region>,
    api_base_url: Option<String>,
    login_base_url: Option<String>,
    auth: Option<Auth>,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    user_agent: Option<String>,
    default_headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    retry: Option<RetryPolicy>,
    max_response_bytes: Option<usize>,
    hooks: Vec<Arc<dyn Hook>>,
}

impl<C, E> fmt::Debug for ClientBuilder<C, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &self.settings;
        let header_names: Vec<&str> = settings
            .default_headers
            .iter()
            .map(|(name, _)| name.as_str())
            .collect();
        f.debug_struct("ClientBuilder")
            .field("region", &settings.region)
            .field("api_base_url", &settings.api_base_url)
            .field("login_base_url", &settings.login_base_url)
            .field("auth", &settings.auth)
            .field("timeout", &settings.timeout)
            .field("operation_timeout", &settings.operation_timeout)
            .field("user_agent", &settings.user_agent)
            .field("default_headers", &header_names)
            .field("retry", &settings.retry)
            .field("max_response_bytes", &settings.max_response_bytes)
            .field("hooks", &settings.hooks.len())
            .finish_non_exhaustive()
    }
}

impl<C: From<Transport>, E> ClientBuilder<C, E> {
    /// Calls the API and login hosts of `region`. Without it (and without
    /// [`base_url`](Self::base_url) and [`login_base_url`](Self::login_base_url)) the client
    /// calls the spec's server and its login host, which for Genesys Cloud are us-east-1's
    /// ([`DEFAULT_BASE_URL`], [`DEFAULT_LOGIN_BASE_URL`]): credentials of an organization in
    /// another region are then refused by `login.mypurecloud.com`, and the
    /// [`AuthError`](crate::AuthError) names that host. An operation for which the spec names
    /// a server of its own, by an absolute URL, still goes to that server (see
    /// [`base_url`](Self::base_url)).
    pub fn region(mut self, region: Region) -> Self {
        self.settings.region = Some(region);
        self
    }

    /// Sends API requests to `base_url` (a proxy, a test server) instead of the region's host.
    ///
    /// Every request goes there, even those of operations for which the spec names a server
    /// of their own (the operation's or its path's `servers`), so that a client pointed at a
    /// test server or a proxy sends nothing elsewhere. Without it, such an operation goes to
    /// its server when the spec gives an absolute URL (`https://upload.example.com/v1`),
    /// whatever the region; a relative URL is resolved against the base URL in effect, this
    /// one, the region's or the spec's, taken as a folder: `/v2` replaces its path
    /// (`https://api.example.com/v1` → `https://api.example.com/v2`), `v2` is appended to it
    /// (`https://api.example.com/v1/v2`). Each operation's documentation names its server.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.settings.api_base_url = Some(base_url.into());
        self
    }

    /// Asks for OAuth tokens at `login_base_url` instead of the region's login host.
    pub fn login_base_url(mut self, login_base_url: impl Into<String>) -> Self {
        self.settings.login_base_url = Some(login_base_url.into());
        self
    }

    /// Sends `token` in the `Authorization: Bearer` header of every request.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.settings.auth = Some(Auth::Bearer(token.into()));
        self
    }

    /// Gets tokens with the OAuth client-credentials grant, cached and renewed as needed.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.settings.auth = Some(Auth::ClientCredentials {
            id: client_id.into(),
            secret: client_secret.into(),
        });
        self
    }

    /// Gets tokens from the caller's provider, such as one of the OAuth grants of
    /// [`auth`](crate::auth). `build` hands it the client's HTTP client, timeout and retry
    /// policy ([`TokenProvider::use_client_defaults`]), which the grants' token requests take
    /// unless the provider was given its own.
    pub fn token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.settings.auth = Some(Auth::Provider(provider));
        self
    }

    /// Gives up on one attempt of a request after `timeout` (default [`DEFAULT_TIMEOUT`]);
    /// each attempt has its own, and one that times out is retried as a connection failure
    /// is. Token requests of the client-credentials grant take it too. For a bound on the
    /// whole call, retries included, see [`operation_timeout`](Self::operation_timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = Some(timeout);
        self
    }

    /// Gives up on a whole call after `deadline`: every attempt, the waits between them
    /// (`Retry-After` included) and the token request. When it runs out, the call fails with
    /// [`Error::Timeout`], naming the operation and the deadline. A retry whose wait would end
    /// past the deadline is not waited for: the call fails at once with the failure in hand
    /// (the last 503, say). None by default: a call is then bounded by the retry policy
    /// (attempts, total wait) and the per-attempt [`timeout`](Self::timeout). Each request
    /// can set its own with `.operation_timeout(..)`.
    pub fn operation_timeout(mut self, deadline: Duration) -> Self {
        self.settings.operation_timeout = Some(deadline);
        self
    }

    /// Runs `hook` around every request the client sends: before it goes (to see or change
    /// it) and when its response's head arrives or it fails, with the operation and the
    /// attempt's number (see [`Hook`]). Hooks run in the order they were added.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.settings.hooks.push(Arc::new(hook));
        self
    }

    /// Adds `product` after the client crate's name and version in the `User-Agent` header.
    pub fn user_agent(mut self, product: impl Into<String>) -> Self {
        self.settings.user_agent = Some(product.into());
        self
    }

    /// Sends this header with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.settings
            .default_headers
            .push((name.into(), value.into()));
        self
    }

    /// Uses the caller's `reqwest::Client` (its pool, proxy and TLS settings). The client's
    /// own `User-Agent` and timeout still apply to every request.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.settings.http = Some(http);
        self
    }

    /// Retries failed calls as `policy` says (default [`RetryPolicy::default`]). Token
    /// requests of the client-credentials grant follow it as an idempotent call would.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.settings.retry = Some(policy);
        self
    }

    /// Reads at most `bytes` of a successful response body (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], 64 MiB); a larger one fails the call with
    /// [`Error::ResponseTooLarge`] instead of filling memory, without reading the rest (and
    /// without reading any of it when `Content-Length` announces it). Error bodies are read up
    /// to 64 KiB whatever this says, and errors keep 4 KiB of them.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.settings.max_response_bytes = Some(bytes);
        self
    }

    /// Builds the client; fails on a base URL that is not an absolute http(s) URL or a
    /// default header that is not valid.
    pub fn build(self) -> Result<C, Error<E>> {
        self.settings
            .transport()
            .map(C::from)
            .map_err(Error::Config)
    }
}

impl Settings {
    fn transport(self) -> Result<Transport, String> {
        // A region is a choice among the API's own hosts, as the spec's server is; only a URL
        // the caller gives is where every request must go (a proxy, a test server).
        let base_url_from_caller = self.api_base_url.is_some();
        let api_base_url = checked_base_url(
            self.api_base_url
                .or_else(|| self.region.map(Region::api_base_url))
                .unwrap_or(self.default_api_base_url),
        )?;
        let login_base_url = checked_base_url(
            self.login_base_url
                .or_else(|| self.region.map(Region::login_base_url))
                .unwrap_or(self.default_login_base_url),
        )?;
        let default_headers = checked_headers(&self.default_headers)?;
        let user_agent = match &self.user_agent {
            Some(product) => format!("{USER_AGENT} {product}"),
            None => USER_AGENT.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| format!("user agent `{user_agent}` is not a valid header value"))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .build()
                .map_err(|error| format!("HTTP client: {error}"))?,
        };
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let retry = self.retry.unwrap_or_default();
        let auth: Option<Arc<dyn TokenProvider>> = match self.auth {
            None => None,
            Some(Auth::Bearer(token)) => Some(Arc::new(StaticToken::new(token))),
            // The token request is part of the call: the same per-attempt timeout and
            // retries, so a hanging login host fails calls in time instead of holding them.
            Some(Auth::ClientCredentials { id, secret }) => Some(Arc::new(
                ClientCredentials::new(http.clone(), &login_base_url, id, secret)
                    .timeout(timeout)
                    .retry_policy(retry.clone()),
            )),
            Some(Auth::Provider(provider)) => {
                // The grants' providers take the same, unless they were given their own.
                provider.use_client_defaults(&ClientDefaults {
                    http: http.clone(),
                    timeout,
                    retry: retry.clone(),
                });
                Some(provider)
            }
        };
        Ok(Transport {
            inner: Arc::new(Inner {
                http,
                user_agent,
                api_base_url,
                base_url_from_caller,
                auth,
                timeout,
                operation_timeout: self.operation_timeout,
                default_headers,
                retry,
                max_response_bytes: self
                    .max_response_bytes
                    .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                hooks: self.hooks,
            }),
        })
    }
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &header_names)
            .field("timeout", &self.timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

fn checked_base_url(base_url: String) -> Result<String, String> {
    let parsed = reqwest::Url::parse(&base_url)
        .map_err(|error| format!("base URL `{base_url}`: {error}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
        return Err(format!(
            "base URL `{base_url}` must be an http(s) URL without a query"
        ));
    }
    Ok(base_url.trim_end_matches('/').to_owned())
}

/// Per-request settings, which every request builder offers.
#[doc(hidden)]
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub headers: Vec<(String, String)>,
    pub timeout: Option<Duration>,
    pub operation_timeout: Option<Duration>,
    pub retry: Option<RetryPolicy>,
}

/// The methods every operation's request type shares; see the macro's module.
#[doc(hidden)]
pub use crate::__request_methods as request_methods;

/// What an operation asks the client to send.
#[doc(hidden)]
pub struct Request {
    pub info: &'static OperationInfo,
    /// The filled path, each parameter already encoded.
    pub path: String,
    /// The query string without its `?`: `name=value` pairs joined by `&`, already encoded.
    pub query: String,
    /// The encoded body.
    pub body: Option<Bytes>,
    /// Extra headers for this request, header and cookie parameters among them.
    pub headers: Vec<(String, String)>,
    /// Per-attempt timeout override.
    pub timeout: Option<Duration>,
    /// Operation timeout override: the deadline of the whole call.
    pub operation_timeout: Option<Duration>,
    /// Retry policy override.
    pub retry: Option<RetryPolicy>,
    /// The `Accept` header.
    pub accept: &'static str,
    /// The `Content-Type` of the body.
    pub body_type: &'static str,
    /// The server the spec names for this operation (its own `servers`, else its path's),
    /// when it names one: see `operation_base_url` for where the request then goes.
    pub server: Option<&'static str>,
}

/// A path parameter that a style expands: API name, value, style and `explode`.
pub type StyledPathParameter<'a> = (&'a str, &'a dyn erased_serde::Serialize, Style, bool);

impl Request {
    /// A request for `info` with its path filled from `path_parameters` (API name, value).
    pub fn new(
        info: &'static OperationInfo,
        options: RequestOptions,
        path_parameters: &[(&str, &str)],
    ) -> Result<Self, Error<Undecoded>> {
        Self::with_styled_path(info, options, path_parameters, &[])
    }

    /// A request for `info` with its path filled from `path_parameters` (API name, value),
    /// each one segment, and `styled` ones, which their style expands ([`Style`]): a list,
    /// an object, a `label` or `matrix` parameter, or `content: application/json`.
    pub fn with_styled_path(
        info: &'static OperationInfo,
        options: RequestOptions,
        path_parameters: &[(&str, &str)],
        styled: &[StyledPathParameter<'_>],
    ) -> Result<Self, Error<Undecoded>> {
        let mut expanded = Vec::with_capacity(styled.len());
        for &(name, value, style, explode) in styled {
            let node = encoded(info, name, value)?;
            expanded.push((name, parameter::path_text(name, &node, style, explode)));
        }
        Ok(Self {
            info,
            path: fill_path(info, path_parameters, &expanded)?,
            query: String::new(),
            body: None,
            headers: options.headers,
            timeout: options.timeout,
            operation_timeout: options.operation_timeout,
            retry: options.retry,
            accept: "application/json",
            body_type: "application/json",
            server: None,
        })
    }

    /// Adds `name=value` to the query string, both encoded as a form encodes them (a space
    /// is `+`).
    pub fn query(&mut self, name: &str, value: impl fmt::Display) {
        self.start_pair(name);
        self.push_query_piece(&value.to_string());
    }

    /// Adds `name=a,b,c` to the query string (`form` style without `explode`): each item is
    /// encoded, the commas between them are not, so a comma inside an item stays one.
    pub fn query_list<T: fmt::Display>(&mut self, name: &str, values: impl IntoIterator<Item = T>) {
        self.start_pair(name);
        for (index, value) in values.into_iter().enumerate() {
            if index > 0 {
                self.query.push(',');
            }
            self.push_query_piece(&value.to_string());
        }
    }

    /// Writes `name=` after the pairs already in the query.
    fn start_pair(&mut self, name: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.push_query_piece(name);
        self.query.push('=');
    }

    fn push_query_piece(&mut self, text: &str) {
        self.query
            .extend(form_urlencoded::byte_serialize(text.as_bytes()));
    }

    /// Adds a query parameter that its style expands ([`Style`]): a list, an object, a
    /// delimited or `deepObject` style, or `content: application/json`.
    pub fn query_styled(
        &mut self,
        name: &str,
        value: &dyn erased_serde::Serialize,
        style: Style,
        explode: bool,
    ) -> Result<(), Error<Undecoded>> {
        let node = encoded(self.info, name, value)?;
        parameter::write_query(&mut self.query, name, &node, style, explode);
        Ok(())
    }

    /// Adds a query parameter with `allowReserved: true`, as [`query_styled`] would, except
    /// that RFC 3986's reserved characters (`:/?[]@!$&'()*+,;=`) and percent-encoded triples
    /// in its value are sent as they are: the caller wrote the value for the URL. Other
    /// bytes are percent-encoded, `#` too, which would end the query.
    ///
    /// [`query_styled`]: Self::query_styled
    pub fn query_reserved(
        &mut self,
        name: &str,
        value: &dyn erased_serde::Serialize,
        style: Style,
        explode: bool,
    ) -> Result<(), Error<Undecoded>> {
        let node = encoded(self.info, name, value)?;
        parameter::write_query_reserved(&mut self.query, name, &node, style, explode);
        Ok(())
    }

    /// Adds a header parameter; it is checked for CR and LF with the other headers.
    pub fn header(&mut self, name: &'static str, value: impl fmt::Display) {
        self.headers.push((name.to_owned(), value.to_string()));
    }

    /// Adds a header parameter that its style expands: a list or an object in `simple`
    /// style, or `content: application/json`.
    pub fn header_styled(
        &mut self,
        name: &'static str,
        value: &dyn erased_serde::Serialize,
        style: Style,
        explode: bool,
    ) -> Result<(), Error<Undecoded>> {
        let node = encoded(self.info, name, value)?;
        let text = parameter::header_text(&node, style, explode);
        self.headers.push((name.to_owned(), text));
        Ok(())
    }

    /// Adds `name=value` to the `Cookie` header, the value percent-encoded.
    pub fn cookie(&mut self, name: &str, value: impl fmt::Display) {
        let mut pair: String = utf8_percent_encode(name, PATH_SEGMENT).collect();
        pair.push('=');
        pair.extend(utf8_percent_encode(&value.to_string(), PATH_SEGMENT));
        self.add_cookie(pair);
    }

    /// Adds a cookie parameter that its style expands: a list or an object in `form` style,
    /// or `content: application/json`.
    pub fn cookie_styled(
        &mut self,
        name: &str,
        value: &dyn erased_serde::Serialize,
        style: Style,
        explode: bool,
    ) -> Result<(), Error<Undecoded>> {
        let node = encoded(self.info, name, value)?;
        let text = parameter::cookie_text(name, &node, style, explode);
        if !text.is_empty() {
            self.add_cookie(text);
        }
        Ok(())
    }

    /// Cookies go in one `Cookie` header, a request sends one (RFC 6265); a `Cookie` header
    /// the caller set with `.header(..)` is extended rather than doubled.
    fn add_cookie(&mut self, pairs: String) {
        let existing = self
            .headers
            .iter_mut()
            .find(|(name, _)| name.eq_ignore_ascii_case("cookie"));
        match existing {
            Some((_, value)) => {
                value.push_str("; ");
                value.push_str(&pairs);
            }
            None => self.headers.push(("Cookie".to_owned(), pairs)),
        }
    }

    /// Serializes `body` as an `application/x-www-form-urlencoded` body, each field in
    /// `form` style with `explode`: a scalar is `key=value`, a list one key per item.
    pub fn form_body(&mut self, body: &impl serde::Serialize) -> Result<(), Error<Undecoded>> {
        self.form_body_styled(body, &[])
    }

    /// Serializes `body` as an `application/x-www-form-urlencoded` body, each field in the
    /// style `fields` gives it (the spec's Encoding Object), a field not there in `form` style
    /// with `explode`.
    pub fn form_body_styled(
        &mut self,
        body: &impl serde::Serialize,
        fields: &[FormField<'_>],
    ) -> Result<(), Error<Undecoded>> {
        let failed = |info, error: &dyn fmt::Display| {
            Error::invalid_request(info, format!("the form cannot be encoded: {error}"))
        };
        let node = Node::of(body).map_err(|error| failed(self.info, &error))?;
        let mut text = String::new();
        parameter::write_form(&mut text, &node, fields)
            .map_err(|error| failed(self.info, &error))?;
        self.body = Some(Bytes::from(text));
        self.body_type = "application/x-www-form-urlencoded";
        Ok(())
    }

    /// Serializes `body` as the JSON body.
    pub fn json_body(&mut self, body: &impl serde::Serialize) -> Result<(), Error<Undecoded>> {
        let bytes = serde_json::to_vec(body).map_err(|error| {
            Error::invalid_request(self.info, format!("the body cannot be serialized: {error}"))
        })?;
        self.body = Some(Bytes::from(bytes));
        Ok(())
    }

    /// Sends `body` as it is, with the `Content-Type` `media_type` (a text or binary body).
    pub fn raw_body(&mut self, body: impl Into<Bytes>, media_type: &'static str) {
        self.body = Some(body.into());
        self.body_type = media_type;
    }
}

/// The base URL of a request whose operation names a server of its own, `server` (the first
/// of its `servers` in the spec, variables filled in, without a trailing `/`), when the
/// client's base URL is `base_url`, chosen by the caller with [`ClientBuilder::base_url`] when
/// `base_url_from_caller`:
///
/// - an absolute URL (`https://upload.example.com/v1`), or one that names its host
///   (`//upload.example.com/v1`), is used instead of the client's base URL, whether that came
///   from the spec or from [`ClientBuilder::region`]; unless the caller set the base URL, and
///   then the request goes there as every other does: a client pointed at a proxy or a test
///   server sends nothing elsewhere;
/// - a relative URL is resolved against the client's base URL, whoever chose it, as RFC 3986
///   resolves a relative reference, the base URL taken as a folder (as if it ended in `/`):
///   `/v2` replaces its path (`https://api.example.com/v1` → `https://api.example.com/v2`),
///   `v2` is appended (`https://api.example.com/v1/v2`), `../v2` goes up a segment first.
///
/// The result has no trailing `/`; the request's path is appended to it. Fails on what cannot
/// be a base URL (a scheme other than http(s), a query or a fragment), which the generator
/// never writes.
fn operation_base_url(
    base_url: &str,
    base_url_from_caller: bool,
    server: &str,
) -> Result<String, String> {
    let names_host = server.starts_with("//") || reqwest::Url::parse(server).is_ok();
    if names_host && base_url_from_caller {
        return Ok(base_url.to_owned());
    }
    let resolved = reqwest::Url::parse(&format!("{base_url}/"))
        .and_then(|base| base.join(server))
        .map_err(|error| format!("server `{server}` against base URL `{base_url}`: {error}"))?;
    if !matches!(resolved.scheme(), "http" | "https")
        || resolved.query().is_some()
        || resolved.fragment().is_some()
    {
        return Err(format!(
            "server `{server}` is not an http(s) URL without a query and a fragment"
        ));
    }
    Ok(resolved.as_str().trim_end_matches('/').to_owned())
}

/// A parameter value encoded with serde, ready for its style.
fn encoded(
    info: &'static OperationInfo,
    name: &str,
    value: &dyn erased_serde::Serialize,
) -> Result<Node, Error<Undecoded>> {
    Node::of(value).map_err(|error| {
        Error::invalid_request(
            info,
            format!("parameter `{name}` cannot be encoded: {error}"),
        )
    })
}

/// A successful response, read in full, before it is decoded.
#[doc(hidden)]
pub struct RawResponse {
    info: &'static OperationInfo,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The body as it came.
    pub fn into_bytes(self) -> Bytes {
        self.body
    }

    /// The body as text; it must be UTF-8.
    pub fn text(self) -> Result<String, Box<DecodeError>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(text) => Ok(text),
            Err(error) => Err(self.decode_error(
                String::new(),
                format!("the text body is not UTF-8: {error}"),
            )),
        }
    }

    /// A 2xx status the spec does not list for this operation.
    pub fn unexpected_status(self) -> Box<DecodeError> {
        let message = format!("the spec lists no response for status {}", self.status);
        self.decode_error(String::new(), message)
    }

    /// Decodes the JSON body; a mismatch names the JSON path that failed.
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<T, Box<DecodeError>> {
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(error) => Err(self.json_error(&error)),
        }
    }

    /// Names where decoding stopped. Not generic: a second, path-tracking decode would compile
    /// every type's decoder twice, so the path is read off the text at serde_json's position.
    #[cold]
    #[inline(never)]
    fn json_error(self, error: &serde_json::Error) -> Box<DecodeError> {
        let path = match byte_offset(&self.body, error.line(), error.column()) {
            Some(offset) => json_path_at(&self.body, offset),
            None => String::new(),
        };
        self.decode_error(path, error.to_string())
    }

    #[cold]
    fn decode_error(self, path: String, message: String) -> Box<DecodeError> {
        Box::new(DecodeError {
            operation: self.info.id,
            status: self.status,
            correlation_id: correlation_id(&self.headers).map(str::to_owned),
            path,
            message,
            raw_body: body::excerpt(&self.body, Unread::Nothing),
        })
    }
}

/// The byte offset of serde_json's 1-based `line` and 0-based byte `column`; `None` when the
/// error has no position.
fn byte_offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        body.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map(|(index, _)| index + 1)?
    };
    Some((line_start + column).min(body.len()))
}

/// The path (`entities[0].enabled`, `.` for the root) of the innermost value open at byte
/// `offset` of a JSON text, from the keys and indexes met on the way there.
fn json_path_at(body: &[u8], offset: usize) -> String {
    enum Open {
        Object {
            key: Option<String>,
            wants_key: bool,
        },
        Array(usize),
    }
    let mut open: Vec<Open> = Vec::new();
    let mut index = 0;
    while index < offset {
        match body[index] {
            b'{' => open.push(Open::Object {
                key: None,
                wants_key: true,
            }),
            b'[' => open.push(Open::Array(0)),
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::Array(position)) => *position += 1,
                Some(Open::Object { wants_key, .. }) => *wants_key = true,
                None => {}
            },
            b'"' => {
                let start = index;
                index += 1;
                while index < body.len() && body[index] != b'"' {
                    index += if body[index] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object { key, wants_key }) = open.last_mut()
                    && *wants_key
                {
                    let text = body.get(start..=index).unwrap_or_default();
                    *key = Some(serde_json::from_slice(text).unwrap_or_else(|_| {
                        String::from_utf8_lossy(text).trim_matches('"').to_owned()
                    }));
                    *wants_key = false;
                }
            }
            _ => {}
        }
        index += 1;
    }
    let mut path = String::new();
    for step in &open {
        match step {
            Open::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Object { key: None, .. } => {}
            Open::Array(position) => {
                path.push('[');
                path.push_str(&position.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// Fills the path template: `parameters` are percent-encoded as one segment each, `expanded`
/// ones were encoded piece by piece by their style and go in as they are.
fn fill_path(
    info: &'static OperationInfo,
    parameters: &[(&str, &str)],
    expanded: &[(&str, String)],
) -> Result<String, Error<Undecoded>> {
    let mut path = String::with_capacity(info.path.len() + 40);
    let mut rest = info.path;
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|end| start + end)
            .ok_or_else(|| Error::invalid_request(info, "the path template is malformed"))?;
        let name = &rest[start + 1..end];
        let plain = parameters.iter().find(|(parameter, _)| *parameter == name);
        let styled = expanded.iter().find(|(parameter, _)| *parameter == name);
        let value = match (plain, styled) {
            (Some((_, value)), _) => *value,
            (None, Some((_, value))) => value.as_str(),
            (None, None) => {
                return Err(Error::invalid_request(
                    info,
                    format!("no value for path parameter `{name}`"),
                ));
            }
        };
        // A dot segment would move the request to another path once the URL is normalized.
        if value.is_empty() || value == "." || value == ".." {
            return Err(Error::invalid_request(
                info,
                format!("path parameter `{name}` cannot be `{value}`"),
            ));
        }
        path.push_str(&rest[..start]);
        if plain.is_some() {
            path.extend(utf8_percent_encode(value, PATH_SEGMENT));
        } else {
            path.push_str(value);
        }
        rest = &rest[end + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::{HttpMethod, PermissionKind, Permissions};

    const INFO: OperationInfo = OperationInfo {
        id: "getThing",
        method: HttpMethod::Get,
        path: "/api/things/{thingId}/parts/{partId}",
        tag: "Things",
        permissions: Permissions {
            kind: PermissionKind::Any,
            names: &[],
        },
        preview: false,
    };

    #[test]
    fn path_parameters_are_one_encoded_segment() {
        let path = fill_path(
            &INFO,
            &[("thingId", "a/../b?c#d%e f"), ("partId", "x.y~z")],
            &[],
        )
        .unwrap();
        assert_eq!(path, "/api/things/a%2F..%2Fb%3Fc%23d%25e%20f/parts/x.y~z");
    }

    #[test]
    fn query_pairs_follow_those_the_path_wrote() {
        let mut url = reqwest::Url::parse("https://api.example.com/search?query=a%26b").unwrap();
        append_query(&mut url, "page=2&size=10");
        assert_eq!(
            url.as_str(),
            "https://api.example.com/search?query=a%26b&page=2&size=10"
        );
        let mut url = reqwest::Url::parse("https://api.example.com/search").unwrap();
        append_query(&mut url, "page=2");
        assert_eq!(url.as_str(), "https://api.example.com/search?page=2");
        append_query(&mut url, "");
        assert_eq!(url.as_str(), "https://api.example.com/search?page=2");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let error = fill_path(&INFO, &[("thingId", value), ("partId", "p")], &[]).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("path parameter `thingId` cannot be"),
                "{error}"
            );
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only decoded")]
    struct Page {
        entities: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only decoded")]
    struct Item {
        id: String,
        enabled: bool,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn failing_path(text: &str) -> String {
        let error = serde_json::from_str::<Page>(text).unwrap_err();
        let offset =
            byte_offset(text.as_bytes(), error.line(), error.column()).expect("a position");
        json_path_at(text.as_bytes(), offset)
    }

    #[test]
    fn decode_errors_name_the_path_of_the_value_that_failed() {
        let cases = [
            (
                r#"{"entities":[{"id":"x","enabled":"yes"}]}"#,
                "entities[0].enabled",
            ),
            (
                r#"{"entities":[{"id":"x","enabled":{"a":[1]}}]}"#,
                "entities[0].enabled",
            ),
            (
                r#"{"entities":[{"id":"x","enabled":true},{"id":"y"}]}"#,
                "entities[1]",
            ),
            (
                r#"{"entities":[{"id":"a \"q\" ,[{","enabled":true},{"id":"y","enabled":1}]}"#,
                "entities[1].enabled",
            ),
            (
                r#"{"entities":[{"id":"x","en\u0061bled":"yes"}]}"#,
                "entities[0].enabled",
            ),
            (
                "{\n  \"entities\": [\n    {\"id\": \"x\", \"enabled\": true, \"tags\": [\"a\", 2]}\n  ]\n}",
                "entities[0].tags[1]",
            ),
            ("[]", "."),
            (r#"{"entities":[{"id":"x","enabled":true}"#, "entities[0]"),
        ];
        for (text, path) in cases {
            assert_eq!(failing_path(text), path, "{text}");
        }
    }
}

/// Bodies sent with their media types.
#[cfg(test)]
mod bodies {
    use super::*;
    use crate::testing::{self, POST, Server, respond, within};

    /// Sends a POST whose body `fill` sets, and returns the request head the server read.
    async fn head_of(fill: impl FnOnce(&mut Request)) -> String {
        let (sender, mut heads) = tokio::sync::mpsc::unbounded_channel();
        let server = Server::start(move |_, stream, head| {
            let _ = sender.send(head);
            respond(stream, "204 No Content", &[], "")
        })
        .await;
        let transport = testing::builder(&server).build().unwrap();
        let mut request = Request::new(&POST, RequestOptions::default(), &[]).unwrap();
        fill(&mut request);
        within(transport.call::<Empty, serde_json::Value>(Ok(request)))
            .await
            .expect("answered");
        heads.recv().await.expect("a request").to_ascii_lowercase()
    }

    #[tokio::test]
    async fn a_raw_body_goes_with_its_media_type() {
        let head = head_of(|request| request.raw_body("hello", "text/plain")).await;
        assert!(head.contains("\r\ncontent-type: text/plain\r\n"), "{head}");
        assert!(head.contains("\r\ncontent-length: 5\r\n"), "{head}");
    }

    #[tokio::test]
    async fn a_json_body_may_have_another_json_media_type() {
        let head = head_of(|request| {
            request.json_body(&serde_json::json!({"a": 1})).unwrap();
            request.body_type = "application/scim+json";
        })
        .await;
        assert!(
            head.contains("\r\ncontent-type: application/scim+json\r\n"),
            "{head}"
        );
    }

    #[tokio::test]
    async fn the_callers_content_type_wins() {
        let head = head_of(|request| {
            request.headers.push((
                "Content-Type".to_owned(),
                "multipart/form-data; boundary=x".to_owned(),
            ));
            request.raw_body(&b"--x--"[..], "multipart/form-data");
        })
        .await;
        assert_eq!(head.matches("content-type:").count(), 1, "{head}");
        assert!(
            head.contains("\r\ncontent-type: multipart/form-data; boundary=x\r\n"),
            "{head}"
        );
    }
}

/// Parameters as the server reads them: the URL's query and path as written, cookies in one
/// header.
#[cfg(test)]
mod parameters {
    use super::*;
    use crate::testing::{self, Server, respond, within};
    use serde_json::json;

    static STYLED: OperationInfo = OperationInfo {
        id: "getStyled",
        method: HttpMethod::Get,
        path: "/things/{id}/{coords}{labels}",
        tag: "Things",
        permissions: crate::metadata::Permissions {
            kind: crate::metadata::PermissionKind::Any,
            names: &[],
        },
        preview: false,
    };

    /// Sends the request `build` makes and returns the request head the server read.
    async fn head_of(
        build: impl FnOnce(RequestOptions) -> Result<Request, Error<Undecoded>>,
    ) -> String {
        let (sender, mut heads) = tokio::sync::mpsc::unbounded_channel();
        let server = Server::start(move |_, stream, head| {
            let _ = sender.send(head);
            respond(stream, "204 No Content", &[], "")
        })
        .await;
        let transport = testing::builder(&server).build().unwrap();
        within(transport.call::<Empty, serde_json::Value>(build(RequestOptions::default())))
            .await
            .expect("answered");
        heads.recv().await.expect("a request")
    }

    #[tokio::test]
    async fn styled_parameters_reach_the_server_as_written() {
        let head = head_of(|mut options| {
            options
                .headers
                .push(("Cookie".to_owned(), "theirs=1".to_owned()));
            let coords = json!({"x": 1, "y": "a b"});
            let labels = json!(["p", "q"]);
            let mut request = Request::with_styled_path(
                &STYLED,
                options,
                &[("id", "a/b")],
                &[
                    ("coords", &coords, Style::Matrix, true),
                    ("labels", &labels, Style::Label, false),
                ],
            )?;
            request.query("plain", "a b,c");
            request.query_list("joined", ["a,b", "c"]);
            request.query_styled("deep", &json!({"k": [1, 2]}), Style::DeepObject, false)?;
            request.query_styled("pipes", &json!(["x", "y|z"]), Style::PipeDelimited, false)?;
            request.query_styled("spaces", &json!(["x", "y"]), Style::SpaceDelimited, false)?;
            request.header_styled("X-Ids", &json!([1, 2]), Style::Simple, false)?;
            request.cookie("session", "s 1");
            request.cookie_styled("prefs", &json!({"a": "x"}), Style::Form, true)?;
            Ok(request)
        })
        .await;
        let line = head.lines().next().expect("a request line");
        assert_eq!(
            line,
            "GET /things/a%2Fb/;x=1;y=a%20b.p,q?plain=a+b%2Cc&joined=a%2Cb,c&deep[k][0]=1\
             &deep[k][1]=2&pipes=x|y%7Cz&spaces=x%20y HTTP/1.1"
        );
        let head = head.to_ascii_lowercase();
        assert!(head.contains("\r\nx-ids: 1,2\r\n"), "{head}");
        assert_eq!(head.matches("cookie:").count(), 1, "{head}");
        assert!(
            head.contains("\r\ncookie: theirs=1; session=s%201; a=x\r\n"),
            "{head}"
        );
    }

    #[tokio::test]
    async fn reserved_characters_of_an_allow_reserved_value_reach_the_server() {
        let head = head_of(|options| {
            let mut request = Request::new(&testing::GET, options, &[])?;
            request.query_reserved("r", &"/a?b=c&d=[e]|f^g'h %41#i", Style::Form, true)?;
            request.query_styled("plain", &"/a?b", Style::Form, true)?;
            Ok(request)
        })
        .await;
        let line = head.lines().next().expect("a request line");
        // Reserved characters and the triple `%41` as written; `|`, `^`, the space and `#`
        // encoded; `'` too, by the URL parser, as the URL standard has it for http(s)
        // queries. Without `allowReserved`, everything but unreserved characters is encoded.
        assert_eq!(
            line,
            "GET /api/things?r=/a?b=c&d=[e]%7Cf%5Eg%27h%20%41%23i&plain=%2Fa%3Fb HTTP/1.1"
        );
    }

    #[test]
    fn a_value_serde_cannot_encode_fails_the_request() {
        struct Broken;
        impl serde::Serialize for Broken {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("no way"))
            }
        }
        let mut request = Request::new(&testing::GET, RequestOptions::default(), &[]).unwrap();
        let error = request
            .query_styled("filter", &Broken, Style::DeepObject, true)
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("parameter `filter` cannot be encoded: no way"),
            "{error}"
        );
        let error = Request::with_styled_path(
            &STYLED,
            RequestOptions::default(),
            &[("id", "1"), ("coords", "2")],
            &[("labels", &json!(""), Style::Label, false)],
        )
        .err()
        .expect("a dot segment is refused");
        assert!(
            error
                .to_string()
                .contains("path parameter `labels` cannot be `.`"),
            "{error}"
        );
    }
}

/// The transport against loopback servers that misbehave.
#[cfg(test)]
mod faults {
    use super::*;
    use crate::testing::{self, GET, POST, Server, assert_no_repeats, call, chain, respond};
    use tokio::io::AsyncWriteExt;
    use tokio::net::TcpStream;

    /// Sends a head announcing `length` bytes (chunked when `None`), then writes `length`
    /// bytes of `x` (or 50 MB) until the client stops reading.
    async fn flood(mut stream: TcpStream, status: &str, length: Option<usize>) {
        let total = length.unwrap_or(50 * 1024 * 1024);
        let framing = match length {
            Some(length) => format!("content-length: {length}"),
            None => "transfer-encoding: chunked".to_owned(),
        };
        let head = format!("HTTP/1.1 {status}\r\n{framing}\r\nconnection: close\r\n\r\n");
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let block = vec![b'x'; 64 * 1024];
        let mut sent = 0;
        while sent < total {
            let size = block.len().min(total - sent);
            let written = match length {
                Some(_) => stream.write_all(&block[..size]).await,
                None => {
                    let mut chunk = format!("{size:x}\r\n").into_bytes();
                    chunk.extend_from_slice(&block[..size]);
                    chunk.extend_from_slice(b"\r\n");
                    stream.write_all(&chunk).await
                }
            };
            // The client stopped reading and closed: what it wanted to show.
            if written.is_err() {
                return;
            }
            sent += size;
        }
        if length.is_none() {
            let _ = stream.write_all(b"0\r\n\r\n").await;
        }
    }

    #[tokio::test]
    async fn a_body_cut_short_names_end_of_file_once_in_the_chain() {
        let server = Server::start(|_, mut stream, _| async move {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"entities\":")
                .await;
            // Closing here leaves 88 announced bytes unsent.
        })
        .await;
        let transport = testing::builder(&server)
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();

        let error = call(&transport, &GET).await.expect_err("the body is cut");

        let texts = chain(&error);
        assert_eq!(texts[0], "getThing: request failed", "{texts:#?}");
        assert_no_repeats(&texts);
        assert!(
            texts.last().unwrap().contains("end of file"),
            "the cause is not at the end of {texts:#?}"
        );
        // Answered, though cut: not a connection failure, so not retried.
        assert_eq!(server.requests(), 1);
    }

    #[tokio::test]
    async fn a_timeout_says_timed_out_once_in_the_chain() {
        let (held, mut release) = tokio::sync::mpsc::channel::<TcpStream>(4);
        let server = Server::start(move |_, stream, _| {
            let held = held.clone();
            // Keeps the connection open, unanswered, until the test ends.
            async move {
                let _ = held.send(stream).await;
            }
        })
        .await;
        let transport = testing::builder(&server)
            .timeout(Duration::from_millis(200))
            .retry_policy(testing::fast_retries().max_attempts(2))
            .build()
            .unwrap();

        let error = call(&transport, &GET).await.expect_err("no answer");

        let texts = chain(&error);
        assert_eq!(
            texts[0], "getThing: request failed (timed out) after 2 attempts",
            "{texts:#?}"
        );
        assert_no_repeats(&texts);
        assert!(
            texts.last().unwrap().contains("timed out"),
            "the cause is not at the end of {texts:#?}"
        );
        assert_eq!(server.requests(), 2);
        release.close();
    }

    #[tokio::test]
    async fn a_50_mb_error_body_makes_an_error_of_a_few_kib() {
        for length in [Some(50 * 1024 * 1024), None] {
            let server = Server::start(move |_, stream, _| {
                flood(stream, "500 Internal Server Error", length)
            })
            .await;
            let transport = testing::builder(&server).build().unwrap();

            let error = call(&transport, &GET).await.expect_err("a 500");

            let Error::Api(api) = &error else {
                panic!("expected Error::Api, got {error}");
            };
            let shown = error.to_string();
            let debug = format!("{error:?}");
            assert!(shown.len() < 1024, "Display is {} bytes", shown.len());
            assert!(debug.len() < 6 * 1024, "Debug is {} bytes", debug.len());
            assert!(api.raw_body.starts_with("xxxx"));
            assert_eq!(&api.raw_body[..4096], "x".repeat(4096));
            let note = &api.raw_body[4096..];
            match length {
                // All that was not kept, from the announced length.
                Some(length) => assert_eq!(note, format!("… and {} more bytes", length - 4096)),
                // No length: what was read and not kept, and what the last chunk read held
                // past the 64 KiB read; how much that is depends on how the bytes came.
                None => {
                    let count: usize = note
                        .strip_prefix("… and at least ")
                        .and_then(|rest| rest.strip_suffix(" more bytes"))
                        .and_then(|count| count.parse().ok())
                        .unwrap_or_else(|| panic!("raw_body ends with {note:?}"));
                    assert!(count >= 64 * 1024 - 4096, "{note}");
                }
            }
            assert!(api.body.is_none(), "a cut body is no document");
        }
    }

    #[tokio::test]
    async fn an_error_document_that_fits_is_decoded() {
        let server = Server::start(|_, stream, _| {
            respond(
                stream,
                "404 Not Found",
                &["inin-correlation-id: c-1"],
                r#"{"message":"no such thing","status":404}"#,
            )
        })
        .await;
        let transport = testing::builder(&server).build().unwrap();

        let error = call(&transport, &GET).await.expect_err("a 404");

        assert_eq!(
            error.to_string(),
            "getThing: HTTP 404 Not Found: no such thing (correlation id c-1)"
        );
    }

    #[tokio::test]
    async fn a_success_body_over_the_limit_fails_clearly() {
        for length in [Some(10_000), None] {
            let server = Server::start(move |_, stream, _| flood(stream, "200 OK", length)).await;
            let transport = testing::builder(&server)
                .max_response_bytes(4_000)
                .build()
                .unwrap();

            let error = call(&transport, &GET).await.expect_err("too large");

            assert!(
                matches!(
                    error,
                    Error::ResponseTooLarge {
                        operation: "getThing",
                        limit: 4_000,
                        ..
                    }
                ),
                "{error:?}"
            );
            assert_eq!(
                error.to_string(),
                "getThing: HTTP 200 OK: the response body is larger than the 4000 bytes the \
                 client accepts (max_response_bytes)"
            );
            // Not a failure to retry: the same body would come again.
            assert_eq!(server.requests(), 1);
        }
        let server = Server::start(|_, stream, _| respond(stream, "200 OK", &[], "[1,2,3]")).await;
        let transport = testing::builder(&server)
            .max_response_bytes(7)
            .build()
            .unwrap();
        assert_eq!(
            call(&transport, &GET).await.expect("exactly the limit"),
            serde_json::json!([1, 2, 3])
        );
    }

    #[tokio::test]
    async fn a_decode_error_keeps_a_few_kib_of_the_body() {
        let body = format!("[{}\"not a number\"]", "1,".repeat(10_000));
        let server = Server::start(move |_, stream, _| {
            let body = body.clone();
            async move { respond(stream, "200 OK", &[], &body).await }
        })
        .await;
        let transport = testing::builder(&server).build().unwrap();
        let request = Request::new(&GET, RequestOptions::default(), &[]);

        let error = testing::within(transport.call::<Json<Vec<u32>>, serde_json::Value>(request))
            .await
            .expect_err("a string in a list of numbers");

        let Error::Decode(decode) = &error else {
            panic!("expected Error::Decode, got {error:?}");
        };
        assert_eq!(decode.path, "[10000]");
        // 20,016 bytes: 4,096 kept.
        assert_eq!(&decode.raw_body[4096..], "… and 15920 more bytes");
        assert!(format!("{error:?}").len() < 6 * 1024);
    }

    /// A server that closes the first connection once it has read the request, without a
    /// word, and answers the next ones.
    async fn closes_first_connection() -> Server {
        Server::start(|number, stream, _| async move {
            if number == 1 {
                drop(stream);
            } else {
                respond(stream, "200 OK", &[], r#"{"ok":true}"#).await;
            }
        })
        .await
    }

    #[tokio::test]
    async fn a_connection_closed_before_any_answer_is_retried_for_get() {
        let server = closes_first_connection().await;
        let transport = testing::builder(&server).build().unwrap();

        let answer = call(&transport, &GET)
            .await
            .expect("the second attempt is answered");

        assert_eq!(answer, serde_json::json!({"ok": true}));
        assert_eq!(server.requests(), 2);
    }

    #[tokio::test]
    async fn a_connection_closed_before_any_answer_is_not_retried_for_post() {
        let server = closes_first_connection().await;
        let transport = testing::builder(&server).build().unwrap();

        let error = call(&transport, &POST)
            .await
            .expect_err("the server may have acted on it");

        assert!(
            matches!(
                error,
                Error::Transport {
                    operation: "postThing",
                    attempts: 1,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_no_repeats(&chain(&error));
        assert_eq!(server.requests(), 1);
    }

    #[tokio::test]
    async fn a_static_tokens_401_is_not_sent_again() {
        let server = Server::start(|_, stream, _| {
            respond(
                stream,
                "401 Unauthorized",
                &[],
                r#"{"message":"bad token"}"#,
            )
        })
        .await;
        let transport = testing::builder(&server)
            .bearer_token("fixed")
            .build()
            .unwrap();

        let error = call(&transport, &GET).await.expect_err("a 401");

        assert_eq!(error.status(), Some(StatusCode::UNAUTHORIZED));
        assert_eq!(error.attempts(), Some(1));
        assert_eq!(server.requests(), 1, "the same token was sent again");
    }
}

/// Where a request goes when its operation names a server of its own: the rule of
/// `operation_base_url`, then loopback servers seeing who gets the request.
#[cfg(test)]
mod servers {
    use super::*;
    use crate::testing::{self, Server, respond, within};

    #[test]
    fn an_absolute_server_replaces_the_default_base_url_unless_the_caller_chose_one() {
        let base = "https://api.example.com/v1";
        for (server, by_default, chosen_by_caller) in [
            (
                "https://upload.example.com/v1",
                "https://upload.example.com/v1",
                base,
            ),
            (
                "http://files.example.com:8443",
                "http://files.example.com:8443",
                base,
            ),
            (
                "//upload.example.com/v1",
                "https://upload.example.com/v1",
                base,
            ),
            (
                "/v2",
                "https://api.example.com/v2",
                "https://api.example.com/v2",
            ),
            (
                "v2",
                "https://api.example.com/v1/v2",
                "https://api.example.com/v1/v2",
            ),
            (
                "v2/x",
                "https://api.example.com/v1/v2/x",
                "https://api.example.com/v1/v2/x",
            ),
            (
                "../v2",
                "https://api.example.com/v2",
                "https://api.example.com/v2",
            ),
            ("./", base, base),
            ("/", "https://api.example.com", "https://api.example.com"),
        ] {
            assert_eq!(
                operation_base_url(base, false, server).as_deref(),
                Ok(by_default),
                "{server}"
            );
            assert_eq!(
                operation_base_url(base, true, server).as_deref(),
                Ok(chosen_by_caller),
                "{server}, base URL chosen by the caller"
            );
        }
        // A base URL without a path: relative servers are paths under its host.
        assert_eq!(
            operation_base_url("http://127.0.0.1:8080", true, "v2").as_deref(),
            Ok("http://127.0.0.1:8080/v2")
        );
    }

    #[test]
    fn a_server_that_cannot_be_a_base_url_fails_the_request() {
        for server in ["wss://stream.example.com", "/v2?key=k", "/v2#top"] {
            let error = operation_base_url("https://api.example.com", false, server).unwrap_err();
            assert!(error.contains(server), "{error}");
        }
    }

    /// A loopback server that answers 204 and reports each request line it reads.
    async fn recording() -> (Server, tokio::sync::mpsc::UnboundedReceiver<String>) {
        let (sender, lines) = tokio::sync::mpsc::unbounded_channel();
        let server = Server::start(move |_, stream, head: String| {
            let line = head.lines().next().unwrap_or_default().to_owned();
            let _ = sender.send(line);
            respond(stream, "204 No Content", &[], "")
        })
        .await;
        (server, lines)
    }

    /// Sends `GET /api/things` through `transport` with `server` as its operation's server.
    async fn call_with_server(transport: &Transport, server: &str) {
        let server: &'static str = Box::leak(server.to_owned().into_boxed_str());
        let request = Request::new(&testing::GET, RequestOptions::default(), &[]).map(|mut r| {
            r.server = Some(server);
            r
        });
        within(transport.call::<Empty, serde_json::Value>(request))
            .await
            .expect("answered");
    }

    #[tokio::test]
    async fn an_operation_goes_to_its_own_server_unless_the_caller_set_the_base_url() {
        let (default, mut to_default) = recording().await;
        let (upload, mut to_upload) = recording().await;
        let upload_server = format!("{}/upload/v1", upload.url);
        // The spec's server is the default base URL; a region is a default too.
        for builder in [
            ClientBuilder::<Transport>::for_hosts(&default.url, "http://127.0.0.1:9"),
            ClientBuilder::<Transport>::for_hosts(&default.url, "http://127.0.0.1:9")
                .region(Region::EuWest1),
        ] {
            let transport = builder.build().unwrap();
            call_with_server(&transport, &upload_server).await;
            assert_eq!(
                to_upload.recv().await.as_deref(),
                Some("GET /upload/v1/api/things HTTP/1.1")
            );
        }
        assert_eq!(default.requests(), 0);
        // A base URL the caller set takes every request, whatever the operation's server.
        let transport =
            ClientBuilder::<Transport>::for_hosts("https://api.invalid", "https://login.invalid")
                .base_url(format!("{}/", default.url))
                .build()
                .unwrap();
        call_with_server(&transport, &upload_server).await;
        assert_eq!(
            to_default.recv().await.as_deref(),
            Some("GET /api/things HTTP/1.1")
        );
        // A relative server is resolved against it.
        let transport = testing::builder(&default).build().unwrap();
        call_with_server(&transport, "/v2").await;
        assert_eq!(
            to_default.recv().await.as_deref(),
            Some("GET /v2/api/things HTTP/1.1")
        );
        assert_eq!(upload.requests(), 2);
    }
}
