//! Shared by the HTTP tests: a mock server with a client pointed at it, the request matchers
//! wiremock does not ship, and hand-written API documents that several tests answer with.

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

use purecloud_platform_client::chrono::{DateTime, Utc};
use purecloud_platform_client::{Client, USER_AGENT};
use serde::Serialize;
use serde_json::{Map, Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Match, Mock, MockBuilder, MockServer, Request, ResponseTemplate};

/// The bearer token every test client sends.
pub const TOKEN: &str = "test-token";

/// An id with every character that must not escape its path segment.
pub const NASTY_ID: &str = "org/1?x#y %z";
/// [`NASTY_ID`] as it must appear on the wire: one segment.
pub const NASTY_ENCODED: &str = "org%2F1%3Fx%23y%20%25z";
/// An id with query-ish and sub-delimiter characters.
pub const AMP_ID: &str = "grp+1&a=b;c";
/// [`AMP_ID`] on the wire.
pub const AMP_ENCODED: &str = "grp%2B1%26a%3Db%3Bc";
/// An id that looks already encoded: the `%` must itself be encoded, not passed through.
pub const PRE_ENCODED_ID: &str = "usr%2F7";
/// [`PRE_ENCODED_ID`] on the wire.
pub const PRE_ENCODED_ENCODED: &str = "usr%252F7";
/// A non-ASCII id with a colon and an at sign.
pub const UNICODE_ID: &str = "usér:1@x";
/// [`UNICODE_ID`] on the wire: UTF-8 bytes, percent-encoded.
pub const UNICODE_ENCODED: &str = "us%C3%A9r%3A1%40x";
/// Unreserved characters, which travel as they are.
pub const PLAIN_ID: &str = "a.b-c_d~e";

/// The timestamp used in every document.
pub const WHEN: &str = "2024-05-01T10:20:30.123Z";

/// Keys the documents carry that no model knows: decoding must keep them, encoding write them
/// back.
pub const EXTRA_KEYS: &[&str] = &["legacyRef", "rolloutWave"];

/// [`WHEN`] as a value.
pub fn when() -> DateTime<Utc> {
    WHEN.parse().expect("WHEN is RFC 3339")
}

/// A fresh mock server and a client aimed at it.
pub async fn start() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token(TOKEN)
        .build()
        .expect("the mock server URI is a usable base URL");
    (server, client)
}

/// What every request carries: the method, the exact still-encoded path and the standard headers.
fn request(verb: &str, encoded_path: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(encoded_path))
        .and(header("authorization", "Bearer test-token"))
        .and(header("accept", "application/json"))
        .and(header("user-agent", USER_AGENT))
}

/// A request without a body: no `Content-Type`, nothing after the headers.
pub fn bodiless(verb: &str, encoded_path: &str) -> MockBuilder {
    request(verb, encoded_path)
        .and(HeaderAbsent("content-type"))
        .and(EmptyBody)
}

/// A request whose body is exactly the JSON document `body`.
pub fn with_json(verb: &str, encoded_path: &str, body: Value) -> MockBuilder {
    request(verb, encoded_path)
        .and(header("content-type", "application/json"))
        .and(body_json(body))
}

/// Mounts `mock` to answer `response`, expecting exactly one matching request.
pub async fn answer_once(server: &MockServer, mock: MockBuilder, response: ResponseTemplate) {
    mock.respond_with(response).expect(1).mount(server).await;
}

/// 200 with `body` as JSON.
pub fn ok_json(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// 204 and nothing else.
pub fn no_content() -> ResponseTemplate {
    ResponseTemplate::new(204)
}

/// Matches the raw query string byte for byte; `None` means the URL has no `?` at all.
pub struct RawQuery(pub Option<&'static str>);

impl Match for RawQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query() == self.0
    }
}

