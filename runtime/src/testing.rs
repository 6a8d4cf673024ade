//! Test helpers: a loopback HTTP/1.1 server whose every answer the test writes by hand, so
//! that it can misbehave (hang, close early, send 50 MB), and a transport pointed at it.

use crate::client::{ClientBuilder, Json, Request, RequestOptions, Transport};
use crate::error::Error;
use crate::metadata::{HttpMethod, OperationInfo, PermissionKind, Permissions};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How long any test waits for anything on the network before failing.
pub(crate) const WAIT: Duration = Duration::from_secs(20);

/// Runs `future`, failing the test if it takes longer than [`WAIT`].
pub(crate) async fn within<T>(future: impl Future<Output = T>) -> T {
    tokio::time::timeout(WAIT, future)
        .await
        .expect("the test waited too long")
}

/// What the server does with one request: the request's number (from 1), the connection,
/// and the request head.
type Answer =
    dyn Fn(usize, TcpStream, String) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

/// A loopback server that reads each request and hands it to the test's answer.
pub(crate) struct Server {
    /// `http://127.0.0.1:<port>`.
    pub(crate) url: String,
    requests: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Starts a server that answers every request with `answer`.
    pub(crate) async fn start<F, Fut>(answer: F) -> Self
    where
        F: Fn(usize, TcpStream, String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let answer: Arc<Answer> = Arc::new(move |number, stream, head| {
            Box::pin(answer(number, stream, head)) as Pin<Box<dyn Future<Output = ()> + Send>>
        });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let answer = answer.clone();
                let counted = counted.clone();
                tokio::spawn(async move {
                    if let Some(head) = read_request(&mut stream).await {
                        let number = counted.fetch_add(1, Ordering::SeqCst) + 1;
                        answer(number, stream, head).await;
                    }
                });
            }
        });
        Self {
            url,
            requests,
            task,
        }
    }

    /// How many requests it has read.
    pub(crate) fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request (head, and body by `Content-Length`); `None` if the connection closed
/// first.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = bytes.windows(4).position(|window| window == b"\r\n\r\n") {
            break end + 4;
        }
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        bytes.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut have = bytes.len() - head_end;
    while have < length {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        have += read;
    }
    Some(head)
}

/// Writes a whole response with `status` (such as `200 OK`), extra header lines and `body`,
/// and closes the connection.
pub(crate) async fn respond(mut stream: TcpStream, status: &str, headers: &[&str], body: &str) {
    let mut text = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for header in headers {
        text.push_str(header);
        text.push_str("\r\n");
    }
    text.push_str("\r\n");
    text.push_str(body);
    // The client may have given up already; that is the test's business, not the server's.
    let _ = stream.write_all(text.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// An operation read with GET, which retries treat as idempotent.
pub(crate) static GET: OperationInfo = OperationInfo {
    id: "getThing",
    method: HttpMethod::Get,
    path: "/api/things",
    tag: "Things",
    permissions: Permissions {
        kind: PermissionKind::Any,
        names: &[],
    },
    preview: false,
};

/// An operation sent with POST, which only a 429 retries.
pub(crate) static POST: OperationInfo = OperationInfo {
    id: "postThing",
    method: HttpMethod::Post,
    path: "/api/things",
    tag: "Things",
    permissions: Permissions {
        kind: PermissionKind::Any,
        names: &[],
    },
    preview: false,
};

/// A builder of a bare transport for `server`, retrying fast.
pub(crate) fn builder(server: &Server) -> ClientBuilder<Transport> {
    ClientBuilder::<Transport>::default()
        .base_url(&server.url)
        .retry_policy(fast_retries())
}

/// Retries that wait milliseconds, not seconds.
pub(crate) fn fast_retries() -> crate::RetryPolicy {
    crate::RetryPolicy::default().backoff(Duration::from_millis(5), Duration::from_millis(20))
}

/// Calls `info` through `transport`, reading the answer as any JSON; fails the test if it
/// takes longer than [`WAIT`].
pub(crate) async fn call(
    transport: &Transport,
    info: &'static OperationInfo,
) -> Result<serde_json::Value, Error> {
    let request = Request::new(info, RequestOptions::default(), &[]).map(|mut request| {
        if info.method == HttpMethod::Post {
            request.body = Some(bytes::Bytes::from_static(b"{}"));
        }
        request
    });
    within(transport.call::<Json<serde_json::Value>, serde_json::Value>(request)).await
}

/// The `Display` of `error` and of each cause under it, outermost first.
pub(crate) fn chain(error: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut texts = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(error) = cause {
        texts.push(error.to_string());
        cause = error.source();
    }
    texts
}

/// Checks that no layer of a printed chain repeats the text of a layer under it: each says
/// only its own part.
pub(crate) fn assert_no_repeats(texts: &[String]) {
    for (index, outer) in texts.iter().enumerate() {
        for inner in &texts[index + 1..] {
            assert!(
                !outer.contains(inner.as_str()),
                "`{outer}` repeats its cause `{inner}`; chain: {texts:#?}"
            );
        }
    }
}
