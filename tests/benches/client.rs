//! What the generated client costs over a hand-written reqwest + serde call doing the same work.
//!
//! `cargo bench -p purecloud-tests --bench client`; each group runs the generated client and
//! the hand-written call against one loopback server, so their ratio comes from one run.
//! Criterion measures one side after the other, so a change in the machine's load between
//! the two moves the ratio; before the groups, the binary also times the two calls
//! alternately, pair by pair, and prints the ratio of their medians.

use std::future::{Future, IntoFuture};
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use purecloud_platform_client::models::{TrustUserEntityListing, Trustee};
use purecloud_platform_client::{Client, RetryPolicy};
use reqwest::header::ACCEPT;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TRUSTEE_PATH: &str = "/api/v2/orgauthorization/trustees/org-1";
const USERS_PATH: &str = "/api/v2/orgauthorization/trustees/org-1/users";

fn trustee() -> Value {
    json!({
        "id": "org-1",
        "enabled": true,
        "usesDefaultRole": false,
        "dateCreated": "2024-05-01T10:20:30.123Z",
        "organization": {"id": "org-1", "name": "Acme", "version": 7, "state": "active"},
        "selfUri": "/api/v2/orgauthorization/trustees/org-1"
    })
}

/// A user as the API sends one: nested objects, lists, dates and a manager.
fn user(index: usize) -> Value {
    let id = format!("user-{index:05}");
    json!({
        "id": id,
        "name": format!("User Number {index}"),
        "division": {"id": "div-1", "name": "Home", "selfUri": "/api/v2/authorization/divisions/div-1"},
        "chat": {"jabberId": format!("{id}@acme.orgspan.com")},
        "department": "Support",
        "email": format!("{id}@acme.example"),
        "primaryContactInfo": [
            {"address": format!("{id}@acme.example"), "mediaType": "EMAIL", "type": "PRIMARY"},
            {"address": "+15550100", "display": "+1 555-0100", "mediaType": "PHONE", "type": "WORK"}
        ],
        "addresses": [{"address": "+15550101", "mediaType": "PHONE", "type": "MOBILE", "countryCode": "US"}],
        "state": "active",
        "title": "Agent",
        "username": format!("{id}@acme.example"),
        "manager": {"id": "user-00000", "name": "Boss", "version": 3, "state": "active"},
        "images": [
            {"resolution": "x96", "imageUri": format!("https://images.example/{id}/96.png")},
            {"resolution": "x300", "imageUri": format!("https://images.example/{id}/300.png")}
        ],
        "version": 12,
        "certifications": ["cx", "wfm"],
        "biography": {"biography": "Long-time agent.", "interests": ["chess", "running"], "hobbies": ["baking"]},
        "employerInfo": {"officialName": "Acme Corp", "employeeId": format!("E{index}"), "employeeType": "Full-time", "dateHire": "2019-03-01"},
        "dateLastLogin": "2024-05-01T08:00:00.000Z",
        "acdAutoAnswer": false,
        "trustUserDetails": {"addedBy": {"id": "admin-1", "name": "Admin"}, "dateCreated": "2023-01-01T00:00:00Z"},
        "selfUri": format!("/api/v2/users/{id}")
    })
}

fn users_page(count: usize) -> Value {
    json!({
        "entities": (0..count).map(user).collect::<Vec<_>>(),
        "pageSize": count,
        "pageNumber": 1,
        "total": count,
        "pageCount": 1,
        "selfUri": USERS_PATH
    })
}

struct Setup {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
    client: Client,
    http: reqwest::Client,
}

fn setup(large_page: &Value) -> Setup {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let server = runtime.block_on(async {
        // Recording every request would grow memory over thousands of iterations.
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        Mock::given(method("GET"))
            .and(path(TRUSTEE_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(trustee()))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(USERS_PATH))
            .respond_with(ResponseTemplate::new(200).set_body_json(large_page))
            .mount(&server)
            .await;
        server
    });
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("bench-token")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("a client");
    Setup {
        runtime,
        server,
        client,
        http: reqwest::Client::new(),
    }
}

/// The call a user would write without the generated client, with the client's default
/// 30-second timeout per attempt: that timer alone is about 7 % of a small call on loopback
/// (docs/performance.md).
async fn hand_written<T: serde::de::DeserializeOwned>(http: &reqwest::Client, url: &str) -> T {
    let response = http
        .get(url)
        .bearer_auth("bench-token")
        .timeout(Duration::from_secs(30))
        .header(ACCEPT, "application/json")
        .send()
        .await
        .expect("the server answers");
    let body = response.bytes().await.expect("a body");
    serde_json::from_slice(&body).expect("the body decodes")
}