/// Matches when the request has no header of this (lower-case) name.
pub struct HeaderAbsent(pub &'static str);

impl Match for HeaderAbsent {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}

/// Matches a request with a zero-length body.
pub struct EmptyBody;

impl Match for EmptyBody {
    fn matches(&self, request: &Request) -> bool {
        request.body.is_empty()
    }
}

/// `sent` as the client should serialize it back: without the nulls of the properties the spec
/// lists (null reads as absent), with the properties it does not list ([`EXTRA_KEYS`]) exactly
/// as sent, nulls included, since models keep those in their unknown fields.
pub fn pruned(sent: &Value) -> Value {
    match sent {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(key, value)| !value.is_null() || EXTRA_KEYS.contains(&key.as_str()))
                .map(|(key, value)| {
                    let value = if EXTRA_KEYS.contains(&key.as_str()) {
                        value.clone()
                    } else {
                        pruned(value)
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(pruned).collect()),
        other => other.clone(),
    }
}

/// Every field of `sent` survived decoding: re-serializing `decoded` gives `sent` back, less
/// the nulls of known properties (unknown keys and enum values included, unchanged).
pub fn assert_round_trip<T: Serialize>(decoded: &T, sent: &Value) {
    let back = serde_json::to_value(decoded).expect("a decoded model serializes");
    assert_eq!(
        back,
        pruned(sent),
        "the decoded model lost or changed a field"
    );
}

/// `base` with `more` fields added or replaced.
fn extend(mut base: Value, more: Value) -> Value {
    let fields: &mut Map<String, Value> = base.as_object_mut().expect("an object");
    if let Value::Object(more) = more {
        fields.extend(more);
    }
    base
}

/// An organization in the unknown state `suspended`.
pub fn organization(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "defaultLanguage": "en-us",
        "defaultCountryCode": "US",
        "thirdPartyOrgName": null,
        "domain": "acme-support",
        "features": {"purecloud": true, "webrtcSoftphone": false},
        "version": 7,
        "state": "suspended",
        "productPlatform": "GenesysCloud",
        "voicemailEnabled": true,
        "supportURI": "https://help.example/acme",
        "selfUri": "/api/v2/organizations/acme",
        "rolloutWave": {"wave": 3, "regions": ["eu-west-1"]}
    })
}

/// A user document, accepted by `User`, `OrgUser` and `TrustUser` alike; `manager` may be null.
pub fn person(id: &str, name: &str, manager: Value) -> Value {
    let email = format!("{}@acme.example", id);
    json!({
        "id": id,
        "name": name,
        "division": {"id": "div-home", "name": "Home", "selfUri": "/api/v2/authorization/divisions/div-home"},
        "chat": {"jabberId": format!("{id}@acme.chat")},
        "department": null,
        "email": email,
        "primaryContactInfo": [{"address": email, "mediaType": "EMAIL", "type": "PRIMARY"}],
        "state": "active",
        "title": "Engineer",
        "manager": manager,
        "version": 4,
        "dateLastLogin": WHEN,
        "legacyRef": {"system": "cic", "key": 17}
    })
}

/// Grace Hopper, managed by Alan Turing, who has no manager.
pub fn manager_chain() -> Value {
    person(
        "mgr-grace",
        "Grace Hopper",
        person("mgr-alan", "Alan Turing", Value::Null),
    )
}

/// An `OrgUser` in the unknown state `suspended`, with a manager chain and an organization.
pub fn org_user(id: &str, name: &str) -> Value {
    extend(
        person(id, name, manager_chain()),
        json!({"state": "suspended", "organization": organization("org-home", "Acme Home")}),
    )
}

/// A `TrustUser` with a manager chain, nested details and several unknown enum values.
pub fn trust_user(id: &str, name: &str) -> Value {
    extend(
        person(id, name, manager_chain()),
        json!({
            "addresses": [{"address": "+15550100", "display": "Fax", "mediaType": "FAX", "type": "WORK"}],
            "routingStatus": {"userId": id, "status": "ON_BREAK", "startTime": WHEN},
            "biography": {
                "biography": "Support lead",
                "hobbies": ["chess"],
                "education": [{"school": "Polytechnique", "dateStart": "2010-09-01", "dateEnd": null}]
            },
            "geolocation": {"id": "geo-1", "latitude": 48.8566, "longitude": 2.3522, "city": "Paris"},
            "skills": [{"id": "sk-1", "name": "French", "proficiency": 4.5, "state": "active"}],
            "acdAutoAnswer": false,
            "trustUserDetails": {"dateCreated": WHEN, "createdBy": person("creator-1", "Cora Creator", Value::Null)}
        }),
    )
}