/// Times `rounds` pairs of calls, alternating which of the two goes first, and prints each
/// side's median and the ratio `generated / hand_written`.
fn interleaved<G, H>(
    runtime: &tokio::runtime::Runtime,
    name: &str,
    rounds: usize,
    generated: impl Fn() -> G,
    hand_written: impl Fn() -> H,
) where
    G: Future,
    H: Future,
{
    let timed = |run: &dyn Fn()| {
        let started = Instant::now();
        run();
        started.elapsed()
    };
    let run_generated = || {
        black_box(runtime.block_on(generated()));
    };
    let run_hand_written = || {
        black_box(runtime.block_on(hand_written()));
    };
    let mut generated_times = Vec::with_capacity(rounds);
    let mut hand_written_times = Vec::with_capacity(rounds);
    // The first tenth warms the connection pools and caches up and is not kept.
    for round in 0..rounds + rounds / 10 {
        let (generated, hand_written) = if round % 2 == 0 {
            let generated = timed(&run_generated);
            (generated, timed(&run_hand_written))
        } else {
            let hand_written = timed(&run_hand_written);
            (timed(&run_generated), hand_written)
        };
        if round >= rounds / 10 {
            generated_times.push(generated);
            hand_written_times.push(hand_written);
        }
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let generated = median(&mut generated_times);
    let hand_written = median(&mut hand_written_times);
    println!(
        "{name} (interleaved, {rounds} pairs): generated client {generated:.2?}, hand-written \
         {hand_written:.2?}, ratio {:.3}",
        generated.as_secs_f64() / hand_written.as_secs_f64()
    );
}

fn benches(c: &mut Criterion) {
    let large_page = users_page(900);
    let large_bytes = serde_json::to_vec(&large_page).expect("the page serializes");
    assert!(
        large_bytes.len() >= 1 << 20,
        "the page is {} bytes",
        large_bytes.len()
    );
    let setup = setup(&large_page);
    let trustee_url = format!("{}{TRUSTEE_PATH}", setup.server.uri());
    let users_url = format!("{}{USERS_PATH}", setup.server.uri());

    interleaved(
        &setup.runtime,
        "call_small_body",
        3000,
        || {
            setup
                .client
                .organization_authorization()
                .get_orgauthorization_trustee("org-1")
                .into_future()
        },
        || hand_written::<Trustee>(&setup.http, &trustee_url),
    );
    interleaved(
        &setup.runtime,
        "call_1mb_body",
        200,
        || {
            setup
                .client
                .organization_authorization()
                .get_orgauthorization_trustee_users("org-1")
                .into_future()
        },
        || hand_written::<TrustUserEntityListing>(&setup.http, &users_url),
    );

    let mut call = c.benchmark_group("call_small_body");
    call.bench_function("generated_client", |b| {
        b.to_async(&setup.runtime).iter(|| async {
            let trustee = setup
                .client
                .organization_authorization()
                .get_orgauthorization_trustee("org-1")
                .await
                .expect("the call succeeds");
            black_box(trustee)
        })
    });
    call.bench_function("hand_written_reqwest", |b| {
        b.to_async(&setup.runtime)
            .iter(|| async { black_box(hand_written::<Trustee>(&setup.http, &trustee_url).await) })
    });
    call.finish();

    let mut large = c.benchmark_group("call_1mb_body");
    large.sample_size(20);
    large.bench_function("generated_client", |b| {
        b.to_async(&setup.runtime).iter(|| async {
            let page = setup
                .client
                .organization_authorization()
                .get_orgauthorization_trustee_users("org-1")
                .await
                .expect("the call succeeds");
            black_box(page)
        })
    });
    large.bench_function("hand_written_reqwest", |b| {
        b.to_async(&setup.runtime).iter(|| async {
            black_box(hand_written::<TrustUserEntityListing>(&setup.http, &users_url).await)
        })
    });
    large.finish();

    let mut decode = c.benchmark_group("decode_1mb");
    decode.sample_size(30);
    decode.bench_function("serde_json_from_slice", |b| {
        b.iter(|| {
            let page: TrustUserEntityListing =
                serde_json::from_slice(black_box(&large_bytes)).expect("decodes");
            black_box(page)
        })
    });
    decode.bench_function("serde_json_value", |b| {
        b.iter(|| {
            let page: Value = serde_json::from_slice(black_box(&large_bytes)).expect("decodes");
            black_box(page)
        })
    });
    decode.finish();

    // Encoding goes through one shared, type-erased function per model (codec::encode_object);
    // this is what that costs against serde_json's own encoding of the same document.
    let large_value: Value = serde_json::from_slice(&large_bytes).expect("decodes");
    let mut encode = c.benchmark_group("encode_1mb");
    encode.sample_size(30);
    encode.bench_function("models_to_vec", |b| {
        b.iter(|| black_box(serde_json::to_vec(black_box(&large_page)).expect("encodes")))
    });
    encode.bench_function("serde_json_value_to_vec", |b| {
        b.iter(|| black_box(serde_json::to_vec(black_box(&large_value)).expect("encodes")))
    });
    encode.finish();
}

criterion_group!(client, benches);
criterion_main!(client);