/// A trustee with its organization and creator.
pub fn trustee(org_id: &str) -> Value {
    json!({
        "id": org_id,
        "enabled": true,
        "usesDefaultRole": false,
        "hasFullAccess": null,
        "isTrustedUser": true,
        "dateCreated": WHEN,
        "dateExpired": null,
        "createdBy": org_user("creator-1", "Cora Creator"),
        "organization": organization(org_id, "Acme Support"),
        "selfUri": "/api/v2/orgauthorization/trustees/acme",
        "legacyRef": "trust-9"
    })
}

/// A disabled trustor with the permissions it grants, on a platform the client does not know.
pub fn trustor(org_id: &str) -> Value {
    json!({
        "id": org_id,
        "enabled": false,
        "dateCreated": WHEN,
        "createdBy": org_user("creator-2", "Tom Trustor"),
        "organization": extend(
            organization(org_id, "Acme Customer"),
            json!({"productPlatform": "FutureCloud"}),
        ),
        "authorization": {"permissions": ["directory:user:view", "routing:queue:view"]},
        "selfUri": "/api/v2/orgauthorization/trustors/acme",
        "legacyRef": null
    })
}

/// A group in the unknown state `archived`, owned by a user with a manager chain.
pub fn trust_group(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Tier 2 support",
        "description": null,
        "dateModified": WHEN,
        "memberCount": 12,
        "state": "archived",
        "version": 3,
        "type": "official",
        "images": [{"resolution": "x96", "imageUri": "https://img.example/g.png"}],
        "addresses": [{"address": "+3225551234", "display": "Hotline", "type": "GROUPRING", "mediaType": "PHONE"}],
        "rulesVisible": true,
        "visibility": "public",
        "rolesEnabled": true,
        "owners": [person("owner-1", "Olga Owner", manager_chain())],
        "dateCreated": WHEN,
        "createdBy": org_user("creator-1", "Cora Creator"),
        "legacyRef": [1, 2, 3]
    })
}

/// Roles, permissions and a policy whose condition tree has an unknown operator `MATCHES`.
pub fn user_authorization() -> Value {
    json!({
        "roles": [{"id": "role-admin", "name": "Admin"}, {"id": "role-agent", "name": null}],
        "unusedRoles": [],
        "permissions": ["authorization:orgTrustee:view", "directory:user:view"],
        "permissionPolicies": [{
            "id": "pp-1",
            "domain": "directory",
            "entityName": "user",
            "policyName": "view",
            "actionSetKey": "view",
            "allowConditions": true,
            "resourceConditionNode": {
                "conjunction": "AND",
                "terms": [
                    {"variableName": "user.division", "operator": "IN",
                     "operands": [{"type": "SCALAR", "value": "div-home"}]},
                    {"variableName": "user.title", "operator": "MATCHES",
                     "operands": [{"type": "PATTERN", "value": "lead*"}]}
                ]
            },
            "namedResources": null,
            "actionSet": ["view"]
        }],
        "legacyRef": "ua"
    })
}

/// A cloned user of the trustor organization.
pub fn cloned_user(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Clara Clone",
        "trustor": {"id": "trustor-org", "name": "Acme Customer", "selfUri": "/api/v2/orgauthorization/trustors/trustor-org"},
        "selfUri": null,
        "legacyRef": true
    })
}

/// A page of a paged listing.
pub fn page(entities: Vec<Value>, page_size: i32, page_number: i32, total: i64) -> Value {
    json!({
        "entities": entities,
        "pageSize": page_size,
        "pageNumber": page_number,
        "total": total,
        "firstUri": "/api/v2/page?pageNumber=1",
        "selfUri": "/api/v2/page?pageNumber=3",
        "lastUri": "/api/v2/page?pageNumber=4",
        "nextUri": "/api/v2/page?pageNumber=4",
        "previousUri": null,
        "pageCount": 4,
        "rolloutWave": 2
    })
}

/// A pairing: the trustee organization (on the platform literally named `Unknown`) and the
/// users and groups it asked for.
pub fn trust_request(id: &str) -> Value {
    json!({
        "id": id,
        "createdBy": org_user("creator-1", "Cora Creator"),
        "dateCreated": WHEN,
        "trustee": extend(
            organization("org-trustee", "Acme Support"),
            json!({"productPlatform": "Unknown"}),
        ),
        "users": [org_user("user-1", "Uma User")],
        "groups": [trust_group("grp-1")],
        "selfUri": format!("/api/v2/orgauthorization/pairings/{id}"),
        "legacyRef": 5
    })
}
